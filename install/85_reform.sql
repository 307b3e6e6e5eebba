-- ---------------------------------------------------------------------------
-- Reform operations: 职责划转 (quota.move_duty) and 机构整合 (quota.merge_orgs),
-- and the national standards library.
-- ---------------------------------------------------------------------------

-- the issuer of doc may approve a reform of an org in division d
CREATE FUNCTION quota.authority_check(doc text, d quota.division, what text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a record;
BEGIN
	SELECT ap.issuer_kind, ap.issuer_division, au.central, au.may_authorize INTO a
	  FROM quota.approval ap JOIN quota.authority au ON au.issuer_kind = ap.issuer_kind WHERE ap.doc_no = doc;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'approval % does not exist', doc USING ERRCODE = '22023';
	END IF;
	IF NOT a.may_authorize OR NOT (a.central OR a.issuer_division @> d) THEN
		PERFORM quota.raise_rule('quota_authority', 'approval', format('the issuer of %s has no authority over this %s', doc, what),
			format('%s was issued by a %s at %s; the orgs are at %s.', doc, a.issuer_kind, COALESCE(a.issuer_division::text, 'the centre'), d));
	END IF;
END
$$;
COMMENT ON FUNCTION quota.authority_check(text, quota.division, text) IS 'internal: an approval''s issuer may approve a reform in a division';

CREATE FUNCTION quota.move_duty(duty_id bigint, to_org bigint, amounts jsonb, persons bigint[], doc_no text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	d record;
	c record;
	moving bigint[];
	stray bigint;
BEGIN
	SELECT du.id, du.org_id, du.name INTO d FROM quota.duty du WHERE du.id = duty_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'duty % does not exist', duty_id USING ERRCODE = '22023';
	END IF;
	IF to_org IS NULL OR to_org = d.org_id OR NOT EXISTS (SELECT 1 FROM quota.org WHERE id = to_org) THEN
		RAISE EXCEPTION 'to_org must be another existing org' USING ERRCODE = '22023';
	END IF;
	IF amounts IS NULL OR jsonb_typeof(amounts) <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(amounts) e
		 WHERE jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric <= 0
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric)
			OR NOT EXISTS (SELECT 1 FROM quota.category WHERE code = e.key)) THEN
		RAISE EXCEPTION 'amounts must map categories to positive whole numbers, e.g. {"admin": 3}' USING ERRCODE = '22023';
	END IF;
	persons := COALESCE(persons, '{}');
	-- every named person is active staff of the source in a moving category
	SELECT p INTO stray FROM unnest(persons) p
	 WHERE NOT EXISTS (SELECT 1 FROM quota.staff s WHERE s.id = p AND s.org_id = d.org_id AND s.left_on IS NULL
						 AND amounts ? s.category)
	 LIMIT 1;
	IF stray IS NOT NULL THEN
		PERFORM quota.raise_rule('quota_movement_shape', 'staff',
			format('person %s is not active staff of org %s in a category that moves', stray, d.org_id),
			'人随编走: the named people hold posts of the categories that move with the duty.');
	END IF;
	FOR c IN SELECT e.key AS category, (e.value #>> '{}')::integer AS amount FROM jsonb_each(amounts) e ORDER BY e.key LOOP
		SELECT COALESCE(array_agg(s.id ORDER BY s.id), '{}') INTO moving FROM quota.staff s
		 WHERE s.id = ANY (persons) AND s.category = c.category;
		PERFORM quota.move_with_persons(d.org_id, to_org, c.category, c.amount, doc_no, moving, false);
	END LOOP;
	INSERT INTO quota.reform_pass (org_id) VALUES (to_org) ON CONFLICT DO NOTHING;
	UPDATE quota.duty SET org_id = to_org WHERE id = duty_id;
	DELETE FROM quota.reform_pass WHERE org_id = to_org;
END
$$;
COMMENT ON FUNCTION quota.move_duty(bigint, bigint, jsonb, bigint[], text) IS '职责划转: the duty, its posts per category and the named people move together or not at all; the receiver stays within establishment';

CREATE FUNCTION quota.merge_residue(orgs bigint[]) RETURNS bigint
	AS 'MODULE_PATHNAME', 'quota_merge_residue' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION quota.merge_residue(bigint[]) IS 'internal: staff, loans, duties, units and posts still referring to the orgs, counted with the latest snapshot';
REVOKE ALL ON FUNCTION quota.merge_residue(bigint[]) FROM PUBLIC;

CREATE FUNCTION quota.merge_orgs(sources bigint[], target bigint, doc_no text, reduction jsonb DEFAULT '{}',
								 reduction_to text DEFAULT 'retire') RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t record;
	src bigint;
	acc record;
	moving bigint[];
	before_total bigint;
	after_total bigint;
	cut bigint := 0;
	r record;
	pool bigint;
BEGIN
	-- arguments (22023)
	IF sources IS NULL OR cardinality(sources) = 0 OR target IS NULL THEN
		RAISE EXCEPTION 'merge_orgs needs sources and a target' USING ERRCODE = '22023';
	END IF;
	IF (SELECT count(DISTINCT s) FROM unnest(sources) s) <> cardinality(sources) OR target = ANY (sources)
	   OR EXISTS (SELECT 1 FROM unnest(sources) s WHERE s IS NULL) THEN
		RAISE EXCEPTION 'sources must be distinct and must not include the target' USING ERRCODE = '22023';
	END IF;
	IF reduction_to IS NULL OR reduction_to NOT IN ('retire', 'reserve') THEN
		RAISE EXCEPTION 'reduction_to must be retire or reserve' USING ERRCODE = '22023';
	END IF;
	reduction := COALESCE(reduction, '{}');
	IF jsonb_typeof(reduction) <> 'object' OR EXISTS (
		SELECT 1 FROM jsonb_each(reduction) e
		 WHERE jsonb_typeof(e.value) <> 'number' OR (e.value #>> '{}')::numeric < 0
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric)
			OR NOT EXISTS (SELECT 1 FROM quota.category WHERE code = e.key AND code <> 'filed')) THEN
		RAISE EXCEPTION 'reduction must map categories to non-negative whole numbers' USING ERRCODE = '22023';
	END IF;
	-- lock every org, in id order; all exist, are active and in one jurisdiction
	PERFORM 1 FROM quota.org WHERE id = ANY (sources || target) ORDER BY id FOR UPDATE;
	SELECT id, name, division, status INTO t FROM quota.org WHERE id = target;
	IF NOT FOUND OR (SELECT count(*) FROM quota.org WHERE id = ANY (sources)) <> cardinality(sources) THEN
		RAISE EXCEPTION 'every source and the target must exist' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.org WHERE id = ANY (sources || target) AND (status <> 'active' OR division <> t.division)) THEN
		RAISE EXCEPTION 'sources and target must be active orgs of one jurisdiction' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.loan WHERE org_id = ANY (sources) AND outstanding > 0) THEN
		RAISE EXCEPTION 'a source has open loans: repay or settle them first' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM jsonb_each(reduction) e
				WHERE (e.value #>> '{}')::integer > (SELECT COALESCE(sum(a.approved), 0) FROM quota.org_account a
													  WHERE a.org_id = ANY (sources || target) AND a.category = e.key)) THEN
		RAISE EXCEPTION 'a reduction is larger than the posts merged in its category' USING ERRCODE = '22023';
	END IF;
	PERFORM quota.authority_check(doc_no, t.division, 'merger');

	SELECT COALESCE(sum(approved), 0) INTO before_total FROM quota.org_account
	 WHERE org_id = ANY (sources || target) AND category <> 'filed';
	INSERT INTO quota.reform_pass (org_id) VALUES (target) ON CONFLICT DO NOTHING;

	FOREACH src IN ARRAY sources LOOP
		-- the sources' open hiring approvals and leadership approvals lapse
		PERFORM quota.release_hiring(h.id) FROM quota.hiring h WHERE h.org_id = src ORDER BY h.id;
		INSERT INTO quota.reform_pass (org_id) VALUES (src) ON CONFLICT DO NOTHING;
		DELETE FROM quota.leadership WHERE org_id = src;
		-- every post and person moves to the target (reform-generated excess allowed)
		FOR acc IN SELECT category, approved FROM quota.org_account WHERE org_id = src ORDER BY category LOOP
			SELECT COALESCE(array_agg(s.id ORDER BY s.id), '{}') INTO moving FROM quota.staff s
			 WHERE s.org_id = src AND s.category = acc.category AND s.left_on IS NULL;
			IF acc.approved > 0 THEN
				PERFORM quota.move_with_persons(src, target, acc.category, acc.approved, doc_no, moving, true);
			ELSIF cardinality(moving) > 0 THEN
				INSERT INTO quota.staff_pass (staff_id, allow_excess) SELECT p, true FROM unnest(moving) p;
				UPDATE quota.staff SET org_id = target WHERE id = ANY (moving);
				DELETE FROM quota.staff_pass WHERE staff_id = ANY (moving);
			END IF;
		END LOOP;
		-- internal units and duties move too
		UPDATE quota.internal_unit SET org_id = target WHERE org_id = src;
		UPDATE quota.duty SET org_id = target WHERE org_id = src;
		UPDATE quota.org SET status = 'merged', closed_on = CURRENT_DATE WHERE id = src;
		DELETE FROM quota.reform_pass WHERE org_id = src;
	END LOOP;

	-- the reduction leaves the target: retired, or recalled to the reserve pool
	FOR r IN SELECT e.key AS category, (e.value #>> '{}')::integer AS amount FROM jsonb_each(reduction) e
			  WHERE (e.value #>> '{}')::integer > 0 ORDER BY e.key LOOP
		IF reduction_to = 'retire' THEN
			PERFORM quota.internal_movement('retire', r.category, r.amount, target, NULL, NULL, NULL, doc_no,
				NULL, NULL, NULL, '机构整合: 精简', true);
		ELSE
			SELECT id INTO pool FROM quota.pool WHERE division = t.division AND kind = 'reserve' AND category = r.category;
			IF pool IS NULL THEN
				INSERT INTO quota.pool (division, kind, category) VALUES (t.division, 'reserve', r.category) RETURNING id INTO pool;
			END IF;
			PERFORM quota.internal_movement('recall', r.category, r.amount, target, NULL, NULL, pool, doc_no,
				NULL, NULL, NULL, '机构整合: 精简收回机动编制', true);
		END IF;
		cut := cut + r.amount;
	END LOOP;
	DELETE FROM quota.reform_pass WHERE org_id = target;
	-- anything that entered a source after this transaction's snapshot is still there
	IF quota.merge_residue(sources) > 0 THEN
		RAISE EXCEPTION 'could not serialize access: a source of the merge changed after this transaction began'
			USING ERRCODE = '40001', HINT = 'The transaction might succeed if retried.';
	END IF;
	INSERT INTO quota.reform_excess (org_id, doc_no) VALUES (target, doc_no)
	ON CONFLICT (org_id) DO UPDATE SET doc_no = EXCLUDED.doc_no, recorded_at = now();

	SELECT COALESCE(sum(approved), 0) INTO after_total FROM quota.org_account WHERE org_id = target AND category <> 'filed';
	RAISE NOTICE '机构整合 %: % posts merged into %, % cut: declared reduction % %%, actual % %%', doc_no, before_total, t.name, cut,
		round(100.0 * cut / NULLIF(before_total, 0), 1), round(100.0 * (before_total - after_total) / NULLIF(before_total, 0), 1);
END
$$;
COMMENT ON FUNCTION quota.merge_orgs(bigint[], bigint, text, jsonb, text) IS '机构整合: all posts and people of the sources to the target, minus the per-category reduction (retired, or to the reserve pool); sources become merged; reform-generated excess is allowed, listed in quota.violations, and blocks new entries until absorbed';

CREATE FUNCTION quota.install_standard_library() RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n integer := 0;
	added integer;
	sec text;
BEGIN
	-- 中小学: 2014 unified city ratios (中央编办发〔2014〕72号; 国办发〔2001〕74号)
	INSERT INTO quota.standard (code, name, sector, target, category, mode, rounding)
	VALUES ('cn_school_primary', '小学教职工编制标准 1:19 (中央编办发〔2014〕72号)', 'school_primary', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_school_junior', '初中教职工编制标准 1:13.5 (中央编办发〔2014〕72号)', 'school_junior', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_school_senior', '高中教职工编制标准 1:12.5 (中央编办发〔2014〕72号)', 'school_senior', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_hospital_beds', '综合医院组织编制原则: 床位与人员比 1:1.3-1.7 (卫生部1978)', 'hospital', 'posts', 'institution', 'warn', 'half_up'),
		   ('cn_vocational', '中等职业学校: 师生比 1:20, 专任教师不少于60 (教职成〔2010〕12号)', 'vocational_school', 'posts', 'institution', 'warn', 'half_up')
	ON CONFLICT DO NOTHING;
	GET DIAGNOSTICS added = ROW_COUNT;
	n := n + added;
	INSERT INTO quota.standard_term (standard, metric, per_post)
	SELECT s, m, p FROM (VALUES ('cn_school_primary', 'students_primary', 19.0), ('cn_school_junior', 'students_junior', 13.5),
								('cn_school_senior', 'students_senior', 12.5), ('cn_vocational', 'students', 20.0)) v (s, m, p)
	WHERE NOT EXISTS (SELECT 1 FROM quota.standard_term t WHERE t.standard = v.s);
	UPDATE quota.standard SET min_value = 60 WHERE code = 'cn_vocational' AND min_value IS NULL;
	INSERT INTO quota.standard_term (standard, metric, band_from, band_to, low_factor, high_factor)
	SELECT 'cn_hospital_beds', 'beds', f, t, lo, hi
	FROM (VALUES (0, 300, 1.3, 1.4), (300, 500, 1.4, 1.5), (500, NULL, 1.6, 1.7)) v (f, t, lo, hi)
	WHERE NOT EXISTS (SELECT 1 FROM quota.standard_term t WHERE t.standard = 'cn_hospital_beds');
	-- 事业单位领导职数 by size (R3.6), for each institution sector
	FOREACH sec IN ARRAY ARRAY['hospital', 'school_primary', 'school_junior', 'school_senior', 'vocational_school',
							   'university', 'research', 'other'] LOOP
		INSERT INTO quota.standard (code, name, sector, target, mode)
		VALUES ('cn_leaders_' || sec, '事业单位领导职数按编制规模核定 (R3.6)', sec, 'leaders', 'warn')
		ON CONFLICT DO NOTHING;
		GET DIAGNOSTICS added = ROW_COUNT;
		IF added > 0 THEN
			n := n + 1;
			INSERT INTO quota.standard_term (standard, metric, band_from, band_to, fixed_low, fixed_high)
			SELECT 'cn_leaders_' || sec, 'approved_posts', f, t, lo, hi
			FROM (VALUES (0, 11, 1, 2), (11, 51, 2, 3), (51, 101, 3, 4), (101, 201, 4, 5), (201, 401, 5, 6),
						 (401, 601, 6, 7), (601, NULL, 7, 8)) v (f, t, lo, hi);
		END IF;
	END LOOP;
	RETURN n;
END
$$;
COMMENT ON FUNCTION quota.install_standard_library() IS 'loads, only when called, the national standards of DOMAIN.md §4 as warn standards (schools, hospitals, vocational schools, leadership by size); returns how many were added';
