#!/bin/sh
# pg_dump / pg_restore of a database using quota: every table and sequence
# comes back and quota.verify() is clean.  Runs inside the test cluster;
# prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q -v ON_ERROR_STOP=1"
n=0
check() {
	n=$((n + 1))
	if [ -n "$1" ] && [ "$1" = "$2" ]; then echo "ok $n - $3"; else echo "not ok $n - $3 (got '$1', want '$2')"; fi
}
dump=$(mktemp)
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_dump_src' -c 'DROP DATABASE IF EXISTS quota_dump_dst' \
	-c 'CREATE DATABASE quota_dump_src' -c 'CREATE DATABASE quota_dump_dst' 2>/dev/null
$PSQL -d quota_dump_src -c 'CREATE EXTENSION quota' -f demo/01_binzhou.sql >/dev/null 2>&1
$PSQL -d quota_dump_src -f demo/02_activity.sql >/dev/null 2>&1
pg_dump -Fc -d quota_dump_src -f "$dump"
pg_restore -d quota_dump_dst "$dump" 2>&1 | head -20
q="SELECT (SELECT count(*) FROM quota.jurisdiction) || '/' || (SELECT count(*) FROM quota.approval) || '/' ||
	(SELECT count(*) FROM quota.org) || '/' || (SELECT count(*) FROM quota.pool) || '/' ||
	(SELECT count(*) FROM quota.movement) || '/' || (SELECT count(*) FROM quota.cap) || '/' ||
	(SELECT count(*) FROM quota.staff) || '/' || (SELECT count(*) FROM quota.hiring) || '/' || (SELECT count(*) FROM quota.leadership)"
src=$($PSQL -At -d quota_dump_src -c "$q")
dst=$($PSQL -At -d quota_dump_dst -c "$q")
check "$dst" "$src" "every table restored ($src)"
q="SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM quota.org_status) t"
check "$($PSQL -At -d quota_dump_dst -c "$q")" "$($PSQL -At -d quota_dump_src -c "$q")" "org_status identical after restore"
q="SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM quota.pool_balance) t"
check "$($PSQL -At -d quota_dump_dst -c "$q")" "$($PSQL -At -d quota_dump_src -c "$q")" "pool_balance identical after restore"
check "$($PSQL -At -d quota_dump_dst -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after restore"
q="SELECT (SELECT last_value FROM quota.movement_id_seq) || '/' || (SELECT last_value FROM quota.org_id_seq)"
check "$($PSQL -At -d quota_dump_dst -c "$q")" "$($PSQL -At -d quota_dump_src -c "$q")" "sequences restored"
rm -f "$dump"
echo "1..$n"
