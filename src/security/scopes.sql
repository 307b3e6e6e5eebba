-- src/security/scopes.sql: jurisdiction scopes: quota.scope, row-level security, the caller's scope in owner-run functions
-- ---------------------------------------------------------------------------
-- Jurisdiction scopes (DESIGN.md §10).  A role reads and writes only rows
-- whose jurisdiction lies in the union of the subtrees of its scope rows
-- (and of the scope rows of every role it is a member of).  Fail-closed: a
-- role without scope rows sees nothing.  The owner of the tables and
-- BYPASSRLS roles are not subject to scopes.  Row-level security is turned
-- on by quota.enable_scopes(), never by the install script (CRAFT.md B.4.7):
-- its policies are then dumped and restored with the data.
-- ---------------------------------------------------------------------------

CREATE TABLE quota.scope (
	role name NOT NULL,
	division quota.division NOT NULL,
	PRIMARY KEY (role, division)
);
COMMENT ON TABLE quota.scope IS 'jurisdiction scopes: a role (and every member of it) reads and writes only rows in the subtrees of its divisions, once quota.enable_scopes() has run';
COMMENT ON COLUMN quota.scope.role IS 'a role name; the scope applies to the role and to every role that is a member of it';
COMMENT ON COLUMN quota.scope.division IS 'a jurisdiction: the role''s scope covers its whole subtree';
REVOKE ALL ON quota.scope FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('quota.scope', '');

-- the divisions of the current user's scope (under the row-level security of
-- quota.scope: only rows of roles the current user is a member of)
CREATE FUNCTION quota.scope_divisions() RETURNS quota.division[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.array_agg(s.division) FROM quota.scope s
$$;
COMMENT ON FUNCTION quota.scope_divisions() IS 'the divisions whose subtrees the current user may read and write (its scope rows and those of its groups); NULL for none';

-- is role r subject to scopes: scopes enabled, not a superuser, not BYPASSRLS,
-- not (a member of) the owner of the tables
CREATE FUNCTION quota.scoped(r name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT COALESCE(c.relrowsecurity AND NOT (a.rolsuper OR a.rolbypassrls
				OR pg_catalog.pg_has_role(a.oid, c.relowner, 'USAGE')), false)
	  FROM pg_catalog.pg_class c, pg_catalog.pg_roles a
	 WHERE c.oid OPERATOR(pg_catalog.=) 'quota.org'::pg_catalog.regclass
	   AND a.rolname OPERATOR(pg_catalog.=) r
$$;
COMMENT ON FUNCTION quota.scoped(name) IS 'internal: whether role r is subject to jurisdiction scopes (scopes enabled, and r is neither a superuser, nor BYPASSRLS, nor the owner)';

-- the divisions of role r's scope, read as the owner (in owner-run functions)
CREATE FUNCTION quota.scope_divisions_of(r name) RETURNS quota.division[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.array_agg(s.division) FROM quota.scope s
	 WHERE pg_catalog.pg_has_role(r, pg_catalog.to_regrole(pg_catalog.quote_ident(s.role))::pg_catalog.oid, 'MEMBER')
$$;
COMMENT ON FUNCTION quota.scope_divisions_of(name) IS 'internal: the divisions of role r''s scope (its rows and its groups''), read as the owner';

-- may the role that called an owner-run function touch the org?
CREATE FUNCTION quota.actor_sees_org(o bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT NOT quota.scoped(quota.actor())
		OR COALESCE((SELECT org.division OPERATOR(pg_catalog.<@) ANY (quota.scope_divisions_of(quota.actor()))
					   FROM quota.org WHERE org.id OPERATOR(pg_catalog.=) o), false)
$$;
COMMENT ON FUNCTION quota.actor_sees_org(bigint) IS 'internal: whether the org lies in the scope of quota.actor() (always true for roles not subject to scopes)';

-- Owner-run functions apply the caller's scope first: every org they touch
-- must lie in it, else 42501 before anything is read or written.  They also
-- refuse to run while a trigger that is not the extension's sits on a quota
-- table: it would run as the owner.
CREATE FUNCTION quota.scope_require(orgs bigint[], what text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	me name := quota.actor();
	foreign_trigger text;
BEGIN
	SELECT ft.trigger_name OPERATOR(pg_catalog.||) ' on ' OPERATOR(pg_catalog.||) ft.table_name INTO foreign_trigger
	  FROM quota.foreign_triggers() ft LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'quota refuses to run % while a foreign trigger is on its tables', what
			USING ERRCODE = '55000',
				  DETAIL = pg_catalog.format('Trigger %s is not the extension''s; it would run as the owner of quota.', foreign_trigger),
				  HINT = 'The owner drops it (quota.verify() lists it as trigger_foreign).';
	END IF;
	IF NOT quota.scoped(me) THEN
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.unnest(orgs) x WHERE NOT quota.actor_sees_org(x)) THEN
		RAISE EXCEPTION 'permission denied: % touches an org outside the jurisdiction scope of role %', what, me
			USING ERRCODE = '42501',
				  DETAIL = 'Every org, pool and person a statement touches must lie in the role''s scope (quota.scope).',
				  HINT = 'Ask the staffing office that owns the database for a wider scope, or let a role whose scope covers both ends do it.';
	END IF;
END
$$;
COMMENT ON FUNCTION quota.scope_require(bigint[], text) IS 'internal: raises 42501 unless every org lies in the scope of quota.actor(), and 55000 while a foreign trigger is on a quota table';

-- triggers on quota tables that are not the extension's (their function is
-- not a member of the extension): they would fire inside owner-run paths
CREATE FUNCTION quota.foreign_triggers() RETURNS TABLE (table_name text, trigger_name name, function_name text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT t.tgrelid::pg_catalog.regclass::text, t.tgname, t.tgfoid::pg_catalog.regprocedure::text
	  FROM pg_catalog.pg_trigger t
	  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
	 WHERE c.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
	   AND NOT t.tgisinternal
	   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
						WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
						  AND d.objid OPERATOR(pg_catalog.=) t.tgfoid
						  AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
						  AND d.refobjid OPERATOR(pg_catalog.=) (SELECT e.oid FROM pg_catalog.pg_extension e
																 WHERE e.extname OPERATOR(pg_catalog.=) 'quota')
						  AND d.deptype OPERATOR(pg_catalog.=) 'e')
	 ORDER BY 1, 2
$$;
COMMENT ON FUNCTION quota.foreign_triggers() IS 'triggers on quota tables whose function is not the extension''s: they would run as the owner inside its checks';

-- one policy (or one per command) on a table, created when missing
CREATE FUNCTION quota.scope_policy(tbl text, name text, cmd text, using_expr text, check_expr text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) tbl) IS NULL THEN
		RETURN;
	END IF;
	EXECUTE pg_catalog.format('ALTER TABLE quota.%I ENABLE ROW LEVEL SECURITY', tbl);
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_policy p
				WHERE p.polrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) tbl)
				  AND p.polname OPERATOR(pg_catalog.=) name) THEN
		RETURN;
	END IF;
	EXECUTE pg_catalog.format('CREATE POLICY %I ON quota.%I FOR %s%s%s', name, tbl, cmd,
		CASE WHEN using_expr IS NULL THEN '' ELSE pg_catalog.format(' USING (%s)', pg_catalog.replace(using_expr, '$t', tbl)) END,
		CASE WHEN check_expr IS NULL THEN '' ELSE pg_catalog.format(' WITH CHECK (%s)', pg_catalog.replace(check_expr, '$t', tbl)) END);
END
$$;
COMMENT ON FUNCTION quota.scope_policy(text, text, text, text, text) IS 'internal: enables row-level security on a quota table and creates one scope policy when missing';
REVOKE ALL ON FUNCTION quota.scope_policy(text, text, text, text, text) FROM PUBLIC;

CREATE FUNCTION quota.enable_scopes() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	in_scope constant text := '%s OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])';
	org_ok constant text := 'EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) %s)';
	pool_ok constant text := 'EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) %s)';
	t text;
BEGIN
	-- a role sees the scope rows of itself and of the roles it is a member of
	PERFORM quota.scope_policy('scope', 'scope_member', 'SELECT',
		'pg_catalog.pg_has_role(CURRENT_USER, pg_catalog.to_regrole(pg_catalog.quote_ident(scope.role))::pg_catalog.oid, ''MEMBER'')', NULL);
	-- jurisdictions, orgs, pools, caps and their accounts: by division
	FOREACH t IN ARRAY ARRAY['jurisdiction', 'org', 'pool', 'cap', 'jurisdiction_account'] LOOP
		PERFORM quota.scope_policy(t, 'scope', 'ALL', pg_catalog.format(in_scope, '$t.division'), pg_catalog.format(in_scope, '$t.division'));
	END LOOP;
	-- approvals: central ones and those issued at or above the scope are
	-- readable; approvals are written only inside it
	PERFORM quota.scope_policy('approval', 'scope_read', 'SELECT',
		'approval.issuer_division IS NULL OR ' OPERATOR(pg_catalog.||) pg_catalog.format(in_scope, 'approval.issuer_division')
		OPERATOR(pg_catalog.||) ' OR approval.issuer_division OPERATOR(pg_catalog.@>) ANY ((SELECT quota.scope_divisions())::quota.division[])', NULL);
	PERFORM quota.scope_policy('approval', 'scope_insert', 'INSERT', NULL, pg_catalog.format(in_scope, 'approval.issuer_division'));
	PERFORM quota.scope_policy('approval', 'scope_update', 'UPDATE', pg_catalog.format(in_scope, 'approval.issuer_division'),
		pg_catalog.format(in_scope, 'approval.issuer_division'));
	PERFORM quota.scope_policy('approval', 'scope_delete', 'DELETE', pg_catalog.format(in_scope, 'approval.issuer_division'), NULL);
	-- everything that belongs to an org: by the org (under the org's own policy)
	FOREACH t IN ARRAY ARRAY['hiring', 'leadership', 'internal_unit', 'duty', 'org_metric', 'org_account',
							 'leader_account', 'reform_excess', 'staff_event', 'evaluation'] LOOP
		PERFORM quota.scope_policy(t, 'scope', 'ALL', pg_catalog.format(org_ok, '$t.org_id'), pg_catalog.format(org_ok, '$t.org_id'));
	END LOOP;
	-- people: their org, and the hiring approval they fill
	PERFORM quota.scope_policy('staff', 'scope', 'ALL', pg_catalog.format(org_ok, 'staff.org_id'),
		pg_catalog.format(org_ok, 'staff.org_id') OPERATOR(pg_catalog.||)
		' AND (staff.hiring_id IS NULL OR EXISTS (SELECT 1 FROM quota.hiring h WHERE h.id OPERATOR(pg_catalog.=) staff.hiring_id))');
	PERFORM quota.scope_policy('pool_account', 'scope', 'ALL', pg_catalog.format(pool_ok, 'pool_account.pool_id'), NULL);
	PERFORM quota.scope_policy('loan', 'scope', 'ALL',
		pg_catalog.format(org_ok, 'loan.org_id') OPERATOR(pg_catalog.||) ' OR ' OPERATOR(pg_catalog.||) pg_catalog.format(pool_ok, 'loan.pool_id'), NULL);
	-- the ledger: a movement is readable when any end is in scope, written only when all are
	PERFORM quota.scope_policy('movement', 'scope_read', 'SELECT',
		'(movement.from_org IS NOT NULL AND ' OPERATOR(pg_catalog.||) pg_catalog.format(org_ok, 'movement.from_org') OPERATOR(pg_catalog.||) ')'
		' OR (movement.to_org IS NOT NULL AND ' OPERATOR(pg_catalog.||) pg_catalog.format(org_ok, 'movement.to_org') OPERATOR(pg_catalog.||) ')'
		' OR (movement.from_pool IS NOT NULL AND ' OPERATOR(pg_catalog.||) pg_catalog.format(pool_ok, 'movement.from_pool') OPERATOR(pg_catalog.||) ')'
		' OR (movement.to_pool IS NOT NULL AND ' OPERATOR(pg_catalog.||) pg_catalog.format(pool_ok, 'movement.to_pool') OPERATOR(pg_catalog.||) ')', NULL);
	PERFORM quota.scope_policy('movement', 'scope_insert', 'INSERT', NULL,
		'(movement.from_org IS NULL OR ' OPERATOR(pg_catalog.||) pg_catalog.format(org_ok, 'movement.from_org') OPERATOR(pg_catalog.||) ')'
		' AND (movement.to_org IS NULL OR ' OPERATOR(pg_catalog.||) pg_catalog.format(org_ok, 'movement.to_org') OPERATOR(pg_catalog.||) ')'
		' AND (movement.from_pool IS NULL OR ' OPERATOR(pg_catalog.||) pg_catalog.format(pool_ok, 'movement.from_pool') OPERATOR(pg_catalog.||) ')'
		' AND (movement.to_pool IS NULL OR ' OPERATOR(pg_catalog.||) pg_catalog.format(pool_ok, 'movement.to_pool') OPERATOR(pg_catalog.||) ')'
		' AND (movement.loan_id IS NULL OR EXISTS (SELECT 1 FROM quota.loan l WHERE l.loan_id OPERATOR(pg_catalog.=) movement.loan_id))');
	-- national standards: readable and writable by any role with a scope
	FOREACH t IN ARRAY ARRAY['standard', 'standard_term'] LOOP
		PERFORM quota.scope_policy(t, 'scope', 'ALL', '(SELECT quota.scope_divisions()) IS NOT NULL', '(SELECT quota.scope_divisions()) IS NOT NULL');
	END LOOP;
END
$$;
COMMENT ON FUNCTION quota.enable_scopes() IS 'turns jurisdiction scopes on: row-level security with scope policies on every table users write to and every table behind the dashboards'' views; safe to rerun';
REVOKE ALL ON FUNCTION quota.enable_scopes() FROM PUBLIC;
