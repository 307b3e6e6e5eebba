-- quota walkthrough: 滨州市, 山东省.  Run by `make demo`.
\set ON_ERROR_STOP 0
\set VERBOSITY default
\set SHOW_CONTEXT never
\pset footer off
SET client_min_messages = warning;

\echo
\echo '== 1. Codes: 统一社会信用代码 and 行政区划代码 are types, validated on input'
SELECT '12371600MB2850519B'::quota.uscc AS uscc, quota.uscc_type('12371600MB2850519B') AS type,
       quota.uscc_division('12371600MB2850519B') AS registered_at, quota.uscc_org_code_ok('12371600MB2850519B') AS org_code_ok;
SELECT '12371600MB2850519C'::quota.uscc;
SELECT '3716'::quota.division AS city, quota.division_level('371621') AS county_level,
       quota.division_parent('371621') AS parent, '371621'::quota.division <@ '3716' AS in_binzhou;
SELECT '370012'::quota.division;

\echo
\echo '== 2. The establishment ledger: 山东省 > 滨州市 and its districts and counties'
\i demo/01_binzhou.sql
\i demo/02_activity.sql
\echo 'Subtree query, answered by a btree range scan:'
SELECT division, name FROM quota.jurisdiction WHERE division <@ '3716' ORDER BY division;
EXPLAIN (COSTS OFF) SELECT * FROM quota.jurisdiction WHERE division <@ '3716';
SELECT pool_id, division, kind, category, balance, lent FROM quota.pool_balance ORDER BY pool_id;
SELECT org_id, org_name, category, approved, borrowed, occupied, vacancy, over, usage_rate, leaders_approved, leaders_filled
FROM quota.org_status ORDER BY org_id, category;
SELECT division, name, category, level_held, subtree_held, unallocated, reserve, lent, occupied, vacancy, level_ceiling
FROM quota.jurisdiction_status ORDER BY division, category;

\echo
\echo '== 3. Rules the database enforces, whatever the client'
\echo '-- 混用: 行政编制 cannot go to a hospital (quota_category_mismatch)'
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
VALUES ('allocate', 'admin', 5, 10, 20, '滨编〔2024〕12号');
\echo '-- a line department approves nothing (quota_authority)'
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
VALUES ('allocate', 'admin', 2, 11, 7, '滨农〔2024〕8号');
\echo '-- a county office cannot move city posts (quota_authority)'
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
VALUES ('allocate', 'institution', 2, 12, 22, '惠编〔2024〕4号');
\echo '-- the reserve has 5 posts left (quota_insufficient)'
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
VALUES ('allocate', 'admin', 6, 11, 3, '滨编〔2024〕12号');
\echo '-- the ledger is append-only (quota_ledger_immutable)'
UPDATE quota.movement SET amount = 100 WHERE id = 1;

\echo
\echo '== 4. The roster: the junior middle school is full (95 of 95); one more hire is 超编'
SELECT org_id, org_name, approved, occupied, vacancy, usage_rate FROM quota.org_status WHERE org_id = 23;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('37160220000101003X', '新教师', 23, 'institution', current_date, '滨编〔2024〕12号');
\echo '-- a bad resident id is refused with its reason'
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('371602200001010031', '新教师', 22, 'institution', current_date, '滨编〔2024〕12号');
\echo '-- a second active post for one person (一编一人)'
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT person_id, name, 22, 'institution', current_date, '滨编〔2024〕12号' FROM quota.staff WHERE id = 2;

\echo
\echo '== 5. 编随事转 + 人随编走: the 果品管理 duty moves from forestry to agriculture with 3 posts and 2 people'
SELECT org_id, org_name, approved, occupied, vacancy FROM quota.org_status WHERE org_id IN (7, 8) ORDER BY org_id;
\echo '-- agriculture is full: 1 post for 2 people is refused, nothing moves'
SELECT quota.transfer(8, 7, 'admin', 1, '滨编〔2024〕15号', ARRAY[2, 3]::bigint[]);
\echo '-- the duty, 3 posts and the 2 people move together (quota.move_duty)'
SELECT quota.move_duty(1, 7, '{"admin": 3}', ARRAY[2, 3]::bigint[], '滨编〔2024〕15号');
SELECT org_id, org_name, approved, occupied, vacancy FROM quota.org_status WHERE org_id IN (7, 8) ORDER BY org_id;
SELECT s.id, s.name, s.org_id, d.name AS duty, d.org_id AS duty_org FROM quota.staff s, quota.duty d WHERE s.id IN (2, 3) AND d.id = 1 ORDER BY s.id;

\echo
\echo '== 6. Turnover loans (周转编制): a loan to the county hospital, and an older one through its expiry'
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on, note)
OVERRIDING SYSTEM VALUE
VALUES (500, 'lend', 'institution', 20, 13, 30, '滨编办〔2024〕21号', current_date + 730, '惠民县人民医院新病区');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.rid('371621' || to_char(date '1990-01-01' + i * 37, 'YYYYMMDD') || '051'), '新病区护士' || i, 30, 'institution', current_date, '惠编〔2024〕4号'
FROM generate_series(1, 15) i;
SELECT org_id, approved, borrowed, occupied, vacancy FROM quota.org_status WHERE org_id = 30;
SELECT loan_id, pool_id, org_id, amount, outstanding, state FROM quota.loan_status;
\echo '-- settling is permanent, so loans are settled as of today or an earlier day, never ahead (22023)'
SELECT * FROM quota.settle_loans(current_date + 731);
\echo '-- an older loan to the city TCM hospital, lent two years ago, expired yesterday:'
\echo '-- settling returns its vacant posts now (occupied ones would return as people leave)'
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on, note)
OVERRIDING SYSTEM VALUE
VALUES (501, 'lend', 'institution', 6, 13, 21, '滨编办〔2024〕21号', current_date - 731, current_date - 1, '滨州市中医医院发热门诊');
SELECT * FROM quota.settle_loans();
SELECT loan_id, amount, outstanding, state FROM quota.loan_status;
SELECT org_id, approved, borrowed, occupied, vacancy FROM quota.org_status WHERE org_id IN (21, 30) ORDER BY org_id;
SELECT rule, subject_kind, subject_id, category, detail FROM quota.violations ORDER BY rule, subject_id;
\echo '-- a nurse leaves: her borrowed post falls vacant first (R4.6); it returns to the pool when the loan ends'
UPDATE quota.staff SET left_on = current_date, left_reason = '调出'
WHERE id = (SELECT max(id) FROM quota.staff WHERE org_id = 30);
SELECT loan_id, amount, outstanding, state FROM quota.loan_status;
SELECT pool_id, kind, category, balance, lent FROM quota.pool_balance WHERE pool_id = 13;

\echo
\echo '== 7. Standards (编制标准): the national library, loaded on request, measures schools and hospitals'
SELECT quota.install_standard_library() AS standards_loaded;
INSERT INTO quota.org_metric (org_id, metric, value, as_of) VALUES
	(23, 'students_junior', 1350, current_date),   -- 初中 1:13.5 -> 100 posts; it holds 95
	(21, 'beds', 450, current_date),               -- 综合医院 300-500 beds 1:1.4-1.5 -> 630-675; it holds 620
	(20, 'beds', 900, current_date);               -- > 500 beds 1:1.6-1.7 -> 1440-1530; it holds 1350
SELECT o.id, o.name, o.sector, quota.standard_posts(o.id, 'institution') AS standard_posts,
	   s.approved, quota.standard_range(o.id, 'leaders') AS leaders_range
FROM quota.org o JOIN quota.org_status s ON s.org_id = o.id WHERE o.id IN (20, 21, 23) ORDER BY o.id;
\echo '-- warn accepts with a WARNING; enforce refuses (quota_standard_exceeded)'
SET client_min_messages = warning;
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 60, 12, 21, '滨编〔2024〕12号');
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_hospital_beds';
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 5, 12, 21, '滨编〔2024〕12号');
SELECT rule, subject_id, category, detail FROM quota.violations WHERE rule LIKE 'quota_standard%' AND subject_id IN (20, 21, 23) AND category IS NOT NULL ORDER BY subject_id;

\echo
\echo '== 8. 机构整合 (2018-style): 工商 110 + 质监 80 + 食药监 60 into 市场监督管理局, 67 posts cut (26.8%)'
UPDATE quota.cap SET ceiling = 2300 WHERE division = '3716' AND category = 'admin';
INSERT INTO quota.org (id, name, division, kind, rank) OVERRIDING SYSTEM VALUE VALUES
	(50, '滨州市工商行政管理局', '3716', 'government_organ', '正处'), (51, '滨州市质量技术监督局', '3716', 'government_organ', '正处'),
	(52, '滨州市食品药品监督管理局', '3716', 'government_organ', '正处'), (53, '滨州市市场监督管理局', '3716', 'government_organ', '正处');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'admin', 250, 10, '中央编办发〔2024〕7号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'admin', 110, 10, 50, '滨编〔2024〕12号'), ('allocate', 'admin', 80, 10, 51, '滨编〔2024〕12号'),
	('allocate', 'admin', 60, 10, 52, '滨编〔2024〕12号');
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES
	(50, 'chief', 1, '滨编〔2024〕12号'), (50, 'deputy', 3, '滨编〔2024〕12号'), (51, 'chief', 1, '滨编〔2024〕12号'),
	(51, 'deputy', 2, '滨编〔2024〕12号'), (52, 'chief', 1, '滨编〔2024〕12号'), (52, 'deputy', 2, '滨编〔2024〕12号'),
	(53, 'chief', 1, '滨编〔2024〕12号'), (53, 'deputy', 5, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
SELECT pg_temp.rid('371602' || to_char(date '1968-01-01' + i * 61, 'YYYYMMDD') || '06' || (o - 50)),
	   o || '号局职工' || i, o, 'admin',
	   CASE WHEN i = 1 THEN 'chief' WHEN i <= 3 THEN 'deputy' ELSE 'staff' END, '2012-01-01', '滨编〔2024〕12号'
FROM (VALUES (50, 104), (51, 76), (52, 57)) v (o, n), generate_series(1, n) i;
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES
	(50, '办公室', true, '滨编〔2024〕12号'), (50, '市场主体登记科', false, '滨编〔2024〕12号'),
	(51, '办公室', true, '滨编〔2024〕12号'), (52, '办公室', true, '滨编〔2024〕12号');
SELECT org_id, org_name, approved, occupied, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id BETWEEN 50 AND 53 ORDER BY 1;
SET client_min_messages = notice;
SELECT quota.merge_orgs(ARRAY[50, 51, 52]::bigint[], 53, '滨编〔2024〕12号', '{"admin": 67}');
SET client_min_messages = warning;
SELECT id, name, status FROM quota.org WHERE id BETWEEN 50 AND 53 ORDER BY id;
SELECT org_id, org_name, approved, occupied, vacancy, over, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id = 53;
\echo '-- the transitional excess is listed, and blocks new entries until absorbed'
SELECT rule, subject_id, category, detail FROM quota.violations WHERE subject_id = 53 ORDER BY rule;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('37160220000101003X', '新人', 53, 'admin', current_date, '滨编〔2024〕12号');

\i demo/03_seed.sql

\echo
\echo '== 9. History and audit'
SELECT * FROM quota.establishment_at('2024-03-10') WHERE org_id IN (3, 7, 8, 20) ORDER BY 1, 2;
\echo 'quota.verify() recomputes every balance from the ledger and the roster (no rows = consistent):'
SELECT * FROM quota.verify();
\i demo/dashboards.sql
