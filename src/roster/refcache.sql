-- src/roster/refcache.sql: the rules data the roster and the ledger cache per backend is read anew after every change
-- The entry trigger (src/roster/entries.c) keeps quota.category_use,
-- quota.authority and policy hiring_approval_required in a per-backend cache
-- (src/roster/refcache.c) instead of reading them at every statement.  Every
-- statement that writes one of these tables sends a relcache invalidation of
-- it: the writing session reads the rules anew at its next statement, every
-- other session once the writer committed, and a rollback undoes it.  The
-- triggers check nothing and also fire while a dump is restored.
CREATE FUNCTION quota.rules_data_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_rules_data_changed' LANGUAGE C;
COMMENT ON FUNCTION quota.rules_data_changed() IS 'internal: statement trigger on the rules data the roster and the ledger cache (category uses, issuer kinds, policies, approvals, categories): every backend reads them anew';
CREATE TRIGGER category_use_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quota.category_use
	FOR EACH STATEMENT EXECUTE FUNCTION quota.rules_data_changed();
COMMENT ON TRIGGER category_use_changed ON quota.category_use IS 'the roster''s cached category uses are read anew';
CREATE TRIGGER authority_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quota.authority
	FOR EACH STATEMENT EXECUTE FUNCTION quota.rules_data_changed();
COMMENT ON TRIGGER authority_changed ON quota.authority IS 'the roster''s cached issuer kinds are read anew';
CREATE TRIGGER policy_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quota.policy
	FOR EACH STATEMENT EXECUTE FUNCTION quota.rules_data_changed();
COMMENT ON TRIGGER policy_changed ON quota.policy IS 'the roster''s cached policy hiring_approval_required is read anew';
-- The ledger trigger caches what an approval says and what its issuer kind
-- may authorize, and which categories cross jurisdictions only under a
-- central issuer (src/ledger/doccache.c): read anew after every change of an
-- approval or a category.  (A new approval changes nothing cached; the
-- authority_changed trigger above covers issuer kinds.)
CREATE TRIGGER approval_changed AFTER UPDATE OR DELETE OR TRUNCATE ON quota.approval
	FOR EACH STATEMENT EXECUTE FUNCTION quota.rules_data_changed();
COMMENT ON TRIGGER approval_changed ON quota.approval IS 'the ledger''s cached approvals are read anew';
CREATE TRIGGER category_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quota.category
	FOR EACH STATEMENT EXECUTE FUNCTION quota.rules_data_changed();
COMMENT ON TRIGGER category_changed ON quota.category IS 'the ledger''s cached categories (central_across) are read anew';
