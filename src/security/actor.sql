-- src/security/actor.sql: the real actor (quota.actor()) on every record, and owner-run checks
-- ---------------------------------------------------------------------------
-- Who did it.  recorded_by names the role that issued the statement or
-- called the function -- never the extension owner that the checks and the
-- owner-run functions switch to.  quota.actor() is the session's current
-- role (the outer user id), which a SECURITY DEFINER function does not
-- change and no caller can set.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.actor() RETURNS name
	AS 'MODULE_PATHNAME', 'quota_actor' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.actor() IS 'the role that issued the statement or called the function (the session''s current role), also inside owner-run functions and triggers';

ALTER TABLE quota.movement ALTER COLUMN recorded_by SET DEFAULT quota.actor();
COMMENT ON COLUMN quota.movement.recorded_by IS 'who recorded the row: quota.actor(), the role that issued the statement or called the function (never the owner an owner-run function switches to)';

-- the roster history (quota.staff_event) and the corrections (quota.correction,
-- DESIGN.md §12) record their actor the same way
DO $$
BEGIN
	IF pg_catalog.to_regclass('quota.staff_event') IS NOT NULL THEN
		ALTER TABLE quota.staff_event ALTER COLUMN recorded_by SET DEFAULT quota.actor();
	END IF;
	IF pg_catalog.to_regclass('quota.correction') IS NOT NULL THEN
		ALTER TABLE quota.correction ALTER COLUMN recorded_by SET DEFAULT quota.actor();
	END IF;
	IF pg_catalog.to_regclass('quota.staff_correction') IS NOT NULL THEN
		ALTER TABLE quota.staff_correction ALTER COLUMN recorded_by SET DEFAULT quota.actor();
	END IF;
END
$$;

CREATE FUNCTION quota.redacting() RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_redacting_sql' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.redacting() IS 'whether a rule error raised now leaves out its figures: the role that issued the statement is subject to jurisdiction scopes';
