-- Edge cases of the ledger: approvals, caps, the audit columns, loans reserved by hiring, and
-- verify() on a loan edited behind the ledger's back.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql

-- ledger: a movement naming no registered approval is quota_authority (the
-- foreign key is deferred so that the rule, not the key, speaks)
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2099〕1号')$$);
-- an approval number is a short text (it is also a hash key of the trigger)
SELECT pg_temp.try($$INSERT INTO quota.approval VALUES (repeat('文', 100), 'x', 'committee', '3716', '2024-01-01', 'x')$$);

-- ledger: a used approval keeps its number and issuer; its title may be corrected
SELECT pg_temp.try($$UPDATE quota.approval SET issuer_kind = 'line_department' WHERE doc_no = '滨编〔2024〕12号'$$);
SELECT pg_temp.try($$UPDATE quota.approval SET title = '关于市直部门机构编制的通知（更正）' WHERE doc_no = '滨编〔2024〕12号'$$);

-- ledger: a control number (控制数) is set only under an approval with authority over it
SELECT pg_temp.try($$INSERT INTO quota.cap VALUES ('37', 'admin', 'subtree', 100000, '滨农〔2024〕8号')$$);
SELECT pg_temp.try($$INSERT INTO quota.cap VALUES ('37', 'admin', 'level', 100000, '滨编〔2024〕12号')$$);

-- ledger: when and by whom a row was recorded is the server's to say
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_at)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号', '2001-01-01')$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_by)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号', 'somebody_else')$$);
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_at, recorded_by)
	VALUES ('allocate', 'institution', 1, 12, 22, '滨编〔2024〕12号', now(), current_user)$$);

-- ledger: a repay may not take borrowed posts that a hiring approval reserved
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES (60, '滨州市应急救援中心', '3716', 'institution', 'other');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 12, 60, '滨编〔2024〕12号');
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (901, 'lend', 'institution', 3, 13, 60, '滨编办〔2024〕21号', current_date + 365);
INSERT INTO quota.hiring (org_id, category, slots, doc_no) VALUES (60, 'institution', 4, '滨编〔2024〕12号');
SELECT pg_temp.try($$INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
	VALUES ('repay', 'institution', 3, 60, 13, '滨编办〔2024〕21号', 901)$$);
SELECT org_id, approved, borrowed, occupied, reserved FROM quota.org_status WHERE org_id = 60;

-- verify() also catches a loan whose terms were edited behind the ledger's back
UPDATE quota.loan SET expires_on = '2099-01-01' WHERE loan_id = 901;
SELECT * FROM quota.verify();
UPDATE quota.loan l SET expires_on = m.expires_on FROM quota.movement m WHERE m.id = l.loan_id AND l.loan_id = 901;

SELECT * FROM quota.verify();
