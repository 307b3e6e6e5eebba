-- pgTAP: the write matrix of the ledger, reference and standards tables.
-- Every refused cell fails with its SQLSTATE (and constraint name for a
-- rule), at the statement, and writes nothing; the org lifecycle works end
-- to end under a document.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SET LOCAL client_min_messages = warning;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\ir lib/constraint_of.sql
-- the fixture's deferred key checks are done: TRUNCATE meets our trigger, not pending events
SET CONSTRAINTS ALL IMMEDIATE;
SELECT plan(45);


-- TRUNCATE: refused everywhere (55000)
SELECT throws_ok(format('TRUNCATE quota.%I CASCADE', t), '55000', NULL, 'TRUNCATE quota.' || t || ' is refused')
FROM unnest(ARRAY['jurisdiction', 'approval', 'org', 'pool', 'cap', 'leadership', 'internal_unit', 'duty',
				  'standard', 'standard_term', 'org_metric', 'category', 'org_kind', 'category_use', 'policy',
				  'authority']) t;

-- identity: GENERATED ALWAYS
SELECT throws_ok($$INSERT INTO quota.org (id, name, division, kind) VALUES (1000, 'x', '3716', 'institution')$$,
	'428C9', NULL, 'an explicit org id is refused');
SELECT is((SELECT count(*)::int FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
			WHERE c.relnamespace = 'quota'::regnamespace AND a.attidentity = 'd'
			  AND c.relname IN ('org', 'pool', 'movement', 'standard_term', 'internal_unit', 'duty')), 0,
	'the identity columns of the ledger and standards tables are GENERATED ALWAYS');

-- leadership
INSERT INTO quota.leadership VALUES (24, 'chief', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(1, '1975-01-01', '071'), '农推主任', 24, 'institution', 'chief', '正科', '2024-04-01', '滨编〔2024〕12号');
CREATE TEMP TABLE books_before AS
SELECT 'p' || row(a.*)::text AS t FROM quota.pool_account a
UNION ALL SELECT 'o' || row(a.*)::text FROM quota.org_account a
UNION ALL SELECT 'j' || row(a.*)::text FROM quota.jurisdiction_account a
UNION ALL SELECT 'm' || count(*)::text FROM quota.movement a;
SELECT throws_ok($$UPDATE quota.leadership SET org_id = 26 WHERE org_id = 24$$, '55000', NULL, 'leadership org_id is fixed');
SELECT throws_ok($$UPDATE quota.leadership SET post = 'deputy' WHERE org_id = 24$$, '55000', NULL, 'leadership post is fixed');
SELECT is(pg_temp.constraint_of($$DELETE FROM quota.leadership WHERE org_id = 24$$), 'quota_leadership_exceeded',
	'a leadership approval with a leader in post is not deleted');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.leadership VALUES (26, 'chief', 1, 'no such doc')$$), 'quota_authority',
	'leadership: a missing document is quota_authority at the statement');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.cap VALUES ('3716', 'institution', 'level', 99999, 'no such doc')$$), 'quota_authority',
	'cap: a missing document is quota_authority at the statement');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.internal_unit (org_id, name, doc_no) VALUES (24, 'x', 'no such doc')$$), 'quota_authority',
	'internal unit: a missing document is quota_authority at the statement');

-- org
SELECT is(pg_temp.constraint_of($$UPDATE quota.org SET rank = '副科' WHERE id = 24$$), 'quota_leadership_exceeded',
	'an org rank below a leader in post is refused');
SELECT lives_ok($$UPDATE quota.staff SET name = '农推中心主任' WHERE org_id = 24 AND post = 'chief'$$,
	'the leader''s name stays editable');
SELECT throws_ok($$UPDATE quota.org SET status = 'dissolved' WHERE id = 26$$, '55000', NULL, 'a plain status change is refused');
SELECT throws_ok($$DELETE FROM quota.org WHERE id = 26$$, '55000', NULL, 'an org with history is not deleted');
SELECT is(pg_temp.constraint_of($$UPDATE quota.org SET headcount_cap = 0 WHERE id = 24$$), 'quota_headcount_cap',
	'a headcount cap below the people in post is refused');

-- approvals
SELECT throws_ok($$DELETE FROM quota.approval WHERE doc_no = '鲁编〔2024〕3号'$$, '55000', NULL,
	'a used approval is not deleted (at the statement)');
SELECT throws_ok($$UPDATE quota.approval SET issued_on = '2024-12-31' WHERE doc_no = '鲁编〔2024〕3号'$$, '55000', NULL,
	'a used approval keeps its date');

-- standards and reference data
INSERT INTO quota.standard (code, name, sector, target, category) VALUES ('t', 't', 'other', 'posts', 'institution');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.standard_term (standard, metric, per_post) VALUES ('t', 'x', 'NaN')$$),
	'standard_term_finite', 'a NaN term is refused');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.standard_term (standard, metric, high_factor) VALUES ('t', 'x', 1e300)$$),
	'standard_term_finite', 'a huge factor is refused');
SELECT throws_ok($$UPDATE quota.policy SET value = '2' WHERE name = 'comprehensive_unit_share'$$, '22023', NULL,
	'a policy value the rules cannot read is refused');
SELECT is(pg_temp.constraint_of($$DELETE FROM quota.category_use WHERE category = 'institution' AND org_kind = 'institution'$$),
	'quota_category_mismatch', 'a category use still held is not removed');
SELECT throws_ok($$DELETE FROM quota.category WHERE code = 'admin'$$, '55000', NULL, 'a category in use is not deleted');

SELECT set_eq($$SELECT 'p' || row(a.*)::text FROM quota.pool_account a
UNION ALL SELECT 'o' || row(a.*)::text FROM quota.org_account a
UNION ALL SELECT 'j' || row(a.*)::text FROM quota.jurisdiction_account a
UNION ALL SELECT 'm' || count(*)::text FROM quota.movement a$$, 'SELECT t FROM books_before',
	'no refused statement changed the books');

-- lifecycle: dissolve recalls the vacant posts under the document, then reactivate
SELECT throws_ok($$SELECT quota.dissolve_org(24, '滨编〔2024〕12号')$$, '55000', NULL, 'an org with people is not dissolved');
SELECT is(pg_temp.constraint_of($$SELECT quota.dissolve_org(26, '滨农〔2024〕8号')$$), 'quota_authority',
	'dissolving needs a document with authority');
SELECT lives_ok($$SELECT quota.dissolve_org(26, '滨编〔2024〕12号')$$, 'an org without people is dissolved');
SELECT is((SELECT status FROM quota.org WHERE id = 26), 'dissolved', 'it is dissolved');
SELECT is((SELECT COALESCE(sum(approved), 0)::int FROM quota.org_account WHERE org_id = 26), 0, 'its posts were recalled');
SELECT is((SELECT count(*)::int FROM quota.verify()), 0, 'verify() is clean after the dissolution');
SELECT lives_ok($$SELECT quota.reactivate_org(26, '滨编〔2024〕12号')$$, 'it is reactivated under a document');

SELECT throws_ok($$SELECT * FROM quota.settle_loans(current_date + 1)$$, '22023', NULL, 'settle_loans refuses a date after today');

SELECT * FROM finish();
ROLLBACK;
