-- The rules data an entry reads (quota.category_use, quota.authority, policy
-- hiring_approval_required) is cached per backend (src/roster/refcache.c)
-- and read anew after every change: at the writing session's next
-- statement, inside its transaction too, and again after a rollback.  Each
-- refusal names its rule (23514) and writes nothing.  The change in another
-- session is specs/roster_rules_reload.spec.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT format('staff %s, events %s, occupied %s',
		(SELECT count(*) FROM quota.staff), (SELECT count(*) FROM quota.staff_event),
		(SELECT string_agg(a.org_id || ':' || a.occupied, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a WHERE a.occupied > 0))
$$;
-- one hire into org (institution posts unless said), as a statement for pg_temp.try
CREATE FUNCTION pg_temp.hire(n integer, org bigint, cat text DEFAULT 'institution') RETURNS text LANGUAGE sql AS $$
	SELECT format($f$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES (%L, %L, %s, %L, '2024-09-01', '滨编〔2024〕12号')$f$, pg_temp.pid(n), '人员' || n, org, cat)
$$;

-- a hire loads the cache; the school (org 22) takes institution posts
SELECT pg_temp.try(pg_temp.hire(1, 22));
SELECT pg_temp.books() AS before \gset
-- the government office (org 2) may not hold institution posts ...
SELECT pg_temp.try(pg_temp.hire(2, 2));
-- ... until the matrix allows it: the next statement reads the new pair (then
-- the office has no institution posts), and after the pair is gone again,
-- the mismatch is back
INSERT INTO quota.category_use (category, org_kind) VALUES ('institution', 'government_organ');
SELECT pg_temp.try(pg_temp.hire(2, 2));
DELETE FROM quota.category_use WHERE category = 'institution' AND org_kind = 'government_organ';
SELECT pg_temp.try(pg_temp.hire(2, 2));
-- inside one transaction, and after its rollback
BEGIN;
INSERT INTO quota.category_use (category, org_kind) VALUES ('institution', 'government_organ');
SELECT pg_temp.try(pg_temp.hire(2, 2));
ROLLBACK;
SELECT pg_temp.try(pg_temp.hire(2, 2));
SELECT pg_temp.books() = :'before' AS nothing_written;

-- policy hiring_approval_required: on, every entry needs a hiring approval;
-- inside a transaction that rolls back, then for good, then off again
BEGIN;
UPDATE quota.policy SET value = 'true' WHERE name = 'hiring_approval_required';
SELECT pg_temp.try(pg_temp.hire(3, 22));
ROLLBACK;
SELECT pg_temp.try(pg_temp.hire(3, 22));
UPDATE quota.policy SET value = 'true' WHERE name = 'hiring_approval_required';
SELECT pg_temp.try(pg_temp.hire(4, 22));
UPDATE quota.policy SET value = 'false' WHERE name = 'hiring_approval_required';
SELECT pg_temp.try(pg_temp.hire(4, 22));

-- an issuer kind added at run time: what it may authorize is read when its
-- first approval is used (a line department authorizes no entry)
INSERT INTO quota.authority (issuer_kind, name, central, may_authorize, description)
	VALUES ('test_department', '测试部门', false, false, 'a line department');
INSERT INTO quota.approval (doc_no, issuer, issuer_kind, issuer_division, issued_on, title)
	VALUES ('滨测〔2024〕1号', '滨州市测试部门', 'test_department', '3716', '2024-08-01', '关于入编的通知');
SELECT pg_temp.books() AS before \gset
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(5), '人员5', 22, 'institution', '2024-09-01', '滨测〔2024〕1号')$$);
SELECT pg_temp.books() = :'before' AS nothing_written;
SELECT count(*) AS problems FROM quota.verify();
