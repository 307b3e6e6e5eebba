#!/bin/sh
# make demo: a throwaway UTF8 cluster with quota, the 滨州市 demo data and a
# printed walkthrough of what the extension does.
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
"$PSQL" -X -d quota_demo --echo-queries -f demo/walkthrough.sql 2>&1 | grep -v '^INSERT 0 [0-9]*$\|^SET$\|^UPDATE [0-9]*$\|^CREATE FUNCTION$'

# 10. a dump of the demo database restored into another one is an exact copy
echo
echo '== 10. Dump and restore: an exact copy of the books'
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
