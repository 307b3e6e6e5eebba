-- pg_temp.constraint_of(statement): the constraint name a statement's check_violation carries, NULL if none
CREATE FUNCTION pg_temp.constraint_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE c text;
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN check_violation THEN
	GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
	RETURN c;
END $f$;
