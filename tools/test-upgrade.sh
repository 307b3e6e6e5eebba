#!/bin/sh
# The upgrade path 0.1 -> 0.2: install the frozen 0.1 script, load the 0.1
# demo (test/fixtures/demo-0.1: the walkthrough of release 0.1, with its
# merges, duty moves, loans, talent draws and settlements), run
# ALTER EXTENSION quota UPDATE, and check that quota.verify() is clean, the
# 0.1 data is intact (every 0.1 column of every 0.1 table), the rules still
# hold for new writes, and the catalog signature of every extension object
# (tools/schema-signature.sql) equals that of a fresh 0.2 install.  Runs
# inside the test cluster; prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
n=0
check() {
	n=$((n + 1))
	if [ -n "$1" ] && [ "$1" = "$2" ]; then echo "ok $n - $3"; else echo "not ok $n - $3 (got '$1', want '$2')"; fi
}
work=$(mktemp -d)
chmod 755 "$work"
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_up' -c 'DROP DATABASE IF EXISTS quota_fresh' \
	-c 'CREATE DATABASE quota_up' -c 'CREATE DATABASE quota_fresh' 2>/dev/null
$PSQL -d quota_up -c "CREATE EXTENSION quota VERSION '0.1'"
# the 0.1 walkthrough includes its parts by the relative path demo/...
ln -s "$(pwd)/test/fixtures/demo-0.1" "$work/demo"
(cd "$work" && $PSQL -d quota_up -f demo/walkthrough.sql >/dev/null 2>&1)
check "$($PSQL -At -d quota_up -c "SELECT extversion FROM pg_extension WHERE extname = 'quota'")" "0.1" "the 0.1 database is at version 0.1"
check "$($PSQL -At -d quota_up -c "SELECT (SELECT count(*) FROM quota.movement) > 30 AND (SELECT count(*) FROM quota.staff) > 20
	AND (SELECT count(*) FROM quota.org WHERE status = 'merged') > 0")" "t" "the 0.1 database holds the demo's history"

# every 0.1 table, restricted to its 0.1 columns: one md5 each
$PSQL -At -d quota_up -c "SELECT c.oid::regclass::text || ' ' || string_agg(quote_ident(a.attname), ',' ORDER BY a.attnum)
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'r'
	  -- 0.2 keeps a subtree figure only under a subtree cap (tools/migrations-0.2.md); verify() checks it
	  AND NOT (c.relname = 'jurisdiction_account' AND a.attname = 'subtree_held')
	GROUP BY c.oid ORDER BY 1" > "$work/columns"
digest() {
	while read -r t cols; do
		printf '%s:%s\n' "$t" "$($PSQL -At -d quota_up -c "SELECT count(*) || '/' || md5(COALESCE(string_agg(x::text, ',' ORDER BY x::text), ''))
			FROM (SELECT $cols FROM $t) x")"
	done < "$work/columns"
}
digest > "$work/before"
check "$($PSQL -At -d quota_up -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean at 0.1"

out=$($PSQL -d quota_up -c 'ALTER EXTENSION quota UPDATE' 2>&1)
check "$out$($PSQL -At -d quota_up -c "SELECT extversion FROM pg_extension WHERE extname = 'quota'")" "0.2" "ALTER EXTENSION quota UPDATE brings it to 0.2"
digest > "$work/after"
check "$(diff "$work/before" "$work/after" | grep -c "^[<>]")" "0" "every 0.1 row of every 0.1 table is intact"
diff "$work/before" "$work/after" | head -5
[ -s "$work/before" ] || check "" "x" "the 0.1 tables were read"
check "$($PSQL -At -d quota_up -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after the update"
$PSQL -At -d quota_up -c 'SELECT * FROM quota.verify()' | head -5

# the catalogs: the updated database and a fresh install describe the same objects
$PSQL -d quota_fresh -c 'CREATE EXTENSION quota'
$PSQL -d quota_up -f tools/schema-signature.sql > "$work/sig-up"
$PSQL -d quota_fresh -f tools/schema-signature.sql > "$work/sig-fresh"
check "$(diff "$work/sig-fresh" "$work/sig-up" | grep -c '^[<>]')" "0" "the catalog signature of the updated database equals a fresh 0.2 install's"
diff "$work/sig-fresh" "$work/sig-up" | head -20

# the updated books go on under every rule
check "$($PSQL -At -d quota_up -c "SELECT quota.transfer(3, 6, 'admin', 2, '滨编〔2024〕12号') IS NOT NULL")" "t" \
	"a transfer after the update is applied"
check "$($PSQL -At -d quota_up -f test/lib/constraint_of.sql -c "SELECT pg_temp.constraint_of(\$q\$INSERT INTO quota.staff
	(person_id, name, org_id, category, entered_on, entry_doc) VALUES ('37160220000101003X', '新教师', 23, 'institution',
	current_date, '滨编〔2024〕12号')\$q\$)")" "quota_over_establishment" "an entry into the full school after the update is refused"
check "$($PSQL -At -d quota_up -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after new writes"
rm -rf "$work"
echo "1..$n"
