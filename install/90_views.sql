-- ---------------------------------------------------------------------------
-- Dashboards: status views, continuous supervision (violations) and the
-- auditor's re-verification of every balance from the ledger.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.division_ancestors(d quota.division) RETURNS SETOF quota.division
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT a FROM (VALUES (d), (quota.division_parent(d)),
						  (quota.division_parent(quota.division_parent(d))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(d)))),
						  (quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(d)))))) v (a)
	WHERE a IS NOT NULL
$$;
COMMENT ON FUNCTION quota.division_ancestors(quota.division) IS 'the division and each of its ancestors';

CREATE VIEW quota.org_status AS
SELECT o.id AS org_id, o.name AS org_name, o.division, a.category,
	   a.approved, a.borrowed, a.occupied, a.reserved,
	   GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0) AS vacancy,
	   GREATEST(a.occupied OPERATOR(pg_catalog.-) a.approved OPERATOR(pg_catalog.-) a.borrowed, 0) AS over,
	   pg_catalog.round(a.occupied::numeric OPERATOR(pg_catalog./) NULLIF(a.approved, 0)::numeric, 4) AS usage_rate,
	   quota.standard_posts(o.id, a.category) AS standard_posts,
	   ld.leaders_approved, ld.leaders_filled
FROM quota.org_account a
JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
LEFT JOIN LATERAL quota.leadership_figures(o.id) ld ON true
WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
  AND (a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.+) a.occupied OPERATOR(pg_catalog.+) a.reserved) OPERATOR(pg_catalog.>) 0;
COMMENT ON VIEW quota.org_status IS 'one row per org and 编制 category it holds or occupies: approved, borrowed, occupied, reserved, vacancy (空编), over (超编), usage rate (占编率), standard range, leadership posts';

CREATE VIEW quota.jurisdiction_status AS
WITH pools AS (
	SELECT p.division, p.category,
		   pg_catalog.sum(CASE WHEN p.kind OPERATOR(pg_catalog.=) 'unallocated' THEN pa.balance ELSE 0 END) AS unallocated,
		   pg_catalog.sum(CASE WHEN p.kind OPERATOR(pg_catalog.=) 'reserve' THEN pa.balance ELSE 0 END) AS reserve,
		   pg_catalog.sum(pa.lent) AS lent,
		   0::numeric AS occupied, 0::numeric AS vacancy
	FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id
	GROUP BY p.division, p.category
), orgs AS (
	SELECT o.division, a.category, 0::numeric, 0::numeric, 0::numeric,
		   pg_catalog.sum(a.occupied),
		   pg_catalog.sum(GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied OPERATOR(pg_catalog.-) a.reserved, 0))
	FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
	WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
	GROUP BY o.division, a.category
), rolled AS (
	SELECT anc.a AS division, x.category,
		   pg_catalog.sum(x.unallocated) AS unallocated, pg_catalog.sum(x.reserve) AS reserve,
		   pg_catalog.sum(x.lent) AS lent, pg_catalog.sum(x.occupied) AS occupied,
		   pg_catalog.sum(x.vacancy) AS vacancy
	FROM (SELECT * FROM pools UNION ALL SELECT * FROM orgs) x
	CROSS JOIN LATERAL quota.division_ancestors(x.division) anc (a)
	GROUP BY anc.a, x.category
)
SELECT j.division, j.name, ja.category, ja.level_held, ja.subtree_held,
	   COALESCE(r.unallocated, 0)::bigint AS unallocated, COALESCE(r.reserve, 0)::bigint AS reserve,
	   COALESCE(r.lent, 0)::bigint AS lent, COALESCE(r.occupied, 0)::bigint AS occupied,
	   COALESCE(r.vacancy, 0)::bigint AS vacancy,
	   ja.level_ceiling, ja.subtree_ceiling
FROM quota.jurisdiction j
JOIN quota.jurisdiction_account ja ON ja.division OPERATOR(pg_catalog.=) j.division
LEFT JOIN rolled r ON r.division OPERATOR(pg_catalog.=) j.division AND r.category OPERATOR(pg_catalog.=) ja.category
WHERE ja.subtree_held OPERATOR(pg_catalog.>) 0 OR r.occupied OPERATOR(pg_catalog.>) 0 OR ja.level_ceiling IS NOT NULL OR ja.subtree_ceiling IS NOT NULL;
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
SELECT 'quota_internal_units', 'org', o.id, NULL::text,
	   pg_catalog.format('内设机构: %s units (%s comprehensive), %s approved.', u.n, u.nc, COALESCE(o.internal_units_approved::text, 'no number'))
FROM quota.org o
JOIN (SELECT org_id, pg_catalog.count(*) AS n, pg_catalog.count(*) FILTER (WHERE comprehensive) AS nc
	  FROM quota.internal_unit GROUP BY org_id) u ON u.org_id OPERATOR(pg_catalog.=) o.id
WHERE o.status OPERATOR(pg_catalog.=) 'active'
  AND (u.n OPERATOR(pg_catalog.>) o.internal_units_approved
	   OR u.nc OPERATOR(pg_catalog.>) GREATEST(1, pg_catalog.floor(quota.policy_value('comprehensive_unit_share')::numeric OPERATOR(pg_catalog.*) u.n)))
UNION ALL
SELECT CASE WHEN v.fig OPERATOR(pg_catalog.<) pg_catalog.lower(v.rng) THEN 'quota_standard_below'
			WHEN v.mode OPERATOR(pg_catalog.=) 'enforce' THEN 'quota_standard_exceeded'
			ELSE 'quota_standard_warning' END,
	   'org', v.org_id, v.category,
	   pg_catalog.format('编制标准 %s (%s, %s): range %s-%s, approved %s.', v.code, v.name, v.target,
						 pg_catalog.lower(v.rng), pg_catalog.upper(v.rng) OPERATOR(pg_catalog.-) 1, v.fig)
FROM (SELECT o.id AS org_id, s.code, s.name, s.mode, s.target, s.category,
			 quota.standard_eval(s.code, o.id) AS rng, quota.standard_figure(o.id, s.target, s.category) AS fig
	  FROM quota.org o JOIN quota.standard s ON s.sector OPERATOR(pg_catalog.=) o.sector
	  WHERE o.status OPERATOR(pg_catalog.=) 'active') v
WHERE v.rng IS NOT NULL AND v.fig IS NOT NULL
  AND (v.fig OPERATOR(pg_catalog.<) pg_catalog.lower(v.rng) OR v.fig OPERATOR(pg_catalog.>=) pg_catalog.upper(v.rng))
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

CREATE FUNCTION quota.verify()
RETURNS TABLE (check_name text, subject text, expected bigint, actual bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	WITH led AS (
		SELECT m.to_org AS org_id, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN 0 ELSE m.amount END AS approved,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN m.amount ELSE 0 END AS borrowed
		FROM quota.movement m WHERE m.to_org IS NOT NULL
		UNION ALL
		SELECT m.from_org, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN 0 ELSE OPERATOR(pg_catalog.-) m.amount END,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN OPERATOR(pg_catalog.-) m.amount ELSE 0 END
		FROM quota.movement m WHERE m.from_org IS NOT NULL
	), org_led AS (
		SELECT org_id, category, pg_catalog.sum(approved)::bigint AS approved, pg_catalog.sum(borrowed)::bigint AS borrowed
		FROM led GROUP BY org_id, category
	), org_cmp AS (
		SELECT COALESCE(l.org_id, a.org_id) AS org_id, COALESCE(l.category, a.category) AS category,
			   COALESCE(l.approved, 0) AS l_approved, COALESCE(a.approved, 0)::bigint AS a_approved,
			   COALESCE(l.borrowed, 0) AS l_borrowed, COALESCE(a.borrowed, 0)::bigint AS a_borrowed
		FROM org_led l FULL JOIN quota.org_account a
		  ON a.org_id OPERATOR(pg_catalog.=) l.org_id AND a.category OPERATOR(pg_catalog.=) l.category
	), pled AS (
		SELECT m.to_pool AS pool_id,
			   m.amount AS balance,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN OPERATOR(pg_catalog.-) m.amount ELSE 0 END AS lent
		FROM quota.movement m WHERE m.to_pool IS NOT NULL
		UNION ALL
		SELECT m.from_pool, OPERATOR(pg_catalog.-) m.amount,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN m.amount ELSE 0 END
		FROM quota.movement m WHERE m.from_pool IS NOT NULL
	), pool_cmp AS (
		SELECT pa.pool_id, COALESCE(x.balance, 0) AS l_balance, pa.balance::bigint AS a_balance,
			   COALESCE(x.lent, 0) AS l_lent, pa.lent::bigint AS a_lent
		FROM quota.pool_account pa
		LEFT JOIN (SELECT pool_id, pg_catalog.sum(balance)::bigint AS balance, pg_catalog.sum(lent)::bigint AS lent
				   FROM pled GROUP BY pool_id) x ON x.pool_id OPERATOR(pg_catalog.=) pa.pool_id
	), loan_cmp AS (
		SELECT l.loan_id, (m.amount OPERATOR(pg_catalog.-) COALESCE(r.repaid, 0))::bigint AS l_out, l.outstanding::bigint AS a_out
		FROM quota.loan l
		JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) l.loan_id
		LEFT JOIN (SELECT loan_id, pg_catalog.sum(amount) AS repaid FROM quota.movement
				   WHERE kind OPERATOR(pg_catalog.=) 'repay' GROUP BY loan_id) r ON r.loan_id OPERATOR(pg_catalog.=) l.loan_id
	), held AS (
		SELECT p.division, p.category, (pa.balance OPERATOR(pg_catalog.+) pa.lent)::bigint AS n
		FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id
		UNION ALL
		SELECT o.division, a.category, a.approved::bigint
		FROM quota.org_account a JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) a.org_id
	), level_cmp AS (
		SELECT ja.division, ja.category, COALESCE(h.n, 0) AS l_level, ja.level_held::bigint AS a_level,
			   COALESCE(s.n, 0) AS l_subtree, ja.subtree_held::bigint AS a_subtree
		FROM quota.jurisdiction_account ja
		LEFT JOIN (SELECT division, category, pg_catalog.sum(n)::bigint AS n FROM held GROUP BY 1, 2) h
		  ON h.division OPERATOR(pg_catalog.=) ja.division AND h.category OPERATOR(pg_catalog.=) ja.category
		LEFT JOIN (SELECT anc.a AS division, held.category, pg_catalog.sum(held.n)::bigint AS n
				   FROM held CROSS JOIN LATERAL quota.division_ancestors(held.division) anc (a)
				   GROUP BY 1, 2) s
		  ON s.division OPERATOR(pg_catalog.=) ja.division AND s.category OPERATOR(pg_catalog.=) ja.category
	)
	SELECT 'org_approved', pg_catalog.format('org %s %s', org_id, category), l_approved, a_approved
	FROM org_cmp WHERE l_approved OPERATOR(pg_catalog.<>) a_approved
	UNION ALL
	SELECT 'org_borrowed', pg_catalog.format('org %s %s', org_id, category), l_borrowed, a_borrowed
	FROM org_cmp WHERE l_borrowed OPERATOR(pg_catalog.<>) a_borrowed
	UNION ALL
	SELECT 'org_occupied', pg_catalog.format('org %s %s', a.org_id, a.category), COALESCE(s.n, 0), a.occupied::bigint
	FROM quota.org_account a
	LEFT JOIN quota.staff_counts() s ON s.org_id OPERATOR(pg_catalog.=) a.org_id AND s.category OPERATOR(pg_catalog.=) a.category
	WHERE COALESCE(s.n, 0) OPERATOR(pg_catalog.<>) a.occupied
	UNION ALL
	SELECT 'org_reserved', pg_catalog.format('org %s %s', a.org_id, a.category), COALESCE(s.n, 0), a.reserved::bigint
	FROM quota.org_account a
	LEFT JOIN quota.reserved_counts() s ON s.org_id OPERATOR(pg_catalog.=) a.org_id AND s.category OPERATOR(pg_catalog.=) a.category
	WHERE COALESCE(s.n, 0) OPERATOR(pg_catalog.<>) a.reserved
	UNION ALL
	SELECT 'pool_balance', pg_catalog.format('pool %s', pool_id), l_balance, a_balance
	FROM pool_cmp WHERE l_balance OPERATOR(pg_catalog.<>) a_balance
	UNION ALL
	SELECT 'pool_lent', pg_catalog.format('pool %s', pool_id), l_lent, a_lent
	FROM pool_cmp WHERE l_lent OPERATOR(pg_catalog.<>) a_lent
	UNION ALL
	SELECT 'loan_outstanding', pg_catalog.format('loan %s', loan_id), l_out, a_out
	FROM loan_cmp WHERE l_out OPERATOR(pg_catalog.<>) a_out
	UNION ALL
	SELECT 'loan_missing', pg_catalog.format('movement %s', m.id), m.amount::bigint, 0::bigint
	FROM quota.movement m
	WHERE m.kind OPERATOR(pg_catalog.=) 'lend'
	  AND NOT EXISTS (SELECT 1 FROM quota.loan l WHERE l.loan_id OPERATOR(pg_catalog.=) m.id)
	UNION ALL
	SELECT 'jurisdiction_level_held', pg_catalog.format('%s %s', division, category), l_level, a_level
	FROM level_cmp WHERE l_level OPERATOR(pg_catalog.<>) a_level
	UNION ALL
	SELECT 'jurisdiction_subtree_held', pg_catalog.format('%s %s', division, category), l_subtree, a_subtree
	FROM level_cmp WHERE l_subtree OPERATOR(pg_catalog.<>) a_subtree
	UNION ALL
	SELECT 'conservation', pg_catalog.format('category %s', c.code),
		   COALESCE((SELECT pg_catalog.sum(CASE WHEN m.kind OPERATOR(pg_catalog.=) 'issue' THEN m.amount ELSE OPERATOR(pg_catalog.-) m.amount END)
					 FROM quota.movement m
					 WHERE m.category OPERATOR(pg_catalog.=) c.code AND m.kind OPERATOR(pg_catalog.=) ANY (ARRAY['issue', 'retire'])), 0)::bigint,
		   (COALESCE((SELECT pg_catalog.sum(pa.balance OPERATOR(pg_catalog.+) pa.lent) FROM quota.pool_account pa
					  JOIN quota.pool p ON p.id OPERATOR(pg_catalog.=) pa.pool_id WHERE p.category OPERATOR(pg_catalog.=) c.code), 0)
			OPERATOR(pg_catalog.+)
			COALESCE((SELECT pg_catalog.sum(a.approved) FROM quota.org_account a WHERE a.category OPERATOR(pg_catalog.=) c.code), 0))::bigint
	FROM quota.category c
	WHERE COALESCE((SELECT pg_catalog.sum(CASE WHEN m.kind OPERATOR(pg_catalog.=) 'issue' THEN m.amount ELSE OPERATOR(pg_catalog.-) m.amount END)
					FROM quota.movement m
					WHERE m.category OPERATOR(pg_catalog.=) c.code AND m.kind OPERATOR(pg_catalog.=) ANY (ARRAY['issue', 'retire'])), 0)
		  OPERATOR(pg_catalog.<>)
		  (COALESCE((SELECT pg_catalog.sum(pa.balance OPERATOR(pg_catalog.+) pa.lent) FROM quota.pool_account pa
					JOIN quota.pool p ON p.id OPERATOR(pg_catalog.=) pa.pool_id WHERE p.category OPERATOR(pg_catalog.=) c.code), 0)
		  OPERATOR(pg_catalog.+)
		  COALESCE((SELECT pg_catalog.sum(a.approved) FROM quota.org_account a WHERE a.category OPERATOR(pg_catalog.=) c.code), 0))
	UNION ALL
	SELECT 'leaders_filled', pg_catalog.format('org %s %s', COALESCE(la.org_id, f.org_id), COALESCE(la.post, f.post)),
		   COALESCE(f.n, 0), COALESCE(la.filled, 0)::bigint
	FROM quota.leader_account la
	FULL JOIN (SELECT s.org_id, s.post, pg_catalog.count(*) AS n FROM quota.staff s
			   WHERE s.left_on IS NULL AND s.post OPERATOR(pg_catalog.<>) 'staff' GROUP BY 1, 2) f
	  ON f.org_id OPERATOR(pg_catalog.=) la.org_id AND f.post OPERATOR(pg_catalog.=) la.post
	WHERE COALESCE(f.n, 0) OPERATOR(pg_catalog.<>) COALESCE(la.filled, 0)
	UNION ALL
	SELECT 'one_post_per_person', 'active staff vs person keys',
		   (SELECT pg_catalog.count(*) FROM quota.staff WHERE left_on IS NULL),
		   (SELECT pg_catalog.count(*) FROM quota.person_post p JOIN quota.staff s
			  ON s.id OPERATOR(pg_catalog.=) p.staff_id AND s.left_on IS NULL
			 AND pg_catalog.upper(s.person_id) OPERATOR(pg_catalog.=) p.person_id)
	WHERE (SELECT pg_catalog.count(*) FROM quota.staff WHERE left_on IS NULL) OPERATOR(pg_catalog.<>)
		  (SELECT pg_catalog.count(*) FROM quota.person_post p JOIN quota.staff s
			  ON s.id OPERATOR(pg_catalog.=) p.staff_id AND s.left_on IS NULL
			 AND pg_catalog.upper(s.person_id) OPERATOR(pg_catalog.=) p.person_id)
	UNION ALL
	SELECT 'hiring_used', pg_catalog.format('hiring %s', ha.hiring_id),
		   (SELECT pg_catalog.count(*) FROM quota.staff s WHERE s.hiring_id OPERATOR(pg_catalog.=) ha.hiring_id), ha.used::bigint
	FROM quota.hiring_account ha
	WHERE ha.used OPERATOR(pg_catalog.<>) (SELECT pg_catalog.count(*) FROM quota.staff s WHERE s.hiring_id OPERATOR(pg_catalog.=) ha.hiring_id)
	UNION ALL
	SELECT 'trigger_disabled', pg_catalog.format('%s on %s', t.tgname, t.tgrelid::pg_catalog.regclass), 1::bigint, 0::bigint
	FROM pg_catalog.pg_trigger t
	JOIN pg_catalog.pg_class r ON r.oid OPERATOR(pg_catalog.=) t.tgrelid
	WHERE r.relnamespace OPERATOR(pg_catalog.=) 'quota'::pg_catalog.regnamespace AND NOT t.tgisinternal
	  AND t.tgenabled OPERATOR(pg_catalog.=) ANY (ARRAY['D', 'R']::"char"[])
	UNION ALL
	SELECT 'replication_role', 'session_replication_role = replica disables the triggers', 0::bigint, 1::bigint
	WHERE pg_catalog.current_setting('session_replication_role') OPERATOR(pg_catalog.=) 'replica'
	ORDER BY 1, 2
$$;
COMMENT ON FUNCTION quota.verify() IS 'recomputes every balance and counter from the ledger and the roster; returns no rows when the books are consistent';
