-- Edge cases of the roster: departures, hiring history, filed staff, resident ids, loans,
-- and the documents that authorize roster rows.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- the roster rows and orgs the cases below start from
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(7001, pg_temp.pid(7001), '农技甲', 24, 'institution', current_date, '滨编〔2024〕12号');
SELECT quota.dissolve_org(26, '滨编〔2024〕15号');

-- roster: a departure is recorded when it happens, not ahead
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, left_on)
	VALUES (pg_temp.pid(7005), '未来', 24, 'institution', current_date, '滨编〔2024〕12号', '2099-12-31')$$);
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = current_date + 1 WHERE id = 7001$$);

-- a historical row (already departed) fills no hiring approval, and a row that filled one is kept
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no) OVERRIDING SYSTEM VALUE VALUES (72, 24, 'institution', 1, '滨编〔2024〕12号');
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc, left_on)
	VALUES (pg_temp.pid(7006), '旧档', 24, 'institution', 72, '2020-01-01', '滨编〔2024〕12号', '2021-01-01')$$);
INSERT INTO quota.staff (id, person_id, name, org_id, category, hiring_id, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
VALUES (7007, pg_temp.pid(7007), '新录', 24, 'institution', 72, current_date, '滨编〔2024〕12号');
UPDATE quota.staff SET left_on = current_date, left_reason = '辞职' WHERE id = 7007;
SELECT pg_temp.try($$DELETE FROM quota.staff WHERE id = 7007$$);

-- filed staff left at an org whose cap was lifted are listed (as after a merge into an uncapped target)
UPDATE quota.org SET headcount_cap = 10 WHERE id = 25;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(7008), '备案乙', 25, 'filed', current_date, '滨编〔2024〕12号');
UPDATE quota.org SET headcount_cap = NULL WHERE id = 25;
SELECT rule, subject_id, category FROM quota.violations WHERE subject_id = 25 AND rule = 'quota_headcount_cap';

-- roster: a resident id with surrounding spaces is refused (one person must not look like two)
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (' ' || pg_temp.pid(7003), '空格', 24, 'institution', current_date, '滨编〔2024〕12号')$$);
-- filed (备案) staff hold no 编制 and fill no hiring approval
UPDATE quota.org SET headcount_cap = 100 WHERE id = 31;
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no) OVERRIDING SYSTEM VALUE VALUES (71, 31, 'institution', 2, '惠编〔2024〕4号');
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
	VALUES (pg_temp.pid(7004), '备案甲', 31, 'filed', 71, current_date, '惠编〔2024〕4号')$$);
-- settle_loans refuses an as_of after today (settling is permanent); the hiring approval stays open
SELECT pg_temp.try($$SELECT count(*) FROM quota.settle_loans(current_date + 400)$$);
SELECT h.id, ha.released FROM quota.hiring h JOIN quota.hiring_account ha ON ha.hiring_id = h.id WHERE h.id = 71;
-- 编随事转 with people under a line department's document: the document is what is wrong
SELECT pg_temp.try($$SELECT quota.transfer(8, 7, 'admin', 1, '滨农〔2024〕8号', ARRAY[2]::bigint[])$$);
SELECT org_id FROM quota.staff WHERE id = 2;

-- a backdated departure under an expired loan returns the post, dated no earlier than the loan
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES (64, '滨州市疾病预防控制中心', '3716', 'institution', 'other');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
VALUES ('allocate', 'institution', 1, 12, 64, '滨编〔2024〕12号', '2024-06-01');
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (902, 'lend', 'institution', 2, 13, 64, '滨编办〔2024〕21号', current_date + 10);
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
SELECT 7100 + g, pg_temp.pid(7100 + g), '疾控' || g, 64, 'institution', '2024-06-01', '滨编〔2024〕12号' FROM generate_series(1, 3) g;
-- (the test cannot wait for the term: the loan is marked expired as a
-- settlement after its expiry would mark it)
UPDATE quota.loan SET expired = true WHERE loan_id = 902;
UPDATE quota.staff SET left_on = '2024-12-31', left_reason = '调出' WHERE id = 7101;
SELECT kind, amount, effective_on >= current_date AS dated_no_earlier_than_the_loan FROM quota.movement
 WHERE loan_id = 902 ORDER BY id;
SELECT org_id, approved, borrowed FROM quota.establishment_at('2025-06-01') WHERE org_id = 64;

-- roster documents authorize only as movement documents do: no line department, an issuer
-- whose division contains the org; no hiring approval for an org that is gone
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(7200), '条条', 24, 'institution', current_date, '滨农〔2024〕8号')$$);
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(7201), '越级', 24, 'institution', current_date, '惠编〔2024〕4号')$$);
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (22, 'institution', 1, '滨农〔2024〕8号')$$);
SELECT pg_temp.try($$INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (26, 'institution', 1, '滨编〔2024〕12号')$$);
SELECT pg_temp.try($$INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (23, 'chief', 1, '惠编〔2024〕4号')$$);

-- the books are consistent
SELECT * FROM quota.verify();
