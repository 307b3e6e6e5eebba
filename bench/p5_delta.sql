-- bench/p5_delta.sql -- a prototype, measured by bench/p5_delta.sh, of the
-- design DESIGN §11 P5 asks for: quota.jurisdiction_status under 100 ms at
-- national scale without making the hires of one county queue on one row.
--
-- The view's cost is its two rollups, both redone at every query: every org
-- account (312,202 at national scale) joined to its org and summed per
-- division, every pool account summed per division, then both summed again
-- into every ancestor.  Here the rolled figures are kept instead, by
-- contention-free delta rows folded later:
--
--   bench.jur_fig         per (jurisdiction, category): its subtree's
--                         unallocated and reserve pool balances, lent posts,
--                         occupied seats and vacancy (GREATEST(approved +
--                         borrowed - occupied - reserved, 0) per org account,
--                         as the view computes it), as of the last fold
--   bench.jur_fig_delta   one row per change of an org or pool account: the
--                         changes of those five figures, at the account's own
--                         division.  Only ever INSERTed by writers (no index,
--                         no key): two hires into two units of one county
--                         append two rows and lock nothing in common, at
--                         every isolation level
--   bench.fold_jur_fig()  moves the deltas into bench.jur_fig: DELETE ...
--                         RETURNING of the deltas its snapshot sees, summed
--                         into every ancestor, added to the summary rows, in
--                         one statement (a delta committed meanwhile stays for
--                         the next fold; of two folds at once the second waits
--                         for the first's row locks and skips what it
--                         deleted).  Run by pg_cron every minute, or nightly
--                         with quota.settle_loans: the view stays exact either
--                         way, only its cost grows with the unfolded deltas.
--   bench.jurisdiction_status_delta   the view: jurisdiction accounts joined
--                         to bench.jur_fig, plus the unfolded deltas rolled
--                         into their ancestors at read time
--
-- The deltas are written here by row triggers on quota.org_account and
-- quota.pool_account (PL/pgSQL, for the prototype), so that every path that
-- moves seats or posts is covered without touching it; in the extension the C
-- paths that update an account would append the row themselves (no trigger
-- call, no org lookup: the division is at hand).  Not covered by the
-- prototype: an org or pool changing division (a -old/+new pair of deltas),
-- TRUNCATE, restore (the summary is rebuilt from the accounts, as below).

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP VIEW IF EXISTS bench.jurisdiction_status_delta;
DROP TRIGGER IF EXISTS jur_fig_delta ON quota.org_account;
DROP TRIGGER IF EXISTS jur_fig_delta ON quota.pool_account;
DROP TABLE IF EXISTS bench.jur_fig, bench.jur_fig_delta;

CREATE TABLE bench.jur_fig (
	division quota.division NOT NULL,
	category text NOT NULL,
	unallocated bigint NOT NULL DEFAULT 0,
	reserve bigint NOT NULL DEFAULT 0,
	lent bigint NOT NULL DEFAULT 0,
	occupied bigint NOT NULL DEFAULT 0,
	vacancy bigint NOT NULL DEFAULT 0,
	PRIMARY KEY (division, category)
);
CREATE TABLE bench.jur_fig_delta (
	division quota.division NOT NULL,
	category text NOT NULL,
	d_unallocated integer NOT NULL DEFAULT 0,
	d_reserve integer NOT NULL DEFAULT 0,
	d_lent integer NOT NULL DEFAULT 0,
	d_occupied integer NOT NULL DEFAULT 0,
	d_vacancy integer NOT NULL DEFAULT 0
);

CREATE FUNCTION bench.org_fig_delta() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	d_occ integer := 0;
	d_vac integer := 0;
	cat text;
	org bigint;
BEGIN
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		d_occ := NEW.occupied;
		d_vac := GREATEST(NEW.approved + NEW.borrowed - NEW.occupied - NEW.reserved, 0);
		cat := NEW.category;
		org := NEW.org_id;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		d_occ := d_occ - OLD.occupied;
		d_vac := d_vac - GREATEST(OLD.approved + OLD.borrowed - OLD.occupied - OLD.reserved, 0);
		cat := OLD.category;
		org := OLD.org_id;
	END IF;
	IF cat <> 'filed' AND (d_occ <> 0 OR d_vac <> 0) THEN
		INSERT INTO bench.jur_fig_delta (division, category, d_occupied, d_vacancy)
		SELECT o.division, cat, d_occ, d_vac FROM quota.org o WHERE o.id = org;
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION bench.pool_fig_delta() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	d_bal integer := 0;
	d_lent integer := 0;
	v_pool bigint;
BEGIN
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		d_bal := NEW.balance;
		d_lent := NEW.lent;
		v_pool := NEW.pool_id;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		d_bal := d_bal - OLD.balance;
		d_lent := d_lent - OLD.lent;
		v_pool := OLD.pool_id;
	END IF;
	IF d_bal <> 0 OR d_lent <> 0 THEN
		INSERT INTO bench.jur_fig_delta (division, category, d_unallocated, d_reserve, d_lent)
		SELECT p.division, p.category, CASE WHEN p.kind = 'unallocated' THEN d_bal ELSE 0 END,
			   CASE WHEN p.kind = 'reserve' THEN d_bal ELSE 0 END, d_lent
		  FROM quota.pool p WHERE p.id = v_pool;
	END IF;
	RETURN NULL;
END
$$;

-- the accounts' figures, at their own division (what the view sums)
CREATE FUNCTION bench.jur_fig_own() RETURNS TABLE (division quota.division, category text, unallocated bigint,
	reserve bigint, lent bigint, occupied bigint, vacancy bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT p.division, p.category, sum(CASE WHEN p.kind = 'unallocated' THEN pa.balance ELSE 0 END),
		   sum(CASE WHEN p.kind = 'reserve' THEN pa.balance ELSE 0 END), sum(pa.lent), 0, 0
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id = p.id
	GROUP BY p.division, p.category
	UNION ALL
	SELECT o.division, a.category, 0, 0, 0, sum(a.occupied), sum(GREATEST(a.approved + a.borrowed - a.occupied - a.reserved, 0))
	FROM quota.org_account a JOIN quota.org o ON o.id = a.org_id
	WHERE a.category <> 'filed'
	GROUP BY o.division, a.category
$$;

-- rows of own-division figures summed into every ancestor (and the division itself)
CREATE FUNCTION bench.jur_fig_rebuild() RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	TRUNCATE bench.jur_fig, bench.jur_fig_delta;
	INSERT INTO bench.jur_fig
	SELECT anc.a, x.category, sum(x.unallocated), sum(x.reserve), sum(x.lent), sum(x.occupied), sum(x.vacancy)
	FROM bench.jur_fig_own() x
	CROSS JOIN LATERAL (VALUES (x.division), (quota.division_parent(x.division)),
		(quota.division_parent(quota.division_parent(x.division))),
		(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))),
		(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, x.category;
$$;

-- the summary as of now, then the triggers (the benchmark writes nothing meanwhile)
SELECT bench.jur_fig_rebuild();
CREATE TRIGGER jur_fig_delta AFTER INSERT OR UPDATE OR DELETE ON quota.org_account
	FOR EACH ROW EXECUTE FUNCTION bench.org_fig_delta();
CREATE TRIGGER jur_fig_delta AFTER INSERT OR UPDATE OR DELETE ON quota.pool_account
	FOR EACH ROW EXECUTE FUNCTION bench.pool_fig_delta();

CREATE FUNCTION bench.fold_jur_fig() RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	WITH gone AS (
		DELETE FROM bench.jur_fig_delta RETURNING *
	), s AS (
		SELECT anc.a AS division, g.category, sum(g.d_unallocated) AS u, sum(g.d_reserve) AS r, sum(g.d_lent) AS l,
			   sum(g.d_occupied) AS o, sum(g.d_vacancy) AS v, count(*) AS n
		FROM gone g
		CROSS JOIN LATERAL (VALUES (g.division), (quota.division_parent(g.division)),
			(quota.division_parent(quota.division_parent(g.division))),
			(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))),
			(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))))) anc (a)
		WHERE anc.a IS NOT NULL
		GROUP BY anc.a, g.category
		ORDER BY 1, 2
	), ins AS (
		INSERT INTO bench.jur_fig AS t (division, category, unallocated, reserve, lent, occupied, vacancy)
		SELECT division, category, u, r, l, o, v FROM s
		ON CONFLICT (division, category) DO UPDATE SET unallocated = t.unallocated + excluded.unallocated,
			reserve = t.reserve + excluded.reserve, lent = t.lent + excluded.lent,
			occupied = t.occupied + excluded.occupied, vacancy = t.vacancy + excluded.vacancy
	)
	-- deltas counted once: at their own division (the first of the ancestors)
	SELECT COALESCE(sum(n) FILTER (WHERE quota.division_parent(division) IS NULL), 0)::bigint FROM s
$$;

CREATE VIEW bench.jurisdiction_status_delta AS
WITH d AS (
	SELECT anc.a AS division, g.category, sum(g.d_unallocated) AS u, sum(g.d_reserve) AS r, sum(g.d_lent) AS l,
		   sum(g.d_occupied) AS o, sum(g.d_vacancy) AS v
	FROM bench.jur_fig_delta g
	CROSS JOIN LATERAL (VALUES (g.division), (quota.division_parent(g.division)),
		(quota.division_parent(quota.division_parent(g.division))),
		(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))),
		(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, g.category
), r AS (
	SELECT COALESCE(f.division, d.division) AS division, COALESCE(f.category, d.category) AS category,
		   (COALESCE(f.unallocated, 0) + COALESCE(d.u, 0))::integer AS unallocated,
		   (COALESCE(f.reserve, 0) + COALESCE(d.r, 0))::integer AS reserve,
		   (COALESCE(f.lent, 0) + COALESCE(d.l, 0))::integer AS lent,
		   (COALESCE(f.occupied, 0) + COALESCE(d.o, 0))::integer AS occupied,
		   (COALESCE(f.vacancy, 0) + COALESCE(d.v, 0))::integer AS vacancy
	FROM bench.jur_fig f FULL JOIN d ON d.division = f.division AND d.category = f.category
)
SELECT j.division, j.name, ja.category, ja.level_held, ja.subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy,
	   ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division = j.division
LEFT JOIN r ON r.division = j.division AND r.category = ja.category
WHERE ja.subtree_held > 0 OR r.occupied > 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;

ANALYZE bench.jur_fig;
