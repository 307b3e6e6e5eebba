#!/bin/sh
# Run every test suite of quota -- core unit tests, pg_regress, isolation
# specs and pgTAP -- in one throwaway UTF8 cluster (pg_virtualenv), and close
# with one line "N passed, N failed".  Exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

if [ -z "${QUOTA_IN_VENV:-}" ]; then
	# run the suites in a throwaway cluster, then print the closing line last
	export QUOTA_IN_VENV=1
	QUOTA_COUNTS=$(mktemp)
	export QUOTA_COUNTS
	pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
		-o 'fsync=off' -o 'max_connections=40' sh "$0" "$@"
	rc=$?
	set -- $(cat "$QUOTA_COUNTS" 2>/dev/null)
	rm -f "$QUOTA_COUNTS"
	passed=${1:-0}
	failed=${2:-1}
	[ $rc -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
fi

PSQL="$(pg_config --bindir)/psql"
log=$(mktemp -d)
chmod 755 "$log"
passed=0
failed=0

add() {
	passed=$((passed + $1))
	failed=$((failed + $2))
}

# 1. pure C core
echo "== core unit tests"
./src/core/test_codes > "$log/unit.out" 2>&1
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log/unit.out" | tail -n 1)
if [ -n "$line" ]; then
	add "$(echo "$line" | cut -d' ' -f1)" "$(echo "$line" | cut -d' ' -f3)"
else
	add 0 1
fi
grep -E '^not ok' "$log/unit.out" || true
echo "core: $(echo "$line" | cut -d' ' -f1) of $(grep -c '^ok\|^not ok' "$log/unit.out") checks ok"

# 2. pg_regress, 3. isolation: run separately so one failure hides nothing
suite() {
	name=$1
	shift
	echo "== $name"
	make --no-print-directory installcheck "$@" > "$log/$name.out" 2>&1
	rc=$?
	grep -E '\.\.\. (ok|FAILED|failed)' "$log/$name.out"
	ok=$(grep -cE '\.\.\. ok' "$log/$name.out")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$log/$name.out")
	if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
		tail -n 30 "$log/$name.out"
	fi
	if [ "$bad" -ne 0 ] && [ -f regression.diffs ]; then
		head -n 300 regression.diffs
	fi
	[ -f output_iso/regression.diffs ] && [ "$bad" -ne 0 ] && head -n 300 output_iso/regression.diffs
	add "$ok" "$bad"
}
suite regress ISOLATION=
suite isolation REGRESS=

# 4. pgTAP
echo "== pgTAP"
"$PSQL" -X -q -d postgres -c 'CREATE DATABASE quota_tap' >/dev/null
pg_prove -v --psql-bin "$PSQL" -d quota_tap --ext .sql test/*.sql > "$log/tap.out" 2>&1
rc=$?
ok=$(grep -cE '^ *ok [0-9]+' "$log/tap.out")
bad=$(grep -cE '^ *not ok [0-9]+' "$log/tap.out")
grep -E '^ *not ok|^test/|Result' "$log/tap.out"
if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
	bad=1
	tail -n 40 "$log/tap.out"
fi
add "$ok" "$bad"

# 5. dump and restore
echo "== dump/restore"
sh tools/test-dump.sh > "$log/dump.out" 2>&1
cat "$log/dump.out"
add "$(grep -cE '^ok ' "$log/dump.out")" "$(grep -cE '^not ok ' "$log/dump.out")"

# 6. upgrade 0.1 -> 0.2
echo "== upgrade"
sh tools/test-upgrade.sh > "$log/upgrade.out" 2>&1
cat "$log/upgrade.out"
add "$(grep -cE '^ok ' "$log/upgrade.out")" "$(grep -cE '^not ok ' "$log/upgrade.out")"

echo "$passed $failed" > "$QUOTA_COUNTS"
echo "== total: $passed ok, $failed not ok"
[ "$failed" -eq 0 ]
