#!/bin/sh
# Run every test suite of quota -- core unit tests, pg_regress, isolation
# specs, pgTAP, dump/restore, plpgsql_check, and the operations tests
# (pg_cron, hot standby, crash recovery, each in clusters of its own) -- in
# one throwaway UTF8 cluster (pg_virtualenv), say how long each phase took,
# and close with one line "N passed, N failed".  Prints no blank lines.
# Exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ -z "${QUOTA_IN_VENV:-}" ]; then
	# run the suites in a throwaway cluster, then print the closing line last
	export QUOTA_IN_VENV=1
	QUOTA_COUNTS=$(mktemp)
	rcfile=$(mktemp)
	export QUOTA_COUNTS
	{
		pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
			-o 'fsync=off' -o 'max_connections=40' sh "$0" "$@"
		echo $? >"$rcfile"
	} 2>&1 | grep -v '^[[:space:]]*$'
	rc=$(cat "$rcfile")
	set -- $(cat "$QUOTA_COUNTS" 2>/dev/null)
	rm -f "$QUOTA_COUNTS" "$rcfile"
	passed=${1:-0}
	failed=${2:-1}
	[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
fi

PSQL="$(pg_config --bindir)/psql"
log=$(mktemp -d)
chmod 755 "$log"
passed=0
failed=0
started=$(date +%s)

add() {
	passed=$((passed + $1))
	failed=$((failed + $2))
}

# phase NAME: start a phase; done_phase SUMMARY: close it with its time
phase() {
	phase_name=$1
	phase_start=$(date +%s)
	echo "== $phase_name"
}
done_phase() {
	echo "== $phase_name: $1 ($(($(date +%s) - phase_start)) s)"
}

# tap NAME SCRIPT [all|failures]: a TAP-printing test script as one phase
tap() {
	phase "$1"
	sh "$2" >"$log/$(echo "$1" | tr ' /' '__').out" 2>&1
	tap_result "$1" "${3:-all}"
}
tap_result() {
	out="$log/$(echo "$1" | tr ' /' '__').out"
	if [ "$2" = all ]; then
		grep -v '^1\.\.[0-9]*$' "$out"
	else
		grep -E '^not ok|^#' "$out"
	fi
	ok=$(grep -cE '^ok ' "$out")
	bad=$(grep -cE '^not ok ' "$out")
	if ! grep -qE '^1\.\.[0-9]+$' "$out"; then
		# the script stopped before its plan: show why
		bad=$((bad + 1))
		tail -n 20 "$out" | grep -v '^[[:space:]]*$'
	fi
	add "$ok" "$bad"
	done_phase "$ok ok, $bad not ok"
}

# the pg_cron test waits up to a minute for the next whole minute, so it
# runs in its own cluster beside the other phases and reports at the end
cron_start=$(date +%s)
{ sh tools/test-cron.sh >"$log/pg_cron.out" 2>&1; date +%s >"$log/pg_cron.end"; } &
cron_pid=$!

# 1. pure C core
phase "core unit tests"
./src/core/test_codes > "$log/unit.out" 2>&1
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log/unit.out" | tail -n 1)
if [ -n "$line" ]; then
	add "$(echo "$line" | cut -d' ' -f1)" "$(echo "$line" | cut -d' ' -f3)"
else
	add 0 1
fi
grep -E '^not ok' "$log/unit.out"
done_phase "$(echo "$line" | cut -d' ' -f1) of $(grep -c '^ok\|^not ok' "$log/unit.out") checks ok"

# 2. pg_regress, 3. isolation: run separately so one failure hides nothing
suite() {
	name=$1
	shift
	phase "$name"
	make --no-print-directory installcheck "$@" > "$log/$name.out" 2>&1
	rc=$?
	grep -E '\.\.\. (ok|FAILED|failed)' "$log/$name.out"
	ok=$(grep -cE '\.\.\. ok' "$log/$name.out")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$log/$name.out")
	if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		tail -n 30 "$log/$name.out" | grep -v '^[[:space:]]*$'
	fi
	if [ "$bad" -ne 0 ] && [ -f regression.diffs ]; then
		head -n 300 regression.diffs | grep -v '^[[:space:]]*$'
	fi
	[ -f output_iso/regression.diffs ] && [ "$bad" -ne 0 ] && head -n 300 output_iso/regression.diffs | grep -v '^[[:space:]]*$'
	add "$ok" "$bad"
	done_phase "$ok ok, $bad failed"
}
suite regress ISOLATION=
suite isolation REGRESS=

# 4. pgTAP
phase "pgTAP"
"$PSQL" -X -q -d postgres -c 'CREATE DATABASE quota_tap' >/dev/null
pg_prove -v --psql-bin "$PSQL" -d quota_tap --ext .sql test/*.sql > "$log/tap.out" 2>&1
rc=$?
ok=$(grep -cE '^ *ok [0-9]+' "$log/tap.out")
bad=$(grep -cE '^ *not ok [0-9]+' "$log/tap.out")
grep -E '^ *not ok|^test/|Result' "$log/tap.out"
if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
	bad=1
	tail -n 40 "$log/tap.out" | grep -v '^[[:space:]]*$'
fi
add "$ok" "$bad"
done_phase "$ok ok, $bad not ok"

# 5. dump and restore
tap dump/restore tools/test-dump.sh

# 6. upgrade 0.1 -> 0.2
tap upgrade tools/test-upgrade.sh

# 7. the build's promises (no server headers, -Werror only in CI)
tap build tools/test-build.sh

# 8. the demo: refused statements with SQLSTATE and constraint name, the 编办 report
tap demo tools/test-demo.sh failures

# 9. plpgsql_check over every PL/pgSQL function: zero findings
tap plpgsql_check tools/test-lint.sh failures

# 9b. roles and scopes under real logins (one connection per role)
tap roles tools/test-roles.sh

# 9c. the pg_regress suite, the pgTAP files and the isolation specs again as a scoped quota_admin (not a superuser)
tap "regress as a scoped admin" tools/test-scoped-suite.sh
tap "pgTAP as a scoped admin" tools/test-scoped-tap.sh
tap "isolation as scoped admins" tools/test-scoped-iso.sh

# 10. operations: a streaming hot standby; kill -9 of a backend and of the postmaster
tap "hot standby" tools/test-standby.sh
tap "crash recovery" tools/test-crash.sh

# 11. randomized operations, verify() after every one (tools/test-random.sh)
tap "random ops" tools/test-random.sh

# 12. pg_cron (started first, in the background)
phase "pg_cron (ran beside the phases above)"
wait $cron_pid
# its own duration, not the time spent waiting for it here
now=$(date +%s)
phase_start=$((now - ($(cat "$log/pg_cron.end" 2>/dev/null || echo "$now") - cron_start)))
tap_result pg_cron all

# dashboards through a client driver (Python DB-API): every view and report in standard types
tap "client (psycopg2)" tools/test-client.sh failures

echo "$passed $failed" > "$QUOTA_COUNTS"
echo "== total: $passed ok, $failed not ok ($(($(date +%s) - started)) s)"
[ "$failed" -eq 0 ]
