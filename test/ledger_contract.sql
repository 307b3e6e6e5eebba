-- pgTAP: the ledger contract of DESIGN.md §4-§8 (tables, columns, views, functions, errors)
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(57);

SELECT has_table('quota', 'category', 'quota.category');
SELECT has_table('quota', 'org_kind', 'quota.org_kind');
SELECT has_table('quota', 'category_use', 'quota.category_use');
SELECT has_table('quota', 'policy', 'quota.policy');
SELECT has_table('quota', 'authority', 'quota.authority');
SELECT has_table('quota', 'jurisdiction', 'quota.jurisdiction');
SELECT has_table('quota', 'approval', 'quota.approval');
SELECT has_table('quota', 'org', 'quota.org');
SELECT has_table('quota', 'pool', 'quota.pool');
SELECT has_table('quota', 'movement', 'quota.movement');
SELECT has_table('quota', 'cap', 'quota.cap');

SELECT columns_are('quota', 'jurisdiction', ARRAY['division', 'name'], 'jurisdiction columns');
SELECT columns_are('quota', 'approval', ARRAY['doc_no', 'issuer', 'issuer_kind', 'issuer_division', 'issued_on', 'title'], 'approval columns');
SELECT columns_are('quota', 'org', ARRAY['id', 'name', 'division', 'kind', 'uscc', 'sector', 'rank', 'funding', 'parent_id',
	'internal_units_approved', 'headcount_cap', 'recall_on_exit', 'status', 'established_on', 'closed_on'], 'org columns');
SELECT columns_are('quota', 'pool', ARRAY['id', 'division', 'kind', 'category'], 'pool columns');
SELECT columns_are('quota', 'movement', ARRAY['id', 'kind', 'category', 'amount', 'from_org', 'from_pool', 'to_org', 'to_pool',
	'doc_no', 'effective_on', 'expires_on', 'loan_id', 'request_id', 'note', 'recorded_at', 'recorded_by'], 'movement columns');
SELECT columns_are('quota', 'cap', ARRAY['division', 'category', 'scope', 'ceiling', 'doc_no'], 'cap columns');
SELECT col_type_is('quota', 'jurisdiction', 'division', 'quota.division', 'jurisdiction.division is a quota.division');
SELECT col_type_is('quota', 'org', 'uscc', 'quota.uscc', 'org.uscc is a quota.uscc');
SELECT col_type_is('quota', 'movement', 'id', 'bigint', 'movement ids are bigint');
SELECT col_is_pk('quota', 'approval', 'doc_no', 'approval keyed by doc_no');
SELECT col_is_unique('quota', 'movement', 'request_id', 'request_id is unique');
SELECT col_is_unique('quota', 'org', 'uscc', 'uscc is unique');
SELECT col_not_null('quota', 'movement', 'doc_no', 'every movement names a document');
SELECT col_default_is('quota', 'org', 'recall_on_exit', 'false', 'recall_on_exit defaults to false');

SELECT results_eq($$SELECT code FROM quota.category ORDER BY code$$,
	ARRAY['admin', 'admin_worker', 'filed', 'institution', 'politico_legal'], 'the five categories are seeded');
SELECT results_eq($$SELECT org_kind FROM quota.category_use WHERE category = 'politico_legal' ORDER BY 1$$,
	ARRAY['court', 'justice', 'procuratorate', 'public_security', 'state_security'], '政法专项编制 is ring-fenced');
SELECT is_empty($$SELECT 1 FROM quota.category_use WHERE org_kind = 'coordination_body'$$, 'coordination bodies hold no quota');
SELECT results_eq($$SELECT name FROM quota.policy ORDER BY name$$,
	ARRAY['comprehensive_unit_share', 'hiring_approval_required', 'hiring_approval_valid_days', 'loan_default_years'], 'policy parameters');
SELECT is((SELECT value FROM quota.policy WHERE name = 'comprehensive_unit_share'), '0.30', 'comprehensive unit share 0.30');

SELECT has_view('quota', 'org_status', 'quota.org_status');
SELECT has_view('quota', 'pool_balance', 'quota.pool_balance');
SELECT has_view('quota', 'jurisdiction_status', 'quota.jurisdiction_status');
SELECT has_view('quota', 'loan_status', 'quota.loan_status');
SELECT has_view('quota', 'violations', 'quota.violations');
SELECT results_eq($$SELECT column_name::text COLLATE "default" FROM information_schema.columns WHERE table_schema = 'quota' AND table_name = 'org_status' ORDER BY ordinal_position LIMIT 14$$,
	ARRAY['org_id', 'org_name', 'division', 'category', 'approved', 'borrowed', 'occupied', 'reserved', 'vacancy', 'over',
		  'usage_rate', 'standard_posts', 'leaders_approved', 'leaders_filled'], 'org_status columns');
SELECT results_eq($$SELECT column_name::text COLLATE "default" FROM information_schema.columns WHERE table_schema = 'quota' AND table_name = 'pool_balance' ORDER BY ordinal_position LIMIT 6$$,
	ARRAY['pool_id', 'division', 'kind', 'category', 'balance', 'lent'], 'pool_balance columns');
SELECT results_eq($$SELECT column_name::text COLLATE "default" FROM information_schema.columns WHERE table_schema = 'quota' AND table_name = 'jurisdiction_status' ORDER BY ordinal_position LIMIT 10$$,
	ARRAY['division', 'name', 'category', 'level_held', 'subtree_held', 'unallocated', 'reserve', 'lent', 'occupied', 'vacancy'], 'jurisdiction_status columns');
SELECT results_eq($$SELECT column_name::text COLLATE "default" FROM information_schema.columns WHERE table_schema = 'quota' AND table_name = 'loan_status' ORDER BY ordinal_position LIMIT 8$$,
	ARRAY['loan_id', 'pool_id', 'org_id', 'category', 'amount', 'outstanding', 'expires_on', 'state'], 'loan_status columns');
SELECT results_eq($$SELECT column_name::text COLLATE "default" FROM information_schema.columns WHERE table_schema = 'quota' AND table_name = 'violations' ORDER BY ordinal_position LIMIT 5$$,
	ARRAY['rule', 'subject_kind', 'subject_id', 'category', 'detail'], 'violations columns');

SELECT has_function('quota', 'transfer', ARRAY['bigint', 'bigint', 'text', 'integer', 'text', 'bigint[]'], 'quota.transfer');
SELECT function_returns('quota', 'transfer', ARRAY['bigint', 'bigint', 'text', 'integer', 'text', 'bigint[]'], 'bigint', 'transfer returns the movement id');
SELECT has_function('quota', 'establishment_at', ARRAY['date'], 'quota.establishment_at');
SELECT has_function('quota', 'verify', ARRAY[]::text[], 'quota.verify');
SELECT has_trigger('quota', 'movement', 'movement_apply', 'the ledger trigger is installed');
SELECT has_trigger('quota', 'movement', 'movement_immutable', 'the append-only trigger is installed');

-- behaviour the contract promises, with SQLSTATE and constraint name
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES ('中央', 'c', 'central_office', NULL, NULL, NULL),
	('滨编', 'b', 'committee', '3716', NULL, NULL), ('滨农', 'n', 'line_department', '3716', NULL, NULL);
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (901, '3716', 'unallocated', 'admin');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (901, 'A', '3716', 'government_organ'), (902, 'B', '3716', 'institution');
SELECT lives_ok($$INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'admin', 10, 901, '中央')$$, 'a central issue');
SELECT lives_ok($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 10, 901, 901, '滨编')$$, 'an allocation of the whole pool');
SELECT throws_ok($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 1, 901, 901, '滨编')$$,
	'23514', 'pool 901 has fewer free posts than the movement takes (编制余额不足)', 'quota_insufficient');
SELECT throws_ok($$SELECT quota.transfer(901, 902, 'admin', 1, '滨编')$$, '23514', NULL, 'quota_category_mismatch');
SELECT throws_ok($$SELECT quota.transfer(901, 902, 'admin', 1, '滨农')$$, '23514', NULL, 'quota_authority');
SELECT throws_ok($$UPDATE quota.movement SET amount = 2$$, '23514', 'movement is append-only (台账不可篡改)', 'quota_ledger_immutable');

\ir lib/constraint_of.sql
SELECT is(pg_temp.constraint_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 1, 901, 901, '滨编')$$),
	'quota_insufficient', 'constraint name quota_insufficient');
SELECT is(pg_temp.constraint_of($$SELECT quota.transfer(901, 902, 'admin', 1, '滨编')$$), 'quota_category_mismatch', 'constraint name quota_category_mismatch');
SELECT is(pg_temp.constraint_of($$SELECT quota.transfer(901, 902, 'admin', 1, '滨农')$$), 'quota_authority', 'constraint name quota_authority');
SELECT is(pg_temp.constraint_of($$DELETE FROM quota.movement$$), 'quota_ledger_immutable', 'constraint name quota_ledger_immutable');
SELECT is_empty($$SELECT * FROM quota.verify()$$, 'the books verify');

SELECT * FROM finish();
ROLLBACK;
