#!/bin/sh
# bench/p3_update_try.sh -- only P3's mass-UPDATE memory section of
# bench/run.sh, on small generated data (default scale 0.002: every
# jurisdiction, few orgs and staff) plus the bench fixtures (the 10,013 P1
# orgs), against the server PGHOST/PGPORT name:
#
#   sh tools/dev-cluster.sh NAME run sh bench/p3_update_try.sh
#
#   P3U_SCALE   scale of bench/generate.sql (default 0.002)
#   P3U_SMALL   rows of the smaller UPDATE (default 100000)
#   P3U_BIG     rows of the larger UPDATE (default 1000000; 0: none)
#
# Prints the line of the results table bench/run.sh writes ("P3 memory of a
# mass UPDATE"), with the raw samples.  Uses the same bench/p3_update.sh.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
P3U_SCALE=${P3U_SCALE:-0.002}
P3U_SMALL=${P3U_SMALL:-100000}
P3U_BIG=${P3U_BIG:-1000000}
export PSQL="psql -X -v ON_ERROR_STOP=1" DB=p3u
WORK=$(mktemp -d /tmp/quota-p3u.XXXXXX)
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
die() { echo "p3u: $*" >&2; exit 1; }
q() { $PSQL -Atq -d $DB -c "$1"; }

$PSQL -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" || die "cannot create database"
q "CREATE EXTENSION quota" || die "cannot create extension quota"
$PSQL -q -d $DB -v scale="$P3U_SCALE" -f bench/generate.sql > "$WORK/generate.log" 2>&1 \
	|| { tail -n 20 "$WORK/generate.log"; die "generate.sql failed"; }
$PSQL -q -d $DB -f bench/fixture.sql > "$WORK/fixture.log" 2>&1 || { tail -n 20 "$WORK/fixture.log"; die "fixture.sql failed"; }
q "VACUUM ANALYZE" > /dev/null

# the P3 file of bench/run.sh: ROWS roster rows grouped by org over the 10,013 P1 orgs
p3_file() {
	po=$(( ($1 + 10012) / 10013 ))
	$PSQL -q -d $DB -c "\\copy (SELECT bench.rid(o.division, g, 500), '职工' || g, o.org_id, 'institution', date '2024-09-01', '中央编办发〔2024〕1号' FROM generate_series(0, $1 - 1) g JOIN bench.p1_org o ON o.org_id = 10000001 + g / $po ORDER BY g) TO '$2' WITH (FORMAT csv)" \
		|| die "cannot write the P3 file"
}
ORGS=$(q "SELECT min(org_id) || ' ' || max(org_id) FROM bench.p1_org")
set -- $ORGS
FIRST=$1 LAST=$2
: > "$WORK/p3u.txt"
for n in $P3U_SMALL $P3U_BIG; do
	[ "$n" -gt 0 ] || continue
	p3_file "$n" "$WORK/p3u_$n.csv"
	sh bench/p3_update.sh "p3u.$n" "$WORK/p3u_$n.csv" "$WORK/p3u.txt" "$FIRST" "$LAST" '中央编办发〔2024〕1号'
	rm -f "$WORK/p3u_$n.csv"
done
echo
echo "| UPDATE | seconds | errors | rows moved | RssAnon before KiB | peak RssAnon KiB | peak VmRSS KiB | VmHWM KiB | samples |"
echo "|---|---|---|---|---|---|---|---|---|"
awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$WORK/p3u.txt"
A=$(awk -v t="p3u.$P3U_SMALL" '$1 == t { print $6 + 0 }' "$WORK/p3u.txt")
B=$(awk -v t="p3u.$P3U_BIG" '$1 == t { print $6 + 0 }' "$WORK/p3u.txt")
G=$(awk -v a="${A:-0}" -v b="${B:-0}" -v s="$P3U_SMALL" -v n="$P3U_BIG" 'BEGIN { if (n > s && a > 0 && b > 0) printf "%.1f", (b - a) * 1024 / (n - s); else print "NaN" }')
M40=$(awk -v a="${A:-0}" -v g="$G" -v s="$P3U_SMALL" 'BEGIN { if (g == "NaN") print "NaN"; else printf "%.0f", (a * 1024 + (g < 0 ? 0 : g) * (40000000 - s)) / 1048576 }')
R=$(awk -v a="${A:-0}" -v b="${B:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "NaN" }')
[ "$P3U_BIG" -gt "$P3U_SMALL" ] || exit 0
echo
echo "P3 memory of a mass UPDATE, $P3U_BIG ÷ $P3U_SMALL rows: $(awk -v a="${A:-0}" -v b="${B:-0}" 'BEGIN { printf "%.0f → %.0f", a / 1024, b / 1024 }') MiB private (peak RssAnon), ratio $R; $G B/row; one 40M-row UPDATE by that line ≈ $M40 MiB"
