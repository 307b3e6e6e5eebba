-- src/reform/merge.sql: 机构整合 (quota.merge_orgs)
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
	cut bigint := 0::bigint;
	r record;
	pool bigint;
	-- a pool this call created, as the clerk would know it (its errors never name its rolled-back id)
	made jsonb := '[]'::jsonb;
	e_state text; e_constraint text; e_schema text; e_table text; e_message text; e_detail text; e_hint text;
BEGIN
	-- arguments (22023)
	IF sources IS NULL OR cardinality(sources) = 0 OR target IS NULL THEN
		RAISE EXCEPTION 'merge_orgs needs sources and a target' USING ERRCODE = '22023',
			HINT = 'Call quota.merge_orgs(ARRAY[source_id, ...], target_id, doc_no).';
	END IF;
	IF array_ndims(sources) > 1 THEN
		RAISE EXCEPTION 'sources must be a one-dimensional array of org ids' USING ERRCODE = '22023';
	END IF;
	IF doc_no IS NULL THEN
		RAISE EXCEPTION 'merge_orgs needs a document' USING ERRCODE = '22023',
			HINT = 'Name the approval document (文号) of the merger.';
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
			OR (e.value #>> '{}')::numeric > 2147483647
			OR (e.value #>> '{}')::numeric <> floor((e.value #>> '{}')::numeric)
			OR NOT EXISTS (SELECT 1 FROM quota.category WHERE code = e.key AND code <> 'filed')) THEN
		RAISE EXCEPTION 'reduction must map categories to non-negative whole numbers below 2^31' USING ERRCODE = '22023';
	END IF;
	-- the caller's jurisdiction scope first (DESIGN.md §10), then the checks as the owner
	PERFORM quota.scope_require(sources || target, 'quota.merge_orgs');
	-- lock every org, in id order; all exist, are active and in one jurisdiction
	PERFORM 1 FROM quota.org WHERE id = ANY (sources || target) ORDER BY id FOR UPDATE;
	SELECT id, name, division, status INTO t FROM quota.org WHERE id = target;
	IF NOT FOUND OR (SELECT count(*) FROM quota.org WHERE id = ANY (sources)) <> cardinality(sources) THEN
		RAISE EXCEPTION 'every source and the target must exist' USING ERRCODE = '22023',
			HINT = 'quota.org lists the registered orgs and their ids.';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.org WHERE id = ANY (sources || target) AND (status <> 'active' OR division <> t.division)) THEN
		RAISE EXCEPTION 'sources and target must be active orgs of one jurisdiction' USING ERRCODE = '22023';
	END IF;
	IF EXISTS (SELECT 1 FROM quota.loan WHERE org_id = ANY (sources) AND outstanding > 0) THEN
		RAISE EXCEPTION 'a source has open loans: repay or settle them first' USING ERRCODE = '22023',
			HINT = 'quota.loan_dashboard shows the open loans; repay them or run quota.settle_loans().';
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
				UPDATE quota.staff SET org_id = target, change_doc = merge_orgs.doc_no WHERE id = ANY (moving);
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
				made := made || jsonb_build_object('key', format('pool %s', pool),
												   'as', format('the new reserve pool of %s for %s posts', t.division, r.category));
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
EXCEPTION WHEN check_violation THEN
	-- a check of the ledger named the new pool by its id, which the failed call did not keep
	GET STACKED DIAGNOSTICS e_state = RETURNED_SQLSTATE, e_constraint = CONSTRAINT_NAME, e_schema = SCHEMA_NAME,
		e_table = TABLE_NAME, e_message = MESSAGE_TEXT, e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT;
	PERFORM quota.raise_renamed(made, e_state, e_constraint, e_schema, e_table, e_message, e_detail, e_hint);
	RAISE;
END
$$;
COMMENT ON FUNCTION quota.merge_orgs(bigint[], bigint, text, jsonb, text) IS '机构整合: all posts and people of the sources to the target, minus the per-category reduction (retired, or to the reserve pool); sources become merged; reform-generated excess is allowed, listed in quota.violations, and blocks new entries until absorbed';

