-- src/roster/changes.sql: roster changes: moves, departures (出编) and seat release (the trigger in C, src/roster/changes.c); no DELETE or TRUNCATE
-- Free the seat of a leaving (or moving) person: a borrowed post first
-- (R4.6); a talent draw returns to its pool; under an expired loan the freed
-- borrowed post returns to its pool; with recall_on_exit an own post is
-- retired (退一收一); a leader post is released.  on_date is the date of the
-- event.  The SQL door of the one implementation in C (quota_seat_release,
-- src/roster/seats.c), which the change trigger calls directly.
CREATE FUNCTION quota.release_seat(s quota.staff, on_date date, moving boolean) RETURNS void
	AS 'MODULE_PATHNAME', 'quota_release_seat' LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.release_seat(quota.staff, date, boolean) IS 'internal: frees the seat of a leaving or moving person, with the loan and 退一收一 rules';

CREATE FUNCTION quota.staff_changes() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_staff_changes' LANGUAGE C;
COMMENT ON FUNCTION quota.staff_changes() IS 'statement trigger (C, src/roster/changes.c): checks and applies every row an UPDATE changed, set-wise -- leaving (出编), moves (a move needs a vacancy at the destination), post changes, id corrections; no after-trigger event per row';
CREATE TRIGGER staff_changes AFTER UPDATE ON quota.staff
	REFERENCING OLD TABLE AS old_staff NEW TABLE AS new_staff FOR EACH STATEMENT EXECUTE FUNCTION quota.staff_changes();
COMMENT ON TRIGGER staff_changes ON quota.staff IS 'leaving, moves and post changes';

CREATE FUNCTION quota.staff_no_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'TRUNCATE' OR OLD.left_on IS NULL THEN
		RAISE EXCEPTION 'active staff are not deleted: set left_on to record a departure (出编)'
			USING ERRCODE = '55000';
	END IF;
	RAISE EXCEPTION 'staff % is a record of the roster and is kept', OLD.id
		USING ERRCODE = '55000',
			  DETAIL = '实名制: a departed row is the record its change history (quota.staff_event) and any hiring approval it filled refer to.';
END
$$;
COMMENT ON FUNCTION quota.staff_no_delete() IS 'the roster keeps its rows: departures are recorded with left_on, and departed rows stay as the record';
CREATE TRIGGER staff_no_delete BEFORE DELETE ON quota.staff
	FOR EACH ROW EXECUTE FUNCTION quota.staff_no_delete();
COMMENT ON TRIGGER staff_no_delete ON quota.staff IS 'roster rows are not deleted';
CREATE TRIGGER staff_no_truncate BEFORE TRUNCATE ON quota.staff
	FOR EACH STATEMENT EXECUTE FUNCTION quota.staff_no_delete();
COMMENT ON TRIGGER staff_no_truncate ON quota.staff IS 'the roster is not truncated';
