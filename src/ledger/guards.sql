-- src/ledger/guards.sql: the write matrix of the ledger, reference and standards tables: what UPDATE, DELETE and TRUNCATE of each column mean
-- ---------------------------------------------------------------------------
-- Every table users write to answers every statement: a cell of the write
-- matrix (README "Write matrix") is re-checked with the insert path's rules,
-- refused (55000, or the rule of DESIGN §8), or free.  The triggers here
-- implement the refused cells that no other trigger covers; the re-checked
-- ones live beside their insert path (cap_sync, leadership_checked,
-- internal_unit_changed, org_check).  Every guard is skipped while a dump is
-- restored (quota.restoring()): restored rows come in as they were.
-- ---------------------------------------------------------------------------

-- TRUNCATE skips row triggers: refused on every table whose rows carry
-- balances, approvals or the rules that checked them
CREATE FUNCTION quota.no_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'quota.% cannot be truncated', TG_TABLE_NAME
		USING ERRCODE = '55000', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
			  DETAIL = 'TRUNCATE skips the checks that keep the books (台账) consistent with this table.',
			  HINT = 'Delete rows with DELETE, which is checked row by row, or drop the extension.';
END
$$;
COMMENT ON FUNCTION quota.no_truncate() IS 'refuses TRUNCATE (55000) of a table the books depend on';

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['jurisdiction', 'approval', 'org', 'pool', 'cap', 'leadership', 'internal_unit', 'duty',
							 'standard', 'standard_term', 'org_metric', 'category', 'org_kind', 'category_use',
							 'policy', 'authority'] LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER %I BEFORE TRUNCATE ON quota.%I FOR EACH STATEMENT EXECUTE FUNCTION quota.no_truncate()',
								  t || '_no_truncate', t);
		EXECUTE pg_catalog.format('COMMENT ON TRIGGER %I ON quota.%I IS %L', t || '_no_truncate', t,
								  'TRUNCATE is refused (55000): rows leave only by checked DELETEs');
	END LOOP;
END
$$;

-- a refused edit (55000) with a detail and a hint
CREATE FUNCTION quota.refuse_edit(tbl text, message text, detail text, hint text DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '55000', SCHEMA = 'quota', TABLE = tbl,
		DETAIL = COALESCE(detail, ''), HINT = COALESCE(hint, '');
END
$$;
COMMENT ON FUNCTION quota.refuse_edit(text, text, text, text) IS 'internal: refuses an edit of the write matrix with SQLSTATE 55000';

-- ---------------------------------------------------------------------------
-- approvals: a used approval keeps its number, issuer and date (approval_fixed);
-- it is never deleted
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.approval_kept() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	used text;
BEGIN
	-- the row is locked for the deletion: every uncommitted movement naming it
	-- (they hold FOR SHARE) was waited for, and is counted with the latest snapshot
	used := quota.approval_in_use(OLD.doc_no);
	IF used IS NOT NULL THEN
		PERFORM quota.refuse_edit('approval', pg_catalog.format('approval %s is used and cannot be deleted', OLD.doc_no),
			pg_catalog.format('%s names it; a document that authorized something stays on record.', used),
			'Approvals are never deleted once used; a correction is a new approval.');
	END IF;
	RETURN OLD;
END
$$;
COMMENT ON FUNCTION quota.approval_kept() IS 'a used approval is never deleted (55000 at the statement, not 23503 at commit)';
CREATE TRIGGER approval_kept BEFORE DELETE ON quota.approval
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.approval_kept();
COMMENT ON TRIGGER approval_kept ON quota.approval IS 'a used approval is not deleted';

-- ---------------------------------------------------------------------------
-- jurisdictions and pools: deleted only while they hold nothing
-- ---------------------------------------------------------------------------
CREATE FUNCTION quota.jurisdiction_kept() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	held bigint;
BEGIN
	-- what it and its registered descendants hold (the level figures of its subtree)
	SELECT pg_catalog.sum(a.level_held) INTO held
	  FROM (SELECT level_held FROM quota.jurisdiction_account
			 WHERE division <@ OLD.division FOR NO KEY UPDATE) a;
	IF COALESCE(held, 0) > 0 OR EXISTS (SELECT 1 FROM quota.org WHERE division = OLD.division)
	   OR EXISTS (SELECT 1 FROM quota.pool WHERE division = OLD.division)
	   OR EXISTS (SELECT 1 FROM quota.cap WHERE division = OLD.division) THEN
		PERFORM quota.refuse_edit('jurisdiction', pg_catalog.format('jurisdiction %s holds orgs, pools, caps or posts and cannot be deleted', OLD.division),
			pg_catalog.format('%s: %s posts held in it and its subtree; its orgs, pools and caps stay registered.', OLD.name, COALESCE(held, 0)),
			'Move the posts with movements and remove what is registered in it first.');
	END IF;
	RETURN OLD;
END
$$;
COMMENT ON FUNCTION quota.jurisdiction_kept() IS 'a jurisdiction is deleted only while nothing is registered or held in it';
CREATE TRIGGER jurisdiction_kept BEFORE DELETE ON quota.jurisdiction
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.jurisdiction_kept();
COMMENT ON TRIGGER jurisdiction_kept ON quota.jurisdiction IS 'refuses deleting a jurisdiction in use';

CREATE FUNCTION quota.pool_kept() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF quota.movement_names('pool', OLD.id::text) THEN
		PERFORM quota.refuse_edit('pool', pg_catalog.format('pool %s has movements and cannot be deleted', OLD.id),
			pg_catalog.format('The %s %s pool of %s is an account of the ledger.', OLD.kind, OLD.category, OLD.division),
			'A pool that took movements stays; leave it empty.');
	END IF;
	DELETE FROM quota.pool_account WHERE pool_id = OLD.id;
	RETURN OLD;
END
$$;
COMMENT ON FUNCTION quota.pool_kept() IS 'a pool that took movements is never deleted; an unused one takes its empty account with it';
CREATE TRIGGER pool_kept BEFORE DELETE ON quota.pool
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.pool_kept();
COMMENT ON TRIGGER pool_kept ON quota.pool IS 'refuses deleting a used pool';

-- ---------------------------------------------------------------------------
-- orgs: identity fixed; status only through quota.dissolve_org,
-- quota.reactivate_org or quota.merge_orgs; rank not below a leader in post;
-- headcount cap not below the people in post; deleted only without history
-- ---------------------------------------------------------------------------
CREATE FUNCTION quota.org_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	n bigint;
	lifecycle boolean;
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF EXISTS (SELECT 1 FROM quota.org_account WHERE org_id = OLD.id)
		   OR quota.movement_names('org', OLD.id::text)
		   OR EXISTS (SELECT 1 FROM quota.staff WHERE org_id = OLD.id)
		   OR EXISTS (SELECT 1 FROM quota.hiring WHERE org_id = OLD.id)
		   OR EXISTS (SELECT 1 FROM quota.leadership WHERE org_id = OLD.id)
		   OR EXISTS (SELECT 1 FROM quota.internal_unit WHERE org_id = OLD.id)
		   OR EXISTS (SELECT 1 FROM quota.duty WHERE org_id = OLD.id) THEN
			PERFORM quota.refuse_edit('org', pg_catalog.format('org %s has a history and cannot be deleted', OLD.id),
				pg_catalog.format('%s held posts, people or approvals; its record stays.', OLD.name),
				'Close it with quota.dissolve_org(org_id, doc_no).');
		END IF;
		-- what else names it: child orgs, metrics, evaluations (their keys would say 23503)
		IF EXISTS (SELECT 1 FROM quota.org WHERE parent_id = OLD.id)
		   OR EXISTS (SELECT 1 FROM quota.org_metric WHERE org_id = OLD.id)
		   OR EXISTS (SELECT 1 FROM quota.evaluation WHERE org_id = OLD.id) THEN
			PERFORM quota.refuse_edit('org', pg_catalog.format('org %s is named by other rows and cannot be deleted', OLD.id),
				pg_catalog.format('Orgs under %s (parent_id), its metrics (quota.org_metric) or its evaluations (quota.evaluation) name it.', OLD.name),
				'Delete or re-point those rows first.');
		END IF;
		DELETE FROM quota.leader_account WHERE org_id = OLD.id AND approved = 0 AND filled = 0;
		RETURN OLD;
	END IF;
	-- status and closed_on belong to the lifecycle functions (their orgs are in reform_pass)
	lifecycle := EXISTS (SELECT 1 FROM quota.reform_pass WHERE org_id = NEW.id);
	IF TG_OP = 'INSERT' THEN
		IF NEW.status <> 'active' OR NEW.closed_on IS NOT NULL THEN
			PERFORM quota.refuse_edit('org', pg_catalog.format('org "%s" must be registered active', NEW.name),
				'An org enters the books active; it leaves them by quota.dissolve_org or quota.merge_orgs under a document.');
		END IF;
		RETURN NEW;
	END IF;
	IF NEW.id <> OLD.id THEN
		PERFORM quota.refuse_edit('org', pg_catalog.format('the id of org %s cannot change', OLD.id),
			'An org''s id is its account number in the ledger and the roster.');
	END IF;
	IF (NEW.status IS DISTINCT FROM OLD.status OR NEW.closed_on IS DISTINCT FROM OLD.closed_on) AND NOT lifecycle THEN
		PERFORM quota.refuse_edit('org', pg_catalog.format('the status of org %s changes only under a document', OLD.id),
			pg_catalog.format('%s is %s; status and closed_on are set by quota.dissolve_org, quota.reactivate_org and quota.merge_orgs.', OLD.name, OLD.status),
			'Use quota.dissolve_org(org_id, doc_no) or quota.reactivate_org(org_id, doc_no).');
	END IF;
	-- a lower rank (规格) may not leave a leader ranked above the org
	IF NEW.rank IS DISTINCT FROM OLD.rank AND NEW.rank IS NOT NULL
	   AND quota.rank_level(NEW.rank) < COALESCE(quota.rank_level(OLD.rank), 99) THEN
		SELECT s.id, s.name, s.post_rank INTO r FROM quota.staff s
		 WHERE s.org_id = OLD.id AND s.left_on IS NULL AND s.post_rank IS NOT NULL
		   AND quota.rank_level(s.post_rank) > quota.rank_level(NEW.rank)
		 ORDER BY s.id LIMIT 1;
		IF FOUND THEN
			PERFORM quota.raise_rule('quota_leadership_exceeded', 'org',
				pg_catalog.format('org %s (%s) cannot be ranked %s below a leader in post', OLD.id, OLD.name, NEW.rank),
				pg_catalog.format('%s holds %s (staff %s) at %s; the org''s 规格 would be %s.', OLD.name, r.name, r.id, r.post_rank, NEW.rank),
				'Change the leader''s post_rank first.');
		END IF;
	END IF;
	-- 人员总量: not below the people in post
	IF NEW.headcount_cap IS NOT NULL AND NEW.headcount_cap < COALESCE(OLD.headcount_cap, pg_catalog.int4 '2147483647') THEN
		SELECT COALESCE(pg_catalog.sum(occupied), 0) INTO n
		  FROM (SELECT occupied FROM quota.org_account WHERE org_id = OLD.id FOR NO KEY UPDATE) a;
		IF n > NEW.headcount_cap THEN
			PERFORM quota.raise_rule('quota_headcount_cap', 'org',
				pg_catalog.format('org %s (%s) has %s people in post, more than a headcount cap of %s', OLD.id, OLD.name, n, NEW.headcount_cap),
				pg_catalog.format('人员总量: %s has %s 编制内 and filed staff in post; the cap would be %s.', OLD.name, n, NEW.headcount_cap));
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.org_guard() IS 'write matrix of quota.org: fixed id, status only by the lifecycle functions, rank and headcount cap not below what is in post, no deletion of an org with history';
CREATE TRIGGER org_guard BEFORE INSERT OR UPDATE OR DELETE ON quota.org
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.org_guard();
COMMENT ON TRIGGER org_guard ON quota.org IS 'the write matrix of orgs';

-- ---------------------------------------------------------------------------
-- leadership: an approval belongs to its (org, post); a new one is a new row
-- ---------------------------------------------------------------------------
CREATE FUNCTION quota.leadership_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.org_id <> OLD.org_id OR NEW.post <> OLD.post THEN
		PERFORM quota.refuse_edit('leadership', pg_catalog.format('the leadership approval of org %s (%s) cannot move to another org or post', OLD.org_id, OLD.post),
			'领导职数 are approved for one org and post; the leaders in post are counted against it.',
			'Insert the new approval and delete (or lower) the old one; each is checked.');
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.leadership_fixed() IS 'a leadership approval keeps its org and post';
CREATE TRIGGER leadership_fixed BEFORE UPDATE ON quota.leadership
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.leadership_fixed();
COMMENT ON TRIGGER leadership_fixed ON quota.leadership IS 'org_id and post of a leadership approval are fixed';

-- documents of caps, leadership approvals, internal units and standards: a
-- missing one is quota_authority at the statement (their keys are deferred)
CREATE FUNCTION quota.document_named() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	doc text := NEW.doc_no;
BEGIN
	IF doc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quota.approval WHERE doc_no = doc FOR KEY SHARE) THEN
		PERFORM quota.raise_rule('quota_authority', TG_TABLE_NAME, pg_catalog.format('approval %s does not exist', doc),
			pg_catalog.format('No approval document %s is registered in quota.approval; every %s names one (文号).', doc, TG_TABLE_NAME),
			'Register the approval first.');
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.document_named() IS 'a named document must exist (quota_authority), checked at the statement';
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['cap', 'leadership', 'internal_unit', 'standard'] LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF doc_no ON quota.%I FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.document_named()',
								  t || '_document', t);
		EXECUTE pg_catalog.format('COMMENT ON TRIGGER %I ON quota.%I IS %L', t || '_document', t,
								  'a missing document is quota_authority at the statement');
	END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- reference data: codes are fixed; rows in use are not deleted; a new
-- category opens its jurisdiction accounts; policy values are validated
-- ---------------------------------------------------------------------------
CREATE FUNCTION quota.policy_valid(p text, v text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	ok boolean;
BEGIN
	BEGIN
		ok := CASE p
			WHEN 'comprehensive_unit_share' THEN v::numeric >= 0 AND v::numeric <= 1
			WHEN 'hiring_approval_required' THEN v::boolean IS NOT NULL
			WHEN 'hiring_approval_valid_days' THEN v::integer BETWEEN 1 AND 36500
			WHEN 'loan_default_years' THEN v::integer BETWEEN 1 AND 100
			ELSE true END;
	EXCEPTION WHEN data_exception THEN
		ok := false;
	END;
	IF NOT COALESCE(ok, false) THEN
		RAISE EXCEPTION 'invalid value for policy %: "%"', p, v USING ERRCODE = '22023',
			HINT = CASE p WHEN 'comprehensive_unit_share' THEN 'A share between 0 and 1.'
						  WHEN 'hiring_approval_required' THEN 'true or false.'
						  WHEN 'hiring_approval_valid_days' THEN 'A number of days, 1 to 36500.'
						  ELSE 'A number of years, 1 to 100.' END;
	END IF;
END
$$;
COMMENT ON FUNCTION quota.policy_valid(text, text) IS 'internal: refuses (22023) a policy value the rules cannot read';

CREATE FUNCTION quota.category_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF NEW.code <> OLD.code THEN
			PERFORM quota.refuse_edit('category', pg_catalog.format('the code of category %s cannot change', OLD.code),
				'A category code names the posts of the ledger and the roster.', 'Add a new category instead.');
		END IF;
		RETURN NEW;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.pool WHERE category = OLD.code)
	   OR EXISTS (SELECT 1 FROM quota.org_account WHERE category = OLD.code)
	   OR quota.movement_names('category', OLD.code)
	   OR EXISTS (SELECT 1 FROM quota.staff WHERE category = OLD.code)
	   OR EXISTS (SELECT 1 FROM quota.hiring WHERE category = OLD.code)
	   OR EXISTS (SELECT 1 FROM quota.cap WHERE category = OLD.code)
	   OR EXISTS (SELECT 1 FROM quota.standard WHERE category = OLD.code) THEN
		PERFORM quota.refuse_edit('category', pg_catalog.format('category %s is in use and cannot be deleted', OLD.code),
			'Pools, movements, accounts, staff, hiring approvals, caps or standards name it.');
	END IF;
	DELETE FROM quota.jurisdiction_account WHERE category = OLD.code;
	DELETE FROM quota.category_use WHERE category = OLD.code;
	RETURN OLD;
END
$$;
COMMENT ON FUNCTION quota.category_guard() IS 'write matrix of quota.category: a fixed code; a category in use is not deleted, an unused one takes its empty accounts and uses with it';
CREATE TRIGGER category_guard BEFORE UPDATE OR DELETE ON quota.category
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.category_guard();
COMMENT ON TRIGGER category_guard ON quota.category IS 'the write matrix of categories';

CREATE FUNCTION quota.org_kind_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF NEW.code <> OLD.code THEN
			PERFORM quota.refuse_edit('org_kind', pg_catalog.format('the code of org kind %s cannot change', OLD.code),
				'Orgs and the category matrix name it.', 'Add a new kind instead.');
		END IF;
		RETURN NEW;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.org WHERE kind = OLD.code) THEN
		PERFORM quota.refuse_edit('org_kind', pg_catalog.format('org kind %s is in use and cannot be deleted', OLD.code),
			'Orgs of this kind are registered.');
	END IF;
	DELETE FROM quota.category_use WHERE org_kind = OLD.code;
	RETURN OLD;
END
$$;
COMMENT ON FUNCTION quota.org_kind_guard() IS 'write matrix of quota.org_kind: a fixed code; a kind in use is not deleted';
CREATE TRIGGER org_kind_guard BEFORE UPDATE OR DELETE ON quota.org_kind
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.org_kind_guard();
COMMENT ON TRIGGER org_kind_guard ON quota.org_kind IS 'the write matrix of org kinds';

-- narrowing the matrix: no active org of the kind may hold posts or people of the category
CREATE FUNCTION quota.category_use_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	k record;
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.category = OLD.category AND NEW.org_kind = OLD.org_kind THEN
		RETURN NEW;
	END IF;
	SELECT o.id, o.name INTO k FROM quota.org o JOIN quota.org_account a ON a.org_id = o.id
	 WHERE o.kind = OLD.org_kind AND a.category = OLD.category AND o.status = 'active'
	   AND a.approved + a.borrowed + a.occupied + a.reserved > 0
	 LIMIT 1;
	IF FOUND THEN
		PERFORM quota.raise_rule('quota_category_mismatch', 'category_use',
			pg_catalog.format('orgs of kind %s hold %s posts', OLD.org_kind, OLD.category),
			pg_catalog.format('Org %s (%s) holds %s posts or people; the kind %s keeps the use of the category while they remain.', k.id, k.name, OLD.category, OLD.org_kind),
			'Move the posts and people first.');
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.category_use_guard() IS 'write matrix of quota.category_use: a pair still held is not removed (quota_category_mismatch)';
CREATE TRIGGER category_use_guard BEFORE UPDATE OR DELETE ON quota.category_use
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.category_use_guard();
COMMENT ON TRIGGER category_use_guard ON quota.category_use IS 'the write matrix of category uses';

CREATE FUNCTION quota.policy_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.name <> OLD.name) THEN
		IF OLD.name IN ('comprehensive_unit_share', 'hiring_approval_required', 'hiring_approval_valid_days', 'loan_default_years') THEN
			PERFORM quota.refuse_edit('policy', pg_catalog.format('policy %s cannot be removed or renamed', OLD.name),
				'The rules read it; change its value instead.');
		END IF;
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	PERFORM quota.policy_valid(NEW.name, NEW.value);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.policy_guard() IS 'write matrix of quota.policy: values the rules can read (22023); seeded policies stay';
CREATE TRIGGER policy_guard BEFORE INSERT OR UPDATE OR DELETE ON quota.policy
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.policy_guard();
COMMENT ON TRIGGER policy_guard ON quota.policy IS 'the write matrix of policies';

CREATE FUNCTION quota.authority_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.issuer_kind = OLD.issuer_kind AND NEW.central = OLD.central
	   AND NEW.may_authorize = OLD.may_authorize THEN
		RETURN NEW;
	END IF;
	IF EXISTS (SELECT 1 FROM quota.approval WHERE issuer_kind = OLD.issuer_kind) THEN
		PERFORM quota.refuse_edit('authority', pg_catalog.format('issuer kind %s is used by approvals', OLD.issuer_kind),
			'What an issuer kind may authorize is part of every approval of that kind already on record.',
			'Add a new issuer kind instead.');
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.authority_guard() IS 'write matrix of quota.authority: what an issuer kind authorizes is fixed while approvals of that kind exist';
CREATE TRIGGER authority_guard BEFORE UPDATE OR DELETE ON quota.authority
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.authority_guard();
COMMENT ON TRIGGER authority_guard ON quota.authority IS 'the write matrix of issuer kinds';

-- a category added at run time opens an account at every jurisdiction, like a seeded one
CREATE FUNCTION quota.category_opened() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO quota.jurisdiction_account (division, category)
	SELECT j.division, NEW.code FROM quota.jurisdiction j
	WHERE NEW.code <> 'filed'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.category_opened() IS 'opens the jurisdiction accounts of a new category';
CREATE TRIGGER category_opened AFTER INSERT ON quota.category
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.category_opened();
COMMENT ON TRIGGER category_opened ON quota.category IS 'accounts for a new category at every jurisdiction';
