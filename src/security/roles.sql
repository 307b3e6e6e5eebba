-- src/security/roles.sql: quota.setup_roles(): quota_reader, quota_clerk, quota_admin and their grants
-- ---------------------------------------------------------------------------
-- Three NOLOGIN group roles (DESIGN.md §10).  Grant one to a login role:
--   quota_reader  dashboards: the views of §7 and the reference and registry
--                 tables (never quota.staff: people only as counts)
--   quota_clerk   HR systems: reader + SELECT/INSERT/UPDATE on quota.staff
--                 and quota.hiring
--   quota_admin   staffing office (编办): clerk + writes to every table users
--                 write to and EXECUTE on the functions of §6
-- Never granted to anyone: TRIGGER, TRUNCATE, REFERENCES (a trigger on a
-- quota table would run inside the owner-run checks), and the internal
-- accounts beyond SELECT.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.setup_roles() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r text;
	t text;
	f regprocedure;
BEGIN
	FOREACH r IN ARRAY ARRAY['quota_reader', 'quota_clerk', 'quota_admin'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
			EXECUTE pg_catalog.format('COMMENT ON ROLE %I IS %L', r, CASE r
				WHEN 'quota_reader' THEN 'quota: dashboards (views, reference and registry tables, no people)'
				WHEN 'quota_clerk' THEN 'quota: HR systems (reader + the roster and hiring approvals)'
				ELSE 'quota: staffing office 编办 (clerk + every table users write to and the functions of DESIGN.md §6)' END);
		END IF;
	END LOOP;
	IF NOT pg_catalog.pg_has_role('quota_clerk', 'quota_reader', 'MEMBER') THEN
		GRANT quota_reader TO quota_clerk;
	END IF;
	IF NOT pg_catalog.pg_has_role('quota_admin', 'quota_clerk', 'MEMBER') THEN
		GRANT quota_clerk TO quota_admin;
	END IF;
	-- PUBLIC: nothing on the schema
	REVOKE ALL ON SCHEMA quota FROM PUBLIC;
	GRANT USAGE ON SCHEMA quota TO quota_reader;

	-- reader: the views, the reference and registry tables, and (under
	-- row-level security once scopes are on) the accounts behind the views
	FOREACH t IN ARRAY ARRAY[
		-- views (DESIGN.md §7 and the views they read)
		'org_status', 'pool_balance', 'jurisdiction_status', 'headcount_status', 'violations', 'loan_status',
		'standard_status', 'corrections', 'evaluation_status', 'evaluation_summary',
		-- the dashboards that read only what a reader may read, and the reports
		-- of the ledger and the roster history (owner-run, scoped, no people)
		'org_dashboard', 'pool_dashboard', 'jurisdiction_dashboard', 'violation_dashboard', 'rule_terms',
		'loan_dashboard', 'movement_monthly', 'trend_monthly',
		-- reference and registry tables
		'jurisdiction', 'category', 'org_kind', 'category_use', 'authority', 'policy', 'grade', 'rank', 'rule', 'org', 'approval',
		'pool', 'cap', 'leadership', 'internal_unit', 'duty', 'standard', 'standard_term', 'org_metric', 'evaluation',
		-- accounts behind the views (counts, never people)
		'org_account', 'pool_account', 'jurisdiction_account', 'jurisdiction_figure', 'jurisdiction_figure_delta',
		'loan', 'leader_account', 'reform_excess', 'hiring_account',
		'correction', 'evaluation_policy',
		-- the reader's own scope rows (row-level security shows only its own)
		'scope'] LOOP
		IF pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) t) IS NOT NULL THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON quota.%I TO quota_reader', t);
		END IF;
	END LOOP;

	-- the policies of quota.enable_scopes() call it for whoever writes an approval
	GRANT EXECUTE ON FUNCTION quota.scope_covers_all(name) TO quota_reader;

	-- clerk: the roster and hiring approvals
	GRANT SELECT, INSERT, UPDATE ON quota.staff, quota.hiring TO quota_clerk;
	IF pg_catalog.to_regclass('quota.staff_event') IS NOT NULL THEN
		GRANT SELECT ON quota.staff_event TO quota_clerk;
	END IF;
	-- the corrections of the roster history and the talent draws of the roster
	IF pg_catalog.to_regclass('quota.staff_correction') IS NOT NULL THEN
		GRANT SELECT ON quota.staff_correction TO quota_clerk;
	END IF;
	GRANT SELECT ON quota.talent_draw TO quota_clerk;

	-- admin: every table users write to (the ledger only by INSERT; what a
	-- DELETE may remove is the triggers' to say, as for the owner)
	GRANT SELECT, INSERT ON quota.movement TO quota_admin;
	GRANT DELETE ON quota.staff, quota.hiring TO quota_admin;
	FOREACH t IN ARRAY ARRAY['jurisdiction', 'approval', 'org', 'pool', 'cap', 'leadership', 'internal_unit', 'duty',
							 'standard', 'standard_term', 'org_metric', 'evaluation'] LOOP
		IF pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) t) IS NOT NULL THEN
			EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON quota.%I TO quota_admin', t);
		END IF;
	END LOOP;
	-- reference data: every admin may write it, row-level security lets only
	-- a role whose scope covers every registered jurisdiction do so
	FOREACH t IN ARRAY ARRAY['category', 'org_kind', 'category_use', 'authority', 'policy', 'grade', 'rank'] LOOP
		IF pg_catalog.to_regclass('quota.' OPERATOR(pg_catalog.||) t) IS NOT NULL THEN
			EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON quota.%I TO quota_admin', t);
		END IF;
	END LOOP;
	IF pg_catalog.to_regclass('quota.evaluation_policy') IS NOT NULL THEN
		GRANT INSERT, UPDATE, DELETE ON quota.evaluation_policy TO quota_admin;
	END IF;
	-- quota.correct_movement records its link as the caller (its trigger checks it)
	IF pg_catalog.to_regclass('quota.correction') IS NOT NULL THEN
		GRANT INSERT ON quota.correction TO quota_admin;
	END IF;
	-- the identity sequences of those tables: an admin loading registries with
	-- their existing ids moves the sequence past them (setval)
	FOR t IN
		SELECT c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class c
		  JOIN pg_catalog.pg_depend d ON d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'i'
		  JOIN pg_catalog.pg_class tb ON tb.oid OPERATOR(pg_catalog.=) d.refobjid
		 WHERE c.relkind OPERATOR(pg_catalog.=) 'S'
		   AND c.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
		   AND tb.relname OPERATOR(pg_catalog.=) ANY (ARRAY['jurisdiction', 'approval', 'org', 'pool', 'movement', 'cap',
				'leadership', 'internal_unit', 'duty', 'standard', 'standard_term', 'org_metric', 'evaluation',
				'staff', 'hiring']::name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO quota_admin', t);
	END LOOP;

	-- functions: the read-only ones of §6 to readers, the rest of §6 to admins
	FOR f IN
		SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
		   AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['standard_posts', 'standard_range',
				-- the reports: owner-run, the caller's scope first, figures only
				'loan_dashboard_rows', 'movement_monthly_rows', 'trend_monthly_rows', 'establishment_report',
				'corrections_rows']::name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO quota_reader', f);
	END LOOP;
	-- the roster on a date names people: clerks (who read the roster history), not readers
	IF pg_catalog.to_regprocedure('quota.roster_at(date)') IS NOT NULL THEN
		GRANT EXECUTE ON FUNCTION quota.roster_at(date) TO quota_clerk;
		REVOKE EXECUTE ON FUNCTION quota.roster_at(date) FROM quota_reader;
	END IF;
	FOR f IN
		SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace
		   AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['transfer', 'transfer_with_persons', 'move_duty', 'merge_orgs',
				'settle_loans', 'establishment_at', 'install_standard_library', 'verify', 'dissolve_org', 'reactivate_org', 'split_org',
				'correct_movement', 'correct_staff_event', 'fold_jurisdiction_figures']::name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO quota_admin', f);
	END LOOP;
END
$$;
COMMENT ON FUNCTION quota.setup_roles() IS 'creates, when missing, the NOLOGIN roles quota_reader, quota_clerk and quota_admin and grants them their privileges (README: Roles and scopes); safe to rerun (needs CREATEROLE)';
REVOKE ALL ON FUNCTION quota.setup_roles() FROM PUBLIC;
