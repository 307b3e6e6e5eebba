-- pgTAP: every column of every view and table of schema quota carries a
-- comment (\d+ and BI tools show it); every view column's comment opens
-- with its Chinese label (e.g. '核定编制数 approved posts')
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(5);

SELECT is_empty($$SELECT c.oid::regclass::text || '.' || a.attname
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('v', 'm')
	  AND col_description(c.oid, a.attnum) IS NULL ORDER BY 1$$,
	'every column of every view has a comment');
SELECT is_empty($$SELECT c.oid::regclass::text || '.' || a.attname || ': ' || col_description(c.oid, a.attnum)
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('v', 'm')
	  AND col_description(c.oid, a.attnum) !~ '^[\u3400-\u9fff]' ORDER BY 1$$,
	'every view column''s comment opens with its Chinese label');
SELECT is_empty($$SELECT c.oid::regclass::text || '.' || a.attname
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('r', 'p')
	  AND coalesce(col_description(c.oid, a.attnum), '') = '' ORDER BY 1$$,
	'every column of every table (internal ones too) has a comment');
SELECT is_empty($$SELECT c.oid::regclass::text FROM pg_class c
	WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
	  AND coalesce(obj_description(c.oid, 'pg_class'), '') = '' ORDER BY 1$$,
	'every table and view has a comment');
-- a set-returning function is a report too: its result columns are documented in its comment
SELECT is_empty($$SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE p.pronamespace = 'quota'::regnamespace AND p.proretset AND p.proargmodes IS NOT NULL
	  AND coalesce(obj_description(p.oid, 'pg_proc'), '') = '' ORDER BY 1$$,
	'every set-returning function has a comment');
SELECT * FROM finish();
ROLLBACK;
