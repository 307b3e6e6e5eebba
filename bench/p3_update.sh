#!/bin/sh
# bench/p3_update.sh TAG FILE OUT FIRST_ORG LAST_ORG DOC
#
# P3's mass UPDATE: the backend's private memory while one UPDATE changes
# every row of a roster load, sampled as for the P3 COPY (bench/memwatch.sh).
#   1. the rows of FILE (a CSV of the P3 COPY) are copied into quota.staff
#      and committed (not measured: an UPDATE of rows the same transaction
#      inserted would also pay PostgreSQL's combo command ids, ~30 bytes a
#      row, which an UPDATE of a roster loaded before does not);
#   2. in a new backend, every one of them moves to the next org of
#      FIRST_ORG..LAST_ORG (the last to the first) in one UPDATE under
#      document DOC -- a reorganisation the change trigger checks (authority,
#      org, category, vacancy per account, a change record per row) -- timed
#      in the server, the memory watched during that UPDATE only; rolled back;
#   3. the rows leave (left_on today, committed), so that the books stay
#      balanced and a later load may use the same resident ids.
# Appends one line to OUT:
#   TAG seconds errors rows base_anon_kb peak_anon_kb peak_rss_kb hwm_kb samples
# base_anon_kb: RssAnon of the backend just before the UPDATE.
# Needs PSQL (a psql command) and DB in the environment; used by bench/run.sh
# and bench/p3_update_try.sh.
set -u
tag=$1 file=$2 out=$3 first=$4 last=$5 doc=$6
dir=$(dirname "$out")
stop=$dir/mem.$tag.stop
mem=$dir/mem.$tag.out
base=$dir/mem.$tag.base
log=$dir/$tag.log
rm -f "$stop" "$mem" "$base"
id0=$($PSQL -Atq -d "$DB" -c "SELECT COALESCE(max(id), 0) FROM quota.staff")
$PSQL -q -d "$DB" -c "\\copy quota.staff (person_id, name, org_id, category, entered_on, entry_doc) FROM '$file' WITH (FORMAT csv)" > "$log" 2>&1
$PSQL -q -d "$DB" -c "VACUUM ANALYZE quota.staff, quota.person_post, quota.org_account" >> "$log" 2>&1
$PSQL -q -d "$DB" -v first="$first" -v last="$last" -v doc="$doc" -v id0="$id0" >> "$log" 2>&1 <<-EOF
	SELECT pg_backend_pid() AS pid \gset
	\setenv BENCH_PID :pid
	\! awk '/^RssAnon:/ { print \$2 }' /proc/\$BENCH_PID/status > $base
	\! sh bench/memwatch.sh \$BENCH_PID $mem $stop &
	\! sleep 0.1
	BEGIN;
	SELECT clock_timestamp() AS t0 \gset
	UPDATE quota.staff SET org_id = CASE WHEN org_id >= :last THEN :first ELSE org_id + 1 END, change_doc = :'doc'
	 WHERE id > :id0;
	SELECT extract(epoch FROM clock_timestamp() - :'t0') AS secs \gset
	\! touch $stop
	\! sleep 0.1
	SELECT count(*) AS moved FROM quota.staff_event WHERE staff_id > :id0 AND kind = 'move' \gset
	ROLLBACK;
	\echo SECS :secs
	\echo ROWS :moved
EOF
rc=$?
touch "$stop"
sleep 0.2
$PSQL -q -d "$DB" -c "UPDATE quota.staff SET left_on = current_date, left_reason = 'P3 mass UPDATE benchmark'
	WHERE id > $id0 AND left_on IS NULL" >> "$log" 2>&1 || rc=1
secs=$(awk '/^SECS / { print $2 }' "$log")
rows=$(awk '/^ROWS / { print $2 }' "$log")
errs=$(grep -c 'ERROR' "$log")
[ $rc -ne 0 ] && [ "$errs" -eq 0 ] && errs=1
b=$(cat "$base" 2>/dev/null || echo 0)
m=$(cat "$mem" 2>/dev/null || echo "0 0 0 0")
echo "$tag ${secs:-NaN} $errs ${rows:-0} ${b:-0} $m" >> "$out"
echo "bench:   $tag: ${secs:-failed} s, ${rows:-0} rows moved, $errs errors, memory (anon before, peak anon, peak rss, hwm, samples) ${b:-0} $m"
[ "$errs" -eq 0 ] || tail -n 5 "$log"
