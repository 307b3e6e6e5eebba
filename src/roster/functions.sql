-- src/roster/functions.sql: roster functions: transfer with persons, loan settlement, counts, headcount_status
-- ---------------------------------------------------------------------------
-- Roster functions: 编随事转 with 人随编走, loan settlement, and the counts
-- the views and quota.verify() use.
-- ---------------------------------------------------------------------------


CREATE FUNCTION quota.staff_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT s.org_id, s.category, count(*) FROM quota.staff s WHERE s.left_on IS NULL GROUP BY 1, 2
$$;
COMMENT ON FUNCTION quota.staff_counts() IS 'active staff per org and category, counted from the roster';

CREATE FUNCTION quota.reserved_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT h.org_id, h.category, sum(h.slots - ha.used)::bigint
	FROM quota.hiring h JOIN quota.hiring_account ha ON ha.hiring_id = h.id
	WHERE NOT ha.released GROUP BY 1, 2
$$;
COMMENT ON FUNCTION quota.reserved_counts() IS 'vacancies reserved by open hiring approvals per org and category';

-- The people who moved with posts take their seats at the receiver: the
-- entry path's own checks (quota.occupy: vacancy, expired loans, 只出不进;
-- quota.lead: 领导职数; the rank of the post; the headcount cap), after the
-- posts have moved, so a rule about the posts is reported before a rule
-- about the people (§8).  C (quota_seat_arrive, src/roster/seats.c).
CREATE FUNCTION quota.seat_arrivals() RETURNS void
	AS 'MODULE_PATHNAME', 'quota_seat_arrivals' LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION quota.seat_arrivals() IS 'internal: seats the people who moved with posts at their receiver, through the entry path''s checks';
REVOKE ALL ON FUNCTION quota.seat_arrivals() FROM PUBLIC;

-- 编随事转 + 人随编走: posts and the named people move together, all or nothing
CREATE FUNCTION quota.move_with_persons(from_org bigint, to_org bigint, category text, amount integer,
										doc_no text, persons bigint[], allow_excess boolean) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
BEGIN
	mid := quota.move_posts_and_persons(from_org, to_org, category, amount, doc_no, persons, allow_excess);
	PERFORM quota.seat_arrivals();
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.move_with_persons(bigint, bigint, text, integer, text, bigint[], boolean) IS
	'internal: posts and named people move together; the source''s free posts count the people as gone; the receiver must hold them unless reform excess is allowed (merges)';
REVOKE ALL ON FUNCTION quota.move_with_persons(bigint, bigint, text, integer, text, bigint[], boolean) FROM PUBLIC;

-- the first half: the people leave the source (so that its free posts count
-- them as gone), the posts move with every rule of the ledger; the people's
-- seats at the receiver wait for quota.seat_arrivals
CREATE FUNCTION quota.move_posts_and_persons(from_org bigint, to_org bigint, category text, amount integer,
											 doc_no text, persons bigint[], allow_excess boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
	n integer;
	found_n integer;
	missing bigint;
BEGIN
	IF persons IS NULL OR array_position(persons, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'persons must be an array of staff ids without NULLs' USING ERRCODE = '22023',
			HINT = 'Pass ARRAY[staff_id, ...] of the people moving with the posts (人随编走), or none.';
	END IF;
	-- the document first: people move before the posts (so that the source counts them
	-- as gone), and a refused document must be reported as such (DESIGN.md §8 order)
	PERFORM quota.authority_check(doc_no, o.division, 'transfer (编随事转)')
	   FROM quota.org o WHERE o.id IN (move_posts_and_persons.from_org, move_posts_and_persons.to_org) ORDER BY o.id;
	SELECT count(DISTINCT p)::integer INTO n FROM unnest(persons) p;
	-- lock the named people; each must be active staff of the source in that category
	SELECT count(*)::integer INTO found_n FROM (
		SELECT s.id FROM quota.staff s
		 WHERE s.id = ANY (persons) AND s.org_id = move_posts_and_persons.from_org
		   AND s.category = move_posts_and_persons.category AND s.left_on IS NULL
		 ORDER BY s.id FOR UPDATE) x;
	IF found_n <> n OR n <> cardinality(persons) THEN
		SELECT p INTO missing FROM unnest(persons) p
		 WHERE NOT EXISTS (SELECT 1 FROM quota.staff s WHERE s.id = p AND s.org_id = move_posts_and_persons.from_org
							 AND s.category = move_posts_and_persons.category AND s.left_on IS NULL)
		 LIMIT 1;
		PERFORM quota.raise_rule('quota_movement_shape', 'movement',
			format('person %s is not active %s staff of %s', COALESCE(missing::text, '(repeated)'), category, quota.org_text(from_org)),
			'人随编走: every named person must hold an active post of the moving category in the source, once.');
	END IF;
	INSERT INTO quota.staff_pass (staff_id, allow_excess, arriving) SELECT p, allow_excess, true FROM unnest(persons) p;
	UPDATE quota.staff s SET org_id = move_posts_and_persons.to_org, change_doc = move_posts_and_persons.doc_no
	 WHERE s.id = ANY (persons);
	mid := quota.internal_movement_or_checked('transfer', category, amount, from_org, NULL, to_org, NULL, doc_no, allow_excess);
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.move_posts_and_persons(bigint, bigint, text, integer, text, bigint[], boolean) IS
	'internal: the named people leave the source and the posts move; quota.seat_arrivals then seats the people at the receiver';
REVOKE ALL ON FUNCTION quota.move_posts_and_persons(bigint, bigint, text, integer, text, bigint[], boolean) FROM PUBLIC;

CREATE FUNCTION quota.transfer_with_persons(from_org bigint, to_org bigint, category text, amount integer,
											doc_no text, persons bigint[]) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	-- the caller's jurisdiction scope first (DESIGN.md §10), then the checks as the owner
	SELECT quota.scope_require(ARRAY[from_org, to_org], 'quota.transfer');
	SELECT quota.move_with_persons(from_org, to_org, category, amount, doc_no, persons, false)
$$;
COMMENT ON FUNCTION quota.transfer_with_persons(bigint, bigint, text, integer, text, bigint[]) IS
	'编随事转 + 人随编走: quota.transfer with persons, every rule checked';

-- an ordinary (authority-checked) movement, or an internal one for reform operations
CREATE FUNCTION quota.internal_movement_or_checked(kind text, category text, amount integer, from_org bigint, from_pool bigint,
												   to_org bigint, to_pool bigint, doc_no text, internal boolean) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
BEGIN
	IF internal THEN
		RETURN quota.internal_movement(kind, category, amount, from_org, from_pool, to_org, to_pool, doc_no,
									   NULL, NULL, NULL, NULL);
	END IF;
	INSERT INTO quota.movement (kind, category, amount, from_org, from_pool, to_org, to_pool, doc_no)
	VALUES (kind, category, amount, from_org, from_pool, to_org, to_pool, doc_no)
	RETURNING id INTO mid;
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.internal_movement_or_checked(text, text, integer, bigint, bigint, bigint, bigint, text, boolean) IS
	'internal: writes a movement, authority-checked unless internal';
REVOKE ALL ON FUNCTION quota.internal_movement_or_checked(text, text, integer, bigint, bigint, bigint, bigint, text, boolean) FROM PUBLIC;

-- a hiring approval's unused slots stop being reserved (expiry, merge)
CREATE FUNCTION quota.release_hiring(hid bigint) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	WITH released AS (
		UPDATE quota.hiring_account ha SET released = true FROM quota.hiring h
		 WHERE ha.hiring_id = hid AND h.id = ha.hiring_id AND NOT ha.released
		RETURNING h.org_id, h.category, h.slots - ha.used AS n
	)
	UPDATE quota.org_account a SET reserved = a.reserved - r.n
	  FROM released r WHERE a.org_id = r.org_id AND a.category = r.category
$$;
COMMENT ON FUNCTION quota.release_hiring(bigint) IS 'internal: releases the unused slots of a hiring approval';

-- Settle loans that expired before as_of: vacant borrowed posts return now,
-- occupied ones as people leave.  Also releases expired hiring approvals.
CREATE FUNCTION quota.settle_loans(as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (loan_id bigint, returned integer, still_occupied integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	l record;
	acc record;
	vacant integer;
	ret integer;
BEGIN
	IF as_of IS NULL OR NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'as_of must be a date, not NULL or an infinity' USING ERRCODE = '22023', HINT = 'Pass a finite date, e.g. current_date.';
	END IF;
	-- settling is permanent: a later date would expire loans before their term
	IF as_of > CURRENT_DATE THEN
		RAISE EXCEPTION 'as_of is after today' USING ERRCODE = '22023',
			DETAIL = 'Settling expires loans for good; loans are settled as of today or an earlier day.';
	END IF;
	-- a scoped caller settles the loans of the orgs in its scope only (DESIGN.md §10)
	PERFORM quota.scope_require('{}', 'quota.settle_loans');
	FOR l IN
		SELECT lo.loan_id, lo.pool_id, lo.org_id, lo.category, lo.outstanding, lo.expires_on, lo.expired, m.doc_no
		  FROM quota.loan lo JOIN quota.movement m ON m.id = lo.loan_id
		 WHERE lo.expires_on < as_of AND lo.outstanding > 0 AND quota.actor_sees_org(lo.org_id)
		 ORDER BY lo.loan_id
		   FOR UPDATE OF lo
	LOOP
		IF NOT l.expired THEN
			UPDATE quota.loan SET expired = true WHERE quota.loan.loan_id = l.loan_id;
		END IF;
		-- lock in the ledger's order: pool, then org account
		PERFORM 1 FROM quota.pool_account WHERE pool_id = l.pool_id FOR NO KEY UPDATE;
		SELECT a.approved, a.borrowed, a.occupied, a.reserved INTO acc FROM quota.org_account a
		 WHERE a.org_id = l.org_id AND a.category = l.category FOR NO KEY UPDATE;
		-- own posts are filled first, and a seat reserved by a hiring approval counts as filled
		vacant := GREATEST(acc.borrowed - GREATEST(acc.occupied + acc.reserved - acc.approved, 0), 0);
		ret := LEAST(l.outstanding, vacant);
		-- a loan settled before comes back only when posts fell vacant since (a reservation lapsed)
		CONTINUE WHEN l.expired AND ret = 0;
		IF ret > 0 THEN
			PERFORM quota.internal_movement('repay', l.category, ret, l.org_id, NULL, NULL, l.pool_id, l.doc_no,
				LEAST(l.expires_on + 1, CURRENT_DATE), NULL, l.loan_id,
				format('周转编制到期收回: loan %s expired on %s', l.loan_id, l.expires_on));
		END IF;
		loan_id := l.loan_id;
		returned := ret;
		still_occupied := l.outstanding - ret;
		RETURN NEXT;
	END LOOP;
	-- hiring approvals that have expired (by today: an approval still valid today
	-- can still be filled, whatever as_of says) release their unused slots
	PERFORM quota.release_hiring(hh.id)
	   FROM quota.hiring hh JOIN quota.hiring_account ha ON ha.hiring_id = hh.id
	  WHERE NOT ha.released AND hh.valid_until < LEAST(as_of, CURRENT_DATE) AND quota.actor_sees_org(hh.org_id)
	  ORDER BY hh.org_id, hh.category, hh.id;
END
$$;
COMMENT ON FUNCTION quota.settle_loans(date) IS 'settles every loan with expires_on < as_of: vacant borrowed posts return to the pool now, occupied ones as people leave; one row per loan settled';

CREATE VIEW quota.headcount_status AS
SELECT o.id AS org_id, o.headcount_cap,
	   COALESCE(sum(a.occupied) FILTER (WHERE a.category <> 'filed'), 0)::integer AS established_occupied,
	   COALESCE(sum(a.occupied) FILTER (WHERE a.category = 'filed'), 0)::integer AS filed_occupied,
	   (o.headcount_cap - COALESCE(sum(a.occupied), 0))::integer AS headroom
FROM quota.org o
LEFT JOIN quota.org_account a ON a.org_id = o.id
WHERE o.headcount_cap IS NOT NULL
GROUP BY o.id, o.headcount_cap;
COMMENT ON VIEW quota.headcount_status IS '人员总量: units under headcount management, with 编制内 and filed (备案) active staff and the headroom';
