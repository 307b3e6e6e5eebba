-- The change trigger is set-wise (src/roster/changes.c): one UPDATE of many roster rows is
-- checked and applied per account, in ascending (org, category) order, releases before
-- arrivals.  So people move between two full orgs in both directions in one statement, a
-- mass departure frees every seat (退一收一 retiring the leavers' own posts one by one), and a
-- statement with one bad row writes nothing.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- fill the junior school (23: 95 posts) and the senior school (22: 180 posts)
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i), '初中教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(1, 95) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i), '高中教师' || i, 22, 'institution', '2024-09-01', '滨编〔2024〕12号' FROM generate_series(101, 280) i;
SELECT org_id, approved, occupied, vacancy FROM quota.org_status WHERE org_id IN (22, 23) ORDER BY 1;

-- ten teachers each way between the two full schools, in one statement: fits
SELECT pg_temp.try($$
UPDATE quota.staff SET org_id = CASE org_id WHEN 22 THEN 23 ELSE 22 END, change_doc = '滨编〔2024〕15号'
 WHERE person_id IN (SELECT pg_temp.pid(i) FROM generate_series(1, 10) i
					 UNION ALL SELECT pg_temp.pid(i) FROM generate_series(101, 110) i)
$$);
SELECT org_id, approved, occupied, vacancy FROM quota.org_status WHERE org_id IN (22, 23) ORDER BY 1;
SELECT org_id, count(*) FROM quota.staff WHERE left_on IS NULL AND org_id IN (22, 23) GROUP BY 1 ORDER BY 1;
-- each move is recorded once, in the order of the statement, with its document
SELECT kind, org_id, doc_no, count(*) FROM quota.staff_event WHERE kind = 'move' GROUP BY 1, 2, 3 ORDER BY 2;

-- eleven one way and ten back does not fit: 超编 at the junior school, nothing written
SELECT pg_temp.try($$
UPDATE quota.staff SET org_id = CASE org_id WHEN 22 THEN 23 ELSE 22 END, change_doc = '滨编〔2024〕12号'
 WHERE person_id IN (SELECT pg_temp.pid(i) FROM generate_series(11, 20) i
					 UNION ALL SELECT pg_temp.pid(i) FROM generate_series(111, 121) i)
$$);
SELECT org_id, approved, occupied, vacancy FROM quota.org_status WHERE org_id IN (22, 23) ORDER BY 1;
SELECT count(*) AS moves FROM quota.staff_event WHERE kind = 'move';

-- a statement with a move, a departure and an undocumented post change: the rule first in
-- §8 order is reported (quota_authority) and nothing of the other rows is written
SELECT pg_temp.try($$
UPDATE quota.staff SET
	org_id = CASE WHEN person_id = pg_temp.pid(30) THEN 22 ELSE org_id END,
	change_doc = CASE WHEN person_id = pg_temp.pid(30) THEN '滨编〔2024〕15号' ELSE change_doc END,
	left_on = CASE WHEN person_id = pg_temp.pid(31) THEN current_date END,
	post = CASE WHEN person_id = pg_temp.pid(32) THEN 'deputy' ELSE post END
 WHERE person_id IN (pg_temp.pid(30), pg_temp.pid(31), pg_temp.pid(32))
$$);
SELECT org_id, occupied FROM quota.org_status WHERE org_id IN (22, 23) ORDER BY 1;
SELECT count(*) AS events FROM quota.staff_event WHERE kind <> 'entry';

-- two people swap their resident ids (an id correction both ways) in one statement
SELECT pg_temp.try($$
UPDATE quota.staff SET person_id = CASE WHEN person_id = pg_temp.pid(40) THEN pg_temp.pid(41) ELSE pg_temp.pid(40) END,
	   change_doc = '滨编〔2024〕15号'
 WHERE person_id IN (pg_temp.pid(40), pg_temp.pid(41))
$$);
-- (verify() rebuilds the person keys from the roster: nothing missing, nothing stale)
SELECT name, person_id = pg_temp.pid(41) AS now_41 FROM quota.staff WHERE name IN ('初中教师40', '初中教师41') ORDER BY 1;
SELECT * FROM quota.verify();
-- an id another active person holds: 一编一人
SELECT pg_temp.try($$
UPDATE quota.staff SET person_id = pg_temp.pid(42), change_doc = '滨编〔2024〕12号' WHERE person_id = pg_temp.pid(43)
$$);

-- a mass departure: 60 leave the senior school in one statement, every seat freed
SELECT pg_temp.try($$
UPDATE quota.staff SET left_on = current_date, left_reason = '退休' WHERE org_id = 22 AND left_on IS NULL
   AND name LIKE '高中教师%' AND substr(name, 5)::int BETWEEN 200 AND 259
$$);
SELECT org_id, approved, occupied, vacancy FROM quota.org_status WHERE org_id = 22;
SELECT count(*) AS leave_events, count(DISTINCT staff_id) AS people FROM quota.staff_event WHERE kind = 'leave';
-- (their person keys are gone: verify() finds no stale key)
SELECT * FROM quota.verify();

-- 退一收一 at the junior school: 5 leave in one statement, each own post retired
UPDATE quota.org SET recall_on_exit = true WHERE id = 23;
SELECT pg_temp.try($$
UPDATE quota.staff SET left_on = current_date, left_reason = '调出' WHERE org_id = 23 AND left_on IS NULL
   AND name IN ('初中教师50', '初中教师51', '初中教师52', '初中教师53', '初中教师54')
$$);
SELECT org_id, approved, occupied, vacancy FROM quota.org_status WHERE org_id = 23;
SELECT kind, amount, from_org, split_part(note, ':', 1) AS why, count(*) FROM quota.movement
 WHERE kind = 'retire' GROUP BY 1, 2, 3, 4;

-- a departure in the future is refused, whatever else the statement does
SELECT pg_temp.try($$
UPDATE quota.staff SET left_on = current_date + 1 WHERE name IN ('初中教师60', '初中教师61')
$$);

SELECT * FROM quota.verify();
