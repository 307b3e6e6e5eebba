-- src/roster/entries.sql: roster entries (入编): the statement trigger on INSERT into quota.staff
CREATE FUNCTION quota.staff_entries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	g record;
	s quota.staff;
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
		   -- the entry's document authorizes it (R1.4, R8.8): the one rule, quota.issuer_covers
		   -- (a missing document too: the foreign key is checked at commit, this names the rule)
		   COALESCE(bool_or(e AND (ap.doc_no IS NULL
								   OR NOT quota.issuer_covers(au.may_authorize, au.central, ap.issuer_division, o.division))), false) AS unauthorized,
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
	INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no)
	SELECT n.id, upper(n.person_id), 'entry', n.org_id, n.category, n.post, n.entered_on, n.entry_doc FROM new_staff n;
	IF f.departed > 0 THEN
		INSERT INTO quota.staff_event (staff_id, person_id, kind, org_id, category, post, on_date, doc_no, reason)
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
		  LEFT JOIN quota.hiring_account ha ON ha.hiring_id = h.id
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
			  FROM new_staff n JOIN quota.hiring h ON h.id = n.hiring_id JOIN quota.hiring_account ha ON ha.hiring_id = h.id
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
		PERFORM quota.occupy(g.org_id, g.category, g.n, g.k, g.category <> 'filed');
	END LOOP;
	IF f.talent THEN
		FOR s IN SELECT * FROM new_staff n WHERE n.left_on IS NULL AND n.talent_level IS NOT NULL ORDER BY n.org_id, n.id
		LOOP
			IF s.category = 'filed' OR NOT quota.try_occupy(s.org_id, s.category, 1,
					CASE WHEN s.hiring_id IS NOT NULL AND hiring_error IS NULL THEN 1 ELSE 0 END,
					quota.expired_borrowed(s.org_id, s.category)) THEN
				IF s.category <> 'filed' THEN
					PERFORM quota.talent_draw_for(s);
				END IF;
				PERFORM quota.occupy(s.org_id, s.category, 1,
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
			PERFORM quota.lead(g.org_id, g.post, g.n, true);
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
			UPDATE quota.hiring_account ha SET used = used + g.n FROM quota.hiring h
			 WHERE ha.hiring_id = g.hiring_id AND h.id = ha.hiring_id AND ha.used + g.n <= h.slots;
			IF NOT FOUND THEN
				PERFORM quota.raise_rule('quota_hiring', 'staff',
					format('hiring approval %s has fewer free slots than entries', g.hiring_id),
					format('Hiring approval %s: %s slots, %s used, %s entering.', g.hiring_id,
						   (SELECT slots FROM quota.hiring WHERE id = g.hiring_id),
						   (SELECT used FROM quota.hiring_account WHERE hiring_id = g.hiring_id), g.n));
			END IF;
		END LOOP;
	END IF;

	-- one person, one post (R8.1): the key of person_post serializes concurrent entries
	-- (no DISTINCT ON: DO NOTHING also skips a second row of this statement
	-- with the same key, and sorting a million ids costs more than it saves)
	INSERT INTO quota.person_post (person_id, staff_id)
	SELECT upper(person_id), id FROM new_staff WHERE left_on IS NULL
	ON CONFLICT (person_id) DO NOTHING;
	GET DIAGNOSTICS n_posted = ROW_COUNT;
	IF n_posted < f.n THEN
		SELECT n.id, n.name, n.person_id INTO r FROM new_staff n
		 WHERE n.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM quota.person_post p WHERE p.staff_id = n.id)
		 ORDER BY n.id LIMIT 1;
		PERFORM quota.raise_rule('quota_person_duplicate', 'staff',
			format('person %s already holds an active post', r.person_id),
			format('%s (%s) holds post %s; one person holds one post (一编一人).', r.name, r.person_id,
				   COALESCE((SELECT staff_id::text FROM quota.person_post WHERE person_id = upper(r.person_id)), 'in this statement')));
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
			IF (SELECT sum(occupied) FROM (SELECT occupied FROM quota.org_account WHERE org_id = g.id
										   ORDER BY category FOR NO KEY UPDATE) a) > g.headcount_cap THEN
				PERFORM quota.raise_rule('quota_headcount_cap', 'staff', format('org %s would exceed its headcount cap', g.id),
					format('人员总量: %s has a cap of %s; 编制内 + 备案 staff would be %s.', g.name, g.headcount_cap,
						   (SELECT sum(occupied) FROM quota.org_account WHERE org_id = g.id)));
			END IF;
		END LOOP;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.staff_entries() IS 'statement trigger: checks and counts every entry a statement made, set-wise';
CREATE TRIGGER staff_entries AFTER INSERT ON quota.staff
	REFERENCING NEW TABLE AS new_staff FOR EACH STATEMENT WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.staff_entries();
COMMENT ON TRIGGER staff_entries ON quota.staff IS 'entries (入编): vacancy, leadership, hiring, one post per person, headcount cap';

