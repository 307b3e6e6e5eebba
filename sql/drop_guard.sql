-- DROP EXTENSION quota without CASCADE refuses (55000) while the ledger or the
-- roster holds rows; quota.allow_drop() in the same transaction is the
-- deliberate way; it lasts until the end of that (sub)transaction.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
-- empty books: nothing to lose, the drop goes through
DROP EXTENSION quota;
SELECT count(*) AS quota_installed FROM pg_extension WHERE extname = 'quota';
CREATE EXTENSION quota;
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
  ('中央编办发〔2024〕7号', '中央编办', 'central_office', NULL, '2024-01-10', '核增'),
  ('滨编〔2024〕12号', '滨州市编委', 'committee', '3716', '2024-03-01', '核定');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (10, '3716', 'unallocated', 'admin');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (3, '滨州市发展和改革委员会', '3716', 'government_organ');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
VALUES ('issue', 'admin', 100, 10, '中央编办发〔2024〕7号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
VALUES ('allocate', 'admin', 50, 10, 3, '滨编〔2024〕12号', '2024-03-01');
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES ('11010519491231002X', '张三', 3, 'admin', current_date, '滨编〔2024〕12号');
SELECT (SELECT count(*) FROM quota.movement) AS movements, (SELECT count(*) FROM quota.staff) AS staff \gset
-- books in it: refused, with the counts and the way to drop deliberately
DROP EXTENSION quota;
\echo :LAST_ERROR_SQLSTATE
DROP EXTENSION IF EXISTS quota;
\echo :LAST_ERROR_SQLSTATE
-- nothing was dropped
SELECT (SELECT count(*) FROM quota.movement) = :movements AS ledger_intact,
       (SELECT count(*) FROM quota.staff) = :staff AS roster_intact,
       (SELECT count(*) FROM quota.verify()) AS verify_rows;
-- other DROP EXTENSION statements are not the guard's business
DROP EXTENSION IF EXISTS quota_no_such_extension;
-- quota.allow_drop() ends with its transaction: rolled back, or called alone
BEGIN;
SELECT quota.allow_drop();
ROLLBACK;
DROP EXTENSION quota;
\echo :LAST_ERROR_SQLSTATE
SELECT quota.allow_drop();
DROP EXTENSION quota;
\echo :LAST_ERROR_SQLSTATE
-- ... and with a savepoint rolled back to
BEGIN;
SAVEPOINT s;
SELECT quota.allow_drop();
ROLLBACK TO SAVEPOINT s;
DROP EXTENSION quota;
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- a role that does not own the extension is refused by PostgreSQL, not by the guard
CREATE ROLE quota_drop_guard_other;
SET ROLE quota_drop_guard_other;
DROP EXTENSION quota;
\echo :LAST_ERROR_SQLSTATE
SELECT quota.allow_drop();
\echo :LAST_ERROR_SQLSTATE
RESET ROLE;
DROP ROLE quota_drop_guard_other;
-- the deliberate drop: allow_drop() and DROP EXTENSION in one transaction
-- (a released savepoint keeps it)
BEGIN;
SAVEPOINT s;
SELECT quota.allow_drop();
RELEASE SAVEPOINT s;
DROP EXTENSION quota;
COMMIT;
SELECT count(*) AS quota_installed FROM pg_extension WHERE extname = 'quota';
SELECT count(*) AS quota_schema FROM pg_namespace WHERE nspname = 'quota';
-- CASCADE is deliberate too (it also drops the caller's objects that depend on quota)
CREATE EXTENSION quota;
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
  ('中央编办发〔2024〕7号', '中央编办', 'central_office', NULL, '2024-01-10', '核增'),
  ('滨编〔2024〕12号', '滨州市编委', 'committee', '3716', '2024-03-01', '核定');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (10, '3716', 'unallocated', 'admin');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (3, '滨州市发展和改革委员会', '3716', 'government_organ');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
VALUES ('issue', 'admin', 100, 10, '中央编办发〔2024〕7号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
VALUES ('allocate', 'admin', 50, 10, 3, '滨编〔2024〕12号', '2024-03-01');
CREATE VIEW public.my_pools AS SELECT * FROM quota.pool_balance;
DROP EXTENSION quota CASCADE;
SELECT count(*) AS quota_installed FROM pg_extension WHERE extname = 'quota';
CREATE EXTENSION quota;
