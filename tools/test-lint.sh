#!/bin/sh
# plpgsql_check over every PL/pgSQL function of quota, trigger functions once
# per table they are attached to (with that table's transition tables), with
# every warning class on (errors, other, extra, performance, security,
# compatibility).  Zero findings is the bar: one TAP line per function.
# Runs inside the test cluster (PGHOST/PGPORT set).
set -u
cd "$(dirname "$0")/.."
. tools/test-lib.sh
if ! have_ext plpgsql_check; then
	check "missing" "installed" "plpgsql_check is installed (Debian: postgresql-15-plpgsql-check; make deps)"
	finish
	exit 1
fi
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_lint' -c 'CREATE DATABASE quota_lint' 2>/dev/null
$PSQL -d quota_lint -c 'CREATE EXTENSION quota' -c 'CREATE EXTENSION plpgsql_check'
# Suppressed, each a false positive:
# - quota.raise_rule "should be IMMUTABLE": it only raises; an IMMUTABLE
#   raise_rule would be folded by the planner and raise while a query using
#   it in a branch not taken is planned.  The same for quota.refuse_edit (55000).
$PSQL -At -F '|' -d quota_lint >"${TMPDIR:-/tmp}/quota-lint.$$" <<'SQL'
WITH fn AS (
	SELECT p.oid, 0::oid AS relid, NULL::name AS newt, NULL::name AS oldt
	  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	 WHERE l.lanname = 'plpgsql' AND p.pronamespace = 'quota'::regnamespace
	   AND p.prorettype <> 'trigger'::regtype
	UNION
	SELECT DISTINCT t.tgfoid, t.tgrelid, t.tgnewtable, t.tgoldtable
	  FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_language l ON l.oid = p.prolang
	 WHERE l.lanname = 'plpgsql' AND p.pronamespace = 'quota'::regnamespace
), findings AS (
	SELECT fn.oid, fn.relid, c.*
	  FROM fn, LATERAL plpgsql_check_function_tb(fn.oid, fn.relid, newtable => fn.newt, oldtable => fn.oldt,
	                                             all_warnings => true) c
	 WHERE NOT (fn.oid IN ('quota.raise_rule(text,text,text,text,text)'::regprocedure,
	                       'quota.refuse_edit(text,text,text,text)'::regprocedure)
	            AND c.message = 'routine is marked as VOLATILE, should be IMMUTABLE')
)
SELECT fn.oid::regprocedure || CASE WHEN fn.relid <> 0 THEN ' on ' || fn.relid::regclass ELSE '' END,
	   COALESCE(string_agg(f.level || ' ' || f.sqlstate || ' line ' || COALESCE(f.lineno::text, '-') || ': ' || f.message
	                       || COALESCE(' (' || f.detail || ')', ''), '; ' ORDER BY f.lineno), '')
  FROM fn LEFT JOIN findings f ON f.oid = fn.oid AND f.relid = fn.relid
 GROUP BY fn.oid, fn.relid
 ORDER BY 1;
SQL
total=0
while IFS='|' read -r fn found; do
	total=$((total + 1))
	check "${found:-none}" "none" "plpgsql_check: $fn"
done <"${TMPDIR:-/tmp}/quota-lint.$$"
rm -f "${TMPDIR:-/tmp}/quota-lint.$$"
[ "$total" -gt 0 ] || check "0" "some" "PL/pgSQL functions found to lint"
$PSQL -d postgres -c 'DROP DATABASE quota_lint'
finish
