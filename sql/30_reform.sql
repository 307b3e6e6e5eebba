-- Standards (编制标准), internal units, duty transfers and institutional merges
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i demo/01_binzhou.sql

\i demo/people.sql

-- the national library loads only when asked
SELECT count(*) AS standards_before FROM quota.standard;
SELECT quota.install_standard_library() AS loaded;
SELECT quota.install_standard_library() AS loaded_again;
SELECT code, sector, target, category, mode, min_value FROM quota.standard ORDER BY code;

-- no current metric value: no range
SELECT quota.standard_posts(23, 'institution') AS junior_school_range;
-- 初中 1:13.5: 1,350 students -> 100 posts; the school holds 95 (below the standard)
INSERT INTO quota.org_metric VALUES (23, 'students_junior', 1350, current_date - 30), (23, 'students_junior', 999999, current_date + 30);
SELECT quota.standard_posts(23, 'institution') AS junior_school_range;
-- 高中 1:12.5: 2,000 students -> 160; the senior school holds 180 (above)
INSERT INTO quota.org_metric VALUES (22, 'students_senior', 2000, current_date);
SELECT quota.standard_posts(22, 'institution') AS senior_school_range;
-- 综合医院 of 450 beds: [630, 675]; of 1,000 beds: [1600, 1700]
INSERT INTO quota.org_metric VALUES (21, 'beds', 450, current_date), (20, 'beds', 1000, current_date);
SELECT quota.standard_posts(21, 'institution') AS hospital_450_beds, quota.standard_posts(20, 'institution') AS hospital_1000_beds;
-- leaders by size on the derived metric approved_posts: 180 posts -> 4-5, 95 posts -> 3-4
SELECT quota.standard_range(22, 'leaders') AS senior_leaders, quota.standard_range(23, 'leaders') AS junior_leaders;
-- 中职 1:20 with at least 60
INSERT INTO quota.org (id, name, division, kind, sector, rank) OVERRIDING SYSTEM VALUE VALUES (40, '滨州市高级技工学校', '3716', 'institution', 'vocational_school', '正科');
INSERT INTO quota.org_metric VALUES (40, 'students', 800, current_date);
SELECT quota.standard_posts(40, 'institution') AS vocational_800_students;

SELECT rule, subject_id, category, detail FROM quota.violations WHERE rule LIKE 'quota_standard%' ORDER BY rule, subject_id, category;

-- warn accepts with a WARNING; enforce rejects (quota_standard_exceeded)
SET client_min_messages = warning;
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
VALUES ('allocate', 'institution', 100, 12, 21, '滨编〔2024〕12号');
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_hospital_beds';
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
VALUES ('allocate', 'institution', 10, 12, 21, '滨编〔2024〕12号');
SELECT approved FROM quota.org_status WHERE org_id = 21;
-- a metric change never fails; it changes what violations shows
INSERT INTO quota.org_metric VALUES (21, 'beds', 400, current_date + 0) ON CONFLICT (org_id, metric, as_of) DO UPDATE SET value = 400;
SELECT rule, subject_id, category FROM quota.violations WHERE subject_id = 21 ORDER BY rule;
UPDATE quota.standard SET mode = 'warn' WHERE code = 'cn_hospital_beds';

-- enforce on leaders: leadership approvals above the range are rejected
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_leaders_school_senior';
INSERT INTO quota.leadership VALUES (22, 'chief', 1, '滨编〔2024〕12号'), (22, 'deputy', 3, '滨编〔2024〕12号');
UPDATE quota.leadership SET approved = 5 WHERE org_id = 22 AND post = 'deputy';
SELECT org_id, leaders_approved FROM quota.org_status WHERE org_id = 22;

-- internal units (内设机构): within the approved number; comprehensive share 0.30
UPDATE quota.org SET internal_units_approved = 4 WHERE id = 3;
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES (3, '办公室', true, '滨编〔2024〕12号');
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES (3, '政策研究室', true, '滨编〔2024〕12号');
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES
	(3, '发展规划科', false, '滨编〔2024〕12号'), (3, '项目管理科', false, '滨编〔2024〕12号');
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES (3, '价格科', false, '滨编〔2024〕12号');
UPDATE quota.org SET internal_units_approved = 2 WHERE id = 3;
SELECT count(*) AS units FROM quota.internal_unit WHERE org_id = 3;

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

-- the set-wise ranges of quota.standard_status (every org, one pass) agree
-- with the per-org functions quota.standard_posts / quota.standard_range
SELECT count(*) AS measured,
	   count(*) FILTER (WHERE v.low IS NOT NULL) AS with_range,
	   count(*) FILTER (WHERE CASE WHEN v.low IS NOT NULL THEN int4range(v.low, v.high, '[]') END IS DISTINCT FROM
						CASE v.target WHEN 'posts' THEN quota.standard_posts(v.org_id, v.category)
									  ELSE quota.standard_range(v.org_id, v.target) END) AS disagreeing
FROM quota.standard_status v;
