-- Statements of many entries (a COPY, an INSERT ... SELECT) take the seats
-- of all their org accounts with one UPDATE (the accounts locked in
-- ascending order first) and write their person keys without ON CONFLICT,
-- each inside a subtransaction.  When that way does not fit -- no room, a
-- loan at the org, a person already in post or entering twice -- it is
-- rolled back and the statement is checked group by group and row by row,
-- and reports exactly as a statement of one or two rows does: the same
-- rule, the same message, nothing written.
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql
\i test/lib/try.sql
CREATE FUNCTION pg_temp.books() RETURNS text LANGUAGE sql AS $$
	SELECT format('staff %s, events %s, occupied %s, reserved %s',
		(SELECT count(*) FROM quota.staff), (SELECT count(*) FROM quota.staff_event),
		(SELECT string_agg(a.org_id || ':' || a.occupied, ',' ORDER BY a.org_id, a.category) FROM quota.org_account a WHERE a.occupied > 0),
		(SELECT sum(a.reserved) FROM quota.org_account a))
$$;
-- n entries from person `first` on, spread over the orgs of `orgs` in turn
CREATE FUNCTION pg_temp.entries(first integer, n integer, orgs bigint[]) RETURNS text LANGUAGE sql AS $$
	SELECT format($f$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		SELECT pg_temp.pid(g), '人员' || g, (%L::bigint[])[1 + (g - %s) %% %s], 'institution', '2024-09-01', '滨编〔2024〕12号'
		  FROM generate_series(%s, %s) g ORDER BY g$f$, orgs, first, cardinality(orgs), first, first + n - 1)
$$;

-- 100 entries into five institutions: every seat, event and key written
SELECT pg_temp.try(pg_temp.entries(1, 100, '{20,21,22,23,24}'));
SELECT pg_temp.books();
SELECT org_id, count(*) FROM quota.staff GROUP BY org_id ORDER BY org_id;
-- (the person keys: quota.verify() checks one per active roster row)
SELECT count(*) AS problems FROM quota.verify();
SELECT pg_temp.books() AS before \gset

-- a person already in post, among 100 entries and alone: the same error
SELECT pg_temp.try(pg_temp.entries(50, 100, '{20,21}'));
SELECT pg_temp.try(pg_temp.entries(50, 1, '{20}'));
-- a person entering twice in one statement of 100 entries, and of two
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	SELECT pg_temp.pid(CASE WHEN g = 250 THEN 201 ELSE g END), '人员' || g, 20, 'institution', '2024-09-01', '滨编〔2024〕12号'
	  FROM generate_series(201, 300) g ORDER BY g$$);
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	VALUES (pg_temp.pid(201), '人员201', 20, 'institution', '2024-09-01', '滨编〔2024〕12号'),
		   (pg_temp.pid(201), '人员250', 21, 'institution', '2024-09-01', '滨编〔2024〕12号')$$);
-- no room: org 26 has 25 posts; 30 of 120 entries go there, and 26 alone
SELECT pg_temp.try(pg_temp.entries(301, 120, '{20,21,22,26}'));
SELECT pg_temp.try(pg_temp.entries(301, 26, '{26}'));
SELECT pg_temp.books() = :'before' AS nothing_written;

-- a loan at an org: its group takes the seats through quota.occupy (which
-- holds back expired loans), the statement still enters everyone
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on, note)
VALUES ('lend', 'institution', 2, 13, 24, '滨编办〔2024〕21号', current_date + 10, '短期周转');
SELECT pg_temp.try(pg_temp.entries(501, 40, '{20,24}'));
SELECT org_id, count(*) FROM quota.staff GROUP BY org_id ORDER BY org_id;
-- filed staff (备案制) in a statement: group by group
UPDATE quota.org SET headcount_cap = 2000 WHERE id = 20;
SELECT pg_temp.try($$INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
	SELECT pg_temp.pid(g), '人员' || g, 20, CASE WHEN g % 2 = 0 THEN 'filed' ELSE 'institution' END, '2024-09-01', '滨编〔2024〕12号'
	  FROM generate_series(601, 700) g ORDER BY g$$);
SELECT category, count(*) FROM quota.staff WHERE org_id = 20 GROUP BY category ORDER BY category;
SELECT pg_temp.books();
SELECT count(*) AS problems FROM quota.verify();
