-- 绩效考核 (quota.evaluation): a dimension beside establishment use, and an optional policy input
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;

\i test/fixtures/people.sql
CREATE FUNCTION pg_temp.rule_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE c text; s text;
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME, s = RETURNED_SQLSTATE;
	RETURN s || ' ' || COALESCE(NULLIF(c, ''), '-');
END $f$;

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371602', '滨城区');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕7号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-10', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定、入编'),
	('滨编〔2025〕20号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-20', '绩效考核结果'),
	('滨城编〔2025〕1号', '滨城区机构编制委员会', 'committee', '371602', '2025-01-05', '区级');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(12, '3716', 'unallocated', 'institution'), (15, '3716', 'turnover', 'institution'), (16, '3716', 'talent', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(20, '滨州市人民医院', '3716', 'institution'),
	(21, '滨州市中心医院', '3716', 'institution'),
	(22, '滨州市第一中学', '3716', 'institution'),
	(23, '滨州市实验学校', '3716', 'institution');
-- dated when the documents were issued: a loan below is dated last year
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on) VALUES ('issue', 'institution', 100, 12, '中央编办发〔2024〕7号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, to_org, doc_no, effective_on) VALUES
	('allocate', 'institution', 10, 12, NULL, 20, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 8, 12, NULL, 21, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 6, 12, NULL, 22, '滨编〔2024〕12号', '2024-03-01'),
	('allocate', 'institution', 2, 12, NULL, 23, '滨编〔2024〕12号', '2024-03-01'),
	('delegate', 'institution', 10, 12, 15, NULL, '滨编〔2024〕12号', '2024-03-01'),
	('delegate', 'institution', 10, 12, 16, NULL, '滨编〔2024〕12号', '2024-03-01');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i), '职工' || i, o, 'institution', '2015-01-01', '滨编〔2024〕12号'
  FROM (VALUES (20, 1), (20, 2), (20, 3), (20, 4), (20, 5), (20, 6), (20, 7), (20, 8), (20, 9),
			   (21, 10), (21, 11), (21, 12), (22, 13), (22, 14), (22, 15), (22, 16), (22, 17), (22, 18),
			   (23, 19), (23, 20)) v(o, i)
;

-- the grades (等次) are seeded; evaluations name a document with authority over the org
SELECT code, name FROM quota.grade ORDER BY code;
SELECT pg_temp.rule_of($$INSERT INTO quota.evaluation VALUES (20, 2024, 'excellent', 95, '滨城编〔2025〕1号')$$) AS district_document;
SELECT pg_temp.rule_of($$INSERT INTO quota.evaluation VALUES (20, 2024, 'excellent', 95, '无此文')$$) AS no_document;
SELECT pg_temp.rule_of($$INSERT INTO quota.evaluation VALUES (20, 2024, 'outstanding', 95, '滨编〔2025〕20号')$$) AS unknown_grade;
SELECT pg_temp.rule_of($$INSERT INTO quota.evaluation VALUES (20, 2024, 'good', 101, '滨编〔2025〕20号')$$) AS score_over_100;
SELECT pg_temp.rule_of(format($$INSERT INTO quota.evaluation VALUES (20, %s, 'good', 80, '滨编〔2025〕20号')$$,
	extract(year FROM current_date)::int + 1)) AS future_year;
SELECT count(*) AS evaluations_unchanged FROM quota.evaluation;
-- last year's results (上年度绩效考核结果)
INSERT INTO quota.evaluation (org_id, year, grade, score, doc_no)
SELECT o, extract(year FROM current_date)::int - 1, g, s, '滨编〔2025〕20号'
  FROM (VALUES (20, 'excellent', 96.5), (21, 'good', 85), (22, 'poor', 52), (23, 'poor', 48)) v(o, g, s);
INSERT INTO quota.evaluation (org_id, year, grade, score, doc_no)
SELECT 22, extract(year FROM current_date)::int - 2, 'fair', 70, '滨编〔2025〕20号';
SELECT pg_temp.rule_of($$UPDATE quota.evaluation SET year = year - 5 WHERE org_id = 20$$) AS key_change;

-- the dashboard: grade beside establishment use (usage rate, vacancies, over-establishment)
SELECT year = extract(year FROM current_date)::int - 1 AS last_year, grade, grade_name, org_id, org_name, score,
	   approved, occupied, vacancy, over, usage_rate
FROM quota.evaluation_status ORDER BY year, org_id;
SELECT year = extract(year FROM current_date)::int - 1 AS last_year, grade, grade_name, orgs, approved, occupied,
	   vacancy, over, usage_rate, orgs_over
FROM quota.evaluation_summary ORDER BY year, grade;

-- policy off (the default): a poor grade blocks nothing
SELECT count(*) AS policy_rows FROM quota.evaluation_policy;
SELECT pg_temp.rule_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 15, 22, '滨编〔2024〕12号', current_date + 365)$$) AS loan_policy_off;

-- policy on: a 较差 grade blocks new loans of turnover posts and talent-pool draws next year
INSERT INTO quota.evaluation_policy (grade, blocks_talent, blocks_loans) VALUES ('poor', true, true);
SELECT balance, lent FROM quota.pool_balance WHERE pool_id IN (15, 16) ORDER BY pool_id;
\set VERBOSITY terse
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
VALUES ('lend', 'institution', 1, 15, 22, '滨编〔2024〕12号', current_date + 365);
SELECT pg_temp.rule_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 16, 23, '滨编〔2024〕12号', current_date + 365)$$) AS talent_lend_poor;
-- reported after quota_loan (a loan without a term is quota_loan first)
SELECT pg_temp.rule_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('lend', 'institution', 1, 15, 22, '滨编〔2024〕12号')$$) AS loan_without_term;
-- a talent hire (人才引进) into the full 实验学校 would draw from the talent pool: refused
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES (pg_temp.pid(100), '人才甲', 23, 'institution', 'A', current_date, '滨编〔2024〕12号');
\set VERBOSITY default
SELECT pg_temp.rule_of($$INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
	VALUES (pg_temp.pid(100), '人才甲', 23, 'institution', 'A', current_date, '滨编〔2024〕12号')$$) AS talent_hire_poor;
-- an 优秀 grade blocks nothing: 人民医院 (9 of its 10 posts filled) takes two talents, the second drawn from the talent pool
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES (pg_temp.pid(101), '人才乙', 20, 'institution', 'A', current_date, '滨编〔2024〕12号'),
	   (pg_temp.pid(102), '人才丙', 20, 'institution', 'A', current_date, '滨编〔2024〕12号');
SELECT balance, lent FROM quota.pool_balance WHERE pool_id IN (15, 16) ORDER BY pool_id;
-- the grade of the year before the loan counts: a loan dated in the evaluated year itself is not blocked
SELECT pg_temp.rule_of(format($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
	VALUES ('lend', 'institution', 1, 15, 23, '滨编〔2024〕12号', '%s-12-31', current_date + 365)$$,
	extract(year FROM current_date)::int - 1)) AS loan_dated_last_year;
-- a better grade recorded later lifts the block
UPDATE quota.evaluation SET grade = 'fair', score = 61 WHERE org_id = 22 AND year = extract(year FROM current_date)::int - 1;
SELECT pg_temp.rule_of($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on)
	VALUES ('lend', 'institution', 1, 15, 22, '滨编〔2024〕12号', current_date + 365)$$) AS loan_after_regrade;
DELETE FROM quota.evaluation_policy;
SELECT * FROM quota.verify();
