-- Bad input (issue 13 item 8): every argument of every function that takes
-- input -- NULLs (also inside arrays and jsonb), out-of-range numbers,
-- infinities, multi-dimensional arrays, over-long strings -- is refused with
-- a stable name: 22023 for an argument, 23514 with the rule of DESIGN §8
-- where the value names something (an over-long document number names no
-- approval: quota_authority), 22P02 for a malformed literal; and the refused
-- call writes nothing (every table's fingerprint is compared).  Each call
-- that would succeed is rolled back, so that every probe starts from the
-- same books.  Functions that only read and return NULL for a NULL or an
-- unknown name (rank_level, policy_value, the *_name functions, the types'
-- functions) are shown returning NULL.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\set ECHO none
\i demo/01_binzhou.sql
\i demo/02_activity.sql
\set ECHO all
-- the outcome of a call, undone either way
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	cn text;
	msg text;
BEGIN
	BEGIN
		EXECUTE stmt;
		RAISE EXCEPTION USING ERRCODE = 'QU000', MESSAGE = 'ok';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT;
	END;
	IF st = 'QU000' THEN
		RETURN 'ok (undone)';
	END IF;
	RETURN st || ' ' || COALESCE(NULLIF(cn, ''), '-') || ': ' || left(msg, 80);
END
$$;
-- a fingerprint of every table the session may read
CREATE FUNCTION pg_temp.everything() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	t text;
	h text;
	acc text := '';
BEGIN
	FOR t IN SELECT relname FROM pg_class WHERE relnamespace = 'quota'::regnamespace AND relkind = 'r'
			   AND has_table_privilege(oid, 'SELECT') ORDER BY 1 LOOP
		EXECUTE format('SELECT count(*) || '':'' || COALESCE(sum(hashtext(x::text)::bigint), 0) FROM quota.%I x', t) INTO h;
		acc := acc || t || '=' || h || ' ';
	END LOOP;
	RETURN md5(acc);
END
$$;
SELECT pg_temp.everything() AS before \gset

-- quota.transfer(from_org, to_org, category, amount, doc_no, persons)
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT quota.transfer(NULL, 9, 'admin', 1, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, NULL, 'admin', 1, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, NULL, 1, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, 'admin', NULL, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, 'admin', 1, NULL)$$),
	($$SELECT quota.transfer(8, 9, 'admin', 0, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, 'admin', -1, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, 'admin', 2147483647, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, repeat('x', 300), 1, '滨编〔2024〕15号')$$),
	($$SELECT quota.transfer(8, 9, 'admin', 1, repeat('x', 300))$$),
	($$SELECT quota.transfer(8, 9, 'admin', 1, '')$$),
	($$SELECT quota.transfer(8, 9, 'admin', 1, '滨编〔2024〕15号', ARRAY[NULL]::bigint[])$$),
	($$SELECT quota.transfer(8, 9, 'admin', 2, '滨编〔2024〕15号', ARRAY[2, NULL]::bigint[])$$),
	($$SELECT quota.transfer(8, 9, 'admin', 1, '滨编〔2024〕15号', ARRAY[[2, 3], [4, 5]]::bigint[])$$),
	($$SELECT quota.transfer(8, 9, 'admin', 1, '滨编〔2024〕15号', ARRAY[-1]::bigint[])$$),
	-- a NULL person list is no person list (the parameter's default is '{}')
	($$SELECT quota.transfer(8, 9, 'admin', 1, '滨编〔2024〕15号', NULL)$$)) v (s);

-- quota.move_duty(duty_id, to_org, amounts, persons, doc_no)
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT quota.move_duty(NULL, 9, '{"admin": 1}', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, NULL, '{"admin": 1}', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1}', '{}', NULL)$$),
	($$SELECT quota.move_duty(1, 9, NULL, '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": null}', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1e400}', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 2147483648}', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1.5}', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '[1]', '{}', '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1}', ARRAY[NULL]::bigint[], '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1}', ARRAY[[1, 2], [3, 4]]::bigint[], '滨编〔2024〕15号')$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1}', '{}', repeat('x', 300))$$),
	($$SELECT quota.move_duty(1, 9, '{"admin": 1}', NULL, '滨编〔2024〕15号')$$)) v (s);

-- quota.merge_orgs(sources, target, doc_no, reduction, reduction_to)
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT quota.merge_orgs(NULL, 8, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs('{}', 8, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs(ARRAY[9], NULL, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs(ARRAY[NULL]::bigint[], 8, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs(ARRAY[9, NULL], 8, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs(ARRAY[[9]]::bigint[], 8, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs(ARRAY[9, 9], 8, '滨编〔2024〕15号')$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, NULL)$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, repeat('x', 300))$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, '滨编〔2024〕15号', '{"admin": null}')$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, '滨编〔2024〕15号', '{"admin": 1e400}')$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, '滨编〔2024〕15号', '{"admin": -1}')$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, '滨编〔2024〕15号', '[1]')$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, '滨编〔2024〕15号', '{}', NULL)$$),
	($$SELECT quota.merge_orgs(ARRAY[9], 8, '滨编〔2024〕15号', '{}', repeat('x', 300))$$)) v (s);

-- quota.split_org(source, parts, doc_no)
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT quota.split_org(NULL, '[{"name": "甲", "kind": "government_organ"}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, NULL, '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ"}]', NULL)$$),
	($$SELECT quota.split_org(8, '[]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[null]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": null, "kind": "government_organ"}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": null}}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 1e400}}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "posts": {"admin": 3000000000}}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "leaders": {"chief": 3000000000}}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "persons": [null]}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "persons": [1e30]}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "duties": [1.5]}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ", "units": [-1]}]', '滨编〔2024〕15号')$$),
	($$SELECT quota.split_org(8, '[{"name": "甲", "kind": "government_organ"}]', repeat('x', 300))$$)) v (s);

-- the lifecycle and corrections
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT quota.dissolve_org(NULL, '滨编〔2024〕15号')$$),
	($$SELECT quota.dissolve_org(8, NULL)$$),
	($$SELECT quota.dissolve_org(8, repeat('x', 300))$$),
	($$SELECT quota.reactivate_org(NULL, '滨编〔2024〕15号')$$),
	($$SELECT quota.reactivate_org(8, NULL)$$),
	($$SELECT quota.correct_movement(NULL, '滨编〔2024〕15号', '错录')$$),
	($$SELECT quota.correct_movement(5, NULL, '错录')$$),
	($$SELECT quota.correct_movement(5, '滨编〔2024〕15号', NULL)$$),
	($$SELECT quota.correct_movement(5, '滨编〔2024〕15号', '')$$),
	($$SELECT quota.correct_movement(-1, '滨编〔2024〕15号', '错录')$$),
	($$SELECT quota.correct_movement(5, repeat('x', 300), '错录')$$),
	($$SELECT quota.correct_staff_event(NULL, '滨编〔2024〕15号', '错录')$$),
	($$SELECT quota.correct_staff_event(1, NULL, '错录')$$),
	($$SELECT quota.correct_staff_event(1, '滨编〔2024〕15号', NULL)$$),
	($$SELECT quota.correct_staff_event(-1, '滨编〔2024〕15号', '错录')$$)) v (s);

-- dates: NULL and the infinities
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT count(*) FROM quota.settle_loans(NULL)$$),
	($$SELECT count(*) FROM quota.settle_loans('infinity')$$),
	($$SELECT count(*) FROM quota.settle_loans('-infinity')$$),
	($$SELECT count(*) FROM quota.establishment_at(NULL)$$),
	($$SELECT count(*) FROM quota.establishment_at('infinity')$$),
	($$SELECT count(*) FROM quota.establishment_at('-infinity')$$),
	($$SELECT count(*) FROM quota.roster_at(NULL)$$),
	($$SELECT count(*) FROM quota.roster_at('infinity')$$),
	($$SELECT count(*) FROM quota.roster_at('-infinity')$$),
	($$SELECT count(*) FROM quota.establishment_report(NULL)$$),
	($$SELECT count(*) FROM quota.establishment_report('infinity')$$),
	($$SELECT count(*) FROM quota.establishment_rollup('-infinity')$$),
	($$SELECT count(*) FROM quota.loans_expiring(NULL)$$),
	($$SELECT count(*) FROM quota.loans_expiring(-1)$$),
	($$SELECT count(*) FROM quota.loans_expiring(2147483647)$$)) v (s);

-- literals of the extension's types: 22P02
SELECT pg_temp.try(s) FROM (VALUES
	($$SELECT '1'::quota.division$$),
	($$SELECT repeat('1', 300)::quota.division$$),
	($$SELECT 'x'::quota.uscc$$),
	($$SELECT repeat('1', 300)::quota.uscc$$)) v (s);

-- readers: NULL or an unknown name gives NULL
SELECT quota.rank_level(NULL) AS rank_null, quota.rank_level('大王') AS rank_unknown,
	   quota.policy_value(NULL) AS policy_null, quota.policy_value('nope') AS policy_unknown,
	   quota.division_level_name(99) AS level_99, quota.movement_kind_name('nope') AS kind_unknown,
	   quota.pool_kind_name(NULL) AS pool_kind_null, quota.resident_id_ok(NULL) AS resident_null;

SELECT pg_temp.everything() = :'before' AS nothing_written;
SELECT * FROM quota.verify();
