-- Edge cases of standards (编制标准): bands, metrics, the library beside local standards, worked numbers.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- standards: the national hospital bands are <= 300, 301-500 and > 500 beds
SELECT quota.install_standard_library() AS loaded;
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES
	(61, '医院甲', '3716', 'institution', 'hospital'), (62, '医院乙', '3716', 'institution', 'hospital'),
	(63, '医院丙', '3716', 'institution', 'hospital');
INSERT INTO quota.org_metric VALUES (61, 'beds', 300, current_date), (62, 'beds', 500, current_date), (63, 'beds', 501, current_date);
SELECT o.id, m.value AS beds, quota.standard_posts(o.id, 'institution') AS posts
FROM quota.org o JOIN quota.org_metric m ON m.org_id = o.id WHERE o.id IN (61, 62, 63) ORDER BY o.id;
-- a metric is a finite count; a term never gives an inverted range
SELECT pg_temp.try($$INSERT INTO quota.org_metric VALUES (61, 'beds', 'NaN', current_date + 1)$$);
SELECT pg_temp.try($$INSERT INTO quota.standard_term (standard, metric, fixed_low, fixed_high) VALUES ('cn_vocational', 'x', 5, 3)$$);
-- the library loads beside a local standard that holds one of its slots
DELETE FROM quota.standard WHERE code LIKE 'cn\_%';
INSERT INTO quota.standard (code, name, sector, target, category) VALUES ('bz_vocational', '滨州中职标准', 'vocational_school', 'posts', 'institution');
SELECT quota.install_standard_library() AS loaded_beside_a_local_one;
-- the worked numbers of DOMAIN.md T5: 小学 1:19, 950 students -> 50; 高中 1:12.5, 1000 -> 80
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES
	(65, '滨州市实验小学', '3716', 'institution', 'school_primary'), (66, '滨州市第二中学', '3716', 'institution', 'school_senior');
INSERT INTO quota.org_metric VALUES (65, 'students_primary', 950, current_date), (66, 'students_senior', 1000, current_date);
SELECT quota.standard_posts(65, 'institution') AS primary_950, quota.standard_posts(66, 'institution') AS senior_1000;

-- the books are consistent
SELECT * FROM quota.verify();
