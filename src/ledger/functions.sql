-- src/ledger/functions.sql: ledger views and functions: pool_balance, loan_status, transfer
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
	IF from_org IS NULL OR to_org IS NULL OR category IS NULL OR doc_no IS NULL THEN
		RAISE EXCEPTION 'transfer needs a source org, a target org, a category and a document' USING ERRCODE = '22023',
			HINT = 'Call quota.transfer(from_org, to_org, category, amount, doc_no), optionally with the staff ids moving along.';
	END IF;
	IF amount IS NULL OR amount OPERATOR(pg_catalog.<=) 0 THEN
		RAISE EXCEPTION 'amount must be positive' USING ERRCODE = '22023',
			DETAIL = pg_catalog.format('amount is %s.', COALESCE(amount::pg_catalog.text, 'NULL')), HINT = 'Transfer one post or more.';
	END IF;
	IF pg_catalog.array_ndims(persons) OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION 'persons must be a one-dimensional array of staff ids' USING ERRCODE = '22023',
			HINT = 'Pass ARRAY[staff_id, ...] of the people moving with the posts (人随编走).';
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

