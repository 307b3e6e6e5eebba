-- Standards (编制标准): the national library, ranges from metrics, warn and enforce, leaders and
-- internal units (内设机构), and the set-wise view agreeing with the per-org functions.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

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

-- the set-wise ranges of quota.standard_status (every org, one pass) agree
-- with the per-org functions quota.standard_posts / quota.standard_range
SELECT count(*) AS measured,
	   count(*) FILTER (WHERE v.low IS NOT NULL) AS with_range,
	   count(*) FILTER (WHERE CASE WHEN v.low IS NOT NULL THEN int4range(v.low, v.high, '[]') END IS DISTINCT FROM
						CASE v.target WHEN 'posts' THEN quota.standard_posts(v.org_id, v.category)
									  ELSE quota.standard_range(v.org_id, v.target) END) AS disagreeing
FROM quota.standard_status v;

-- the books are consistent
SELECT * FROM quota.verify();
