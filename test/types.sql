-- pgTAP: the type contract of DESIGN.md §3
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(22);

SELECT has_schema('quota');
SELECT has_type('quota', 'division', 'type quota.division exists');
SELECT has_type('quota', 'uscc', 'type quota.uscc exists');
SELECT has_function('quota', 'division_level', ARRAY['quota.division'], 'quota.division_level(division)');
SELECT function_returns('quota', 'division_level', ARRAY['quota.division'], 'integer', 'division_level returns int');
SELECT has_function('quota', 'division_parent', ARRAY['quota.division'], 'quota.division_parent(division)');
SELECT function_returns('quota', 'division_parent', ARRAY['quota.division'], 'quota.division', 'division_parent returns division');
SELECT has_function('quota', 'uscc_division', ARRAY['quota.uscc'], 'quota.uscc_division(uscc)');
SELECT function_returns('quota', 'uscc_division', ARRAY['quota.uscc'], 'quota.division', 'uscc_division returns division');
SELECT function_returns('quota', 'uscc_type', ARRAY['quota.uscc'], 'text', 'uscc_type returns text');
SELECT function_returns('quota', 'uscc_org_code_ok', ARRAY['quota.uscc'], 'boolean', 'uscc_org_code_ok returns boolean');
SELECT has_operator('quota.division', 'pg_catalog', '<@', 'quota.division', 'boolean', '<@ on division in pg_catalog');
SELECT has_operator('quota.division', 'pg_catalog', '@>', 'quota.division', 'boolean', '@> on division in pg_catalog');
SELECT has_operator('quota.uscc', 'pg_catalog', '=', 'quota.uscc', 'boolean', '= on uscc in pg_catalog');
SELECT has_opclass('quota', 'division_ops', 'btree opclass for division');
SELECT has_opclass('quota', 'uscc_hash_ops', 'hash opclass for uscc');

SELECT throws_ok($$SELECT '370012'::quota.division$$, '22P02', NULL, 'a level under a zero level is 22P02');
SELECT throws_ok($$SELECT '91350100M000100Y44'::quota.uscc$$, '22P02', NULL, 'a wrong check char is 22P02');
SELECT is('3716'::quota.division::text, '371600', 'short form prints six digits');
SELECT is(quota.division_level('371602001'), 4, 'a township is level 4');
SELECT ok('371602'::quota.division <@ '3716', 'a county is inside its city');
SELECT is(quota.uscc_type('12371600MB2850512M'), '12', 'type digits of an institution');

SELECT * FROM finish();
ROLLBACK;
