-- src/core/rules.sql: the rules of DESIGN.md §8 (quota.rule, their reporting order) and their one raiser for PL/pgSQL
-- The table of rules lives in C (src/ledger/ledger.c, beside the map of where
-- each rule is decided); SQL reads it here.  The C checks raise through it
-- directly, the PL/pgSQL checks through quota.raise_rule: the same error,
-- 23514 with the rule's constraint name, from the same code.

CREATE FUNCTION quota.rules(OUT name text, OUT rank integer, OUT zh text) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'quota_rules' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION quota.rules() IS 'the rules of DESIGN.md §8 in their reporting order, from the C table every raiser uses';

CREATE VIEW quota.rule AS
	SELECT r.name, r.rank, r.zh FROM quota.rules() r;
COMMENT ON VIEW quota.rule IS '规则: the rules of DESIGN.md §8; when a statement breaks several, the one of lowest rank is reported';
COMMENT ON COLUMN quota.rule.name IS '约束名: the constraint name an error carries (SQLSTATE 23514)';
COMMENT ON COLUMN quota.rule.rank IS '报告顺序: reporting order, 1 first';
COMMENT ON COLUMN quota.rule.zh IS '中文: the rule''s Chinese term';

-- raise a rule violation with its constraint name (DESIGN.md §8)
CREATE FUNCTION quota.raise_rule(rule text, tbl text, message text, detail text, hint text DEFAULT NULL) RETURNS void
	AS 'MODULE_PATHNAME', 'quota_raise_rule' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION quota.raise_rule(text, text, text, text, text) IS 'internal: raises SQLSTATE 23514 with the constraint name of a rule of quota.rule (the same error as the C checks)';

-- how a rule error names an org: 'org 30 (惠民县人民医院)' (the C checks' form), 'org 30'
-- when the caller's error text is redacted anyway or the caller may not read quota.org
CREATE FUNCTION quota.org_text(org_id bigint) RETURNS text
	AS 'MODULE_PATHNAME', 'quota_org_text_sql' LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION quota.org_text(bigint) IS 'internal: an org as a rule error names it, "org 30 (惠民县人民医院)", or "org 30" where no name is read (a caller subject to scopes, or without SELECT on quota.org)';
