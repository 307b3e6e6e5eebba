-- src/views/status.sql: dashboards: standard_status, org_status, jurisdiction_status, violations
-- ---------------------------------------------------------------------------
-- Dashboards: status views, continuous supervision (violations) and the
-- auditor's re-verification of every balance from the ledger.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.division_ancestors(d quota.division) RETURNS SETOF quota.division
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1 ROWS 3 SET search_path = pg_catalog, pg_temp AS $$
	SELECT a FROM (VALUES (d), (quota.division_parent(d)),
						  (quota.division_parent(quota.division_parent(d))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(d)))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(d)))))) v (a)
	WHERE a IS NOT NULL
$$;
COMMENT ON FUNCTION quota.division_ancestors(quota.division) IS 'the division and each of its ancestors';

-- Every org measured against every standard of its sector, set-wise, in one
-- pass: every (org, standard, metric) row carries what the result needs, the
-- terms whose band holds the value join in, and one aggregate per
-- (org, standard) sums the two ends of their contributions, then rounds and
-- clamps once (quota.standard_term_bound, quota.standard_bounds: the pure C
-- core), with no join back and no arrays.
CREATE VIEW quota.standard_status AS
WITH cur AS (
	SELECT DISTINCT ON (m.org_id, m.metric) m.org_id, m.metric, m.value
	FROM quota.org_metric m
	WHERE m.as_of <= CURRENT_DATE
	ORDER BY m.org_id, m.metric, m.as_of DESC
), tot AS (
	SELECT a.org_id, sum(a.approved) AS approved FROM quota.org_account a WHERE a.category <> 'filed' GROUP BY a.org_id
), lead AS (
	SELECT la.org_id, sum(la.approved) AS approved FROM quota.leader_account la GROUP BY la.org_id
), ov AS (
	SELECT o.id AS org_id, s.code, s.name, s.mode, s.target, s.category, s.rounding, s.min_value, s.max_value,
		   CASE s.target
			   WHEN 'posts' THEN COALESCE(acc.approved, 0)
			   WHEN 'leaders' THEN COALESCE(lead.approved, 0)::integer
			   ELSE o.internal_units_approved END AS approved,
		   sm.metric,
		   (CASE WHEN sm.metric = 'approved_posts'
				 THEN COALESCE(CASE WHEN s.category IS NULL THEN tot.approved ELSE acc.approved END, 0)
				 ELSE cur.value END)::float8 AS v
	FROM quota.org o
	JOIN quota.standard s ON s.sector = o.sector
	JOIN (SELECT DISTINCT standard, metric FROM quota.standard_term) sm ON sm.standard = s.code
	LEFT JOIN quota.org_account acc ON acc.org_id = o.id AND acc.category = s.category
	LEFT JOIN cur ON cur.org_id = o.id AND cur.metric = sm.metric
	LEFT JOIN tot ON tot.org_id = o.id AND sm.metric = 'approved_posts' AND s.category IS NULL
	LEFT JOIN lead ON lead.org_id = o.id AND s.target = 'leaders'
	WHERE o.status = 'active'
)
SELECT x.org_id, x.code AS standard, x.name, x.mode, x.target, x.category, x.r[1] AS low, x.r[2] AS high, x.approved
FROM (
	-- name … max_value are the standard's and the org's own: one value per group
	SELECT ov.org_id, ov.code, min(ov.name) AS name, min(ov.mode) AS mode, min(ov.target) AS target,
		   min(ov.category) AS category, min(ov.approved) AS approved,
		   CASE WHEN bool_or(ov.v IS NULL) THEN NULL ELSE
		   quota.standard_bounds(
			   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.low_factor::float8, t.fixed_low::float8)), 0),
			   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.high_factor::float8, t.fixed_high::float8)), 0),
			   min(ov.rounding), min(ov.min_value), min(ov.max_value)) END AS r
	FROM ov
	LEFT JOIN quota.standard_term t ON t.standard = ov.code AND t.metric = ov.metric
		 AND ov.v >= t.band_from AND (t.band_to IS NULL OR ov.v < t.band_to)
	GROUP BY ov.org_id, ov.code
) x;
COMMENT ON VIEW quota.standard_status IS 'every active org measured against the standards of its sector: range (low, high; NULL without current metric values) and the approved figure';

CREATE VIEW quota.org_status AS
SELECT o.id AS org_id, o.name AS org_name, o.division, a.category,
	   a.approved, a.borrowed, a.occupied, a.reserved,
	   GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0) AS vacancy,
	   GREATEST(a.occupied OPERATOR(pg_catalog.-) a.approved OPERATOR(pg_catalog.-) a.borrowed, 0) AS over,
	   pg_catalog.round(a.occupied::numeric OPERATOR(pg_catalog./) NULLIF(a.approved, 0)::numeric, 4) AS usage_rate,
	   CASE WHEN ss.low IS NOT NULL THEN pg_catalog.int4range(ss.low, ss.high, '[]') END AS standard_posts,
	   ld.leaders_approved, ld.leaders_filled
FROM quota.org_account a
JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
-- set-wise, not a function call per row; a filter on org_id reaches both
LEFT JOIN quota.standard_status ss ON ss.org_id OPERATOR(pg_catalog.=) a.org_id
	 AND ss.target OPERATOR(pg_catalog.=) 'posts' AND ss.category OPERATOR(pg_catalog.=) a.category
LEFT JOIN (SELECT la.org_id, pg_catalog.sum(la.approved)::integer AS leaders_approved,
				  pg_catalog.sum(la.filled)::integer AS leaders_filled
			 FROM quota.leader_account la GROUP BY la.org_id) ld ON ld.org_id OPERATOR(pg_catalog.=) a.org_id
WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
  AND (a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.+) a.occupied OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.>) 0;
COMMENT ON VIEW quota.org_status IS 'one row per org and 编制 category it holds or occupies: approved, borrowed, occupied, reserved, vacancy (空编), over (超编), usage rate (占编率), standard range (active orgs, as quota.standard_status), leadership posts';

CREATE VIEW quota.jurisdiction_status AS
-- the subtree figures as of the last fold (src/ledger/figures.sql), plus the
-- deltas not folded yet summed into the jurisdiction and every ancestor
WITH unfolded AS (
	SELECT anc.a AS division, g.category, pg_catalog.sum(g.d_held) AS held,
		   pg_catalog.sum(g.d_unallocated) AS unallocated, pg_catalog.sum(g.d_reserve) AS reserve,
		   pg_catalog.sum(g.d_lent) AS lent, pg_catalog.sum(g.d_occupied) AS occupied,
		   pg_catalog.sum(g.d_vacancy) AS vacancy
	FROM quota.jurisdiction_figure_delta g
	-- quota.division_ancestors, inline: a SQL function that pins its search_path is
	-- not inlined, and calling it per row costs more than the rollup
	CROSS JOIN LATERAL (VALUES (g.division), (quota.division_parent(g.division)),
		(quota.division_parent(quota.division_parent(g.division))),
		(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))),
		(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))))) anc (a)
	WHERE anc.a IS NOT NULL
	GROUP BY anc.a, g.category
), rolled AS (
	SELECT COALESCE(f.division, u.division) AS division, COALESCE(f.category, u.category) AS category,
		   COALESCE(f.held, 0) OPERATOR(pg_catalog.+) COALESCE(u.held, 0) AS held,
		   COALESCE(f.unallocated, 0) OPERATOR(pg_catalog.+) COALESCE(u.unallocated, 0) AS unallocated,
		   COALESCE(f.reserve, 0) OPERATOR(pg_catalog.+) COALESCE(u.reserve, 0) AS reserve,
		   COALESCE(f.lent, 0) OPERATOR(pg_catalog.+) COALESCE(u.lent, 0) AS lent,
		   COALESCE(f.occupied, 0) OPERATOR(pg_catalog.+) COALESCE(u.occupied, 0) AS occupied,
		   COALESCE(f.vacancy, 0) OPERATOR(pg_catalog.+) COALESCE(u.vacancy, 0) AS vacancy
	FROM quota.jurisdiction_figure f
	FULL JOIN unfolded u ON u.division OPERATOR(pg_catalog.=) f.division AND u.category OPERATOR(pg_catalog.=) f.category
)
SELECT j.division, j.name, ja.category, ja.level_held, COALESCE(r.held, 0)::integer AS subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy,
	   ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division OPERATOR(pg_catalog.=) j.division
LEFT JOIN rolled r ON r.division OPERATOR(pg_catalog.=) j.division AND r.category OPERATOR(pg_catalog.=) ja.category
WHERE r.held OPERATOR(pg_catalog.>) 0 OR r.occupied OPERATOR(pg_catalog.>) 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;
COMMENT ON VIEW quota.jurisdiction_status IS 'per jurisdiction and category: posts held at its level and in its subtree, and subtree figures for pools (unallocated, reserve, lent) and orgs (occupied, vacancy), with its ceilings';


CREATE VIEW quota.violations AS
SELECT 'quota_code_mismatch'::text AS rule, 'org'::text AS subject_kind, o.id AS subject_id,
	   NULL::text AS category, quota.org_code_mismatch(o.uscc, o.division, o.kind) AS detail
FROM quota.org o
WHERE o.uscc IS NOT NULL AND quota.org_code_mismatch(o.uscc, o.division, o.kind) IS NOT NULL
UNION ALL
SELECT CASE WHEN EXISTS (SELECT 1 FROM quota.reform_excess re WHERE re.org_id OPERATOR(pg_catalog.=) a.org_id)
			THEN 'quota_reform_over_establishment' ELSE 'quota_over_establishment' END,
	   'org', a.org_id, a.category,
	   pg_catalog.format('超编: %s occupied, %s approved + %s borrowed; new entries are blocked until absorbed (只出不进).',
						 a.occupied, a.approved, a.borrowed)
FROM quota.org_account a
WHERE a.occupied OPERATOR(pg_catalog.>) (a.approved OPERATOR(pg_catalog.+) a.borrowed)
  AND a.category OPERATOR(pg_catalog.<>) 'filed'
UNION ALL
SELECT CASE WHEN EXISTS (SELECT 1 FROM quota.reform_excess re WHERE re.org_id OPERATOR(pg_catalog.=) la.org_id)
			THEN 'quota_reform_over_leadership' ELSE 'quota_leadership_exceeded' END,
	   'org', la.org_id, NULL::text,
	   pg_catalog.format('领导职数 %s: %s filled, %s approved; new appointments are blocked until absorbed.', la.post, la.filled, la.approved)
FROM quota.leader_account la
WHERE la.filled OPERATOR(pg_catalog.>) la.approved
UNION ALL
SELECT 'quota_headcount_cap', 'org', h.org_id, NULL::text,
	   pg_catalog.format('人员总量: %s 编制内 + %s 备案 staff, cap %s.', h.established_occupied, h.filed_occupied, h.headcount_cap)
FROM quota.headcount_status h
WHERE h.headroom OPERATOR(pg_catalog.<) 0
UNION ALL
-- 备案制 staff where no cap exists (e.g. carried into a merge target without one)
SELECT 'quota_headcount_cap', 'org', a.org_id, 'filed',
	   pg_catalog.format('%s 备案 staff at an org without a headcount cap (人员总量); filed staff only count against a cap.', a.occupied)
FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
WHERE a.category OPERATOR(pg_catalog.=) 'filed' AND a.occupied OPERATOR(pg_catalog.>) 0 AND o.headcount_cap IS NULL
UNION ALL
SELECT 'quota_internal_units', 'org', o.id, NULL::text,
	   pg_catalog.format('内设机构: %s units (%s comprehensive), %s approved.', u.n, u.nc, COALESCE(o.internal_units_approved::text, 'no number'))
FROM quota.org o
JOIN (SELECT org_id, pg_catalog.count(*) AS n, pg_catalog.count(*) FILTER (WHERE comprehensive) AS nc
	  FROM quota.internal_unit GROUP BY org_id) u ON u.org_id OPERATOR(pg_catalog.=) o.id
WHERE o.status OPERATOR(pg_catalog.=) 'active'
  AND (u.n OPERATOR(pg_catalog.>) o.internal_units_approved
	   OR u.nc OPERATOR(pg_catalog.>) GREATEST(1, pg_catalog.floor(quota.policy_value('comprehensive_unit_share')::numeric OPERATOR(pg_catalog.*) u.n)))
UNION ALL
SELECT CASE WHEN v.approved OPERATOR(pg_catalog.<) v.low THEN 'quota_standard_below'
			WHEN v.mode OPERATOR(pg_catalog.=) 'enforce' THEN 'quota_standard_exceeded'
			ELSE 'quota_standard_warning' END,
	   'org', v.org_id, v.category,
	   pg_catalog.format('编制标准 %s (%s, %s): range %s-%s, approved %s.', v.standard, v.name, v.target, v.low, v.high, v.approved)
FROM quota.standard_status v
WHERE v.low IS NOT NULL AND v.approved IS NOT NULL
  AND (v.approved OPERATOR(pg_catalog.<) v.low OR v.approved OPERATOR(pg_catalog.>) v.high)
UNION ALL
SELECT 'quota_loan_expired', 'loan', l.loan_id, l.category,
	   pg_catalog.format('Loan of %s posts from pool %s to org %s expired after %s; %s still outstanding (周转编制到期未还).',
						 l.amount, l.pool_id, l.org_id, l.expires_on, l.outstanding)
FROM quota.loan l
WHERE l.outstanding OPERATOR(pg_catalog.>) 0
  AND (l.expired OR l.expires_on OPERATOR(pg_catalog.<) CURRENT_DATE)
UNION ALL
SELECT 'quota_cap_exceeded', 'jurisdiction', NULL::bigint, ja.category,
	   pg_catalog.format('控制数 of %s: %s held at the level (ceiling %s), %s in the subtree (ceiling %s).',
						 ja.division, ja.level_held, ja.level_ceiling, ja.subtree_held, ja.subtree_ceiling)
FROM quota.jurisdiction_account ja
WHERE ja.level_held OPERATOR(pg_catalog.>) ja.level_ceiling OR ja.subtree_held OPERATOR(pg_catalog.>) ja.subtree_ceiling;
COMMENT ON VIEW quota.violations IS 'continuous supervision (常态化监管): every current breach or warning, one row each, named by rule';

