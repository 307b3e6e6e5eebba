-- Rule errors read as the clerk's answer: SQLSTATE 23514, the rule's
-- constraint name, an English message, a detail with the figures and a
-- hint -- and no CONTEXT of the extension's internal SQL or PL/pgSQL frames,
-- neither in what psql (or JDBC's getMessage()) prints nor in what a handler
-- reads (GET STACKED DIAGNOSTICS ... PG_EXCEPTION_CONTEXT), whether the
-- rule is raised by a C check, a PL/pgSQL check through quota.raise_rule,
-- deep inside quota.transfer, or by a check that RAISEs it itself.
\set VERBOSITY default
\set SHOW_CONTEXT always
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\i test/fixtures/binzhou.sql
\i test/fixtures/people.sql

-- the roster: 超编 at the junior middle school (95 posts), one too many
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT pg_temp.pid(i), '教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号'
FROM generate_series(1, 96) i;
-- an unknown org
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
VALUES (pg_temp.pid(1), '甲', 999999, 'institution', '2024-09-01', '滨编〔2024〕12号');
-- the ledger, from inside a function: quota.transfer of more posts than are vacant
SELECT quota.transfer(22, 24, 'institution', 1000, '滨编〔2024〕12号');
-- a check that raises the rule itself (a control number below what is held)
INSERT INTO quota.cap VALUES ('3716', 'admin', 'subtree', 10, '中央编办发〔2024〕7号');

-- a handler sees the same: the rule's name and message, no context
DO $$
DECLARE
	st text;
	cn text;
	ctx text;
BEGIN
	BEGIN
		INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		SELECT pg_temp.pid(i), '教师' || i, 23, 'institution', '2024-09-01', '滨编〔2024〕12号'
		FROM generate_series(1, 96) i;
	EXCEPTION WHEN check_violation THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, ctx = PG_EXCEPTION_CONTEXT;
		RAISE WARNING 'caught % %, context: "%"', st, cn, ctx;
	END;
END
$$;
-- (errors that are not rule errors keep their context: a bug shows where it is)
SELECT quota.roster_at(NULL);
SELECT count(*) AS staff FROM quota.staff;
