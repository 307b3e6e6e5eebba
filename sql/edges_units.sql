-- Edge cases of internal units (内设机构).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- internal units: deleting one may not break the comprehensive share
-- (7 units, 2 comprehensive: floor(0.3 × 7) = 2; 6 units would allow 1)
UPDATE quota.org SET internal_units_approved = 8 WHERE id = 24;
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES
	(24, '办公室', true, '滨编〔2024〕12号'), (24, '综合科', true, '滨编〔2024〕12号'),
	(24, '推广科', false, '滨编〔2024〕12号'), (24, '培训科', false, '滨编〔2024〕12号'),
	(24, '植保科', false, '滨编〔2024〕12号'), (24, '土肥科', false, '滨编〔2024〕12号'),
	(24, '农机科', false, '滨编〔2024〕12号');
SELECT pg_temp.try($$DELETE FROM quota.internal_unit WHERE org_id = 24 AND name = '植保科'$$);
SELECT pg_temp.try($$DELETE FROM quota.internal_unit WHERE org_id = 24 AND name = '综合科'$$);
SELECT count(*) AS units, count(*) FILTER (WHERE comprehensive) AS comprehensive FROM quota.internal_unit WHERE org_id = 24;

-- the books are consistent
SELECT * FROM quota.verify();
