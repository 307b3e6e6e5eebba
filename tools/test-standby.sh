#!/bin/sh
# Dashboards on a hot standby: a primary with the demo walkthrough, a
# streaming replica made by pg_basebackup, and on the replica, read-only,
# every view of schema quota, quota.establishment_at (and every read-only
# function of a date), the standard ranges and quota.verify() give exactly
# what they give on the primary; a write there is refused by
# PostgreSQL (25006), and a new transfer on the primary reaches the replica's
# views.  Prints TAP lines.
set -u
cd "$(dirname "$0")/.."
. tools/test-lib.sh
p=$(new_dir)
s=$(new_dir)
pp=5434
sp=5435
init_cluster "$p"
start_cluster "$p" $pp -c wal_level=replica -c max_wal_senders=4 -c fsync=off
ON_DB=postgres on "$p" $pp -c 'CREATE DATABASE quota_ops'
on "$p" $pp -c 'CREATE EXTENSION quota'
# the walkthrough shows refused statements on purpose: no ON_ERROR_STOP
$BINDIR/psql -X -q -h "$p" -p $pp -U postgres -d quota_ops -f demo/walkthrough.sql >"$p/demo.log" 2>&1
check "$(on "$p" $pp -At -c 'SELECT (SELECT count(*) > 0 FROM quota.movement) AND (SELECT count(*) > 0 FROM quota.staff)')" "t" \
	"the primary holds the demo's ledger and roster"

QUOTA_CLUSTERS="$QUOTA_CLUSTERS $s"
as_pg "$BINDIR/pg_basebackup -h $p -p $pp -U postgres -D $s/data -R -X stream -c fast" >"$s/basebackup.log" 2>&1
check "$?" "0" "pg_basebackup copies the primary with a standby configuration (-R)"
start_cluster "$s" $sp -c hot_standby=on -c fsync=off
check "$(on "$s" $sp -At -c 'SELECT pg_is_in_recovery()')" "t" "the replica runs as a hot standby"

# wait until the replica has replayed everything the primary wrote
caught_up() {
	lsn=$(on "$p" $pp -At -c 'SELECT pg_current_wal_lsn()')
	i=0
	while [ $i -lt 60 ]; do
		[ "$(on "$s" $sp -At -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}
caught_up
check "$?" "0" "the replica catches up with the primary (streaming)"

# every view, as rows in text, one digest each; the same on both
views=$(on "$p" $pp -At -c "SELECT string_agg(c.oid::regclass::text, ' ' ORDER BY c.relname)
	FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind IN ('v', 'm')")
digest="count(*) || '/' || md5(COALESCE(string_agg(x::text, ',' ORDER BY x::text), ''))"
# a digest, or the error (never equal to one)
read_on() {
	r=$(on "$@" 2>&1)
	if echo "$r" | grep -qE '^[0-9]+/[0-9a-f]{32}$'; then echo "$r"; else echo "error: $r"; fi
}
for v in $views; do
	check "$(read_on "$s" $sp -At -c "SELECT $digest FROM $v x")" "$(on "$p" $pp -At -c "SELECT $digest FROM $v x")" \
		"on the replica: $v reads as on the primary"
done
# every read-only function of one date (establishment_at, and any added later), at two dates
asof=$(on "$p" $pp -At -c "SELECT string_agg(p.proname, ' ' ORDER BY p.proname) FROM pg_proc p
	WHERE p.pronamespace = 'quota'::regnamespace AND p.provolatile <> 'v' AND p.proretset
	  AND p.proargtypes = '1082'::oidvector")
check "$(echo "$asof" | grep -cw establishment_at)" "1" "the functions of a date include quota.establishment_at ($asof)"
for f in $asof; do
	for d in "current_date" "'2024-06-30'"; do
		q="SELECT $digest FROM quota.$f($d) x"
		check "$(read_on "$s" $sp -At -c "$q")" "$(on "$p" $pp -At -c "$q")" "on the replica: quota.$f($d) as on the primary"
	done
done
q="SELECT $digest FROM (SELECT o.org_id, o.category, quota.standard_posts(o.org_id, o.category),
	quota.standard_range(o.org_id, 'leaders'), quota.standard_range(o.org_id, 'internal_units') FROM quota.org_status o) x"
check "$(read_on "$s" $sp -At -c "$q")" "$(on "$p" $pp -At -c "$q")" "on the replica: quota.standard_posts and standard_range for every org as on the primary"
check "$(on "$s" $sp -At -c 'SELECT count(*) FROM quota.verify()' 2>&1)" "0" "on the replica: quota.verify() runs and is clean"
check "$(on "$s" $sp -At -c 'SELECT count(*) > 0 FROM quota.org_status WHERE occupied > 0' 2>&1)" "t" "on the replica: the views show the demo's occupancy"

# writes belong to the primary
on "$s" $sp -At -v VERBOSITY=sqlstate -c "SELECT quota.transfer(3, 6, 'admin', 1, '滨编〔2024〕12号')" >"$s/write.out" 2>&1
check "$(grep -o '25006' "$s/write.out")" "25006" "on the replica: a transfer is refused as a write in a read-only transaction (25006)"
before=$(on "$s" $sp -At -c "SELECT approved FROM quota.org_status WHERE org_id = 6 AND category = 'admin'")
on "$p" $pp -At -c "SELECT quota.transfer(3, 6, 'admin', 1, '滨编〔2024〕12号')" >/dev/null
caught_up
check "$(on "$s" $sp -At -c "SELECT approved - $before FROM quota.org_status WHERE org_id = 6 AND category = 'admin'")" "1" \
	"a transfer on the primary reaches the replica's org_status"
check "$(on "$s" $sp -At -c 'SELECT count(*) FROM quota.verify()' 2>&1)" "0" "on the replica: quota.verify() is clean after it"
finish
