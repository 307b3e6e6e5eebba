-- Dashboards for BI tools: standard types only, names beside ids, the
-- 统计年报 reports on any date, loans expiring, violations in Chinese, trends
\set VERBOSITY default
\set SHOW_CONTEXT never
SET client_min_messages = warning;
DROP EXTENSION quota CASCADE;
CREATE EXTENSION quota;
\set ECHO none
\i test/fixtures/binzhou.sql
\i test/fixtures/activity.sql
\set ECHO all

-- no column of a dashboard view or report has a type outside the standard set
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'v'
  AND c.relname NOT IN ('org_status', 'pool_balance', 'jurisdiction_status')
  AND a.atttypid NOT IN ('boolean'::regtype, 'smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype,
						 'text'::regtype, 'name'::regtype, 'date'::regtype, 'timestamptz'::regtype);
SELECT p.proname, t.typname
FROM pg_proc p, unnest(p.proallargtypes, p.proargmodes) x (typ, mode) JOIN pg_type t ON t.oid = x.typ
WHERE p.pronamespace = 'quota'::regnamespace AND x.mode = 't'
  AND p.proname IN ('establishment_report', 'establishment_rollup')
  AND x.typ NOT IN ('integer'::regtype, 'text'::regtype, 'date'::regtype);

-- names beside ids; the division as text, the standard range as two integers
SELECT org_id, org_name, org_kind_name, org_rank, division_code, jurisdiction_name, division_level, level_name,
	   category_name, approved, borrowed, occupied, vacancy, over, usage_rate, standard_low, standard_high
FROM quota.org_dashboard WHERE org_id IN (7, 20, 23, 30) ORDER BY org_id, category;
SELECT pool_id, division_code, jurisdiction_name, level_name, pool_kind_name, category_name, balance, lent
FROM quota.pool_dashboard ORDER BY pool_id;
SELECT division_code, jurisdiction_name, level_name, parent_code, parent_name, category_name, subtree_held, occupied
FROM quota.jurisdiction_dashboard ORDER BY division_code, category;
-- a standard's range arrives as low and high, inclusive
SELECT quota.install_standard_library() > 0 AS standards;
INSERT INTO quota.org_metric (org_id, metric, value, as_of) VALUES (23, 'students_junior', 1350, current_date);
SELECT s.standard_posts, d.standard_low, d.standard_high
FROM quota.org_status s JOIN quota.org_dashboard d USING (org_id, category) WHERE org_id = 23;

-- 统计年报 on today's date equals the live status, per category
SELECT r.category_name, r.approved, r.borrowed, r.occupied, r.over_people,
	   (r.approved, r.borrowed, r.occupied, r.over_people) = (l.approved, l.borrowed, l.occupied, l.over) AS equals_live
FROM (SELECT category, min(category_name) AS category_name, sum(approved) AS approved, sum(borrowed) AS borrowed,
			 sum(occupied) AS occupied, sum(over_people) AS over_people
	  FROM quota.establishment_report(current_date) GROUP BY category) r
FULL JOIN (SELECT category, sum(approved) AS approved, sum(borrowed) AS borrowed, sum(occupied) AS occupied, sum(over) AS over
		   FROM quota.org_status GROUP BY category) l USING (category)
ORDER BY 1;
SELECT jurisdiction_name, level_name, org_kind_name, category_name, orgs, approved, borrowed, occupied, vacancy, over_orgs, over_people
FROM quota.establishment_report(current_date) ORDER BY division_code, org_kind, category;
-- a past year-end: only the movements effective by then, only the people in post then
SELECT jurisdiction_name, org_kind_name, category_name, orgs, approved, occupied, vacancy, over_orgs, over_people
FROM quota.establishment_report('2023-12-31') ORDER BY division_code, org_kind, category;
SELECT report_date, jurisdiction_name, level_name, category_name, orgs, approved, occupied, vacancy, over_orgs, over_people
FROM quota.establishment_rollup('2024-03-31') ORDER BY division_code, category;
-- a departure counts until the day before left_on
UPDATE quota.staff SET left_on = current_date, left_reason = '退休' WHERE id = 2;
SELECT (SELECT occupied FROM quota.establishment_report(current_date - 1) WHERE division_code = '371600'
		AND org_kind = 'government_organ' AND category = 'admin')
	 - (SELECT occupied FROM quota.establishment_report(current_date) WHERE division_code = '371600'
		AND org_kind = 'government_organ' AND category = 'admin') AS left_today;
-- a move (调动) counts at the old org before its date and at the new one from it (the change records)
UPDATE quota.staff SET org_id = 1, change_doc = '滨编〔2024〕12号' WHERE id = 3;
SELECT d = current_date AS today, org_kind_name, occupied
FROM (VALUES (current_date - 1), (current_date)) v (d),
	 LATERAL quota.establishment_report(v.d) r
WHERE r.division_code = '371600' AND r.category = 'admin' ORDER BY 1, 2;
SELECT * FROM quota.establishment_report(NULL);

-- loans: names, days to expiry, the ones expiring within N days
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, expires_on, note)
VALUES ('lend', 'institution', 2, 13, 22, '滨编办〔2024〕21号', current_date + 10, '短期周转');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on, note)
VALUES ('lend', 'institution', 1, 13, 24, '滨编办〔2024〕21号', '2024-06-01', '2024-12-31', '已到期');
SELECT org_name, org_jurisdiction_name, pool_kind_name, pool_jurisdiction_name, category_name, amount, outstanding,
	   days_to_expiry = expires_on - current_date AS days_ok, days_to_expiry > 0 AS ahead, state, state_name, doc_no, note
FROM quota.loan_dashboard WHERE org_id <> 20 ORDER BY loan_id;   -- (the demo's loan to org 20 runs to 2027-05-05)
SELECT org_name, days_to_expiry FROM quota.loans_expiring(9);
SELECT org_name, days_to_expiry FROM quota.loans_expiring(10);
SELECT count(*) AS within_100_days FROM quota.loans_expiring(100) WHERE org_id <> 20;
SELECT * FROM quota.loans_expiring(-1);
SELECT * FROM quota.loans_expiring(NULL);

-- violations with the Chinese term of their rule
SELECT rule, term_zh, severity, subject_kind, org_name, division_code, jurisdiction_name, category_name
FROM quota.violation_dashboard WHERE org_id IS DISTINCT FROM 20 OR rule <> 'quota_loan_expired' ORDER BY rule, subject_id;
-- every rule the extension can report has its term; the errors in report order
SELECT report_order, rule, term_zh FROM quota.rule_terms WHERE severity = 'error' ORDER BY report_order;
SELECT rule, term_zh FROM quota.rule_terms WHERE severity = 'warning' ORDER BY rule;

-- trends: the month of the first movement, and this month equals the live status
SELECT month_label, category_name, issued, retired, total_posts, approved, borrowed, occupied, entries, departures
FROM quota.trend_monthly WHERE month_label IN ('2024-01', '2024-03', '2024-05') ORDER BY month, category;
SELECT t.category, (t.approved, t.borrowed, t.occupied) = (l.approved, l.borrowed, l.occupied) AS equals_live
FROM quota.trend_monthly t
JOIN (SELECT category, sum(approved) AS approved, sum(borrowed) AS borrowed, sum(occupied) AS occupied
	  FROM quota.org_status GROUP BY category) l USING (category)
WHERE t.month = date_trunc('month', current_date) ORDER BY 1;
SELECT month_label, movement_kind_name, category_name, movements, posts
FROM quota.movement_monthly WHERE month < '2024-06-01' ORDER BY month, movement_kind, category;
SELECT * FROM quota.verify();
