-- src/ledger/functions.sql: ledger views and functions: pool_balance, loan_status, transfer, establishment_at
-- ---------------------------------------------------------------------------
-- Ledger functions and dashboard views
-- ---------------------------------------------------------------------------

CREATE VIEW quota.pool_balance AS
SELECT p.id AS pool_id, p.division, p.kind, p.category, pa.balance, pa.lent
FROM quota.pool p
JOIN quota.pool_account pa ON pa.pool_id OPERATOR(pg_catalog.=) p.id;
COMMENT ON VIEW quota.pool_balance IS 'posts in each pool: balance (free to move) and lent (out on loan, still the pool''s)';

CREATE VIEW quota.loan_status AS
SELECT l.loan_id, l.pool_id, l.org_id, l.category, l.amount, l.outstanding, l.expires_on,
	   CASE WHEN l.outstanding OPERATOR(pg_catalog.=) 0 THEN 'closed'
			WHEN l.expired OR l.expires_on OPERATOR(pg_catalog.<) CURRENT_DATE THEN 'expired'
			ELSE 'open' END AS state
FROM quota.loan l;
COMMENT ON VIEW quota.loan_status IS 'every loan (lend movement) with what is still outstanding; state open, expired or closed';

CREATE FUNCTION quota.transfer(from_org bigint, to_org bigint, category text, amount integer, doc_no text,
							   persons bigint[] DEFAULT '{}') RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	mid bigint;
BEGIN
	IF amount IS NULL OR amount OPERATOR(pg_catalog.<=) 0 THEN
		RAISE EXCEPTION 'amount must be positive' USING ERRCODE = '22023';
	END IF;
	IF persons IS NOT NULL AND pg_catalog.cardinality(persons) OPERATOR(pg_catalog.>) 0 THEN
		RETURN quota.transfer_with_persons(from_org, to_org, category, amount, doc_no, persons);
	END IF;
	INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no)
	VALUES ('transfer', category, amount, from_org, to_org, doc_no)
	RETURNING id INTO mid;
	RETURN mid;
END
$$;
COMMENT ON FUNCTION quota.transfer(bigint, bigint, text, integer, text, bigint[]) IS '编随事转 with 人随编走: moves posts (and the named staff) from one org to another in one step; returns the movement id';

CREATE FUNCTION quota.establishment_at(as_of date)
RETURNS TABLE (org_id bigint, category text, approved integer, borrowed integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT e.org_id, e.category, pg_catalog.sum(e.approved)::integer, pg_catalog.sum(e.borrowed)::integer
	FROM (
		SELECT m.to_org AS org_id, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN 0 ELSE m.amount END AS approved,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'lend' THEN m.amount ELSE 0 END AS borrowed
		FROM quota.movement m
		WHERE m.to_org IS NOT NULL AND m.effective_on OPERATOR(pg_catalog.<=) as_of
		UNION ALL
		SELECT m.from_org, m.category,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN 0 ELSE OPERATOR(pg_catalog.-) m.amount END,
			   CASE WHEN m.kind OPERATOR(pg_catalog.=) 'repay' THEN OPERATOR(pg_catalog.-) m.amount ELSE 0 END
		FROM quota.movement m
		WHERE m.from_org IS NOT NULL AND m.effective_on OPERATOR(pg_catalog.<=) as_of
	) e
	GROUP BY e.org_id, e.category
	HAVING pg_catalog.sum(e.approved) OPERATOR(pg_catalog.>) 0 OR pg_catalog.sum(e.borrowed) OPERATOR(pg_catalog.>) 0
	ORDER BY 1, 2
$$;
COMMENT ON FUNCTION quota.establishment_at(date) IS 'the books as of a date, rebuilt from the ledger by effective_on: approved and borrowed posts per org and category';
