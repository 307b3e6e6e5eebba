-- src/views/comments.sql: column comments of every view, Chinese label first (\d+ and BI tools show them)
-- ---------------------------------------------------------------------------
-- One comment per view column: the Chinese label a 编办 report uses, then the
-- English meaning.  Views defined in other parts are commented here, after
-- all of them exist; a view added later gets its comments here (or next to
-- it) — test/comments.sql fails on any column without one.
-- ---------------------------------------------------------------------------

COMMENT ON COLUMN quota.org_status.org_id IS '机构ID org id (quota.org.id)';
COMMENT ON COLUMN quota.org_status.org_name IS '机构名称 org name';
COMMENT ON COLUMN quota.org_status.division IS '行政区划代码 jurisdiction of the org (quota.division; as text in quota.org_dashboard)';
COMMENT ON COLUMN quota.org_status.category IS '编制类别 category code (never filed)';
COMMENT ON COLUMN quota.org_status.approved IS '核定编制数 approved posts (own posts)';
COMMENT ON COLUMN quota.org_status.borrowed IS '周转(借用)编制数 borrowed posts, on loan from a pool';
COMMENT ON COLUMN quota.org_status.occupied IS '实有人数 active staff in this category';
COMMENT ON COLUMN quota.org_status.reserved IS '用编核准预留数 vacancies reserved by open hiring approvals';
COMMENT ON COLUMN quota.org_status.vacancy IS '空编数 free posts: greatest(approved + borrowed - occupied - reserved, 0)';
COMMENT ON COLUMN quota.org_status.over IS '超编人数 people over establishment: greatest(occupied - approved - borrowed, 0)';
COMMENT ON COLUMN quota.org_status.usage_rate IS '占编率 occupied / approved (NULL when nothing is approved), 4 decimals';
COMMENT ON COLUMN quota.org_status.standard_posts IS '编制标准区间 post range of the org''s posts standard (int4range, inclusive), NULL without one';
COMMENT ON COLUMN quota.org_status.leaders_approved IS '核定领导职数 leadership posts approved (chief + deputy)';
COMMENT ON COLUMN quota.org_status.leaders_filled IS '实配领导职数 leadership posts filled';

COMMENT ON COLUMN quota.pool_balance.pool_id IS '编制池ID pool id (quota.pool.id)';
COMMENT ON COLUMN quota.pool_balance.division IS '行政区划代码 jurisdiction holding the pool';
COMMENT ON COLUMN quota.pool_balance.kind IS '编制池类型 unallocated (余量), reserve (机动编制), turnover (周转池) or talent (人才编制蓄水池)';
COMMENT ON COLUMN quota.pool_balance.category IS '编制类别 category code';
COMMENT ON COLUMN quota.pool_balance.balance IS '可用编制数 posts in the pool now, free to move';
COMMENT ON COLUMN quota.pool_balance.lent IS '借出编制数 posts of this pool out on loan (still the pool''s)';

COMMENT ON COLUMN quota.jurisdiction_status.division IS '行政区划代码 the jurisdiction';
COMMENT ON COLUMN quota.jurisdiction_status.name IS '区划名称 jurisdiction name';
COMMENT ON COLUMN quota.jurisdiction_status.category IS '编制类别 category code';
COMMENT ON COLUMN quota.jurisdiction_status.level_held IS '本级编制数 posts held at this level: its own pools (lent included) and its orgs'' approved posts';
COMMENT ON COLUMN quota.jurisdiction_status.subtree_held IS '辖区编制总数 posts held in the whole subtree (this level and below)';
COMMENT ON COLUMN quota.jurisdiction_status.unallocated IS '未分配编制(余量) posts in unallocated pools, subtree';
COMMENT ON COLUMN quota.jurisdiction_status.reserve IS '机动编制 posts in reserve pools, subtree';
COMMENT ON COLUMN quota.jurisdiction_status.lent IS '借出编制数 posts out on loan from the subtree''s pools';
COMMENT ON COLUMN quota.jurisdiction_status.occupied IS '实有人数 active staff of the subtree''s orgs';
COMMENT ON COLUMN quota.jurisdiction_status.vacancy IS '空编数 free posts of the subtree''s orgs';
COMMENT ON COLUMN quota.jurisdiction_status.level_ceiling IS '本级控制数 ceiling of the level cap (quota.cap), NULL without one';
COMMENT ON COLUMN quota.jurisdiction_status.subtree_ceiling IS '辖区控制数 ceiling of the subtree cap (quota.cap), NULL without one';

COMMENT ON COLUMN quota.headcount_status.org_id IS '机构ID org under 人员总量 management';
COMMENT ON COLUMN quota.headcount_status.headcount_cap IS '人员总量 headcount cap (编制内 + 备案)';
COMMENT ON COLUMN quota.headcount_status.established_occupied IS '编制内实有人数 active staff on 编制 posts';
COMMENT ON COLUMN quota.headcount_status.filed_occupied IS '备案制人数 active filed (备案) staff';
COMMENT ON COLUMN quota.headcount_status.headroom IS '人员总量余额 cap minus all active staff (negative: over the cap)';

COMMENT ON COLUMN quota.violations.rule IS '规则名 constraint or warning name, e.g. quota_over_establishment (Chinese term in quota.rule_terms)';
COMMENT ON COLUMN quota.violations.subject_kind IS '对象类型 org, pool, jurisdiction, loan or staff';
COMMENT ON COLUMN quota.violations.subject_id IS '对象ID id of the subject (org id, loan id, ...); NULL for a jurisdiction';
COMMENT ON COLUMN quota.violations.category IS '编制类别 category code, NULL when the rule is not per category';
COMMENT ON COLUMN quota.violations.detail IS '说明 the numbers and the Chinese term';

COMMENT ON COLUMN quota.loan_status.loan_id IS '借用编制ID the lend movement (quota.movement.id)';
COMMENT ON COLUMN quota.loan_status.pool_id IS '出借编制池ID lending pool';
COMMENT ON COLUMN quota.loan_status.org_id IS '借用机构ID borrowing org';
COMMENT ON COLUMN quota.loan_status.category IS '编制类别 category code';
COMMENT ON COLUMN quota.loan_status.amount IS '借用编制数 posts lent';
COMMENT ON COLUMN quota.loan_status.outstanding IS '未还编制数 posts still outstanding';
COMMENT ON COLUMN quota.loan_status.expires_on IS '到期日 last day of the loan';
COMMENT ON COLUMN quota.loan_status.state IS '状态 open (在借), expired (到期未还) or closed (已还清)';

COMMENT ON COLUMN quota.standard_status.org_id IS '机构ID active org measured';
COMMENT ON COLUMN quota.standard_status.standard IS '编制标准代码 standard code (quota.standard.code)';
COMMENT ON COLUMN quota.standard_status.name IS '编制标准名称 standard name';
COMMENT ON COLUMN quota.standard_status.mode IS '执行方式 enforce, warn or report';
COMMENT ON COLUMN quota.standard_status.target IS '标准对象 posts, leaders or internal_units';
COMMENT ON COLUMN quota.standard_status.category IS '编制类别 category code of a posts standard';
COMMENT ON COLUMN quota.standard_status.low IS '标准下限 bottom of the range; NULL without current metric values';
COMMENT ON COLUMN quota.standard_status.high IS '标准上限 top of the range; NULL without current metric values';
COMMENT ON COLUMN quota.standard_status.approved IS '核定数 the approved figure measured (posts, leadership posts or internal units)';
