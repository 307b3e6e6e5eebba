-- The seat release of the roster through its SQL doors (C, src/roster/seats.c):
-- quota.release_seat as 容错纠错 of an entry calls it (quota.correct_staff_event),
-- quota.lapse_hiring and quota.expired_borrowed.  One implementation with the
-- change trigger: a talent draw returns to its pool, a borrowed post under an
-- expired loan returns to its pool, a leader post is freed, 退一收一 retires
-- an own post; the balances before and after each.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/people.sql
\i test/lib/try.sql

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
	('鲁编〔2024〕2号', '山东省机构编制委员会', 'committee', '37', '2024-01-20', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定'),
	('滨编办〔2024〕21号', '中共滨州市委机构编制委员会办公室', 'office', '3716', '2024-05-06', '周转编制'),
	('滨人社〔2025〕3号', '滨州市人力资源和社会保障局', 'government', '3716', '2025-01-05', '入编'),
	('滨编〔2025〕9号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-05', '纠错');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(12, '3716', 'unallocated', 'institution'), (13, '3716', 'turnover', 'institution'),
	(16, '3716', 'talent', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(20, '滨州市人民医院', '3716', 'institution'),
	(21, '滨州市中心医院', '3716', 'institution'),
	(22, '滨州市疾病预防控制中心', '3716', 'institution'),
	(23, '滨州市妇幼保健院', '3716', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES
	('issue', 'institution', 30, 12, '鲁编〔2024〕2号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no) VALUES
	('delegate', 'institution', 2, 12, 16, '滨编〔2024〕12号'),
	('delegate', 'institution', 3, 12, 13, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 2, 12, 20, '滨编〔2024〕12号'),
	('allocate', 'institution', 1, 12, 21, '滨编〔2024〕12号'),
	('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号'),
	('allocate', 'institution', 5, 12, 23, '滨编〔2024〕12号');

CREATE FUNCTION pg_temp.seats() RETURNS TABLE (org_id bigint, approved int, borrowed int, occupied int, reserved int)
LANGUAGE sql AS $$
	SELECT a.org_id, a.approved, a.borrowed, a.occupied, a.reserved FROM quota.org_account a
	 WHERE a.category = 'institution' ORDER BY 1
$$;
CREATE FUNCTION pg_temp.pools() RETURNS TABLE (pool_id bigint, kind text, balance int, lent int)
LANGUAGE sql AS $$
	SELECT p.id, p.kind, pa.balance, pa.lent FROM quota.pool_account pa JOIN quota.pool p ON p.id = pa.pool_id
	 WHERE p.id IN (13, 16) ORDER BY 1
$$;
CREATE FUNCTION pg_temp.entry_of(sid bigint) RETURNS bigint LANGUAGE sql AS $$
	SELECT e.id FROM quota.staff_event e WHERE e.staff_id = sid AND e.kind = 'entry'
$$;
-- a hiring approval as it stands once its valid_until has passed (the test
-- cannot wait for the calendar: the edit guard is lifted for one statement)
CREATE FUNCTION pg_temp.age_hiring(h bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	ALTER TABLE quota.hiring DISABLE TRIGGER hiring_defaults;
	UPDATE quota.hiring SET valid_until = current_date - 1 WHERE id = h;
	ALTER TABLE quota.hiring ENABLE TRIGGER hiring_defaults;
END
$$;

-- the doors are C functions now, with the signatures and comments of the SQL ones
SELECT p.oid::regprocedure AS door, l.lanname, p.provolatile, obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'quota'::regnamespace AND p.proname IN ('release_seat', 'lapse_hiring', 'expired_borrowed')
 ORDER BY 1::text;

-- 1. a talent hire entered into the full 中心医院 draws a post from the talent pool;
--    容错纠错 of the entry returns the draw to its pool
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(101, pg_temp.pid(101), '医生甲', 21, 'institution', '2025-01-10', '滨人社〔2025〕3号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc, talent_level) OVERRIDING SYSTEM VALUE VALUES
	(102, pg_temp.pid(102), '专家乙', 21, 'institution', current_date, '滨人社〔2025〕3号', 'A');
SELECT * FROM pg_temp.seats() WHERE org_id = 21;
SELECT * FROM pg_temp.pools();
SELECT d.staff_id, l.outstanding FROM quota.talent_draw d JOIN quota.loan l ON l.loan_id = d.loan_id;
SELECT quota.correct_staff_event(pg_temp.entry_of(102), '滨编〔2025〕9号', '人才引进录入错误') IS NOT NULL AS corrected;
-- the draw is back in the talent pool, the borrowed post gone, the seat free
SELECT * FROM pg_temp.seats() WHERE org_id = 21;
SELECT * FROM pg_temp.pools();
SELECT count(*) AS draws_left FROM quota.talent_draw;
SELECT m.kind, m.amount, m.from_org, m.to_pool, m.loan_id IS NOT NULL AS of_the_loan, m.note
  FROM quota.movement m WHERE m.kind = 'repay' ORDER BY m.id;
SELECT * FROM quota.verify();

-- 2. 疾控中心: one own post and two borrowed under a loan, all three seats taken; the loan
--    expires (marked as a settlement after its term would mark it: the test cannot wait)
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on) OVERRIDING SYSTEM VALUE
VALUES (902, 'lend', 'institution', 2, 13, 22, '滨编办〔2024〕21号', current_date + 10);
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
SELECT 200 + g, pg_temp.pid(200 + g), '疾控' || g, 22, 'institution', current_date, '滨人社〔2025〕3号'
  FROM generate_series(1, 3) g;
UPDATE quota.loan SET expired = true WHERE loan_id = 902;
SELECT quota.expired_borrowed(22, 'institution') AS expired_borrowed_before;
SELECT * FROM pg_temp.seats() WHERE org_id = 22;
SELECT * FROM pg_temp.pools();
SELECT outstanding FROM quota.loan WHERE loan_id = 902;
-- the entry of 疾控3 undone: the post it freed is a borrowed one, and the expired loan takes it back
SELECT quota.correct_staff_event(pg_temp.entry_of(203), '滨编〔2025〕9号', '入编录入错误') IS NOT NULL AS corrected;
SELECT * FROM pg_temp.seats() WHERE org_id = 22;
SELECT * FROM pg_temp.pools();
SELECT outstanding FROM quota.loan WHERE loan_id = 902;
SELECT quota.expired_borrowed(22, 'institution') AS expired_borrowed_after;
SELECT m.kind, m.amount, m.from_org, m.to_pool, m.loan_id, m.note
  FROM quota.movement m WHERE m.kind = 'repay' AND m.loan_id = 902 ORDER BY m.id;
SELECT * FROM quota.verify();
-- expired_borrowed of an account without loans, and of NULL arguments (as the SQL function: 0)
SELECT quota.expired_borrowed(20, 'institution') AS no_loan, quota.expired_borrowed(NULL, 'institution') AS null_org;

-- 3. a chief entered by mistake: 容错纠错 frees the chief post with the seat
INSERT INTO quota.leadership VALUES (20, 'chief', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, post, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(301, pg_temp.pid(301), '院长丙', 20, 'institution', 'chief', current_date, '滨人社〔2025〕3号');
SELECT approved, filled FROM quota.leader_account WHERE org_id = 20 AND post = 'chief';
SELECT * FROM pg_temp.seats() WHERE org_id = 20;
-- the post is filled: a second chief is refused (quota_leadership_exceeded), nothing written
-- (SQLSTATE and constraint name; the message is the rule's)
SELECT split_part(pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, post, entered_on, entry_doc)
	VALUES (pg_temp.pid(302), '院长丁', 20, 'institution', 'chief', current_date, '滨人社〔2025〕3号')$$), ':', 1) AS second_chief;
SELECT count(*) AS staff_of_20 FROM quota.staff WHERE org_id = 20;
SELECT quota.correct_staff_event(pg_temp.entry_of(301), '滨编〔2025〕9号', '任命录入错误') IS NOT NULL AS corrected;
SELECT approved, filled FROM quota.leader_account WHERE org_id = 20 AND post = 'chief';
SELECT * FROM pg_temp.seats() WHERE org_id = 20;
-- the chief post is free again: the right person takes it
INSERT INTO quota.staff (id, person_id, name, org_id, category, post, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(302, pg_temp.pid(302), '院长丁', 20, 'institution', 'chief', current_date, '滨人社〔2025〕3号');
SELECT approved, filled FROM quota.leader_account WHERE org_id = 20 AND post = 'chief';
SELECT * FROM quota.verify();

-- 4. 退一收一 through the door (moving => false), rolled back: the door looks recall_on_exit up itself
UPDATE quota.org SET recall_on_exit = true WHERE id = 23;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(401, pg_temp.pid(401), '保健甲', 23, 'institution', current_date, '滨人社〔2025〕3号');
SELECT * FROM pg_temp.seats() WHERE org_id = 23;
BEGIN;
SELECT quota.release_seat(s, current_date, false) FROM quota.staff s WHERE s.id = 401;
SELECT * FROM pg_temp.seats() WHERE org_id = 23;
SELECT m.kind, m.amount, m.from_org, m.note FROM quota.movement m WHERE m.kind = 'retire';
ROLLBACK;
-- moving => true (a move, or an entry undone) retires nothing
BEGIN;
SELECT quota.release_seat(s, current_date, true) FROM quota.staff s WHERE s.id = 401;
SELECT * FROM pg_temp.seats() WHERE org_id = 23;
SELECT count(*) AS retired FROM quota.movement m WHERE m.kind = 'retire';
ROLLBACK;
-- a NULL row frees nothing
SELECT quota.release_seat(NULL, current_date, false);
SELECT * FROM pg_temp.seats() WHERE org_id = 23;

-- 5. lapse_hiring through the door: two approvals of 妇幼保健院 past valid_until (one
--    partly used) release their open slots in ascending id; an open one keeps its own
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no, issued_on) OVERRIDING SYSTEM VALUE VALUES
	(1, 23, 'institution', 2, '滨编〔2024〕12号', current_date - 10),
	(2, 23, 'institution', 1, '滨编〔2024〕12号', current_date - 10),
	(3, 23, 'institution', 1, '滨编〔2024〕12号', current_date - 10);
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc, hiring_id) OVERRIDING SYSTEM VALUE VALUES
	(501, pg_temp.pid(501), '保健乙', 23, 'institution', current_date, '滨人社〔2025〕3号', 1);
SELECT pg_temp.age_hiring(1);
SELECT pg_temp.age_hiring(3);
SELECT * FROM pg_temp.seats() WHERE org_id = 23;
SELECT hiring_id, used, released FROM quota.hiring_account ORDER BY 1;
SELECT quota.lapse_hiring(23, 'institution') AS seats_released;
SELECT * FROM pg_temp.seats() WHERE org_id = 23;
SELECT hiring_id, used, released FROM quota.hiring_account ORDER BY 1;
-- released once: a second call releases nothing; other accounts and NULL arguments neither
SELECT quota.lapse_hiring(23, 'institution') AS again, quota.lapse_hiring(20, 'institution') AS other,
	   quota.lapse_hiring(NULL, NULL) AS null_args;
SELECT * FROM quota.verify();
