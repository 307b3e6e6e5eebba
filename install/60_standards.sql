-- ---------------------------------------------------------------------------
-- Standards (编制标准)
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.standard_posts(org_id bigint, category text) RETURNS pg_catalog.int4range
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::pg_catalog.int4range
$$;
COMMENT ON FUNCTION quota.standard_posts(bigint, text) IS 'the post range (inclusive) the org''s posts standard gives for a category, NULL without one';
