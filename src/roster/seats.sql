-- src/roster/seats.sql: seat accounting: occupy, leadership fill, talent draws
-- posts of expired loans still at an org (usable by nobody new)
CREATE FUNCTION quota.expired_borrowed(o bigint, c text) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT COALESCE(sum(outstanding), 0)::integer FROM quota.loan
			 WHERE org_id = o AND category = c AND outstanding > 0 AND (expired OR expires_on < CURRENT_DATE));
END
$$;
COMMENT ON FUNCTION quota.expired_borrowed(bigint, text) IS 'borrowed posts of an org that belong to expired loans';

-- A hiring approval reserves its seats until valid_until only: the
-- reservations of an account that have lapsed are released here, by
-- whichever check first needs the room (entries, moves, hiring, recalls and
-- transfers in the ledger trigger), not only by quota.settle_loans.  Returns
-- the number of seats released.
CREATE FUNCTION quota.lapse_hiring(o bigint, c text) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	h record;
	n integer := 0;
BEGIN
	FOR h IN
		SELECT hh.id, hh.slots - ha.used AS open FROM quota.hiring hh JOIN quota.hiring_account ha ON ha.hiring_id = hh.id
		 WHERE hh.org_id = o AND hh.category = c AND NOT ha.released AND hh.valid_until < CURRENT_DATE
		 ORDER BY hh.id
	LOOP
		PERFORM quota.release_hiring(h.id);
		n := n + h.open;
	END LOOP;
	RETURN n;
END
$$;
COMMENT ON FUNCTION quota.lapse_hiring(bigint, text) IS 'internal: releases the reservations of an org account''s hiring approvals past valid_until; returns the seats released';

-- Try to occupy n seats: a conditional update; when the visible version
-- refuses, wait for (READ COMMITTED: then re-check the latest version) or
-- fail on (REPEATABLE READ, SERIALIZABLE: 40001) a concurrent change.
CREATE FUNCTION quota.try_occupy(o bigint, c text, n integer, k integer, expired_out integer) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	FOR attempt IN 1..2 LOOP
		UPDATE quota.org_account SET occupied = occupied + n, reserved = reserved - k
		 WHERE org_id = o AND category = c
		   AND occupied + n + reserved - k <= approved + borrowed - expired_out;
		IF FOUND THEN
			RETURN true;
		END IF;
		IF attempt = 1 AND NOT EXISTS (
			SELECT 1 FROM (SELECT occupied, reserved, approved, borrowed FROM quota.org_account
							WHERE org_id = o AND category = c FOR NO KEY UPDATE) a
			 WHERE a.occupied + n + a.reserved - k <= a.approved + a.borrowed - expired_out)
		   -- (the room may be held by reservations that have lapsed)
		   AND quota.lapse_hiring(o, c) = 0 THEN
			RETURN false;
		END IF;
	END LOOP;
	RETURN false;
END
$$;
COMMENT ON FUNCTION quota.try_occupy(bigint, text, integer, integer, integer) IS 'internal: occupies seats if there is room, with the latest version under READ COMMITTED and 40001 on a stale snapshot';

-- Occupy n seats of (org, category), k of them reserved by hiring
-- approvals the entries fill.  Raises quota_loan or quota_over_establishment.
CREATE FUNCTION quota.occupy(o bigint, c text, n integer, k integer, check_capacity boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	expired_out integer := 0;
	acc record;
	oname text;
BEGIN
	IF NOT check_capacity THEN
		INSERT INTO quota.org_account AS a (org_id, category, occupied) VALUES (o, c, n)
		ON CONFLICT (org_id, category) DO UPDATE SET occupied = a.occupied + n, reserved = a.reserved - k;
		RETURN;
	END IF;
	-- the common case in one statement: no loan at the org (so nothing expired to
	-- hold back) and room in the visible version
	UPDATE quota.org_account a SET occupied = a.occupied + n, reserved = a.reserved - k
	 WHERE a.org_id = o AND a.category = c AND a.occupied + n + a.reserved - k <= a.approved + a.borrowed
	   AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id = o AND l.category = c AND l.outstanding > 0);
	IF FOUND THEN
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.loan WHERE org_id = o AND category = c AND outstanding > 0) THEN
		expired_out := quota.expired_borrowed(o, c);
	END IF;
	IF quota.try_occupy(o, c, n, k, expired_out) THEN
		RETURN;
	END IF;
	SELECT approved, borrowed, occupied, reserved INTO acc FROM quota.org_account WHERE org_id = o AND category = c;
	SELECT name INTO oname FROM quota.org WHERE id = o;
	IF FOUND AND acc.approved IS NOT NULL AND acc.occupied + n + acc.reserved - k <= acc.approved + acc.borrowed THEN
		PERFORM quota.raise_rule('quota_loan', 'staff',
			format('entry into org %s would use posts of an expired loan', o),
			format('%s: %s of its %s borrowed %s posts belong to expired loans (周转期已满); no new entry may use them.',
				   oname, expired_out, acc.borrowed, c));
	END IF;
	PERFORM quota.raise_rule('quota_over_establishment', 'staff',
		format('org %s has no vacancy for %s more %s staff', o, n, c),
		format('%s: %s approved + %s borrowed %s posts, %s occupied, %s reserved by hiring approvals; %s entering (超编%s).',
			   oname, COALESCE(acc.approved, 0), COALESCE(acc.borrowed, 0), c, COALESCE(acc.occupied, 0),
			   COALESCE(acc.reserved, 0) - k, n,
			   CASE WHEN COALESCE(acc.occupied, 0) > COALESCE(acc.approved, 0) + COALESCE(acc.borrowed, 0)
					THEN ', 只出不进' ELSE '' END),
		'Free a post, transfer or allocate posts first, or use a hiring approval (用编核准).');
END
$$;
COMMENT ON FUNCTION quota.occupy(bigint, text, integer, integer, boolean) IS 'internal: occupies seats of an org account with a conditional update (vacancy check under every isolation level)';

-- Fill n leadership posts of an org.
CREATE FUNCTION quota.lead(o bigint, p text, n integer, check_capacity boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
BEGIN
	IF n <= 0 OR NOT check_capacity THEN
		INSERT INTO quota.leader_account AS a (org_id, post, filled) VALUES (o, p, GREATEST(n, 0))
		ON CONFLICT (org_id, post) DO UPDATE SET filled = a.filled + n;
		RETURN;
	END IF;
	UPDATE quota.leader_account SET filled = filled + n
	 WHERE org_id = o AND post = p AND filled + n <= approved;
	IF FOUND THEN
		RETURN;
	END IF;
	SELECT approved, filled INTO acc FROM quota.leader_account WHERE org_id = o AND post = p FOR NO KEY UPDATE;
	IF acc.filled + n <= acc.approved THEN
		UPDATE quota.leader_account SET filled = filled + n WHERE org_id = o AND post = p;
		RETURN;
	END IF;
	PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
		format('org %s has no free %s post', o, p),
		format('领导职数: %s approved %s posts, %s filled, %s more appointed.', COALESCE(acc.approved, 0), p,
			   COALESCE(acc.filled, 0), n),
		'Leadership posts are set by quota.leadership (三定).');
END
$$;
COMMENT ON FUNCTION quota.lead(bigint, text, integer, boolean) IS 'internal: fills leadership posts with a conditional update';

-- A talent hire into a full unit draws one post from its jurisdiction's
-- talent pool as a loan tied to the person (R5.2).
CREATE FUNCTION quota.talent_draw_for(s quota.staff) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_pool bigint;
	loan bigint;
BEGIN
	SELECT p.id INTO v_pool FROM quota.pool p JOIN quota.org o ON o.division = p.division
	 WHERE o.id = s.org_id AND p.kind = 'talent' AND p.category = s.category;
	-- lock the pool (latest version under READ COMMITTED, 40001 on a stale snapshot)
	IF v_pool IS NULL OR (SELECT pa.balance FROM quota.pool_account pa WHERE pa.pool_id = v_pool FOR NO KEY UPDATE) < 1 THEN
		RETURN;		-- no draw possible: the occupancy check reports the full unit
	END IF;
	loan := quota.internal_movement('lend', s.category, 1, NULL, v_pool, s.org_id, NULL, s.entry_doc,
		LEAST(s.entered_on, CURRENT_DATE),
		(LEAST(s.entered_on, CURRENT_DATE) + make_interval(years => quota.policy_value('loan_default_years')::integer))::date,
		NULL, format('人才编制: draw for talent hire %s (staff %s)', s.name, s.id));
	INSERT INTO quota.talent_draw (staff_id, loan_id) VALUES (s.id, loan);
END
$$;
COMMENT ON FUNCTION quota.talent_draw_for(quota.staff) IS 'internal: lends one talent-pool post to the org of a talent hire';


-- A talent hire (R5.2) takes a seat of its own when the unit has one;
-- otherwise it draws one post from the talent pool first.  k: 1 when the
-- entry fills a (valid) hiring approval.  Called by the entry trigger, one
-- hire at a time in ascending (org, id) order.
CREATE FUNCTION quota.talent_seat(s quota.staff, hiring_ok boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	k integer := CASE WHEN s.hiring_id IS NOT NULL AND hiring_ok THEN 1 ELSE 0 END;
BEGIN
	IF s.category = 'filed' OR NOT quota.try_occupy(s.org_id, s.category, 1, k, quota.expired_borrowed(s.org_id, s.category)) THEN
		IF s.category <> 'filed' THEN
			PERFORM quota.talent_draw_for(s);
		END IF;
		PERFORM quota.occupy(s.org_id, s.category, 1, k, s.category <> 'filed');
	END IF;
END
$$;
COMMENT ON FUNCTION quota.talent_seat(quota.staff, boolean) IS 'internal: seats a talent hire, drawing a talent-pool post when its unit is full';
