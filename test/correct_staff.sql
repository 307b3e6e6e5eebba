-- pgTAP: 容错纠错 of the roster (quota.correct_staff_event): its contract, and every
-- refusal as SQLSTATE + constraint name, with nothing written by a failed call
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SET LOCAL client_min_messages = warning;
\ir lib/constraint_of.sql
SELECT plan(24);

CREATE FUNCTION pg_temp.state_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE s text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE;
	RETURN s;
END $f$;
-- the last roster record of a row
CREATE FUNCTION pg_temp.last_of(sid bigint) RETURNS bigint LANGUAGE sql AS $$
	SELECT max(e.id) FROM quota.staff_event e WHERE e.staff_id = sid
$$;

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
	('鲁编〔2024〕2号', '山东省机构编制委员会', 'committee', '37', '2024-01-20', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定、入编'),
	('滨编〔2025〕9号', '滨州市机构编制委员会', 'committee', '3716', '2025-01-05', '纠错'),
	('滨农〔2025〕2号', '滨州市农业农村局', 'line_department', '3716', '2025-01-05', '业务主管部门');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (12, '3716', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(20, '滨州市人民医院', '3716', 'institution'), (21, '滨州市中心医院', '3716', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'institution', 20, 12, '鲁编〔2024〕2号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 2, 12, 20, '滨编〔2024〕12号'), ('allocate', 'institution', 2, 12, 21, '滨编〔2024〕12号');
INSERT INTO quota.leadership VALUES (20, 'deputy', 1, '滨编〔2024〕12号');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(101, '37160219800101011X', '医生甲', 20, 'institution', '2020-01-01', '滨编〔2024〕12号'),
	(102, '371602198102020229', '医生乙', 21, 'institution', '2020-01-01', '滨编〔2024〕12号'),
	(103, '371602198203030338', '医生丙', 21, 'institution', '2020-01-01', '滨编〔2024〕12号');

-- the contract
SELECT has_function('quota', 'correct_staff_event', ARRAY['bigint', 'text', 'text'], 'quota.correct_staff_event(bigint, text, text)');
SELECT function_returns('quota', 'correct_staff_event', ARRAY['bigint', 'text', 'text'], 'bigint', 'correct_staff_event returns bigint');
SELECT is((SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
			WHERE attrelid = 'quota.corrections'::regclass AND attnum > 0 AND NOT attisdropped),
	ARRAY['correction_id', 'original_id', 'kind', 'category', 'amount', 'doc_no', 'reason', 'recorded_at', 'recorded_by',
		  'original_kind', 'step', 'subject', 'staff_id'],
	'quota.corrections: the contract''s columns, then original_kind, step, subject, staff_id');

-- bad arguments: 22023
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event(NULL, '滨编〔2025〕9号', '录入错误')$$), '22023', 'no record: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event(pg_temp.last_of(101), '滨编〔2025〕9号', ' ')$$), '22023', 'a blank reason: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event(999999, '滨编〔2025〕9号', '录入错误')$$), '22023', 'an unknown record: 22023');
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event(pg_temp.last_of(101), '滨编〔2024〕12号', '录入错误')$$), '22023',
	'the mistaken record''s own document: 22023');

-- authority: a line department orders nothing
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_staff_event(pg_temp.last_of(101), '滨农〔2025〕2号', '录入错误')$$),
	'quota_authority', 'a line department''s document: quota_authority');
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_staff_event(pg_temp.last_of(101), '无此文号', '录入错误')$$),
	'quota_authority', 'an unregistered document: quota_authority');

-- a move back into a full org: quota_over_establishment
UPDATE quota.staff SET org_id = 20, change_doc = '滨编〔2024〕12号' WHERE id = 102;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(104, '371602198304040447', '医生丁', 21, 'institution', current_date, '滨编〔2024〕12号');
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_staff_event(pg_temp.last_of(102), '滨编〔2025〕9号', '调动录入错误')$$),
	'quota_over_establishment', 'a move back into a full org: quota_over_establishment');
SELECT is((SELECT org_id FROM quota.staff WHERE id = 102), 20::bigint, '... and the person stays where the move put them');

-- a departure undone into a full org: quota_over_establishment
UPDATE quota.staff SET left_on = current_date, left_reason = '调出', change_doc = '滨编〔2024〕12号' WHERE id = 103;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(105, '371602198405050556', '医生戊', 21, 'institution', current_date, '滨编〔2024〕12号');
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_staff_event(pg_temp.last_of(103), '滨编〔2025〕9号', '出编录入错误')$$),
	'quota_over_establishment', 'a departure undone when its seat was taken: quota_over_establishment');
SELECT ok((SELECT left_on IS NOT NULL FROM quota.staff WHERE id = 103), '... and the row stays departed');

-- a departure undone while the person holds a post elsewhere: quota_person_duplicate
UPDATE quota.staff SET left_on = current_date, left_reason = '调出', change_doc = '滨编〔2024〕12号' WHERE id = 105;
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(106, '371602198203030338', '医生丙', 21, 'institution', current_date, '滨编〔2024〕12号');
SELECT isnt(quota.correct_staff_event(pg_temp.last_of(104), '滨编〔2025〕9号', '入编单位录入错误'), NULL, 'an entry undone frees its seat');
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_staff_event(pg_temp.last_of(103), '滨编〔2025〕9号', '出编录入错误')$$),
	'quota_person_duplicate', 'a departure undone while the person holds another post: quota_person_duplicate');

-- a post change undone into a full leadership: quota_leadership_exceeded
UPDATE quota.staff SET post = 'deputy', change_doc = '滨编〔2024〕12号' WHERE id = 101;
UPDATE quota.staff SET post = 'staff', change_doc = '鲁编〔2024〕2号' WHERE id = 101;
UPDATE quota.staff SET post = 'deputy', change_doc = '鲁编〔2024〕2号' WHERE id = 102;
SELECT is(pg_temp.constraint_of($$SELECT quota.correct_staff_event(pg_temp.last_of(101), '滨编〔2025〕9号', '免职录入错误')$$),
	'quota_leadership_exceeded', 'a dismissal undone while the post was filled since: quota_leadership_exceeded');

-- refused edits: 55000
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event((SELECT min(id) FROM quota.staff_event WHERE staff_id = 102), '滨编〔2025〕9号', '录入错误')$$),
	'55000', 'a record with later records of its row: 55000');
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event((SELECT min(id) FROM quota.staff_event WHERE staff_id = 104), '滨编〔2025〕9号', '再次纠错')$$),
	'55000', 'a record corrected already: 55000');
SELECT is(pg_temp.state_of($$SELECT quota.correct_staff_event(pg_temp.last_of(104), '鲁编〔2024〕2号', '撤销纠错')$$),
	'55000', 'an undone entry is a closed record: 55000');
SELECT is(pg_temp.state_of($$UPDATE quota.staff_correction SET reason = 'x'$$), '23514', 'corrections are not edited');
SELECT is(pg_temp.state_of($$DELETE FROM quota.staff_correction$$), '23514', 'corrections are not deleted');
SELECT is(pg_temp.constraint_of($$DELETE FROM quota.staff_correction$$), 'quota_ledger_immutable', '... quota_ledger_immutable');

-- nothing written by the refused calls (the setup's own changes aside) and the books check
SELECT is((SELECT count(*) FROM quota.staff_correction), 1::bigint, 'one correction recorded');
SELECT is_empty($$SELECT * FROM quota.verify()$$, 'verify() is empty');

SELECT * FROM finish();
ROLLBACK;
