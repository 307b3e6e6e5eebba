-- src/roster/changes.sql: roster changes: moves, departures (出编) and seat release (the trigger in C, src/roster/changes.c); no DELETE or TRUNCATE
-- Free the seat of a leaving (or moving) person: a borrowed post first
-- (R4.6); a talent draw returns to its pool; under an expired loan the freed
-- borrowed post returns to its pool; with recall_on_exit an own post is
-- retired (退一收一).  on_date is the date of the event.
CREATE FUNCTION quota.release_seat(s quota.staff, on_date date, moving boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
	l record;
	td bigint;
	eff date := LEAST(on_date, CURRENT_DATE);
BEGIN
	UPDATE quota.org_account SET occupied = occupied - 1
	 WHERE org_id = s.org_id AND category = s.category
	RETURNING approved, borrowed, occupied, reserved INTO acc;
	IF s.post IN ('chief', 'deputy') THEN
		PERFORM quota.lead(s.org_id, s.post, -1, false);
	END IF;
	IF s.category = 'filed' THEN
		RETURN;
	END IF;
	DELETE FROM quota.talent_draw WHERE staff_id = s.id RETURNING loan_id INTO td;
	IF td IS NOT NULL THEN
		SELECT lo.loan_id, lo.pool_id, lo.outstanding, m.doc_no, m.effective_on INTO l
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id WHERE lo.loan_id = td;
		IF l.outstanding > 0 THEN
			-- (never dated before the loan itself: a backdated departure returns it on the loan's day)
			PERFORM quota.internal_movement('repay', s.category, 1, s.org_id, NULL, NULL, l.pool_id, l.doc_no,
				GREATEST(eff, l.effective_on), NULL,
				l.loan_id, format('人才编制: return of the draw for %s (staff %s)', s.name, s.id));
			RETURN;
		END IF;
		-- the draw was returned already (its loan settled): the person sits on an
		-- own post like anyone else, and the rules below (退一收一 included) apply
	END IF;
	IF acc.occupied + 1 > acc.approved THEN
		-- the freed post is a borrowed one: an expired loan takes it back
		SELECT lo.loan_id, lo.pool_id, m.doc_no, m.effective_on INTO l
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id
		 WHERE lo.org_id = s.org_id AND lo.category = s.category AND lo.outstanding > 0
		   AND (lo.expired OR lo.expires_on < eff)
		 ORDER BY lo.expires_on, lo.loan_id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.internal_movement('repay', s.category, 1, s.org_id, NULL, NULL, l.pool_id, l.doc_no,
				GREATEST(eff, l.effective_on), NULL,
				l.loan_id, format('周转编制到期收回: post freed by %s (staff %s)', s.name, s.id));
		END IF;
	ELSIF NOT moving AND acc.approved - acc.occupied - acc.reserved >= 1
		  AND (SELECT recall_on_exit FROM quota.org WHERE id = s.org_id) THEN
		PERFORM quota.internal_movement('retire', s.category, 1, s.org_id, NULL, NULL, NULL, s.entry_doc, eff, NULL,
			NULL, format('退一收一: post of %s (staff %s) retired on leaving', s.name, s.id));
	END IF;
END
$$;
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
