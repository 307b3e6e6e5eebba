-- pgTAP: every rule of DESIGN.md §8 reaches the client as SQLSTATE 23514
-- with its constraint name, raised by the offending statement itself, and
-- the failed statement writes nothing (the books are unchanged after it)
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SET LOCAL client_min_messages = warning;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\ir lib/constraint_of.sql
SELECT plan(22);

-- a loan, a cap, an inactive org, a leadership approval, a capped org
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (801, 'lend', 'institution', 2, 13, 24, '滨编办〔2024〕21号', current_date + 30);
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (80, '滨州市某撤销单位', '3716', 'institution');
SELECT quota.dissolve_org(80, '滨编〔2024〕12号');
INSERT INTO quota.cap (division, category, scope, ceiling, doc_no) VALUES ('3716', 'institution', 'subtree', 11600, '鲁编〔2024〕3号');
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (22, 'chief', 1, '滨编〔2024〕12号');
UPDATE quota.org SET headcount_cap = 1, rank = '正科' WHERE id = 25;
SELECT quota.install_standard_library() AS standards \gset
INSERT INTO quota.org_metric VALUES (23, 'students_junior', 1350, current_date);
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_school_junior';
CREATE TEMP TABLE books_mid AS
	SELECT 'o' AS k, row(s.*)::text AS r FROM quota.org_status s UNION ALL
	SELECT 'p', row(s.*)::text FROM quota.pool_balance s UNION ALL
	SELECT 'm', count(*)::text FROM quota.movement UNION ALL
	SELECT 's', count(*)::text FROM quota.staff;

SELECT is(pg_temp.constraint_of($$UPDATE quota.movement SET amount = 2 WHERE id = 801$$),
	'quota_ledger_immutable', 'UPDATE of the ledger: quota_ledger_immutable');
SELECT is(pg_temp.constraint_of($$DELETE FROM quota.movement WHERE id = 801$$),
	'quota_ledger_immutable', 'DELETE of the ledger: quota_ledger_immutable');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 13, '滨编〔2024〕12号')$$),
	'quota_movement_shape', 'allocate into a pool: quota_movement_shape');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
	VALUES ('allocate', 'institution', 1, 12, 24, '滨编〔2024〕12号', current_date + 1)$$),
	'quota_movement_shape', 'a future effective_on: quota_movement_shape');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 24, '滨农〔2024〕8号')$$),
	'quota_authority', 'a line department''s document: quota_authority');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 24, '滨编〔2099〕1号')$$),
	'quota_authority', 'an approval that does not exist: quota_authority');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 80, '滨编〔2024〕12号')$$),
	'quota_org_inactive', 'a movement to a dissolved org: quota_org_inactive');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 1, 10, 24, '滨编〔2024〕12号')$$),
	'quota_category_mismatch', 'admin posts to an institution: quota_category_mismatch');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号')$$),
	'quota_loan', 'a lend without expires_on: quota_loan');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
	VALUES ('repay', 'institution', 3, 24, 13, '滨编办〔2024〕21号', 801)$$),
	'quota_loan', 'a repay beyond the loan: quota_loan');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'admin', 100000, 10, 3, '滨编〔2024〕12号')$$),
	'quota_insufficient', 'more than the pool holds: quota_insufficient');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
	VALUES ('issue', 'institution', 500, 12, '鲁编〔2024〕3号')$$),
	'quota_cap_exceeded', 'an issue above the subtree ceiling: quota_cap_exceeded');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	SELECT pg_temp.pid(8000 + g), '新人' || g, 26, 'institution', current_date, '滨编〔2024〕12号' FROM generate_series(1, 26) g$$),
	'quota_over_establishment', 'one more hire than posts: quota_over_establishment');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
	SELECT pg_temp.pid(8100 + g), '校长' || g, 22, 'institution', 'chief', current_date, '滨编〔2024〕12号' FROM generate_series(1, 2) g$$),
	'quota_leadership_exceeded', 'two chiefs for one chief post: quota_leadership_exceeded');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, post_rank, entered_on, entry_doc)
	VALUES (pg_temp.pid(8200), '处长', 25, 'institution', '正处', current_date, '滨编〔2024〕12号')$$),
	'quota_leadership_exceeded', 'a rank above the org''s: quota_leadership_exceeded');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no)
	VALUES (23, '办公室', true, '滨编〔2024〕12号'), (23, '综合科', true, '滨编〔2024〕12号')$$),
	'quota_internal_units', 'two comprehensive units of two: quota_internal_units');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (26, 'institution', 26, '滨编〔2024〕12号')$$),
	'quota_hiring', 'a hiring approval for more slots than vacancies: quota_hiring');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(8300), '甲', 26, 'institution', current_date, '滨编〔2024〕12号'),
		   (pg_temp.pid(8300), '甲', 24, 'institution', current_date, '滨编〔2024〕12号')$$),
	'quota_person_duplicate', 'one person into two posts: quota_person_duplicate');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	SELECT pg_temp.pid(8400 + g), '备案' || g, 25, 'filed', current_date, '滨编〔2024〕12号' FROM generate_series(1, 2) g$$),
	'quota_headcount_cap', 'filed staff beyond the headcount cap: quota_headcount_cap');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(8500), '备案', 24, 'filed', current_date, '滨编〔2024〕12号')$$),
	'quota_headcount_cap', 'filed staff where no cap exists: quota_headcount_cap');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 6, 12, 23, '滨编〔2024〕12号')$$),
	'quota_standard_exceeded', 'above an enforce standard (初中 1:13.5, 1350 students: 100): quota_standard_exceeded');

-- none of the failures above wrote anything
SELECT set_eq($$SELECT k, r FROM books_mid$$,
	$$SELECT 'o', row(s.*)::text FROM quota.org_status s UNION ALL SELECT 'p', row(s.*)::text FROM quota.pool_balance s
	  UNION ALL SELECT 'm', count(*)::text FROM quota.movement UNION ALL SELECT 's', count(*)::text FROM quota.staff$$,
	'every failed statement left the books exactly as they were');
SELECT * FROM finish();
ROLLBACK;
