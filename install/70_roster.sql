-- ---------------------------------------------------------------------------
-- The real-name roster (实名制): staff, hiring approvals, leadership posts
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.leadership_figures(org_id bigint, OUT leaders_approved integer, OUT leaders_filled integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::integer, NULL::integer
$$;
COMMENT ON FUNCTION quota.leadership_figures(bigint) IS 'approved leadership posts (领导职数, chief + deputy) of an org and how many are filled';

CREATE FUNCTION quota.staff_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::bigint, NULL::text, NULL::bigint WHERE false
$$;
COMMENT ON FUNCTION quota.staff_counts() IS 'active staff per org and category, counted from the roster';

CREATE FUNCTION quota.reserved_counts(OUT org_id bigint, OUT category text, OUT n bigint) RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT NULL::bigint, NULL::text, NULL::bigint WHERE false
$$;
COMMENT ON FUNCTION quota.reserved_counts() IS 'vacancies reserved by open hiring approvals per org and category';
