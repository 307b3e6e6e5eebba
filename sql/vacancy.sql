-- The real-name roster against posts: a person enters only into a vacancy (超编), holds one post
-- (一编一人), leaves and frees it (退一收一 retires it), moves only into a vacancy.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

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

-- 退一收一: a leaver's own post is retired
UPDATE quota.org SET recall_on_exit = true WHERE id = 23;
SELECT approved, occupied FROM quota.org_status WHERE org_id = 23;
UPDATE quota.staff SET left_on = current_date WHERE person_id = pg_temp.pid(1);
SELECT approved, occupied FROM quota.org_status WHERE org_id = 23;
SELECT kind, amount, from_org, split_part(note, ':', 1) AS why FROM quota.movement WHERE kind IN ('retire', 'repay', 'lend') AND note IS NOT NULL ORDER BY id;

SELECT * FROM quota.verify();
