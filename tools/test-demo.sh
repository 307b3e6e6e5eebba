#!/bin/sh
# make demo's walkthrough (tools/run-demo.sh) in the test cluster: it runs to
# the end, shows every refused statement with the SQLSTATE and constraint
# name a program reads (and no C source locations), closes with the 编办
# report, and its dump/restore copy matches.  Prints TAP lines.
set -u
cd "$(dirname "$0")/.."
. tools/test-lib.sh
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_demo' -c 'DROP DATABASE IF EXISTS quota_demo_copy' 2>/dev/null
out=$(mktemp)
QUOTA_IN_VENV=1 sh tools/run-demo.sh >"$out" 2>&1
check "$(grep -c '^ERROR:' "$out") $(grep -c '^  → SQLSTATE' "$out")" "$(grep -c '^ERROR:' "$out") $(grep -c '^ERROR:' "$out")" \
	"every refused statement ($(grep -c '^ERROR:' "$out")) is followed by its SQLSTATE line"
for rule in quota_category_mismatch quota_authority quota_insufficient quota_ledger_immutable quota_over_establishment quota_person_duplicate; do
	check "$(grep -c "→ SQLSTATE 23514, constraint $rule\$" "$out" | sed 's/^[1-9][0-9]*$/shown/')" "shown" "the demo shows SQLSTATE 23514 with constraint $rule"
done
check "$(grep -c '→ SQLSTATE 22P02$' "$out" | sed 's/^[1-9][0-9]*$/shown/')" "shown" "a malformed literal is shown as SQLSTATE 22P02"
check "$(grep -c '^LOCATION:\|^SCHEMA NAME:\|^psql:' "$out")" "0" "no C source locations or psql script positions in the output"
check "$(grep -c '编办报表\|核定编制数.*实有人数.*空编数.*超编单位.*超编人数' "$out")" "2" "it closes with the 编办 report (编制数, 实有人数, 空编数, 超编 units and people)"
check "$(grep -c 'verify() rows: 0' "$out")" "2" "the demo and its restored copy verify clean"
check "$(grep '^quota_demo' "$out" | sed 's/^quota_demo[_a-z]*: //' | sort -u | wc -l)" "1" "the restored copy equals the demo"
rm -f "$out"
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_demo' -c 'DROP DATABASE IF EXISTS quota_demo_copy' 2>/dev/null
finish
