#!/bin/sh
# Crash safety.  In a throwaway cluster: (1) a backend is killed (kill -9) in
# the middle of a large COPY into quota.staff, and (2) into quota.movement;
# (3) the postmaster is killed (kill -9) in the middle of a pgbench write load
# of transfers and hires.  After each, PostgreSQL recovers (crash recovery),
# quota.verify() is clean, nothing of the killed COPY is visible, and every
# transaction that pgbench saw commit is there (counted per client from
# pgbench's own transaction log; at most one unacknowledged commit per client
# may also be there).  The processes are killed, not the machine: the page
# cache survives, so the cluster runs with fsync off.  Prints TAP lines.
set -u
cd "$(dirname "$0")/.."
. tools/test-lib.sh
c=$(new_dir)
port=5436
init_cluster "$c"
start_cluster "$c" $port -c fsync=off -c max_connections=20 -c restart_after_crash=on
ON_DB=postgres on "$c" $port -c 'CREATE DATABASE quota_ops'
on "$c" $port -c 'CREATE EXTENSION quota'
on "$c" $port <<'SQL' || check "failed" "loaded" "the fixture loads"
SET client_min_messages = warning;
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕7号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-10', '核增'),
	('滨编〔2024〕12号', '滨州市机构编制委员会', 'committee', '3716', '2024-03-01', '核定');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES (12, '3716', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind)
	OVERRIDING SYSTEM VALUE
	SELECT i, '滨州市压测单位' || i, '3716', 'institution' FROM generate_series(20, 26) i;
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
	VALUES ('issue', 'institution', 2000000, 12, '中央编办发〔2024〕7号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on)
	SELECT 'allocate', 'institution', 200000, 12, i, '滨编〔2024〕12号', '2024-03-01' FROM generate_series(20, 25) i;
-- valid resident ids (GB 11643), unique: born on one of 20,000 days, sequence 0-9
CREATE FUNCTION public.rid(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT body || substr('10X98765432', (sum(substr(body, i::int, 1)::int * w) % 11)::int + 1, 1)
	FROM unnest(ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]) WITH ORDINALITY AS t(w, i)
$$;
CREATE FUNCTION public.pid(area text, i integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT public.rid(area || to_char(date '1950-01-01' + i % 20000, 'YYYYMMDD') || lpad((i / 20000)::text, 3, '0'))
$$;
-- ids for the hires of the pgbench load
CREATE TABLE public.hire_ids (n bigint PRIMARY KEY, person_id text NOT NULL);
INSERT INTO public.hire_ids SELECT i, public.pid('110106', i) FROM generate_series(1, 60000) i;
CREATE SEQUENCE public.hire_seq;
SQL
books="SELECT (SELECT count(*) FROM quota.movement) || ' movements, ' || (SELECT count(*) FROM quota.staff) || ' staff'"

# wait_ready: the server accepts connections again (after crash recovery)
wait_ready() {
	i=0
	while [ $i -lt 120 ]; do
		ON_DB=postgres on "$c" $port -At -c 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.5
		i=$((i + 1))
	done
	return 1
}

# kill_copy TABLE FILE COLUMNS AT: COPY FILE into TABLE in the background and
# kill -9 its backend once AT rows are in; prints how many rows were in then
kill_copy() {
	PGAPPNAME=quota_copy_victim $PSQL -h "$c" -p $port -U postgres -d quota_ops \
		-c "\\copy $1 ($3) FROM '$2'" >"$c/copy.out" 2>&1 &
	client=$!
	at=""
	i=0
	while [ $i -lt 600 ]; do
		row=$(on "$c" $port -At -F ' ' -c "SELECT a.pid, p.tuples_processed FROM pg_stat_progress_copy p
			JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'quota_copy_victim'" 2>/dev/null)
		if [ -n "$row" ] && [ "${row#* }" -ge "$4" ]; then
			as_pg "kill -9 ${row% *}"
			at=${row#* }
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	wait $client
	echo "${at:-never}"
}

# 1. a backend killed in the middle of COPY into quota.staff (50,000 hires)
on "$c" $port -At -c "COPY (SELECT public.pid('110105', i), '压测' || i, 20, 'institution', '2024-06-01', '滨编〔2024〕12号'
	FROM generate_series(1, 50000) i) TO STDOUT" >"$c/staff.copy"
before=$(on "$c" $port -At -c "$books")
at=$(kill_copy quota.staff "$c/staff.copy" "person_id, name, org_id, category, entered_on, entry_doc" 10000)
check "$(echo "$at" | grep -cE '^[0-9]+$') $(grep -q 'terminated abnormally\|server closed the connection' "$c/copy.out" && echo 1)" "1 1" \
	"a backend is killed (kill -9) in the middle of COPY into quota.staff (at row $at of 50000)"
wait_ready
check "$?" "0" "the server recovers and accepts connections"
check "$(on "$c" $port -At -c "$books")" "$before" "nothing of the killed COPY is visible ($before)"
check "$(on "$c" $port -At -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after the crash"
on "$c" $port -c "\\copy quota.staff (person_id, name, org_id, category, entered_on, entry_doc) FROM '$c/staff.copy'" >/dev/null
check "$(on "$c" $port -At -c "SELECT occupied FROM quota.org_status WHERE org_id = 20")" "50000" "the same COPY, run again, loads all 50000 hires"
check "$(on "$c" $port -At -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after it"

# 2. a backend killed in the middle of COPY into quota.movement (50,000 allocations)
on "$c" $port -At -c "COPY (SELECT 'allocate', 'institution', 1, 12, 26, '滨编〔2024〕12号', '2024-03-01'
	FROM generate_series(1, 50000) i) TO STDOUT" >"$c/movement.copy"
before=$(on "$c" $port -At -c "$books")
at=$(kill_copy quota.movement "$c/movement.copy" "kind, category, amount, from_pool, to_org, doc_no, effective_on" 10000)
check "$(echo "$at" | grep -cE '^[0-9]+$') $(grep -q 'terminated abnormally\|server closed the connection' "$c/copy.out" && echo 1)" "1 1" \
	"a backend is killed (kill -9) in the middle of COPY into quota.movement (at row $at of 50000)"
wait_ready
check "$(on "$c" $port -At -c "$books")" "$before" "nothing of the killed COPY is visible ($before)"
check "$(on "$c" $port -At -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after the crash"
on "$c" $port -c "\\copy quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on) FROM '$c/movement.copy'" >/dev/null
check "$(on "$c" $port -At -c "SELECT approved FROM quota.org_status WHERE org_id = 26")" "50000" "the same COPY, run again, allocates all 50000 posts"

# 3. the postmaster killed (kill -9) in the middle of a pgbench write load:
# 4 clients, each transaction one transfer between two of five units or one hire
cat >"$c/load.sql" <<'SQL'
\set k random(1, 4)
\set a random(21, 25)
\set b random(21, 25)
\if :k = 1
WITH n AS (SELECT nextval('public.hire_seq') AS n)
INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
SELECT h.person_id, 'pgbench ' || :client_id, :a, 'institution', '2024-06-01', '滨编〔2024〕12号' FROM n JOIN public.hire_ids h USING (n);
\elif :a = :b
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, note)
VALUES ('allocate', 'institution', 1, 12, :a, '滨编〔2024〕12号', 'pgbench ' || :client_id);
\else
INSERT INTO quota.movement (kind, category, amount, from_org, to_org, doc_no, note)
VALUES ('transfer', 'institution', 1 + :client_id, :a, :b, '滨编〔2024〕12号', 'pgbench ' || :client_id);
\endif
SQL
chmod 644 "$c/load.sql"
acked="SELECT count(*) FROM quota.movement WHERE note LIKE 'pgbench %'"
check "$(on "$c" $port -At -c "$acked")" "0" "before the load: no pgbench rows"
as_pg "cd $c && $BINDIR/pgbench -n -h $c -p $port -U postgres -c 4 -j 1 -T 60 -f $c/load.sql -l --log-prefix=$c/pgb quota_ops" >"$c/pgbench.out" 2>&1 &
bench=$!
# let the load run, then kill the postmaster in the middle of it
i=0
while [ $i -lt 100 ]; do
	[ "$(on "$c" $port -At -c "SELECT count(*) >= 500 FROM quota.movement WHERE note LIKE 'pgbench %'" 2>/dev/null)" = t ] && break
	sleep 0.2
	i=$((i + 1))
done
pm=$(head -n 1 "$c/data/postmaster.pid")
as_pg "kill -9 $pm"
wait $bench
check "$(grep -c 'aborted\|terminated\|server closed\|connection' "$c/pgbench.out" | sed 's/^[1-9][0-9]*$/yes/')" "yes" \
	"the postmaster is killed (kill -9) under the pgbench load"
# the orphaned backends notice the postmaster is gone and exit; then start again
i=0
until start_cluster "$c" $port -c fsync=off -c max_connections=20; do
	i=$((i + 1))
	[ $i -ge 30 ] && break
	sleep 1
done
wait_ready
check "$?" "0" "the server starts again after crash recovery"
check "$(grep -c 'database system was interrupted\|was not properly shut down\|redo starts' "$c/log" | sed 's/^[1-9][0-9]*$/yes/')" "yes" \
	"the restart ran crash recovery (server log)"
# per client: rows in the books >= transactions pgbench saw commit <= that + 1
cat "$c"/pgb.* 2>/dev/null | awk '$3 ~ /^[0-9]+$/ { n[$1]++ } END { for (k in n) print k, n[k] }' | sort >"$c/acked"
total=$(awk '{ s += $2 } END { print s + 0 }' "$c/acked")
on "$c" $port -At -F ' ' -c "SELECT split_part(w, ' ', 2)::int, count(*) FROM (
		SELECT note AS w FROM quota.movement WHERE note LIKE 'pgbench %'
		UNION ALL SELECT name FROM quota.staff WHERE name LIKE 'pgbench %') x GROUP BY 1 ORDER BY 1" >"$c/found"
lost=$(join -a 1 -e 0 -o 1.1,1.2,2.2 "$c/acked" "$c/found" | awk '$3 < $2 || $3 > $2 + 1 { print "client " $1 ": " $2 " acknowledged, " $3 " found" }')
check "$(echo "$total" | grep -cE '^[1-9][0-9]+$')${lost}" "1" \
	"every transaction pgbench saw commit is in the books ($total acknowledged commits, $(awk '{ s += $2 } END { print s + 0 }' "$c/found") rows found)"
check "$(on "$c" $port -At -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after the postmaster crash"
# the books go on: another short load after the restart
as_pg "$BINDIR/pgbench -n -h $c -p $port -U postgres -c 2 -j 1 -t 100 -f $c/load.sql quota_ops" >"$c/pgbench2.out" 2>&1
check "$?" "0" "a new pgbench load runs after the restart without error"
check "$(on "$c" $port -At -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after it"
finish
