-- src/security/guard.sql: no code of a non-owner runs as the owner: DDL on quota tables by non-owners is refused
-- ---------------------------------------------------------------------------
-- A trigger (or rule, or policy) on a quota table runs inside the
-- extension's checks, which run as the owner: whoever may create one may
-- run code as the owner.  quota.setup_roles() never grants TRIGGER, and this
-- event trigger refuses the DDL that attaches code to a quota table to every
-- role that does not hold the owner's privileges, whatever was granted (a
-- `GRANT ALL ON ALL TABLES IN SCHEMA quota` includes TRIGGER).  What a
-- superuser or the owner attaches anyway is reported by quota.verify() as
-- foreign_trigger, and the owner-run functions refuse to run while it exists
-- (quota.scope_require).
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.guard_ddl() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	c record;
	tbl oid;
BEGIN
	FOR c IN SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands() LOOP
		tbl := CASE
			WHEN c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass THEN c.objid
			WHEN c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_trigger'::pg_catalog.regclass
				THEN (SELECT t.tgrelid FROM pg_catalog.pg_trigger t WHERE t.oid OPERATOR(pg_catalog.=) c.objid)
			WHEN c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
				THEN (SELECT r.ev_class FROM pg_catalog.pg_rewrite r WHERE r.oid OPERATOR(pg_catalog.=) c.objid)
			WHEN c.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass
				THEN (SELECT p.polrelid FROM pg_catalog.pg_policy p WHERE p.oid OPERATOR(pg_catalog.=) c.objid)
			END;
		IF tbl IS NULL THEN
			CONTINUE;
		END IF;
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_class k
					WHERE k.oid OPERATOR(pg_catalog.=) tbl
					  AND k.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
					  AND NOT pg_catalog.pg_has_role(CURRENT_USER, k.relowner, 'USAGE')) THEN
			RAISE EXCEPTION 'permission denied: % on % is reserved to the owner of quota', c.command_tag, tbl::pg_catalog.regclass
				USING ERRCODE = '42501',
					  DETAIL = 'A trigger, rule or policy on a quota table runs inside the extension''s checks, as the owner.',
					  HINT = 'quota.setup_roles() grants what each role needs; TRIGGER is never granted.';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION quota.guard_ddl() IS 'event trigger: refuses CREATE TRIGGER, CREATE RULE, CREATE/ALTER POLICY and ALTER TABLE on quota tables to roles without the owner''s privileges';

CREATE EVENT TRIGGER quota_guard_ddl ON ddl_command_end
	WHEN TAG IN ('CREATE TRIGGER', 'ALTER TRIGGER', 'CREATE RULE', 'CREATE POLICY', 'ALTER POLICY', 'ALTER TABLE')
	EXECUTE FUNCTION quota.guard_ddl();
COMMENT ON EVENT TRIGGER quota_guard_ddl IS 'quota: no code of a non-owner is attached to a quota table (it would run as the owner)';
