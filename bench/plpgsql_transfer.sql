-- bench/plpgsql_transfer.sql -- P4 comparator: the movement checks of the C
-- trigger quota.movement_apply() (src/ledger/movement.c), written in PL/pgSQL
-- the way a careful PL/pgSQL author would: one AFTER INSERT ... FOR EACH
-- STATEMENT trigger with a transition table, per-row checks (shape,
-- authority, org status, category, loan terms), then set-wise application of
-- the net deltas to the accounts in the same global lock order (loans, pools,
-- org accounts, jurisdiction accounts, each ascending) with conditional
-- UPDATEs, SECURITY DEFINER with a pinned search_path like the extension's own
-- PL/pgSQL functions.
--
-- It writes to copies, never to the extension's books: bench.movement_pl has
-- the columns, defaults, CHECKs, indexes and foreign keys of quota.movement;
-- bench.pool_account_pl, org_account_pl, jurisdiction_account_pl and
-- loan_pl are copies of the internal accounts taken when this file runs
-- (after bench/fixture.sql), with the same CHECK constraints.
--
-- Differences from the C trigger, none of which matter for the P4 workload
-- (valid single-row transfers): the first failing row raises at once (C keeps
-- the lowest-ranked violation of the whole statement), and error details are
-- shorter.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench.movement_pl, bench.pool_account_pl, bench.org_account_pl,
	bench.jurisdiction_account_pl, bench.loan_pl CASCADE;

CREATE TABLE bench.movement_pl (LIKE quota.movement INCLUDING DEFAULTS INCLUDING IDENTITY
								INCLUDING CONSTRAINTS INCLUDING INDEXES);
ALTER TABLE bench.movement_pl
	ADD FOREIGN KEY (category) REFERENCES quota.category (code),
	ADD FOREIGN KEY (from_org) REFERENCES quota.org (id),
	ADD FOREIGN KEY (from_pool) REFERENCES quota.pool (id),
	ADD FOREIGN KEY (to_org) REFERENCES quota.org (id),
	ADD FOREIGN KEY (to_pool) REFERENCES quota.pool (id),
	ADD FOREIGN KEY (doc_no) REFERENCES quota.approval (doc_no),
	ADD FOREIGN KEY (loan_id) REFERENCES bench.movement_pl (id);

CREATE TABLE bench.pool_account_pl (LIKE quota.pool_account INCLUDING ALL);
CREATE TABLE bench.org_account_pl (LIKE quota.org_account INCLUDING ALL);
CREATE TABLE bench.jurisdiction_account_pl (LIKE quota.jurisdiction_account INCLUDING ALL);
CREATE TABLE bench.loan_pl (LIKE quota.loan INCLUDING ALL);
INSERT INTO bench.pool_account_pl SELECT * FROM quota.pool_account;
INSERT INTO bench.org_account_pl SELECT * FROM quota.org_account;
INSERT INTO bench.jurisdiction_account_pl SELECT * FROM quota.jurisdiction_account;
-- loans keep their ids; bench.movement_pl has no rows for them, so repays of
-- these old loans are not supported by the copy (the workload has none)

CREATE OR REPLACE FUNCTION bench.movement_apply_pl() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	r record;
	d record;
	ok boolean;
	f_kind text; f_status text; f_name text; f_div quota.division; f_pool_kind text; f_pool_cat text;
	t_kind text; t_status text; t_name text; t_div quota.division; t_pool_cat text;
	a_kind text; a_div quota.division; a_central boolean; a_may boolean;
	l record;
BEGIN
	-- phase 1: every row on its own
	FOR r IN SELECT * FROM new_movements ORDER BY id LOOP
		-- shape (quota_movement_shape)
		ok := CASE r.kind
			WHEN 'issue' THEN r.from_org IS NULL AND r.from_pool IS NULL AND r.to_org IS NULL AND r.to_pool IS NOT NULL
			WHEN 'retire' THEN (r.from_org IS NULL) <> (r.from_pool IS NULL) AND r.to_org IS NULL AND r.to_pool IS NULL
			WHEN 'delegate' THEN r.from_org IS NULL AND r.from_pool IS NOT NULL AND r.to_org IS NULL AND r.to_pool IS NOT NULL
			WHEN 'allocate' THEN r.from_org IS NULL AND r.from_pool IS NOT NULL AND r.to_org IS NOT NULL AND r.to_pool IS NULL
			WHEN 'lend' THEN r.from_org IS NULL AND r.from_pool IS NOT NULL AND r.to_org IS NOT NULL AND r.to_pool IS NULL
			WHEN 'recall' THEN r.from_org IS NOT NULL AND r.from_pool IS NULL AND r.to_org IS NULL AND r.to_pool IS NOT NULL
			WHEN 'repay' THEN r.from_org IS NOT NULL AND r.from_pool IS NULL AND r.to_org IS NULL AND r.to_pool IS NOT NULL
			WHEN 'transfer' THEN r.from_org IS NOT NULL AND r.from_pool IS NULL AND r.to_org IS NOT NULL AND r.to_pool IS NULL
		END;
		IF ok IS NULL THEN
			RAISE EXCEPTION 'movement % has an unknown kind "%"', r.id, r.kind
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		ELSIF NOT ok THEN
			RAISE EXCEPTION 'movement % has the wrong source or target for its kind %', r.id, r.kind
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		END IF;
		IF r.from_pool = r.to_pool OR r.from_org = r.to_org THEN
			RAISE EXCEPTION 'movement % moves posts from an account to itself', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		END IF;
		IF r.expires_on IS NOT NULL AND r.kind <> 'lend' THEN
			RAISE EXCEPTION 'movement % has expires_on set but kind % is not a loan', r.id, r.kind
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		END IF;
		IF (r.loan_id IS NOT NULL) <> (r.kind = 'repay') THEN
			RAISE EXCEPTION 'movement %: loan_id %', r.id, CASE WHEN r.kind = 'repay' THEN 'is required' ELSE 'is not allowed' END
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		END IF;
		IF r.effective_on > CURRENT_DATE OR r.effective_on > r.recorded_at::date THEN
			RAISE EXCEPTION 'movement % is effective in the future', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		END IF;

		-- the accounts it touches; orgs FOR SHARE (a merge or dissolution is waited for)
		f_div := NULL; t_div := NULL; f_status := NULL; t_status := NULL; t_kind := NULL;
		IF r.from_org IS NOT NULL THEN
			SELECT o.kind, o.status, o.name, o.division INTO f_kind, f_status, f_name, f_div
			  FROM quota.org o WHERE o.id = r.from_org FOR SHARE;
		ELSIF r.from_pool IS NOT NULL THEN
			SELECT p.kind, p.category, p.division INTO f_pool_kind, f_pool_cat, f_div
			  FROM quota.pool p WHERE p.id = r.from_pool;
		END IF;
		IF r.to_org IS NOT NULL THEN
			SELECT o.kind, o.status, o.name, o.division INTO t_kind, t_status, t_name, t_div
			  FROM quota.org o WHERE o.id = r.to_org FOR SHARE;
		ELSIF r.to_pool IS NOT NULL THEN
			SELECT p.category, p.division INTO t_pool_cat, t_div FROM quota.pool p WHERE p.id = r.to_pool;
		END IF;
		IF r.kind = 'lend' AND f_pool_kind NOT IN ('reserve', 'turnover', 'talent') THEN
			RAISE EXCEPTION 'movement % lends from a pool that does not lend', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
		END IF;
		IF r.kind = 'repay' THEN
			SELECT * INTO l FROM bench.loan_pl WHERE loan_id = r.loan_id;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'movement % repays something that is not a loan', r.id
					USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
			END IF;
			IF l.pool_id <> r.to_pool OR l.org_id <> r.from_org OR l.category <> r.category THEN
				RAISE EXCEPTION 'movement % repays loan % to another account', r.id, r.loan_id
					USING ERRCODE = '23514', CONSTRAINT = 'quota_movement_shape';
			END IF;
		END IF;

		-- authority (quota_authority)
		SELECT ap.issuer_kind, ap.issuer_division, au.central, au.may_authorize
		  INTO a_kind, a_div, a_central, a_may
		  FROM quota.approval ap JOIN quota.authority au ON au.issuer_kind = ap.issuer_kind
		 WHERE ap.doc_no = r.doc_no;
		IF NOT a_may THEN
			RAISE EXCEPTION 'movement %: the issuer of % has no authority over establishment', r.id, r.doc_no
				USING ERRCODE = '23514', CONSTRAINT = 'quota_authority';
		END IF;
		IF NOT a_central THEN
			IF (f_div IS NOT NULL AND NOT a_div @> f_div) OR (t_div IS NOT NULL AND NOT a_div @> t_div) THEN
				RAISE EXCEPTION 'movement %: % was issued outside the jurisdictions it moves posts between', r.id, r.doc_no
					USING ERRCODE = '23514', CONSTRAINT = 'quota_authority';
			END IF;
			IF f_div IS NOT NULL AND t_div IS NOT NULL AND f_div <> t_div AND r.category IN ('admin', 'politico_legal') THEN
				RAISE EXCEPTION 'movement % moves % posts between jurisdictions without a central approval', r.id, r.category
					USING ERRCODE = '23514', CONSTRAINT = 'quota_authority';
			END IF;
			IF r.kind = 'issue' AND a_div = t_div THEN
				RAISE EXCEPTION 'movement % issues posts into % without an issuer above it', r.id, t_div
					USING ERRCODE = '23514', CONSTRAINT = 'quota_authority';
			END IF;
		END IF;

		-- org status (quota_org_inactive)
		IF f_status <> 'active' OR t_status <> 'active' THEN
			RAISE EXCEPTION 'movement % involves an org that is not active', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_org_inactive';
		END IF;

		-- category (quota_category_mismatch)
		IF r.category = 'filed' THEN
			RAISE EXCEPTION 'movement % moves filed (备案制) posts', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_category_mismatch';
		END IF;
		IF (r.from_pool IS NOT NULL AND f_pool_cat <> r.category) OR (r.to_pool IS NOT NULL AND t_pool_cat <> r.category) THEN
			RAISE EXCEPTION 'movement % mixes categories', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_category_mismatch';
		END IF;
		IF r.to_org IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quota.category_use u
												 WHERE u.category = r.category AND u.org_kind = t_kind) THEN
			RAISE EXCEPTION 'movement % gives % posts to an org that may not use them', r.id, r.category
				USING ERRCODE = '23514', CONSTRAINT = 'quota_category_mismatch';
		END IF;

		-- loan terms (quota_loan)
		IF r.kind = 'lend' AND (r.expires_on IS NULL OR r.expires_on <= r.effective_on) THEN
			RAISE EXCEPTION 'movement % lends posts without a valid expiry', r.id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_loan';
		END IF;
	END LOOP;

	-- phase 2: net deltas, in the global lock order
	-- loans
	INSERT INTO bench.loan_pl (loan_id, pool_id, org_id, category, amount, outstanding, expires_on)
	SELECT m.id, m.from_pool, m.to_org, m.category, m.amount, m.amount, m.expires_on
	  FROM new_movements m WHERE m.kind = 'lend' ORDER BY m.id;
	FOR d IN SELECT m.loan_id, sum(m.amount)::integer AS n FROM new_movements m
			  WHERE m.kind = 'repay' GROUP BY m.loan_id ORDER BY m.loan_id LOOP
		UPDATE bench.loan_pl SET outstanding = outstanding - d.n
		 WHERE loan_id = d.loan_id AND outstanding - d.n >= 0;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'repay of % posts exceeds what loan % still has out', d.n, d.loan_id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_loan';
		END IF;
	END LOOP;

	-- pools
	FOR d IN SELECT x.pool_id, sum(x.db)::integer AS db, sum(x.dl)::integer AS dl FROM (
				SELECT m.from_pool AS pool_id, -m.amount AS db,
					   CASE WHEN m.kind = 'lend' THEN m.amount ELSE 0 END AS dl
				  FROM new_movements m WHERE m.from_pool IS NOT NULL
				UNION ALL
				SELECT m.to_pool, m.amount, CASE WHEN m.kind = 'repay' THEN -m.amount ELSE 0 END
				  FROM new_movements m WHERE m.to_pool IS NOT NULL) x
			  GROUP BY x.pool_id ORDER BY x.pool_id LOOP
		CONTINUE WHEN d.db = 0 AND d.dl = 0;
		UPDATE bench.pool_account_pl SET balance = balance + d.db, lent = lent + d.dl
		 WHERE pool_id = d.pool_id AND balance + d.db >= 0 AND lent + d.dl >= 0;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'pool % has fewer free posts than the movement takes', d.pool_id
				USING ERRCODE = '23514', CONSTRAINT = 'quota_insufficient';
		END IF;
	END LOOP;

	-- org accounts: only vacant own posts leave; borrowed ones only by repay
	FOR d IN SELECT x.org_id, x.category, sum(x.da)::integer AS da, sum(x.db)::integer AS db FROM (
				SELECT m.from_org AS org_id, m.category,
					   CASE WHEN m.kind = 'repay' THEN 0 ELSE -m.amount END AS da,
					   CASE WHEN m.kind = 'repay' THEN -m.amount ELSE 0 END AS db
				  FROM new_movements m WHERE m.from_org IS NOT NULL
				UNION ALL
				SELECT m.to_org, m.category,
					   CASE WHEN m.kind = 'lend' THEN 0 ELSE m.amount END,
					   CASE WHEN m.kind = 'lend' THEN m.amount ELSE 0 END
				  FROM new_movements m WHERE m.to_org IS NOT NULL) x
			  GROUP BY x.org_id, x.category ORDER BY x.org_id, x.category LOOP
		CONTINUE WHEN d.da = 0 AND d.db = 0;
		FOR attempt IN 1 .. 2 LOOP
			UPDATE bench.org_account_pl SET approved = approved + d.da, borrowed = borrowed + d.db
			 WHERE org_id = d.org_id AND category = d.category
			   AND (d.da >= 0 OR approved + d.da >= occupied + reserved)
			   AND (d.db >= 0 OR borrowed + d.db >= greatest(occupied - approved - d.da, 0));
			EXIT WHEN FOUND;
			IF d.da >= 0 AND d.db >= 0
			   AND NOT EXISTS (SELECT 1 FROM bench.org_account_pl WHERE org_id = d.org_id AND category = d.category) THEN
				INSERT INTO bench.org_account_pl (org_id, category, approved, borrowed)
				VALUES (d.org_id, d.category, d.da, d.db) ON CONFLICT DO NOTHING;
				EXIT WHEN FOUND;
				CONTINUE;		-- opened concurrently: update it
			END IF;
			RAISE EXCEPTION 'org % has fewer vacant % posts than the movement takes', d.org_id, d.category
				USING ERRCODE = '23514', CONSTRAINT = 'quota_insufficient';
		END LOOP;
	END LOOP;

	-- jurisdiction accounts: the level figure moves between the two sides, the
	-- subtree figure on every ancestor of one side that does not contain the
	-- other and has a subtree cap (the only subtree figures kept, as in C)
	FOR d IN WITH s AS (
				SELECT m.category, m.amount AS n,
					   COALESCE(fo.division, fp.division) AS f, COALESCE(tor.division, tp.division) AS t
				  FROM new_movements m
				  LEFT JOIN quota.org fo ON fo.id = m.from_org
				  LEFT JOIN quota.pool fp ON fp.id = m.from_pool
				  LEFT JOIN quota.org tor ON tor.id = m.to_org
				  LEFT JOIN quota.pool tp ON tp.id = m.to_pool
				 WHERE m.kind NOT IN ('lend', 'repay')
			 ), x AS (
				SELECT s.f AS division, s.category, -s.n AS dl, 0 AS ds FROM s
				 WHERE s.f IS NOT NULL AND s.f IS DISTINCT FROM s.t
				UNION ALL
				SELECT s.t, s.category, s.n, 0 FROM s
				 WHERE s.t IS NOT NULL AND s.f IS DISTINCT FROM s.t
				UNION ALL
				SELECT a.a, s.category, 0, -s.n FROM s CROSS JOIN LATERAL quota.division_ancestors(s.f) a (a)
				 WHERE s.f IS DISTINCT FROM s.t AND (s.t IS NULL OR NOT a.a @> s.t)
				   AND EXISTS (SELECT 1 FROM bench.jurisdiction_account_pl c WHERE c.division = a.a
								  AND c.category = s.category AND c.subtree_ceiling IS NOT NULL)
				UNION ALL
				SELECT a.a, s.category, 0, s.n FROM s CROSS JOIN LATERAL quota.division_ancestors(s.t) a (a)
				 WHERE s.f IS DISTINCT FROM s.t AND (s.f IS NULL OR NOT a.a @> s.f)
				   AND EXISTS (SELECT 1 FROM bench.jurisdiction_account_pl c WHERE c.division = a.a
								  AND c.category = s.category AND c.subtree_ceiling IS NOT NULL)
			 )
			 SELECT x.division, x.category, sum(x.dl)::integer AS dl, sum(x.ds)::integer AS ds
			   FROM x GROUP BY x.division, x.category ORDER BY x.division, x.category LOOP
		CONTINUE WHEN d.dl = 0 AND d.ds = 0;
		UPDATE bench.jurisdiction_account_pl SET level_held = level_held + d.dl, subtree_held = subtree_held + d.ds
		 WHERE division = d.division AND category = d.category
		   AND (d.dl <= 0 OR level_ceiling IS NULL OR level_held + d.dl <= level_ceiling)
		   AND (d.ds <= 0 OR subtree_ceiling IS NULL OR subtree_held + d.ds <= subtree_ceiling);
		IF NOT FOUND AND EXISTS (SELECT 1 FROM bench.jurisdiction_account_pl
								  WHERE division = d.division AND category = d.category) THEN
			RAISE EXCEPTION 'the cap of % on % posts would be exceeded', d.division, d.category
				USING ERRCODE = '23514', CONSTRAINT = 'quota_cap_exceeded';
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;

CREATE TRIGGER movement_apply_pl AFTER INSERT ON bench.movement_pl
	REFERENCING NEW TABLE AS new_movements
	FOR EACH STATEMENT EXECUTE FUNCTION bench.movement_apply_pl();

CREATE OR REPLACE FUNCTION bench.ledger_immutable_pl() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '23514', CONSTRAINT = 'quota_ledger_immutable';
END
$$;
CREATE TRIGGER movement_immutable_pl BEFORE UPDATE OR DELETE ON bench.movement_pl
	FOR EACH ROW EXECUTE FUNCTION bench.ledger_immutable_pl();
