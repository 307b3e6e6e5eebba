-- Edge cases of 职责划转 (quota.move_duty).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- a duty moves only under an approval with authority, between active orgs, even with no posts
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (90, 8, '古树名木保护');
SELECT pg_temp.try($$SELECT quota.move_duty(90, 7, '{}', '{}', '滨农〔2024〕8号')$$);
SELECT quota.dissolve_org(26, '滨编〔2024〕15号');
SELECT pg_temp.try($$SELECT quota.move_duty(90, 26, '{}', '{}', '滨编〔2024〕15号')$$);
SELECT pg_temp.try($$SELECT quota.move_duty(90, 7, '{}', '{}', '滨编〔2024〕15号')$$);
SELECT org_id FROM quota.duty WHERE id = 90;

-- the books are consistent
SELECT * FROM quota.verify();
