-- pgTAP: roles and jurisdiction scopes (DESIGN.md §10): every grant, every refusal
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(71);
SET LOCAL client_min_messages = warning;

-- the roles, created twice (safe to rerun)
SELECT lives_ok('SELECT quota.setup_roles()', 'setup_roles() creates the roles');
SELECT lives_ok('SELECT quota.setup_roles()', 'setup_roles() is safe to rerun');
SELECT is((SELECT count(*)::int FROM pg_roles WHERE rolname IN ('quota_reader', 'quota_clerk', 'quota_admin') AND NOT rolcanlogin),
	3, 'quota_reader, quota_clerk and quota_admin exist and are NOLOGIN');
SELECT ok(pg_has_role('quota_admin', 'quota_clerk', 'MEMBER') AND pg_has_role('quota_clerk', 'quota_reader', 'MEMBER'),
	'admin includes clerk, clerk includes reader');

-- PUBLIC
SELECT ok(NOT has_schema_privilege('public', 'quota', 'USAGE'), 'PUBLIC has no USAGE on schema quota');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'quota'::regnamespace
	AND (p.prosecdef OR p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype)
		 OR p.proname IN ('transfer', 'move_duty', 'merge_orgs', 'settle_loans', 'install_standard_library', 'verify',
						  'setup_roles', 'enable_scopes', 'dissolve_org', 'split_org', 'correct_movement'))
	AND has_function_privilege('public', p.oid, 'EXECUTE')$$,
	'PUBLIC executes no owner-run, trigger or writing function');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_trigger t ON t.tgfoid = p.oid
	JOIN pg_language l ON l.oid = p.prolang
	WHERE t.tgrelid::regclass::text LIKE 'quota.%' AND NOT t.tgisinternal AND l.lanname <> 'c' AND NOT p.prosecdef$$,
	'every PL trigger function runs as the owner');
SELECT is_empty($$SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'v'
	AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)$$, 'every view is security_invoker');

-- never TRIGGER, TRUNCATE or REFERENCES; the internal accounts only readable
SELECT is_empty($$SELECT c.oid::regclass, r.r, p.p FROM pg_class c
	CROSS JOIN (VALUES ('quota_reader'), ('quota_clerk'), ('quota_admin'), ('public')) r(r)
	CROSS JOIN (VALUES ('TRIGGER'), ('TRUNCATE'), ('REFERENCES')) p(p)
	WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('r', 'v') AND has_table_privilege(r.r, c.oid, p.p)$$,
	'no role gets TRIGGER, TRUNCATE or REFERENCES on any quota table');
SELECT is_empty($$SELECT c.relname, p.p FROM pg_class c
	CROSS JOIN (VALUES ('INSERT'), ('UPDATE'), ('DELETE')) p(p)
	WHERE c.relnamespace = 'quota'::regnamespace
	  AND c.relname IN ('org_account', 'pool_account', 'jurisdiction_account', 'loan', 'leader_account', 'reform_excess',
						'hiring_account', 'person_post', 'talent_draw', 'staff_pass', 'reform_pass', 'scope')
	  AND has_table_privilege('quota_admin', c.oid, p.p)$$,
	'no role writes the internal accounts or the scopes');

-- reader: views and registry, never people
SELECT ok(has_schema_privilege('quota_reader', 'quota', 'USAGE'), 'reader: USAGE on the schema');
SELECT ok(bool_and(has_table_privilege('quota_reader', ('quota.' || v)::regclass, 'SELECT')),
	'reader: SELECT on every view of §7')
  FROM unnest(ARRAY['org_status', 'pool_balance', 'jurisdiction_status', 'headcount_status', 'violations', 'loan_status']) v;
SELECT ok(bool_and(has_table_privilege('quota_reader', ('quota.' || t)::regclass, 'SELECT')),
	'reader: SELECT on the reference and registry tables')
  FROM unnest(ARRAY['jurisdiction', 'category', 'org_kind', 'org', 'approval']) t;
SELECT ok(NOT has_table_privilege('quota_reader', 'quota.staff', 'SELECT'), 'reader: no SELECT on quota.staff');
SELECT ok(NOT has_table_privilege('quota_reader', 'quota.movement', 'INSERT'), 'reader: no INSERT on the ledger');
SELECT ok(NOT has_function_privilege('quota_reader', 'quota.transfer(bigint,bigint,text,integer,text,bigint[])', 'EXECUTE'),
	'reader: no EXECUTE on quota.transfer');
SELECT ok(NOT has_function_privilege('quota_reader', 'quota.settle_loans(date)', 'EXECUTE'), 'reader: no EXECUTE on quota.settle_loans');
SELECT ok(NOT has_function_privilege('quota_reader', 'quota.roster_at(date)', 'EXECUTE'),
	'reader: no EXECUTE on quota.roster_at (it names people)');
SELECT ok(has_function_privilege('quota_clerk', 'quota.roster_at(date)', 'EXECUTE'),
	'clerk: EXECUTE on quota.roster_at');
-- clerk: the roster and hiring approvals
SELECT ok(has_table_privilege('quota_clerk', 'quota.staff', 'SELECT, INSERT, UPDATE'), 'clerk: SELECT, INSERT, UPDATE on quota.staff');
SELECT ok(has_table_privilege('quota_clerk', 'quota.hiring', 'SELECT, INSERT, UPDATE'), 'clerk: SELECT, INSERT, UPDATE on quota.hiring');
SELECT ok(NOT has_table_privilege('quota_clerk', 'quota.staff', 'DELETE'), 'clerk: no DELETE on quota.staff');
SELECT ok(NOT has_table_privilege('quota_clerk', 'quota.movement', 'INSERT'), 'clerk: no INSERT on the ledger');
SELECT ok(NOT has_table_privilege('quota_clerk', 'quota.org', 'INSERT'), 'clerk: no INSERT on quota.org');
SELECT ok(NOT has_function_privilege('quota_clerk', 'quota.merge_orgs(bigint[],bigint,text,jsonb,text)', 'EXECUTE'),
	'clerk: no EXECUTE on quota.merge_orgs');
-- admin: every table users write to, the ledger only by INSERT, the functions of §6
SELECT ok(has_table_privilege('quota_admin', 'quota.movement', 'INSERT'), 'admin: INSERT on the ledger');
SELECT ok(NOT has_table_privilege('quota_admin', 'quota.movement', 'UPDATE') AND NOT has_table_privilege('quota_admin', 'quota.movement', 'DELETE'),
	'admin: no UPDATE or DELETE on the ledger');
SELECT ok(bool_and(has_table_privilege('quota_admin', ('quota.' || t)::regclass, 'INSERT, UPDATE, DELETE')),
	'admin: writes to every registry table of §5')
  FROM unnest(ARRAY['jurisdiction', 'approval', 'org', 'pool', 'cap', 'leadership', 'internal_unit', 'duty',
					'standard', 'standard_term', 'org_metric']) t;
SELECT ok(bool_and(has_function_privilege('quota_admin', p.oid, 'EXECUTE')), 'admin: EXECUTE on the functions of §6')
  FROM pg_proc p WHERE p.pronamespace = 'quota'::regnamespace
   AND p.proname IN ('transfer', 'move_duty', 'merge_orgs', 'settle_loans', 'establishment_at', 'standard_posts',
					 'standard_range', 'install_standard_library', 'verify');
SELECT ok(NOT has_function_privilege('quota_admin', 'quota.setup_roles()', 'EXECUTE')
	AND NOT has_function_privilege('quota_admin', 'quota.enable_scopes()', 'EXECUTE'),
	'admin: setup_roles() and enable_scopes() are the owner''s');

-- data: a city (3716) and a county under it (371621), and another city (3705)
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371621', '惠民县'), ('3705', '东营市');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕1号', '中央编办', 'central_office', NULL, '2024-01-05', '核增'),
	('滨编〔2024〕1号', '滨州市编委', 'committee', '3716', '2024-03-01', '核定'),
	('惠编〔2024〕1号', '惠民县编委', 'committee', '371621', '2024-03-01', '核定'),
	('东编〔2024〕1号', '东营市编委', 'committee', '3705', '2024-03-01', '核定');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(901, '3716', 'unallocated', 'institution'), (902, '371621', 'unallocated', 'institution'), (903, '3705', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(901, '滨州市第一中学', '3716', 'institution'), (902, '滨州市实验学校', '3716', 'institution'),
	(903, '惠民县第一中学', '371621', 'institution'), (904, '东营市第一中学', '3705', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES
	('issue', 'institution', 100, 901, '中央编办发〔2024〕1号'), ('issue', 'institution', 100, 902, '中央编办发〔2024〕1号'),
	('issue', 'institution', 100, 903, '中央编办发〔2024〕1号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 10, 901, 901, '滨编〔2024〕1号'), ('allocate', 'institution', 10, 901, 902, '滨编〔2024〕1号'),
	('allocate', 'institution', 10, 902, 903, '惠编〔2024〕1号'), ('allocate', 'institution', 10, 903, 904, '东编〔2024〕1号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(901, '371602198102040078', '甲', 901, 'institution', '2024-09-01', '滨编〔2024〕1号'),
	(902, '371602198203110143', '乙', 903, 'institution', '2024-09-01', '惠编〔2024〕1号');
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 901, '教研');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT quota.enable_scopes();
SELECT lives_ok('SELECT quota.enable_scopes()', 'enable_scopes() is safe to rerun');

CREATE ROLE tap_city_office NOLOGIN IN ROLE quota_admin;		-- a group: its scope applies to its members
CREATE ROLE tap_city_admin LOGIN IN ROLE tap_city_office;
CREATE ROLE tap_county_admin LOGIN IN ROLE quota_admin;
CREATE ROLE tap_county_hr LOGIN IN ROLE quota_clerk;
CREATE ROLE tap_dashboard LOGIN IN ROLE quota_reader;
CREATE ROLE tap_unscoped LOGIN IN ROLE quota_admin;
INSERT INTO quota.scope VALUES ('tap_city_office', '3716'), ('tap_county_admin', '371621'), ('tap_county_hr', '371621'),
	('tap_dashboard', '37');

-- fail-closed: an admin without scope rows sees nothing and writes nothing
SET LOCAL ROLE tap_unscoped;
SELECT is((SELECT count(*)::int FROM quota.org), 0, 'no scope rows: no org is visible');
SELECT is((SELECT count(*)::int FROM quota.org_status), 0, 'no scope rows: the dashboards are empty');
SELECT throws_ok($$INSERT INTO quota.org (name, division, kind) VALUES ('x', '3716', 'institution')$$, '42501', NULL,
	'no scope rows: an org cannot be registered');
RESET ROLE;

-- the county's HR system
SET LOCAL ROLE tap_county_hr;
SELECT is(quota.actor(), 'tap_county_hr'::name, 'quota.actor() is the role in effect');
SELECT is((SELECT array_agg(id ORDER BY id) FROM quota.org), ARRAY[903::bigint], 'county clerk: only the county''s org is visible');
SELECT is((SELECT array_agg(id ORDER BY id) FROM quota.staff), ARRAY[902::bigint], 'county clerk: only the county''s people are visible');
SELECT is((SELECT count(*)::int FROM quota.staff WHERE id = 901), 0, 'county clerk: a city person is invisible by id');
SELECT lives_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('371602198304150216', '丙', 903, 'institution', '2024-10-08', '惠编〔2024〕1号')$$, 'county clerk: hires into the county''s org');
SELECT throws_ok($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('371602198405190284', '丁', 901, 'institution', '2024-10-08', '滨编〔2024〕1号')$$, '42501', NULL,
	'county clerk: a hire into a city org is refused with 42501');
SELECT throws_ok($$UPDATE quota.staff SET org_id = 901 WHERE id = 902$$, '42501', NULL,
	'county clerk: moving a person to a city org is refused with 42501');
SELECT is((SELECT count(*)::int FROM quota.staff WHERE org_id = 903 AND left_on IS NULL), 2, 'county clerk: nothing written by the refusals');
SELECT lives_ok($$UPDATE quota.staff SET left_reason = 'x' WHERE id = 901$$, 'county clerk: an UPDATE of a city person is no error');
SELECT throws_ok($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 902, 903, '惠编〔2024〕1号')$$, '42501', NULL, 'county clerk: no ledger writes');
SELECT throws_ok($$SELECT quota.transfer(903, 903, 'institution', 1, '惠编〔2024〕1号')$$, '42501', NULL,
	'county clerk: no quota.transfer');
SELECT throws_ok($$CREATE TRIGGER t BEFORE INSERT ON quota.staff FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()$$,
	'42501', NULL, 'county clerk: no trigger on quota.staff');
RESET ROLE;
SELECT is((SELECT left_reason FROM quota.staff WHERE id = 901), NULL, 'county clerk: ... and touches nothing (the row is not in its scope)');

-- the county's staffing office
SET LOCAL ROLE tap_county_admin;
SELECT throws_ok($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 901, 903, '滨编〔2024〕1号')$$, '42501', NULL,
	'county admin: a movement from the city''s pool (an end outside its scope) is refused with 42501');
SELECT throws_ok($$SELECT quota.transfer(903, 901, 'institution', 1, '惠编〔2024〕1号')$$, '42501', NULL,
	'county admin: a transfer to a city org is refused with 42501');
SELECT throws_ok($$SELECT quota.transfer(903, 901, 'institution', 1, '惠编〔2024〕1号', ARRAY[902::bigint])$$, '42501', NULL,
	'county admin: a transfer with persons to a city org (owner-run) is refused with 42501');
SELECT throws_ok($$SELECT quota.merge_orgs(ARRAY[902::bigint], 901, '滨编〔2024〕1号')$$, '42501', NULL,
	'county admin: merging city orgs (owner-run) is refused with 42501');
SELECT throws_ok($$SELECT quota.move_duty(901, 902, '{"institution": 1}', '{}', '滨编〔2024〕1号')$$, '42501', NULL,
	'county admin: moving a city duty (owner-run) is refused with 42501');
SELECT throws_ok($$SELECT quota.split_org(902, '[{"name": "x", "kind": "institution", "posts": {"institution": 1}}]', '滨编〔2024〕1号')$$,
	'42501', NULL, 'county admin: splitting a city org (owner-run) is refused with 42501');
SELECT throws_ok($$SELECT quota.split_org(903, '[{"name": "x", "kind": "institution", "division": "3716", "posts": {"institution": 1}}]', '惠编〔2024〕1号')$$,
	'42501', NULL, 'county admin: splitting its own org into a part in the city (owner-run) is refused with 42501');
SELECT throws_ok($$INSERT INTO quota.approval VALUES ('滨编〔2024〕9号', '滨州市编委', 'committee', '3716', '2024-03-01', 'x')$$,
	'42501', NULL, 'county admin: an approval of the city is not written');
SELECT is((SELECT array_agg(doc_no ORDER BY doc_no) FROM quota.approval),
	ARRAY['中央编办发〔2024〕1号', '惠编〔2024〕1号', '滨编〔2024〕1号'],
	'county admin: central approvals and those issued at or above its scope are readable, a sibling city''s are not');
SELECT is((SELECT count(*)::int FROM quota.movement WHERE to_org = 903 OR from_pool = 902 OR to_pool = 902), 2,
	'county admin: movements with an end in scope are readable');
-- a rule error: the constraint name stays, the city's figures do not leak
SELECT throws_ok($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1000, 902, 903, '惠编〔2024〕1号')$$, '23514', NULL,
	'county admin: an allocation beyond the pool is a rule error (23514)');
RESET ROLE;

-- the city's staffing office, through its group role
SET LOCAL ROLE tap_city_admin;
SELECT is((SELECT array_agg(id ORDER BY id) FROM quota.org), ARRAY[901, 902, 903]::bigint[],
	'city admin (scope of its group): the city''s and the county''s orgs, not another city''s');
SELECT lives_ok($$SELECT quota.transfer(901, 903, 'institution', 1, '滨编〔2024〕1号')$$, 'city admin: a transfer inside its scope');
SELECT is((SELECT recorded_by FROM quota.movement WHERE kind = 'transfer' ORDER BY id DESC LIMIT 1), 'tap_city_admin'::name,
	'the transfer names the login role, not the group or the owner');
SELECT throws_ok($$SELECT quota.transfer(901, 904, 'institution', 1, '滨编〔2024〕1号')$$, '42501', NULL,
	'city admin: a transfer to another city is refused with 42501');
SELECT is_empty('SELECT * FROM quota.verify()', 'city admin: quota.verify() checks the whole books and finds them consistent');
RESET ROLE;

-- the provincial dashboard
SET LOCAL ROLE tap_dashboard;
SELECT is((SELECT count(DISTINCT org_id)::int FROM quota.org_status), 4, 'dashboard: every org of the province in org_status');
SELECT is((SELECT sum(occupied)::int FROM quota.org_status), 3, 'dashboard: people as counts');
SELECT throws_ok('SELECT count(*) FROM quota.staff', '42501', NULL, 'dashboard: no people by name');
SELECT throws_ok($$UPDATE quota.org SET name = 'x' WHERE id = 901$$, '42501', NULL, 'dashboard: no writes');
RESET ROLE;

-- scope rows removed: the member loses its rows at once
DELETE FROM quota.scope WHERE role = 'tap_city_office';
SET LOCAL ROLE tap_city_admin;
SELECT is((SELECT count(*)::int FROM quota.org), 0, 'scope row removed: nothing visible any more');
RESET ROLE;

-- a foreign trigger (only a superuser can still attach one): listed, and owner-run paths refuse to run
CREATE FUNCTION pg_temp.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tap_foreign BEFORE UPDATE ON quota.staff FOR EACH ROW EXECUTE FUNCTION pg_temp.noop();
SELECT is((SELECT array_agg(trigger_name) FROM quota.foreign_triggers()), ARRAY['tap_foreign'::name], 'foreign_triggers() lists it');
SELECT throws_ok($$SELECT quota.transfer(901, 902, 'institution', 1, '滨编〔2024〕1号', ARRAY[901::bigint])$$, '55000', NULL,
	'owner-run paths refuse to run while a foreign trigger is on a quota table');
DROP TRIGGER tap_foreign ON quota.staff;
-- a role granted TRIGGER by mistake still cannot attach one
GRANT TRIGGER ON quota.staff TO tap_county_hr;
SET LOCAL ROLE tap_county_hr;
SELECT throws_ok($$CREATE TRIGGER t BEFORE INSERT ON quota.staff FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()$$,
	'42501', NULL, 'even with TRIGGER granted, a non-owner cannot attach a trigger to a quota table');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
