-- Hiring approvals (用编核准): reserved vacancies, required by policy; a turnover loan (借用编制)
-- to the unit they filled, expired and settled.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- hiring approvals (用编核准) reserve vacancies; required when the policy says so
SELECT approved, occupied, reserved, vacancy FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no, issued_on) OVERRIDING SYSTEM VALUE VALUES (1, 26, 'institution', 30, '滨编〔2024〕12号', current_date);
INSERT INTO quota.hiring (id, org_id, category, slots, doc_no, issued_on) OVERRIDING SYSTEM VALUE VALUES (1, 26, 'institution', 20, '滨编〔2024〕12号', current_date);
SELECT approved, occupied, reserved, vacancy FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(700 + i), '水文' || i, 26, 'institution', current_date, '滨编〔2024〕12号' FROM generate_series(1, 6) i;
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(700 + i), '水文' || i, 26, 'institution', current_date, '滨编〔2024〕12号' FROM generate_series(1, 5) i;
UPDATE quota.policy SET value = 'true' WHERE name = 'hiring_approval_required';
-- a vacancy but no hiring approval: quota_hiring
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(730), '推广员', 24, 'institution', current_date, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(720), '水文20', 26, 'institution', current_date, '滨编〔2024〕12号');
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
SELECT pg_temp.pid(720 + i), '水文' || (20 + i), 26, 'institution', 1, current_date, '滨编〔2024〕12号' FROM generate_series(1, 20) i;
SELECT approved, occupied, reserved, vacancy FROM quota.org_status WHERE org_id = 26;
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
VALUES (pg_temp.pid(741), '水文41', 26, 'institution', 1, current_date, '滨编〔2024〕12号');
UPDATE quota.policy SET value = 'false' WHERE name = 'hiring_approval_required';

-- a turnover loan to the county hospital, filled, then expired and settled
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (7000, 'lend', 'institution', 5, 13, 26, '滨编办〔2024〕21号', current_date - 400, current_date - 35);
SELECT approved, borrowed, occupied, reserved FROM quota.org_status WHERE org_id = 26;
-- posts of the expired (not yet settled) loan cannot be used by a new entry
INSERT INTO quota.staff (person_id, name, org_id, category, hiring_id, entered_on, entry_doc)
SELECT pg_temp.pid(1000 + i), '周转' || i, 26, 'institution', NULL, current_date, '滨编〔2024〕12号' FROM generate_series(1, 1) i;
SELECT loan_id, amount, outstanding, state FROM quota.loan_status WHERE loan_id = 7000;
SELECT * FROM quota.settle_loans(current_date);
SELECT loan_id, amount, outstanding, state FROM quota.loan_status WHERE loan_id = 7000;
SELECT rule, subject_kind, subject_id, category FROM quota.violations ORDER BY 1, 3;

-- the books are consistent
SELECT * FROM quota.verify();
