-- src/views/dashboards.sql: dashboards a BI tool reads: standard types only, names beside ids, 统计年报 reports, loans, violations, trends
-- ---------------------------------------------------------------------------
-- Dashboards.  Every column here is of a standard type (text, integer,
-- bigint, numeric, date, boolean): a division code is also given as text, a
-- range as two integers, and every id has its name beside it (org, kind,
-- level, jurisdiction, category in Chinese), so a BI tool reading through
-- JDBC or ODBC needs no custom type.  They are built on the status views and
-- the ledger, never on a second copy of the numbers.
--
-- Occupancy on a past date is read from the roster's change records
-- (quota.staff_event, through quota.establishment_at and quota.roster_at):
-- a person who moved is counted where they were that day.
-- ---------------------------------------------------------------------------

CREATE FUNCTION quota.division_level_name(level integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE level WHEN 1 THEN '省级' WHEN 2 THEN '市级' WHEN 3 THEN '县级' WHEN 4 THEN '乡镇级' WHEN 5 THEN '村级' END
$$;
COMMENT ON FUNCTION quota.division_level_name(integer) IS 'the Chinese name of a division level: 1 省级, 2 市级, 3 县级, 4 乡镇级, 5 村级';

CREATE FUNCTION quota.pool_kind_name(kind text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE kind WHEN 'unallocated' THEN '未分配编制(余量)' WHEN 'reserve' THEN '机动编制'
					 WHEN 'turnover' THEN '周转编制池' WHEN 'talent' THEN '人才编制蓄水池' END
$$;
COMMENT ON FUNCTION quota.pool_kind_name(text) IS 'the Chinese name of a pool kind: unallocated 未分配编制(余量), reserve 机动编制, turnover 周转编制池, talent 人才编制蓄水池';

CREATE FUNCTION quota.movement_kind_name(kind text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE kind WHEN 'issue' THEN '核增' WHEN 'retire' THEN '核减' WHEN 'delegate' THEN '下达'
					 WHEN 'allocate' THEN '核定' WHEN 'recall' THEN '收回' WHEN 'transfer' THEN '划转(调剂)'
					 WHEN 'lend' THEN '借用(周转)' WHEN 'repay' THEN '归还' END
$$;
COMMENT ON FUNCTION quota.movement_kind_name(text) IS 'the Chinese name of a movement kind: issue 核增, retire 核减, delegate 下达, allocate 核定, recall 收回, transfer 划转(调剂), lend 借用(周转), repay 归还';

-- ---------------------------------------------------------------------------
-- The rules by name: what quota.violations and every refused statement say,
-- in the words of a 编办.
-- ---------------------------------------------------------------------------
CREATE VIEW quota.rule_terms AS
SELECT v.rule, v.term_zh, v.severity, v.report_order, v.meaning
FROM (VALUES
	('quota_ledger_immutable', '编制台账不可更改', 'error', 1, 'UPDATE, DELETE or TRUNCATE of the ledger; a mistake is undone by a new movement'),
	('quota_movement_shape', '编制变动要素不符', 'error', 2, 'source or target not as the movement kind requires, the same account twice, a loan from a wrong pool, a repayment to another pool, named persons not active in the source, a date in the future or before entry'),
	('quota_authority', '无审批权限或缺少批准文件', 'error', 3, 'missing approval document, an issuer without authority over a touched jurisdiction, a line department or a filing as issuer, administrative posts across jurisdictions without a central issuer'),
	('quota_org_inactive', '机构已撤并', 'error', 4, 'a movement or entry involving a merged or dissolved org'),
	('quota_category_mismatch', '混用、挤占、挪用编制', 'error', 5, 'a category the org kind may not hold, or different categories on the two sides'),
	('quota_loan', '周转编制使用不当', 'error', 6, 'a loan without a valid expiry, an entry onto an expired loan, a repayment beyond the loan'),
	('quota_evaluation', '考核等次限制用编', 'error', 7, 'a talent-pool draw or a new reserve or turnover loan to an org whose grade of the year before a row of quota.evaluation_policy blocks (绩效考核)'),
	('quota_insufficient', '编制余额不足', 'error', 8, 'the source has fewer free posts than the amount'),
	('quota_over_establishment', '超编', 'error', 9, 'occupancy above approved + borrowed posts, or an entry while over (只出不进)'),
	('quota_cap_exceeded', '超出控制数', 'error', 10, 'a jurisdiction''s control number (quota.cap) exceeded'),
	('quota_standard_exceeded', '超出编制标准', 'error', 11, 'above an enforce standard (posts, leaders or internal units)'),
	('quota_leadership_exceeded', '超职数配备领导', 'error', 12, '领导职数 exceeded, or a leader rank above the org''s rank'),
	('quota_internal_units', '超限额设置内设机构', 'error', 13, 'internal units above the approved number, or too many comprehensive units'),
	('quota_hiring', '未经用编核准进人', 'error', 14, 'no valid hiring approval where one is required, or an approval for more slots than are vacant'),
	('quota_person_duplicate', '一人多编(重复占编)', 'error', 15, 'the person already holds an active post'),
	('quota_headcount_cap', '超人员总量', 'error', 16, '人员总量 exceeded, or filed staff where no cap exists'),
	('quota_standard_warning', '偏离编制标准(预警)', 'warning', NULL, 'approved posts above a warn or report standard'),
	('quota_standard_below', '低于编制标准', 'warning', NULL, 'approved posts below the bottom of a standard''s range'),
	('quota_reform_over_establishment', '改革过渡期超编', 'warning', NULL, 'over establishment left by a reform (merge); allowed, blocks new entries until absorbed'),
	('quota_reform_over_leadership', '改革过渡期超职数', 'warning', NULL, 'leaders over 职数 left by a reform; allowed, blocks new appointments until absorbed'),
	('quota_loan_expired', '周转编制到期未还', 'warning', NULL, 'a loan past its expiry with posts still outstanding'),
	('quota_code_mismatch', '统一社会信用代码与登记不符', 'warning', NULL, 'an org''s USCC whose division or type contradicts its registration')
) v (rule, term_zh, severity, report_order, meaning);
COMMENT ON VIEW quota.rule_terms IS 'every rule name quota raises (SQLSTATE 23514, in report order) or lists in quota.violations (warnings), with its Chinese term and meaning';
COMMENT ON COLUMN quota.rule_terms.rule IS '规则名 constraint name of a refused statement, or warning name';
COMMENT ON COLUMN quota.rule_terms.term_zh IS '中文术语 the Chinese term of the rule';
COMMENT ON COLUMN quota.rule_terms.severity IS '级别 error (refused, SQLSTATE 23514) or warning (listed in quota.violations only)';
COMMENT ON COLUMN quota.rule_terms.report_order IS '报告顺序 when a statement breaks several rules, the lowest is reported; NULL for warnings';
COMMENT ON COLUMN quota.rule_terms.meaning IS '含义 what breaks the rule';

-- ---------------------------------------------------------------------------
-- Current status with names
-- ---------------------------------------------------------------------------
CREATE VIEW quota.org_dashboard AS
SELECT s.org_id, s.org_name, o.kind AS org_kind, k.name AS org_kind_name, o.rank AS org_rank, o.sector,
	   o.funding, o.status AS org_state,
	   s.division::text AS division_code, j.name AS jurisdiction_name,
	   quota.division_level(s.division) AS division_level,
	   quota.division_level_name(quota.division_level(s.division)) AS level_name,
	   s.category, c.name AS category_name,
	   s.approved, s.borrowed, s.occupied, s.reserved, s.vacancy, s.over, s.usage_rate,
	   lower(s.standard_posts) AS standard_low, upper(s.standard_posts) - 1 AS standard_high,
	   s.leaders_approved, s.leaders_filled
FROM quota.org_status s
JOIN quota.org o ON o.id = s.org_id
JOIN quota.org_kind k ON k.code = o.kind
JOIN quota.jurisdiction j ON j.division = s.division
JOIN quota.category c ON c.code = s.category;
COMMENT ON VIEW quota.org_dashboard IS 'quota.org_status for BI tools: one row per org and 编制 category, with the org''s kind, rank, jurisdiction, level and category names; standard types only';
COMMENT ON COLUMN quota.org_dashboard.org_id IS '机构ID org id';
COMMENT ON COLUMN quota.org_dashboard.org_name IS '机构名称 org name';
COMMENT ON COLUMN quota.org_dashboard.org_kind IS '机构类型代码 org kind code, e.g. government_organ';
COMMENT ON COLUMN quota.org_dashboard.org_kind_name IS '机构类型 org kind in Chinese, e.g. 政府机关, 事业单位';
COMMENT ON COLUMN quota.org_dashboard.org_rank IS '机构规格 rank, e.g. 正处 (NULL when not set)';
COMMENT ON COLUMN quota.org_dashboard.sector IS '行业 sector used by standards, e.g. hospital, school_junior';
COMMENT ON COLUMN quota.org_dashboard.funding IS '经费形式 funding of an institution: 全额, 差额 or 自收自支';
COMMENT ON COLUMN quota.org_dashboard.org_state IS '机构状态 active, merged or dissolved';
COMMENT ON COLUMN quota.org_dashboard.division_code IS '行政区划代码 jurisdiction code as text (6, 9 or 12 digits)';
COMMENT ON COLUMN quota.org_dashboard.jurisdiction_name IS '区划名称 jurisdiction name, e.g. 滨州市';
COMMENT ON COLUMN quota.org_dashboard.division_level IS '层级 level of the jurisdiction: 1 province … 5 village';
COMMENT ON COLUMN quota.org_dashboard.level_name IS '层级名称 省级, 市级, 县级, 乡镇级 or 村级';
COMMENT ON COLUMN quota.org_dashboard.category IS '编制类别代码 category code';
COMMENT ON COLUMN quota.org_dashboard.category_name IS '编制类别 category in Chinese, e.g. 行政编制';
COMMENT ON COLUMN quota.org_dashboard.approved IS '核定编制数 approved posts';
COMMENT ON COLUMN quota.org_dashboard.borrowed IS '周转(借用)编制数 borrowed posts';
COMMENT ON COLUMN quota.org_dashboard.occupied IS '实有人数 active staff';
COMMENT ON COLUMN quota.org_dashboard.reserved IS '用编核准预留数 vacancies reserved by open hiring approvals';
COMMENT ON COLUMN quota.org_dashboard.vacancy IS '空编数 free posts';
COMMENT ON COLUMN quota.org_dashboard.over IS '超编人数 people over establishment';
COMMENT ON COLUMN quota.org_dashboard.usage_rate IS '占编率 occupied / approved, 4 decimals (NULL when nothing is approved)';
COMMENT ON COLUMN quota.org_dashboard.standard_low IS '编制标准下限 bottom of the posts standard range (NULL without one)';
COMMENT ON COLUMN quota.org_dashboard.standard_high IS '编制标准上限 top of the posts standard range, inclusive (NULL without one)';
COMMENT ON COLUMN quota.org_dashboard.leaders_approved IS '核定领导职数 leadership posts approved';
COMMENT ON COLUMN quota.org_dashboard.leaders_filled IS '实配领导职数 leadership posts filled';

CREATE VIEW quota.pool_dashboard AS
SELECT b.pool_id, b.division::text AS division_code, j.name AS jurisdiction_name,
	   quota.division_level(b.division) AS division_level,
	   quota.division_level_name(quota.division_level(b.division)) AS level_name,
	   b.kind AS pool_kind, quota.pool_kind_name(b.kind) AS pool_kind_name,
	   b.category, c.name AS category_name, b.balance, b.lent
FROM quota.pool_balance b
JOIN quota.jurisdiction j ON j.division = b.division
JOIN quota.category c ON c.code = b.category;
COMMENT ON VIEW quota.pool_dashboard IS 'quota.pool_balance for BI tools: every pool with its jurisdiction, level, kind and category names; standard types only';
COMMENT ON COLUMN quota.pool_dashboard.pool_id IS '编制池ID pool id';
COMMENT ON COLUMN quota.pool_dashboard.division_code IS '行政区划代码 jurisdiction code as text';
COMMENT ON COLUMN quota.pool_dashboard.jurisdiction_name IS '区划名称 jurisdiction name';
COMMENT ON COLUMN quota.pool_dashboard.division_level IS '层级 level of the jurisdiction: 1 province … 5 village';
COMMENT ON COLUMN quota.pool_dashboard.level_name IS '层级名称 省级, 市级, 县级, 乡镇级 or 村级';
COMMENT ON COLUMN quota.pool_dashboard.pool_kind IS '编制池类型代码 unallocated, reserve, turnover or talent';
COMMENT ON COLUMN quota.pool_dashboard.pool_kind_name IS '编制池类型 未分配编制(余量), 机动编制, 周转编制池 or 人才编制蓄水池';
COMMENT ON COLUMN quota.pool_dashboard.category IS '编制类别代码 category code';
COMMENT ON COLUMN quota.pool_dashboard.category_name IS '编制类别 category in Chinese';
COMMENT ON COLUMN quota.pool_dashboard.balance IS '可用编制数 posts in the pool now, free to move';
COMMENT ON COLUMN quota.pool_dashboard.lent IS '借出编制数 posts out on loan (still the pool''s)';

CREATE VIEW quota.jurisdiction_dashboard AS
SELECT s.division::text AS division_code, s.name AS jurisdiction_name,
	   quota.division_level(s.division) AS division_level,
	   quota.division_level_name(quota.division_level(s.division)) AS level_name,
	   quota.division_parent(s.division)::text AS parent_code, pj.name AS parent_name,
	   s.category, c.name AS category_name,
	   s.level_held, s.subtree_held, s.unallocated, s.reserve, s.lent, s.occupied, s.vacancy,
	   s.level_ceiling, s.subtree_ceiling
FROM quota.jurisdiction_status s
JOIN quota.category c ON c.code = s.category
LEFT JOIN quota.jurisdiction pj ON pj.division = quota.division_parent(s.division);
COMMENT ON VIEW quota.jurisdiction_dashboard IS 'quota.jurisdiction_status for BI tools: per jurisdiction and category, with level, parent and category names; standard types only';
COMMENT ON COLUMN quota.jurisdiction_dashboard.division_code IS '行政区划代码 jurisdiction code as text';
COMMENT ON COLUMN quota.jurisdiction_dashboard.jurisdiction_name IS '区划名称 jurisdiction name';
COMMENT ON COLUMN quota.jurisdiction_dashboard.division_level IS '层级 1 province … 5 village';
COMMENT ON COLUMN quota.jurisdiction_dashboard.level_name IS '层级名称 省级, 市级, 县级, 乡镇级 or 村级';
COMMENT ON COLUMN quota.jurisdiction_dashboard.parent_code IS '上级区划代码 parent code as text (NULL for a province)';
COMMENT ON COLUMN quota.jurisdiction_dashboard.parent_name IS '上级区划名称 parent name when registered';
COMMENT ON COLUMN quota.jurisdiction_dashboard.category IS '编制类别代码 category code';
COMMENT ON COLUMN quota.jurisdiction_dashboard.category_name IS '编制类别 category in Chinese';
COMMENT ON COLUMN quota.jurisdiction_dashboard.level_held IS '本级编制数 posts held at this level (own pools and orgs)';
COMMENT ON COLUMN quota.jurisdiction_dashboard.subtree_held IS '辖区编制总数 posts held in the whole subtree';
COMMENT ON COLUMN quota.jurisdiction_dashboard.unallocated IS '未分配编制(余量) subtree';
COMMENT ON COLUMN quota.jurisdiction_dashboard.reserve IS '机动编制 subtree';
COMMENT ON COLUMN quota.jurisdiction_dashboard.lent IS '借出编制数 out on loan from the subtree''s pools';
COMMENT ON COLUMN quota.jurisdiction_dashboard.occupied IS '实有人数 active staff of the subtree''s orgs';
COMMENT ON COLUMN quota.jurisdiction_dashboard.vacancy IS '空编数 free posts of the subtree''s orgs';
COMMENT ON COLUMN quota.jurisdiction_dashboard.level_ceiling IS '本级控制数 level cap, NULL without one';
COMMENT ON COLUMN quota.jurisdiction_dashboard.subtree_ceiling IS '辖区控制数 subtree cap, NULL without one';

-- ---------------------------------------------------------------------------
-- Loans (周转编制) with names and days to expiry
-- ---------------------------------------------------------------------------
-- The reports of the ledger and the roster history read quota.movement and
-- quota.staff_event, which a reader may not read (a change record names a
-- person).  Each is computed by an owner-run function that applies the
-- caller's jurisdiction scope first (quota.actor(): its scope rows and its
-- groups'; everything for the owner, superusers and BYPASSRLS roles) and
-- returns only figures and registry names, never a person's row; the view
-- over it stays security_invoker.
CREATE FUNCTION quota.movement_in(from_org bigint, to_org bigint, from_pool bigint, to_pool bigint, divs quota.division[])
RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (SELECT 1 FROM quota.org o
					WHERE o.id OPERATOR(pg_catalog.=) ANY (ARRAY[from_org, to_org])
					  AND o.division OPERATOR(pg_catalog.<@) ANY (divs))
		OR EXISTS (SELECT 1 FROM quota.pool p
					WHERE p.id OPERATOR(pg_catalog.=) ANY (ARRAY[from_pool, to_pool])
					  AND p.division OPERATOR(pg_catalog.<@) ANY (divs))
$$;
COMMENT ON FUNCTION quota.movement_in(bigint, bigint, bigint, bigint, quota.division[]) IS 'internal: whether a movement with these ends has one in the subtrees of divs (read as the owner by the report functions)';
REVOKE ALL ON FUNCTION quota.movement_in(bigint, bigint, bigint, bigint, quota.division[]) FROM PUBLIC;

CREATE FUNCTION quota.loan_dashboard_rows()
RETURNS TABLE (loan_id bigint, doc_no text, note text, lent_on date, expires_on date, days_to_expiry integer,
			   state text, state_name text, category text, category_name text, amount integer, outstanding integer,
			   pool_id bigint, pool_kind text, pool_kind_name text, pool_division_code text, pool_jurisdiction_name text,
			   org_id bigint, org_name text, org_division_code text, org_jurisdiction_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
#variable_conflict use_column
DECLARE
	me name := quota.actor();
	everything boolean := NOT quota.scoped(me);
	mine quota.division[] := quota.scope_divisions_of(me);
BEGIN
	-- a loan is the caller's when its org or its pool lies in the scope
	RETURN QUERY
	SELECT l.loan_id, m.doc_no, m.note, m.effective_on AS lent_on, l.expires_on,
		   (l.expires_on - CURRENT_DATE) AS days_to_expiry,
		   l.state, CASE l.state WHEN 'open' THEN '在借' WHEN 'expired' THEN '到期未还' ELSE '已还清' END AS state_name,
		   l.category, c.name AS category_name, l.amount, l.outstanding,
		   l.pool_id, p.kind AS pool_kind, quota.pool_kind_name(p.kind) AS pool_kind_name,
		   p.division::text AS pool_division_code, pj.name AS pool_jurisdiction_name,
		   l.org_id, o.name AS org_name, o.division::text AS org_division_code, oj.name AS org_jurisdiction_name
	FROM quota.loan_status l
	JOIN quota.movement m ON m.id = l.loan_id
	JOIN quota.pool p ON p.id = l.pool_id
	JOIN quota.jurisdiction pj ON pj.division = p.division
	JOIN quota.org o ON o.id = l.org_id
	JOIN quota.jurisdiction oj ON oj.division = o.division
	JOIN quota.category c ON c.code = l.category
	WHERE everything OR p.division OPERATOR(pg_catalog.<@) ANY (mine) OR o.division OPERATOR(pg_catalog.<@) ANY (mine);
END
$f$;
COMMENT ON FUNCTION quota.loan_dashboard_rows() IS 'internal: the rows of quota.loan_dashboard the caller may read (its scope applied first; runs as the owner, no person rows)';

CREATE VIEW quota.loan_dashboard AS
SELECT * FROM quota.loan_dashboard_rows();
COMMENT ON VIEW quota.loan_dashboard IS 'quota.loan_status for BI tools: every loan (周转编制) with its document, lender pool, borrower org and jurisdiction names, and the days to expiry';
COMMENT ON COLUMN quota.loan_dashboard.loan_id IS '借用编制ID the lend movement';
COMMENT ON COLUMN quota.loan_dashboard.doc_no IS '批准文号 document of the loan';
COMMENT ON COLUMN quota.loan_dashboard.note IS '备注 note of the lend movement';
COMMENT ON COLUMN quota.loan_dashboard.lent_on IS '借用日期 effective date of the loan';
COMMENT ON COLUMN quota.loan_dashboard.expires_on IS '到期日 last day of the loan';
COMMENT ON COLUMN quota.loan_dashboard.days_to_expiry IS '距到期天数 expires_on minus today (negative: past its expiry)';
COMMENT ON COLUMN quota.loan_dashboard.state IS '状态代码 open, expired or closed';
COMMENT ON COLUMN quota.loan_dashboard.state_name IS '状态 在借, 到期未还 or 已还清';
COMMENT ON COLUMN quota.loan_dashboard.category IS '编制类别代码 category code';
COMMENT ON COLUMN quota.loan_dashboard.category_name IS '编制类别 category in Chinese';
COMMENT ON COLUMN quota.loan_dashboard.amount IS '借用编制数 posts lent';
COMMENT ON COLUMN quota.loan_dashboard.outstanding IS '未还编制数 posts still outstanding';
COMMENT ON COLUMN quota.loan_dashboard.pool_id IS '出借编制池ID lending pool';
COMMENT ON COLUMN quota.loan_dashboard.pool_kind IS '编制池类型代码 reserve, turnover or talent';
COMMENT ON COLUMN quota.loan_dashboard.pool_kind_name IS '编制池类型 机动编制, 周转编制池 or 人才编制蓄水池';
COMMENT ON COLUMN quota.loan_dashboard.pool_division_code IS '出借区划代码 jurisdiction of the lending pool, as text';
COMMENT ON COLUMN quota.loan_dashboard.pool_jurisdiction_name IS '出借区划名称 jurisdiction of the lending pool';
COMMENT ON COLUMN quota.loan_dashboard.org_id IS '借用机构ID borrowing org';
COMMENT ON COLUMN quota.loan_dashboard.org_name IS '借用机构名称 borrowing org name';
COMMENT ON COLUMN quota.loan_dashboard.org_division_code IS '借用机构区划代码 jurisdiction of the borrower, as text';
COMMENT ON COLUMN quota.loan_dashboard.org_jurisdiction_name IS '借用机构区划名称 jurisdiction of the borrower';

CREATE FUNCTION quota.loans_expiring(within_days integer DEFAULT 30) RETURNS SETOF quota.loan_dashboard
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF within_days IS NULL OR within_days < 0 THEN
		RAISE EXCEPTION 'within_days must be a number of days, 0 or more'
			USING ERRCODE = '22023', DETAIL = pg_catalog.format('within_days is %s.', COALESCE(within_days::text, 'NULL')),
				HINT = 'Pass 0 for the loans that expire today, 30 for the coming month.';
	END IF;
	RETURN QUERY
		SELECT d.* FROM quota.loan_dashboard d
		WHERE d.state = 'open' AND d.days_to_expiry <= within_days
		ORDER BY d.expires_on, d.loan_id;
END
$$;
COMMENT ON FUNCTION quota.loans_expiring(integer) IS '周转编制即将到期: open loans that expire within the given number of days (0: today), soonest first; the columns of quota.loan_dashboard; a negative or NULL count is 22023';

-- ---------------------------------------------------------------------------
-- Violations (常态化监管) with the Chinese term of each rule
-- ---------------------------------------------------------------------------
CREATE VIEW quota.violation_dashboard AS
-- materialized: quota.violations is computed once, never re-run per joined row
WITH v AS MATERIALIZED (
	SELECT v.*,
		   CASE v.subject_kind WHEN 'org' THEN v.subject_id
							   WHEN 'loan' THEN (SELECT l.org_id FROM quota.loan l WHERE l.loan_id = v.subject_id) END AS org_id,
		   CASE v.subject_kind WHEN 'pool' THEN (SELECT p.division FROM quota.pool p WHERE p.id = v.subject_id) END AS pool_division,
		   -- a jurisdiction row names its division in the detail: '控制数 of <code>: …'
		   CASE WHEN v.subject_kind = 'jurisdiction' THEN substring(v.detail FROM '^控制数 of ([0-9]+):') END AS detail_division
	FROM quota.violations v
)
SELECT v.rule, t.term_zh, COALESCE(t.severity, 'warning') AS severity,
	   v.subject_kind, v.subject_id, v.org_id, o.name AS org_name,
	   COALESCE(o.division::text, v.pool_division::text, v.detail_division) AS division_code,
	   j.name AS jurisdiction_name,
	   v.category, c.name AS category_name, v.detail
FROM v
LEFT JOIN quota.rule_terms t ON t.rule = v.rule
LEFT JOIN quota.org o ON o.id = v.org_id
LEFT JOIN quota.jurisdiction j ON j.division::text = COALESCE(o.division::text, v.pool_division::text, v.detail_division)
LEFT JOIN quota.category c ON c.code = v.category;
COMMENT ON VIEW quota.violation_dashboard IS 'quota.violations for BI tools: every current breach or warning with the Chinese term of its rule, the org and jurisdiction names and the category name';
COMMENT ON COLUMN quota.violation_dashboard.rule IS '规则名 constraint or warning name';
COMMENT ON COLUMN quota.violation_dashboard.term_zh IS '问题类型 the Chinese term of the rule, e.g. 超编, 超职数配备领导';
COMMENT ON COLUMN quota.violation_dashboard.severity IS '级别 error (a rule the writers are held to) or warning';
COMMENT ON COLUMN quota.violation_dashboard.subject_kind IS '对象类型 org, pool, jurisdiction, loan or staff';
COMMENT ON COLUMN quota.violation_dashboard.subject_id IS '对象ID id of the subject; NULL for a jurisdiction';
COMMENT ON COLUMN quota.violation_dashboard.org_id IS '机构ID the org concerned (the borrower of a loan); NULL for pools, jurisdictions and staff (people are not named here: a reader sees them only as counts)';
COMMENT ON COLUMN quota.violation_dashboard.org_name IS '机构名称 name of the org concerned';
COMMENT ON COLUMN quota.violation_dashboard.division_code IS '行政区划代码 jurisdiction concerned, as text';
COMMENT ON COLUMN quota.violation_dashboard.jurisdiction_name IS '区划名称 jurisdiction concerned';
COMMENT ON COLUMN quota.violation_dashboard.category IS '编制类别代码 category code, NULL when not per category';
COMMENT ON COLUMN quota.violation_dashboard.category_name IS '编制类别 category in Chinese';
COMMENT ON COLUMN quota.violation_dashboard.detail IS '说明 the numbers and the Chinese term';

-- ---------------------------------------------------------------------------
-- The books on a date (统计年报)
-- ---------------------------------------------------------------------------
CREATE FUNCTION quota.establishment_report(as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (report_date date, division_code text, jurisdiction_name text, division_level integer, level_name text,
			   org_kind text, org_kind_name text, category text, category_name text,
			   orgs integer, approved integer, borrowed integer, occupied integer, vacancy integer,
			   over_orgs integer, over_people integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	-- owner-run (it reads the ledger and the roster history): the caller's
	-- jurisdiction scope first, its orgs only
	me name := quota.actor();
	everything boolean := NOT quota.scoped(me);
	mine quota.division[] := quota.scope_divisions_of(me);
BEGIN
	IF as_of IS NULL OR NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'as_of must be a date, not NULL or an infinity' USING ERRCODE = '22023', HINT = 'Pass a finite date, e.g. current_date.';
	END IF;
	RETURN QUERY
	WITH per_org AS (
		SELECT b.org_id, b.category, b.approved, b.borrowed, b.occupied,
			   greatest(b.approved + b.borrowed - b.occupied, 0) AS vacancy,
			   greatest(b.occupied - b.approved - b.borrowed, 0) AS over
		FROM quota.establishment_at(establishment_report.as_of) b
		WHERE b.category <> 'filed'
	)
	SELECT establishment_report.as_of, o.division::text, j.name,
		   quota.division_level(o.division), quota.division_level_name(quota.division_level(o.division)),
		   o.kind, k.name, p.category, c.name,
		   count(*)::integer, sum(p.approved)::integer, sum(p.borrowed)::integer, sum(p.occupied)::integer,
		   sum(p.vacancy)::integer, (count(*) FILTER (WHERE p.over > 0))::integer, sum(p.over)::integer
	FROM per_org p
	JOIN quota.org o ON o.id = p.org_id
	JOIN quota.org_kind k ON k.code = o.kind
	JOIN quota.jurisdiction j ON j.division = o.division
	JOIN quota.category c ON c.code = p.category
	WHERE everything OR o.division OPERATOR(pg_catalog.<@) ANY (mine)
	GROUP BY o.division, j.name, o.kind, k.name, p.category, c.name
	ORDER BY o.division, o.kind, p.category;
END
$$;
COMMENT ON FUNCTION quota.establishment_report(date) IS '统计年报: establishment and occupancy on a date (year-end: e.g. 2025-12-31) per jurisdiction, org kind and category, with level and Chinese names: orgs (单位数), approved (编制数), borrowed (周转编制数), occupied (实有人数), vacancy (空编数), over_orgs (超编单位数), over_people (超编人数); approved and borrowed from the ledger by effective date, occupied from the roster''s change records (quota.staff_event: a person who moved counts where they were that day); reservations of hiring approvals are not dated, so vacancy here ignores them';

CREATE FUNCTION quota.establishment_rollup(as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (report_date date, division_code text, jurisdiction_name text, division_level integer, level_name text,
			   category text, category_name text,
			   orgs integer, approved integer, borrowed integer, occupied integer, vacancy integer,
			   over_orgs integer, over_people integer)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT r.report_date, j.division::text, j.name, quota.division_level(j.division),
		   quota.division_level_name(quota.division_level(j.division)), r.category, min(r.category_name),
		   sum(r.orgs)::integer, sum(r.approved)::integer, sum(r.borrowed)::integer, sum(r.occupied)::integer,
		   sum(r.vacancy)::integer, sum(r.over_orgs)::integer, sum(r.over_people)::integer
	FROM quota.establishment_report(as_of) r
	CROSS JOIN LATERAL quota.division_ancestors(r.division_code::quota.division) a (d)
	JOIN quota.jurisdiction j ON j.division = a.d
	GROUP BY r.report_date, j.division, j.name, r.category
	ORDER BY j.division, r.category
$$;
COMMENT ON FUNCTION quota.establishment_rollup(date) IS '统计年报 (汇总): quota.establishment_report summed over each registered jurisdiction''s whole subtree, per category: orgs, approved (编制数), borrowed, occupied (实有人数), vacancy (空编数), over_orgs (超编单位数), over_people (超编人数)';

-- ---------------------------------------------------------------------------
-- Trends: monthly series from the ledger and the roster
-- ---------------------------------------------------------------------------
CREATE FUNCTION quota.movement_monthly_rows()
RETURNS TABLE (month date, month_label text, movement_kind text, movement_kind_name text, category text,
			   category_name text, movements integer, posts bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
#variable_conflict use_column
DECLARE
	me name := quota.actor();
	everything boolean := NOT quota.scoped(me);
	mine quota.division[] := quota.scope_divisions_of(me);
BEGIN
	-- a movement counts when any of its ends lies in the caller's scope (as it reads the ledger)
	RETURN QUERY
	SELECT date_trunc('month', m.effective_on)::date, to_char(m.effective_on, 'YYYY-MM'),
		   m.kind, quota.movement_kind_name(m.kind), m.category, c.name,
		   count(*)::integer, sum(m.amount)::bigint
	FROM quota.movement m
	JOIN quota.category c ON c.code = m.category
	WHERE everything OR quota.movement_in(m.from_org, m.to_org, m.from_pool, m.to_pool, mine)
	GROUP BY 1, 2, m.kind, m.category, c.name;
END
$f$;
COMMENT ON FUNCTION quota.movement_monthly_rows() IS 'internal: the rows of quota.movement_monthly over the movements the caller may read (its scope applied first; runs as the owner)';

CREATE VIEW quota.movement_monthly AS
SELECT * FROM quota.movement_monthly_rows();
COMMENT ON VIEW quota.movement_monthly IS 'ledger flows per month (by effective date), movement kind and category: how many movements and posts';
COMMENT ON COLUMN quota.movement_monthly.month IS '月份 first day of the month';
COMMENT ON COLUMN quota.movement_monthly.month_label IS '月份标签 YYYY-MM';
COMMENT ON COLUMN quota.movement_monthly.movement_kind IS '变动类型代码 issue, retire, delegate, allocate, recall, transfer, lend or repay';
COMMENT ON COLUMN quota.movement_monthly.movement_kind_name IS '变动类型 核增, 核减, 下达, 核定, 收回, 划转(调剂), 借用(周转) or 归还';
COMMENT ON COLUMN quota.movement_monthly.category IS '编制类别代码 category code';
COMMENT ON COLUMN quota.movement_monthly.category_name IS '编制类别 category in Chinese';
COMMENT ON COLUMN quota.movement_monthly.movements IS '变动笔数 number of movements';
COMMENT ON COLUMN quota.movement_monthly.posts IS '变动编制数 posts moved';

CREATE FUNCTION quota.trend_monthly_rows()
RETURNS TABLE (month date, month_label text, category text, category_name text, issued integer, retired integer,
			   movements integer, total_posts integer, approved integer, borrowed integer, entries integer,
			   departures integer, occupied integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
#variable_conflict use_column
DECLARE
	me name := quota.actor();
	everything boolean := NOT quota.scoped(me);
	mine quota.division[] := quota.scope_divisions_of(me);
BEGIN
	RETURN QUERY
	WITH mv AS (
		-- the movements the caller may read: any end in its scope
		SELECT m.* FROM quota.movement m
		WHERE everything OR quota.movement_in(m.from_org, m.to_org, m.from_pool, m.to_pool, mine)
	), ev0 AS (
		-- each change record with the state it replaced (the same row's previous
		-- record, whoever's jurisdiction that was)
		SELECT e.on_date, e.kind, e.category, e.org_id,
			   lag(e.category) OVER w AS prev_category, lag(e.kind) OVER w AS prev_kind, lag(e.org_id) OVER w AS prev_org
		FROM quota.staff_event e
		WINDOW w AS (PARTITION BY e.staff_id ORDER BY e.on_date, e.id)
	), ev AS (
		-- a record counts +1 where its org is the caller's, -1 where the previous one's was
		SELECT ev0.on_date, ev0.kind, ev0.category, ev0.prev_category, ev0.prev_kind,
			   (everything OR o.division OPERATOR(pg_catalog.<@) ANY (mine)) AS here,
			   (everything OR po.division OPERATOR(pg_catalog.<@) ANY (mine)) AS prev_here
		FROM ev0
		LEFT JOIN quota.org o ON o.id = ev0.org_id
		LEFT JOIN quota.org po ON po.id = ev0.prev_org
		WHERE everything OR o.division OPERATOR(pg_catalog.<@) ANY (mine) OR po.division OPERATOR(pg_catalog.<@) ANY (mine)
	), bounds AS (
		SELECT date_trunc('month', least((SELECT min(m.effective_on) FROM mv m),
										 (SELECT min(ev.on_date) FROM ev)))::date AS first_month
	), months AS (
		SELECT g::date AS month FROM bounds, generate_series(bounds.first_month, date_trunc('month', CURRENT_DATE)::date, interval '1 month') g
	), cats AS (
		SELECT code, name FROM quota.category WHERE code <> 'filed'
	), flows AS (
		SELECT date_trunc('month', m.effective_on)::date AS month, m.category,
			   sum(m.amount) FILTER (WHERE m.kind = 'issue') AS issued,
			   sum(m.amount) FILTER (WHERE m.kind = 'retire') AS retired,
			   sum(CASE WHEN m.to_org IS NOT NULL AND m.kind <> 'lend' THEN m.amount ELSE 0 END)
			   - sum(CASE WHEN m.from_org IS NOT NULL AND m.kind <> 'repay' THEN m.amount ELSE 0 END) AS approved_delta,
			   sum(CASE WHEN m.kind = 'lend' THEN m.amount WHEN m.kind = 'repay' THEN -m.amount ELSE 0 END) AS borrowed_delta,
			   count(*) AS movements
		FROM mv m
		GROUP BY 1, 2
	), roster AS (
		-- +1 in the category a record puts the person in, -1 in the one it takes them out of
		SELECT date_trunc('month', x.on_date)::date AS month, x.category, sum(x.delta) AS occupied_delta,
			   count(*) FILTER (WHERE x.kind = 'entry') AS entries,
			   count(*) FILTER (WHERE x.kind = 'leave') AS departures
		FROM (SELECT ev.on_date, ev.kind, ev.category, 1 AS delta FROM ev WHERE ev.kind <> 'leave' AND ev.here
			  UNION ALL
			  SELECT ev.on_date, CASE WHEN ev.kind = 'leave' THEN 'leave' ELSE 'change' END, ev.prev_category, -1
			  FROM ev WHERE ev.prev_category IS NOT NULL AND ev.prev_kind <> 'leave' AND ev.prev_here) x
		GROUP BY 1, 2
	), grid AS (
		SELECT mo.month, ca.code AS category, ca.name AS category_name,
			   COALESCE(f.issued, 0) AS issued, COALESCE(f.retired, 0) AS retired,
			   COALESCE(f.approved_delta, 0) AS approved_delta, COALESCE(f.borrowed_delta, 0) AS borrowed_delta,
			   COALESCE(f.movements, 0) AS movements,
			   COALESCE(r.entries, 0) AS entries, COALESCE(r.departures, 0) AS departures,
			   COALESCE(r.occupied_delta, 0) AS occupied_delta
		FROM months mo CROSS JOIN cats ca
		LEFT JOIN flows f ON f.month = mo.month AND f.category = ca.code
		LEFT JOIN roster r ON r.month = mo.month AND r.category = ca.code
	)
	SELECT g.month, to_char(g.month, 'YYYY-MM'), g.category, g.category_name,
		   g.issued::integer AS issued, g.retired::integer AS retired, g.movements::integer AS movements,
		   (sum(g.issued - g.retired) OVER w)::integer AS total_posts,
		   (sum(g.approved_delta) OVER w)::integer AS approved,
		   (sum(g.borrowed_delta) OVER w)::integer AS borrowed,
		   g.entries::integer AS entries, g.departures::integer AS departures,
		   (sum(g.occupied_delta) OVER w)::integer AS occupied
	FROM grid g
	WINDOW w AS (PARTITION BY g.category ORDER BY g.month);
END
$f$;
COMMENT ON FUNCTION quota.trend_monthly_rows() IS 'internal: the rows of quota.trend_monthly for the caller: movements with an end in its scope, roster records counted in its orgs (its scope applied first; runs as the owner, no person rows)';

CREATE VIEW quota.trend_monthly AS
SELECT * FROM quota.trend_monthly_rows();
COMMENT ON VIEW quota.trend_monthly IS 'monthly series per 编制 category, from the first movement or entry to this month: posts issued and retired in the month, the deployment''s total posts, the orgs'' approved and borrowed posts and the active staff at the month''s end, entries and departures in the month; posts by effective date, staff from the roster''s change records (quota.staff_event)';
COMMENT ON COLUMN quota.trend_monthly.month IS '月份 first day of the month';
COMMENT ON COLUMN quota.trend_monthly.month_label IS '月份标签 YYYY-MM';
COMMENT ON COLUMN quota.trend_monthly.category IS '编制类别代码 category code';
COMMENT ON COLUMN quota.trend_monthly.category_name IS '编制类别 category in Chinese';
COMMENT ON COLUMN quota.trend_monthly.issued IS '本月核增编制数 posts issued in the month (from above)';
COMMENT ON COLUMN quota.trend_monthly.retired IS '本月核减编制数 posts retired in the month';
COMMENT ON COLUMN quota.trend_monthly.movements IS '本月变动笔数 movements in the month';
COMMENT ON COLUMN quota.trend_monthly.total_posts IS '编制总数 posts of the deployment at the month''s end (issued minus retired so far)';
COMMENT ON COLUMN quota.trend_monthly.approved IS '核定编制数 posts approved to orgs at the month''s end';
COMMENT ON COLUMN quota.trend_monthly.borrowed IS '周转(借用)编制数 posts on loan to orgs at the month''s end';
COMMENT ON COLUMN quota.trend_monthly.entries IS '本月入编人数 entries in the month';
COMMENT ON COLUMN quota.trend_monthly.departures IS '本月出编人数 departures in the month';
COMMENT ON COLUMN quota.trend_monthly.occupied IS '实有人数 active staff at the month''s end';
