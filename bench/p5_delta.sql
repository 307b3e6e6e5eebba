-- bench/p5_delta.sql -- a prototype, measured by bench/p5_delta.sh, of the
-- design DESIGN §11 P5 asks for: quota.jurisdiction_status under 100 ms at
-- national scale without making the hires of one county queue on one row.
--
-- The view's cost is its org part: the subtree occupied and vacancy figures
-- sum every org account (312,202 at national scale) joined to its org, at
-- every query.  Here those per-division sums are kept instead by
-- contention-free delta rows, folded later:
--
--   bench.div_occ         per (division of the orgs, category): occupied and
--                         vacancy (GREATEST(approved + borrowed - occupied -
--                         reserved, 0), as the view computes it) of the
--                         division's own orgs, as of the last fold
--   bench.div_occ_delta   one row per change of an org account: the change of
--                         its occupied and of its vacancy.  Only ever
--                         INSERTed by writers (no index, no key): two hires
--                         into two units of one county write two new rows and
--                         lock nothing in common, at every isolation level
--   bench.fold_div_occ()  moves the deltas into bench.div_occ: DELETE ...
--                         RETURNING of the deltas its snapshot sees, summed,
--                         added to the summary rows, in one statement (a
--                         delta committed meanwhile stays for the next fold;
--                         two folds at once: the second waits for the
--                         first's row locks and skips what it deleted).  Run
--                         by pg_cron every minute, or by whoever reads.
--   bench.jurisdiction_status_delta   the view with the org part read from
--                         summary + unfolded deltas (a few thousand rows)
--                         instead of the org accounts
--
-- The deltas are written here by a row trigger on quota.org_account (in
-- PL/pgSQL for the prototype), so that every path that moves seats or posts
-- is covered without touching it; in the extension the C paths that update
-- an org account would append the row themselves.  Not covered by the
-- prototype: an org changing division (its accounts would be moved by a
-- -old/+new delta pair), TRUNCATE, restore (the summary would be rebuilt).

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP VIEW IF EXISTS bench.jurisdiction_status_delta;
DROP TRIGGER IF EXISTS div_occ_delta ON quota.org_account;
DROP TABLE IF EXISTS bench.div_occ, bench.div_occ_delta;

CREATE TABLE bench.div_occ (
	division quota.division NOT NULL,
	category text NOT NULL,
	occupied bigint NOT NULL,
	vacancy bigint NOT NULL,
	PRIMARY KEY (division, category)
);
CREATE TABLE bench.div_occ_delta (
	division quota.division NOT NULL,
	category text NOT NULL,
	d_occupied integer NOT NULL,
	d_vacancy integer NOT NULL
);

CREATE FUNCTION bench.div_occ_delta() RETURNS trigger
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
		INSERT INTO bench.div_occ_delta (division, category, d_occupied, d_vacancy)
		SELECT o.division, cat, d_occ, d_vac FROM quota.org o WHERE o.id = org;
	END IF;
	RETURN NULL;
END
$$;

-- the summary as of now, then the trigger (the benchmark loads nothing meanwhile)
INSERT INTO bench.div_occ
SELECT o.division, a.category, sum(a.occupied), sum(GREATEST(a.approved + a.borrowed - a.occupied - a.reserved, 0))
FROM quota.org_account a JOIN quota.org o ON o.id = a.org_id
WHERE a.category <> 'filed'
GROUP BY o.division, a.category;
CREATE TRIGGER div_occ_delta AFTER INSERT OR UPDATE OR DELETE ON quota.org_account
	FOR EACH ROW EXECUTE FUNCTION bench.div_occ_delta();

CREATE FUNCTION bench.fold_div_occ() RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
	WITH gone AS (
		DELETE FROM bench.div_occ_delta RETURNING division, category, d_occupied, d_vacancy
	), s AS (
		SELECT division, category, sum(d_occupied) AS occ, sum(d_vacancy) AS vac, count(*) AS n
		FROM gone GROUP BY division, category
	), ins AS (
		INSERT INTO bench.div_occ AS t (division, category, occupied, vacancy)
		SELECT division, category, occ, vac FROM s
		ON CONFLICT (division, category) DO UPDATE SET occupied = t.occupied + excluded.occupied,
													   vacancy = t.vacancy + excluded.vacancy
	)
	SELECT COALESCE(sum(n), 0)::bigint FROM s
$$;

CREATE VIEW bench.jurisdiction_status_delta AS
WITH pools AS (
	SELECT p.division, p.category,
		   sum(CASE WHEN p.kind = 'unallocated' THEN pa.balance ELSE 0 END)::integer AS unallocated,
		   sum(CASE WHEN p.kind = 'reserve' THEN pa.balance ELSE 0 END)::integer AS reserve,
		   sum(pa.lent)::integer AS lent,
		   0::bigint AS occupied, 0::bigint AS vacancy
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id = p.id
	GROUP BY p.division, p.category
), orgs AS (
	SELECT x.division, x.category, 0, 0, 0, sum(x.occupied)::bigint, sum(x.vacancy)::bigint
	FROM (SELECT division, category, occupied, vacancy FROM bench.div_occ
		  UNION ALL
		  SELECT division, category, d_occupied, d_vacancy FROM bench.div_occ_delta) x
	GROUP BY x.division, x.category
), rolled AS (
	SELECT anc.a AS division, x.category,
		   sum(x.unallocated) AS unallocated, sum(x.reserve) AS reserve,
		   sum(x.lent) AS lent, sum(x.occupied) AS occupied, sum(x.vacancy) AS vacancy
	FROM (SELECT * FROM pools UNION ALL SELECT * FROM orgs) x
	CROSS JOIN LATERAL (VALUES (x.division), (quota.division_parent(x.division)),
		(quota.division_parent(quota.division_parent(x.division))),
		(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))),
		(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, x.category
)
SELECT j.division, j.name, ja.category, ja.level_held, ja.subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy,
	   ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division = j.division
LEFT JOIN rolled r ON r.division = j.division AND r.category = ja.category
WHERE ja.subtree_held > 0 OR r.occupied > 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;

ANALYZE bench.div_occ;
