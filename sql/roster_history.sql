-- The roster's change records (实名制, quota.staff_event): every entry, move,
-- post change, id correction and departure is kept, append-only; a change by
-- UPDATE names its document in change_doc, checked for authority over the
-- destination like an entry's document; the roster and the occupied posts of
-- any past day are rebuilt from the records.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql
-- what a refused statement must leave untouched
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT format('events %s, staff %s, occupied %s, movements %s',
		(SELECT count(*) FROM quota.staff_event),
		(SELECT md5(string_agg(s::text, ',' ORDER BY s.id)) FROM quota.staff s),
		(SELECT string_agg(a.org_id || ':' || a.occupied, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a),
		(SELECT count(*) FROM quota.movement))
$$;

INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(1), '甲', 22, 'institution', '2024-09-01', '滨编〔2024〕12号'),
	(pg_temp.pid(2), '乙', 22, 'institution', '2024-09-01', '滨编〔2024〕12号'),
	(pg_temp.pid(3), '丙', 24, 'institution', '2024-09-01', '滨编〔2024〕12号'),
	(pg_temp.pid(4), '丁', 30, 'institution', '2024-09-01', '惠编〔2024〕4号');
-- a row recorded as history: its entry and its departure
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, left_on, left_reason) VALUES
	(pg_temp.pid(5), '戊', 22, 'institution', '2024-09-01', '滨编〔2024〕12号', '2024-11-30', '退休');
CREATE TEMP TABLE who AS SELECT id, name FROM quota.staff;
SELECT w.name, e.kind, e.org_id, e.on_date, e.doc_no, e.reason, e.recorded_by = current_user AS by_me
  FROM quota.staff_event e JOIN who w ON w.id = e.staff_id ORDER BY e.id;

-- a move (调动) names its document: none, a line department's, one that does
-- not exist, or one without authority over the destination are quota_authority,
-- and nothing is written
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 24 WHERE name = '甲'$$) AS no_document;
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 24, change_doc = '滨农〔2024〕8号' WHERE name = '甲'$$) AS line_department;
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 24, change_doc = '滨编〔2099〕1号' WHERE name = '甲'$$) AS unknown_document;
-- a county's committee has no authority over a city org; a move into another
-- jurisdiction's organ with no document is refused too
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 22, change_doc = '惠编〔2024〕4号' WHERE name = '丁'$$) AS county_doc_city_org;
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 31 WHERE name = '甲'$$) AS other_jurisdiction_no_doc;
-- a post change (任免) and an id correction name a document as well
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (22, 'deputy', 2, '滨编〔2024〕12号');
SELECT pg_temp.try($$UPDATE quota.staff SET post = 'deputy' WHERE name = '乙'$$) AS post_no_document;
SELECT pg_temp.try($$UPDATE quota.staff SET person_id = pg_temp.pid(9) WHERE name = '乙'$$) AS person_no_document;
-- change_doc alone changes nothing: refused
SELECT pg_temp.try($$UPDATE quota.staff SET change_doc = '滨编〔2024〕15号' WHERE name = '乙'$$) AS document_alone;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- with a document: the move, the promotion, the correction are recorded
UPDATE quota.staff SET org_id = 24, change_doc = '滨编〔2024〕15号' WHERE name = '甲';
UPDATE quota.staff SET org_id = 31, change_doc = '惠编〔2024〕4号' WHERE name = '丁';
UPDATE quota.staff SET post = 'deputy', change_doc = '滨编〔2024〕15号' WHERE name = '乙';
UPDATE quota.staff SET person_id = pg_temp.pid(9), change_doc = '滨编〔2024〕12号' WHERE name = '丙';
-- a category change (机关工勤 posts at the development commission)
INSERT INTO quota.pool (division, kind, category) VALUES ('3716', 'unallocated', 'admin_worker');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no)
SELECT 'issue', 'admin_worker', 5, id, '中央编办发〔2024〕7号' FROM quota.pool WHERE kind = 'unallocated' AND category = 'admin_worker';
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
SELECT 'allocate', 'admin_worker', 5, id, 3, '滨编〔2024〕12号' FROM quota.pool WHERE kind = 'unallocated' AND category = 'admin_worker';
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(6), '庚', 3, 'admin', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO who SELECT id, name FROM quota.staff WHERE name = '庚';
SELECT pg_temp.try($$UPDATE quota.staff SET category = 'admin_worker' WHERE name = '庚'$$) AS category_no_document;
UPDATE quota.staff SET category = 'admin_worker', change_doc = '滨编〔2024〕12号' WHERE name = '庚';
SELECT org_id, category, occupied FROM quota.org_status WHERE org_id = 3 ORDER BY 2;
-- the next change needs its own document: the previous one does not carry over
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 22 WHERE name = '甲'$$) AS stale_document;
SELECT w.name, e.kind, e.org_id, e.post, e.on_date = current_date AS today, e.doc_no, e.person_id = pg_temp.pid(9) AS corrected_id
  FROM quota.staff_event e JOIN who w ON w.id = e.staff_id WHERE e.kind <> 'entry' ORDER BY e.id;

-- what an entry fixed stays fixed (55000), nothing written
SELECT pg_temp.books() AS before \gset
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (22, 'institution', 1, '滨编〔2024〕12号');
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$UPDATE quota.staff SET hiring_id = (SELECT max(id) FROM quota.hiring) WHERE name = '乙'$$) AS link_hiring;
SELECT pg_temp.try($$UPDATE quota.staff SET id = DEFAULT WHERE name = '乙'$$) AS new_id;
SELECT pg_temp.try($$UPDATE quota.staff SET entry_doc = '滨农〔2024〕8号' WHERE name = '乙'$$) AS entry_doc_line_department;
SELECT pg_temp.try($$UPDATE quota.staff SET entered_on = '2024-01-02' WHERE name = '乙'$$) AS entered_on;
SELECT pg_temp.try($$UPDATE quota.staff SET talent_level = 'A' WHERE name = '乙'$$) AS talent_level;
SELECT pg_temp.books() = :'before' AS nothing_written;
-- the name is free
SELECT pg_temp.try($$UPDATE quota.staff SET name = '乙一' WHERE name = '乙'$$) AS rename;
UPDATE who SET name = '乙一' WHERE name = '乙';

-- dates (quota_movement_shape): no entry in the future, no departure before the
-- entry or before the last change on record
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(20), '己', 22, 'institution', current_date + 1, '滨编〔2024〕12号')$$) AS future_entry;
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = '2024-08-01' WHERE name = '乙一'$$) AS left_before_entry;
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = '2024-12-31' WHERE name = '甲'$$) AS left_before_move;
-- a departure changes nothing else (55000)
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = current_date, post = 'staff' WHERE name = '乙一'$$) AS leave_and_change;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- a departure (出编) is recorded with its date, reason and (optional) document
UPDATE quota.staff SET left_on = current_date, left_reason = '调出', change_doc = '滨编〔2024〕12号' WHERE name = '乙一';
SELECT w.name, e.kind, e.org_id, e.post, e.on_date = current_date AS today, e.doc_no, e.reason
  FROM quota.staff_event e JOIN who w ON w.id = e.staff_id WHERE e.kind = 'leave' ORDER BY e.id;
-- a departed row is a record: no edit but its name, no un-leaving, no deletion
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = current_date - 1 WHERE name = '乙一'$$) AS edit_left_on;
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = NULL WHERE name = '乙一'$$) AS unleave;
SELECT pg_temp.try($$UPDATE quota.staff SET left_reason = '辞职' WHERE name = '乙一'$$) AS edit_reason;
SELECT pg_temp.try($$UPDATE quota.staff SET person_id = pg_temp.pid(30) WHERE name = '乙一'$$) AS edit_person;
SELECT pg_temp.try($$DELETE FROM quota.staff WHERE name = '乙一'$$) AS delete_departed;
SELECT pg_temp.try($$DELETE FROM quota.staff WHERE name = '甲'$$) AS delete_active;
SELECT pg_temp.try($$TRUNCATE quota.staff CASCADE$$) AS truncate_roster;
SELECT pg_temp.books() = :'before' AS nothing_written;
SELECT pg_temp.try($$UPDATE quota.staff SET name = '乙二' WHERE name = '乙一'$$) AS rename_departed;
UPDATE who SET name = '乙二' WHERE name = '乙一';

-- the change records are append-only for every role, the owner included
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$UPDATE quota.staff_event SET org_id = 20$$) AS update_event;
SELECT pg_temp.try($$DELETE FROM quota.staff_event$$) AS delete_event;
SELECT pg_temp.try($$TRUNCATE quota.staff_event$$) AS truncate_events;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- a document that authorized a roster change keeps its number and issuer
SELECT pg_temp.try($$UPDATE quota.approval SET issuer_kind = 'line_department' WHERE doc_no = '滨编〔2024〕15号'$$) AS change_document_fixed;

-- who held which post on a past day, and today
SELECT w.name, r.org_id, r.category, r.post FROM quota.roster_at('2024-10-01') r JOIN who w ON w.id = r.staff_id ORDER BY w.name;
SELECT w.name, r.org_id, r.category, r.post FROM quota.roster_at('2024-12-31') r JOIN who w ON w.id = r.staff_id ORDER BY w.name;
SELECT w.name, r.org_id, r.category, r.post FROM quota.roster_at(current_date) r JOIN who w ON w.id = r.staff_id ORDER BY w.name;
SELECT count(*) AS before_any_entry FROM quota.roster_at('2024-08-31');
SELECT pg_temp.try($$SELECT * FROM quota.roster_at(NULL)$$) AS null_date;
-- year-end statistics (统计年报): occupied posts from the records
SELECT org_id, category, approved, borrowed, occupied FROM quota.establishment_at('2024-12-31')
 WHERE org_id IN (22, 24, 30, 31) ORDER BY 1, 2;
-- on today's date the records give exactly the live views
SELECT count(*) AS mismatches
  FROM (SELECT org_id, category, approved, borrowed, occupied FROM quota.establishment_at(current_date)) h
  FULL JOIN (SELECT org_id, category, approved, borrowed, occupied FROM quota.org_status
			  WHERE approved + borrowed + occupied > 0) v USING (org_id, category)
 WHERE (h.approved, h.borrowed, h.occupied) IS DISTINCT FROM (v.approved, v.borrowed, v.occupied);
SELECT count(*) AS roster_mismatches
  FROM (SELECT staff_id, person_id, org_id, category, post FROM quota.roster_at(current_date)) h
  FULL JOIN (SELECT id AS staff_id, upper(person_id) AS person_id, org_id, category, post FROM quota.staff WHERE left_on IS NULL) v
	USING (staff_id, person_id, org_id, category, post)
 WHERE h.staff_id IS NULL OR v.staff_id IS NULL;
SELECT * FROM quota.verify();
