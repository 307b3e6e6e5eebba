#!/bin/sh
# pg_cron schedules quota.settle_loans(): in a throwaway cluster with
# shared_preload_libraries = pg_cron, the README's recipe schedules the
# nightly job; the test then moves the same job to every minute and waits for
# pg_cron to run it (pg_cron 1.4 has no per-second schedule), which settles a
# loan that expired in 2024: its vacant posts are back in the turnover pool,
# the loan is expired, and quota.verify() is clean.  Prints TAP lines.
set -u
cd "$(dirname "$0")/.."
. tools/test-lib.sh
if ! have_ext pg_cron; then
	check "missing" "installed" "pg_cron is installed (Debian: postgresql-15-cron; make deps)"
	finish
	exit 1
fi
c=$(new_dir)
port=5433
init_cluster "$c"
start_cluster "$c" $port -c shared_preload_libraries=pg_cron -c cron.database_name=quota_ops \
	-c cron.use_background_workers=on -c max_worker_processes=16 -c fsync=off
check "$(ON_DB=postgres on "$c" $port -At -c 'SHOW shared_preload_libraries')" "pg_cron" "a cluster with shared_preload_libraries = pg_cron"
ON_DB=postgres on "$c" $port -c 'CREATE DATABASE quota_ops'
on "$c" $port -c 'CREATE EXTENSION quota' -c 'CREATE EXTENSION pg_cron'

# the fixture: a turnover loan of 6 posts from 2024-06-01 to 2024-12-31, never used
on "$c" $port <<'SQL' || check "failed" "loaded" "the fixture loads"
SET client_min_messages = warning;
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕7号', '中央机构编制委员会办公室', 'central_office', NULL, '2024-01-10', '核增'),
	('鲁编〔2024〕3号', '山东省机构编制委员会', 'committee', '37', '2024-02-01', '下达事业编制'),
	('滨编办〔2024〕21号', '滨州市委编办', 'office', '3716', '2024-05-06', '使用周转编制');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(1, '37', 'unallocated', 'institution'), (12, '3716', 'unallocated', 'institution'), (13, '3716', 'turnover', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (30, '滨州市人民医院', '3716', 'institution');
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on)
	VALUES ('issue', 'institution', 100, 1, '中央编办发〔2024〕7号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_pool, doc_no, effective_on)
	VALUES ('delegate', 'institution', 20, 1, 13, '鲁编〔2024〕3号', '2024-02-01');
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
	OVERRIDING SYSTEM VALUE
	VALUES (500, 'lend', 'institution', 6, 13, 30, '滨编办〔2024〕21号', '2024-06-01', '2024-12-31');
SQL
state="SELECT s.state || ' ' || s.outstanding || ' ' || p.balance FROM quota.loan_status s, quota.pool_balance p
	WHERE s.loan_id = 500 AND p.pool_id = 13"
settled="SELECT expired FROM quota.loan WHERE loan_id = 500"
check "$(on "$c" $port -At -c "$state") $(on "$c" $port -At -c "$settled")" "expired 6 14 f" \
	"before: the loan is past its term but unsettled (6 outstanding, the turnover pool holds 14)"

# the recipe of README "Operations": every night at 00:05
on "$c" $port -At -c "SELECT cron.schedule('quota-settle-loans', '5 0 * * *', 'SELECT quota.settle_loans()')" >/dev/null
check "$(on "$c" $port -At -c "SELECT schedule || ' ' || command || ' ' || database FROM cron.job WHERE jobname = 'quota-settle-loans'")" \
	"5 0 * * * SELECT quota.settle_loans() quota_ops" "the nightly job is scheduled"
# the same job, every minute, so that the test sees it run
on "$c" $port -At -c "SELECT cron.schedule('quota-settle-loans', '* * * * *', 'SELECT quota.settle_loans()')" >/dev/null
check "$(on "$c" $port -At -c "SELECT count(*) || ' ' || min(schedule) FROM cron.job")" "1 * * * * *" "rescheduling by name moves the one job"
i=0
run=""
while [ $i -lt 75 ]; do
	run=$(on "$c" $port -At -c "SELECT status FROM cron.job_run_details WHERE status IN ('succeeded', 'failed') ORDER BY runid LIMIT 1")
	[ -n "$run" ] && break
	sleep 1
	i=$((i + 1))
done
check "$run" "succeeded" "pg_cron ran quota.settle_loans() (after ${i}s)"
on "$c" $port -At -c "SELECT return_message FROM cron.job_run_details WHERE status = 'failed'" | sed 's/^/# /'
check "$(on "$c" $port -At -c "$state") $(on "$c" $port -At -c "$settled")" "closed 0 20 t" \
	"after the job: the loan is settled and closed, its 6 vacant posts are back in the turnover pool"
check "$(on "$c" $port -At -c 'SELECT count(*) FROM quota.verify()')" "0" "quota.verify() is clean after the job"
on "$c" $port -At -c "SELECT cron.unschedule('quota-settle-loans')" >/dev/null
finish
