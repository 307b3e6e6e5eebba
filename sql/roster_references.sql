-- The roster's references without row-level foreign keys: every org,
-- category, document and rank a roster row names exists, checked by the
-- statement triggers at the statement (never a raw 23503, never at COMMIT):
-- an unknown document is quota_authority, an unknown org quota_org_inactive,
-- an unknown category quota_category_mismatch, an unknown hiring approval
-- quota_hiring, an unknown rank the column's CHECK; a failed statement
-- writes nothing.  What the roster names is not deleted (55000), and
-- quota.verify() checks the references of every row.
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
	SELECT format('staff %s, events %s, occupied %s',
		(SELECT count(*) FROM quota.staff), (SELECT count(*) FROM quota.staff_event),
		(SELECT string_agg(a.org_id || ':' || a.occupied, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a))
$$;

SELECT conname FROM pg_constraint WHERE conrelid = 'quota.staff'::regclass AND contype = 'f';
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(1), '甲', 22, 'institution', '2024-09-01', '滨编〔2024〕12号');
SELECT pg_temp.books() AS before \gset

-- entries: one bad row among good ones refuses the whole statement, at the statement
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(2), '乙', 22, 'institution', '2024-09-01', '滨编〔2024〕12号'),
	(pg_temp.pid(3), '丙', 22, 'institution', '2024-09-01', '滨编〔2099〕1号')$$) AS unknown_entry_doc;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, left_on, left_reason) VALUES
	(pg_temp.pid(4), '丁', 22, 'institution', '2023-09-01', '滨编〔2099〕1号', '2024-01-31', '调出')$$) AS history_unknown_doc;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, left_on, change_doc) VALUES
	(pg_temp.pid(4), '丁', 22, 'institution', '2023-09-01', '滨编〔2024〕12号', '2024-01-31', '滨编〔2099〕2号')$$) AS history_unknown_change_doc;
-- (an org or hiring approval that does not exist is the owner's view: a role
-- under jurisdiction scopes is refused with 42501 first, since no scope
-- covers it -- DESIGN.md §10; SET ROLE NONE keeps the owner's session for them)
SET ROLE NONE;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(2), '乙', 22, 'institution', '2024-09-01', '滨编〔2024〕12号'),
	(pg_temp.pid(3), '丙', 999999, 'institution', '2024-09-01', '滨编〔2024〕12号')$$) AS unknown_org;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(3), '丙', 22, 'no_such_category', '2024-09-01', '滨编〔2024〕12号')$$) AS unknown_category;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, hiring_id) VALUES
	(pg_temp.pid(3), '丙', 22, 'institution', '2024-09-01', '滨编〔2024〕12号', 999999)$$) AS unknown_hiring;
RESET ROLE;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, post, post_rank) VALUES
	(pg_temp.pid(3), '丙', 22, 'institution', '2024-09-01', '滨编〔2024〕12号', 'deputy', '副巡视员')$$) AS unknown_rank;
-- rule order (DESIGN.md §8): a future date (quota_movement_shape) before an
-- unknown document (quota_authority) before an unknown org (quota_org_inactive)
SET ROLE NONE;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(3), '丙', 999999, 'institution', '2024-09-01', '滨编〔2099〕1号'),
	(pg_temp.pid(5), '戊', 999999, 'no_such_category', current_date + 1, '滨编〔2024〕12号')$$) AS shape_first;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(3), '丙', 999999, 'no_such_category', '2024-09-01', '滨编〔2099〕1号')$$) AS authority_first;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES
	(pg_temp.pid(3), '丙', 999999, 'no_such_category', '2024-09-01', '滨编〔2024〕12号')$$) AS org_before_category;
RESET ROLE;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- changes: a move to an unknown org or category, a departure or move under an unknown document
SET ROLE NONE;
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 999999, change_doc = '滨编〔2024〕12号' WHERE name = '甲'$$) AS move_unknown_org;
RESET ROLE;
SELECT pg_temp.try($$UPDATE quota.staff SET category = 'no_such_category', change_doc = '滨编〔2024〕12号' WHERE name = '甲'$$) AS move_unknown_category;
SELECT pg_temp.try($$UPDATE quota.staff SET org_id = 24, change_doc = '滨编〔2099〕1号' WHERE name = '甲'$$) AS move_unknown_doc;
SELECT pg_temp.try($$UPDATE quota.staff SET left_on = current_date, left_reason = '调出', change_doc = '滨编〔2099〕1号' WHERE name = '甲'$$) AS leave_unknown_doc;
SELECT pg_temp.try($$UPDATE quota.staff SET post = 'deputy', post_rank = '副巡视员', change_doc = '滨编〔2024〕12号' WHERE name = '甲'$$) AS unknown_rank;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- what the roster names is kept: the org (even one that holds nothing else),
-- the category, the document, the rank
INSERT INTO quota.org (name, division, kind, headcount_cap) VALUES ('滨州市新设中心', '3716', 'institution', 5) RETURNING id AS new_org \gset
INSERT INTO quota.category (code, name) VALUES ('pilot', '试点编制');
INSERT INTO quota.approval VALUES ('滨编〔2024〕30号', '滨州市机构编制委员会', 'committee', '3716', '2024-05-01', '入编');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, left_on, left_reason) VALUES
	(pg_temp.pid(6), '己', :new_org, 'pilot', '2023-09-01', '滨编〔2024〕30号', '2024-01-31', '退休');
SELECT pg_temp.try(format('DELETE FROM quota.org WHERE id = %s', :new_org)) AS delete_org;
SELECT pg_temp.try($$DELETE FROM quota.category WHERE code = 'pilot'$$) AS delete_category;
SELECT pg_temp.try($$DELETE FROM quota.approval WHERE doc_no = '滨编〔2024〕30号'$$) AS delete_document;
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (22, 'deputy', 2, '滨编〔2024〕12号');
UPDATE quota.staff SET post = 'deputy', post_rank = '副科', change_doc = '滨编〔2024〕12号' WHERE name = '甲';
SELECT count(*) AS orgs_ranked_副科 FROM quota.org WHERE rank = '副科';
-- (55000 either way: the reference data's own guard or quota.roster_kept, whichever fires first)
SELECT left(pg_temp.try($$DELETE FROM quota.rank WHERE code = '副科'$$), 5) AS delete_rank;
SELECT left(pg_temp.try($$UPDATE quota.rank SET code = '副科级' WHERE code = '副科'$$), 5) AS rename_rank;
SELECT pg_temp.try($$UPDATE quota.rank SET name = 'deputy section (renamed)' WHERE code = '副科'$$) AS rank_name_free;
-- once nobody holds it, it may go
UPDATE quota.staff SET post = 'staff', post_rank = NULL, change_doc = '滨编〔2024〕15号' WHERE name = '甲';
SELECT pg_temp.try($$DELETE FROM quota.rank WHERE code = '副科'$$) AS delete_unused_rank;

-- verify() finds a reference broken behind the triggers' back
SELECT * FROM quota.verify();
SET ROLE NONE;
SET session_replication_role = replica;
UPDATE quota.staff SET category = 'pilot_gone' WHERE name = '己';
SET session_replication_role = origin;
RESET ROLE;
SELECT check_name, subject, expected, actual FROM quota.verify() WHERE check_name = 'staff_reference';
