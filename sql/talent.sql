-- Talent hires (人才) draw a post from the talent pool and return it on leaving.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- a talent hire into a full unit draws one post from the talent pool, returned on leaving
SELECT balance, lent FROM quota.pool_balance WHERE pool_id = 14;
INSERT INTO quota.staff (person_id, name, org_id, category, talent_level, entered_on, entry_doc)
VALUES (pg_temp.pid(900), '高层次人才', 23, 'institution', 'B', current_date, '滨编〔2024〕12号');
SELECT balance, lent FROM quota.pool_balance WHERE pool_id = 14;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 23;
UPDATE quota.staff SET left_on = current_date WHERE person_id = pg_temp.pid(900);
SELECT balance, lent FROM quota.pool_balance WHERE pool_id = 14;
SELECT approved, borrowed, occupied FROM quota.org_status WHERE org_id = 23;

-- the books are consistent
SELECT * FROM quota.verify();
