-- What a movement's authority check reads about its approval and category
-- (issuer kind, division and date; what the issuer kind may authorize;
-- whether the category crosses jurisdictions only under a central issuer)
-- is cached per backend (src/ledger/doccache.c) and read anew after every
-- change: at the writing session's next statement, inside its transaction
-- too, and again after a rollback.  Each refusal names its rule (23514) and
-- writes nothing.  The change in another session is
-- specs/ledger_authority_reload.spec.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/lib/try.sql
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('3701', '济南市');
INSERT INTO quota.approval VALUES
	('鲁编〔2024〕3号', '山东省机构编制委员会', 'committee', '37', '2024-02-01', '核增、核定'),
	('鲁编〔2024〕5号', '山东省机构编制委员会', 'committee', '37', '2024-02-05', '调剂'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '调剂');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(1, '3716', 'unallocated', 'institution'), (2, '3701', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind, sector) OVERRIDING SYSTEM VALUE VALUES
	(1, '滨州市人民医院', '3716', 'institution', 'hospital'),
	(2, '济南市中心医院', '3701', 'institution', 'hospital');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no) VALUES
	('issue', 'institution', 20, 1, '鲁编〔2024〕3号'), ('issue', 'institution', 20, 2, '鲁编〔2024〕3号');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 10, 1, 1, '鲁编〔2024〕3号'), ('allocate', 'institution', 10, 2, 2, '鲁编〔2024〕3号');
CREATE FUNCTION pg_temp.transfer(doc text, n integer DEFAULT 1) RETURNS text LANGUAGE sql AS $$
	SELECT format($f$INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no)
		VALUES ('transfer', 'institution', %s, 1, 2, %L)$f$, n, doc)
$$;
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT format('movements %s, approved %s', (SELECT count(*) FROM quota.movement),
		(SELECT string_agg(org_id || ':' || approved, ',' ORDER BY org_id) FROM quota.org_account))
$$;

SELECT pg_temp.books() AS before \gset
-- the city's approval does not cover 济南市 (its first use loads the cache);
-- inside a transaction that moves its issuer to the province it does, and
-- after the rollback it does not again
SELECT pg_temp.try(pg_temp.transfer('滨编〔2024〕12号'));
BEGIN;
UPDATE quota.approval SET issuer_division = '37' WHERE doc_no = '滨编〔2024〕12号';
SELECT pg_temp.try(pg_temp.transfer('滨编〔2024〕12号')) AS granted_inside;
ROLLBACK;
SELECT pg_temp.try(pg_temp.transfer('滨编〔2024〕12号')) AS after_rollback;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- the province's approval covers both; revoked (its issuer moved to the
-- city) inside a transaction, the next statement is refused; after the
-- rollback it covers them again
SELECT pg_temp.try(pg_temp.transfer('鲁编〔2024〕5号', 50));
BEGIN;
UPDATE quota.approval SET issuer_division = '3716', issuer = '滨州市机构编制委员会' WHERE doc_no = '鲁编〔2024〕5号';
SELECT pg_temp.try(pg_temp.transfer('鲁编〔2024〕5号')) AS revoked_inside;
ROLLBACK;
SELECT pg_temp.books() = :'before' AS nothing_written;

-- institution posts may cross jurisdictions under any issuer that covers
-- both; marked central_across, they need a central approval -- at the next
-- statement, and again after the change is undone
UPDATE quota.category SET central_across = true WHERE code = 'institution';
SELECT pg_temp.try(pg_temp.transfer('鲁编〔2024〕5号'));
UPDATE quota.category SET central_across = false WHERE code = 'institution';
SELECT pg_temp.books() = :'before' AS nothing_written;
SELECT pg_temp.try(pg_temp.transfer('鲁编〔2024〕5号'));

-- an approval deleted while unused: the next movement naming it finds none
DELETE FROM quota.approval WHERE doc_no = '滨编〔2024〕12号';
SELECT pg_temp.try(pg_temp.transfer('滨编〔2024〕12号'));
SELECT pg_temp.books() AS after, (SELECT count(*) FROM quota.verify()) AS verify_rows;
