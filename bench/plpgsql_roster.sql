-- bench/plpgsql_roster.sql -- the roster comparator (issue 10, item 5): the
-- entry path of quota.staff as it was written in PL/pgSQL up to version 0.2's
-- C roster, snapshotted from src/roster/entries.sql, seats.sql and
-- functions.sql at commit c36aad5, so that the C entry trigger can be
-- measured against it (bench/p2_plpgsql_hire.pgbench: the P2 hire into
-- bench.staff_pl).
--
-- The functions are the originals with only their names and the tables they
-- write changed: they write to copies, never to the extension's books.
--   bench.staff_pl           columns, defaults, identity, CHECKs, indexes and
--                            the foreign keys quota.staff had (org, category,
--                            hiring approval, entry and change documents, the
--                            last two deferred); the statement trigger
--                            bench.staff_entries_pl() (= quota.staff_entries())
--   bench.org_account_rpl    copy of quota.org_account (the roster's seats)
--   bench.person_post_pl     copy of quota.person_post (one post per person)
--   bench.staff_event_pl     copy of quota.staff_event (the change records)
--   bench.hiring_account_pl, bench.leader_account_pl   copies of those accounts
-- They read the extension's reference tables, orgs, approvals, loans and
-- policy as the originals did, and raise rule errors through
-- quota.raise_rule and quota.authority_check.
--
-- Not carried over (none of it is in the P2 workload, valid single hires):
-- talent draws into a full unit (they write the ledger; here they raise
-- 0A000), the change trigger of UPDATEs (moves, departures), the DELETE and
-- TRUNCATE guards.  Like P4's comparator, the row-level foreign keys of
-- quota.staff are kept, because the issue measures their cost too.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench.staff_pl, bench.org_account_rpl, bench.person_post_pl, bench.staff_event_pl,
	bench.hiring_account_pl, bench.leader_account_pl CASCADE;

CREATE TABLE bench.staff_pl (LIKE quota.staff INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS
							 INCLUDING INDEXES);
ALTER TABLE bench.staff_pl
	ADD FOREIGN KEY (org_id) REFERENCES quota.org (id),
	ADD FOREIGN KEY (category) REFERENCES quota.category (code),
	ADD FOREIGN KEY (hiring_id) REFERENCES quota.hiring (id),
	ADD FOREIGN KEY (entry_doc) REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED,
	ADD FOREIGN KEY (change_doc) REFERENCES quota.approval (doc_no) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE bench.org_account_rpl (LIKE quota.org_account INCLUDING ALL);
CREATE TABLE bench.person_post_pl (LIKE quota.person_post INCLUDING ALL);
CREATE TABLE bench.staff_event_pl (LIKE quota.staff_event INCLUDING ALL);
CREATE TABLE bench.hiring_account_pl (LIKE quota.hiring_account INCLUDING ALL);
CREATE TABLE bench.leader_account_pl (LIKE quota.leader_account INCLUDING ALL);
INSERT INTO bench.org_account_rpl SELECT * FROM quota.org_account;
INSERT INTO bench.person_post_pl SELECT * FROM quota.person_post;
INSERT INTO bench.staff_event_pl OVERRIDING SYSTEM VALUE SELECT * FROM quota.staff_event;
INSERT INTO bench.hiring_account_pl SELECT * FROM quota.hiring_account;
INSERT INTO bench.leader_account_pl SELECT * FROM quota.leader_account;
-- new rows of the copies get ids above the originals'
SELECT setval(pg_get_serial_sequence('bench.staff_event_pl', 'id'), COALESCE((SELECT max(id) FROM bench.staff_event_pl), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('bench.staff_pl', 'id'), COALESCE((SELECT max(id) FROM quota.staff), 0) + 1, false);

-- a talent draw writes the ledger: not carried over
CREATE OR REPLACE FUNCTION bench.talent_draw_for_pl(s bench.staff_pl) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'the roster comparator does not draw talent posts' USING ERRCODE = '0A000';
END
$$;

CREATE OR REPLACE FUNCTION bench.expired_borrowed_pl(o bigint, c text) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (SELECT COALESCE(sum(outstanding), 0)::integer FROM quota.loan
			 WHERE org_id = o AND category = c AND outstanding > 0 AND (expired OR expires_on < CURRENT_DATE));
END
$$;

CREATE OR REPLACE FUNCTION bench.lapse_hiring_pl(o bigint, c text) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	h record;
	n integer := 0;
BEGIN
	FOR h IN
		SELECT hh.id, hh.slots - ha.used AS open FROM quota.hiring hh JOIN bench.hiring_account_pl ha ON ha.hiring_id = hh.id
		 WHERE hh.org_id = o AND hh.category = c AND NOT ha.released AND hh.valid_until < CURRENT_DATE
		 ORDER BY hh.id
	LOOP
		PERFORM bench.release_hiring_pl(h.id);
		n := n + h.open;
	END LOOP;
	RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION bench.try_occupy_pl(o bigint, c text, n integer, k integer, expired_out integer) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	FOR attempt IN 1..2 LOOP
		UPDATE bench.org_account_rpl SET occupied = occupied + n, reserved = reserved - k
		 WHERE org_id = o AND category = c
		   AND occupied + n + reserved - k <= approved + borrowed - expired_out;
		IF FOUND THEN
			RETURN true;
		END IF;
		IF attempt = 1 AND NOT EXISTS (
			SELECT 1 FROM (SELECT occupied, reserved, approved, borrowed FROM bench.org_account_rpl
							WHERE org_id = o AND category = c FOR NO KEY UPDATE) a
			 WHERE a.occupied + n + a.reserved - k <= a.approved + a.borrowed - expired_out)
		   -- (the room may be held by reservations that have lapsed)
		   AND bench.lapse_hiring_pl(o, c) = 0 THEN
			RETURN false;
		END IF;
	END LOOP;
	RETURN false;
END
$$;

CREATE OR REPLACE FUNCTION bench.occupy_pl(o bigint, c text, n integer, k integer, check_capacity boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	expired_out integer := 0;
	acc record;
	oname text;
BEGIN
	IF NOT check_capacity THEN
		INSERT INTO bench.org_account_rpl AS a (org_id, category, occupied) VALUES (o, c, n)
		ON CONFLICT (org_id, category) DO UPDATE SET occupied = a.occupied + n, reserved = a.reserved - k;
		RETURN;
	END IF;
	-- the common case in one statement: no loan at the org (so nothing expired to
	-- hold back) and room in the visible version
	UPDATE bench.org_account_rpl a SET occupied = a.occupied + n, reserved = a.reserved - k
	 WHERE a.org_id = o AND a.category = c AND a.occupied + n + a.reserved - k <= a.approved + a.borrowed
	   AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.org_id = o AND l.category = c AND l.outstanding > 0);
	IF FOUND THEN
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.loan WHERE org_id = o AND category = c AND outstanding > 0) THEN
		expired_out := bench.expired_borrowed_pl(o, c);
	END IF;
	IF bench.try_occupy_pl(o, c, n, k, expired_out) THEN
		RETURN;
	END IF;
	SELECT approved, borrowed, occupied, reserved INTO acc FROM bench.org_account_rpl WHERE org_id = o AND category = c;
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

CREATE OR REPLACE FUNCTION bench.lead_pl(o bigint, p text, n integer, check_capacity boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acc record;
BEGIN
	IF n <= 0 OR NOT check_capacity THEN
		INSERT INTO bench.leader_account_pl AS a (org_id, post, filled) VALUES (o, p, GREATEST(n, 0))
		ON CONFLICT (org_id, post) DO UPDATE SET filled = a.filled + n;
		RETURN;
	END IF;
	UPDATE bench.leader_account_pl SET filled = filled + n
	 WHERE org_id = o AND post = p AND filled + n <= approved;
	IF FOUND THEN
		RETURN;
	END IF;
	SELECT approved, filled INTO acc FROM bench.leader_account_pl WHERE org_id = o AND post = p FOR NO KEY UPDATE;
	IF acc.filled + n <= acc.approved THEN
		UPDATE bench.leader_account_pl SET filled = filled + n WHERE org_id = o AND post = p;
		RETURN;
	END IF;
	PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
		format('org %s has no free %s post', o, p),
		format('领导职数: %s approved %s posts, %s filled, %s more appointed.', COALESCE(acc.approved, 0), p,
			   COALESCE(acc.filled, 0), n),
		'Leadership posts are set by quota.leadership (三定).');
END
$$;

CREATE OR REPLACE FUNCTION bench.release_hiring_pl(hid bigint) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	WITH released AS (
		UPDATE bench.hiring_account_pl ha SET released = true FROM quota.hiring h
		 WHERE ha.hiring_id = hid AND h.id = ha.hiring_id AND NOT ha.released
		RETURNING h.org_id, h.category, h.slots - ha.used AS n
	)
	UPDATE bench.org_account_rpl a SET reserved = a.reserved - r.n
	  FROM released r WHERE a.org_id = r.org_id AND a.category = r.category
$$;

CREATE OR REPLACE FUNCTION bench.staff_entries_pl() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	g record;
	s bench.staff_pl;
	hiring_error text;
	hiring_detail text;
	n_posted integer;
	f record;
BEGIN
	-- One pass over the rows tells which rules can apply at all; a rule's
	-- detailed query runs only when its flag is up (a plain hire costs four
	-- queries, not twenty).  The foreign keys guarantee every org and approval
	-- exists.  Rows inserted with left_on set are history, not entries (e).
	SELECT count(*) FILTER (WHERE e)::integer AS n, count(*) FILTER (WHERE NOT e)::integer AS departed,
		   -- a departure is recorded when it happens (a row that "left" in the future
		   -- would hold a seat uncounted until then), and history fills no hiring approval
		   -- and an entry is recorded once it has happened (DESIGN.md §12)
		   COALESCE(bool_or(n.left_on > CURRENT_DATE OR n.entered_on > CURRENT_DATE
							OR (NOT e AND n.hiring_id IS NOT NULL)), false) AS bad_history,
		   COALESCE(bool_or(e AND o.status <> 'active'), false) AS inactive,
		   COALESCE(bool_or(e AND n.category <> 'filed' AND NOT EXISTS (
				SELECT 1 FROM quota.category_use u WHERE u.category = n.category AND u.org_kind = o.kind)), false) AS mismatch,
		   COALESCE(bool_or(e AND n.hiring_id IS NOT NULL), false) AS hiring,
		   COALESCE(bool_or(e AND n.talent_level IS NOT NULL), false) AS talent,
		   COALESCE(bool_or(e AND n.post <> 'staff'), false) AS leaders,
		   COALESCE(bool_or(e AND n.post_rank IS NOT NULL), false) AS ranked,
		   COALESCE(bool_or(e AND n.category = 'filed'), false) AS filed,
		   COALESCE(bool_or(e AND o.headcount_cap IS NOT NULL), false) AS capped,
		   -- the entry's document authorizes it as quota.authority_check says (R1.4, R8.8)
		   -- (a missing document too: the foreign key is checked at commit, this names the rule)
		   COALESCE(bool_or(e AND (ap.doc_no IS NULL OR NOT au.may_authorize
								   OR NOT (au.central OR ap.issuer_division @> o.division))), false) AS unauthorized,
		   COALESCE((SELECT p.value::boolean FROM quota.policy p WHERE p.name = 'hiring_approval_required'), false) AS required
	  INTO f
	  FROM new_staff n CROSS JOIN LATERAL (SELECT n.left_on IS NULL AS e) entering
	  JOIN quota.org o ON o.id = n.org_id
	  LEFT JOIN quota.approval ap ON ap.doc_no = n.entry_doc LEFT JOIN quota.authority au ON au.issuer_kind = ap.issuer_kind;
	IF f.bad_history THEN
		SELECT n.id, n.name, n.left_on, n.hiring_id, n.entered_on INTO r FROM new_staff n
		 WHERE n.left_on > CURRENT_DATE OR n.entered_on > CURRENT_DATE OR (n.left_on IS NOT NULL AND n.hiring_id IS NOT NULL)
		 ORDER BY n.id LIMIT 1;
		IF r.entered_on > CURRENT_DATE THEN
			PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('staff %s enters in the future', r.id),
				format('%s: entered_on %s is after today; an entry (入编) is recorded once it has happened.', r.name, r.entered_on));
		END IF;
		IF r.left_on > CURRENT_DATE THEN
			PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('staff %s leaves in the future', r.id),
				format('%s: left_on %s is after today; a departure (出编) is recorded when it happens.', r.name, r.left_on));
		END IF;
		PERFORM quota.raise_rule('quota_hiring', 'staff', format('staff %s is recorded as departed and names hiring approval %s', r.id, r.hiring_id),
			format('%s: a historical roster row (left_on %s) fills no hiring approval (用编核准); only an entry does.', r.name, r.left_on));
	END IF;
	-- the change records (实名制): an entry, and the departure of a row recorded as history
	INSERT INTO bench.staff_event_pl (staff_id, person_id, kind, org_id, category, post, on_date, doc_no)
	SELECT n.id, upper(n.person_id), 'entry', n.org_id, n.category, n.post, n.entered_on, n.entry_doc FROM new_staff n;
	IF f.departed > 0 THEN
		INSERT INTO bench.staff_event_pl (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason)
		SELECT n.id, upper(n.person_id), 'leave', n.org_id, n.category, n.post, n.left_on, n.change_doc, n.left_reason
		  FROM new_staff n WHERE n.left_on IS NOT NULL;
	END IF;
	IF f.n = 0 THEN
		RETURN NULL;
	END IF;
	IF f.unauthorized THEN
		-- reports the first entry whose document fails, in the words of every other check
		PERFORM quota.authority_check(n.entry_doc, o.division, format('entry (入编) of %s', n.name))
		   FROM new_staff n JOIN quota.org o ON o.id = n.org_id WHERE n.left_on IS NULL ORDER BY n.id;
	END IF;

	-- orgs must be active.  The foreign key check already holds FOR KEY SHARE on
	-- each org; a change of status takes FOR UPDATE (quota.org_check), so it
	-- is waited for here, or raises 40001 under snapshot isolation.
	IF f.inactive THEN
		SELECT n.id, n.name, o.id AS org_id, o.name AS org_name, o.status INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND o.status <> 'active' ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_org_inactive', 'staff', format('org %s is not active', r.org_id),
			format('%s is %s (不再是有效机构); %s cannot enter it.', r.org_name, r.status, r.name));
	END IF;

	-- category usable by the org's kind (filed staff are checked with the headcount cap)
	IF f.mismatch THEN
		SELECT n.id, n.name, n.category, o.id AS org_id, o.name AS org_name, o.kind INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND n.category <> 'filed'
		   AND NOT EXISTS (SELECT 1 FROM quota.category_use u WHERE u.category = n.category AND u.org_kind = o.kind)
		 ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_category_mismatch', 'staff',
			format('org %s may not hold %s posts', r.org_id, r.category),
			format('%s is of kind %s; %s cannot take a %s post (不得混用、挤占、挪用).', r.org_name, r.kind, r.name, r.category));
	END IF;

	-- hiring approvals: checked now, reported after the vacancy checks (rule order)
	IF f.hiring OR f.required THEN
		SELECT n.id, n.name, n.hiring_id, h.org_id, h.category AS hcat, n.category, h.valid_until, n.org_id AS norg,
			   COALESCE(ha.released, false) AS released
		  INTO r
		  FROM new_staff n LEFT JOIN quota.hiring h ON h.id = n.hiring_id
		  LEFT JOIN bench.hiring_account_pl ha ON ha.hiring_id = h.id
		 WHERE n.left_on IS NULL
		   AND ((n.hiring_id IS NULL AND f.required AND n.category <> 'filed')
				OR (n.hiring_id IS NOT NULL AND (n.category = 'filed' OR h.org_id <> n.org_id OR h.category <> n.category
												 OR h.valid_until < CURRENT_DATE OR ha.released)))
		 ORDER BY n.id LIMIT 1;
		IF FOUND THEN
			hiring_error := format('entry of %s has no valid hiring approval', r.name);
			hiring_detail := CASE
				WHEN r.hiring_id IS NULL THEN 'Policy hiring_approval_required is on: every entry fills a hiring approval (用编核准).'
				WHEN r.category = 'filed' THEN format('备案制 staff hold no 编制 and fill no hiring approval (用编核准 %s).', r.hiring_id)
				WHEN r.org_id <> r.norg OR r.hcat <> r.category THEN format('Hiring approval (用编核准) %s is for org %s, category %s.', r.hiring_id, r.org_id, r.hcat)
				ELSE format('Hiring approval (用编核准) %s expired on %s.', r.hiring_id, r.valid_until) END;
		ELSE
			-- more entries than an approval has slots left
			SELECT n.hiring_id, count(*) AS entering, h.slots, ha.used INTO r
			  FROM new_staff n JOIN quota.hiring h ON h.id = n.hiring_id JOIN bench.hiring_account_pl ha ON ha.hiring_id = h.id
			 WHERE n.left_on IS NULL
			 GROUP BY n.hiring_id, h.slots, ha.used HAVING count(*) > h.slots - ha.used
			 ORDER BY n.hiring_id LIMIT 1;
			IF FOUND THEN
				hiring_error := format('hiring approval %s has fewer free slots than entries', r.hiring_id);
				hiring_detail := format('Hiring approval (用编核准) %s: %s slots, %s used, %s entering.', r.hiring_id, r.slots, r.used, r.entering);
			END IF;
		END IF;
	END IF;

	-- vacancies, per (org, category) in ascending order; talent hires one by one
	FOR g IN
		SELECT n.org_id, n.category, count(*)::integer AS n,
			   count(*) FILTER (WHERE n.hiring_id IS NOT NULL AND hiring_error IS NULL)::integer AS k
		  FROM new_staff n
		 WHERE n.left_on IS NULL AND n.talent_level IS NULL
		 GROUP BY n.org_id, n.category ORDER BY n.org_id, n.category
	LOOP
		PERFORM bench.occupy_pl(g.org_id, g.category, g.n, g.k, g.category <> 'filed');
	END LOOP;
	IF f.talent THEN
		FOR s IN SELECT * FROM new_staff n WHERE n.left_on IS NULL AND n.talent_level IS NOT NULL ORDER BY n.org_id, n.id
		LOOP
			IF s.category = 'filed' OR NOT bench.try_occupy_pl(s.org_id, s.category, 1,
					CASE WHEN s.hiring_id IS NOT NULL AND hiring_error IS NULL THEN 1 ELSE 0 END,
					bench.expired_borrowed_pl(s.org_id, s.category)) THEN
				IF s.category <> 'filed' THEN
					PERFORM bench.talent_draw_for_pl(s);
				END IF;
				PERFORM bench.occupy_pl(s.org_id, s.category, 1,
									 CASE WHEN s.hiring_id IS NOT NULL AND hiring_error IS NULL THEN 1 ELSE 0 END,
									 s.category <> 'filed');
			END IF;
		END LOOP;
	END IF;

	-- leadership posts and ranks
	IF f.ranked THEN
		SELECT n.id, n.name, n.post_rank, o.id AS org_id, o.name AS org_name, o.rank INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND quota.rank_level(n.post_rank) > quota.rank_level(o.rank)
		 ORDER BY n.id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.raise_rule('quota_leadership_exceeded', 'staff',
				format('rank %s is above the rank of org %s', r.post_rank, r.org_id),
				format('%s is a %s unit (机构规格); %s cannot hold a %s post.', r.org_name, r.rank, r.name, r.post_rank));
		END IF;
	END IF;
	IF f.leaders THEN
		FOR g IN
			SELECT n.org_id, n.post, count(*)::integer AS n FROM new_staff n
			 WHERE n.left_on IS NULL AND n.post IN ('chief', 'deputy')
			 GROUP BY n.org_id, n.post ORDER BY n.org_id, n.post
		LOOP
			PERFORM bench.lead_pl(g.org_id, g.post, g.n, true);
		END LOOP;
	END IF;

	-- hiring approvals: report, then consume
	IF hiring_error IS NOT NULL THEN
		PERFORM quota.raise_rule('quota_hiring', 'staff', hiring_error, hiring_detail);
	END IF;
	IF f.hiring THEN
		FOR g IN
			SELECT n.hiring_id, count(*)::integer AS n FROM new_staff n
			 WHERE n.left_on IS NULL AND n.hiring_id IS NOT NULL GROUP BY n.hiring_id ORDER BY n.hiring_id
		LOOP
			UPDATE bench.hiring_account_pl ha SET used = used + g.n FROM quota.hiring h
			 WHERE ha.hiring_id = g.hiring_id AND h.id = ha.hiring_id AND ha.used + g.n <= h.slots;
			IF NOT FOUND THEN
				PERFORM quota.raise_rule('quota_hiring', 'staff',
					format('hiring approval %s has fewer free slots than entries', g.hiring_id),
					format('Hiring approval %s: %s slots, %s used, %s entering.', g.hiring_id,
						   (SELECT slots FROM quota.hiring WHERE id = g.hiring_id),
						   (SELECT used FROM bench.hiring_account_pl WHERE hiring_id = g.hiring_id), g.n));
			END IF;
		END LOOP;
	END IF;

	-- one person, one post (R8.1): the key of person_post serializes concurrent entries
	-- (no DISTINCT ON: DO NOTHING also skips a second row of this statement
	-- with the same key, and sorting a million ids costs more than it saves)
	INSERT INTO bench.person_post_pl (person_id, staff_id)
	SELECT upper(person_id), id FROM new_staff WHERE left_on IS NULL
	ON CONFLICT (person_id) DO NOTHING;
	GET DIAGNOSTICS n_posted = ROW_COUNT;
	IF n_posted < f.n THEN
		SELECT n.id, n.name, n.person_id INTO r FROM new_staff n
		 WHERE n.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM bench.person_post_pl p WHERE p.staff_id = n.id)
		 ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_person_duplicate', 'staff',
			format('person %s already holds an active post', r.person_id),
			format('%s (%s) holds post %s; one person holds one post (一编一人).', r.name, r.person_id,
				   COALESCE((SELECT staff_id::text FROM bench.person_post_pl WHERE person_id = upper(r.person_id)), 'in this statement')));
	END IF;

	-- 人员总量: 编制内 + filed staff within headcount_cap; filed staff only under a cap
	IF f.filed THEN
		SELECT n.id, n.name, o.id AS org_id, o.name AS org_name INTO r
		  FROM new_staff n JOIN quota.org o ON o.id = n.org_id
		 WHERE n.left_on IS NULL AND n.category = 'filed' AND o.headcount_cap IS NULL ORDER BY n.id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s takes no filed staff', r.org_id),
				format('%s has no headcount cap (人员总量); 备案制 staff only count against a cap.', r.org_name));
		END IF;
	END IF;
	IF f.capped THEN
		FOR g IN
			SELECT o.id, o.name, o.headcount_cap FROM quota.org o
			 WHERE o.id IN (SELECT org_id FROM new_staff WHERE left_on IS NULL) AND o.headcount_cap IS NOT NULL ORDER BY o.id
		LOOP
			IF (SELECT sum(occupied) FROM (SELECT occupied FROM bench.org_account_rpl WHERE org_id = g.id
										   ORDER BY category FOR NO KEY UPDATE) a) > g.headcount_cap THEN
				PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s would exceed its headcount cap', g.id),
					format('人员总量: %s has a cap of %s; 编制内 + 备案 staff would be %s.', g.name, g.headcount_cap,
						   (SELECT sum(occupied) FROM bench.org_account_rpl WHERE org_id = g.id)));
			END IF;
		END LOOP;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER staff_entries_pl AFTER INSERT ON bench.staff_pl
	REFERENCING NEW TABLE AS new_staff FOR EACH STATEMENT WHEN (NOT quota.restoring()) EXECUTE FUNCTION bench.staff_entries_pl();

ANALYZE bench.staff_pl, bench.org_account_rpl, bench.person_post_pl, bench.staff_event_pl, bench.hiring_account_pl,
	bench.leader_account_pl;
