-- src/ledger/authority.sql: the issuer-authority rule (quota_authority) for SQL writers: quota.issuer_covers and quota.authority_check
-- The rule is decided once, in C (src/ledger/authority.c, quota_issuer_covers):
-- the ledger trigger calls it directly, every SQL writer through
-- quota.issuer_covers -- set-wise (the roster entry trigger) or through
-- quota.authority_check (caps, hiring approvals, leadership, transfers,
-- reforms, and the entry trigger's report).

CREATE FUNCTION quota.issuer_covers(may_authorize boolean, central boolean, issuer_division quota.division, d quota.division) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_issuer_covers_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION quota.issuer_covers(boolean, boolean, quota.division, quota.division) IS
	'internal: an issuer (quota.authority.may_authorize, central; its division) may approve establishment matters in division d (the C rule of the ledger)';

-- the issuer of doc may approve a matter (what) of an org, cap, post or reform in division d
CREATE FUNCTION quota.authority_check(doc text, d quota.division, what text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	a record;
BEGIN
	SELECT ap.issuer_kind, ap.issuer_division, au.central, au.may_authorize INTO a
	  FROM quota.approval ap JOIN quota.authority au ON au.issuer_kind = ap.issuer_kind WHERE ap.doc_no = doc;
	IF NOT FOUND THEN
		PERFORM quota.raise_rule('quota_authority', 'approval', format('approval %s does not exist', doc),
			format('No approval document %s is registered in quota.approval; every %s names one (文号).', doc, what),
			'Register the approval first.');
	END IF;
	IF NOT quota.issuer_covers(a.may_authorize, a.central, a.issuer_division, d) THEN
		PERFORM quota.raise_rule('quota_authority', 'approval', format('the issuer of %s has no authority over this %s', doc, what),
			format('%s was issued by a %s at %s; the orgs are at %s.', doc, a.issuer_kind, COALESCE(a.issuer_division::text, 'the centre'), d));
	END IF;
END
$$;
COMMENT ON FUNCTION quota.authority_check(text, quota.division, text) IS 'internal: raises quota_authority unless the approval exists and its issuer covers the division (quota.issuer_covers)';
