-- pgTAP: the write matrix of quota.staff and quota.hiring (README "Write matrix"):
-- each refused or re-checked cell gives its SQLSTATE and constraint name and
-- writes nothing; the change records are append-only; identity is GENERATED ALWAYS
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS quota;
SELECT plan(35);

-- SQLSTATE and constraint name of a statement, and whether the books changed
CREATE FUNCTION pg_temp.cell(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	cn text;
	before text := (SELECT md5(concat_ws('|', (SELECT string_agg(s::text, ',' ORDER BY s.id) FROM quota.staff s),
		(SELECT string_agg(h::text, ',' ORDER BY h.id) FROM quota.hiring h),
		(SELECT string_agg(a::text, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a),
		(SELECT count(*)::text FROM quota.staff_event))));
BEGIN
	BEGIN
		EXECUTE stmt;
		RETURN 'ok';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME;
	END;
	RETURN st || ' ' || COALESCE(NULLIF(cn, ''), '-') ||
		CASE WHEN before = (SELECT md5(concat_ws('|', (SELECT string_agg(s::text, ',' ORDER BY s.id) FROM quota.staff s),
				(SELECT string_agg(h::text, ',' ORDER BY h.id) FROM quota.hiring h),
				(SELECT string_agg(a::text, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a),
				(SELECT count(*)::text FROM quota.staff_event))))
			 THEN '' ELSE ' (wrote something)' END;
END
$$;

SELECT has_table('quota', 'staff_event', 'quota.staff_event');
SELECT columns_are('quota', 'staff_event', ARRAY['id', 'staff_id', 'person_id', 'kind', 'org_id', 'category', 'post', 'on_date',
	'doc_no', 'recorded_at', 'recorded_by', 'reason'], 'staff_event columns (DESIGN.md §12, reason after them)');
SELECT has_function('quota', 'roster_at', ARRAY['date'], 'quota.roster_at');
SELECT results_eq($$SELECT pg_get_function_result('quota.establishment_at(date)'::regprocedure)$$,
	ARRAY['TABLE(org_id bigint, category text, approved integer, borrowed integer, occupied integer)'], 'establishment_at gains occupied');
SELECT is((SELECT string_agg(a.attidentity::text, ',') FROM pg_attribute a
	WHERE a.attrelid IN ('quota.staff'::regclass, 'quota.hiring'::regclass, 'quota.staff_event'::regclass) AND a.attname = 'id'),
	'a,a,a', 'staff, hiring and staff_event ids are GENERATED ALWAYS');

INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371621', '惠民县');
INSERT INTO quota.approval VALUES ('中央', 'c', 'central_office', NULL, '2024-01-01', NULL),
	('滨编', 'b', 'committee', '3716', '2024-01-01', NULL), ('惠编', 'h', 'committee', '371621', '2024-01-01', NULL),
	('滨农', 'l', 'line_department', '3716', '2024-01-01', NULL);
INSERT INTO quota.pool (division, kind, category) VALUES ('3716', 'unallocated', 'institution');
INSERT INTO quota.org (name, division, kind, rank) VALUES ('学校', '3716', 'institution', '正科'), ('医院', '3716', 'institution', '正科'),
	('县医院', '371621', 'institution', '正科');
SELECT id AS pool FROM quota.pool \gset
SELECT min(id) AS o1, min(id) + 1 AS o2, min(id) + 2 AS o3 FROM quota.org \gset
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES ('issue', 'institution', 20, :pool, '中央');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 5, :pool, :o1, '滨编'), ('allocate', 'institution', 5, :pool, :o2, '滨编');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('371602198102040078', '甲', :o1, 'institution', '2024-09-01', '滨编'),
	   ('371602198203110143', '乙', :o1, 'institution', '2024-09-01', '滨编');
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (:o1, 'institution', 1, '滨编');
SELECT id AS h FROM quota.hiring \gset
SELECT id AS s1 FROM quota.staff WHERE name = '甲' \gset
SELECT id AS s2 FROM quota.staff WHERE name = '乙' \gset

-- staff: moves need a new document with authority over the destination
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET org_id = %s WHERE id = %s', :o2, :s1)), '23514 quota_authority', 'move without change_doc');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET org_id = %s, change_doc = %L WHERE id = %s', :o2, '滨农', :s1)), '23514 quota_authority', 'move under a line department');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET org_id = %s, change_doc = %L WHERE id = %s', :o3, '滨编', :s1)), '23514 quota_over_establishment', 'move into another jurisdiction''s org: checked like an entry (no posts there)');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET org_id = %s, change_doc = %L WHERE id = %s', :o2, '惠编', :s1)), '23514 quota_authority', 'move under a county document into a city org');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET post = %L WHERE id = %s', 'chief', :s1)), '23514 quota_authority', 'post change without change_doc');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET post = %L, change_doc = %L WHERE id = %s', 'chief', '滨编', :s1)), '23514 quota_leadership_exceeded', 'post change: 领导职数 re-checked');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET person_id = %L WHERE id = %s', '371602198304150216', :s1)), '23514 quota_authority', 'person_id change without change_doc');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET person_id = %L, change_doc = %L WHERE id = %s', '371602198203110143', '滨编', :s1)), '23514 quota_person_duplicate', 'person_id change: one post per person re-checked');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET change_doc = %L WHERE id = %s', '滨编', :s1)), '55000 -', 'change_doc alone');
-- staff: fixed by the entry
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET hiring_id = %s WHERE id = %s', :h, :s1)), '55000 -', 'hiring_id linked afterwards');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET id = DEFAULT WHERE id = %s', :s1)), '55000 -', 'id changed');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET entry_doc = %L WHERE id = %s', '滨农', :s1)), '55000 -', 'entry_doc re-pointed to a line department');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET entered_on = %L WHERE id = %s', '2024-01-01', :s1)), '55000 -', 'entered_on changed');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET talent_level = %L WHERE id = %s', 'A', :s1)), '55000 -', 'talent_level changed');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET left_on = current_date + 1 WHERE id = %s', :s1)), '23514 quota_movement_shape', 'departure in the future');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET left_on = %L WHERE id = %s', '2024-08-31', :s1)), '23514 quota_movement_shape', 'departure before the entry');
SELECT is(pg_temp.cell($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('371602198405190284', '丁', $$ || :o1 || $$, 'institution', current_date + 1, '滨编')$$), '23514 quota_movement_shape', 'entry in the future');
SELECT is(pg_temp.cell($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES ('371602198405190284', '丁', $$ || :o1 || $$, 'institution', current_date, '无此文')$$), '23514 quota_authority', 'entry naming no registered document');
-- departed rows are records
UPDATE quota.staff SET left_on = current_date, left_reason = '退休' WHERE id = :s2;
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET left_on = NULL WHERE id = %s', :s2)), '55000 -', 'un-leaving');
SELECT is(pg_temp.cell(format('UPDATE quota.staff SET left_on = current_date - 1 WHERE id = %s', :s2)), '55000 -', 'left_on edited after the departure');
SELECT is(pg_temp.cell(format('DELETE FROM quota.staff WHERE id = %s', :s2)), '55000 -', 'a departed row is not deleted');
SET CONSTRAINTS ALL IMMEDIATE;	-- (TRUNCATE waits for no deferred key check)
SELECT is(pg_temp.cell('TRUNCATE quota.staff CASCADE'), '55000 -', 'the roster is not truncated');
-- the change records are append-only
SELECT is(pg_temp.cell('UPDATE quota.staff_event SET on_date = on_date - 1'), '23514 quota_ledger_immutable', 'staff_event UPDATE');
SELECT is(pg_temp.cell('DELETE FROM quota.staff_event'), '23514 quota_ledger_immutable', 'staff_event DELETE');
SELECT is(pg_temp.cell('TRUNCATE quota.staff_event'), '23514 quota_ledger_immutable', 'staff_event TRUNCATE');
-- hiring approvals
SELECT is(pg_temp.cell(format('INSERT INTO quota.hiring (org_id, category, slots, doc_no, issued_on) VALUES (%s, %L, 1, %L, current_date + 1)', :o1, 'institution', '滨编')), '23514 quota_movement_shape', 'hiring issued in the future');
SELECT is(pg_temp.cell(format('INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (%s, %L, 1, %L)', :o1, 'admin', '滨编')), '23514 quota_category_mismatch', 'hiring in a category the org may not hold');
SELECT is(pg_temp.cell(format('UPDATE quota.hiring SET slots = 2 WHERE id = %s', :h)), '55000 -', 'hiring UPDATE');
SELECT is(pg_temp.cell(format('DELETE FROM quota.hiring WHERE id = %s', :h)), '55000 -', 'hiring DELETE');

SELECT is_empty('SELECT * FROM quota.verify()', 'verify() is clean');
SELECT * FROM finish();
ROLLBACK;
