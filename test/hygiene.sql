-- pgTAP: every object of the extension is commented, every function pins its search_path
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(6);
SELECT is_empty($$SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace
	AND c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL$$, 'every table and view is commented');
SELECT is_empty($$SELECT c.oid::regclass, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
	AND NOT a.attisdropped WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'r' AND col_description(c.oid, a.attnum) IS NULL$$,
	'every column is commented');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'quota'::regnamespace
	AND obj_description(p.oid, 'pg_proc') IS NULL$$, 'every function is commented');
SELECT is_empty($$SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'quota'::regnamespace
	AND NOT t.tgisinternal AND obj_description(t.oid, 'pg_trigger') IS NULL$$, 'every trigger is commented');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	WHERE p.pronamespace = 'quota'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
	AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')$$, 'every SQL and PL function pins its search_path');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'quota'::regnamespace
	AND p.proname IN ('internal_movement', 'move_with_persons', 'internal_movement_or_checked')
	AND has_function_privilege('public', p.oid, 'EXECUTE')$$,
	'the internal doors are not executable by PUBLIC');
SELECT * FROM finish();
ROLLBACK;
