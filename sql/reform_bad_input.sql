-- Bad arguments of the reform functions are 22023 and write nothing (found by
-- tools/random-ops.py): a jsonb amount of 2^31 or more (was 22003 from a cast),
-- and a NULL inside a person list (was silently ignored by quota.move_duty;
-- quota.transfer refuses it too).  
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\set ECHO none
\i demo/01_binzhou.sql
\i demo/02_activity.sql
\set ECHO all
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ': ' || msg;
END
$$;
CREATE TEMP VIEW books AS
	SELECT 'org' AS k, org_id AS id, category, approved, occupied FROM quota.org_status WHERE org_id IN (7, 8, 9)
	UNION ALL SELECT 'staff', org_id, category, count(*), NULL FROM quota.staff WHERE left_on IS NULL AND org_id IN (7, 8, 9) GROUP BY 2, 3
	UNION ALL SELECT 'duty', org_id, name, id, NULL FROM quota.duty
	ORDER BY 1, 2, 3;
SELECT * FROM books;
SELECT pg_temp.try($$SELECT quota.move_duty(1, 9, '{"admin": 3000000000}', '{}', '滨编〔2024〕15号')$$) AS duty_huge;
SELECT pg_temp.try($$SELECT quota.move_duty(1, 9, '{"admin": 2147483648}', '{}', '滨编〔2024〕15号')$$) AS duty_2_31;
SELECT pg_temp.try($$SELECT quota.move_duty(1, 9, '{"admin": 2}', ARRAY[2, NULL]::bigint[], '滨编〔2024〕15号')$$) AS duty_null_person;
SELECT pg_temp.try($$SELECT quota.merge_orgs(ARRAY[9]::bigint[], 8, '滨编〔2024〕15号', '{"admin": 10000000000}')$$) AS merge_huge;
SELECT pg_temp.try($$SELECT quota.transfer(8, 9, 'admin', 2, '滨编〔2024〕15号', ARRAY[2, NULL]::bigint[])$$) AS transfer_null_person;
SELECT pg_temp.try($$SELECT quota.transfer(8, 9, 'admin', 1, '滨编〔2024〕15号', ARRAY[NULL]::bigint[])$$) AS transfer_only_null;
SELECT * FROM books;
-- the same calls with good arguments go through
SELECT pg_temp.try($$SELECT quota.transfer(8, 9, 'admin', 1, '滨编〔2024〕15号', ARRAY[2]::bigint[])$$) AS transfer_person;
SELECT pg_temp.try($$SELECT quota.move_duty(1, 9, '{"admin": 1}', ARRAY[3]::bigint[], '滨编〔2024〕15号')$$) AS duty_person;
SELECT * FROM books;
SELECT * FROM quota.verify();
