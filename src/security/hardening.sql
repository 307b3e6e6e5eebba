-- src/security/hardening.sql: owner-run trigger bodies, nothing executable by PUBLIC that writes, invoker views
-- ---------------------------------------------------------------------------
-- The last part: it applies to every function, trigger and view the parts
-- before it created.
-- ---------------------------------------------------------------------------

-- Trigger bodies are the extension's checks: they read and write the
-- internal accounts, which no user role may touch, so each runs as the
-- owner.  (The C triggers switch to the owner around their own queries.)
-- EXECUTE on them is revoked from PUBLIC below, so nobody can attach one
-- to a table of their own.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT DISTINCT p.oid::pg_catalog.regprocedure
		  FROM pg_catalog.pg_trigger t
		  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
		  JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) t.tgfoid
		  JOIN pg_catalog.pg_language l ON l.oid OPERATOR(pg_catalog.=) p.prolang
		 WHERE c.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
		   AND p.pronamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
		   AND NOT t.tgisinternal AND NOT p.prosecdef
		   AND l.lanname OPERATOR(pg_catalog.<>) 'c'
	LOOP
		EXECUTE pg_catalog.format('ALTER FUNCTION %s SECURITY DEFINER', f);
	END LOOP;
END
$$;

-- The dashboards' views read with the privileges and the jurisdiction scope
-- of whoever queries them (DESIGN.md §10), never the owner's.
DO $$
DECLARE
	v regclass;
BEGIN
	FOR v IN SELECT c.oid::pg_catalog.regclass FROM pg_catalog.pg_class c
			  WHERE c.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
				AND c.relkind OPERATOR(pg_catalog.=) 'v'
	LOOP
		EXECUTE pg_catalog.format('ALTER VIEW %s SET (security_invoker = true)', v);
	END LOOP;
END
$$;

-- PUBLIC executes no function that writes and no owner-run function:
-- every trigger function and every SECURITY DEFINER function of quota, and
-- the functions of DESIGN.md §6 that write, are revoked from PUBLIC
-- (quota.setup_roles() grants them to the role that may use them).
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid::pg_catalog.regprocedure
		  FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
		   AND (p.prosecdef OR p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::pg_catalog.regtype
				OR p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.event_trigger'::pg_catalog.regtype
				OR p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['transfer', 'move_duty', 'merge_orgs', 'settle_loans',
					'install_standard_library', 'dissolve_org', 'split_org', 'correct_movement', 'internal_movement',
					'verify', 'release_hiring', 'release_seat', 'occupy', 'try_occupy', 'lead', 'talent_draw_for',
					'authority_check', 'internal_units_check']::name[]))
	LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
	END LOOP;
END
$$;
