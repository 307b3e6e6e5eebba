-- pgTAP: the seed practices of DESIGN.md §12 -- 机构分设 (quota.split_org),
-- 容错纠错 (quota.correct_movement, quota.corrections) and 绩效考核
-- (quota.grade, quota.evaluation): signatures, shapes, and every refusal as
-- SQLSTATE + constraint name, with nothing written by a failed statement
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SET LOCAL client_min_messages = warning;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\ir lib/constraint_of.sql
SELECT plan(35);

CREATE FUNCTION pg_temp.state_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE s text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE;
	RETURN s;
END $f$;

-- the contract
SELECT has_function('quota', 'split_org', ARRAY['bigint', 'jsonb', 'text'], 'quota.split_org(bigint, jsonb, text)');
SELECT function_returns('quota', 'split_org', ARRAY['bigint', 'jsonb', 'text'], 'bigint[]', 'split_org returns bigint[]');
SELECT has_function('quota', 'correct_movement', ARRAY['bigint', 'text', 'text'], 'quota.correct_movement(bigint, text, text)');
SELECT function_returns('quota', 'correct_movement', ARRAY['bigint', 'text', 'text'], 'bigint', 'correct_movement returns bigint');
SELECT has_view('quota', 'corrections', 'quota.corrections');
SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
			WHERE attrelid = 'quota.corrections'::regclass AND attnum <= 9),
	ARRAY['correction_id', 'original_id', 'kind', 'category', 'amount', 'doc_no', 'reason', 'recorded_at', 'recorded_by'],
	'quota.corrections begins with the columns of the contract');
SELECT columns_are('quota', 'grade', ARRAY['code', 'name'], 'grade columns');
SELECT columns_are('quota', 'evaluation', ARRAY['org_id', 'year', 'grade', 'score', 'doc_no'], 'evaluation columns');
SELECT col_is_pk('quota', 'evaluation', ARRAY['org_id', 'year'], 'evaluation: PRIMARY KEY (org_id, year)');
SELECT results_eq($$SELECT code, name FROM quota.grade ORDER BY code$$,
	$$VALUES ('excellent', '优秀'), ('fair', '一般'), ('good', '良好'), ('poor', '较差')$$, 'the four grades are seeded');
SELECT columns_are('quota', 'evaluation_policy', ARRAY['grade', 'blocks_talent', 'blocks_loans'], 'evaluation_policy columns');
SELECT is_empty($$SELECT 1 FROM quota.evaluation_policy$$, 'no evaluation policy row by default: nothing is blocked');

-- 滨州市农业技术推广中心 (org 24, 60 posts from allocation 23) has one person
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(1), '职专甲', 24, 'institution', '2020-01-01', '滨编〔2024〕12号');
CREATE TEMP TABLE books_before AS
	SELECT 'o' AS k, row(s.*)::text AS r FROM quota.org_status s UNION ALL
	SELECT 'p', row(s.*)::text FROM quota.pool_balance s UNION ALL
	SELECT 'm', count(*)::text FROM quota.movement UNION ALL
	SELECT 'g', count(*)::text FROM quota.org UNION ALL
	SELECT 'c', count(*)::text FROM quota.correction UNION ALL
	SELECT 's', count(*)::text FROM quota.staff;

-- split_org: bad shapes 22023, rules 23514 with their names
SELECT is(pg_temp.state_of($$SELECT quota.split_org(7, '{"name": "x"}', '滨编〔2024〕12号')$$), '22023', 'split: parts not an array: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "government_organ", "posts": {"admin": -2}}]', '滨编〔2024〕12号')$$),
	'22023', 'split: a negative amount: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "government_organ", "persons": [1, 1]}]', '滨编〔2024〕12号')$$),
	'22023', 'split: a person named twice: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "government_organ", "extra": 1}]', '滨编〔2024〕12号')$$),
	'22023', 'split: an unknown key: 22023');
SELECT is(pg_temp.constraint_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "government_organ", "posts": {"admin": 5}}]', '滨农〔2024〕8号')$$),
	'quota_authority', 'split under a line department''s document: quota_authority');
SELECT is(pg_temp.constraint_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "government_organ", "posts": {"admin": 100000}}]', '滨编〔2024〕12号')$$),
	'quota_insufficient', 'split asking more posts than the source holds: quota_insufficient');
SELECT is(pg_temp.constraint_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "institution", "posts": {"admin": 1}}]', '滨编〔2024〕12号')$$),
	'quota_category_mismatch', 'split giving admin posts to an institution: quota_category_mismatch');
SELECT is(pg_temp.constraint_of($$SELECT quota.split_org(7, '[{"name": "x", "kind": "government_organ", "persons": [999999]}]', '滨编〔2024〕12号')$$),
	'quota_movement_shape', 'split naming a person not in the source: quota_movement_shape');

-- correct_movement
SELECT is(pg_temp.state_of($$SELECT quota.correct_movement(-1, '滨编〔2024〕12号', '录入错误')$$), '22023', 'correct: unknown movement: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.correct_movement(1, '滨编〔2024〕12号', '')$$), '22023', 'correct: no reason: 22023');
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_movement(
		(SELECT id FROM quota.movement WHERE kind = 'allocate' AND to_org = 24 AND amount = 60), '滨编〔2024〕12号', '录入错误')$$),
	'quota_insufficient', 'correcting an allocation whose posts are occupied: quota_insufficient');
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_movement(
		(SELECT min(id) FROM quota.movement WHERE kind = 'allocate'), '滨农〔2024〕8号', '录入错误')$$),
	'quota_authority', 'a correction under a line department''s document: quota_authority');

SELECT is_empty($$SELECT k, r FROM (
	SELECT 'o' AS k, row(s.*)::text AS r FROM quota.org_status s UNION ALL
	SELECT 'p', row(s.*)::text FROM quota.pool_balance s UNION ALL
	SELECT 'm', count(*)::text FROM quota.movement UNION ALL
	SELECT 'g', count(*)::text FROM quota.org UNION ALL
	SELECT 'c', count(*)::text FROM quota.correction UNION ALL
	SELECT 's', count(*)::text FROM quota.staff) now
	FULL JOIN books_before b USING (k, r) WHERE now.k IS NULL OR b.k IS NULL$$,
	'the refused splits and corrections wrote nothing');

-- a correction that goes through, then the same again: 55000
SELECT quota.transfer(7, 8, 'admin', 1, '滨编〔2024〕12号') AS t \gset
SELECT isnt(quota.correct_movement(:t, '滨编〔2024〕12号', '调剂对象录入错误'), NULL, 'a transfer is corrected');
SELECT is(pg_temp.state_of(format($$SELECT quota.correct_movement(%s, '滨编〔2024〕12号', '再次')$$, :t)), '55000',
	'a movement already corrected: 55000');
SELECT results_eq(format($$SELECT original_id, kind, amount FROM quota.corrections WHERE original_id = %s$$, :t),
	format($$VALUES (%s::bigint, 'transfer'::text, 1)$$, :t), 'quota.corrections lists it');
SELECT is(pg_temp.state_of($$UPDATE quota.correction SET reason = 'x'$$), '55000', 'corrections are append-only: 55000');

-- evaluation
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.evaluation VALUES (7, 2024, 'poor', 40, '滨农〔2024〕8号')$$),
	'quota_authority', 'an evaluation under a line department''s document: quota_authority');
SELECT is(pg_temp.state_of(format($$INSERT INTO quota.evaluation VALUES (7, %s, 'poor', 40, '滨编〔2024〕12号')$$,
	extract(year FROM current_date)::int + 1)), '22023', 'an evaluation of a year not begun: 22023');
INSERT INTO quota.evaluation (org_id, year, grade, score, doc_no)
SELECT 24, extract(year FROM current_date)::int - 1, 'poor', 45, '滨编〔2024〕12号';
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号', current_date + 30)$$),
	NULL, 'a poor grade blocks nothing while the policy is off');
INSERT INTO quota.evaluation_policy (grade, blocks_loans) VALUES ('poor', true), ('fair', true);
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号', current_date + 30)$$),
	'quota_evaluation', 'a new loan to an org graded poor last year: quota_evaluation');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号')$$),
	'quota_loan', 'quota_loan is reported before quota_evaluation');
SELECT is_empty($$SELECT * FROM quota.verify()$$, 'verify() is empty');

SELECT * FROM finish();
ROLLBACK;
