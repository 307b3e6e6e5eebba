-- src/roster/references.sql: what the roster names is not deleted (the referenced side of its set-wise reference checks)
-- quota.staff has no row-level foreign keys (src/roster/tables.sql): its
-- statement triggers lock every org, category and document a statement names
-- FOR KEY SHARE and refuse unknown ones with their rule.  Here the other
-- side: an org or category the roster names is not deleted, counted with the
-- latest snapshot once the deletion has waited for those locks (C).
-- A rank (职级) a leader holds is not deleted or renamed either.  Approvals are kept by quota.approval_kept, hiring approvals by
-- quota.hiring_no_delete; keys of orgs, categories, approvals and hiring
-- approvals never change once used (src/ledger/guards.sql, src/roster/hiring.sql).
CREATE FUNCTION quota.roster_kept() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_roster_kept' LANGUAGE C;
COMMENT ON FUNCTION quota.roster_kept() IS 'internal: refuses (55000) to delete an org, category or rank that rows of quota.staff name (or to change the rank''s code), counted with the latest snapshot';
CREATE TRIGGER org_roster_kept BEFORE DELETE ON quota.org
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.roster_kept('org');
COMMENT ON TRIGGER org_roster_kept ON quota.org IS 'an org the roster names is not deleted';
CREATE TRIGGER category_roster_kept BEFORE DELETE ON quota.category
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.roster_kept('category');
COMMENT ON TRIGGER category_roster_kept ON quota.category IS 'a category the roster names is not deleted';
CREATE TRIGGER rank_roster_kept BEFORE DELETE OR UPDATE OF code ON quota.rank
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.roster_kept('rank');
COMMENT ON TRIGGER rank_roster_kept ON quota.rank IS 'a rank a leader of the roster holds is not deleted or renamed';
