-- src/standards/eval.sql: standard evaluation: ranges from terms and metrics, checks against them
CREATE FUNCTION quota.standard_term_bound(v float8, per_post float8, factor float8, fixed float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'quota_standard_term_bound' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.standard_term_bound(float8, float8, float8, float8) IS
	'internal: one end of an applying term''s contribution, fixed + v/per_post or fixed + v*factor (pure C core); NULL without a term';
CREATE FUNCTION quota.standard_bounds(sum_lo float8, sum_hi float8, rounding text, min_value integer, max_value integer) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'quota_standard_bounds' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.standard_bounds(float8, float8, text, integer, integer) IS
	'internal: a summed range rounded once and clamped, {low, high} (pure C core)';

-- the current value of a metric; approved_posts is derived (category NULL: all categories)
CREATE FUNCTION quota.metric_value(o bigint, m text, c text) RETURNS numeric
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (
		SELECT CASE WHEN m = 'approved_posts' THEN
			(SELECT COALESCE(sum(a.approved), 0)::numeric FROM quota.org_account a
			  WHERE a.org_id = o AND (c IS NULL OR a.category = c) AND a.category <> 'filed')
		ELSE
			(SELECT mv.value FROM quota.org_metric mv WHERE mv.org_id = o AND mv.metric = m AND mv.as_of <= CURRENT_DATE
			  ORDER BY mv.as_of DESC LIMIT 1)
		END
	);
END
$$;
COMMENT ON FUNCTION quota.metric_value(bigint, text, text) IS 'the current value of an org''s metric (latest as_of not after today); approved_posts is derived';

CREATE FUNCTION quota.standard_eval(code text, o bigint) RETURNS pg_catalog.int4range
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	-- the arithmetic of quota.standard_status, for one org: the org's value of each
	-- metric, the terms whose band holds it, both ends summed, finished once
	RETURN (
		SELECT CASE WHEN r IS NULL THEN NULL ELSE int4range(r[1], r[2], '[]') END
		FROM (
			SELECT CASE WHEN bool_or(ov.v IS NULL) THEN NULL ELSE
				   quota.standard_bounds(
					   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.low_factor::float8, t.fixed_low::float8)), 0),
					   COALESCE(sum(quota.standard_term_bound(ov.v, t.per_post::float8, t.high_factor::float8, t.fixed_high::float8)), 0),
					   s.rounding, s.min_value, s.max_value) END AS r
			FROM quota.standard s
			JOIN (SELECT DISTINCT st.standard, st.metric FROM quota.standard_term st) sm ON sm.standard = s.code
			CROSS JOIN LATERAL (SELECT quota.metric_value(o, sm.metric, s.category)::float8 AS v) ov
			LEFT JOIN quota.standard_term t ON t.standard = s.code AND t.metric = sm.metric
				 AND ov.v >= t.band_from AND (t.band_to IS NULL OR ov.v < t.band_to)
			WHERE s.code = standard_eval.code
			GROUP BY s.code, s.rounding, s.min_value, s.max_value
		) x
	);
END
$$;
COMMENT ON FUNCTION quota.standard_eval(text, bigint) IS 'the range (inclusive bounds) a standard gives an org, NULL when a metric has no current value';

CREATE FUNCTION quota.standard_posts(org_id bigint, category text) RETURNS pg_catalog.int4range
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT quota.standard_eval(s.code, o.id) FROM quota.org o
	JOIN quota.standard s ON s.sector = o.sector AND s.target = 'posts' AND s.category = standard_posts.category
	WHERE o.id = standard_posts.org_id
$$;
COMMENT ON FUNCTION quota.standard_posts(bigint, text) IS 'the post range (inclusive bounds) the org''s posts standard gives for a category, NULL without one';

CREATE FUNCTION quota.standard_range(org_id bigint, target text) RETURNS pg_catalog.int4range
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT quota.standard_eval(s.code, o.id) FROM quota.org o
	JOIN quota.standard s ON s.sector = o.sector AND s.target = standard_range.target AND s.category IS NULL
	WHERE o.id = standard_range.org_id
$$;
COMMENT ON FUNCTION quota.standard_range(bigint, text) IS 'the range (inclusive bounds) of the org''s leaders or internal_units standard, NULL without one';

-- the org's current figure for a target
CREATE FUNCTION quota.standard_figure(o bigint, tgt text, c text) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	RETURN (
		SELECT CASE tgt
			WHEN 'posts' THEN (SELECT COALESCE(sum(approved), 0)::integer FROM quota.org_account WHERE org_id = o AND category = c)
			WHEN 'leaders' THEN (SELECT COALESCE(sum(approved), 0)::integer FROM quota.leader_account WHERE org_id = o)
			ELSE (SELECT internal_units_approved FROM quota.org WHERE id = o) END
	);
END
$$;
COMMENT ON FUNCTION quota.standard_figure(bigint, text, text) IS 'approved posts, leadership posts (chief + deputy) or internal units approved of an org';

-- NULL when within the standard (or none applies); the detail of the breach for an
-- enforce standard; warn standards raise a WARNING and return NULL
CREATE FUNCTION quota.standard_check(o bigint, tgt text, c text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	st record;
	rng int4range;
	fig integer;
BEGIN
	SELECT s.code, s.name, s.mode INTO st FROM quota.standard s JOIN quota.org org ON org.sector = s.sector
	 WHERE org.id = o AND s.target = tgt AND s.category IS NOT DISTINCT FROM c AND s.mode <> 'report';
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	rng := quota.standard_eval(st.code, o);
	fig := quota.standard_figure(o, tgt, c);
	IF rng IS NULL OR fig IS NULL OR fig <= upper(rng) - 1 THEN
		RETURN NULL;
	END IF;
	IF st.mode = 'warn' THEN
		RAISE WARNING 'org % is above its staffing standard for %', o, COALESCE(c, tgt)
			USING DETAIL = format('编制标准 %s (%s): range %s-%s, approved %s.', st.code, st.name, lower(rng), upper(rng) - 1, fig);
		RETURN NULL;
	END IF;
	RETURN format('编制标准 %s (%s): range %s-%s, approved would be %s.', st.code, st.name, lower(rng), upper(rng) - 1, fig);
END
$$;
COMMENT ON FUNCTION quota.standard_check(bigint, text, text) IS 'checks an org''s figure against its standard: detail of an enforce breach, WARNING for warn';

