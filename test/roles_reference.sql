-- pgTAP: reference data under scopes (README "Roles and scopes"): national, so
-- written only by an admin whose scope covers every registered jurisdiction;
-- the reports of the ledger and the roster history readable by admins; roster
-- corrections and talent draws readable by clerks within their scope
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(21);
SET LOCAL client_min_messages = warning;
SELECT quota.setup_roles();

-- grants
SELECT ok(bool_and(has_table_privilege('quota_admin', ('quota.' || t)::regclass, 'INSERT, UPDATE, DELETE')),
	'admin: INSERT, UPDATE, DELETE on the reference data (row-level security decides)')
  FROM unnest(ARRAY['category', 'org_kind', 'category_use', 'authority', 'policy', 'grade', 'rank']) t;
SELECT ok(NOT bool_or(has_table_privilege('quota_clerk', ('quota.' || t)::regclass, 'INSERT')),
	'clerk: no writes to the reference data')
  FROM unnest(ARRAY['category', 'org_kind', 'category_use', 'authority', 'policy', 'grade', 'rank']) t;
SELECT ok(bool_and(has_table_privilege('quota_admin', ('quota.' || v)::regclass, 'SELECT')),
	'admin: SELECT on loan_dashboard, movement_monthly, trend_monthly')
  FROM unnest(ARRAY['loan_dashboard', 'movement_monthly', 'trend_monthly']) v;
SELECT ok(has_table_privilege('quota_clerk', 'quota.staff_correction', 'SELECT')
	AND has_table_privilege('quota_clerk', 'quota.talent_draw', 'SELECT'),
	'clerk: SELECT on the roster corrections and the talent draws');
SELECT ok(NOT has_table_privilege('quota_reader', 'quota.staff_correction', 'SELECT')
	AND NOT has_table_privilege('quota_reader', 'quota.talent_draw', 'SELECT'),
	'reader: no SELECT on the roster corrections or the talent draws (they name people)');

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('3705', '东营市');
SELECT quota.enable_scopes();
CREATE ROLE tap_ref_top LOGIN IN ROLE quota_admin;
CREATE ROLE tap_ref_city LOGIN IN ROLE quota_admin;
CREATE ROLE tap_ref_none LOGIN IN ROLE quota_admin;
INSERT INTO quota.scope VALUES ('tap_ref_top', '37'), ('tap_ref_city', '3716');

-- a city admin reads the reference data but writes none of it
SET LOCAL ROLE tap_ref_city;
SELECT ok((SELECT count(*) FROM quota.category) >= 5, 'city admin: every seeded category is visible');
SELECT throws_ok($$INSERT INTO quota.category (code, name) VALUES ('tap_x', 'x')$$, '42501', NULL,
	'city admin: a new category is refused (42501)');
SELECT throws_ok($$INSERT INTO quota.org_kind (code, name) VALUES ('tap_x', 'x')$$, '42501', NULL,
	'city admin: a new org kind is refused (42501)');
SELECT throws_ok($$INSERT INTO quota.rank (code, level, name) VALUES ('tap_r', 10, 'r')$$, '42501', NULL,
	'city admin: a new rank is refused (42501)');
WITH u AS (UPDATE quota.policy SET value = '0.5' WHERE name = 'comprehensive_unit_share' RETURNING 1)
SELECT is(count(*)::int, 0, 'city admin: a policy update touches nothing') FROM u;
WITH u AS (UPDATE quota.category SET name = 'x' WHERE code = 'admin' RETURNING 1)
SELECT is(count(*)::int, 0, 'city admin: a category rename touches nothing') FROM u;
WITH d AS (DELETE FROM quota.grade WHERE code = 'poor' RETURNING 1)
SELECT is(count(*)::int, 0, 'city admin: a grade delete touches nothing') FROM d;
RESET ROLE;
SELECT is((SELECT value FROM quota.policy WHERE name = 'comprehensive_unit_share'), '0.30', 'the policy is unchanged');
SELECT is((SELECT name FROM quota.category WHERE code = 'admin'), '行政编制', 'the category is unchanged');

-- fail-closed: an admin without scope rows does not read them either
SET LOCAL ROLE tap_ref_none;
SELECT is((SELECT count(*)::int FROM quota.category), 0, 'no scope rows: no category is visible');
RESET ROLE;

-- the admin whose scope covers every registered jurisdiction writes them
SET LOCAL ROLE tap_ref_top;
SELECT lives_ok($$INSERT INTO quota.category (code, name) VALUES ('tap_x', '测试编制')$$,
	'top admin: a new category');
SELECT lives_ok($$INSERT INTO quota.category_use (category, org_kind) VALUES ('tap_x', 'institution')$$,
	'top admin: its use');
SELECT lives_ok($$INSERT INTO quota.rank (code, level, name) VALUES ('tap_r', 10, '测试职级')$$,
	'top admin: a new rank on the ladder');
WITH u AS (UPDATE quota.policy SET value = '0.25' WHERE name = 'comprehensive_unit_share' RETURNING 1)
SELECT is(count(*)::int, 1, 'top admin: updates the policy') FROM u;
RESET ROLE;
SELECT is((SELECT count(*)::int FROM quota.jurisdiction_account WHERE category = 'tap_x'), 3,
	'the new category opened an account at every jurisdiction (the trigger ran as the owner)');
-- a jurisdiction registered outside the top admin's scope takes the privilege away
INSERT INTO quota.jurisdiction VALUES ('11', '北京市');
SET LOCAL ROLE tap_ref_top;
SELECT throws_ok($$INSERT INTO quota.org_kind (code, name) VALUES ('tap_y', 'y')$$, '42501', NULL,
	'once a jurisdiction lies outside its scope, the provincial admin no longer writes reference data');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
