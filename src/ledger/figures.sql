-- src/ledger/figures.sql: the figures of quota.jurisdiction_status kept by contention-free delta rows
-- ---------------------------------------------------------------------------
-- quota.jurisdiction_status gives, per jurisdiction and category, what the
-- pools and orgs of its subtree hold: unallocated and reserve balances, lent
-- posts, occupied seats and vacancy.  Summing every org and pool account at
-- every query is too slow at national scale (200k orgs); keeping the sums in
-- place would make every hire of a county update its county's row, so that
-- all hires of a county queue behind each other.  Instead every change of an
-- org or pool account appends its change of those figures to a table with no
-- key and no index (quota.figure_delta, C), at the account's jurisdiction;
-- quota.fold_jurisdiction_figures() adds the deltas into one row per
-- jurisdiction and category for the jurisdiction and each of its ancestors
-- (subtree figures: the view reads them as they are); run it every minute
-- or so where writes are heavy, e.g. from pg_cron.  quota.jurisdiction_status
-- adds the unfolded deltas at read time, so it is exact either way and only
-- its cost grows with what is unfolded.
-- ---------------------------------------------------------------------------

CREATE TABLE quota.jurisdiction_figure (
	division quota.division NOT NULL,
	category text NOT NULL,
	held integer NOT NULL DEFAULT 0,
	unallocated integer NOT NULL DEFAULT 0,
	reserve integer NOT NULL DEFAULT 0,
	lent integer NOT NULL DEFAULT 0,
	occupied integer NOT NULL DEFAULT 0,
	vacancy integer NOT NULL DEFAULT 0,
	PRIMARY KEY (division, category)
-- every fold updates rows in place: room on each page keeps the updates HOT
-- (no index entry, no bloat), and vacuum follows the folds closely
) WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
COMMENT ON TABLE quota.jurisdiction_figure IS 'internal: what the pools and orgs of each jurisdiction''s subtree hold (a division with or without a registered jurisdiction), as of the last quota.fold_jurisdiction_figures()';
COMMENT ON COLUMN quota.jurisdiction_figure.division IS 'the division whose subtree the figures cover';
COMMENT ON COLUMN quota.jurisdiction_figure.category IS 'the category';
COMMENT ON COLUMN quota.jurisdiction_figure.held IS 'posts held in the subtree: pools'' balance and lent posts, orgs'' approved posts';
COMMENT ON COLUMN quota.jurisdiction_figure.unallocated IS 'balance of the subtree''s unallocated pools';
COMMENT ON COLUMN quota.jurisdiction_figure.reserve IS 'balance of the subtree''s reserve pools';
COMMENT ON COLUMN quota.jurisdiction_figure.lent IS 'posts out on loan from the subtree''s pools';
COMMENT ON COLUMN quota.jurisdiction_figure.occupied IS 'occupied seats of the subtree''s orgs';
COMMENT ON COLUMN quota.jurisdiction_figure.vacancy IS 'vacancy of the subtree''s orgs: GREATEST(approved + borrowed - occupied - reserved, 0) per org account';

CREATE TABLE quota.jurisdiction_figure_delta (
	division quota.division NOT NULL,
	category text NOT NULL,
	d_held integer NOT NULL DEFAULT 0,
	d_unallocated integer NOT NULL DEFAULT 0,
	d_reserve integer NOT NULL DEFAULT 0,
	d_lent integer NOT NULL DEFAULT 0,
	d_occupied integer NOT NULL DEFAULT 0,
	d_vacancy integer NOT NULL DEFAULT 0
-- emptied by every fold: vacuumed soon after, so that the view's scan of the
-- unfolded deltas reads few pages, not the dead rows of the last fold
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
		autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000);
COMMENT ON TABLE quota.jurisdiction_figure_delta IS 'internal: one row per change of an org or pool account not yet folded into quota.jurisdiction_figure (appended only: no key, no index, no lock shared by two writers)';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.division IS 'the jurisdiction of the changed account''s org or pool';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.category IS 'the category';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.d_held IS 'change of the posts held: a pool''s balance + lent, an org account''s approved posts';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.d_unallocated IS 'change of an unallocated pool''s balance';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.d_reserve IS 'change of a reserve pool''s balance';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.d_lent IS 'change of a pool''s lent posts';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.d_occupied IS 'change of an org account''s occupied seats';
COMMENT ON COLUMN quota.jurisdiction_figure_delta.d_vacancy IS 'change of an org account''s vacancy';

REVOKE ALL ON quota.jurisdiction_figure, quota.jurisdiction_figure_delta FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('quota.jurisdiction_figure', '');
SELECT pg_catalog.pg_extension_config_dump('quota.jurisdiction_figure_delta', '');

CREATE FUNCTION quota.figure_delta() RETURNS trigger
	AS 'MODULE_PATHNAME', 'quota_figure_delta' LANGUAGE C;
COMMENT ON FUNCTION quota.figure_delta() IS 'appends an account''s change of the jurisdiction figures to quota.jurisdiction_figure_delta';
CREATE TRIGGER figure_delta AFTER INSERT OR UPDATE OR DELETE ON quota.org_account
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.figure_delta('org');
COMMENT ON TRIGGER figure_delta ON quota.org_account IS 'records the change of occupied seats and vacancy for quota.jurisdiction_status';
CREATE TRIGGER figure_delta AFTER INSERT OR UPDATE OR DELETE ON quota.pool_account
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.figure_delta('pool');
COMMENT ON TRIGGER figure_delta ON quota.pool_account IS 'records the change of balance and lent posts for quota.jurisdiction_status';

CREATE FUNCTION quota.org_divisions_changed() RETURNS void
	AS 'MODULE_PATHNAME', 'quota_org_divisions_changed' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION quota.org_divisions_changed() IS 'internal: an org moved to another jurisdiction; every session forgets where the orgs of its figure deltas are';
REVOKE ALL ON FUNCTION quota.org_divisions_changed() FROM PUBLIC;

-- Fold the deltas this transaction sees into the summary, in one statement:
-- DELETE ... RETURNING, summed per jurisdiction and category, added to the
-- summary rows in key order.  One fold at a time (a transaction-level
-- advisory lock; a second caller returns 0 at once).  A delta committed
-- meanwhile stays for the next fold.  Returns the number of deltas folded.
CREATE FUNCTION quota.fold_jurisdiction_figures() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	IF NOT pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtext('quota.fold_jurisdiction_figures')) THEN
		RETURN 0::bigint;
	END IF;
	WITH gone AS (
		DELETE FROM quota.jurisdiction_figure_delta RETURNING *
	), s AS (
		SELECT anc.a AS division, g.category, pg_catalog.sum(g.d_held) AS h, pg_catalog.sum(g.d_unallocated) AS u,
			   pg_catalog.sum(g.d_reserve) AS r, pg_catalog.sum(g.d_lent) AS l, pg_catalog.sum(g.d_occupied) AS o,
			   pg_catalog.sum(g.d_vacancy) AS v,
			   -- each delta counted once: at its own division
			   pg_catalog.count(*) FILTER (WHERE anc.a OPERATOR(pg_catalog.=) g.division) AS n
		FROM gone g
		CROSS JOIN LATERAL (VALUES (g.division), (quota.division_parent(g.division)),
			(quota.division_parent(quota.division_parent(g.division))),
			(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))),
			(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))))) anc (a)
		WHERE anc.a IS NOT NULL
		GROUP BY anc.a, g.category
	), ins AS (
		INSERT INTO quota.jurisdiction_figure AS t (division, category, held, unallocated, reserve, lent, occupied, vacancy)
		SELECT s.division, s.category, s.h, s.u, s.r, s.l, s.o, s.v FROM s
		 ORDER BY s.division, s.category
		ON CONFLICT (division, category) DO UPDATE
		   SET held = t.held OPERATOR(pg_catalog.+) excluded.held,
			   unallocated = t.unallocated OPERATOR(pg_catalog.+) excluded.unallocated,
			   reserve = t.reserve OPERATOR(pg_catalog.+) excluded.reserve,
			   lent = t.lent OPERATOR(pg_catalog.+) excluded.lent,
			   occupied = t.occupied OPERATOR(pg_catalog.+) excluded.occupied,
			   vacancy = t.vacancy OPERATOR(pg_catalog.+) excluded.vacancy
	)
	SELECT COALESCE(pg_catalog.sum(s.n), 0)::bigint INTO n FROM s;
	RETURN n;
END
$$;
COMMENT ON FUNCTION quota.fold_jurisdiction_figures() IS 'moves the unfolded deltas of the jurisdiction figures into quota.jurisdiction_figure (one fold at a time; returns how many); schedule it every minute or so where writes are heavy: quota.jurisdiction_status is exact either way, its cost grows with the unfolded deltas';
REVOKE ALL ON FUNCTION quota.fold_jurisdiction_figures() FROM PUBLIC;

-- rebuild the summary from the accounts (after a bypass that verify() reports)
CREATE FUNCTION quota.rebuild_jurisdiction_figures() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	LOCK TABLE quota.org_account, quota.pool_account IN SHARE MODE;
	DELETE FROM quota.jurisdiction_figure_delta;
	DELETE FROM quota.jurisdiction_figure;
	INSERT INTO quota.jurisdiction_figure (division, category, held, unallocated, reserve, lent, occupied, vacancy)
	SELECT anc.a, x.category, pg_catalog.sum(x.h), pg_catalog.sum(x.u), pg_catalog.sum(x.r), pg_catalog.sum(x.l),
		   pg_catalog.sum(x.o), pg_catalog.sum(x.v)
	FROM (SELECT p.division, p.category, pa.balance OPERATOR(pg_catalog.+) pa.lent AS h,
				 CASE WHEN p.kind OPERATOR(pg_catalog.=) 'unallocated' THEN pa.balance ELSE 0 END AS u,
				 CASE WHEN p.kind OPERATOR(pg_catalog.=) 'reserve' THEN pa.balance ELSE 0 END AS r,
				 pa.lent AS l, 0 AS o, 0 AS v
			FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id
		  UNION ALL
		  SELECT o.division, a.category, a.approved, 0, 0, 0, a.occupied,
				 GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied
						  OPERATOR(pg_catalog.-) a.reserved, 0)
			FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
		   WHERE a.category OPERATOR(pg_catalog.<>) 'filed') x
	CROSS JOIN LATERAL (VALUES (x.division), (quota.division_parent(x.division)),
			(quota.division_parent(quota.division_parent(x.division))),
			(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))),
			(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(x.division)))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, x.category;
END
$$;
COMMENT ON FUNCTION quota.rebuild_jurisdiction_figures() IS 'recomputes quota.jurisdiction_figure from the org and pool accounts (after a bypass of the triggers, as quota.verify() reports: jurisdiction_figures)';
REVOKE ALL ON FUNCTION quota.rebuild_jurisdiction_figures() FROM PUBLIC;
