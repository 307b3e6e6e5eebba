#!/bin/sh
# make demo: a throwaway UTF8 cluster with quota, the 滨州市 demo data and a
# printed walkthrough of what the extension does.  Every refused statement is
# shown as a program sees it: the message, the detail, and the SQLSTATE and
# constraint name (psql's verbose error fields, without the C source line).
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
if [ -z "${QUOTA_IN_VENV:-}" ]; then
	export QUOTA_IN_VENV=1
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' sh "$0" "$@"
fi
PSQL="$(pg_config --bindir)/psql"
"$PSQL" -X -q -d postgres -c 'CREATE DATABASE quota_demo' >/dev/null
"$PSQL" -X -q -d quota_demo -c 'CREATE EXTENSION quota'

# errors in verbose form, then folded: "ERROR:  23514: msg" ... "CONSTRAINT
# NAME:  x" ... "LOCATION: ..." becomes the message, its detail, and one line
# "→ SQLSTATE 23514, constraint x"
code='[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'
sed 's/^\\set VERBOSITY .*/\\set VERBOSITY verbose/' demo/walkthrough.sql |
"$PSQL" -X -d quota_demo --echo-queries -v VERBOSITY=verbose -f - 2>&1 |
grep -v '^INSERT 0 [0-9]*$\|^SET$\|^UPDATE [0-9]*$\|^CREATE FUNCTION$' |
sed 's/^psql:[^:]*:[0-9]*: //' |
awk -v code="$code" '
	$0 ~ "^(ERROR|WARNING|NOTICE|INFO):  " code ": " {
		lvl = $1
		st = substr($0, length(lvl) + 3, 5)
		sub("  " code ": ", "  ")
		if (lvl == "ERROR:") { err = 1; con = "" }
		print
		next
	}
	/^(SCHEMA|TABLE|COLUMN|DATATYPE) NAME:  / { next }
	/^CONSTRAINT NAME:  / { con = $3; next }
	/^LOCATION:  / {
		if (err) print "  → SQLSTATE " st (con != "" ? ", constraint " con : "")
		err = 0
		next
	}
	{ print }'

# 10. the books as a 编办 reads them
echo
echo '== 10. 编办报表: the books today, as the staffing office reports them'
"$PSQL" -X -q -d quota_demo -P footer=off <<'SQL'
\echo '-- 机构编制情况 by jurisdiction and category (核定编制数 approved, 借用 borrowed, 实有人数 occupied, 空编 vacant, 超编 over)'
SELECT CASE WHEN GROUPING(j.name) = 1 THEN '合计' ELSE j.name END AS "区划",
       CASE WHEN GROUPING(j.name) = 1 THEN '' WHEN GROUPING(c.name) = 1 THEN '小计' ELSE c.name END AS "编制类别", count(*) AS "单位数",
       sum(s.approved) AS "核定编制数", sum(s.borrowed) AS "周转借用",
       sum(s.occupied) AS "实有人数", sum(s.vacancy) AS "空编数",
       count(*) FILTER (WHERE s.over > 0) AS "超编单位", sum(s.over) AS "超编人数",
       round(100.0 * sum(s.occupied) / nullif(sum(s.approved + s.borrowed), 0), 1) AS "占编率%"
  FROM quota.org_status s
  JOIN quota.org o ON o.id = s.org_id
  JOIN quota.jurisdiction j ON j.division = o.division
  JOIN quota.category c ON c.code = s.category
 GROUP BY ROLLUP ((j.division, j.name), (c.code, c.name))
 ORDER BY j.division NULLS LAST, c.code NULLS FIRST;
\echo '-- 编制池 pools: free posts (余额) and posts out on loan (借出)'
SELECT j.name AS "区划",
       CASE p.kind WHEN 'unallocated' THEN '余量' WHEN 'reserve' THEN '机动编制' WHEN 'turnover' THEN '周转编制'
                   WHEN 'talent' THEN '人才编制' ELSE p.kind END AS "池", c.name AS "编制类别", p.balance AS "余额", p.lent AS "借出"
  FROM quota.pool_balance p
  JOIN quota.jurisdiction j ON j.division = p.division
  JOIN quota.category c ON c.code = p.category
 ORDER BY p.division, p.kind, p.category;
\echo '-- 常态化监管: open findings by rule'
SELECT rule AS "规则", count(*) AS "条数" FROM quota.violations GROUP BY rule ORDER BY rule;
SQL

# 11. a dump of the demo database restored into another one is an exact copy
echo
echo '== 11. Dump and restore: an exact copy of the books'
dump=$(mktemp)
"$(pg_config --bindir)/pg_dump" -Fc -d quota_demo -f "$dump" 2>/dev/null
"$PSQL" -X -q -d postgres -c 'CREATE DATABASE quota_demo_copy' >/dev/null
"$(pg_config --bindir)/pg_restore" -d quota_demo_copy "$dump" 2>/dev/null
rm -f "$dump"
for db in quota_demo quota_demo_copy; do
	"$PSQL" -X -At -d $db -c "SELECT '$db: ' || (SELECT count(*) FROM quota.movement) || ' movements, ' ||
		(SELECT count(*) FROM quota.staff) || ' roster rows, ' || (SELECT count(*) FROM quota.loan) || ' loans, ' ||
		(SELECT count(*) FROM quota.violations) || ' violations, verify() rows: ' || (SELECT count(*) FROM quota.verify()) ||
		', org_status md5 ' || (SELECT left(md5(string_agg(t::text, ',' ORDER BY t::text)), 12) FROM quota.org_status t)"
done
