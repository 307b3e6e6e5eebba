-- The rules of DESIGN.md §8 as one table (quota.rule), their one raiser for
-- PL/pgSQL (quota.raise_rule), and reference data instead of code: the rank
-- ladder (quota.rank) and which issuer kinds are central (quota.authority).
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- the §8 table, in its reporting order
SELECT rank, name, zh FROM quota.rule ORDER BY rank;

-- quota.raise_rule raises the rule's error: 23514 with its constraint name
DO $$
BEGIN
	PERFORM quota.raise_rule('quota_hiring', 'staff', 'a message', NULL);
EXCEPTION WHEN check_violation THEN
	DECLARE c text; t text; s text; d text;
	BEGIN
		GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME, t = TABLE_NAME, s = SCHEMA_NAME, d = PG_EXCEPTION_DETAIL;
		RAISE WARNING 'raised % on %.% (detail "%")', c, s, t, d;
	END;
END
$$;
-- a name that is not a rule is a bug, not a rule error
SELECT quota.raise_rule('quota_no_such_rule', 'staff', 'm', 'd');

-- the issuer-authority rule, the one C implementation SQL calls
SELECT may, central, issuer, d, quota.issuer_covers(may, central, issuer::quota.division, d::quota.division)
FROM (VALUES (true, false, '3716', '371602'), (true, false, '3716', '3716'), (true, false, '371602', '3716'),
			 (true, false, '3716', '3701'), (true, true, NULL, '3701'), (false, false, '3716', '371602'),
			 (false, true, NULL, '3716'), (true, false, '3716', NULL)) v (may, central, issuer, d);

BEGIN;
\set ON_ERROR_ROLLBACK on
INSERT INTO quota.jurisdiction VALUES ('65', '新疆维吾尔自治区'), ('6501', '乌鲁木齐市');
-- central issuer kinds are data: a new central kind needs no division, and is refused one
INSERT INTO quota.authority (issuer_kind, name, central, may_authorize, description)
VALUES ('central_test', '测试中央机关', true, true, 'a central issuer added at run time');
INSERT INTO quota.approval VALUES ('中央测〔2026〕1号', '测试', 'central_test', NULL, '2026-01-01', 'central');
INSERT INTO quota.approval VALUES ('中央测〔2026〕2号', '测试', 'central_test', '65', '2026-01-01', 'central with a division');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO quota.approval VALUES ('新编〔2026〕1号', '测试', 'committee', NULL, '2026-01-01', 'non-central without one');
\echo :LAST_ERROR_SQLSTATE
UPDATE quota.approval SET issuer_division = '65' WHERE doc_no = '中央测〔2026〕1号';
\echo :LAST_ERROR_SQLSTATE
SELECT doc_no, issuer_kind, issuer_division FROM quota.approval WHERE doc_no LIKE '中央测%' OR doc_no LIKE '新编%';

-- the rank ladder is a table: quota.rank_level reads it, org.rank and staff.post_rank name its rows
SELECT code, level, quota.rank_level(code) FROM quota.rank ORDER BY level DESC;
SELECT quota.rank_level(NULL) IS NULL AS no_rank, quota.rank_level('局') IS NULL AS unknown_rank;
INSERT INTO quota.org (id, name, division, kind, rank) OVERRIDING SYSTEM VALUE VALUES (96501, '测试局', '6501', 'government_organ', '局');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO quota.rank (code, level, name) VALUES ('一级', 10, 'a rank added at run time');
INSERT INTO quota.org (id, name, division, kind, rank) OVERRIDING SYSTEM VALUE VALUES (96501, '测试厅', '6501', 'government_organ', '一级');
SELECT id, rank, quota.rank_level(rank) FROM quota.org WHERE id = 96501;
ROLLBACK;
\set ON_ERROR_ROLLBACK off
