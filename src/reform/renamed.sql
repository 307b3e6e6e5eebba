-- src/reform/renamed.sql: a reform's errors name the rows it created as written, never by a rolled-back id
-- ---------------------------------------------------------------------------
-- A reform function creates rows (quota.split_org its new orgs, merge_orgs
-- and correct_movement a pool when none exists) and then writes through the
-- ledger and roster triggers, whose checks name orgs and pools by id: "org
-- 45 (教育服务中心) has no vacancy ...".  When such a check fails, the whole
-- call is undone and id 45 was never kept, so the clerk could look for it
-- and find nothing.  The function catches the rule error, and
-- quota.raise_renamed raises it again with every such id replaced by what
-- the clerk wrote (the new org "教育服务中心") -- same SQLSTATE, constraint
-- name and table, no CONTEXT (quota.raise_rule).  For a role subject to
-- jurisdiction scopes the text is redacted already and nothing changes.
-- ---------------------------------------------------------------------------

-- renamed: [{"key": "org 45", "name": "教育服务中心", "as": "the new org \"教育服务中心\""}, ...]
-- ("key" is a noun and a number; "name", if given, is the name a check may
-- have written after it in parentheses).  Raises the error again with the
-- texts renamed; returns (and the caller re-raises the error as it was) when
-- no text names a key.
CREATE FUNCTION quota.raise_renamed(renamed jsonb, state text, constraint_name text, schema_name text,
									table_name text, message text, detail text, hint text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	texts text[] := ARRAY[message, detail, hint];
	t text;
	changed boolean := false;
BEGIN
	FOR r IN SELECT e ->> 'key' AS k, e ->> 'name' AS n, e ->> 'as' AS a
			   FROM jsonb_array_elements(COALESCE(renamed, '[]')) e
			  WHERE e ->> 'key' ~ '^[a-z]+ [0-9]+$' AND e ->> 'as' IS NOT NULL LOOP
		FOR i IN 1 .. 3 LOOP
			t := texts[i];
			IF t IS NULL OR t = '' THEN
				CONTINUE;
			END IF;
			IF r.n IS NOT NULL THEN
				t := replace(t, r.k || ' (' || r.n || ')', r.a);
				t := replace(t, initcap(r.k) || ' (' || r.n || ')', upper(left(r.a, 1)) || substr(r.a, 2));
			END IF;
			-- a word, not a prefix of a longer number ("org 45" is not "org 451")
			t := regexp_replace(t, '\m' || r.k || '\M', replace(r.a, '\', '\\'), 'g');
			t := regexp_replace(t, '\m' || initcap(r.k) || '\M', replace(upper(left(r.a, 1)) || substr(r.a, 2), '\', '\\'), 'g');
			IF t IS DISTINCT FROM texts[i] THEN
				changed := true;
				texts[i] := t;
			END IF;
		END LOOP;
	END LOOP;
	IF NOT changed THEN
		RETURN;
	END IF;
	IF state = '23514' AND EXISTS (SELECT 1 FROM quota.rules() q WHERE q.name = constraint_name) THEN
		PERFORM quota.raise_rule(constraint_name, NULLIF(table_name, ''), texts[1], NULLIF(texts[2], ''), NULLIF(texts[3], ''));
	END IF;
	-- another constraint of a table (a CHECK): the same fields, renamed
	RAISE EXCEPTION USING ERRCODE = state, MESSAGE = texts[1], DETAIL = COALESCE(texts[2], ''),
		HINT = COALESCE(texts[3], ''), CONSTRAINT = COALESCE(constraint_name, ''), SCHEMA = COALESCE(schema_name, ''),
		TABLE = COALESCE(table_name, '');
END
$$;
COMMENT ON FUNCTION quota.raise_renamed(jsonb, text, text, text, text, text, text, text) IS 'internal: raises a caught error again with the ids of rows the failed call created (and rolled back) replaced by what the clerk wrote; returns when the error names none';
-- (like quota.raise_rule it only raises an error its caller could raise itself, so it
-- keeps PUBLIC's EXECUTE: quota.correct_movement runs as its caller)
