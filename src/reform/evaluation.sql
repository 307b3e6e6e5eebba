-- src/reform/evaluation.sql: 绩效考核 (quota.grade, quota.evaluation, quota.evaluation_status)
-- ---------------------------------------------------------------------------
-- Performance evaluation as a dimension of establishment management: one
-- grade per org and year, under a document, shown beside the use of its
-- establishment, and usable by policy: a row of quota.evaluation_policy makes
-- a grade block talent-pool draws (blocks_talent) or new loans from a reserve
-- or turnover pool (blocks_loans) in the following year.  The ledger's lend
-- check enforces it (quota_evaluation, reported right after quota_loan); there
-- is no row, so nothing is blocked, by default.
-- ---------------------------------------------------------------------------

CREATE TABLE quota.grade (
	code text PRIMARY KEY,
	name text NOT NULL
);
COMMENT ON TABLE quota.grade IS '绩效考核 grades (等次); extendable';
COMMENT ON COLUMN quota.grade.code IS 'code, e.g. excellent';
COMMENT ON COLUMN quota.grade.name IS 'Chinese name, e.g. 优秀';
INSERT INTO quota.grade (code, name) VALUES
	('excellent', '优秀'),
	('good', '良好'),
	('fair', '一般'),
	('poor', '较差');
SELECT pg_catalog.pg_extension_config_dump('quota.grade', 'WHERE code NOT IN (''excellent'', ''good'', ''fair'', ''poor'')');

CREATE TABLE quota.evaluation (
	org_id bigint NOT NULL REFERENCES quota.org (id),
	year integer NOT NULL CHECK (year BETWEEN 1949 AND 9999),
	grade text NOT NULL REFERENCES quota.grade (code),
	score numeric(5, 2) CHECK (score BETWEEN 0 AND 100),
	doc_no text NOT NULL REFERENCES quota.approval (doc_no),
	PRIMARY KEY (org_id, year)
);
COMMENT ON TABLE quota.evaluation IS '绩效考核: the grade of an org for a year, under a document; a policy may let a grade block talent draws or new loans the following year';
COMMENT ON COLUMN quota.evaluation.org_id IS 'the org evaluated';
COMMENT ON COLUMN quota.evaluation.year IS 'the year evaluated (not after the current year)';
COMMENT ON COLUMN quota.evaluation.grade IS 'grade (等次), see quota.grade';
COMMENT ON COLUMN quota.evaluation.score IS 'score, 0-100 (optional)';
COMMENT ON COLUMN quota.evaluation.doc_no IS 'the document that records the result';
SELECT pg_catalog.pg_extension_config_dump('quota.evaluation', '');

-- 绩效考核结果运用: a row per grade that blocks something the following year; no
-- row (the default) blocks nothing
CREATE TABLE quota.evaluation_policy (
	grade text PRIMARY KEY REFERENCES quota.grade (code),
	blocks_talent boolean NOT NULL DEFAULT false,
	blocks_loans boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE quota.evaluation_policy IS '绩效考核结果运用: policy rows (none by default: off) by which a grade for a year blocks talent-pool draws or new loans the following year; written by the extension''s admin role';
COMMENT ON COLUMN quota.evaluation_policy.grade IS 'the grade, see quota.grade';
COMMENT ON COLUMN quota.evaluation_policy.blocks_talent IS 'an org so graded draws no post from a talent pool (人才编制蓄水池) the following year';
COMMENT ON COLUMN quota.evaluation_policy.blocks_loans IS 'an org so graded takes no new loan from a reserve or turnover pool (周转编制) the following year';
SELECT pg_catalog.pg_extension_config_dump('quota.evaluation_policy', '');

CREATE FUNCTION quota.evaluation_checked() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND (NEW.org_id <> OLD.org_id OR NEW.year <> OLD.year) THEN
		RAISE EXCEPTION 'an evaluation keeps its org and year' USING ERRCODE = '55000',
			HINT = 'Record the other org or year as a new evaluation.';
	END IF;
	IF NEW.year > extract(year FROM CURRENT_DATE) THEN
		RAISE EXCEPTION 'year % has not begun', NEW.year USING ERRCODE = '22023',
			DETAIL = '绩效考核 grades a year that has begun.';
	END IF;
	PERFORM quota.authority_check(NEW.doc_no, o.division, format('evaluation (绩效考核) of %s', o.name))
	   FROM quota.org o WHERE o.id = NEW.org_id;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION quota.evaluation_checked() IS 'an evaluation names a document with authority over the org (quota_authority), for a year that has begun';
CREATE TRIGGER evaluation_checked BEFORE INSERT OR UPDATE ON quota.evaluation
	FOR EACH ROW WHEN (NOT quota.restoring()) EXECUTE FUNCTION quota.evaluation_checked();
COMMENT ON TRIGGER evaluation_checked ON quota.evaluation IS 'authority of the document, year not in the future';

-- called by the ledger's lend check: why a lend from a pool of kind pool_kind
-- to org o on on_date is blocked by the org's grade of the year before, or NULL
CREATE FUNCTION quota.evaluation_block(o bigint, pool_kind text, on_date date) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.format('绩效考核: %s was graded %s (%s) for %s; quota.evaluation_policy blocks %s in %s.',
			   og.name, g.name, g.code, e.year,
			   CASE WHEN pool_kind OPERATOR(pg_catalog.=) 'talent' THEN 'talent-pool draws (人才编制蓄水池)'
					ELSE 'new loans of reserve and turnover posts (周转编制)' END,
			   e.year OPERATOR(pg_catalog.+) 1)
	FROM quota.evaluation e
	JOIN quota.evaluation_policy ep ON ep.grade OPERATOR(pg_catalog.=) e.grade
	JOIN quota.grade g ON g.code OPERATOR(pg_catalog.=) e.grade
	JOIN quota.org og ON og.id OPERATOR(pg_catalog.=) e.org_id
	WHERE e.org_id OPERATOR(pg_catalog.=) o
	  AND e.year OPERATOR(pg_catalog.=) (pg_catalog.date_part('year', on_date)::integer OPERATOR(pg_catalog.-) 1)
	  AND CASE WHEN pool_kind OPERATOR(pg_catalog.=) 'talent' THEN ep.blocks_talent ELSE ep.blocks_loans END
$$;
COMMENT ON FUNCTION quota.evaluation_block(bigint, text, date) IS 'internal: why the org''s grade of the year before blocks a lend from a pool of this kind (quota.evaluation_policy), or NULL';

CREATE VIEW quota.evaluation_status AS
SELECT e.year, e.grade, g.name AS grade_name, e.org_id, o.name AS org_name, o.division::text AS division, e.score,
	   COALESCE(s.approved, 0)::bigint AS approved, COALESCE(s.borrowed, 0)::bigint AS borrowed,
	   COALESCE(s.occupied, 0)::bigint AS occupied, COALESCE(s.vacancy, 0)::bigint AS vacancy,
	   COALESCE(s.over, 0)::bigint AS over,
	   pg_catalog.round(COALESCE(s.occupied, 0)::numeric OPERATOR(pg_catalog./) NULLIF(s.approved, 0), 4) AS usage_rate,
	   e.doc_no
FROM quota.evaluation e
JOIN quota.grade g ON g.code OPERATOR(pg_catalog.=) e.grade
JOIN quota.org o ON o.id OPERATOR(pg_catalog.=) e.org_id
LEFT JOIN (SELECT a.org_id, pg_catalog.sum(a.approved) AS approved, pg_catalog.sum(a.borrowed) AS borrowed,
				  pg_catalog.sum(a.occupied) AS occupied,
				  pg_catalog.sum(GREATEST(a.approved OPERATOR(pg_catalog.+) a.borrowed OPERATOR(pg_catalog.-) a.occupied
										  OPERATOR(pg_catalog.-) a.reserved, 0)) AS vacancy,
				  pg_catalog.sum(GREATEST(a.occupied OPERATOR(pg_catalog.-) a.approved OPERATOR(pg_catalog.-) a.borrowed, 0)) AS over
			 FROM quota.org_account a WHERE a.category OPERATOR(pg_catalog.<>) 'filed'
			GROUP BY a.org_id) s ON s.org_id OPERATOR(pg_catalog.=) e.org_id;
COMMENT ON VIEW quota.evaluation_status IS '绩效考核 beside establishment use: each evaluation with the org''s current approved, borrowed and occupied posts (all 编制 categories), vacancies, over-establishment and usage rate';
COMMENT ON COLUMN quota.evaluation_status.year IS '考核年度 year evaluated';
COMMENT ON COLUMN quota.evaluation_status.grade IS '考核等次代码 grade code';
COMMENT ON COLUMN quota.evaluation_status.grade_name IS '考核等次 grade, e.g. 优秀';
COMMENT ON COLUMN quota.evaluation_status.org_id IS '机构ID the org';
COMMENT ON COLUMN quota.evaluation_status.org_name IS '机构名称 its name';
COMMENT ON COLUMN quota.evaluation_status.division IS '行政区划代码 its jurisdiction, as text (a BI tool reads no custom type)';
COMMENT ON COLUMN quota.evaluation_status.score IS '考核得分 score';
COMMENT ON COLUMN quota.evaluation_status.approved IS '核定编制数 own posts now, all 编制 categories';
COMMENT ON COLUMN quota.evaluation_status.borrowed IS '周转(借用)编制数 borrowed posts now';
COMMENT ON COLUMN quota.evaluation_status.occupied IS '实有人数 staff in 编制 posts now';
COMMENT ON COLUMN quota.evaluation_status.vacancy IS '空编数 vacancies now';
COMMENT ON COLUMN quota.evaluation_status.over IS '超编数 over establishment now';
COMMENT ON COLUMN quota.evaluation_status.usage_rate IS '占编率 occupied / approved';
COMMENT ON COLUMN quota.evaluation_status.doc_no IS '考核文号 the document of the evaluation';

CREATE VIEW quota.evaluation_summary AS
SELECT e.year, e.grade, g.name AS grade_name, pg_catalog.count(*) AS orgs,
	   pg_catalog.sum(e.approved)::bigint AS approved, pg_catalog.sum(e.occupied)::bigint AS occupied,
	   pg_catalog.sum(e.vacancy)::bigint AS vacancy, pg_catalog.sum(e.over)::bigint AS over,
	   pg_catalog.round(pg_catalog.sum(e.occupied)::numeric OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(e.approved), 0), 4) AS usage_rate,
	   pg_catalog.count(*) FILTER (WHERE e.over OPERATOR(pg_catalog.>) 0) AS orgs_over
FROM quota.evaluation_status e
JOIN quota.grade g ON g.code OPERATOR(pg_catalog.=) e.grade
GROUP BY e.year, e.grade, g.name;
COMMENT ON VIEW quota.evaluation_summary IS '绩效考核 dashboard: per year and grade, the orgs graded and their establishment use (approved, occupied, vacancies, over-establishment, usage rate)';
COMMENT ON COLUMN quota.evaluation_summary.year IS '考核年度 year evaluated';
COMMENT ON COLUMN quota.evaluation_summary.grade IS '考核等次代码 grade code';
COMMENT ON COLUMN quota.evaluation_summary.grade_name IS '考核等次 grade';
COMMENT ON COLUMN quota.evaluation_summary.orgs IS '机构数 orgs with this grade for the year';
COMMENT ON COLUMN quota.evaluation_summary.approved IS '核定编制数 their own posts now';
COMMENT ON COLUMN quota.evaluation_summary.occupied IS '实有人数 their staff in 编制 posts now';
COMMENT ON COLUMN quota.evaluation_summary.vacancy IS '空编数 their vacancies now';
COMMENT ON COLUMN quota.evaluation_summary.over IS '超编数 their over-establishment now';
COMMENT ON COLUMN quota.evaluation_summary.usage_rate IS '占编率 occupied / approved over the group';
COMMENT ON COLUMN quota.evaluation_summary.orgs_over IS '超编机构数 orgs of the group over establishment';
