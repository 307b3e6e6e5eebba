-- 编随事转 + 人随编走: posts and people move together (quota.transfer with persons).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- 编随事转 + 人随编走: 3 posts and 2 people from forestry to agriculture, all or nothing
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(5001, pg_temp.pid(950), '林果甲', 8, 'admin', '2020-01-01', '滨编〔2024〕12号'),
	(5002, pg_temp.pid(951), '林果乙', 8, 'admin', '2020-01-01', '滨编〔2024〕12号'),
	(5003, pg_temp.pid(952), '林业丙', 8, 'admin', '2020-01-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(960 + i), '农业' || i, 7, 'admin', '2020-01-01', '滨编〔2024〕12号' FROM generate_series(1, 45) i;
SELECT org_id, approved, occupied FROM quota.org_status WHERE org_id IN (7, 8) ORDER BY 1;
SELECT quota.transfer(8, 7, 'admin', 3, '滨编〔2024〕15号', ARRAY[5001, 5002, 4]);
SELECT quota.transfer(8, 7, 'admin', 1, '滨编〔2024〕15号', ARRAY[5001, 5002]);
SELECT quota.transfer(8, 7, 'admin', 3, '滨编〔2024〕15号', ARRAY[5001, 5002]) > 0 AS moved;
SELECT org_id, approved, occupied FROM quota.org_status WHERE org_id IN (7, 8) ORDER BY 1;
SELECT id, org_id FROM quota.staff WHERE id IN (5001, 5002, 5003) ORDER BY id;

-- the books are consistent
SELECT * FROM quota.verify();
