-- 人员总量: headcount caps over 编制内 and filed (备案) staff.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- 人员总量: a headcount-cap hospital takes 编制内 + filed staff up to its cap
UPDATE quota.org SET headcount_cap = 30 WHERE id = 30;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(800 + i), '惠民医生' || i, 30, 'institution', '2024-09-01', '惠编〔2024〕4号' FROM generate_series(1, 20) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(830 + i), '备案护士' || i, 30, 'filed', '2024-09-01', '惠编〔2024〕4号' FROM generate_series(1, 10) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(841), '备案护士11', 30, 'filed', '2024-09-01', '惠编〔2024〕4号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(842), '备案人员', 31, 'filed', '2024-09-01', '惠编〔2024〕4号');
SELECT * FROM quota.headcount_status;

-- the books are consistent
SELECT * FROM quota.verify();
