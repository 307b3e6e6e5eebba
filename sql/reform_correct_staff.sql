-- 容错纠错 of the roster (quota.correct_staff_event): a roster record made by mistake is undone
-- by a correcting record, never an edit; seats, hiring slots and talent draws come back
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
	('鲁编〔2024〕2号', '山东省机构编制委员会', 'committee', '37', '2024-01-20', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定'),
	('滨人社〔2025〕3号', '滨州市人力资源和社会保障局', 'government', '3716', '2025-01-05', '入编'),
	('滨编〔2025〕9号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-05', '纠错'),
	('滨农〔2025〕2号', '滨州市农业农村局', 'line_department', '3716', '2025-01-05', '业务主管部门');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(12, '3716', 'unallocated', 'institution'), (16, '3716', 'talent', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(20, '滨州市人民医院', '3716', 'institution'),
	(21, '滨州市中心医院', '3716', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES
	('issue', 'institution', 20, 12, '鲁编〔2024〕2号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no) VALUES
	('delegate', 'institution', 2, 12, 16, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 3, 12, 20, '滨编〔2024〕12号'),
	('allocate', 'institution', 3, 12, 21, '滨编〔2024〕12号');
INSERT INTO quota.hiring (org_id, category, slots, doc_no, issued_on, valid_until) OVERRIDING SYSTEM VALUE
	VALUES (20, 'institution', 2, '滨编〔2024〕12号', current_date - 10, current_date + 30);
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc, hiring_id) OVERRIDING SYSTEM VALUE VALUES
	(101, '37160219800101011X', '医生甲', 20, 'institution', current_date - 5, '滨人社〔2025〕3号', 1);
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(102, '371602198102020229', '医生乙', 20, 'institution', '2020-01-01', '滨编〔2024〕12号'),
	(103, '371602198203030338', '医生丙', 21, 'institution', '2020-01-01', '滨编〔2024〕12号');

CREATE FUNCTION pg_temp.seats() RETURNS TABLE (org_id bigint, approved int, borrowed int, occupied int, reserved int)
LANGUAGE sql AS $$
	SELECT a.org_id, a.approved, a.borrowed, a.occupied, a.reserved FROM quota.org_account a
	 WHERE a.category = 'institution' ORDER BY 1
$$;
CREATE FUNCTION pg_temp.history(sid bigint) RETURNS TABLE (id bigint, kind text, org_id bigint, post text, on_date text, doc_no text, reason text)
LANGUAGE sql AS $$
	SELECT e.id, e.kind, e.org_id, e.post,
		   CASE WHEN e.on_date < '2024-01-01' THEN e.on_date::text ELSE 'today ' || (e.on_date - current_date) END,
		   e.doc_no, e.reason FROM quota.staff_event e
	 WHERE e.staff_id = sid ORDER BY e.id
$$;
SELECT * FROM pg_temp.seats();
SELECT h.slots, ha.used FROM quota.hiring h JOIN quota.hiring_account ha ON ha.hiring_id = h.id;

-- bad arguments: 22023
\set VERBOSITY sqlstate
SELECT quota.correct_staff_event(NULL, '滨编〔2025〕9号', '录入错误');
SELECT quota.correct_staff_event(1, '滨编〔2025〕9号', ' ');
SELECT quota.correct_staff_event(9999, '滨编〔2025〕9号', '录入错误');
-- the correction names a document of its own
SELECT quota.correct_staff_event(1, '滨人社〔2025〕3号', '录入错误');
\set VERBOSITY default

-- a line department orders no correction: quota_authority, nothing written
SELECT quota.correct_staff_event(1, '滨农〔2025〕2号', '录入错误');
SELECT count(*) AS events_unchanged FROM quota.staff_event;

-- 1. 入编 recorded against the wrong hospital: 医生甲 was hired by 中心医院, not 人民医院.
--    The entry is undone: the seat is free, the hiring approval's slot is reserved again
SELECT quota.correct_staff_event(1, '滨编〔2025〕9号', '入编单位录入错误: 应为滨州市中心医院') AS correcting_record;
SELECT * FROM pg_temp.seats();
SELECT h.slots, ha.used FROM quota.hiring h JOIN quota.hiring_account ha ON ha.hiring_id = h.id;
SELECT left_on - entered_on AS days_held, left_reason, change_doc FROM quota.staff WHERE id = 101;
-- both records stay in the history, the correction with its reason and document
SELECT * FROM pg_temp.history(101);
-- the roster as of any day never shows the mistaken entry
SELECT count(*) AS held_101_any_day FROM generate_series(current_date - 5, current_date, '1 day') d,
	   quota.roster_at(d::date) r WHERE r.staff_id = 101;
-- corrected once (55000); an undone entry is a closed record (55000)
SELECT quota.correct_staff_event(1, '滨编〔2025〕9号', '再次纠错');
SELECT quota.correct_staff_event((SELECT max(id) FROM quota.staff_event WHERE staff_id = 101), '鲁编〔2024〕2号', '撤销纠错');
-- the person enters the right hospital with a new roster row
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('37160219800101011X', '医生甲', 21, 'institution', current_date - 5, '滨人社〔2025〕3号');
SELECT * FROM pg_temp.seats();
SELECT * FROM quota.verify();

-- 2. 调动 recorded by mistake: 医生乙 was moved to 中心医院, and 中心医院 is now full
UPDATE quota.staff SET org_id = 21, change_doc = '滨人社〔2025〕3号' WHERE id = 102;
SELECT * FROM pg_temp.seats();
-- meanwhile 人民医院 filled its last free seat: moving back would break quota_over_establishment
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
VALUES (104, '371602198304040447', '医生丁', 20, 'institution', current_date, '滨人社〔2025〕3号');
SELECT quota.correct_staff_event(
	(SELECT max(id) FROM quota.staff_event WHERE staff_id = 102), '滨编〔2025〕9号', '调动录入错误');
SELECT org_id FROM quota.staff WHERE id = 102;
-- 医生丁 leaves; the seat is free and the move is undone
UPDATE quota.staff SET left_on = current_date, left_reason = '调出', change_doc = '滨人社〔2025〕3号' WHERE id = 104;
SELECT quota.correct_staff_event(
	(SELECT max(id) FROM quota.staff_event WHERE staff_id = 102), '滨编〔2025〕9号', '调动录入错误: 未调动') AS correcting_record;
SELECT org_id, change_doc FROM quota.staff WHERE id = 102;
SELECT * FROM pg_temp.seats();
SELECT * FROM pg_temp.history(102);
-- 医生乙 held 人民医院's post on every day
SELECT r.org_id FROM quota.roster_at(current_date) r WHERE r.staff_id = 102;
-- only the latest record of a row is corrected (55000)
SELECT quota.correct_staff_event((SELECT min(id) FROM quota.staff_event WHERE staff_id = 102), '鲁编〔2024〕2号', '录入错误');

-- 3. 出编 recorded by mistake: 医生丙 never left 中心医院; undone while the seat is free
UPDATE quota.staff SET left_on = current_date, left_reason = '调出' WHERE id = 103;
SELECT * FROM pg_temp.seats();
SELECT quota.correct_staff_event(
	(SELECT max(id) FROM quota.staff_event WHERE staff_id = 103), '滨编〔2025〕9号', '出编录入错误: 未调出') AS correcting_record;
SELECT left_on, left_reason FROM quota.staff WHERE id = 103;
SELECT * FROM pg_temp.history(103);
SELECT * FROM pg_temp.seats();
-- a departure whose seat has been taken since: refused with the rule the reverse breaks
UPDATE quota.staff SET left_on = current_date, left_reason = '辞职', change_doc = '滨人社〔2025〕3号' WHERE id = 103;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE
VALUES (105, '371602198506060665', '医生己', 21, 'institution', current_date, '滨人社〔2025〕3号'),
	   (106, '371602198607070774', '医生庚', 21, 'institution', current_date, '滨人社〔2025〕3号');
SELECT * FROM pg_temp.seats();
SELECT quota.correct_staff_event(
	(SELECT max(id) FROM quota.staff_event WHERE staff_id = 103), '滨编〔2025〕9号', '出编录入错误');
SELECT left_on IS NOT NULL AS still_departed FROM quota.staff WHERE id = 103;

-- 4. a post change (任免) undone: the deputy post is free again
INSERT INTO quota.leadership VALUES (20, 'deputy', 1, '滨编〔2024〕12号');
UPDATE quota.staff SET post = 'deputy', change_doc = '滨人社〔2025〕3号' WHERE id = 102;
SELECT filled FROM quota.leader_account WHERE org_id = 20 AND post = 'deputy';
SELECT quota.correct_staff_event(
	(SELECT max(id) FROM quota.staff_event WHERE staff_id = 102), '滨编〔2025〕9号', '任免录入错误') AS correcting_record;
SELECT post FROM quota.staff WHERE id = 102;
SELECT filled FROM quota.leader_account WHERE org_id = 20 AND post = 'deputy';
SELECT * FROM quota.verify();

-- 5. a talent hire entered by mistake into the full 中心医院: its talent-pool draw goes back
SELECT * FROM pg_temp.seats();
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, talent_level) VALUES
	('371602198405050556', '专家戊', 21, 'institution', current_date, '滨人社〔2025〕3号', 'A');
SELECT p.kind, pa.balance, pa.lent FROM quota.pool_account pa JOIN quota.pool p ON p.id = pa.pool_id WHERE p.id = 16;
SELECT quota.correct_staff_event(
	(SELECT e.id FROM quota.staff_event e JOIN quota.staff s ON s.id = e.staff_id WHERE s.name = '专家戊'), '滨编〔2025〕9号', '人才引进录入错误')
	IS NOT NULL AS corrected;
SELECT p.kind, pa.balance, pa.lent FROM quota.pool_account pa JOIN quota.pool p ON p.id = pa.pool_id WHERE p.id = 16;
SELECT * FROM pg_temp.seats();

-- the accountability record: every correction with what, why, who and under which document
SELECT subject, original_kind, kind, category, amount, doc_no, reason, recorded_by = current_user AS by_me
  FROM quota.corrections ORDER BY recorded_at, correction_id;
-- corrections are append-only
UPDATE quota.staff_correction SET reason = 'x';
DELETE FROM quota.staff_correction;
SELECT * FROM quota.verify();
