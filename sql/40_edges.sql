-- Edge cases of the ledger, the roster and the standards, each one a rule
-- that must hold and once did not (or was not tested).  pg_temp.try runs a
-- statement and shows what a client reads: ok, or SQLSTATE, constraint name
-- and message.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i demo/01_binzhou.sql
\i demo/people.sql
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	cn text;
	msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT;
	RETURN st || ' ' || COALESCE(NULLIF(cn, ''), '-') || ': ' || msg;
END
$$;

-- ledger: a movement naming no registered approval is quota_authority (the
-- foreign key is deferred so that the rule, not the key, speaks)
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2099〕1号')$$);
-- an approval number is a short text (it is also a hash key of the trigger)
SELECT pg_temp.try($$INSERT INTO quota.approval VALUES (repeat('文', 100), 'x', 'committee', '3716', '2024-01-01', 'x')$$);

-- ledger: a used approval keeps its number and issuer; its title may be corrected
SELECT pg_temp.try($$UPDATE quota.approval SET issuer_kind = 'line_department' WHERE doc_no = '滨编〔2024〕12号'$$);
SELECT pg_temp.try($$UPDATE quota.approval SET title = '关于市直部门机构编制的通知（更正）' WHERE doc_no = '滨编〔2024〕12号'$$);

-- ledger: a control number (控制数) is set only under an approval with authority over it
SELECT pg_temp.try($$INSERT INTO quota.cap VALUES ('37', 'admin', 'subtree', 100000, '滨农〔2024〕8号')$$);
SELECT pg_temp.try($$INSERT INTO quota.cap VALUES ('37', 'admin', 'level', 100000, '滨编〔2024〕12号')$$);

-- ledger: when and by whom a row was recorded is the server's to say
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_at)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号', '2001-01-01')$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_by)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号', 'somebody_else')$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_at, recorded_by)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号', now(), current_user)$$);

-- ledger: a repay may not take borrowed posts that a hiring approval reserved
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES (60, '滨州市应急救援中心', '3716', 'institution', 'other');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 12, 60, '滨编〔2024〕12号');
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (901, 'lend', 'institution', 3, 13, 60, '滨编办〔2024〕21号', current_date + 365);
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (60, 'institution', 4, '滨编〔2024〕12号');
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
	VALUES ('repay', 'institution', 3, 60, 13, '滨编办〔2024〕21号', 901)$$);
SELECT org_id, approved, borrowed, occupied, reserved FROM quota.org_status WHERE org_id = 60;

-- roster: a promotion is an UPDATE of post (and counts against 领导职数)
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (24, 'chief', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(7001, pg_temp.pid(7001), '农技甲', 24, 'institution', current_date, '滨编〔2024〕12号'),
	(7002, pg_temp.pid(7002), '农技乙', 24, 'institution', current_date, '滨编〔2024〕12号');
SELECT pg_temp.try($$UPDATE quota.staff SET post = 'chief', change_doc = '滨编〔2024〕12号' WHERE id = 7001$$);
SELECT pg_temp.try($$UPDATE quota.staff SET post = 'chief', change_doc = '滨编〔2024〕12号' WHERE id = 7002$$);
SELECT org_id, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id = 24;
-- a departure changes nothing else: the row records where the person left from
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = current_date, org_id = 22 WHERE id = 7002$$);
-- 领导职数 cannot be cut, or deleted, below the leaders in post
SELECT pg_temp.try($$UPDATE quota.leadership SET approved = 0 WHERE org_id = 24 AND post = 'chief'$$);
SELECT pg_temp.try($$DELETE FROM quota.leadership WHERE org_id = 24 AND post = 'chief'$$);

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

-- enforce standards bound a rise; a cut, or a change of document only, is always allowed
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (24, 'deputy', 5, '滨编〔2024〕12号');
SELECT quota.standard_range(24, 'leaders') AS leaders_range, leaders_approved FROM quota.org_status WHERE org_id = 24;
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_leaders_other';
SELECT pg_temp.try($$UPDATE quota.leadership SET approved = 4 WHERE org_id = 24 AND post = 'deputy'$$);
SELECT pg_temp.try($$UPDATE quota.leadership SET doc_no = '滨编〔2024〕15号' WHERE org_id = 24 AND post = 'deputy'$$);
SELECT pg_temp.try($$UPDATE quota.leadership SET approved = 5 WHERE org_id = 24 AND post = 'deputy'$$);
SELECT leaders_approved FROM quota.org_status WHERE org_id = 24;

-- internal units: deleting one may not break the comprehensive share
-- (7 units, 2 comprehensive: floor(0.3 × 7) = 2; 6 units would allow 1)
UPDATE quota.org SET internal_units_approved = 8 WHERE id = 24;
INSERT INTO quota.internal_unit (org_id, name, comprehensive, doc_no) VALUES
	(24, '办公室', true, '滨编〔2024〕12号'), (24, '综合科', true, '滨编〔2024〕12号'),
	(24, '推广科', false, '滨编〔2024〕12号'), (24, '培训科', false, '滨编〔2024〕12号'),
	(24, '植保科', false, '滨编〔2024〕12号'), (24, '土肥科', false, '滨编〔2024〕12号'),
	(24, '农机科', false, '滨编〔2024〕12号');
SELECT pg_temp.try($$DELETE FROM quota.internal_unit WHERE org_id = 24 AND name = '植保科'$$);
SELECT pg_temp.try($$DELETE FROM quota.internal_unit WHERE org_id = 24 AND name = '综合科'$$);
SELECT count(*) AS units, count(*) FILTER (WHERE comprehensive) AS comprehensive FROM quota.internal_unit WHERE org_id = 24;

-- a duty moves only under an approval with authority, between active orgs, even with no posts
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (90, 8, '古树名木保护');
SELECT pg_temp.try($$SELECT quota.move_duty(90, 7, '{}', '{}', '滨农〔2024〕8号')$$);
SELECT quota.dissolve_org(26, '滨编〔2024〕15号');
SELECT pg_temp.try($$SELECT quota.move_duty(90, 26, '{}', '{}', '滨编〔2024〕15号')$$);
SELECT pg_temp.try($$SELECT quota.move_duty(90, 7, '{}', '{}', '滨编〔2024〕15号')$$);
SELECT org_id FROM quota.duty WHERE id = 90;

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

-- verify() also catches a loan whose terms were edited behind the ledger's back
UPDATE quota.loan SET expires_on = '2099-01-01' WHERE loan_id = 901;
SELECT * FROM quota.verify();
UPDATE quota.loan l SET expires_on = m.expires_on FROM quota.movement m WHERE m.id = l.loan_id AND l.loan_id = 901;

SELECT * FROM quota.verify();
