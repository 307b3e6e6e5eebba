-- pgTAP: the standards and reform contract of DESIGN.md §5-§6
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(22);

SELECT has_table('quota', 'standard', 'quota.standard');
SELECT has_table('quota', 'standard_term', 'quota.standard_term');
SELECT has_table('quota', 'org_metric', 'quota.org_metric');
SELECT has_table('quota', 'internal_unit', 'quota.internal_unit');
SELECT has_table('quota', 'duty', 'quota.duty');
SELECT columns_are('quota', 'standard', ARRAY['code', 'name', 'sector', 'target', 'category', 'mode', 'rounding',
	'min_value', 'max_value', 'doc_no'], 'standard columns');
SELECT columns_are('quota', 'standard_term', ARRAY['id', 'standard', 'metric', 'band_from', 'band_to', 'per_post',
	'low_factor', 'high_factor', 'fixed_low', 'fixed_high'], 'standard_term columns');
SELECT columns_are('quota', 'org_metric', ARRAY['org_id', 'metric', 'value', 'as_of'], 'org_metric columns');
SELECT columns_are('quota', 'internal_unit', ARRAY['id', 'org_id', 'name', 'comprehensive', 'leader_posts', 'doc_no'], 'internal_unit columns');
SELECT columns_are('quota', 'duty', ARRAY['id', 'org_id', 'name'], 'duty columns');
SELECT col_default_is('quota', 'standard', 'mode', 'warn', 'standards default to warn');
SELECT col_default_is('quota', 'standard', 'rounding', 'half_up', 'rounding defaults to half_up');
SELECT has_function('quota', 'merge_orgs', ARRAY['bigint[]', 'bigint', 'text', 'jsonb', 'text'], 'quota.merge_orgs');
SELECT has_function('quota', 'move_duty', ARRAY['bigint', 'bigint', 'jsonb', 'bigint[]', 'text'], 'quota.move_duty');
SELECT function_returns('quota', 'standard_posts', ARRAY['bigint', 'text'], 'int4range', 'standard_posts returns int4range');
SELECT function_returns('quota', 'standard_range', ARRAY['bigint', 'text'], 'int4range', 'standard_range returns int4range');
SELECT function_returns('quota', 'install_standard_library', ARRAY[]::text[], 'integer', 'install_standard_library returns int');
SELECT is_empty($$SELECT 1 FROM quota.standard$$, 'the library is not loaded by the install script');

-- worked numbers of DOMAIN.md §4
INSERT INTO quota.jurisdiction VALUES ('3716', '滨州市');
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES (901, '初中', '3716', 'institution', 'school_junior'),
	(902, '医院', '3716', 'institution', 'hospital'), (903, '中职', '3716', 'institution', 'vocational_school');
SELECT quota.install_standard_library();
INSERT INTO quota.org_metric VALUES (901, 'students_junior', 540, current_date), (902, 'beds', 450, current_date),
	(903, 'students', 800, current_date);
SELECT is(quota.standard_posts(901, 'institution'), int4range(40, 40, '[]'), '初中 540 students at 1:13.5 = 40');
SELECT is(quota.standard_posts(902, 'institution'), int4range(630, 675, '[]'), '综合医院 450 beds = [630, 675]');
SELECT is(quota.standard_posts(903, 'institution'), int4range(60, 60, '[]'), '中职 800 students at 1:20, at least 60');
SELECT throws_ok($$SELECT quota.merge_orgs('{}', 901, 'x')$$, '22023', NULL, 'merge_orgs: bad arguments are 22023');

SELECT * FROM finish();
ROLLBACK;
