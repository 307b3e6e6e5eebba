#!/bin/sh
# bench/profile.sh -- where the time of each write workload goes, for the
# engineer chasing a missed target.  Not part of `make bench`.
#
#   sh bench/profile.sh            # writes bench/results/profile-<date>.md
#
# In its own throwaway cluster with pg_stat_statements (track = all, so the
# statements the triggers run through SPI and PL/pgSQL are counted one by
# one), it loads a small national data set plus the bench fixtures, then runs
# each workload with ONE client for PROFILE_SECONDS and reports
#   - tps and microseconds per transaction,
#   - every statement executed per transaction (nested ones included): calls,
#     execution and planning microseconds per transaction,
#   - with perf available (software cpu-clock sampling is enough), the share
#     of backend CPU in triggers, FK checks, CHECK constraints, parsing,
#     planning, commit, ... (bench/perf_buckets.py),
# and EXPLAIN ANALYZE of the P5 views.  pg_stat_statements itself costs a few
# percent; compare figures inside this report, not with bench/run.sh.
#
#   PROFILE_SCALE    data scale (default 0.05, as BENCH_SCALE=small)
#   PROFILE_SECONDS  seconds per workload (default 8)
#   PROFILE_OUT      report file (default bench/results/profile-<date>.md)
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export PROFILE_SCALE=${PROFILE_SCALE:-0.05}
export PROFILE_SECONDS=${PROFILE_SECONDS:-8}
export PROFILE_OUT=${PROFILE_OUT:-bench/results/profile-$(date +%Y-%m-%d).md}

# another PostgreSQL than the system's, as in bench/run.sh: BENCH_PGBIN, or
# under tools/dev-cluster.sh its private install
if [ -z "${BENCH_PGBIN:-}" ] && [ -n "${QUOTA_IN_VENV:-}" ] && [ -n "${PG_CONFIG:-}" ]; then
	BENCH_PGBIN=$("$PG_CONFIG" --bindir)
fi
export BENCH_PGBIN=${BENCH_PGBIN:-}
if [ -z "${QUOTA_IN_PROFILE_VENV:-}" ]; then
	export QUOTA_IN_PROFILE_VENV=1
	if [ -n "$BENCH_PGBIN" ]; then
		exec sh bench/cluster.sh "$BENCH_PGBIN" 'shared_buffers=512MB max_wal_size=8GB checkpoint_timeout=30min
			shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all
			pg_stat_statements.track_planning=on pg_stat_statements.max=5000' sh "$0" "$@"
	fi
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
		-o 'shared_buffers=512MB' -o 'max_wal_size=8GB' -o 'checkpoint_timeout=30min' \
		-o 'shared_preload_libraries=pg_stat_statements' -o 'pg_stat_statements.track=all' \
		-o 'pg_stat_statements.track_planning=on' -o 'pg_stat_statements.max=5000' sh "$0" "$@"
fi

if [ -n "$BENCH_PGBIN" ]; then BIN=$BENCH_PGBIN; else BIN=$(pg_config --bindir); fi
PSQL="$BIN/psql -X -v ON_ERROR_STOP=1"
DB=bench
WORK=$(mktemp -d /tmp/quota-profile.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
q() { $PSQL -Atq -d $DB -c "$1"; }

PERF=""
if command -v perf > /dev/null 2>&1 && command -v python3 > /dev/null 2>&1 &&
	perf record -e cpu-clock -o "$WORK/probe.data" -- true > /dev/null 2>&1; then
	PERF=perf
fi

$PSQL -q -d postgres -c "CREATE DATABASE $DB"
q "CREATE EXTENSION quota" && q "CREATE EXTENSION pg_stat_statements"
echo "profile: generating data at scale $PROFILE_SCALE"
$PSQL -q -d $DB -v scale="$PROFILE_SCALE" -f bench/generate.sql > "$WORK/gen.log" 2>&1 || { tail "$WORK/gen.log"; exit 1; }
$PSQL -q -d $DB -f bench/fixture.sql > "$WORK/fix.log" 2>&1 || { tail "$WORK/fix.log"; exit 1; }
$PSQL -q -d $DB -f bench/plpgsql_transfer.sql > "$WORK/pl.log" 2>&1 || { tail "$WORK/pl.log"; exit 1; }
$PSQL -q -d $DB -f bench/plpgsql_roster.sql > "$WORK/plr.log" 2>&1 || { tail "$WORK/plr.log"; exit 1; }
HOT_POOL=$(q "SELECT pool_id FROM bench.p6_pool")
q "VACUUM ANALYZE" > /dev/null

# profile NAME SCRIPT [pgbench args]
profile() {
	name=$1 script=$2 below=$3
	shift 3
	echo "profile: $name"
	# warm the caches (hires of the warm-up use their own resident ids)
	"$BIN/pgbench" -n -M simple -c 1 -T 2 "$@" -D base=90000000 -f "bench/$script" $DB > /dev/null 2>&1
	q "SELECT pg_stat_statements_reset()" > /dev/null
	if [ -n "$PERF" ]; then
		# DWARF unwinding of the one backend: postgres is built without frame pointers
		"$BIN/pgbench" -n -M simple -c 1 -T "$PROFILE_SECONDS" "$@" -f "bench/$script" $DB > "$WORK/$name.log" 2>&1 &
		sleep 1
		pid=$(q "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench' LIMIT 1")
		perf record -e cpu-clock -F 999 --call-graph dwarf,16384 -p "$pid" -o "$WORK/$name.perf" -- \
			sleep $((PROFILE_SECONDS - 2)) > /dev/null 2>&1
		wait
	else
		"$BIN/pgbench" -n -M simple -c 1 -T "$PROFILE_SECONDS" "$@" -f "bench/$script" $DB > "$WORK/$name.log" 2>&1
	fi
	tps=$(awk '/^tps = .*without/ { print $3 }' "$WORK/$name.log")
	n=$(awk '/^number of transactions actually processed:/ { split($6, p, "/"); print p[1] }' "$WORK/$name.log")
	{
		echo "## $name (\`bench/$script\`, 1 client)"
		echo
		echo "$tps tps, $(awk -v t="$tps" 'BEGIN { if (t + 0 > 0) printf "%.0f", 1e6 / t; else print "?" }') µs per transaction; $n transactions; errors: $(grep -c 'ERROR' "$WORK/$name.log")."
		echo
		echo "Statements per transaction (pg_stat_statements, nested included; a trigger's statements are also inside the time of the statement that fired it):"
		echo
		echo "| calls/txn | exec µs/txn | plan µs/txn | rows/call | statement |"
		echo "|---|---|---|---|---|"
		q "SELECT format('| %s | %s | %s | %s | %s |', round(calls::numeric / $n, 2), round((total_exec_time * 1000 / $n)::numeric, 1),
				  round((total_plan_time * 1000 / $n)::numeric, 1), round(rows::numeric / greatest(calls, 1), 2),
				  replace(replace(left(regexp_replace(query, '\s+', ' ', 'g'), 150), '|', '\|'), 'OPERATOR(pg_catalog.', 'OP('))
		   FROM pg_stat_statements
		  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
			AND calls >= $n / 2 AND query NOT LIKE '%pg_stat_statements%'
		  ORDER BY total_exec_time DESC LIMIT 25"
		echo
		if [ -n "$PERF" ]; then
			echo "Backend CPU (perf cpu-clock sampling of the one backend, DWARF unwinding; buckets by the first matching frame on the stack, see bench/perf_buckets.py):"
			echo
			perf script -i "$WORK/$name.perf" 2> /dev/null | python3 bench/perf_buckets.py --below "$below"
			echo
		fi
	} >> "$WORK/report.md"
	rm -f "$WORK/$name.perf"
}

: > "$WORK/report.md"
profile p1_baseline p1_baseline.pgbench PortalRun
profile p1_quota p1_quota_insert.pgbench quota_movement_apply
profile p4_plpgsql p4_plpgsql.pgbench plpgsql_exec_trigger
profile p2_baseline p2_baseline_hire.pgbench PortalRun -D k=0 -D base=0
profile p2_unchecked p2_unchecked_hire.pgbench PortalRun -D k=0 -D base=0
# the extension's entry trigger (PL/pgSQL up to c36aad5, C after): the frames under the trigger call
profile p2_quota p2_quota_hire.pgbench ExecCallTriggerFunc -D k=0 -D base=4000000
profile p2_plpgsql p2_plpgsql_hire.pgbench plpgsql_exec_trigger -D k=0 -D base=4000000
profile p6_allocate p6_allocate.pgbench quota_movement_apply -D pool="$HOT_POOL"

# P3: one COPY of 20,000 rows, statements counted the same way
echo "profile: p3 COPY"
$PSQL -q -d $DB -c "\\copy (SELECT bench.rid(o.division, g, 500), '职工' || g, o.org_id, 'institution', date '2024-09-01', '中央编办发〔2024〕1号' FROM generate_series(0, 19999) g JOIN bench.p1_org o ON o.org_id = 10000001 + g / 10 ORDER BY g) TO '$WORK/p3.csv' WITH (FORMAT csv)"
q "SELECT pg_stat_statements_reset()" > /dev/null
$PSQL -q -d $DB -c "\\copy quota.staff (person_id, name, org_id, category, entered_on, entry_doc) FROM '$WORK/p3.csv' WITH (FORMAT csv)" &
if [ -n "$PERF" ]; then
	sleep 0.3
	pid=$(q "SELECT pid FROM pg_stat_activity WHERE query ILIKE 'copy%quota.staff%' AND pid <> pg_backend_pid() LIMIT 1")
	[ -n "$pid" ] && perf record -e cpu-clock -F 999 --call-graph dwarf,16384 -p "$pid" -o "$WORK/p3.perf" > /dev/null 2>&1
fi
wait
{
	echo "## p3: COPY of 20,000 roster rows into quota.staff (2,000 orgs, 10 rows each, as in bench/run.sh at the default scale)"
	echo
	echo "| calls | exec ms | plan ms | rows | statement |"
	echo "|---|---|---|---|---|"
	q "SELECT format('| %s | %s | %s | %s | %s |', calls, round(total_exec_time::numeric, 1), round(total_plan_time::numeric, 1), rows,
			  replace(replace(left(regexp_replace(query, '\s+', ' ', 'g'), 150), '|', '\|'), 'OPERATOR(pg_catalog.', 'OP('))
	   FROM pg_stat_statements
	  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
	  ORDER BY total_exec_time DESC LIMIT 20"
	echo
	if [ -f "$WORK/p3.perf" ]; then
		perf script -i "$WORK/p3.perf" 2> /dev/null | python3 bench/perf_buckets.py --below ExecCallTriggerFunc
		echo
	fi
} >> "$WORK/report.md"

# P5: the plans
echo "profile: P5 plans"
{
	echo "## P5 plans (scale $PROFILE_SCALE)"
	echo
	for v in "SELECT count(*) FROM quota.violations" "SELECT * FROM quota.jurisdiction_status"; do
		echo "\`EXPLAIN (ANALYZE, BUFFERS) $v\`:"
		echo
		echo '```'
		q "EXPLAIN (ANALYZE, BUFFERS) $v"
		echo '```'
		echo
	done
} >> "$WORK/report.md"

mkdir -p "$(dirname "$PROFILE_OUT")"
{
	echo "# quota profile — $(date +%Y-%m-%d)"
	echo
	echo "\`bench/profile.sh\`, scale $PROFILE_SCALE, ${PROFILE_SECONDS} s per workload, one client, pg_stat_statements (track = all)$( [ -n "$PERF" ] && echo ', perf cpu-clock sampling')."
	echo "$(nproc) cores, $(q 'SELECT version()')."
	echo
	cat "$WORK/report.md"
} > "$PROFILE_OUT.tmp" && mv "$PROFILE_OUT.tmp" "$PROFILE_OUT"
echo "profile: written to $PROFILE_OUT"
