-- The real-name roster: people against posts
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i demo/01_binzhou.sql

-- test people with valid resident ids
\i demo/people.sql
SELECT pg_temp.pid(1) AS example_id, quota.resident_id_ok(pg_temp.pid(1)) AS valid;

-- a bad resident id is a clear 22P02
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('371602199001011231', '张三', 23, 'institution', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('37160219901301123X', '张三', 23, 'institution', '2024-09-01', '滨编〔2024〕12号');

-- fill the junior middle school (95 posts) to its establishment in one statement
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i), '教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号'
FROM generate_series(1, 95) i;
SELECT org_id, approved, occupied, vacancy, over, usage_rate FROM quota.org_status WHERE org_id = 23;
-- one more is 超编: rejected, nothing written
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(96), '教师96', 23, 'institution', '2024-09-02', '滨编〔2024〕12号');
SELECT count(*) AS school_staff FROM quota.staff WHERE org_id = 23;
-- a bulk load that does not fit is all or nothing
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i), '医生' || i, 20, 'institution', '2024-09-01', '滨编〔2024〕12号'
FROM generate_series(100, 1499) i;
SELECT count(*) AS hospital_staff FROM quota.staff WHERE org_id = 20;

-- one person holds one post (一编一人): already active, or twice in one statement
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(1), '教师1', 22, 'institution', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(500), '王五', 22, 'institution', '2024-09-01', '滨编〔2024〕12号'),
	   (pg_temp.pid(500), '王五', 24, 'institution', '2024-09-01', '滨编〔2024〕12号');
-- category: 混岗 is impossible
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(501), '李四', 3, 'institution', '2024-09-01', '滨编〔2024〕12号');

-- leaving frees the post; then the next teacher may enter
UPDATE quota.staff SET left_on = '2024-12-31', left_reason = '调出' WHERE person_id = pg_temp.pid(95);
SELECT org_id, occupied, vacancy FROM quota.org_status WHERE org_id = 23;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(96), '教师96', 23, 'institution', '2025-01-02', '滨编〔2024〕12号');
-- the person who left may hold a post again elsewhere
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(95), '教师95', 22, 'institution', '2025-01-02', '滨编〔2024〕12号');
-- active rows are never deleted
DELETE FROM quota.staff WHERE person_id = pg_temp.pid(96);

-- a move needs a vacancy at the destination
UPDATE quota.staff SET org_id = 23, change_doc = '滨编〔2024〕12号' WHERE person_id = pg_temp.pid(95) AND left_on IS NULL;
UPDATE quota.staff SET org_id = 24, change_doc = '滨编〔2024〕12号' WHERE person_id = pg_temp.pid(95) AND left_on IS NULL;
SELECT org_id, occupied FROM quota.org_status WHERE org_id IN (22, 24) ORDER BY 1;

-- leadership posts (领导职数) and ranks (规格)
INSERT INTO quota.leadership VALUES (24, 'chief', 1, '滨编〔2024〕12号'), (24, 'deputy', 2, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(600), '赵主任', 24, 'institution', 'chief', '正科', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(601), '钱主任', 24, 'institution', 'chief', '正科', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(602), '孙副主任', 24, 'institution', 'deputy', '正处', '2024-09-01', '滨编〔2024〕12号');
SELECT org_id, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id = 24;

-- hiring approvals (用编核准) reserve vacancies; required when the policy says so
SELECT approved, occupied, reserved, vacancy FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no, issued_on) OVERRIDING SYSTEM VALUE VALUES (1, 26, 'institution', 30, '滨编〔2024〕12号', current_date);
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no, issued_on) OVERRIDING SYSTEM VALUE VALUES (1, 26, 'institution', 20, '滨编〔2024〕12号', current_date);
SELECT approved, occupied, reserved, vacancy FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(700 + i), '水文' || i, 26, 'institution', current_date, '滨编〔2024〕12号' FROM generate_series(1, 6) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(700 + i), '水文' || i, 26, 'institution', current_date, '滨编〔2024〕12号' FROM generate_series(1, 5) i;
UPDATE quota.policy SET value = 'true' WHERE name = 'hiring_approval_required';
-- a vacancy but no hiring approval: quota_hiring
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(730), '推广员', 24, 'institution', current_date, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(720), '水文20', 26, 'institution', current_date, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
SELECT pg_temp.pid(720 + i), '水文' || (20 + i), 26, 'institution', 1, current_date, '滨编〔2024〕12号' FROM generate_series(1, 20) i;
SELECT approved, occupied, reserved, vacancy FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
VALUES (pg_temp.pid(741), '水文41', 26, 'institution', 1, current_date, '滨编〔2024〕12号');
UPDATE quota.policy SET value = 'false' WHERE name = 'hiring_approval_required';

-- 人员总量: a headcount-cap hospital takes 编制内 + filed staff up to its cap
UPDATE quota.org SET headcount_cap = 30 WHERE id = 30;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(800 + i), '惠民医生' || i, 30, 'institution', '2024-09-01', '惠编〔2024〕4号' FROM generate_series(1, 20) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(830 + i), '备案护士' || i, 30, 'filed', '2024-09-01', '惠编〔2024〕4号' FROM generate_series(1, 10) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(841), '备案护士11', 30, 'filed', '2024-09-01', '惠编〔2024〕4号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(842), '备案人员', 31, 'filed', '2024-09-01', '惠编〔2024〕4号');
SELECT * FROM quota.headcount_status;

-- a talent hire into a full unit draws one post from the talent pool, returned on leaving
SELECT balance, lent FROM quota.pool_balance WHERE pool_id = 14;
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES (pg_temp.pid(900), '高层次人才', 23, 'institution', 'B', current_date, '滨编〔2024〕12号');
SELECT balance, lent FROM quota.pool_balance WHERE pool_id = 14;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 23;
UPDATE quota.staff SET left_on = current_date WHERE person_id = pg_temp.pid(900);
SELECT balance, lent FROM quota.pool_balance WHERE pool_id = 14;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 23;

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

-- a turnover loan to the county hospital, filled, then expired and settled
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (7000, 'lend', 'institution', 5, 13, 26, '滨编办〔2024〕21号', current_date - 400, current_date - 35);
SELECT approved, borrowed, occupied, reserved FROM quota.org_status WHERE org_id = 26;
-- posts of the expired (not yet settled) loan cannot be used by a new entry
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
SELECT pg_temp.pid(1000 + i), '周转' || i, 26, 'institution', NULL, current_date, '滨编〔2024〕12号' FROM generate_series(1, 1) i;
SELECT loan_id, amount, outstanding, state FROM quota.loan_status WHERE loan_id = 7000;
SELECT * FROM quota.settle_loans(current_date);
SELECT loan_id, amount, outstanding, state FROM quota.loan_status WHERE loan_id = 7000;
SELECT rule, subject_kind, subject_id, category FROM quota.violations ORDER BY 1, 3;

-- 退一收一: a leaver's own post is retired
UPDATE quota.org SET recall_on_exit = true WHERE id = 23;
SELECT approved, occupied FROM quota.org_status WHERE org_id = 23;
UPDATE quota.staff SET left_on = current_date WHERE person_id = pg_temp.pid(1);
SELECT approved, occupied FROM quota.org_status WHERE org_id = 23;
SELECT kind, amount, from_org, split_part(note, ':', 1) AS why FROM quota.movement WHERE kind IN ('retire', 'repay', 'lend') AND note IS NOT NULL ORDER BY id;

SELECT * FROM quota.verify();
