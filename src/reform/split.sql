-- src/reform/split.sql: 机构分设 (quota.split_org), the mirror of quota.merge_orgs
-- ---------------------------------------------------------------------------
-- A split creates new orgs out of one source: each part receives its posts
-- per category (ordinary transfer rows under the split's document), its named
-- people (leaders among them), and the internal units and duties named for it;
-- the remainder stays at the source, which is closed (dissolved, 撤销) when
-- nothing remains.  Every total is conserved exactly.  It reuses the merge's
-- machinery: quota.move_with_persons (人随编走), quota.reform_pass (units and
-- duties move), quota.reform_excess (transitional excess) and
-- quota.merge_residue (nothing entered a closing source behind our back).
-- ---------------------------------------------------------------------------

-- the shape of one part (22023 when it is not right); returns nothing
CREATE FUNCTION quota.split_part_check(p jsonb, n integer) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	k text;
BEGIN
	IF p IS NULL OR jsonb_typeof(p) <> 'object' THEN
		RAISE EXCEPTION 'part % of the split is not a JSON object', n USING ERRCODE = '22023',
			HINT = 'Each part is {"name": ..., "kind": ..., "posts": {"<category>": n}, "persons": [staff id, ...]}.';
	END IF;
	SELECT key INTO k FROM jsonb_object_keys(p) key
	 WHERE key NOT IN ('name', 'kind', 'division', 'rank', 'posts', 'persons', 'leaders', 'units', 'duties') LIMIT 1;
	IF k IS NOT NULL THEN
		RAISE EXCEPTION 'part % of the split has an unknown key "%"', n, k USING ERRCODE = '22023',
			HINT = 'Known keys: name, kind, division, rank, posts, persons, leaders, units, duties.';
	END IF;
	IF jsonb_typeof(p -> 'name') IS DISTINCT FROM 'string' OR btrim(p ->> 'name') = '' THEN
		RAISE EXCEPTION 'part % of the split needs a "name"', n USING ERRCODE = '22023';
	END IF;
	IF jsonb_typeof(p -> 'kind') IS DISTINCT FROM 'string' THEN
		RAISE EXCEPTION 'part % of the split needs a "kind" (an org kind)', n USING ERRCODE = '22023';
	END IF;
	IF jsonb_typeof(p -> 'division') NOT IN ('string', 'null') OR jsonb_typeof(p -> 'rank') NOT IN ('string', 'null') THEN
		RAISE EXCEPTION 'part %: "division" and "rank" are strings', n USING ERRCODE = '22023';
	END IF;
	IF p ? 'posts' AND (jsonb_typeof(p -> 'posts') <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(p -> 'posts') e
		 WHERE jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric < 0
			OR (e.value #>> '{}')::numeric > 2147483647
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric))) THEN
		RAISE EXCEPTION 'part %: "posts" must map categories to non-negative whole numbers below 2^31, e.g. {"admin": 3}', n
			USING ERRCODE = '22023';
	END IF;
	IF p ? 'leaders' AND (jsonb_typeof(p -> 'leaders') <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(p -> 'leaders') e
		 WHERE e.key NOT IN ('chief', 'deputy') OR jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric < 0
			OR (e.value #>> '{}')::numeric > 2147483647
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric))) THEN
		RAISE EXCEPTION 'part %: "leaders" must map chief and deputy to non-negative whole numbers (领导职数)', n
			USING ERRCODE = '22023';
	END IF;
	FOREACH k IN ARRAY ARRAY['persons', 'units', 'duties'] LOOP
		IF p ? k AND (jsonb_typeof(p -> k) <> 'array' OR EXISTS (
			SELECT 1 FROM jsonb_array_elements(p -> k) e
			 WHERE jsonb_typeof(e) <> 'number' OR (e #>> '{}')::numeric <> floor((e #>> '{}')::numeric)
				OR (e #>> '{}')::numeric NOT BETWEEN 1 AND 9223372036854775807)) THEN
			RAISE EXCEPTION 'part %: "%" must be an array of ids', n, k USING ERRCODE = '22023';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION quota.split_part_check(jsonb, integer) IS 'internal: the JSON shape of one part of quota.split_org (22023 when wrong)';
REVOKE ALL ON FUNCTION quota.split_part_check(jsonb, integer) FROM PUBLIC;

-- the ids a part names under a key ("persons", "units", "duties")
CREATE FUNCTION quota.split_ids(p jsonb, k text) RETURNS bigint[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT COALESCE(array_agg((e #>> '{}')::bigint ORDER BY o), '{}')
	  FROM jsonb_array_elements(COALESCE(p -> k, '[]')) WITH ORDINALITY AS x(e, o)
$$;
COMMENT ON FUNCTION quota.split_ids(jsonb, text) IS 'internal: the ids one part of quota.split_org names under a key';
REVOKE ALL ON FUNCTION quota.split_ids(jsonb, text) FROM PUBLIC;

CREATE FUNCTION quota.split_org(source bigint, parts jsonb, doc_no text) RETURNS bigint[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s record;
	p jsonb;
	ids bigint[] := '{}'::bigint[];
	nid bigint;
	div quota.division;
	same_division boolean;
	c record;
	moving bigint[];
	stray bigint;
	before_acc jsonb;
	before_over jsonb;
	report text := '';
	remains boolean;
	o record;
	all_persons bigint[] := '{}'::bigint[];
	all_units bigint[] := '{}'::bigint[];
	all_duties bigint[] := '{}'::bigint[];
	-- the orgs this call created, as the clerk wrote them (its errors never name their rolled-back ids)
	made jsonb := '[]'::jsonb;
	e_state text; e_constraint text; e_schema text; e_table text; e_message text; e_detail text; e_hint text;
BEGIN
	-- arguments (22023)
	IF source IS NULL OR doc_no IS NULL THEN
		RAISE EXCEPTION 'split_org needs a source and a document' USING ERRCODE = '22023',
			HINT = 'Call quota.split_org(source_id, parts, doc_no), parts a JSON array of objects with a name, a kind and posts.';
	END IF;
	IF parts IS NULL OR jsonb_typeof(parts) <> 'array' OR jsonb_array_length(parts) = 0 THEN
		RAISE EXCEPTION 'parts must be a non-empty JSON array, one object per new org' USING ERRCODE = '22023',
			HINT = 'e.g. ''[{"name": "...", "kind": "institution", "posts": {"institution": 5}}]''.';
	END IF;
	FOR i IN 0 .. jsonb_array_length(parts) - 1 LOOP
		p := parts -> i;
		PERFORM quota.split_part_check(p, i + 1);
		IF NOT EXISTS (SELECT 1 FROM quota.org_kind WHERE code = p ->> 'kind') THEN
			RAISE EXCEPTION 'part %: unknown org kind "%"', i + 1, p ->> 'kind' USING ERRCODE = '22023';
		END IF;
		IF EXISTS (SELECT 1 FROM jsonb_object_keys(COALESCE(p -> 'posts', '{}')) k
					WHERE NOT EXISTS (SELECT 1 FROM quota.category WHERE code = k AND code <> 'filed')) THEN
			RAISE EXCEPTION 'part %: "posts" names a category that is not an establishment (编制) category', i + 1
				USING ERRCODE = '22023';
		END IF;
		IF p ->> 'division' IS NOT NULL
		   AND NOT EXISTS (SELECT 1 FROM quota.jurisdiction WHERE division = (p ->> 'division')::quota.division) THEN
			RAISE EXCEPTION 'part %: jurisdiction % is not registered', i + 1, p ->> 'division' USING ERRCODE = '22023';
		END IF;
		all_persons := all_persons || quota.split_ids(p, 'persons');
		all_units := all_units || quota.split_ids(p, 'units');
		all_duties := all_duties || quota.split_ids(p, 'duties');
	END LOOP;
	IF (SELECT count(DISTINCT x) FROM unnest(all_persons) x) <> cardinality(all_persons)
	   OR (SELECT count(DISTINCT x) FROM unnest(all_units) x) <> cardinality(all_units)
	   OR (SELECT count(DISTINCT x) FROM unnest(all_duties) x) <> cardinality(all_duties) THEN
		RAISE EXCEPTION 'a person, internal unit or duty is named in more than one part' USING ERRCODE = '22023';
	END IF;

	-- the caller's jurisdiction scope first (DESIGN.md §10): the source and every part's jurisdiction
	PERFORM quota.scope_require(ARRAY[source], 'quota.split_org');
	PERFORM quota.scope_require_divisions(ARRAY(SELECT (e ->> 'division')::quota.division FROM jsonb_array_elements(parts) e
												 WHERE e ->> 'division' IS NOT NULL), 'quota.split_org');

	-- the source: locked (as merge_orgs locks its sources), existing and active
	SELECT id, name, division, kind, rank, sector, funding, parent_id, status INTO s
	  FROM quota.org WHERE id = source FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'org % does not exist', source USING ERRCODE = '22023',
			HINT = 'quota.org lists the registered orgs and their ids.';
	END IF;
	IF s.status <> 'active' THEN
		PERFORM quota.raise_rule('quota_org_inactive', 'org', format('org %s (%s) is not active', s.id, s.name),
			format('%s is %s (不再是有效机构); 机构分设 splits an active org only.', s.name, s.status));
	END IF;
	-- the document needs authority over the source and every new org's jurisdiction
	PERFORM quota.authority_check(doc_no, s.division, 'split (机构分设)');
	PERFORM quota.authority_check(doc_no, d.division, 'split (机构分设)')
	   FROM (SELECT DISTINCT (e ->> 'division')::quota.division AS division FROM jsonb_array_elements(parts) e
			  WHERE e ->> 'division' IS NOT NULL) d
	  WHERE d.division <> s.division ORDER BY d.division;
	-- the named people: active staff of the source, locked in id order
	PERFORM 1 FROM quota.staff st WHERE st.id = ANY (all_persons) ORDER BY st.id FOR UPDATE;
	SELECT x INTO stray FROM unnest(all_persons) x
	 WHERE NOT EXISTS (SELECT 1 FROM quota.staff st WHERE st.id = x AND st.org_id = source AND st.left_on IS NULL) LIMIT 1;
	IF stray IS NOT NULL THEN
		PERFORM quota.raise_rule('quota_movement_shape', 'staff', format('person %s is not active staff of org %s (%s)', stray, source, s.name),
			'人随编走: every person named in a part holds an active post in the org being split.');
	END IF;
	SELECT x INTO stray FROM unnest(all_units) x
	 WHERE NOT EXISTS (SELECT 1 FROM quota.internal_unit u WHERE u.id = x AND u.org_id = source) LIMIT 1;
	IF stray IS NOT NULL THEN
		RAISE EXCEPTION 'internal unit % is not a unit of org %', stray, source USING ERRCODE = '22023';
	END IF;
	SELECT x INTO stray FROM unnest(all_duties) x
	 WHERE NOT EXISTS (SELECT 1 FROM quota.duty du WHERE du.id = x AND du.org_id = source) LIMIT 1;
	IF stray IS NOT NULL THEN
		RAISE EXCEPTION 'duty % is not a duty of org %', stray, source USING ERRCODE = '22023';
	END IF;
	-- the parts together take at most the source's own posts per category
	SELECT e.key AS category, sum((e.value #>> '{}')::integer) AS asked,
		   COALESCE((SELECT a.approved FROM quota.org_account a WHERE a.org_id = source AND a.category = e.key), 0) AS held
	  INTO c
	  FROM jsonb_array_elements(parts) pt, jsonb_each(COALESCE(pt -> 'posts', '{}')) e
	 GROUP BY e.key
	HAVING sum((e.value #>> '{}')::integer) > COALESCE((SELECT a.approved FROM quota.org_account a
														  WHERE a.org_id = source AND a.category = e.key), 0)
	 ORDER BY e.key LIMIT 1;
	IF FOUND THEN
		PERFORM quota.raise_rule('quota_insufficient', 'movement',
			format('the parts ask for %s %s posts; org %s (%s) holds %s', c.asked, c.category, source, s.name, c.held),
			format('机构分设: %s holds %s approved %s posts (核定编制); the parts ask for %s.', s.name, c.held, c.category, c.asked));
	END IF;

	SELECT COALESCE(jsonb_object_agg(a.category, a.approved), '{}') INTO before_acc
	  FROM quota.org_account a WHERE a.org_id = source AND a.category <> 'filed' AND a.approved > 0;
	SELECT COALESCE(jsonb_object_agg(a.category, GREATEST(a.occupied + a.reserved - a.approved - a.borrowed, 0)), '{}') INTO before_over
	  FROM quota.org_account a WHERE a.org_id = source AND a.category <> 'filed';
	INSERT INTO quota.reform_pass (org_id) VALUES (source) ON CONFLICT DO NOTHING;

	FOR i IN 0 .. jsonb_array_length(parts) - 1 LOOP
		p := parts -> i;
		div := COALESCE((p ->> 'division')::quota.division, s.division);
		same_division := div = s.division;
		INSERT INTO quota.org (name, division, kind, rank, sector, funding, parent_id, established_on)
		VALUES (p ->> 'name', div, p ->> 'kind', COALESCE(p ->> 'rank', s.rank), s.sector,
				CASE WHEN p ->> 'kind' = 'institution' THEN s.funding END, s.parent_id, CURRENT_DATE)
		RETURNING id INTO nid;
		made := made || jsonb_build_object('key', format('org %s', nid), 'name', p ->> 'name',
										   'as', format('the new org "%s"', p ->> 'name'));
		-- its leadership posts (领导职数) are its own, from its new 三定
		INSERT INTO quota.leadership (org_id, post, approved, doc_no)
		SELECT nid, e.key, (e.value #>> '{}')::integer, doc_no FROM jsonb_each(COALESCE(p -> 'leaders', '{}')) e
		 WHERE (e.value #>> '{}')::integer > 0 ORDER BY e.key;
		INSERT INTO quota.reform_pass (org_id) VALUES (nid) ON CONFLICT DO NOTHING;
		-- inside one jurisdiction: the named people move first (人随编走), then the posts as
		-- ordinary transfer rows; like a merge, the posts may leave from under people who
		-- stay (the excess this may create is bounded below).  A part in another
		-- jurisdiction is an ordinary transfer with people there, every rule checked.
		IF same_division THEN
			SELECT COALESCE(array_agg(st.id ORDER BY st.id), '{}') INTO moving FROM quota.staff st
			 WHERE st.id = ANY (quota.split_ids(p, 'persons'));
			IF cardinality(moving) > 0 THEN
				INSERT INTO quota.staff_pass (staff_id, allow_excess) SELECT x, true FROM unnest(moving) x;
				UPDATE quota.staff SET org_id = nid, change_doc = split_org.doc_no WHERE id = ANY (moving);
				DELETE FROM quota.staff_pass WHERE staff_id = ANY (moving);
			END IF;
			PERFORM quota.internal_movement('transfer', e.key, (e.value #>> '{}')::integer, source, NULL, nid, NULL,
					doc_no, NULL, NULL, NULL, format('机构分设: %s', p ->> 'name'), true)
			   FROM jsonb_each(COALESCE(p -> 'posts', '{}')) e
			  WHERE (e.value #>> '{}')::integer > 0 ORDER BY e.key;
		ELSE
			FOR c IN SELECT e.key AS category, (e.value #>> '{}')::integer AS amount
					   FROM jsonb_each(COALESCE(p -> 'posts', '{}')) e
					  WHERE (e.value #>> '{}')::integer > 0 ORDER BY e.key LOOP
				SELECT COALESCE(array_agg(st.id ORDER BY st.id), '{}') INTO moving FROM quota.staff st
				 WHERE st.id = ANY (quota.split_ids(p, 'persons')) AND st.category = c.category;
				PERFORM quota.move_with_persons(source, nid, c.category, c.amount, doc_no, moving, false);
			END LOOP;
			-- named people of categories that bring no posts to this part
			SELECT COALESCE(array_agg(st.id ORDER BY st.id), '{}') INTO moving FROM quota.staff st
			 WHERE st.id = ANY (quota.split_ids(p, 'persons')) AND st.org_id = source;
			IF cardinality(moving) > 0 THEN
				INSERT INTO quota.staff_pass (staff_id, allow_excess) SELECT x, false FROM unnest(moving) x;
				UPDATE quota.staff SET org_id = nid, change_doc = split_org.doc_no WHERE id = ANY (moving);
				DELETE FROM quota.staff_pass WHERE staff_id = ANY (moving);
			END IF;
		END IF;
		UPDATE quota.internal_unit SET org_id = nid WHERE id = ANY (quota.split_ids(p, 'units'));
		UPDATE quota.duty SET org_id = nid WHERE id = ANY (quota.split_ids(p, 'duties'));
		DELETE FROM quota.reform_pass WHERE org_id = nid;
		-- a part in another jurisdiction takes no excess: it is an ordinary transfer there
		IF NOT same_division THEN
			SELECT a.category, a.approved, a.borrowed, a.occupied INTO c FROM quota.org_account a
			 WHERE a.org_id = nid AND a.category <> 'filed' AND a.occupied > a.approved + a.borrowed ORDER BY a.category LIMIT 1;
			IF FOUND THEN
				PERFORM quota.raise_rule('quota_over_establishment', 'staff',
					format('new org %s has no room for the %s people moving with the posts', p ->> 'name', c.occupied),
					format('机构分设: %s (in %s) would have %s %s staff for %s approved posts.', p ->> 'name', div, c.occupied, c.category, c.approved));
			END IF;
		END IF;
		ids := ids || nid;
	END LOOP;

	-- nothing left at the source: it is closed (撤销); its open hiring approvals and
	-- leadership approvals lapse, as a merge's sources' do
	remains := EXISTS (SELECT 1 FROM quota.org_account a WHERE a.org_id = source
						AND (a.approved > 0 OR a.borrowed > 0 OR a.occupied > 0))
			   OR EXISTS (SELECT 1 FROM quota.internal_unit u WHERE u.org_id = source)
			   OR EXISTS (SELECT 1 FROM quota.duty du WHERE du.org_id = source);
	IF NOT remains THEN
		PERFORM quota.release_hiring(h.id) FROM quota.hiring h WHERE h.org_id = source ORDER BY h.id;
		DELETE FROM quota.leadership WHERE org_id = source;
		UPDATE quota.org SET status = 'dissolved', closed_on = CURRENT_DATE WHERE id = source;
	END IF;
	DELETE FROM quota.reform_pass WHERE org_id = source;
	-- a closing source must be empty also for what entered it after this transaction's snapshot
	IF NOT remains AND quota.merge_residue(ARRAY[source]) > 0 THEN
		RAISE EXCEPTION 'could not serialize access: the org being split changed after this transaction began'
			USING ERRCODE = '40001', HINT = 'The transaction might succeed if retried.';
	END IF;

	-- a split redistributes the source's excess (people, and seats reserved by hiring
	-- approvals, over posts), never creates it:
	-- per category, the source and its parts together are over by no more than the
	-- source was (end state, after every part)
	SELECT a.category, sum(GREATEST(a.occupied + a.reserved - a.approved - a.borrowed, 0)) AS over_after,
		   COALESCE((before_over ->> a.category)::integer, 0) AS over_before
	  INTO c
	  FROM quota.org_account a WHERE a.org_id = ANY (ids || source) AND a.category <> 'filed'
	 GROUP BY a.category
	HAVING sum(GREATEST(a.occupied + a.reserved - a.approved - a.borrowed, 0)) > COALESCE((before_over ->> a.category)::integer, 0)
	 ORDER BY a.category LIMIT 1;
	IF FOUND THEN
		PERFORM quota.raise_rule('quota_over_establishment', 'staff',
			format('the split leaves %s %s staff over establishment; %s were before', c.over_after, c.category, c.over_before),
			format('机构分设: %s and its new orgs would be over establishment (超编) by %s %s posts in all, the source was by %s; a split may redistribute the excess, never add to it.',
				   s.name, c.over_after, c.category, c.over_before),
			'Give each part posts for the people it takes, or name the people who go with the posts.');
	END IF;
	-- transitional excess (people over posts, leaders over 领导职数) is the reform's:
	-- listed in quota.violations, blocking new entries until absorbed
	FOR o IN SELECT x.id FROM unnest(ids || source) x(id)
			  WHERE (x.id <> source OR EXISTS (SELECT 1 FROM quota.reform_excess re WHERE re.org_id = source)
					 OR EXISTS (SELECT 1 FROM quota.org_account a WHERE a.org_id = source AND a.category <> 'filed'
								 AND a.occupied - a.approved - a.borrowed > COALESCE((before_over ->> a.category)::integer, 0)))
				AND x.id IN (SELECT y FROM unnest(ids) y UNION ALL SELECT source WHERE remains)
				AND (EXISTS (SELECT 1 FROM quota.org_account a WHERE a.org_id = x.id
							 AND a.occupied > a.approved + a.borrowed AND a.category <> 'filed')
				 OR EXISTS (SELECT 1 FROM quota.leader_account la WHERE la.org_id = x.id AND la.filled > la.approved))
			  ORDER BY x.id LOOP
		INSERT INTO quota.reform_excess (org_id, doc_no) VALUES (o.id, doc_no)
		ON CONFLICT (org_id) DO UPDATE SET doc_no = EXCLUDED.doc_no, recorded_at = now();
	END LOOP;

	-- every category's total is conserved exactly: the report says where each post went
	FOR c IN SELECT b.key AS category, (b.value #>> '{}')::integer AS before,
					COALESCE((SELECT a.approved FROM quota.org_account a WHERE a.org_id = source AND a.category = b.key), 0) AS kept,
					(SELECT COALESCE(sum(a.approved), 0) FROM quota.org_account a WHERE a.org_id = ANY (ids) AND a.category = b.key) AS moved,
					(SELECT string_agg(format('%s %s', og.name, a.approved), ', ' ORDER BY og.id)
					   FROM quota.org_account a JOIN quota.org og ON og.id = a.org_id
					  WHERE a.org_id = ANY (ids) AND a.category = b.key AND a.approved > 0) AS detail
			   FROM jsonb_each(before_acc) b ORDER BY b.key LOOP
		IF c.kept + c.moved <> c.before THEN
			RAISE EXCEPTION 'split_org: % posts of % before, % after', c.category, c.before, c.kept + c.moved;
		END IF;
		report := report || format('; %s: %s before, %s after (%s kept%s)', c.category, c.before, c.kept + c.moved,
								   c.kept, COALESCE(', ' || c.detail, ''));
	END LOOP;
	RAISE NOTICE '%', format('机构分设 %s: %s split into %s new org(s)%s%s', doc_no, s.name, cardinality(ids), report,
		CASE WHEN remains THEN '' ELSE '; the source is dissolved (撤销)' END);
	RETURN ids;
EXCEPTION WHEN check_violation THEN
	-- a check of the ledger or the roster named a new org by its id, which the failed call did not keep
	GET STACKED DIAGNOSTICS e_state = RETURNED_SQLSTATE, e_constraint = CONSTRAINT_NAME, e_schema = SCHEMA_NAME,
		e_table = TABLE_NAME, e_message = MESSAGE_TEXT, e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT;
	PERFORM quota.raise_renamed(made, e_state, e_constraint, e_schema, e_table, e_message, e_detail, e_hint);
	RAISE;
END
$$;
COMMENT ON FUNCTION quota.split_org(bigint, jsonb, text) IS '机构分设: creates one new org per part with its posts per category, named people, leadership posts, internal units and duties; the remainder stays at the source, which is dissolved when nothing remains; totals are conserved exactly; returns the new ids in the order of parts';
