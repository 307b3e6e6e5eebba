-- test/lib/try.sql: pg_temp.try(stmt) runs a statement and shows what a client reads:
-- ok, or SQLSTATE, constraint name and message (for regress files)
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	cn text;
	msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME, msg = MESSAGE_TEXT;
	RETURN st || ' ' || COALESCE(NULLIF(cn, ''), '-') || ': ' || msg;
END
$$;
