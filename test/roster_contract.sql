-- pgTAP: the roster contract of DESIGN.md §5-§7 (staff, hiring, leadership, functions, views)
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(25);

SELECT has_table('quota', 'staff', 'quota.staff');
SELECT has_table('quota', 'hiring', 'quota.hiring');
SELECT has_table('quota', 'leadership', 'quota.leadership');
SELECT columns_are('quota', 'staff', ARRAY['id', 'person_id', 'name', 'org_id', 'category', 'post', 'post_rank', 'talent_level',
	'hiring_id', 'entered_on', 'entry_doc', 'left_on', 'left_reason', 'change_doc'], 'staff columns');
SELECT columns_are('quota', 'hiring', ARRAY['id', 'org_id', 'category', 'slots', 'doc_no', 'issued_on', 'valid_until'], 'hiring columns');
SELECT columns_are('quota', 'leadership', ARRAY['org_id', 'post', 'approved', 'doc_no'], 'leadership columns');
SELECT col_default_is('quota', 'staff', 'post', 'staff', 'post defaults to staff');
SELECT col_is_pk('quota', 'leadership', ARRAY['org_id', 'post'], 'leadership keyed by org and post');
SELECT has_view('quota', 'headcount_status', 'quota.headcount_status');
SELECT results_eq($$SELECT column_name::text COLLATE "default" FROM information_schema.columns WHERE table_schema = 'quota' AND table_name = 'headcount_status' ORDER BY ordinal_position LIMIT 5$$,
	ARRAY['org_id', 'headcount_cap', 'established_occupied', 'filed_occupied', 'headroom'], 'headcount_status columns');
SELECT has_function('quota', 'settle_loans', ARRAY['date'], 'quota.settle_loans');
SELECT results_eq($$SELECT pg_get_function_result('quota.settle_loans(date)'::regprocedure)$$,
	ARRAY['TABLE(loan_id bigint, returned integer, still_occupied integer)'], 'settle_loans returns (loan_id, returned, still_occupied)');
SELECT has_trigger('quota', 'staff', 'staff_entries', 'the entry trigger is installed');

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES ('中央', 'c', 'central_office', NULL, NULL, NULL), ('滨编', 'b', 'committee', '3716', NULL, NULL);
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (901, '3716', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind, rank) OVERRIDING SYSTEM VALUE VALUES (901, '学校', '3716', 'institution', '正科');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'institution', 2, 901, '中央');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 2, 901, 901, '滨编');

SELECT lives_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('11010519491231002X', '甲', 901, 'institution', current_date, '滨编')$$, 'a hire into a vacancy');
SELECT throws_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('110105194912310021', '乙', 901, 'institution', current_date, '滨编')$$, '22P02', NULL, 'a bad resident id is 22P02');
SELECT throws_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('11010519491231002X', '甲', 901, 'institution', current_date, '滨编')$$, '23514', NULL, 'the same person twice');
SELECT lives_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('110105195001010012', '丙', 901, 'institution', current_date, '滨编')$$, 'the last vacancy');
SELECT throws_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('110105195001020018', '丁', 901, 'institution', current_date, '滨编')$$, '23514', 'org 901 (学校) has no vacancy for 1 more institution staff (超编)', '超编 is refused');

\ir lib/constraint_of.sql
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('110105195001020018', '丁', 901, 'institution', current_date, '滨编')$$), 'quota_over_establishment', 'constraint name quota_over_establishment');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('11010519491231002X', '甲', 901, 'institution', current_date, '滨编')$$), 'quota_over_establishment', 'a full unit is reported before a duplicate (rule order)');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('110105195001020018', '丁', 901, 'filed', current_date, '滨编')$$), 'quota_headcount_cap', 'filed staff only under a headcount cap');
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (901, 'institution', 1, '滨编')$$),
	'quota_hiring', 'a hiring approval needs vacancies');
SELECT lives_ok($$UPDATE quota.staff SET left_on = current_date WHERE name = '甲'$$, 'leaving');
SELECT is((SELECT occupied FROM quota.org_status WHERE org_id = 901), 1, 'leaving frees the post');
SELECT is_empty($$SELECT * FROM quota.verify()$$, 'the books verify');

SELECT * FROM finish();
ROLLBACK;
