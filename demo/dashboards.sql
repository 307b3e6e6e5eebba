-- Demo: the dashboards a BI tool reads and the reports a 编办 publishes.
-- Included by demo/walkthrough.sql after the walkthrough's own sections.

\echo
\echo '== Dashboards for BI tools (standard types only, names beside ids) and the 统计年报'
\echo '-- quota.org_dashboard: each unit with its kind, level, jurisdiction and category in Chinese'
SELECT org_name AS 机构, org_kind_name AS 类型, level_name AS 层级, jurisdiction_name AS 区划, category_name AS 类别,
       approved AS 编制数, occupied AS 实有人数, vacancy AS 空编数, over AS 超编人数, usage_rate AS 占编率
FROM quota.org_dashboard WHERE org_id IN (3, 7, 8, 20, 23, 30, 53) ORDER BY org_id, category;
\echo '-- 统计年报 as of today: per jurisdiction, org kind and category (quota.establishment_report(date))'
SELECT jurisdiction_name AS 区划, level_name AS 层级, org_kind_name AS 机构类型, category_name AS 编制类别,
       orgs AS 单位数, approved AS 编制数, borrowed AS 周转编制, occupied AS 实有人数, vacancy AS 空编数,
       over_orgs AS 超编单位数, over_people AS 超编人数
FROM quota.establishment_report(current_date) ORDER BY division_code, org_kind, category;
\echo '-- the same summed over each jurisdiction''s subtree (quota.establishment_rollup(date)), and the year-end of 2024'
SELECT jurisdiction_name AS 区划, level_name AS 层级, category_name AS 编制类别, orgs AS 单位数, approved AS 编制数,
       occupied AS 实有人数, vacancy AS 空编数, over_orgs AS 超编单位数, over_people AS 超编人数
FROM quota.establishment_rollup(current_date) WHERE division_level <= 2 ORDER BY division_code, category;
SELECT report_date AS 统计日期, jurisdiction_name AS 区划, category_name AS 编制类别, approved AS 编制数, occupied AS 实有人数
FROM quota.establishment_rollup('2024-12-31') WHERE division_code = '371600' ORDER BY category;
\echo '-- loans (周转编制) expiring within 3 years, with names and days to expiry (quota.loans_expiring(days))'
SELECT loan_id, org_name AS 借用单位, pool_kind_name AS 出借编制池, category_name AS 类别, amount AS 借用数,
       outstanding AS 未还数, expires_on AS 到期日, days_to_expiry AS 距到期天数, state_name AS 状态
FROM quota.loans_expiring(1100);
\echo '-- violations with the Chinese term of each rule (quota.violation_dashboard)'
SELECT term_zh AS 问题类型, rule, org_name AS 单位, jurisdiction_name AS 区划, category_name AS 类别
FROM quota.violation_dashboard ORDER BY rule, subject_id;
\echo '-- trends: this year''s months (quota.trend_monthly; the ledger''s flows per month in quota.movement_monthly)'
SELECT month_label AS 月份, category_name AS 类别, issued AS 核增, retired AS 核减, total_posts AS 编制总数,
       approved AS 核定编制数, occupied AS 实有人数, entries AS 入编, departures AS 出编
FROM quota.trend_monthly
WHERE month >= date_trunc('year', current_date) - interval '1 month' AND total_posts > 0
ORDER BY category, month DESC LIMIT 8;
\echo '-- every view column carries its Chinese label (what \\d+ and BI tools show):'
SELECT a.attname AS column, col_description(a.attrelid, a.attnum) AS comment
FROM pg_attribute a WHERE a.attrelid = 'quota.org_dashboard'::regclass AND a.attnum > 0 AND a.attname IN ('approved', 'occupied', 'vacancy', 'over', 'usage_rate')
ORDER BY a.attnum;
