-- Leadership posts (领导职数) and ranks (规格) on the roster.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- leadership posts (领导职数) and ranks (规格)
INSERT INTO quota.leadership VALUES (24, 'chief', 1, '滨编〔2024〕12号'), (24, 'deputy', 2, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(600), '赵主任', 24, 'institution', 'chief', '正科', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(601), '钱主任', 24, 'institution', 'chief', '正科', '2024-09-01', '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, post, post_rank, entered_on, entry_doc)
VALUES (pg_temp.pid(602), '孙副主任', 24, 'institution', 'deputy', '正处', '2024-09-01', '滨编〔2024〕12号');
SELECT org_id, leaders_approved, leaders_filled FROM quota.org_status WHERE org_id = 24;

-- the books are consistent
SELECT * FROM quota.verify();
