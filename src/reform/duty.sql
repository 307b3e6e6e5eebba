-- src/reform/duty.sql: 职责划转 (quota.move_duty)
-- ---------------------------------------------------------------------------
-- Reform operations: 职责划转 (quota.move_duty) and 机构整合 (quota.merge_orgs),
-- and the national standards library.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.move_duty(duty_id bigint, to_org bigint, amounts jsonb, persons bigint[], doc_no text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	d record;
	c record;
	gone record;
	moving bigint[];
	stray bigint;
BEGIN
	IF duty_id IS NULL OR to_org IS NULL OR doc_no IS NULL THEN
		RAISE EXCEPTION 'move_duty needs a duty, a target org and a document' USING ERRCODE = '22023',
			HINT = 'Call quota.move_duty(duty_id, to_org, amounts, persons, doc_no), e.g. amounts {"admin": 3} and persons ''{}''.';
	END IF;
	IF array_ndims(persons) > 1 THEN
		RAISE EXCEPTION 'persons must be a one-dimensional array of staff ids' USING ERRCODE = '22023',
			HINT = 'Pass ARRAY[staff_id, ...] of the people moving with the duty (人随编走), or ''{}''.';
	END IF;
	IF array_position(persons, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'persons must not contain NULL' USING ERRCODE = '22023',
			HINT = 'Pass ARRAY[staff_id, ...] of the people moving with the duty (人随编走), or ''{}''.';
	END IF;
	SELECT du.id, du.org_id, du.name INTO d FROM quota.duty du WHERE du.id = duty_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'duty % does not exist', duty_id USING ERRCODE = '22023',
			HINT = 'quota.duty lists the duties (职责) of each org with their ids.';
	END IF;
	-- the caller's jurisdiction scope first (DESIGN.md §10), then the checks as the owner
	PERFORM quota.scope_require(ARRAY[d.org_id, to_org], 'quota.move_duty');
	IF to_org IS NULL OR to_org = d.org_id OR NOT EXISTS (SELECT 1 FROM quota.org WHERE id = to_org) THEN
		RAISE EXCEPTION 'to_org must be another existing org' USING ERRCODE = '22023',
			DETAIL = pg_catalog.format('The duty is held by org %s; to_org is %s.', d.org_id, to_org),
			HINT = 'Name the registered org that takes the duty over (quota.org).';
	END IF;
	-- the duty itself needs an approval with authority over both orgs, and two active orgs,
	-- also when no post moves with it (R6.1)
	SELECT o.id, o.name, o.status INTO gone FROM quota.org o
	 WHERE o.id IN (d.org_id, to_org) AND o.status <> 'active' ORDER BY o.id LIMIT 1;
	IF FOUND THEN
		PERFORM quota.raise_rule('quota_org_inactive', 'duty', format('org %s (%s) is not active', gone.id, gone.name),
			format('%s is %s; 职责划转 involves active orgs only.', gone.name, gone.status));
	END IF;
	PERFORM quota.authority_check(doc_no, o.division, 'duty transfer (职责划转)')
	   FROM quota.org o WHERE o.id IN (d.org_id, to_org) ORDER BY o.id;
	IF amounts IS NULL OR jsonb_typeof(amounts) <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(amounts) e
		 WHERE jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric <= 0
			OR (e.value #>> '{}')::numeric > 2147483647
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric)
			OR NOT EXISTS (SELECT 1 FROM quota.category WHERE code = e.key)) THEN
		RAISE EXCEPTION 'amounts must map categories to positive whole numbers below 2^31, e.g. {"admin": 3}' USING ERRCODE = '22023';
	END IF;
	persons := COALESCE(persons, '{}');
	-- every named person is active staff of the source in a moving category
	SELECT p INTO stray FROM unnest(persons) p
	 WHERE NOT EXISTS (SELECT 1 FROM quota.staff s WHERE s.id = p AND s.org_id = d.org_id AND s.left_on IS NULL
						 AND amounts ? s.category)
	 LIMIT 1;
	IF stray IS NOT NULL THEN
		PERFORM quota.raise_rule('quota_movement_shape', 'staff',
			format('person %s is not active staff of %s in a category that moves', stray, quota.org_text(d.org_id)),
			'人随编走: the named people hold posts of the categories that move with the duty.');
	END IF;
	FOR c IN SELECT e.key AS category, (e.value #>> '{}')::integer AS amount FROM jsonb_each(amounts) e ORDER BY e.key LOOP
		SELECT COALESCE(array_agg(s.id ORDER BY s.id), '{}') INTO moving FROM quota.staff s
		 WHERE s.id = ANY (persons) AND s.category = c.category;
		PERFORM quota.move_posts_and_persons(d.org_id, to_org, c.category, c.amount, doc_no, moving, false);
	END LOOP;
	-- every category's posts have moved (and passed the ledger's rules): now the people sit down
	PERFORM quota.seat_arrivals();
	INSERT INTO quota.reform_pass (org_id) VALUES (to_org) ON CONFLICT DO NOTHING;
	UPDATE quota.duty SET org_id = to_org WHERE id = duty_id;
	DELETE FROM quota.reform_pass WHERE org_id = to_org;
END
$$;
COMMENT ON FUNCTION quota.move_duty(bigint, bigint, jsonb, bigint[], text) IS '职责划转: the duty, its posts per category and the named people move together or not at all; the receiver stays within establishment';

