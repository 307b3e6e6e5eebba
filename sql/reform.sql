-- Reform operations: 职责划转 (quota.move_duty) and 机构整合 (quota.merge_orgs).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- 职责划转: 果品管理 moves from forestry to agriculture with 3 posts and 2 people, all or nothing
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (1, 8, '果品管理'), (2, 8, '林木种苗');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
SELECT 100 + i, pg_temp.pid(i, '1970-01-01', '009'), '林业' || i, 8, 'admin', '2020-01-01', '滨编〔2024〕12号' FROM generate_series(1, 29) i;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
SELECT 200 + i, pg_temp.pid(100 + i, '1970-01-01', '009'), '农业' || i, 7, 'admin', '2020-01-01', '滨编〔2024〕12号' FROM generate_series(1, 45) i;
SELECT setval('quota.staff_id_seq', 1000) AS staff_seq;
UPDATE quota.duty SET org_id = 7 WHERE id = 1;
SELECT quota.move_duty(1, 7, '{"admin": 1}', ARRAY[101, 102]::bigint[], '滨编〔2024〕15号');
SELECT quota.move_duty(1, 7, '{"institution": 3}', ARRAY[101]::bigint[], '滨编〔2024〕15号');
SELECT quota.move_duty(1, 7, '{"admin": -3}', '{}', '滨编〔2024〕15号');
SELECT quota.move_duty(99, 7, '{"admin": 3}', '{}', '滨编〔2024〕15号');
SELECT quota.move_duty(1, 7, '{"admin": 3}', ARRAY[101, 102]::bigint[], '滨编〔2024〕15号');
SELECT org_id, approved, occupied FROM quota.org_status WHERE org_id IN (7, 8) ORDER BY 1;
SELECT id, org_id FROM quota.duty ORDER BY id;
SELECT id, org_id FROM quota.staff WHERE id IN (101, 102, 103) ORDER BY id;

-- 机构整合 (2018-style): 工商 110 + 质监 80 + 食药监 60 into 市场监督管理局, 67 posts cut (26.8%)
INSERT INTO quota.org (id, name, division, kind, rank) OVERRIDING SYSTEM VALUE VALUES
	(50, '滨州市工商行政管理局', '3716', 'government_organ', '正处'), (51, '滨州市质量技术监督局', '3716', 'government_organ', '正处'),
	(52, '滨州市食品药品监督管理局', '3716', 'government_organ', '正处'), (53, '滨州市市场监督管理局', '3716', 'government_organ', '正处'),
	(54, '滨州市已撤销单位', '3716', 'government_organ', '正处');
SELECT quota.dissolve_org(54, '滨编〔2024〕12号');
UPDATE quota.cap SET ceiling = 2500 WHERE division = '3716' AND category = 'admin';
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'admin', 250, 10, '中央编办发〔2024〕7号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'admin', 110, 10, 50, '滨编〔2024〕12号'), ('allocate', 'admin', 80, 10, 51, '滨编〔2024〕12号'),
	('allocate', 'admin', 60, 10, 52, '滨编〔2024〕12号');
INSERT INTO quota.leadership VALUES (50, 'chief', 1, '滨编〔2024〕12号'), (50, 'deputy', 3, '滨编〔2024〕12号'),
	(51, 'chief', 1, '滨编〔2024〕12号'), (52, 'chief', 1, '滨编〔2024〕12号'),
	(53, 'chief', 1, '滨编〔2024〕12号'), (53, 'deputy', 4, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
SELECT pg_temp.pid(1000 + i, '1970-01-01', '009'), '工商' || i, 50, 'admin', CASE WHEN i = 1 THEN 'chief' WHEN i <= 4 THEN 'deputy' ELSE 'staff' END,
	   '2015-01-01', '滨编〔2024〕12号' FROM generate_series(1, 105) i;
INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
SELECT pg_temp.pid(2000 + i, '1970-01-01', '009'), '质监' || i, 51, 'admin', CASE WHEN i = 1 THEN 'chief' ELSE 'staff' END,
	   '2015-01-01', '滨编〔2024〕12号' FROM generate_series(1, 76) i;
INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
SELECT pg_temp.pid(3000 + i, '1970-01-01', '009'), '食药监' || i, 52, 'admin', CASE WHEN i = 1 THEN 'chief' ELSE 'staff' END,
	   '2015-01-01', '滨编〔2024〕12号' FROM generate_series(1, 58) i;
INSERT INTO quota.internal_unit (org_id, name, comprehensive) VALUES (50, '办公室', true), (51, '办公室', true), (52, '办公室', true);
SELECT setval('quota.duty_id_seq', 10) AS duty_seq;
INSERT INTO quota.duty (org_id, name) VALUES (50, '市场主体登记'), (51, '质量监督'), (52, '食品安全监管');
-- bad arguments: 22023, nothing written
\set VERBOSITY sqlstate
SELECT quota.merge_orgs('{}', 53, '滨编〔2024〕12号');
SELECT quota.merge_orgs(ARRAY[50, 50], 53, '滨编〔2024〕12号');
SELECT quota.merge_orgs(ARRAY[50, 53], 53, '滨编〔2024〕12号');
SELECT quota.merge_orgs(ARRAY[50, 54], 53, '滨编〔2024〕12号');
SELECT quota.merge_orgs(ARRAY[50, 30], 53, '滨编〔2024〕12号');
SELECT quota.merge_orgs(ARRAY[50, 51, 52], 53, '滨编〔2024〕12号', '{"admin": -1}');
SELECT quota.merge_orgs(ARRAY[50, 51, 52], 53, '滨编〔2024〕12号', '{"admin": 67}', 'dissolve');
SELECT quota.merge_orgs(ARRAY[50, 51, 52], 53, '滨农〔2024〕8号', '{"admin": 67}');
\set VERBOSITY default
SET client_min_messages = notice;
SELECT quota.merge_orgs(ARRAY[50, 51, 52], 53, '滨编〔2024〕12号', '{"admin": 67}');
SET client_min_messages = warning;
SELECT id, status, closed_on IS NOT NULL AS closed FROM quota.org WHERE id IN (50, 51, 52, 53) ORDER BY id;
SELECT org_id, approved, occupied, vacancy, over, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id IN (50, 51, 52, 53) ORDER BY 1;
SELECT rule, subject_id, category FROM quota.violations WHERE subject_id = 53 ORDER BY rule;
SELECT count(*) AS units, count(*) FILTER (WHERE comprehensive) AS comprehensive FROM quota.internal_unit WHERE org_id = 53;
SELECT count(*) AS duties FROM quota.duty WHERE org_id = 53;
-- reform-generated excess blocks new entries and appointments until absorbed
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(4000, '1970-01-01', '009'), '新人', 53, 'admin', current_date, '滨编〔2024〕12号');
-- movements to a merged org are refused
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'admin', 1, 10, 50, '滨编〔2024〕12号');

SELECT * FROM quota.verify();
