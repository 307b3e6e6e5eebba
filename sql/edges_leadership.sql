-- Edge cases of 领导职数 (leadership posts): promotions, cuts, enforce standards on leaders.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

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

SELECT quota.install_standard_library() > 0 AS library_loaded;
-- enforce standards bound a rise; a cut, or a change of document only, is always allowed
INSERT INTO quota.leadership (org_id, post, approved, doc_no) VALUES (24, 'deputy', 5, '滨编〔2024〕12号');
SELECT quota.standard_range(24, 'leaders') AS leaders_range, leaders_approved FROM quota.org_status WHERE org_id = 24;
UPDATE quota.standard SET mode = 'enforce' WHERE code = 'cn_leaders_other';
SELECT pg_temp.try($$UPDATE quota.leadership SET approved = 4 WHERE org_id = 24 AND post = 'deputy'$$);
SELECT pg_temp.try($$UPDATE quota.leadership SET doc_no = '滨编〔2024〕15号' WHERE org_id = 24 AND post = 'deputy'$$);
SELECT pg_temp.try($$UPDATE quota.leadership SET approved = 5 WHERE org_id = 24 AND post = 'deputy'$$);
SELECT leaders_approved FROM quota.org_status WHERE org_id = 24;

-- the books are consistent
SELECT * FROM quota.verify();
