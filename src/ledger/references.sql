-- src/ledger/references.sql: an unknown reference is a named error at the statement, never a raw 23503
-- ---------------------------------------------------------------------------
-- A row that names an org, category, jurisdiction, document ... that does not
-- exist is refused by the statement that wrote it, with SQLSTATE 23514 and a
-- constraint name a client can act on: the rule of DESIGN §8 that fits (an
-- unknown org is quota_org_inactive: it is not an active org; an unknown
-- category or org kind is quota_category_mismatch; an unknown issuer kind or
-- document is quota_authority), or, where no rule fits, the name of the
-- foreign key itself (an unknown jurisdiction, standard or grade).  The
-- foreign keys stay (PostgreSQL still guarantees them); these BEFORE row
-- triggers run first and hold the referenced row FOR KEY SHARE, as the key's
-- own check would.  The ledger and the roster have no row-level keys: their
-- statement triggers check and lock what a row names (quota_movement_shape,
-- quota_category_mismatch, quota_authority).  Skipped while a dump is restored.
--
-- The other side -- deleting or re-keying a referenced row -- is refused by
-- the referenced table's guard (55000) before its key would speak.
-- ---------------------------------------------------------------------------

-- does the ledger name this org, pool or category? (latest snapshot: the
-- ledger has no keys to them, and a guard under REPEATABLE READ must see a
-- movement that committed while it waited for the row, as a key would)
CREATE FUNCTION quota.movement_names(what text, key text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'quota_movement_names' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION quota.movement_names(text, text) IS 'internal: whether a movement names the org, pool or category (what) with this key, read with the latest snapshot';
REVOKE ALL ON FUNCTION quota.movement_names(text, text) FROM PUBLIC;

-- TG_ARGV: groups of (name to raise, column, referenced table, referenced
-- column, what it is called), checked in order; an UPDATE checks only the
-- columns it changes
CREATE FUNCTION quota.reference_known() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	i integer := 0;
	val text;
	known boolean;
	zh text;
BEGIN
	WHILE i OPERATOR(pg_catalog.<) TG_NARGS LOOP
		EXECUTE pg_catalog.format(
			'SELECT ($1).%1$I::pg_catalog.text, ($1).%1$I IS NULL OR ($1).%1$I IS NOT DISTINCT FROM ($2).%1$I'
			' OR EXISTS (SELECT FROM quota.%2$I r WHERE r.%3$I OPERATOR(pg_catalog.=) ($1).%1$I FOR KEY SHARE)',
			TG_ARGV[i OPERATOR(pg_catalog.+) 1], TG_ARGV[i OPERATOR(pg_catalog.+) 2], TG_ARGV[i OPERATOR(pg_catalog.+) 3])
		  INTO val, known USING NEW, OLD;
		IF NOT known THEN
			-- what happened ("no org 999999 is registered"); where the error carries a rule of
			-- DESIGN §8 (an unknown org is quota_org_inactive), the rule's term and why it applies
			zh := (SELECT r.zh FROM quota.rule r WHERE r.name OPERATOR(pg_catalog.=) TG_ARGV[i]);
			RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = TG_ARGV[i], SCHEMA = 'quota', TABLE = TG_TABLE_NAME,
				COLUMN = TG_ARGV[i OPERATOR(pg_catalog.+) 1],
				MESSAGE = pg_catalog.format('no %s %s is registered', TG_ARGV[i OPERATOR(pg_catalog.+) 4], val)
						  OPERATOR(pg_catalog.||) CASE WHEN zh IS NOT NULL THEN pg_catalog.format(' (rule %s)', zh) ELSE '' END,
				DETAIL = pg_catalog.format('quota.%s.%s names %s %s; no such row is registered in quota.%s.', TG_TABLE_NAME,
										   TG_ARGV[i OPERATOR(pg_catalog.+) 1], TG_ARGV[i OPERATOR(pg_catalog.+) 4], val,
										   TG_ARGV[i OPERATOR(pg_catalog.+) 2])
						 OPERATOR(pg_catalog.||) CASE WHEN zh IS NOT NULL
												 THEN pg_catalog.format(' An unknown %s is refused under rule %s (%s).',
																		TG_ARGV[i OPERATOR(pg_catalog.+) 4], TG_ARGV[i], zh)
												 ELSE '' END,
				HINT = pg_catalog.format('Register the %s in quota.%s first, or name one that exists.',
										 TG_ARGV[i OPERATOR(pg_catalog.+) 4], TG_ARGV[i OPERATOR(pg_catalog.+) 2]);
		END IF;
		i := i OPERATOR(pg_catalog.+) 5;
	END LOOP;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.reference_known() IS 'refuses a row that names a row that does not exist (23514 with the rule or key name of each reference in TG_ARGV), at the statement; holds the named rows FOR KEY SHARE';

DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT * FROM (VALUES
			('approval', ARRAY['quota_authority', 'issuer_kind', 'authority', 'issuer_kind', 'issuer kind']),
			('org', ARRAY['org_division_fkey', 'division', 'jurisdiction', 'division', 'jurisdiction',
						  'quota_org_inactive', 'parent_id', 'org', 'id', 'org',
						  'quota_category_mismatch', 'kind', 'org_kind', 'code', 'org kind']),
			('pool', ARRAY['pool_division_fkey', 'division', 'jurisdiction', 'division', 'jurisdiction',
						   'quota_category_mismatch', 'category', 'category', 'code', 'category']),
			('cap', ARRAY['cap_division_fkey', 'division', 'jurisdiction', 'division', 'jurisdiction',
						  'quota_category_mismatch', 'category', 'category', 'code', 'category']),
			('hiring', ARRAY['quota_authority', 'doc_no', 'approval', 'doc_no', 'approval',
							 'quota_org_inactive', 'org_id', 'org', 'id', 'org',
							 'quota_category_mismatch', 'category', 'category', 'code', 'category']),
			('leadership', ARRAY['quota_org_inactive', 'org_id', 'org', 'id', 'org']),
			('internal_unit', ARRAY['quota_org_inactive', 'org_id', 'org', 'id', 'org']),
			('duty', ARRAY['quota_org_inactive', 'org_id', 'org', 'id', 'org']),
			('org_metric', ARRAY['quota_org_inactive', 'org_id', 'org', 'id', 'org']),
			('standard', ARRAY['quota_category_mismatch', 'category', 'category', 'code', 'category']),
			('standard_term', ARRAY['standard_term_standard_fkey', 'standard', 'standard', 'code', 'standard']),
			('category_use', ARRAY['quota_category_mismatch', 'category', 'category', 'code', 'category',
								   'quota_category_mismatch', 'org_kind', 'org_kind', 'code', 'org kind']),
			('evaluation', ARRAY['evaluation_grade_fkey', 'grade', 'grade', 'code', 'grade',
								 'quota_authority', 'doc_no', 'approval', 'doc_no', 'approval',
								 'quota_org_inactive', 'org_id', 'org', 'id', 'org']),
			('evaluation_policy', ARRAY['evaluation_policy_grade_fkey', 'grade', 'grade', 'code', 'grade'])) v (t, args)
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON quota.%I FOR EACH ROW WHEN (NOT quota.restoring()) '
								  'EXECUTE FUNCTION quota.reference_known(%s)', r.t || '_known', r.t,
								  (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(a), ', ') FROM pg_catalog.unnest(r.args) a));
		EXECUTE pg_catalog.format('COMMENT ON TRIGGER %I ON quota.%I IS %L', r.t || '_known', r.t,
								  'an unknown reference is refused at the statement with a named error (23514), not a raw 23503');
	END LOOP;
END
$$;

-- a standard's code is fixed while its terms name it
CREATE FUNCTION quota.standard_code_kept() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NEW.code OPERATOR(pg_catalog.<>) OLD.code
	   AND EXISTS (SELECT FROM quota.standard_term WHERE standard OPERATOR(pg_catalog.=) OLD.code) THEN
		PERFORM quota.refuse_edit('standard', pg_catalog.format('the code of standard %s cannot change while its terms name it', OLD.code),
			'quota.standard_term names the standard by its code.',
			'Add the standard under the new code with its terms, then delete the old one.');
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.standard_code_kept() IS 'a standard with terms keeps its code (55000, not 23503 from the terms'' key)';
CREATE TRIGGER standard_code_kept BEFORE UPDATE OF code ON quota.standard
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.standard_code_kept();
COMMENT ON TRIGGER standard_code_kept ON quota.standard IS 'a standard named by terms keeps its code';

-- the rank ladder and the evaluation grades: a row others name keeps its code
-- (and a rank its level: orgs and leader posts are ordered by it) and is not
-- deleted; neither table is truncated
CREATE FUNCTION quota.ladder_kept() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	used text;
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' AND NEW.code OPERATOR(pg_catalog.=) OLD.code
	   AND (TG_TABLE_NAME OPERATOR(pg_catalog.<>) 'rank'
			OR (pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.->) 'level') OPERATOR(pg_catalog.=) (pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->) 'level')) THEN
		RETURN NEW;
	END IF;
	IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'rank' THEN
		used := CASE WHEN EXISTS (SELECT FROM quota.org WHERE rank OPERATOR(pg_catalog.=) OLD.code) THEN 'orgs (规格, quota.org.rank)'
					 WHEN EXISTS (SELECT FROM quota.staff WHERE post_rank OPERATOR(pg_catalog.=) OLD.code) THEN 'leader posts (职级, quota.staff.post_rank)' END;
	ELSE
		used := CASE WHEN EXISTS (SELECT FROM quota.evaluation WHERE grade OPERATOR(pg_catalog.=) OLD.code) THEN 'evaluations (quota.evaluation)'
					 WHEN EXISTS (SELECT FROM quota.evaluation_policy WHERE grade OPERATOR(pg_catalog.=) OLD.code) THEN 'the evaluation policy (quota.evaluation_policy)' END;
	END IF;
	IF used IS NOT NULL THEN
		PERFORM quota.refuse_edit(TG_TABLE_NAME, pg_catalog.format('%s %s is in use and cannot be %s', TG_TABLE_NAME, OLD.code,
									CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'changed' END),
			pg_catalog.format('%s name it; a change would re-rank or re-grade them past the checks.', used),
			'Add a new row instead.');
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.ladder_kept() IS 'a rank or grade that rows name keeps its code (a rank its level) and is not deleted (55000, not 23503 from their keys)';
CREATE TRIGGER rank_kept BEFORE UPDATE OR DELETE ON quota.rank
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.ladder_kept();
COMMENT ON TRIGGER rank_kept ON quota.rank IS 'a rank in use keeps its code and level';
CREATE TRIGGER grade_kept BEFORE UPDATE OR DELETE ON quota.grade
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.ladder_kept();
COMMENT ON TRIGGER grade_kept ON quota.grade IS 'a grade in use keeps its code';
CREATE TRIGGER rank_no_truncate BEFORE TRUNCATE ON quota.rank FOR EACH STATEMENT EXECUTE FUNCTION quota.no_truncate();
COMMENT ON TRIGGER rank_no_truncate ON quota.rank IS 'TRUNCATE is refused (55000): rows leave only by checked DELETEs';
CREATE TRIGGER grade_no_truncate BEFORE TRUNCATE ON quota.grade FOR EACH STATEMENT EXECUTE FUNCTION quota.no_truncate();
COMMENT ON TRIGGER grade_no_truncate ON quota.grade IS 'TRUNCATE is refused (55000): rows leave only by checked DELETEs';
