-- src/views/verify.sql: quota.verify(): every balance and counter recomputed from the ledger and roster
CREATE FUNCTION quota.verify()
RETURNS TABLE (check_name text, subject text, expected bigint, actual bigint)
-- PL/pgSQL rather than SQL: its one query is planned once per session (a SQL
-- function that sets its search_path is planned again at every call), and
-- without JIT (a JIT compile costs more than the checks on most books); it
-- checks the whole books whoever runs it (quota_admin), so it must see every
-- row: it runs as the owner
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off AS $$
#variable_conflict use_column
BEGIN
	RETURN QUERY
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
			   COALESCE(s.n, 0) AS l_subtree, ja.subtree_held::bigint AS a_subtree, ja.subtree_ceiling
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
	-- occupied and reserved seats are counted from the roster and the open
	-- hiring approvals (staff or reservations with no account row count too)
	SELECT 'org_occupied', pg_catalog.format('org %s %s', COALESCE(a.org_id, s.org_id), COALESCE(a.category, s.category)),
		   COALESCE(s.n, 0), COALESCE(a.occupied, 0)::bigint
	FROM quota.org_account a
	FULL JOIN quota.staff_counts() s ON s.org_id = a.org_id AND s.category = a.category
	WHERE COALESCE(s.n, 0) <> COALESCE(a.occupied, 0) OR (a.org_id IS NULL AND s.n > 0)
	UNION ALL
	SELECT 'org_reserved', pg_catalog.format('org %s %s', COALESCE(a.org_id, s.org_id), COALESCE(a.category, s.category)),
		   COALESCE(s.n, 0), COALESCE(a.reserved, 0)::bigint
	FROM quota.org_account a
	FULL JOIN quota.reserved_counts() s ON s.org_id = a.org_id AND s.category = a.category
	WHERE COALESCE(s.n, 0) <> COALESCE(a.reserved, 0) OR (a.org_id IS NULL AND s.n > 0)
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
	-- a loan's terms are its lend row's: pool, org, category, amount, expiry (a loan row
	-- that is not a lend at all counts too)
	SELECT 'loan_terms', pg_catalog.format('loan %s', l.loan_id), 1::bigint, 0::bigint
	FROM quota.loan l
	LEFT JOIN quota.movement m ON m.id OPERATOR(pg_catalog.=) l.loan_id AND m.kind OPERATOR(pg_catalog.=) 'lend'
	WHERE m.id IS NULL OR l.pool_id IS DISTINCT FROM m.from_pool OR l.org_id IS DISTINCT FROM m.to_org
	   OR l.category IS DISTINCT FROM m.category OR l.amount IS DISTINCT FROM m.amount
	   OR l.expires_on IS DISTINCT FROM m.expires_on
	UNION ALL
	SELECT 'jurisdiction_level_held', pg_catalog.format('%s %s', division, category), l_level, a_level
	FROM level_cmp WHERE l_level OPERATOR(pg_catalog.<>) a_level
	UNION ALL
	SELECT 'jurisdiction_subtree_held', pg_catalog.format('%s %s', division, category), l_subtree, a_subtree
	-- kept exactly where a subtree cap is, and nowhere else
	FROM level_cmp WHERE CASE WHEN subtree_ceiling IS NULL THEN a_subtree IS NOT NULL
							  ELSE a_subtree IS DISTINCT FROM l_subtree END
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
	-- 领导职数: the approved figure is a copy of quota.leadership, the filled one
	-- counts active leaders (an account row missing on either side counts)
	SELECT 'leaders_approved', pg_catalog.format('org %s %s', COALESCE(la.org_id, l.org_id), COALESCE(la.post, l.post)),
		   COALESCE(l.approved, 0)::bigint, COALESCE(la.approved, 0)::bigint
	FROM quota.leader_account la
	FULL JOIN quota.leadership l ON l.org_id = la.org_id AND l.post = la.post
	WHERE COALESCE(l.approved, 0) <> COALESCE(la.approved, 0) OR (l.org_id IS NOT NULL AND la.org_id IS NULL)
	UNION ALL
	SELECT 'leaders_filled', pg_catalog.format('org %s %s', COALESCE(la.org_id, f.org_id), COALESCE(la.post, f.post)),
		   COALESCE(f.n, 0), COALESCE(la.filled, 0)::bigint
	FROM quota.leader_account la
	FULL JOIN (SELECT s.org_id, s.post, pg_catalog.count(*) AS n FROM quota.staff s
			   WHERE s.left_on IS NULL AND s.post <> 'staff' GROUP BY 1, 2) f
	  ON f.org_id = la.org_id AND f.post = la.post
	WHERE COALESCE(f.n, 0) <> COALESCE(la.filled, 0)
	UNION ALL
	-- a leader's rank (职级) is never above the rank (规格) of the org
	SELECT 'leader_rank', pg_catalog.format('staff %s', s.id),
		   quota.rank_level(o.rank)::bigint, quota.rank_level(s.post_rank)::bigint
	FROM quota.staff s JOIN quota.org o ON o.id = s.org_id
	WHERE s.left_on IS NULL AND quota.rank_level(s.post_rank) > quota.rank_level(o.rank)
	UNION ALL
	-- one post per person (一编一人): every active row holds its person's key, and
	-- every key points at an active row of that person
	SELECT 'person_key_missing', pg_catalog.format('staff %s', s.id), s.id, p.staff_id
	FROM quota.staff s
	LEFT JOIN quota.person_post p ON p.person_id = pg_catalog.upper(s.person_id) COLLATE "C"
	WHERE s.left_on IS NULL AND p.staff_id IS DISTINCT FROM s.id
	UNION ALL
	SELECT 'person_key_stale', pg_catalog.format('person %s', p.person_id), NULL::bigint, p.staff_id
	FROM quota.person_post p
	WHERE NOT EXISTS (SELECT 1 FROM quota.staff s
					  WHERE s.id = p.staff_id AND s.left_on IS NULL
						AND pg_catalog.upper(s.person_id) COLLATE "C" = p.person_id)
	UNION ALL
	-- 用编核准: every approval has its account; slots used are the roster rows that filled it
	-- (an entry undone by 容错纠错 gave its slot back)
	SELECT 'hiring_account_missing', pg_catalog.format('hiring %s', h.id), 1::bigint, 0::bigint
	FROM quota.hiring h
	WHERE NOT EXISTS (SELECT 1 FROM quota.hiring_account ha WHERE ha.hiring_id = h.id)
	UNION ALL
	SELECT 'hiring_used', pg_catalog.format('hiring %s', ha.hiring_id),
		   (SELECT pg_catalog.count(*) FROM quota.staff s WHERE s.hiring_id = ha.hiring_id AND NOT EXISTS (SELECT 1 FROM quota.staff_correction sc WHERE sc.staff_id = s.id AND sc.original_kind = 'entry')), ha.used::bigint
	FROM quota.hiring_account ha
	WHERE ha.used <> (SELECT pg_catalog.count(*) FROM quota.staff s WHERE s.hiring_id = ha.hiring_id AND NOT EXISTS (SELECT 1 FROM quota.staff_correction sc WHERE sc.staff_id = s.id AND sc.original_kind = 'entry'))
	UNION ALL
	-- 人才编制: a draw belongs to an active talent hire and is an open lend of
	-- one post from its jurisdiction's talent pool to the hire's org
	SELECT 'talent_draw', pg_catalog.format('staff %s', td.staff_id), td.loan_id, NULL::bigint
	FROM quota.talent_draw td
	LEFT JOIN quota.staff s ON s.id = td.staff_id
	LEFT JOIN quota.loan l ON l.loan_id = td.loan_id
	LEFT JOIN quota.pool p ON p.id = l.pool_id
	WHERE s.id IS NULL OR s.left_on IS NOT NULL OR l.loan_id IS NULL OR l.outstanding < 1
	   OR l.org_id <> s.org_id OR l.category <> s.category OR p.kind <> 'talent'
	UNION ALL
	SELECT 'talent_draw_missing', pg_catalog.format('loan %s', l.loan_id), 1::bigint, 0::bigint
	FROM quota.loan l JOIN quota.movement m ON m.id = l.loan_id
	WHERE l.outstanding > 0 AND m.note LIKE '人才编制: draw%'
	  AND NOT EXISTS (SELECT 1 FROM quota.talent_draw td WHERE td.loan_id = l.loan_id)
	UNION ALL
	-- every pool and every (jurisdiction, category) pair has its account, for
	-- categories added at run time too; ceilings are copies of quota.cap
	SELECT 'pool_account_missing', pg_catalog.format('pool %s', p.id), 1::bigint, 0::bigint
	FROM quota.pool p
	WHERE NOT EXISTS (SELECT 1 FROM quota.pool_account pa WHERE pa.pool_id = p.id)
	UNION ALL
	SELECT 'jurisdiction_account_missing', pg_catalog.format('%s %s', j.division, c.code), 1::bigint, 0::bigint
	FROM quota.jurisdiction j CROSS JOIN quota.category c
	WHERE c.code <> 'filed'
	  AND NOT EXISTS (SELECT 1 FROM quota.jurisdiction_account ja
					  WHERE ja.division = j.division AND ja.category = c.code)
	UNION ALL
	SELECT 'jurisdiction_ceiling', pg_catalog.format('%s %s %s', ja.division, ja.category, sc.scope),
		   sc.cap_ceiling::bigint, sc.account_ceiling::bigint
	FROM quota.jurisdiction_account ja
	CROSS JOIN LATERAL (VALUES
		('level', ja.level_ceiling,
		 (SELECT cp.ceiling FROM quota.cap cp WHERE cp.division = ja.division AND cp.category = ja.category AND cp.scope = 'level')),
		('subtree', ja.subtree_ceiling,
		 (SELECT cp.ceiling FROM quota.cap cp WHERE cp.division = ja.division AND cp.category = ja.category AND cp.scope = 'subtree'))
	) sc (scope, account_ceiling, cap_ceiling)
	WHERE sc.account_ceiling IS DISTINCT FROM sc.cap_ceiling
	UNION ALL
	-- the figures of quota.jurisdiction_status (src/ledger/figures.sql): the
	-- subtree figures folded plus the unfolded deltas equal what the accounts
	-- of each subtree hold
	SELECT 'jurisdiction_figures', pg_catalog.format('%s %s %s', fg.division, fg.category, fv.figure),
		   fv.expected, fv.actual
	FROM (SELECT COALESCE(k.division, a.division) AS division, COALESCE(k.category, a.category) AS category,
				 k.h AS kh, k.u AS ku, k.r AS kr, k.l AS kl, k.o AS ko, k.v AS kv,
				 a.h AS ah, a.u AS au, a.r AS ar, a.l AS al, a.o AS ao, a.v AS av
			FROM (SELECT x.division, x.category, pg_catalog.sum(x.h)::bigint AS h, pg_catalog.sum(x.u)::bigint AS u,
						 pg_catalog.sum(x.r)::bigint AS r, pg_catalog.sum(x.l)::bigint AS l,
						 pg_catalog.sum(x.o)::bigint AS o, pg_catalog.sum(x.v)::bigint AS v
					FROM (SELECT f.division, f.category, f.held AS h, f.unallocated AS u, f.reserve AS r, f.lent AS l,
								 f.occupied AS o, f.vacancy AS v
							FROM quota.jurisdiction_figure f
						  UNION ALL
						  SELECT anc.a, g.category, g.d_held, g.d_unallocated, g.d_reserve, g.d_lent, g.d_occupied, g.d_vacancy
							FROM quota.jurisdiction_figure_delta g
							CROSS JOIN LATERAL (VALUES (g.division), (quota.division_parent(g.division)),
						(quota.division_parent(quota.division_parent(g.division))),
						(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))),
						(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(g.division)))))) anc (a)
						   WHERE anc.a IS NOT NULL) x
				   GROUP BY x.division, x.category) k
			FULL JOIN (SELECT anc.a AS division, y.category, pg_catalog.sum(y.h)::bigint AS h, pg_catalog.sum(y.u)::bigint AS u,
							  pg_catalog.sum(y.r)::bigint AS r, pg_catalog.sum(y.l)::bigint AS l,
							  pg_catalog.sum(y.o)::bigint AS o, pg_catalog.sum(y.v)::bigint AS v
						 FROM (SELECT p.division, p.category, pa.balance + pa.lent AS h,
									  CASE WHEN p.kind = 'unallocated' THEN pa.balance ELSE 0 END AS u,
									  CASE WHEN p.kind = 'reserve' THEN pa.balance ELSE 0 END AS r,
									  pa.lent AS l, 0 AS o, 0 AS v
								 FROM quota.pool p JOIN quota.pool_account pa ON pa.pool_id = p.id
							   UNION ALL
							   SELECT o.division, oa.category, oa.approved, 0, 0, 0, oa.occupied,
									  GREATEST(oa.approved + oa.borrowed - oa.occupied - oa.reserved, 0)
								 FROM quota.org_account oa JOIN quota.org o ON o.id = oa.org_id
								WHERE oa.category <> 'filed') y
						 CROSS JOIN LATERAL (VALUES (y.division), (quota.division_parent(y.division)),
						(quota.division_parent(quota.division_parent(y.division))),
						(quota.division_parent(quota.division_parent(quota.division_parent(y.division)))),
						(quota.division_parent(quota.division_parent(quota.division_parent(quota.division_parent(y.division)))))) anc (a)
						WHERE anc.a IS NOT NULL
						GROUP BY anc.a, y.category) a
			  ON a.division = k.division AND a.category = k.category) fg
	CROSS JOIN LATERAL (VALUES ('held', COALESCE(fg.ah, 0), COALESCE(fg.kh, 0)),
							   ('unallocated', COALESCE(fg.au, 0), COALESCE(fg.ku, 0)),
							   ('reserve', COALESCE(fg.ar, 0), COALESCE(fg.kr, 0)),
							   ('lent', COALESCE(fg.al, 0), COALESCE(fg.kl, 0)),
							   ('occupied', COALESCE(fg.ao, 0), COALESCE(fg.ko, 0)),
							   ('vacancy', COALESCE(fg.av, 0), COALESCE(fg.kv, 0))) fv (figure, expected, actual)
	WHERE fv.expected <> fv.actual
	UNION ALL
	-- rows of quota.staff_pass and quota.reform_pass live only inside a reform call
	SELECT 'staff_pass_leftover', pg_catalog.format('staff %s', sp.staff_id), 0::bigint, 1::bigint
	FROM quota.staff_pass sp
	UNION ALL
	SELECT 'reform_pass_leftover', pg_catalog.format('org %s', rp.org_id), 0::bigint, 1::bigint
	FROM quota.reform_pass rp
	UNION ALL
	-- reform-generated excess is allowed only at the target of a merge under that document
	SELECT 'reform_excess', pg_catalog.format('org %s', re.org_id), 0::bigint, 1::bigint
	FROM quota.reform_excess re JOIN quota.org o ON o.id = re.org_id
	WHERE NOT EXISTS (SELECT 1 FROM quota.movement m JOIN quota.org src ON src.id = m.from_org
					  WHERE m.doc_no = re.doc_no AND m.to_org = re.org_id AND m.kind = 'transfer'
						AND src.status = 'merged')
	  -- (a merge of sources without posts of their own writes no ledger row)
	  AND NOT EXISTS (SELECT 1 FROM quota.org src
					  WHERE src.status = 'merged' AND src.division = o.division
						AND src.closed_on = re.recorded_at::date)
	UNION ALL
	-- the change records rebuild today's roster exactly (实名制 history)
	SELECT 'staff_history', pg_catalog.format('staff %s', COALESCE(s.id, h.staff_id)),
		   (s.id IS NOT NULL)::integer::bigint, (h.staff_id IS NOT NULL)::integer::bigint
	FROM (SELECT st.id, pg_catalog.upper(st.person_id) AS person_id, st.org_id, st.category, st.post
			FROM quota.staff st WHERE st.left_on IS NULL) s
	FULL JOIN quota.roster_at(CURRENT_DATE) h
	  ON h.staff_id = s.id AND h.person_id = s.person_id
	 AND h.org_id = s.org_id AND h.category = s.category
	 AND h.post = s.post
	WHERE s.id IS NULL OR h.staff_id IS NULL
	UNION ALL
	-- every org, category, document and hiring approval a roster row names exists
	-- (checked by the roster triggers, not by foreign keys; expected 1 = known)
	SELECT 'staff_reference', pg_catalog.format('staff %s', s.id), 1::bigint, 0::bigint
	FROM quota.staff s
	LEFT JOIN quota.org o ON o.id = s.org_id
	LEFT JOIN quota.category c ON c.code = s.category
	LEFT JOIN quota.approval d ON d.doc_no = s.entry_doc
	LEFT JOIN quota.approval cd ON cd.doc_no = s.change_doc
	LEFT JOIN quota.hiring h ON h.id = s.hiring_id
	WHERE o.id IS NULL OR c.code IS NULL OR d.doc_no IS NULL
	   OR (s.change_doc IS NOT NULL AND cd.doc_no IS NULL) OR (s.hiring_id IS NOT NULL AND h.id IS NULL)
	UNION ALL
	-- the known bypasses (DESIGN.md §9): disabled triggers, triggers and rules that
	-- are not the extension's, session_replication_role = replica
	SELECT 'trigger_disabled', pg_catalog.format('%s on %s', t.tgname, t.tgrelid::pg_catalog.regclass), 1::bigint, 0::bigint
	FROM pg_catalog.pg_trigger t
	JOIN pg_catalog.pg_class r ON r.oid = t.tgrelid
	WHERE r.relnamespace = 'quota'::pg_catalog.regnamespace
	  AND t.tgenabled = ANY (ARRAY['D', 'R']::"char"[])
	UNION ALL
	SELECT 'trigger_foreign', pg_catalog.format('%s on %s', t.tgname, t.tgrelid::pg_catalog.regclass), 0::bigint, 1::bigint
	FROM pg_catalog.pg_trigger t
	JOIN pg_catalog.pg_class r ON r.oid = t.tgrelid
	WHERE r.relnamespace = 'quota'::pg_catalog.regnamespace AND NOT t.tgisinternal
	  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
					  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = t.tgfoid
						AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
						AND d.deptype = 'e' AND e.extname = 'quota')
	UNION ALL
	SELECT 'rule_foreign', pg_catalog.format('%s on %s', w.rulename, w.ev_class::pg_catalog.regclass), 0::bigint, 1::bigint
	FROM pg_catalog.pg_rewrite w
	JOIN pg_catalog.pg_class r ON r.oid = w.ev_class
	WHERE r.relnamespace = 'quota'::pg_catalog.regnamespace AND r.relkind = ANY (ARRAY['r', 'p']::"char"[])
	UNION ALL
	SELECT 'replication_role', 'session_replication_role = replica disables the triggers', 0::bigint, 1::bigint
	WHERE pg_catalog.current_setting('session_replication_role') = 'replica'
	ORDER BY 1, 2;
END
$$;
COMMENT ON FUNCTION quota.verify() IS 'recomputes every balance and counter from the ledger and the roster; returns no rows when the books are consistent';
