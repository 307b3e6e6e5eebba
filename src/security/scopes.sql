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
-- a role reads the scope rows of itself and of the roles it is a member of
-- (on from the start: quota.scope is the extension's own table, and pg_dump
-- does not keep row-level security on an extension's tables)
ALTER TABLE quota.scope ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_member ON quota.scope FOR SELECT
	USING (pg_catalog.pg_has_role(CURRENT_USER, pg_catalog.to_regrole(pg_catalog.quote_ident(scope.role))::pg_catalog.oid, 'MEMBER'));

-- the divisions of the current user's scope: the rows of the roles it is a
-- member of (also filtered by the row-level security of quota.scope)
CREATE FUNCTION quota.scope_divisions() RETURNS quota.division[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.array_agg(s.division) FROM quota.scope s
	 WHERE pg_catalog.pg_has_role(CURRENT_USER, pg_catalog.to_regrole(pg_catalog.quote_ident(s.role))::pg_catalog.oid, 'MEMBER')
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

-- does role r's scope cover every registered jurisdiction (the whole
-- deployment)?  Such a role is the top of the deployment: it may also write
-- central approvals (issuer_division NULL), which lie inside no scope.
CREATE FUNCTION quota.scope_covers_all(r name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT quota.scope_divisions_of(r) IS NOT NULL
	   AND NOT EXISTS (SELECT 1 FROM quota.jurisdiction j
					    WHERE NOT j.division OPERATOR(pg_catalog.<@) ANY (quota.scope_divisions_of(r)))
$$;
COMMENT ON FUNCTION quota.scope_covers_all(name) IS 'whether role r''s scope covers every registered jurisdiction (then it may also write central approvals)';

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

-- the same for jurisdictions an owner-run function creates something in
CREATE FUNCTION quota.scope_require_divisions(divs quota.division[], what text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	me name := quota.actor();
	mine quota.division[];
BEGIN
	IF NOT quota.scoped(me) THEN
		RETURN;
	END IF;
	mine := quota.scope_divisions_of(me);
	IF EXISTS (SELECT 1 FROM pg_catalog.unnest(divs) d
				WHERE NOT COALESCE(d OPERATOR(pg_catalog.<@) ANY (mine), false)) THEN
		RAISE EXCEPTION 'permission denied: % touches a jurisdiction outside the scope of role %', what, me
			USING ERRCODE = '42501',
				  DETAIL = 'Every org, pool and person a statement touches must lie in the role''s scope (quota.scope).';
	END IF;
END
$$;
COMMENT ON FUNCTION quota.scope_require_divisions(quota.division[], text) IS 'internal: raises 42501 unless every division lies in the scope of quota.actor()';

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

-- is policy p missing on quota table t (which exists)?
CREATE FUNCTION quota.policy_missing(t text, p name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) t) IS NOT NULL
	   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy x
					    WHERE x.polrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) t)
						  AND x.polname OPERATOR(pg_catalog.=) p)
$$;
COMMENT ON FUNCTION quota.policy_missing(text, name) IS 'internal: whether the scope policy p is still to be created on quota table t';

CREATE FUNCTION quota.enable_scopes() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	ref text;
BEGIN
	-- jurisdictions, orgs, pools, caps and their accounts: by division
	IF pg_catalog.to_regclass('quota.jurisdiction') IS NOT NULL THEN
		ALTER TABLE quota.jurisdiction ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('jurisdiction', 'scope') THEN
		CREATE POLICY scope ON quota.jurisdiction FOR ALL
			USING (jurisdiction.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]))
			WITH CHECK (jurisdiction.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]));
	END IF;
	IF pg_catalog.to_regclass('quota.org') IS NOT NULL THEN
		ALTER TABLE quota.org ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('org', 'scope') THEN
		CREATE POLICY scope ON quota.org FOR ALL
			USING (org.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]))
			WITH CHECK (org.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]));
	END IF;
	IF pg_catalog.to_regclass('quota.pool') IS NOT NULL THEN
		ALTER TABLE quota.pool ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('pool', 'scope') THEN
		CREATE POLICY scope ON quota.pool FOR ALL
			USING (pool.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]))
			WITH CHECK (pool.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]));
	END IF;
	IF pg_catalog.to_regclass('quota.cap') IS NOT NULL THEN
		ALTER TABLE quota.cap ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('cap', 'scope') THEN
		CREATE POLICY scope ON quota.cap FOR ALL
			USING (cap.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]))
			WITH CHECK (cap.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]));
	END IF;
	IF pg_catalog.to_regclass('quota.jurisdiction_account') IS NOT NULL THEN
		ALTER TABLE quota.jurisdiction_account ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('jurisdiction_account', 'scope') THEN
		CREATE POLICY scope ON quota.jurisdiction_account FOR ALL
			USING (jurisdiction_account.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]))
			WITH CHECK (jurisdiction_account.division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]));
	END IF;
	-- the jurisdiction figures behind quota.jurisdiction_status: by division
	FOREACH ref IN ARRAY ARRAY['jurisdiction_figure', 'jurisdiction_figure_delta'] LOOP
		IF pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) ref) IS NOT NULL THEN
			EXECUTE pg_catalog.format('ALTER TABLE quota.%I ENABLE ROW LEVEL SECURITY', ref);
		END IF;
		IF quota.policy_missing(ref, 'scope') THEN
			EXECUTE pg_catalog.format('CREATE POLICY scope ON quota.%I FOR ALL '
				'USING (division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])) '
				'WITH CHECK (division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[]))', ref);
		END IF;
	END LOOP;
	-- approvals: central ones and those issued at or above the scope are
	-- readable; approvals are written only inside it (central ones only by a
	-- role whose scope covers every registered jurisdiction)
	IF pg_catalog.to_regclass('quota.approval') IS NOT NULL THEN
		ALTER TABLE quota.approval ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('approval', 'scope_read') THEN
		CREATE POLICY scope_read ON quota.approval FOR SELECT
			USING (approval.issuer_division IS NULL OR approval.issuer_division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])
			 OR approval.issuer_division OPERATOR(pg_catalog.@>) ANY ((SELECT quota.scope_divisions())::quota.division[]));
	END IF;
	IF quota.policy_missing('approval', 'scope_insert') THEN
		CREATE POLICY scope_insert ON quota.approval FOR INSERT
			WITH CHECK ((approval.issuer_division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])
			 OR (approval.issuer_division IS NULL AND (SELECT quota.scope_covers_all(CURRENT_USER)))));
	END IF;
	IF quota.policy_missing('approval', 'scope_update') THEN
		CREATE POLICY scope_update ON quota.approval FOR UPDATE
			USING ((approval.issuer_division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])
			 OR (approval.issuer_division IS NULL AND (SELECT quota.scope_covers_all(CURRENT_USER)))))
			WITH CHECK ((approval.issuer_division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])
			 OR (approval.issuer_division IS NULL AND (SELECT quota.scope_covers_all(CURRENT_USER)))));
	END IF;
	IF quota.policy_missing('approval', 'scope_delete') THEN
		CREATE POLICY scope_delete ON quota.approval FOR DELETE
			USING ((approval.issuer_division OPERATOR(pg_catalog.<@) ANY ((SELECT quota.scope_divisions())::quota.division[])
			 OR (approval.issuer_division IS NULL AND (SELECT quota.scope_covers_all(CURRENT_USER)))));
	END IF;
	-- everything that belongs to an org: by the org (under the org's own policy)
	IF pg_catalog.to_regclass('quota.hiring') IS NOT NULL THEN
		ALTER TABLE quota.hiring ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('hiring', 'scope') THEN
		CREATE POLICY scope ON quota.hiring FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) hiring.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) hiring.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.leadership') IS NOT NULL THEN
		ALTER TABLE quota.leadership ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('leadership', 'scope') THEN
		CREATE POLICY scope ON quota.leadership FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) leadership.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) leadership.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.internal_unit') IS NOT NULL THEN
		ALTER TABLE quota.internal_unit ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('internal_unit', 'scope') THEN
		CREATE POLICY scope ON quota.internal_unit FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) internal_unit.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) internal_unit.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.duty') IS NOT NULL THEN
		ALTER TABLE quota.duty ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('duty', 'scope') THEN
		CREATE POLICY scope ON quota.duty FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) duty.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) duty.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.org_metric') IS NOT NULL THEN
		ALTER TABLE quota.org_metric ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('org_metric', 'scope') THEN
		CREATE POLICY scope ON quota.org_metric FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) org_metric.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) org_metric.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.org_account') IS NOT NULL THEN
		ALTER TABLE quota.org_account ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('org_account', 'scope') THEN
		CREATE POLICY scope ON quota.org_account FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) org_account.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) org_account.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.leader_account') IS NOT NULL THEN
		ALTER TABLE quota.leader_account ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('leader_account', 'scope') THEN
		CREATE POLICY scope ON quota.leader_account FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) leader_account.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) leader_account.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.reform_excess') IS NOT NULL THEN
		ALTER TABLE quota.reform_excess ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('reform_excess', 'scope') THEN
		CREATE POLICY scope ON quota.reform_excess FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) reform_excess.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) reform_excess.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.staff_event') IS NOT NULL THEN
		ALTER TABLE quota.staff_event ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('staff_event', 'scope') THEN
		CREATE POLICY scope ON quota.staff_event FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) staff_event.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) staff_event.org_id));
	END IF;
	IF pg_catalog.to_regclass('quota.evaluation') IS NOT NULL THEN
		ALTER TABLE quota.evaluation ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('evaluation', 'scope') THEN
		CREATE POLICY scope ON quota.evaluation FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) evaluation.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) evaluation.org_id));
	END IF;
	-- people: their org, and the hiring approval they fill
	IF pg_catalog.to_regclass('quota.staff') IS NOT NULL THEN
		ALTER TABLE quota.staff ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('staff', 'scope') THEN
		CREATE POLICY scope ON quota.staff FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) staff.org_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) staff.org_id)
			 AND (staff.hiring_id IS NULL OR EXISTS (SELECT 1 FROM quota.hiring h WHERE h.id OPERATOR(pg_catalog.=) staff.hiring_id)));
	END IF;
	-- a hiring approval's counters by the approval (under its own policy)
	IF pg_catalog.to_regclass('quota.hiring_account') IS NOT NULL THEN
		ALTER TABLE quota.hiring_account ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('hiring_account', 'scope') THEN
		CREATE POLICY scope ON quota.hiring_account FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.hiring h WHERE h.id OPERATOR(pg_catalog.=) hiring_account.hiring_id));
	END IF;
	-- a correction by its movements (under the ledger's own policies)
	IF pg_catalog.to_regclass('quota.correction') IS NOT NULL THEN
		ALTER TABLE quota.correction ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('correction', 'scope') THEN
		CREATE POLICY scope ON quota.correction FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.movement m WHERE m.id OPERATOR(pg_catalog.=) correction.correction_id))
			WITH CHECK (EXISTS (SELECT 1 FROM quota.movement m WHERE m.id OPERATOR(pg_catalog.=) correction.correction_id)
				AND EXISTS (SELECT 1 FROM quota.movement m WHERE m.id OPERATOR(pg_catalog.=) correction.original_id));
	END IF;
	-- pool accounts by their pool; loans by their org or pool
	IF pg_catalog.to_regclass('quota.pool_account') IS NOT NULL THEN
		ALTER TABLE quota.pool_account ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('pool_account', 'scope') THEN
		CREATE POLICY scope ON quota.pool_account FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) pool_account.pool_id));
	END IF;
	IF pg_catalog.to_regclass('quota.loan') IS NOT NULL THEN
		ALTER TABLE quota.loan ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('loan', 'scope') THEN
		CREATE POLICY scope ON quota.loan FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) loan.org_id) OR EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) loan.pool_id));
	END IF;
	-- the ledger: a movement is readable when any end is in scope, written only when all are
	IF pg_catalog.to_regclass('quota.movement') IS NOT NULL THEN
		ALTER TABLE quota.movement ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('movement', 'scope_read') THEN
		CREATE POLICY scope_read ON quota.movement FOR SELECT
			USING ((movement.from_org IS NOT NULL AND EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) movement.from_org))
			 OR (movement.to_org IS NOT NULL AND EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) movement.to_org))
			 OR (movement.from_pool IS NOT NULL AND EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) movement.from_pool))
			 OR (movement.to_pool IS NOT NULL AND EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) movement.to_pool)));
	END IF;
	IF quota.policy_missing('movement', 'scope_insert') THEN
		CREATE POLICY scope_insert ON quota.movement FOR INSERT
			WITH CHECK ((movement.from_org IS NULL OR EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) movement.from_org))
			 AND (movement.to_org IS NULL OR EXISTS (SELECT 1 FROM quota.org o WHERE o.id OPERATOR(pg_catalog.=) movement.to_org))
			 AND (movement.from_pool IS NULL OR EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) movement.from_pool))
			 AND (movement.to_pool IS NULL OR EXISTS (SELECT 1 FROM quota.pool p WHERE p.id OPERATOR(pg_catalog.=) movement.to_pool))
			 AND (movement.loan_id IS NULL OR EXISTS (SELECT 1 FROM quota.loan l WHERE l.loan_id OPERATOR(pg_catalog.=) movement.loan_id)));
	END IF;
	-- a roster correction by its roster records (under quota.staff_event's
	-- policy); a talent draw by its person (under quota.staff's)
	IF pg_catalog.to_regclass('quota.staff_correction') IS NOT NULL THEN
		ALTER TABLE quota.staff_correction ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('staff_correction', 'scope') THEN
		CREATE POLICY scope ON quota.staff_correction FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.staff_event e WHERE e.id OPERATOR(pg_catalog.=) staff_correction.correction_id));
	END IF;
	IF pg_catalog.to_regclass('quota.talent_draw') IS NOT NULL THEN
		ALTER TABLE quota.talent_draw ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('talent_draw', 'scope') THEN
		CREATE POLICY scope ON quota.talent_draw FOR ALL
			USING (EXISTS (SELECT 1 FROM quota.staff s WHERE s.id OPERATOR(pg_catalog.=) talent_draw.staff_id));
	END IF;
	-- reference data (categories, org kinds, their uses, issuer kinds, the
	-- policy, grades, the rank ladder) is national: readable by any role with
	-- a scope, written only by a role whose scope covers every registered
	-- jurisdiction (as a central approval)
	FOREACH ref IN ARRAY ARRAY['category', 'org_kind', 'category_use', 'authority',
							   'policy', 'grade', 'rank']
	LOOP
		CONTINUE WHEN pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) ref) IS NULL;
		EXECUTE pg_catalog.format('ALTER TABLE quota.%I ENABLE ROW LEVEL SECURITY', ref);
		IF quota.policy_missing(ref, 'scope_read') THEN
			EXECUTE pg_catalog.format('CREATE POLICY scope_read ON quota.%I FOR SELECT'
				' USING ((SELECT quota.scope_divisions()) IS NOT NULL)', ref);
		END IF;
		IF quota.policy_missing(ref, 'scope_insert') THEN
			EXECUTE pg_catalog.format('CREATE POLICY scope_insert ON quota.%I FOR INSERT'
				' WITH CHECK ((SELECT quota.scope_covers_all(CURRENT_USER)))', ref);
		END IF;
		IF quota.policy_missing(ref, 'scope_update') THEN
			EXECUTE pg_catalog.format('CREATE POLICY scope_update ON quota.%I FOR UPDATE'
				' USING ((SELECT quota.scope_covers_all(CURRENT_USER)))'
				' WITH CHECK ((SELECT quota.scope_covers_all(CURRENT_USER)))', ref);
		END IF;
		IF quota.policy_missing(ref, 'scope_delete') THEN
			EXECUTE pg_catalog.format('CREATE POLICY scope_delete ON quota.%I FOR DELETE'
				' USING ((SELECT quota.scope_covers_all(CURRENT_USER)))', ref);
		END IF;
	END LOOP;
	-- national standards: readable and writable by any role with a scope
	IF pg_catalog.to_regclass('quota.standard') IS NOT NULL THEN
		ALTER TABLE quota.standard ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('standard', 'scope') THEN
		CREATE POLICY scope ON quota.standard FOR ALL
			USING ((SELECT quota.scope_divisions()) IS NOT NULL)
			WITH CHECK ((SELECT quota.scope_divisions()) IS NOT NULL);
	END IF;
	IF pg_catalog.to_regclass('quota.standard_term') IS NOT NULL THEN
		ALTER TABLE quota.standard_term ENABLE ROW LEVEL SECURITY;
	END IF;
	IF quota.policy_missing('standard_term', 'scope') THEN
		CREATE POLICY scope ON quota.standard_term FOR ALL
			USING ((SELECT quota.scope_divisions()) IS NOT NULL)
			WITH CHECK ((SELECT quota.scope_divisions()) IS NOT NULL);
	END IF;
END
$$;
COMMENT ON FUNCTION quota.enable_scopes() IS 'turns jurisdiction scopes on: row-level security with scope policies on every table users write to and every table behind the dashboards'' views; safe to rerun';
REVOKE ALL ON FUNCTION quota.enable_scopes() FROM PUBLIC;

-- Row-level security and its policies on an extension's tables are not in a
-- pg_dump (only the scope rows are): a restore that brings scope rows turns
-- the scopes on again, before any other session can read the copy.
CREATE FUNCTION quota.scope_restored() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM restored_scopes) THEN
		PERFORM quota.enable_scopes();
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.scope_restored() IS 'turns jurisdiction scopes on when a restore brings scope rows (pg_dump keeps the rows, not the row-level security of an extension''s tables)';
CREATE TRIGGER scope_restored AFTER INSERT ON quota.scope REFERENCING NEW TABLE AS restored_scopes
	FOR EACH STATEMENT WHEN (quota.restoring()) EXECUTE FUNCTION quota.scope_restored();
COMMENT ON TRIGGER scope_restored ON quota.scope IS 'a restore with scope rows turns the scopes on (quota.enable_scopes())';
