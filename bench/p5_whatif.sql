-- bench/p5_whatif.sql -- what the P5 rollup would cost if quota.jurisdiction_status
-- were written differently; run on a database loaded by bench/generate.sql
-- (bench/run.sh's cluster is thrown away, so load one by hand):
--
--   createdb nat && psql -d nat -c 'CREATE EXTENSION quota'
--   psql -d nat -v scale=1 -f bench/generate.sql      # ~8 minutes on 2 cores
--   psql -d nat -f bench/p5_whatif.sql
--
-- Creates, in schema bench, three variants of the view, checks that each
-- returns exactly the rows of quota.jurisdiction_status, and times all four
-- (median of 3 after a warm-up):
--   js_rows5  the view as it is, but division_ancestors() declared ROWS 5
--             (the default estimate of 1000 rows per call makes the planner
--             expect millions of rows and switch JIT on)
--   js_v2     ancestors inline (LATERAL VALUES over quota.division_parent,
--             no SQL-function call per row) and bigint sums
--   js_v3     js_v2 reading per-(jurisdiction, category) occupied/vacancy
--             figures from a table, as if the triggers kept them on
--             quota.jurisdiction_account (a snapshot here: bench.jur_level_occ)
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = pg_catalog, public;
DROP VIEW IF EXISTS bench.js_rows5, bench.js_v2, bench.js_v3;
DROP FUNCTION IF EXISTS bench.division_ancestors_rows5(quota.division);
DROP TABLE IF EXISTS bench.jur_level_occ;

CREATE FUNCTION bench.division_ancestors_rows5(d quota.division) RETURNS SETOF quota.division
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT ROWS 5 SET search_path = pg_catalog, pg_temp AS $$
	SELECT a FROM (VALUES (d), (quota.division_parent(d)),
						  (quota.division_parent(quota.division_parent(d))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(d)))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(d)))))) v (a)
	WHERE a IS NOT NULL
$$;
SELECT replace(pg_get_viewdef('quota.jurisdiction_status'::regclass), 'quota.division_ancestors(',
			   'bench.division_ancestors_rows5(') AS def \gset
CREATE VIEW bench.js_rows5 AS :def
-- v2: the same view with the ancestors inline (no SQL-function call per row) and bigint sums
CREATE VIEW bench.js_v2 AS
WITH pools AS (
	SELECT p.division, p.category,
		   sum(CASE WHEN p.kind = 'unallocated' THEN pa.balance ELSE 0 END) AS unallocated,
		   sum(CASE WHEN p.kind = 'reserve' THEN pa.balance ELSE 0 END) AS reserve,
		   sum(pa.lent) AS lent, 0::bigint AS occupied, 0::bigint AS vacancy
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id = p.id
	GROUP BY p.division, p.category
), orgs AS (
	SELECT o.division, a.category, 0::bigint, 0::bigint, 0::bigint, sum(a.occupied),
		   sum(GREATEST(a.approved + a.borrowed - a.occupied - a.reserved, 0))
	FROM quota.org_account a JOIN quota.org o ON o.id = a.org_id
	WHERE a.category <> 'filed'
	GROUP BY o.division, a.category
), rolled AS (
	SELECT anc.a AS division, x.category, sum(x.unallocated) AS unallocated, sum(x.reserve) AS reserve,
		   sum(x.lent) AS lent, sum(x.occupied) AS occupied, sum(x.vacancy) AS vacancy
	FROM (SELECT * FROM pools UNION ALL SELECT * FROM orgs) x
	CROSS JOIN LATERAL (VALUES (x.division), (quota.division_parent(x.division)),
							   (quota.division_parent(quota.division_parent(x.division))),
							   (quota.division_parent(quota.division_parent(quota.division_parent(x.division))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, x.category
)
SELECT j.division, j.name, ja.category, ja.level_held, ja.subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy, ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division = j.division
LEFT JOIN rolled r ON r.division = j.division AND r.category = ja.category
WHERE ja.subtree_held > 0 OR r.occupied > 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;

-- v3: as if the org figures were kept per (jurisdiction, category) by the
-- triggers (what a level_occupied / level_vacancy column on
-- quota.jurisdiction_account would hold): the view reads ~12k small rows
CREATE TABLE bench.jur_level_occ AS
SELECT o.division, a.category, sum(a.occupied)::bigint AS occupied,
	   sum(GREATEST(a.approved + a.borrowed - a.occupied - a.reserved, 0))::bigint AS vacancy
FROM quota.org_account a JOIN quota.org o ON o.id = a.org_id WHERE a.category <> 'filed' GROUP BY 1, 2;
ANALYZE bench.jur_level_occ;
CREATE VIEW bench.js_v3 AS
WITH pools AS (
	SELECT p.division, p.category,
		   sum(CASE WHEN p.kind = 'unallocated' THEN pa.balance ELSE 0 END) AS unallocated,
		   sum(CASE WHEN p.kind = 'reserve' THEN pa.balance ELSE 0 END) AS reserve,
		   sum(pa.lent) AS lent, 0::bigint AS occupied, 0::bigint AS vacancy
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id = p.id
	GROUP BY p.division, p.category
), orgs AS (
	SELECT division, category, 0::bigint, 0::bigint, 0::bigint, occupied, vacancy FROM bench.jur_level_occ
), rolled AS (
	SELECT anc.a AS division, x.category, sum(x.unallocated) AS unallocated, sum(x.reserve) AS reserve,
		   sum(x.lent) AS lent, sum(x.occupied) AS occupied, sum(x.vacancy) AS vacancy
	FROM (SELECT * FROM pools UNION ALL SELECT * FROM orgs) x
	CROSS JOIN LATERAL (VALUES (x.division), (quota.division_parent(x.division)),
							   (quota.division_parent(quota.division_parent(x.division))),
							   (quota.division_parent(quota.division_parent(quota.division_parent(x.division))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, x.category
)
SELECT j.division, j.name, ja.category, ja.level_held, ja.subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy, ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division = j.division
LEFT JOIN rolled r ON r.division = j.division AND r.category = ja.category
WHERE ja.subtree_held > 0 OR r.occupied > 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;

-- same rows?
SELECT v AS variant,
	   (SELECT count(*) FROM (SELECT * FROM quota.jurisdiction_status EXCEPT ALL SELECT * FROM bench.js_rows5) x)
	 + (SELECT count(*) FROM (SELECT * FROM bench.js_rows5 EXCEPT ALL SELECT * FROM quota.jurisdiction_status) x) AS diff_rows5,
	   (SELECT count(*) FROM (SELECT * FROM quota.jurisdiction_status EXCEPT ALL SELECT * FROM bench.js_v2) x)
	 + (SELECT count(*) FROM (SELECT * FROM bench.js_v2 EXCEPT ALL SELECT * FROM quota.jurisdiction_status) x) AS diff_v2,
	   (SELECT count(*) FROM (SELECT * FROM quota.jurisdiction_status EXCEPT ALL SELECT * FROM bench.js_v3) x)
	 + (SELECT count(*) FROM (SELECT * FROM bench.js_v3 EXCEPT ALL SELECT * FROM quota.jurisdiction_status) x) AS diff_v3
FROM (VALUES ('row differences (must be 0)')) t (v);

CREATE TEMP TABLE timing (variant text, ms numeric);
CREATE FUNCTION pg_temp.time_it(variant text, q text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	i int;
BEGIN
	EXECUTE q;	-- warm-up
	FOR i IN 1 .. 3 LOOP
		t0 := clock_timestamp();
		EXECUTE q;
		INSERT INTO timing VALUES (variant, extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
END
$$;
\o /dev/null
SELECT pg_temp.time_it('quota.jurisdiction_status (as installed)', 'SELECT * FROM quota.jurisdiction_status');
SELECT pg_temp.time_it('js_rows5: ancestors declared ROWS 5', 'SELECT * FROM bench.js_rows5');
SELECT pg_temp.time_it('js_v2: ancestors inline, bigint sums', 'SELECT * FROM bench.js_v2');
SELECT pg_temp.time_it('js_v3: js_v2 + per-jurisdiction org figures kept by triggers', 'SELECT * FROM bench.js_v3');
SET jit = off;
SELECT pg_temp.time_it('quota.jurisdiction_status, jit = off', 'SELECT * FROM quota.jurisdiction_status');
RESET jit;
\o
SELECT variant, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS median_ms
FROM timing GROUP BY variant ORDER BY min(ms) DESC;
