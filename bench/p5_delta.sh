#!/bin/sh
# bench/p5_delta.sh -- measures the prototype of bench/p5_delta.sql (P5
# jurisdiction_status from a summary kept by contention-free delta rows)
# against quota.jurisdiction_status, in a throwaway cluster like bench/run.sh
# (BENCH_PGBIN, or tools/dev-cluster.sh NAME run sh bench/p5_delta.sh).  Not
# part of make bench.
#
#   BENCH_SCALE     data scale (a number; default 0.05)
#   BENCH_DURATION  seconds of each pgbench run (default 10)
#   BENCH_OUT       the report (default: stdout)
#
# It reports: both views' times (median of 5 after a warm-up) with no
# unfolded delta and with the deltas of the hire runs unfolded, then after a
# fold; that the two views give the same rows each time; the cost of writing
# the deltas on single hires (8 clients, P2's script, without and with the
# delta trigger, interleaved); and 8 clients hiring into the orgs of ONE
# county under REPEATABLE READ (failures: none expected, as no row is shared).
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
SCALE=${BENCH_SCALE:-0.05}
T=${BENCH_DURATION:-10}
if [ -z "${BENCH_PGBIN:-}" ] && [ -n "${QUOTA_IN_VENV:-}" ] && [ -n "${PG_CONFIG:-}" ]; then
	BENCH_PGBIN=$("$PG_CONFIG" --bindir)
fi
export BENCH_PGBIN=${BENCH_PGBIN:-}
if [ -z "${QUOTA_IN_BENCH_VENV:-}" ]; then
	export QUOTA_IN_BENCH_VENV=1
	if [ -n "$BENCH_PGBIN" ]; then
		exec sh bench/cluster.sh "$BENCH_PGBIN" 'shared_buffers=512MB max_connections=50 max_wal_size=8GB
			checkpoint_timeout=30min maintenance_work_mem=256MB' sh "$0" "$@"
	fi
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
		-o 'shared_buffers=512MB' -o 'max_connections=50' -o 'max_wal_size=8GB' \
		-o 'checkpoint_timeout=30min' -o 'maintenance_work_mem=256MB' sh "$0" "$@"
fi
if [ -n "$BENCH_PGBIN" ]; then BIN=$BENCH_PGBIN; else BIN=$(pg_config --bindir); fi
PSQL="$BIN/psql -X -v ON_ERROR_STOP=1"
DB=bench
WORK=$(mktemp -d /tmp/quota-p5delta.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
q() { $PSQL -Atq -d $DB -c "$1"; }
say() { echo "p5_delta: $*" >&2; }
p5_time() {
	{
		printf '%s\n' '\timing on' '\o /dev/null'
		i=0
		while [ $i -le 5 ]; do printf '%s;\n' "$1"; i=$((i + 1)); done
	} | $PSQL -q -d $DB 2>&1 | awk '/^Time:/ { print $2 }' | tail -n +2 | sort -n | awk '{ a[NR] = $1 } END { print a[3] }'
}
same() {
	q "SELECT count(*) FROM ((SELECT * FROM quota.jurisdiction_status EXCEPT ALL SELECT * FROM bench.jurisdiction_status_delta)
	   UNION ALL (SELECT * FROM bench.jurisdiction_status_delta EXCEPT ALL SELECT * FROM quota.jurisdiction_status)) d"
}
tps() { awk '/^tps = .*without/ { printf "%.0f", $3 }' "$1"; }
fails() { awk '/^number of failed transactions:/ { print $5 }' "$1"; }

$PSQL -q -d postgres -c "CREATE DATABASE $DB"
q "CREATE EXTENSION quota"
say "generating at scale $SCALE"
$PSQL -q -d $DB -v scale="$SCALE" -f bench/generate.sql > "$WORK/gen.log" 2>&1 || { tail "$WORK/gen.log"; exit 1; }
$PSQL -q -d $DB -f bench/fixture.sql > "$WORK/fix.log" 2>&1 || { tail "$WORK/fix.log"; exit 1; }
q "VACUUM ANALYZE" > /dev/null
N=$(q "SELECT (SELECT count(*) FROM quota.org) || ' orgs, ' || (SELECT count(*) FROM quota.org_account) || ' org accounts, ' || (SELECT count(*) FROM quota.staff) || ' staff'")
v0=$(date +%s%N)
q "SELECT count(*) FROM quota.verify()" > /dev/null
v1=$(date +%s%N)
VERIFY_MS=$(( (v1 - v0) / 1000000 ))
say "$N; verify() $VERIFY_MS ms; hires without the delta trigger"
for s in p2_quota_hire; do "$BIN/pgbench" -n -M simple -c 8 -j 2 -T 2 -D k=0 -D base=100000000 -f bench/$s.pgbench $DB > /dev/null 2>&1; done
"$BIN/pgbench" -n -M simple -c 8 -j 2 -T "$T" -D k=0 -D base=4000000 -f bench/p2_quota_hire.pgbench $DB > "$WORK/without.1" 2>&1
V_ORIG0=$(p5_time 'SELECT * FROM quota.jurisdiction_status')
$PSQL -q -d $DB -f bench/p5_delta.sql > "$WORK/delta.log" 2>&1 || { tail "$WORK/delta.log"; exit 1; }
V_DELTA0=$(p5_time 'SELECT * FROM bench.jurisdiction_status_delta')
SAME0=$(same)
say "views: $V_ORIG0 ms vs $V_DELTA0 ms (rows differing: $SAME0); hires with the delta trigger"
"$BIN/pgbench" -n -M simple -c 8 -j 2 -T 2 -D k=0 -D base=110000000 -f bench/p2_quota_hire.pgbench $DB > /dev/null 2>&1
"$BIN/pgbench" -n -M simple -c 8 -j 2 -T "$T" -D k=0 -D base=8000000 -f bench/p2_quota_hire.pgbench $DB > "$WORK/with.1" 2>&1
# second round: without (trigger off, summary rebuilt after), with
q "ALTER TABLE quota.org_account DISABLE TRIGGER jur_fig_delta; ALTER TABLE quota.pool_account DISABLE TRIGGER jur_fig_delta"
"$BIN/pgbench" -n -M simple -c 8 -j 2 -T "$T" -D k=0 -D base=12000000 -f bench/p2_quota_hire.pgbench $DB > "$WORK/without.2" 2>&1
q "ALTER TABLE quota.org_account ENABLE TRIGGER jur_fig_delta; ALTER TABLE quota.pool_account ENABLE TRIGGER jur_fig_delta"
q "SELECT bench.jur_fig_rebuild()" > /dev/null
"$BIN/pgbench" -n -M simple -c 8 -j 2 -T "$T" -D k=0 -D base=16000000 -f bench/p2_quota_hire.pgbench $DB > "$WORK/with.2" 2>&1
NDELTA=$(q "SELECT count(*) FROM bench.jur_fig_delta")
V_DELTA1=$(p5_time 'SELECT * FROM bench.jurisdiction_status_delta')
SAME1=$(same)
f0=$(date +%s%N)
FOLDED=$(q "SELECT bench.fold_jur_fig()")
f1=$(date +%s%N)
FOLD_MS=$(( (f1 - f0) / 1000000 ))
V_DELTA2=$(p5_time 'SELECT * FROM bench.jurisdiction_status_delta')
V_ORIG2=$(p5_time 'SELECT * FROM quota.jurisdiction_status')
SAME2=$(same)
say "with $NDELTA deltas: $V_DELTA1 ms; fold $FOLDED in $FOLD_MS ms; then $V_DELTA2 ms (orig $V_ORIG2 ms)"
# one county, REPEATABLE READ: 400 new institutions in one county, 50 posts
# each (fixture.sql's way: central issue, delegate, allocate); 8 clients hire
# into random ones of them.  Without the delta trigger, with it, and with a
# summary UPDATEd in place (the design the issue rejects): failures count
# serialization failures (two hires into one org collide in any design).
C=$(q "SELECT min(division) FROM bench.p1_org WHERE p = 0")
PROV=$(q "SELECT code FROM bench.province WHERE ord = 0")
$PSQL -q -d $DB > "$WORK/county.log" 2>&1 <<SQL || { tail "$WORK/county.log"; exit 1; }
INSERT INTO quota.org (id, name, division, kind, sector, rank, funding, established_on) OVERRIDING SYSTEM VALUE
SELECT 10200000 + i, '同县事业单位' || i, '$C', 'institution', 'other', '副科', '全额', date '2024-06-01'
FROM generate_series(1, 400) i;
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, note)
SELECT 'issue', 'institution', 20000, pool_id, '中央编办发〔2024〕1号', 'p5_delta'
FROM bench.pool_of WHERE division = '${PROV}0000' AND kind = 'unallocated' AND category = 'institution';
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, note)
SELECT 'delegate', 'institution', 20000, pf.pool_id, pt.pool_id, '基准编〔2024〕0号', 'p5_delta'
FROM bench.pool_of pf, bench.pool_of pt
WHERE pf.division = '${PROV}0000' AND pf.kind = 'unallocated' AND pf.category = 'institution'
  AND pt.division = '$C' AND pt.kind = 'unallocated' AND pt.category = 'institution';
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, note)
SELECT 'allocate', 'institution', 50, pt.pool_id, 10200000 + i, '基准编〔2024〕0号', 'p5_delta'
FROM bench.pool_of pt, generate_series(1, 400) i
WHERE pt.division = '$C' AND pt.kind = 'unallocated' AND pt.category = 'institution' ORDER BY i;
SQL
sed "s/^\\\\set o .*/\\\\set o 10200000 + random(1, 400)/" bench/p2_quota_hire.pgbench > "$WORK/county.pgbench"
county() {
	PGOPTIONS='-c default_transaction_isolation=repeatable\ read' "$BIN/pgbench" -n -M simple -c 8 -j 2 -T "$T" \
		--failures-detailed --max-tries=1 -D k=0 -D base=$1 -f "$WORK/county.pgbench" $DB > "$WORK/county.$2" 2>&1
}
rebuild() {
	q "SELECT bench.jur_fig_rebuild()" > /dev/null
}
q "ALTER TABLE quota.org_account DISABLE TRIGGER jur_fig_delta; ALTER TABLE quota.pool_account DISABLE TRIGGER jur_fig_delta"
county 20000000 none
q "ALTER TABLE quota.org_account ENABLE TRIGGER jur_fig_delta; ALTER TABLE quota.pool_account ENABLE TRIGGER jur_fig_delta"
rebuild
county 24000000 delta
SAME3=$(same)
# the summary updated in place by every change of an org account
q "ALTER TABLE quota.org_account DISABLE TRIGGER jur_fig_delta; ALTER TABLE quota.pool_account DISABLE TRIGGER jur_fig_delta"
q "CREATE FUNCTION bench.jur_fig_inplace() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
	IF NEW.category <> 'filed' THEN
		UPDATE bench.jur_fig d SET occupied = d.occupied + NEW.occupied - OLD.occupied,
			vacancy = d.vacancy + GREATEST(NEW.approved + NEW.borrowed - NEW.occupied - NEW.reserved, 0)
								- GREATEST(OLD.approved + OLD.borrowed - OLD.occupied - OLD.reserved, 0)
		  FROM quota.org o WHERE o.id = NEW.org_id AND d.division = o.division AND d.category = NEW.category;
	END IF;
	RETURN NULL;
END \$\$;
CREATE TRIGGER jur_fig_inplace AFTER UPDATE ON quota.org_account FOR EACH ROW EXECUTE FUNCTION bench.jur_fig_inplace()"
rebuild
county 28000000 inplace
q "DROP TRIGGER jur_fig_inplace ON quota.org_account"
q "SELECT bench.fold_jur_fig()" > /dev/null
EXPLAIN_ORIG=$(q "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM quota.jurisdiction_status")
EXPLAIN_DELTA=$(q "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM bench.jurisdiction_status_delta")
q "DROP TRIGGER jur_fig_delta ON quota.org_account; DROP TRIGGER jur_fig_delta ON quota.pool_account"
VER=$(q "SELECT count(*) FROM quota.verify()")
{
	echo "### P5 prototype: jurisdiction_status from delta rows (\`bench/p5_delta.sql\`, \`bench/p5_delta.sh\`)"
	echo
	echo "Scale $SCALE: $N. 8 clients, ${T} s per pgbench run. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "| measurement | quota.jurisdiction_status | prototype |"
	echo "|---|---|---|"
	echo "| view, no unfolded delta (median of 5) | $V_ORIG0 ms | $V_DELTA0 ms (rows differing: $SAME0) |"
	echo "| view with the $NDELTA unfolded deltas of one ${T} s hire run | — | $V_DELTA1 ms (rows differing: $SAME1) |"
	echo "| fold of those deltas (\`bench.fold_jur_fig()\`) | — | $FOLD_MS ms ($FOLDED rows) |"
	echo "| view after the fold | $V_ORIG2 ms | $V_DELTA2 ms (rows differing: $SAME2) |"
	echo "| single hires, 8 clients, round 1 (without / with the delta trigger) | $(tps "$WORK/without.1") tps | $(tps "$WORK/with.1") tps |"
	echo "| single hires, 8 clients, round 2 (without / with) | $(tps "$WORK/without.2") tps | $(tps "$WORK/with.2") tps |"
	echo "| 8 clients hiring into 400 institutions of county $C, REPEATABLE READ: no summary | $(tps "$WORK/county.none") tps, $(fails "$WORK/county.none") failed | — |"
	echo "| the same with the delta rows | — | $(tps "$WORK/county.delta") tps, $(fails "$WORK/county.delta") failed (rows differing after: $SAME3) |"
	echo "| the same with a per-division summary UPDATEd in place (rejected design) | — | $(tps "$WORK/county.inplace") tps, $(fails "$WORK/county.inplace") failed |"
	echo
	echo "\`quota.verify()\` on the generated data: $VERIFY_MS ms; its rows at the end: $VER."
	echo
	echo "<details><summary>EXPLAIN ANALYZE of both views (after the county runs, deltas folded)</summary>"
	echo
	echo '```'
	echo "$EXPLAIN_ORIG"
	echo
	echo "$EXPLAIN_DELTA"
	echo '```'
	echo
	echo "</details>"
} > "${BENCH_OUT:-/dev/stdout}"
