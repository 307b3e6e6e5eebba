-- src/roster/history.sql: the roster's change records (实名制): immutability, the roster and the books as of a date
-- ---------------------------------------------------------------------------
-- quota.staff_event is written by the roster triggers only (quota.staff_entries,
-- quota.staff_changes): one row per entry, move, category or post change, id
-- correction and departure.  Like the ledger it is append-only for every role,
-- the owner included, so the roster of any past day can be rebuilt from it.
-- ---------------------------------------------------------------------------

CREATE TRIGGER staff_event_immutable BEFORE UPDATE OR DELETE ON quota.staff_event
	FOR EACH ROW EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER staff_event_immutable ON quota.staff_event IS 'the change records are append-only (quota_ledger_immutable)';
CREATE TRIGGER staff_event_no_truncate BEFORE TRUNCATE ON quota.staff_event
	FOR EACH STATEMENT EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER staff_event_no_truncate ON quota.staff_event IS 'the change records are not truncated (quota_ledger_immutable)';

-- the active roster on a date: each row's last change recorded on or before
-- it, unless that change is its departure
CREATE FUNCTION quota.roster_at(as_of date)
RETURNS TABLE (staff_id bigint, person_id text, org_id bigint, category text, post text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF as_of IS NULL OR NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'as_of must be a date, not NULL or an infinity' USING ERRCODE = '22023', HINT = 'Pass a finite date, e.g. current_date.';
	END IF;
	RETURN QUERY
	SELECT l.staff_id, l.person_id, l.org_id, l.category, l.post
	  FROM (SELECT DISTINCT ON (e.staff_id) e.staff_id, e.person_id, e.org_id, e.category, e.post, e.kind
			  FROM quota.staff_event e
			 WHERE e.on_date <= as_of
			 ORDER BY e.staff_id, e.on_date DESC, e.id DESC) l
	 WHERE l.kind <> 'leave'
	 ORDER BY l.staff_id;
END
$$;
COMMENT ON FUNCTION quota.roster_at(date) IS '实名制 roster as of a date, rebuilt from the change records (quota.staff_event): who held which post that day';
REVOKE EXECUTE ON FUNCTION quota.roster_at(date) FROM PUBLIC;

CREATE FUNCTION quota.establishment_at(as_of date)
RETURNS TABLE (org_id bigint, category text, approved integer, borrowed integer, occupied integer)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF as_of IS NULL OR NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'as_of must be a date, not NULL or an infinity' USING ERRCODE = '22023', HINT = 'Pass a finite date, e.g. current_date.';
	END IF;
	RETURN QUERY
	SELECT e.org_id, e.category, sum(e.approved)::integer, sum(e.borrowed)::integer, sum(e.occupied)::integer
	FROM (
		SELECT m.to_org AS org_id, m.category,
			   CASE WHEN m.kind = 'lend' THEN 0 ELSE m.amount END AS approved,
			   CASE WHEN m.kind = 'lend' THEN m.amount ELSE 0 END AS borrowed,
			   0 AS occupied
		FROM quota.movement m
		WHERE m.to_org IS NOT NULL AND m.effective_on <= as_of
		UNION ALL
		SELECT m.from_org, m.category,
			   CASE WHEN m.kind = 'repay' THEN 0 ELSE -m.amount END,
			   CASE WHEN m.kind = 'repay' THEN -m.amount ELSE 0 END,
			   0
		FROM quota.movement m
		WHERE m.from_org IS NOT NULL AND m.effective_on <= as_of
		UNION ALL
		SELECT r.org_id, r.category, 0, 0, 1
		FROM quota.roster_at(as_of) r
		WHERE r.category <> 'filed'
	) e
	GROUP BY e.org_id, e.category
	HAVING sum(e.approved) > 0 OR sum(e.borrowed) > 0 OR sum(e.occupied) > 0
	ORDER BY 1, 2;
END
$$;
COMMENT ON FUNCTION quota.establishment_at(date) IS 'the books as of a date: approved and borrowed posts rebuilt from the ledger by effective_on, occupied posts from the roster''s change records (编制内 staff, filed staff excluded)';
