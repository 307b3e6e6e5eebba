-- src/ops/drop_guard.sql: DROP EXTENSION quota (without CASCADE) refuses while the ledger or the roster holds rows

CREATE FUNCTION quota.drop_guard() RETURNS event_trigger
LANGUAGE c SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'quota_drop_guard';
COMMENT ON FUNCTION quota.drop_guard() IS 'internal: event trigger (ddl_command_start) that refuses DROP EXTENSION quota without CASCADE while quota.movement or quota.staff holds rows, unless quota.allow_drop() was called in the same transaction';
REVOKE ALL ON FUNCTION quota.drop_guard() FROM PUBLIC;

CREATE FUNCTION quota.allow_drop() RETURNS void
LANGUAGE c VOLATILE SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'quota_allow_drop';
COMMENT ON FUNCTION quota.allow_drop() IS 'lets DROP EXTENSION quota delete the books (ledger, roster, accounts) later in the same transaction: BEGIN; SELECT quota.allow_drop(); DROP EXTENSION quota; COMMIT;';
REVOKE ALL ON FUNCTION quota.allow_drop() FROM PUBLIC;

CREATE EVENT TRIGGER quota_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION')
	EXECUTE FUNCTION quota.drop_guard();
COMMENT ON EVENT TRIGGER quota_drop_guard IS 'keeps a plain DROP EXTENSION quota from deleting the establishment books; see quota.allow_drop()';
