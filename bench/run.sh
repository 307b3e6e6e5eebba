#!/bin/sh
# bench/run.sh -- the performance targets P1-P6 of DESIGN.md §11, measured side
# by side in one throwaway cluster (pg_virtualenv), reported as ratios in
# bench/results/<YYYY-MM-DD>.md.  `make bench` runs it after installing the
# extension; it uses the installed quota, never the build tree.
#
#   BENCH_SCALE     small (default, 0.05: 10k orgs, 250k staff; a few minutes
#                   on 2 cores), medium (0.2), full (1: 200k orgs, 5M staff,
#                   1M COPY rows), or a number (fraction of full)
#   BENCH_DURATION  seconds per pgbench run (default 10 small, 20 medium, 30 full)
#   BENCH_ROUNDS    times each side is measured, interleaved (default 2)
#   BENCH_CLIENTS   clients of P1, P2, P4 and of P6's concurrent side (default 8)
#   BENCH_P3_ROWS   rows of the P3 COPY (default max(100000, 1M x scale))
#   BENCH_P3_BIG    rows of the second, memory COPY (default 1000000; 0: none):
#                   private memory at 100k and at that many rows, extrapolated
#   BENCH_PGBIN     bin directory of the PostgreSQL to run (default: the
#                   system's through pg_virtualenv; under tools/dev-cluster.sh
#                   its private install)
#   BENCH_OUT       results file (default bench/results/<date>.md, or
#                   <date>-<scale>.md for another scale than small)
#   BENCH_KEEP      directory to keep the raw logs in (default: a temp dir, removed)
#   BENCH_NOTES     a Markdown file appended to the results (findings, profiles)
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

BENCH_SCALE=${BENCH_SCALE:-small}
case $BENCH_SCALE in
	small) SCALE=0.05; DEF_T=10 ;;
	medium) SCALE=0.2; DEF_T=20 ;;
	full) SCALE=1; DEF_T=30 ;;
	*[!0-9.]* | '') echo "bench: BENCH_SCALE must be small, medium, full or a number" >&2; exit 2 ;;
	*) SCALE=$BENCH_SCALE; DEF_T=$(awk -v s="$SCALE" 'BEGIN { print (s >= 0.5 ? 30 : (s >= 0.1 ? 20 : 10)) }') ;;
esac
export BENCH_SCALE SCALE
export BENCH_DURATION=${BENCH_DURATION:-$DEF_T}
export BENCH_ROUNDS=${BENCH_ROUNDS:-2}
export BENCH_CLIENTS=${BENCH_CLIENTS:-8}
export BENCH_P3_ROWS=${BENCH_P3_ROWS:-$(awk -v s="$SCALE" 'BEGIN { n = int(1000000 * s); print (n < 100000 ? 100000 : n) }')}
export BENCH_P3_BIG=${BENCH_P3_BIG:-1000000}
if [ "$BENCH_SCALE" = small ]; then
	export BENCH_OUT=${BENCH_OUT:-bench/results/$(date +%Y-%m-%d).md}
else
	export BENCH_OUT=${BENCH_OUT:-bench/results/$(date +%Y-%m-%d)-$BENCH_SCALE.md}
fi

# the PostgreSQL to run: the system's through pg_virtualenv (make bench), or
# the bin directory BENCH_PGBIN names; under tools/dev-cluster.sh (QUOTA_IN_VENV
# and PG_CONFIG set) its private install, so that
#   sh tools/dev-cluster.sh NAME run sh bench/run.sh
# measures the working tree without touching the system-wide install
if [ -z "${BENCH_PGBIN:-}" ] && [ -n "${QUOTA_IN_VENV:-}" ] && [ -n "${PG_CONFIG:-}" ]; then
	BENCH_PGBIN=$("$PG_CONFIG" --bindir)
fi
export BENCH_PGBIN=${BENCH_PGBIN:-}
if [ -z "${QUOTA_IN_BENCH_VENV:-}" ]; then
	export QUOTA_IN_BENCH_VENV=1
	echo "bench: scale $BENCH_SCALE ($SCALE), ${BENCH_DURATION}s x $BENCH_ROUNDS rounds, $BENCH_CLIENTS clients, P3 $BENCH_P3_ROWS rows"
	if [ -n "$BENCH_PGBIN" ]; then
		# another PostgreSQL than the system's (a private install): the same
		# settings in a throwaway cluster of its own initdb
		exec sh bench/cluster.sh "$BENCH_PGBIN" 'shared_buffers=512MB max_connections=50 max_wal_size=8GB
			checkpoint_timeout=30min maintenance_work_mem=256MB' sh "$0" "$@"
	fi
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
		-o 'shared_buffers=512MB' -o 'max_connections=50' -o 'max_wal_size=8GB' \
		-o 'checkpoint_timeout=30min' -o 'maintenance_work_mem=256MB' sh "$0" "$@"
fi

# ---------------------------------------------------------------------------
# inside the throwaway cluster
# ---------------------------------------------------------------------------

if [ -n "$BENCH_PGBIN" ]; then BIN=$BENCH_PGBIN; else BIN=$(pg_config --bindir); fi
PSQL="$BIN/psql -X -v ON_ERROR_STOP=1"
PGBENCH="$BIN/pgbench"
DB=bench
if [ -n "${BENCH_KEEP:-}" ]; then
	WORK=$BENCH_KEEP
	mkdir -p "$WORK"
else
	WORK=$(mktemp -d /tmp/quota-bench.XXXXXX)
	trap 'rm -rf "$WORK"' EXIT
fi
chmod 755 "$WORK"
RUNS=$WORK/runs.tsv			# workload round clients tps latency_ms processed failed aborted errors deadlocks wal_per_txn load rc
: > "$RUNS"
T0=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

say() { echo "bench [$(($(date +%s) - T0))s] $*"; }
q() { $PSQL -Atq -d $DB -c "$1"; }
die() { echo "bench: $*" >&2; exit 1; }

$PSQL -q -d postgres -c "CREATE DATABASE $DB" || die "cannot create database"
q "CREATE EXTENSION quota" || die "cannot create extension quota (run make install first)"

# ---- national data --------------------------------------------------------
say "generating national data at scale $SCALE"
g0=$(date +%s.%N)
$PSQL -q -d $DB -v scale="$SCALE" -f bench/generate.sql > "$WORK/generate.log" 2>&1 \
	|| { tail -n 30 "$WORK/generate.log"; die "generate.sql failed"; }
g1=$(date +%s.%N)
GEN_SECS=$(awk -v a="$g0" -v b="$g1" 'BEGIN { printf "%.1f", b - a }')
DATA=$(q "SELECT (SELECT count(*) FROM quota.jurisdiction) || ' ' || (SELECT count(*) FROM quota.org) || ' ' ||
		 (SELECT count(*) FROM quota.staff) || ' ' || (SELECT count(*) FROM quota.pool) || ' ' ||
		 (SELECT count(*) FROM quota.movement) || ' ' || (SELECT count(*) FROM quota.loan) || ' ' ||
		 (SELECT count(DISTINCT kind) FROM quota.org) || ' ' || (SELECT count(DISTINCT sector) FROM quota.org) || ' ' ||
		 (SELECT count(*) FROM quota.cap) || ' ' || pg_size_pretty(pg_database_size(current_database()))")
set -- $DATA
N_JUR=$1 N_ORG=$2 N_STAFF=$3 N_POOL=$4 N_MOV=$5 N_LOAN=$6 N_KIND=$7 N_SECTOR=$8 N_CAP=$9 DB_SIZE="${10} ${11}"
say "generated in ${GEN_SECS}s: $N_JUR jurisdictions, $N_ORG orgs, $N_STAFF staff, $N_MOV movements, $DB_SIZE"
q "VACUUM ANALYZE" > /dev/null
v0=$(date +%s.%N)
VERIFY_START=$(q "SELECT count(*) FROM quota.verify()")
v1=$(date +%s.%N)
VERIFY_SECS=$(awk -v a="$v0" -v b="$v1" 'BEGIN { printf "%.2f", b - a }')

# ---- P5: dashboards on the national data -----------------------------------
# one warm-up, then BENCH_P5_REPEAT timed runs; the median is reported
P5_REPEAT=${BENCH_P5_REPEAT:-5}
p5_time() {
	{
		printf '%s\n' '\timing on' '\o /dev/null'
		i=0
		while [ $i -le "$P5_REPEAT" ]; do printf '%s;\n' "$1"; i=$((i + 1)); done
	} | $PSQL -q -d $DB 2>&1 | awk '/^Time:/ { print $2 }' | tail -n +2 | sort -n |
		awk '{ a[NR] = $1 } END { if (NR == 0) print "NaN"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
say "P5: quota.violations and quota.jurisdiction_status"
P5_VIOL_MS=$(p5_time 'SELECT count(*) FROM quota.violations')
# jurisdiction_status reads the figure summary plus the deltas not folded yet:
# the generation leaves one delta per account change, as a province's first
# load would, so it is timed with that backlog, then folded as the scheduled
# quota.fold_jurisdiction_figures() would (README, Operations), then timed
P5_DELTAS=$(q "SELECT count(*) FROM quota.jurisdiction_figure_delta")
P5_JUR_BACKLOG_MS=$(p5_time 'SELECT * FROM quota.jurisdiction_status')
f0=$(date +%s.%N)
q "SELECT quota.fold_jurisdiction_figures()" > /dev/null
f1=$(date +%s.%N)
P5_FOLD_MS=$(awk -v a="$f0" -v b="$f1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
q "VACUUM ANALYZE quota.jurisdiction_figure, quota.jurisdiction_figure_delta" > /dev/null
P5_JUR_MS=$(p5_time 'SELECT * FROM quota.jurisdiction_status')
say "P5: jurisdiction_status with $P5_DELTAS unfolded deltas ${P5_JUR_BACKLOG_MS} ms; fold ${P5_FOLD_MS} ms"
P5_VIOL_ROWS=$(q "SELECT count(*) FROM quota.violations")
P5_JUR_ROWS=$(q "SELECT count(*) FROM quota.jurisdiction_status")
P5_ORGSTATUS_MS=$(p5_time 'SELECT * FROM quota.org_status')
say "P5: violations ${P5_VIOL_MS} ms ($P5_VIOL_ROWS rows), jurisdiction_status ${P5_JUR_MS} ms ($P5_JUR_ROWS rows)"
# again with the national standards library and a workload metric for every
# school and hospital, so a standard is evaluated for every institution; then
# removed, so the write workloads see the same books
$PSQL -q -d $DB -f bench/p5_standards.sql > "$WORK/p5_standards.log" 2>&1 || { tail -n 30 "$WORK/p5_standards.log"; die "p5_standards.sql failed"; }
P5_STD_N=$(q "SELECT (SELECT count(*) FROM quota.standard) || ' ' || (SELECT count(*) FROM quota.org_metric) || ' ' || (SELECT count(*) FROM quota.standard_status)")
set -- $P5_STD_N
P5_STD_STANDARDS=$1 P5_STD_METRICS=$2 P5_STD_EVALS=$3
P5_VIOL_STD_MS=$(p5_time 'SELECT count(*) FROM quota.violations')
P5_VIOL_STD_ROWS=$(q "SELECT count(*) FROM quota.violations")
$PSQL -q -d $DB -f bench/p5_standards_drop.sql > /dev/null 2>&1 || die "p5_standards_drop.sql failed"
say "P5: violations with standards ${P5_VIOL_STD_MS} ms ($P5_VIOL_STD_ROWS rows, $P5_STD_EVALS org x standard evaluations)"

# ---- fixtures for the write workloads ----------------------------------------
say "fixtures and the PL/pgSQL comparator"
$PSQL -q -d $DB -f bench/fixture.sql > "$WORK/fixture.log" 2>&1 || { tail -n 30 "$WORK/fixture.log"; die "fixture.sql failed"; }
$PSQL -q -d $DB -f bench/plpgsql_transfer.sql > "$WORK/plpgsql.log" 2>&1 || { tail -n 30 "$WORK/plpgsql.log"; die "plpgsql_transfer.sql failed"; }
$PSQL -q -d $DB -f bench/plpgsql_roster.sql > "$WORK/plpgsql_roster.log" 2>&1 || { tail -n 30 "$WORK/plpgsql_roster.log"; die "plpgsql_roster.sql failed"; }
HOT_POOL=$(q "SELECT pool_id FROM bench.p6_pool")
q "CHECKPOINT"

# run_pgbench NAME SCRIPT CLIENTS ROUND [extra pgbench args]
# appends one line to $RUNS; the full output is kept in $WORK/NAME.ROUND.log
P2_RUN=0
run_pgbench() {
	name=$1 script=$2 clients=$3 round=$4
	shift 4
	jobs=$([ "$clients" -ge 2 ] && echo 2 || echo 1)
	log=$WORK/$name.$round.log
	lsn0=$(q "SELECT pg_current_wal_lsn()")
	$PGBENCH -n -M simple -c "$clients" -j "$jobs" -T "$BENCH_DURATION" --failures-detailed \
		"$@" -f "bench/$script" $DB > "$log" 2>&1
	rc=$?
	walb=$(q "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn0')")
	load=$(cut -d' ' -f1 /proc/loadavg)
	awk -v name="$name" -v round="$round" -v clients="$clients" -v rc="$rc" -v walb="$walb" -v load="$load" '
		/^tps = .*without initial connection time/ { tps = $3 }
		/^latency average = / { lat = $4 }
		/^number of transactions actually processed:/ { split($6, p, "/"); done = p[1] }
		/^number of failed transactions:/ { failed = $5 }
		/^number of deadlock failures:/ { dead = $5 }
		/aborted in command/ { aborted++ }
		/ERROR:/ && !/aborted in command/ { errors++ }
		END {
			if (tps == "") tps = 0
			if (done == "") done = 0
			printf "%s\t%s\t%s\t%.1f\t%.3f\t%d\t%d\t%d\t%d\t%d\t%.0f\t%s\t%d\n", name, round, clients, tps, lat, done,
				failed + 0, aborted + 0, errors + 0, dead + 0, (done > 0 ? walb / done : 0), load, rc
		}' "$log" >> "$RUNS"
	tail -n 1 "$RUNS" | awk -F'\t' '{ printf "bench:   %-16s round %s, %s clients: %s tps, %s ms, %s failed, %s aborted, %s errors\n", $1, $2, $3, $4, $5, $7, $8, $9 }'
}

# warm-up: every script once, briefly, so that no side pays for cold caches
say "warm-up"
for s in p1_baseline p1_quota_insert p1_quota_transfer p4_plpgsql p6_allocate; do
	$PGBENCH -n -M simple -c "$BENCH_CLIENTS" -j 2 -T 2 -D pool="$HOT_POOL" -f "bench/$s.pgbench" $DB > "$WORK/warm.$s.log" 2>&1
done
$PGBENCH -n -M simple -c "$BENCH_CLIENTS" -j 2 -T 2 -D k=0 -D base=100000000 -f bench/p2_quota_hire.pgbench $DB > "$WORK/warm.p2.log" 2>&1
for s in p2_baseline_hire p2_unchecked_hire p2_plpgsql_hire; do
	$PGBENCH -n -M simple -c "$BENCH_CLIENTS" -j 2 -T 2 -D k=0 -D base=100000000 -f "bench/$s.pgbench" $DB > "$WORK/warm.$s.log" 2>&1
done
q "VACUUM ANALYZE quota.movement, quota.org_account, quota.jurisdiction_account, quota.pool_account, quota.staff,
   quota.person_post, bench.movement_plain, bench.counter_plain, bench.movement_pl, bench.org_account_pl,
   bench.jurisdiction_account_pl, bench.staff_plain, bench.staff_pl, bench.org_account_rpl, bench.person_post_pl,
   bench.staff_event_pl, quota.staff_event"

# ---- P1 and P4: transfers --------------------------------------------------
say "P1/P4: transfers between random orgs, $BENCH_CLIENTS clients"
r=1
while [ $r -le "$BENCH_ROUNDS" ]; do
	run_pgbench p1_baseline p1_baseline.pgbench "$BENCH_CLIENTS" $r
	run_pgbench p1_quota p1_quota_insert.pgbench "$BENCH_CLIENTS" $r
	run_pgbench p4_plpgsql p4_plpgsql.pgbench "$BENCH_CLIENTS" $r
	run_pgbench p1_quota_func p1_quota_transfer.pgbench "$BENCH_CLIENTS" $r
	r=$((r + 1))
done

# ---- P2: hires -------------------------------------------------------------
# against an unconstrained copy, against the same row writes unchecked (the
# staff row and one counter UPDATE), and against the PL/pgSQL roster
# comparator; then hires/s with 1 and 32 clients.  Every run has its own band
# of resident ids (base), so no hire meets an earlier one.
say "P2: single hires, $BENCH_CLIENTS clients; then 1 and 32 clients"
r=1
while [ $r -le "$BENCH_ROUNDS" ]; do
	base=$((r * 4000000))
	run_pgbench p2_baseline p2_baseline_hire.pgbench "$BENCH_CLIENTS" $r -D k=0 -D base=$base
	run_pgbench p2_quota p2_quota_hire.pgbench "$BENCH_CLIENTS" $r -D k=0 -D base=$base
	run_pgbench p2_unchecked p2_unchecked_hire.pgbench "$BENCH_CLIENTS" $r -D k=0 -D base=$base
	run_pgbench p2_plpgsql p2_plpgsql_hire.pgbench "$BENCH_CLIENTS" $r -D k=0 -D base=$base
	r=$((r + 1))
done
r=1
while [ $r -le "$BENCH_ROUNDS" ]; do
	run_pgbench p2_quota_c1 p2_quota_hire.pgbench 1 $r -D k=0 -D base=$((20000000 + r * 10000000))
	run_pgbench p2_quota_c32 p2_quota_hire.pgbench 32 $r -D k=0 -D base=$((50000000 + r * 10000000))
	r=$((r + 1))
done

# ---- P3: COPY of roster rows -------------------------------------------------
say "P3: COPY of $BENCH_P3_ROWS roster rows"
# p3_file ROWS FILE: ROWS roster rows grouped by org over the 10,013 P1 orgs
p3_file() {
	po=$(( ($1 + 10012) / 10013 ))
	$PSQL -q -d $DB -c "\\copy (SELECT bench.rid(o.division, g, 500), '职工' || g, o.org_id, 'institution', date '2024-09-01', '中央编办发〔2024〕1号' FROM generate_series(0, $1 - 1) g JOIN bench.p1_org o ON o.org_id = 10000001 + g / $po ORDER BY g) TO '$2' WITH (FORMAT csv)" \
		|| die "cannot write the P3 file"
}
per_org=$(( (BENCH_P3_ROWS + 10012) / 10013 ))
p3_file "$BENCH_P3_ROWS" "$WORK/p3.csv"
P3_FILE_MB=$(du -m "$WORK/p3.csv" | cut -f1)
COLS="person_id, name, org_id, category, entered_on, entry_doc"
# p3_copy TABLE TAG: one COPY inside a transaction that is rolled back, timed
# in the server; the backend's memory is sampled while it runs
p3_copy() {
	tag=$1 table=$2 file=${3:-$WORK/p3.csv}
	rm -f "$WORK/mem.$tag.stop" "$WORK/mem.$tag.out"
	$PSQL -q -d $DB > "$WORK/$tag.log" 2>&1 <<-EOF
		SELECT pg_backend_pid() AS pid \gset
		\setenv BENCH_PID :pid
		\! sh bench/memwatch.sh \$BENCH_PID $WORK/mem.$tag.out $WORK/mem.$tag.stop &
		\! sleep 0.1
		BEGIN;
		SELECT clock_timestamp() AS t0 \gset
		\copy $table ($COLS) FROM '$file' WITH (FORMAT csv)
		SELECT extract(epoch FROM clock_timestamp() - :'t0') AS secs \gset
		\! touch $WORK/mem.$tag.stop
		\! sleep 0.1
		ROLLBACK;
		\echo SECS :secs
	EOF
	rc=$?
	touch "$WORK/mem.$tag.stop"
	sleep 0.2
	secs=$(awk '/^SECS / { print $2 }' "$WORK/$tag.log")
	errs=$(grep -c 'ERROR' "$WORK/$tag.log")
	[ $rc -ne 0 ] && [ "$errs" -eq 0 ] && errs=1
	mem=$(cat "$WORK/mem.$tag.out" 2>/dev/null || echo "0 0 0 0")
	echo "$tag ${secs:-NaN} $errs $mem" >> "$WORK/p3.txt"
	echo "bench:   $tag: ${secs:-failed} s, $errs errors, memory (peak anon, peak rss, hwm, samples) $mem"
	q "VACUUM quota.staff, quota.person_post, quota.org_account, bench.staff_plain" > /dev/null
}
: > "$WORK/p3.txt"
r=1
while [ $r -le "$BENCH_ROUNDS" ]; do
	p3_copy p3_plain.$r bench.staff_plain
	p3_copy p3_quota.$r quota.staff
	r=$((r + 1))
done
# memory: the backend's private memory of a COPY into quota.staff at 100k and
# at BENCH_P3_BIG rows (plain COPY of as many rows alongside, for the ratio at
# that size); a size the rounds above already copied is not copied again
if [ "$BENCH_P3_ROWS" -ne 100000 ]; then
	p3_file 100000 "$WORK/p3_100k.csv"
	p3_copy p3m_quota.100000 quota.staff "$WORK/p3_100k.csv"
fi
if [ "$BENCH_P3_BIG" -gt 0 ] && [ "$BENCH_P3_BIG" -ne "$BENCH_P3_ROWS" ]; then
	say "P3: memory of a COPY of $BENCH_P3_BIG roster rows"
	p3_file "$BENCH_P3_BIG" "$WORK/p3_big.csv"
	p3_copy p3m_plain.$BENCH_P3_BIG bench.staff_plain "$WORK/p3_big.csv"
	p3_copy p3m_quota.$BENCH_P3_BIG quota.staff "$WORK/p3_big.csv"
fi

# ---- P6: one hot pool --------------------------------------------------------
say "P6: allocations from one hot pool, 1 vs $BENCH_CLIENTS clients"
r=1
while [ $r -le "$BENCH_ROUNDS" ]; do
	run_pgbench p6_one p6_allocate.pgbench 1 $r -D pool="$HOT_POOL"
	run_pgbench p6_many p6_allocate.pgbench "$BENCH_CLIENTS" $r -D pool="$HOT_POOL"
	r=$((r + 1))
done

# ---- the books after all of it ---------------------------------------------
say "quota.verify() after the workloads"
VERIFY_END=$(q "SELECT count(*) FROM quota.verify()")
MOVEMENTS_END=$(q "SELECT count(*) FROM quota.movement")

# ---- P3: memory of a mass UPDATE ---------------------------------------------
# last, as it commits rows (bench/p3_update.sh: the rows of the 100k and of the
# BENCH_P3_BIG file are loaded and committed, then each moves to the next P1
# org in one UPDATE -- a reorganisation the change trigger checks: authority,
# vacancy per account, change records -- the backend's private memory sampled
# during that UPDATE, which is rolled back; then they leave)
say "P3: memory of a mass UPDATE of 100000 and $BENCH_P3_BIG roster rows"
: > "$WORK/p3u.txt"
P3U_ORGS=$(q "SELECT min(org_id) || ' ' || max(org_id) FROM bench.p1_org")
if [ "$BENCH_P3_ROWS" -eq 100000 ]; then P3U_SMALL=$WORK/p3.csv; else P3U_SMALL=$WORK/p3_100k.csv; fi
P3U_BIGF=
if [ "$BENCH_P3_BIG" -gt 0 ] && [ "$BENCH_P3_BIG" -ne 100000 ]; then
	if [ "$BENCH_P3_BIG" -eq "$BENCH_P3_ROWS" ]; then P3U_BIGF=$WORK/p3.csv; else P3U_BIGF=$WORK/p3_big.csv; fi
fi
for f in "$P3U_SMALL" $P3U_BIGF; do
	n=$(wc -l < "$f")
	PSQL="$PSQL" DB=$DB sh bench/p3_update.sh "p3u.$n" "$f" "$WORK/p3u.txt" $P3U_ORGS '中央编办发〔2024〕1号'
done
rm -f "$WORK/p3_big.csv"

# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------

# mean of a column ($4 tps by default) over the rounds of one workload
mean() { awk -F'\t' -v n="$1" -v c="${2:-4}" '$1 == n { s += $c; k++ } END { if (k) printf "%.1f", s / k; else print "NaN" }' "$RUNS"; }
total() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n { s += $c } END { print s + 0 }' "$RUNS"; }
errs_of() { awk -F'\t' -v n="$1" '$1 == n { s += $7 + $8 + $9 } END { print s + 0 }' "$RUNS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "NaN"; else printf "%.2f", a / b }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "NaN" && a + 0 >= b + 0) ? "yes" : "no" }'; }

P1_BASE=$(mean p1_baseline) P1_Q=$(mean p1_quota) P1_F=$(mean p1_quota_func) P4_PL=$(mean p4_plpgsql)
P2_BASE=$(mean p2_baseline) P2_Q=$(mean p2_quota) P2_UN=$(mean p2_unchecked) P2_PL=$(mean p2_plpgsql)
P2_C1=$(mean p2_quota_c1) P2_C32=$(mean p2_quota_c32)
P2U_R=$(ratio "$P2_Q" "$P2_UN") P2PL_R=$(ratio "$P2_Q" "$P2_PL")
E_P2U=$(errs_of p2_unchecked) E_P2PL=$(errs_of p2_plpgsql) E_P2C=$(( $(errs_of p2_quota_c1) + $(errs_of p2_quota_c32) ))
P6_ONE=$(mean p6_one) P6_MANY=$(mean p6_many)
P1_R=$(ratio "$P1_Q" "$P1_BASE") P1F_R=$(ratio "$P1_F" "$P1_BASE") P4_R=$(ratio "$P1_Q" "$P4_PL")
P2_R=$(ratio "$P2_Q" "$P2_BASE") P6_R=$(ratio "$P6_MANY" "$P6_ONE")
E_P1B=$(errs_of p1_baseline) E_P1=$(errs_of p1_quota) E_P1F=$(errs_of p1_quota_func) E_P4=$(errs_of p4_plpgsql)
E_P2B=$(errs_of p2_baseline) E_P2=$(errs_of p2_quota) E_P6=$(( $(errs_of p6_one) + $(errs_of p6_many) ))
DL_P6=$(( $(total p6_one 10) + $(total p6_many 10) ))
P3_PLAIN=$(awk '$1 ~ /^p3_plain/ { s += $2; k++ } END { if (k) printf "%.2f", s / k; else print "NaN" }' "$WORK/p3.txt")
P3_QUOTA=$(awk '$1 ~ /^p3_quota/ { s += $2; k++ } END { if (k) printf "%.2f", s / k; else print "NaN" }' "$WORK/p3.txt")
P3_ERR_Q=$(awk '$1 ~ /^p3_quota/ { s += $3 } END { print s + 0 }' "$WORK/p3.txt")
P3_ERR_B=$(awk '$1 ~ /^p3_plain/ { s += $3 } END { print s + 0 }' "$WORK/p3.txt")
P3_MEM_Q=$(awk '$1 ~ /^p3_quota/ { if ($4 > a) a = $4; if ($5 > r) r = $5; if ($6 > h) h = $6 } END { printf "%.0f %.0f %.0f", a / 1024, r / 1024, h / 1024 }' "$WORK/p3.txt")
P3_MEM_B=$(awk '$1 ~ /^p3_plain/ { if ($4 > a) a = $4; if ($5 > r) r = $5; if ($6 > h) h = $6 } END { printf "%.0f %.0f %.0f", a / 1024, r / 1024, h / 1024 }' "$WORK/p3.txt")
P3_RATE_Q=$(awk -v n="$BENCH_P3_ROWS" -v s="$P3_QUOTA" 'BEGIN { if (s + 0 > 0) printf "%.0f", n / s; else print "NaN" }')
P3_RATE_B=$(awk -v n="$BENCH_P3_ROWS" -v s="$P3_PLAIN" 'BEGIN { if (s + 0 > 0) printf "%.0f", n / s; else print "NaN" }')
P3_R=$(ratio "$P3_RATE_Q" "$P3_RATE_B")
# private memory (peak RssAnon, KiB) of the quota COPY at 100k rows and at BENCH_P3_BIG rows
anon_of() { awk -v t="$1" '$1 ~ t { if ($4 > a) a = $4 } END { print a + 0 }' "$WORK/p3.txt"; }
secs_of() { awk -v t="$1" '$1 ~ t { s += $2; k++ } END { if (k) printf "%.2f", s / k; else print "NaN" }' "$WORK/p3.txt"; }
if [ "$BENCH_P3_ROWS" -eq 100000 ]; then M100=$(anon_of '^p3_quota[.]'); else M100=$(anon_of '^p3m_quota[.]100000$'); fi
MBIG=0 P3B_Q=NaN P3B_B=NaN
if [ "$BENCH_P3_BIG" -gt 0 ]; then
	if [ "$BENCH_P3_BIG" -eq "$BENCH_P3_ROWS" ]; then
		MBIG=$(anon_of '^p3_quota[.]') P3B_Q=$P3_QUOTA P3B_B=$P3_PLAIN
	else
		MBIG=$(anon_of "^p3m_quota[.]$BENCH_P3_BIG\$") P3B_Q=$(secs_of "^p3m_quota[.]$BENCH_P3_BIG\$") P3B_B=$(secs_of "^p3m_plain[.]$BENCH_P3_BIG\$")
	fi
fi
P3B_R=$(awk -v q="$P3B_Q" -v b="$P3B_B" 'BEGIN { if (q + 0 > 0 && b + 0 > 0) printf "%.2f", b / q; else print "NaN" }')
# growth per row between the two sizes, and the private memory of one 40M-row COPY by that line
P3_GROWTH=$(awk -v a="$M100" -v b="$MBIG" -v n="$BENCH_P3_BIG" 'BEGIN { if (n > 100000 && a > 0 && b > 0) printf "%.1f", (b - a) * 1024 / (n - 100000); else print "NaN" }')
P3_40M=$(awk -v a="$M100" -v g="$P3_GROWTH" 'BEGIN { if (g == "NaN") print "NaN"; else { m = (a * 1024 + (g < 0 ? 0 : g) * (40000000 - 100000)) / 1048576; printf "%.0f", m } }')
P3_FLAT=$(awk -v a="$M100" -v b="$MBIG" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "NaN" }')
# the same for the mass UPDATE (peak RssAnon during the UPDATE, KiB; p3u.txt column 6)
U100=$(awk '$1 == "p3u.100000" { print $6 + 0 }' "$WORK/p3u.txt")
UBIG=$(awk -v t="p3u.$BENCH_P3_BIG" '$1 == t { print $6 + 0 }' "$WORK/p3u.txt")
U_ERR=$(awk '{ s += $3 } END { print s + 0 }' "$WORK/p3u.txt")
U100_S=$(awk '$1 == "p3u.100000" { print $2 }' "$WORK/p3u.txt")
UBIG_S=$(awk -v t="p3u.$BENCH_P3_BIG" '$1 == t { print $2 }' "$WORK/p3u.txt")
U_GROWTH=$(awk -v a="${U100:-0}" -v b="${UBIG:-0}" -v n="$BENCH_P3_BIG" 'BEGIN { if (n > 100000 && a > 0 && b > 0) printf "%.1f", (b - a) * 1024 / (n - 100000); else print "NaN" }')
U_40M=$(awk -v a="${U100:-0}" -v g="$U_GROWTH" 'BEGIN { if (g == "NaN") print "NaN"; else { m = (a * 1024 + (g < 0 ? 0 : g) * (40000000 - 100000)) / 1048576; printf "%.0f", m } }')
U_FLAT=$(awk -v a="${U100:-0}" -v b="${UBIG:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "NaN" }')
P5_VIOL_S=$(awk -v m="$P5_VIOL_MS" 'BEGIN { printf "%.0f", m }')
P5_VIOL_STD_S=$(awk -v m="$P5_VIOL_STD_MS" 'BEGIN { printf "%.0f", m }')
P5_JUR_S=$(awk -v m="$P5_JUR_MS" 'BEGIN { printf "%.1f", m }')

met_p1=$(ge "$P1_R" 0.75); [ "$E_P1" -ne 0 ] && met_p1=no
met_p1f=$(ge "$P1F_R" 0.75); [ "$E_P1F" -ne 0 ] && met_p1f=no
met_p2=$(ge "$P2_R" 0.50); [ "$E_P2" -ne 0 ] && met_p2=no
met_p2u=$(ge "$P2U_R" 0.75); [ "$E_P2" -ne 0 ] && met_p2u=no
met_p4h=$(ge "$P2PL_R" 2.0); [ "$E_P2" -ne 0 ] && met_p4h=no
met_p3b=$(ge "$P3B_R" 0.50)
met_p3m=$(awk -v r="$P3_FLAT" 'BEGIN { print (r != "NaN" && r + 0 <= 2) ? "yes" : "no" }')
met_p3u=$(awk -v r="$U_FLAT" 'BEGIN { print (r != "NaN" && r + 0 <= 2) ? "yes" : "no" }'); [ "$U_ERR" -ne 0 ] && met_p3u=no
met_p3=$(ge "$P3_R" 0.50); [ "$P3_ERR_Q" -ne 0 ] && met_p3=no
met_p4=$(ge "$P4_R" 2.0); [ "$E_P1" -ne 0 ] && met_p4=no
met_p5a=$(awk -v m="$P5_VIOL_MS" 'BEGIN { print (m != "NaN" && m + 0 < 3000) ? "yes" : "no" }')
met_p5c=$(awk -v m="$P5_VIOL_STD_MS" 'BEGIN { print (m != "NaN" && m + 0 < 3000) ? "yes" : "no" }')
met_p5b=$(awk -v m="$P5_JUR_MS" 'BEGIN { print (m != "NaN" && m + 0 < 100) ? "yes" : "no" }')
met_p6=$(ge "$P6_R" 0.50); { [ "$E_P6" -ne 0 ] || [ "$DL_P6" -ne 0 ]; } && met_p6=no
at_scale=""
[ "$SCALE" != 1 ] && at_scale=" (at scale $SCALE)"

NPROC=$(nproc)
MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
CPU=$( (lscpu 2>/dev/null | sed -n 's/^Model name: *//p'; grep -m1 '^model name' /proc/cpuinfo | sed 's/^.*: //') | head -n 1)
KERNEL=$(uname -r)
PGVER=$(q "SELECT version()")
SETTINGS=$(q "SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
			  WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'fsync', 'synchronous_commit',
							 'max_wal_size', 'checkpoint_timeout', 'jit', 'max_connections', 'wal_level',
							 'default_transaction_isolation', 'autovacuum', 'full_page_writes')")
EXTVER=$(q "SELECT extversion FROM pg_extension WHERE extname = 'quota'")
SO_MD5=$(md5sum "$("$BIN/pg_config" --pkglibdir)/quota.so" 2>/dev/null | cut -c1-12)
GIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || GIT="$GIT (working tree modified)"
TOTAL_SECS=$(($(date +%s) - T0))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$(dirname "$BENCH_OUT")"
OUT_TMP=$BENCH_OUT.tmp
{
	echo "# quota benchmarks — $(date +%Y-%m-%d)"
	echo
	echo "Produced by \`bench/run.sh\` (\`make bench\`); what each figure means: \`bench/README.md\`."
	echo "Scale **$BENCH_SCALE** ($SCALE of national scale); pgbench ${BENCH_DURATION} s per run, $BENCH_ROUNDS interleaved rounds per side (figures are means), $BENCH_CLIENTS clients, \`-M simple\`; whole run ${TOTAL_SECS} s."
	echo
	echo "| target | workload | quota | baseline | ratio | target | met | errors (quota / baseline) |"
	echo "|---|---|---|---|---|---|---|---|"
	echo "| P1 | single transfers between random orgs (10,013 orgs, $BENCH_CLIENTS clients): \`INSERT INTO quota.movement\` vs unconstrained ledger copy + 2 counter UPDATEs | $P1_Q tps | $P1_BASE tps | $P1_R | ≥ 0.75 | $met_p1 | $E_P1 / $E_P1B |"
	echo "| P1 | the same through \`quota.transfer()\` | $P1_F tps | $P1_BASE tps | $P1F_R | ≥ 0.75 | $met_p1f | $E_P1F / $E_P1B |"
	echo "| P2 | single hires, $BENCH_CLIENTS clients: \`INSERT INTO quota.staff\` vs INSERT into an unconstrained copy | $P2_Q tps | $P2_BASE tps | $P2_R | ≥ 0.50 | $met_p2 | $E_P2 / $E_P2B |"
	echo "| P2 | the same vs the same row writes unchecked: the staff row (same indexes) + the one counter UPDATE | $P2_Q tps | $P2_UN tps | $P2U_R | ≥ 0.75 | $met_p2u | $E_P2 / $E_P2U |"
	echo "| P4 | the P2 hire: the extension's entry trigger vs the PL/pgSQL roster comparator (\`bench/plpgsql_roster.sql\`) | $P2_Q tps | $P2_PL tps (PL/pgSQL) | $P2PL_R | ≥ 2.0 | $met_p4h | $E_P2 / $E_P2PL |"
	echo "| P2 | hires/s with 1, $BENCH_CLIENTS and 32 clients | $P2_C1 / $P2_Q / $P2_C32 tps | — | — | report | — | $E_P2C / — |"
	echo "| P3 | COPY of $BENCH_P3_ROWS roster rows into \`quota.staff\` vs plain COPY into an unconstrained copy | $P3_QUOTA s ($P3_RATE_Q rows/s) | $P3_PLAIN s ($P3_RATE_B rows/s) | $P3_R | ≥ 0.50 | $met_p3 | $P3_ERR_Q / $P3_ERR_B |"
	echo "| P3 | peak backend memory during that COPY: private (RssAnon) / RSS / VmHWM, MiB | $(echo $P3_MEM_Q | tr ' ' '/') | $(echo $P3_MEM_B | tr ' ' '/') | — | report | — | — |"
	if [ "$BENCH_P3_BIG" -gt 0 ]; then
		echo "| P3 | COPY of $BENCH_P3_BIG roster rows (one round) | $P3B_Q s | $P3B_B s | $P3B_R | ≥ 0.50 | $met_p3b | see below |"
		echo "| P3 | private memory (peak RssAnon) of the quota COPY at 100000 and at $BENCH_P3_BIG rows, MiB; growth per row; one 40M-row COPY by that line | $(awk -v a="$M100" -v b="$MBIG" 'BEGIN { printf "%.0f → %.0f", a / 1024, b / 1024 }') MiB ($P3_GROWTH B/row; 40M rows ≈ $P3_40M MiB) | — | $P3_FLAT | ≤ 2.0 (1M vs 100k) | $met_p3m | — |"
		echo "| P3 | P3 memory of a mass UPDATE, $BENCH_P3_BIG ÷ 100000: one UPDATE moving every row of that load to the next org (the change trigger's checks, change records), private memory (peak RssAnon) at 100000 and at $BENCH_P3_BIG rows, MiB; growth per row; one 40M-row UPDATE by that line | $(awk -v a="${U100:-0}" -v b="${UBIG:-0}" 'BEGIN { printf "%.0f → %.0f", a / 1024, b / 1024 }') MiB ($U_GROWTH B/row; 40M rows ≈ $U_40M MiB; ${U100_S:-NaN} s and ${UBIG_S:-NaN} s) | — | $U_FLAT | ≤ 2.0 (1M vs 100k) | $met_p3u | $U_ERR / — |"
	fi
	echo "| P4 | the P1 transfer: C trigger vs the same checks in PL/pgSQL (\`bench/plpgsql_transfer.sql\`) | $P1_Q tps (C) | $P4_PL tps (PL/pgSQL) | $P4_R | ≥ 2.0 | $met_p4 | $E_P1 / $E_P4 |"
	echo "| P5 | \`SELECT count(*) FROM quota.violations\` ($N_ORG orgs, $N_STAFF staff; $P5_VIOL_ROWS rows) | $P5_VIOL_S ms | — | — | < 3000 ms at full scale | $met_p5a$at_scale | 0 / — |"
	echo "| P5 | the same with standards evaluated for every org ($P5_STD_STANDARDS standards of the national library, $P5_STD_METRICS metrics; $P5_STD_EVALS org × standard ranges; $P5_VIOL_STD_ROWS rows) | $P5_VIOL_STD_S ms | — | — | < 3000 ms at full scale | $met_p5c$at_scale | 0 / — |"
	echo "| P5 | \`SELECT count(*) FROM quota.verify()\` on the generated data | $(awk -v s="$VERIFY_SECS" 'BEGIN { printf "%.0f", s * 1000 }') ms | — | — | report | — | — |"
	echo "| P5 | \`SELECT * FROM quota.jurisdiction_status\` ($N_JUR jurisdictions; $P5_JUR_ROWS rows), after \`quota.fold_jurisdiction_figures()\` | $P5_JUR_S ms | — | — | < 100 ms at full scale | $met_p5b$at_scale | 0 / — |"
	echo "| P5 | the same before that fold, with the $P5_DELTAS deltas the generation left unfolded (the fold itself: $P5_FOLD_MS ms) | $(awk -v m="$P5_JUR_BACKLOG_MS" 'BEGIN { printf "%.1f", m }') ms | — | — | report | — | 0 / — |"
	echo "| P6 | allocations from one hot pool: $BENCH_CLIENTS clients vs 1 client (deadlocks: $DL_P6) | $P6_MANY tps | $P6_ONE tps | $P6_R | ≥ 0.50, no deadlock, no error | $met_p6 | $E_P6 / — |"
	echo
	echo "Errors count failed transactions, aborted clients and \`ERROR\` lines in the pgbench (or psql) output, over all rounds."
	echo "\`quota.verify()\` rows: $VERIFY_START after generation, $VERIFY_END after every workload ($MOVEMENTS_END movements in the ledger)."
	echo
	echo "## Machine and server"
	echo
	echo "- CPU: $CPU, $NPROC cores (\`nproc\`); memory $MEM; Linux $KERNEL"
	echo "- $PGVER"
	echo "- settings: $SETTINGS"
	if [ -n "$BENCH_PGBIN" ]; then
		echo "- cluster: \`bench/cluster.sh\` on $BENCH_PGBIN (throwaway, on the local disk, fsync off as pg_virtualenv would), pgbench and server on the same machine over TCP localhost"
	else
		echo "- cluster: \`pg_virtualenv -t\` (throwaway, on the local disk; pg_virtualenv turns fsync off), pgbench and server on the same machine over TCP localhost"
	fi
	echo "- load average (1, 5, 15 min): $LOAD_START at the start, $LOAD_END at the end (column *load* below: the 1-minute figure after each run; this benchmark alone gives about clients + 1, more means something else was running on the machine)"
	echo "- quota $EXTVER, installed quota.so md5 $SO_MD5…, repository at $GIT"
	echo
	echo "## Data (scale $SCALE)"
	echo
	echo "- generated by \`bench/generate.sql\` through the extension in ${GEN_SECS} s: $N_JUR jurisdictions, $N_ORG orgs ($N_KIND kinds, $N_SECTOR sectors), $N_STAFF staff, $N_POOL pools, $N_MOV movements, $N_LOAN loans, $N_CAP caps; database $DB_SIZE"
	echo "- \`quota.verify()\` on it: ${VERIFY_SECS} s"
	echo "- \`SELECT * FROM quota.org_status\`: $(awk -v m="$P5_ORGSTATUS_MS" 'BEGIN { printf "%.0f", m }') ms (for reference; no target)"
	echo "- P3 file: $BENCH_P3_ROWS rows, $P3_FILE_MB MB CSV, $per_org rows per org over the 10,013 P1 orgs, grouped by org"
	echo
	echo "## Every run"
	echo
	echo "| workload | round | clients | tps | latency ms | transactions | failed | aborted | ERROR lines | deadlocks | WAL bytes/txn | load |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$RUNS"
	echo
	echo "| COPY | seconds | errors | peak RssAnon KiB | peak VmRSS KiB | VmHWM KiB | samples |"
	echo "|---|---|---|---|---|---|---|"
	awk '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$WORK/p3.txt"
	echo
	echo "| mass UPDATE | seconds | errors | rows moved | RssAnon before KiB | peak RssAnon KiB | peak VmRSS KiB | VmHWM KiB | samples |"
	echo "|---|---|---|---|---|---|---|---|---|"
	awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$WORK/p3u.txt"
	if [ -n "${BENCH_NOTES:-}" ] && [ -f "$BENCH_NOTES" ]; then
		echo
		cat "$BENCH_NOTES"
	fi
} > "$OUT_TMP" && mv "$OUT_TMP" "$BENCH_OUT"

say "results in $BENCH_OUT"
sed -n '/^| target/,/^$/p' "$BENCH_OUT"
