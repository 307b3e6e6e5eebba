-- src/ledger/triggers.sql: the ledger's triggers: movements applied in C, append-only guard, account housekeeping
-- ---------------------------------------------------------------------------
-- Ledger triggers: the C trigger that validates and applies movements, the
-- append-only guard, and the housekeeping of accounts for pools,
-- jurisdictions and caps.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.movement_apply() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_movement_apply' LANGUAGE C;
COMMENT ON FUNCTION quota.movement_apply() IS 'statement trigger: validates every inserted movement and applies the net deltas to the accounts, set-wise, in ascending account order';

CREATE FUNCTION quota.ledger_immutable() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_ledger_immutable' LANGUAGE C;
COMMENT ON FUNCTION quota.ledger_immutable() IS 'rejects UPDATE, DELETE and TRUNCATE of the ledger for every role (quota_ledger_immutable)';

CREATE TRIGGER movement_apply AFTER INSERT ON quota.movement
	REFERENCING NEW TABLE AS new_movements
	FOR EACH STATEMENT WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.movement_apply();
COMMENT ON TRIGGER movement_apply ON quota.movement IS 'validates and applies inserted movements (single rows, INSERT ... SELECT and COPY alike)';
CREATE TRIGGER movement_immutable BEFORE UPDATE OR DELETE ON quota.movement
	FOR EACH ROW EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER movement_immutable ON quota.movement IS 'the ledger is append-only';
CREATE TRIGGER movement_no_truncate BEFORE TRUNCATE ON quota.movement
	FOR EACH STATEMENT EXECUTE FUNCTION quota.ledger_immutable();
COMMENT ON TRIGGER movement_no_truncate ON quota.movement IS 'the ledger cannot be truncated';

-- a pool opens its account when it is created; its identity never changes
CREATE FUNCTION quota.pool_opened() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO quota.pool_account (pool_id) VALUES (NEW.id);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.pool_opened() IS 'opens the internal account of a new pool';
CREATE TRIGGER pool_opened AFTER INSERT ON quota.pool
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.pool_opened();
COMMENT ON TRIGGER pool_opened ON quota.pool IS 'opens the pool''s account';

CREATE FUNCTION quota.pool_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.division OPERATOR(pg_catalog.<>) OLD.division OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind
	   OR NEW.category OPERATOR(pg_catalog.<>) OLD.category OR NEW.id OPERATOR(pg_catalog.<>) OLD.id THEN
		RAISE EXCEPTION 'a pool''s jurisdiction, kind and category cannot change'
			USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape', TABLE = 'pool', SCHEMA = 'quota',
				  DETAIL = pg_catalog.format('Pool %s is the %s %s pool of %s; posts leave it only by movements.',
											OLD.id, OLD.kind, OLD.category, OLD.division);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.pool_fixed() IS 'a pool is an account: its identity never changes';
CREATE TRIGGER pool_fixed BEFORE UPDATE ON quota.pool
	FOR EACH ROW EXECUTE FUNCTION quota.pool_fixed();
COMMENT ON TRIGGER pool_fixed ON quota.pool IS 'keeps a pool''s identity fixed';

-- a jurisdiction opens one account per category: nothing held at its level
-- yet, no subtree figure (kept only under a subtree cap; quota.cap_sync
-- counts what its registered descendants hold when one is set)
CREATE FUNCTION quota.jurisdiction_opened() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO quota.jurisdiction_account (division, category)
	SELECT NEW.division, c.code
	FROM quota.category c
	WHERE c.code OPERATOR(pg_catalog.<>) 'filed';
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.jurisdiction_opened() IS 'opens the internal accounts of a new jurisdiction';
CREATE TRIGGER jurisdiction_opened AFTER INSERT ON quota.jurisdiction
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.jurisdiction_opened();
COMMENT ON TRIGGER jurisdiction_opened ON quota.jurisdiction IS 'opens the jurisdiction''s accounts';

CREATE FUNCTION quota.jurisdiction_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.division OPERATOR(pg_catalog.<>) OLD.division THEN
		RAISE EXCEPTION 'a jurisdiction''s division code cannot change'
			USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape', TABLE = 'jurisdiction', SCHEMA = 'quota',
				  DETAIL = 'Register the new code as a new jurisdiction and move posts with movements.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.jurisdiction_fixed() IS 'a jurisdiction''s code never changes';
CREATE TRIGGER jurisdiction_fixed BEFORE UPDATE ON quota.jurisdiction
	FOR EACH ROW EXECUTE FUNCTION quota.jurisdiction_fixed();
COMMENT ON TRIGGER jurisdiction_fixed ON quota.jurisdiction IS 'keeps a jurisdiction''s code fixed';

-- what names an approval, counted with the latest snapshot (C): a movement
-- holds FOR SHARE on the approval it names until it commits, so an edit or a
-- deletion waits for it and then counts it, under every isolation level
CREATE FUNCTION quota.approval_in_use(doc_no text) RETURNS text
	AS 'MODULE_PATHNAME', 'quota_approval_in_use' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION quota.approval_in_use(text) IS 'internal: the first table that names an approval document (latest snapshot), or NULL when none does';
REVOKE ALL ON FUNCTION quota.approval_in_use(text) FROM PUBLIC;

-- an approval that authorized something keeps its number, its issuer and its
-- date: what was checked against them stays true (its issuer name and title
-- may be corrected)
CREATE FUNCTION quota.approval_fixed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	used text;
BEGIN
	IF (NEW.doc_no, NEW.issuer_kind, NEW.issuer_division, NEW.issued_on)
	   IS NOT DISTINCT FROM (OLD.doc_no, OLD.issuer_kind, OLD.issuer_division, OLD.issued_on) THEN
		RETURN NEW;
	END IF;
	used := quota.approval_in_use(OLD.doc_no);
	IF used IS NOT NULL THEN
		RAISE EXCEPTION 'approval % has been used and keeps its number, issuer and date', OLD.doc_no
			USING ERRCODE = '55000',
				  DETAIL = pg_catalog.format('%s names it; 文号, issuer and date of a used approval are part of the record.', used),
				  HINT = 'A correction is a new approval; the issuer name and the title may be corrected.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.approval_fixed() IS 'a used approval keeps its number, issuer kind, issuer division and date of issue';
CREATE TRIGGER approval_fixed BEFORE UPDATE ON quota.approval
	FOR EACH ROW EXECUTE FUNCTION quota.approval_fixed();
COMMENT ON TRIGGER approval_fixed ON quota.approval IS 'keeps what a used approval authorized true';

-- an approval has an issuer division exactly when its issuer kind is not
-- central: which kinds are central is data, quota.authority.central
CREATE FUNCTION quota.approval_issuer() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	is_central boolean;
BEGIN
	SELECT au.central INTO is_central FROM quota.authority au WHERE au.issuer_kind OPERATOR(pg_catalog.=) NEW.issuer_kind;
	-- an unknown issuer kind is the foreign key's to report
	IF is_central IS NOT NULL AND is_central OPERATOR(pg_catalog.<>) (NEW.issuer_division IS NULL) THEN
		PERFORM quota.raise_rule('quota_authority', 'approval',
			pg_catalog.format('approval %s: a %s issuer %s', NEW.doc_no, CASE WHEN is_central THEN 'central' ELSE 'non-central' END,
							  CASE WHEN is_central THEN 'has no division' ELSE 'needs a division' END),
			pg_catalog.format('Issuer kind %s is %s (quota.authority); a central issuer has no issuer_division, every other issuer has one (分级管理).',
							  NEW.issuer_kind, CASE WHEN is_central THEN 'central' ELSE 'not central' END));
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.approval_issuer() IS 'an approval names an issuer division exactly when its issuer kind is not central (quota_authority)';
CREATE TRIGGER approval_issuer BEFORE INSERT OR UPDATE OF issuer_kind, issuer_division ON quota.approval
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.approval_issuer();
COMMENT ON TRIGGER approval_issuer ON quota.approval IS 'central issuers (quota.authority.central) have no division, the others one';

-- caps: the ceiling is copied onto the jurisdiction's account row, locked,
-- so a cap and a concurrent movement serialize on that row
-- the C function behind it: every session reads the capped subtrees anew
CREATE FUNCTION quota.capped_subtrees_changed() RETURNS void
	AS 'MODULE_PATHNAME', 'quota_capped_subtrees_changed' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION quota.capped_subtrees_changed() IS 'internal: tells every session that the set of subtree caps changed (writers keep a subtree figure only where one is)';
REVOKE ALL ON FUNCTION quota.capped_subtrees_changed() FROM PUBLIC;

CREATE FUNCTION quota.cap_sync() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	held bigint;
BEGIN
	-- a control number (控制数) is set under an approval with authority over its jurisdiction
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM quota.authority_check(NEW.doc_no, NEW.division, 'control number (控制数)');
	END IF;
	-- A subtree figure is kept only where a subtree cap is, by the writers
	-- that know of the cap.  Setting or removing one waits for every writer
	-- of the accounts in flight and holds new ones back until this commits
	-- (they then read the capped subtrees anew); under REPEATABLE READ the
	-- FOR SHARE below raises 40001 if a level figure of the subtree changed
	-- after our snapshot.
	IF (TG_OP OPERATOR(pg_catalog.<>) 'INSERT' AND OLD.scope OPERATOR(pg_catalog.=) 'subtree')
	   OR (TG_OP OPERATOR(pg_catalog.<>) 'DELETE' AND NEW.scope OPERATOR(pg_catalog.=) 'subtree') THEN
		LOCK TABLE quota.jurisdiction_account IN SHARE ROW EXCLUSIVE MODE;
		PERFORM quota.capped_subtrees_changed();
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE quota.jurisdiction_account
		   SET level_ceiling = CASE WHEN OLD.scope OPERATOR(pg_catalog.=) 'level' THEN NULL ELSE level_ceiling END,
			   subtree_ceiling = CASE WHEN OLD.scope OPERATOR(pg_catalog.=) 'subtree' THEN NULL ELSE subtree_ceiling END,
			   subtree_held = CASE WHEN OLD.scope OPERATOR(pg_catalog.=) 'subtree' THEN NULL ELSE subtree_held END
		 WHERE division OPERATOR(pg_catalog.=) OLD.division AND category OPERATOR(pg_catalog.=) OLD.category;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		r := NEW;
		IF r.scope OPERATOR(pg_catalog.=) 'level' THEN
			SELECT level_held::bigint INTO held
			  FROM quota.jurisdiction_account
			 WHERE division OPERATOR(pg_catalog.=) r.division AND category OPERATOR(pg_catalog.=) r.category
			   FOR NO KEY UPDATE;
		ELSE
			-- the level figures of the whole subtree (the account itself included)
			SELECT COALESCE(pg_catalog.sum(d.level_held), 0) INTO held
			  FROM (SELECT ja.level_held FROM quota.jurisdiction_account ja
					 WHERE ja.division OPERATOR(pg_catalog.<@) r.division
					   AND ja.category OPERATOR(pg_catalog.=) r.category
					   FOR SHARE) d;
		END IF;
		IF held OPERATOR(pg_catalog.>) r.ceiling THEN
			RAISE EXCEPTION 'the % cap of % on % posts is below what is already held', r.scope, r.division, r.category
				USING ERRCODE = '23514', CONSTRAINT = 'quota_cap_exceeded', TABLE = 'cap', SCHEMA = 'quota',
					  DETAIL = pg_catalog.format('控制数 (%s): %s posts are held, the ceiling would be %s.',
												r.scope, held, r.ceiling),
					  HINT = 'Retire or move posts first, or set a higher ceiling.';
		END IF;
		UPDATE quota.jurisdiction_account
		   SET level_ceiling = CASE WHEN r.scope OPERATOR(pg_catalog.=) 'level' THEN r.ceiling ELSE level_ceiling END,
			   subtree_ceiling = CASE WHEN r.scope OPERATOR(pg_catalog.=) 'subtree' THEN r.ceiling ELSE subtree_ceiling END,
			   subtree_held = CASE WHEN r.scope OPERATOR(pg_catalog.=) 'subtree' THEN held::integer ELSE subtree_held END
		 WHERE division OPERATOR(pg_catalog.=) r.division AND category OPERATOR(pg_catalog.=) r.category;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION quota.cap_sync() IS 'copies a cap''s ceiling onto the locked jurisdiction account (a subtree cap with the subtree''s figure, kept from then on) and rejects a ceiling below what is held';
CREATE TRIGGER cap_sync AFTER INSERT OR UPDATE OR DELETE ON quota.cap
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.cap_sync();
COMMENT ON TRIGGER cap_sync ON quota.cap IS 'keeps ceilings on the jurisdiction accounts';

-- orgs: a uscc that contradicts division or kind is accepted with a warning;
-- an org holding posts keeps its jurisdiction and kind
CREATE FUNCTION quota.org_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	held bigint;
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND (NEW.division OPERATOR(pg_catalog.<>) OLD.division
	   OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind) THEN
		SELECT pg_catalog.sum(approved OPERATOR(pg_catalog.+) borrowed OPERATOR(pg_catalog.+) occupied) INTO held
		  FROM (SELECT approved, borrowed, occupied FROM quota.org_account
				 WHERE org_id OPERATOR(pg_catalog.=) OLD.id FOR NO KEY UPDATE) a;
		IF COALESCE(held, 0) OPERATOR(pg_catalog.>) 0 THEN
			RAISE EXCEPTION 'org % holds posts and cannot change its jurisdiction or kind', OLD.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_category_mismatch', TABLE = 'org', SCHEMA = 'quota',
					  DETAIL = pg_catalog.format('%s holds %s posts and seats; a post never changes jurisdiction or category except by a movement.', OLD.name, held),
					  HINT = 'Move its posts and people with quota.transfer first.';
		END IF;
		IF NEW.division OPERATOR(pg_catalog.<>) OLD.division THEN
			-- the figure deltas of its accounts go to the new jurisdiction from now on
			PERFORM quota.org_divisions_changed();
		END IF;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND NEW.status OPERATOR(pg_catalog.<>) OLD.status THEN
		-- conflicts with the FOR KEY SHARE that every movement and entry holds on
		-- the org through its foreign key: wait for them, and they for us
		PERFORM 1 FROM quota.org WHERE id OPERATOR(pg_catalog.=) OLD.id FOR UPDATE;
	END IF;
	IF NEW.uscc IS NOT NULL AND (TG_OP OPERATOR(pg_catalog.=) 'INSERT' OR NEW.uscc OPERATOR(pg_catalog.<>) OLD.uscc
	   OR NEW.division OPERATOR(pg_catalog.<>) OLD.division OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind) THEN
		IF quota.org_code_mismatch(NEW.uscc, NEW.division, NEW.kind) IS NOT NULL THEN
			RAISE WARNING 'the credit code of org "%" does not match it', NEW.name
				USING DETAIL = quota.org_code_mismatch(NEW.uscc, NEW.division, NEW.kind),
					  HINT = 'The org is accepted; quota.violations lists it as quota_code_mismatch.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.org_check() IS 'warns on a credit code that contradicts the org, and keeps the jurisdiction and kind of an org holding posts';

CREATE FUNCTION quota.org_code_mismatch(u quota.uscc, d quota.division, k text) RETURNS text
	AS 'MODULE_PATHNAME', 'quota_org_code_mismatch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION quota.org_code_mismatch(quota.uscc, quota.division, text) IS 'why a credit code contradicts an org''s division or kind, or NULL when it does not';

CREATE TRIGGER org_check BEFORE INSERT OR UPDATE ON quota.org
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.org_check();
COMMENT ON TRIGGER org_check ON quota.org IS 'credit-code warnings; fixed jurisdiction and kind while holding posts';
