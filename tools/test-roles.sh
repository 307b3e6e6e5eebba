#!/bin/sh
# Roles and scopes under real logins (DESIGN.md §10, issue 9): two LOGIN
# roles of one staffing office (city_a, city_b, members of a group role with
# quota_admin and the city's scope), a county HR system and a provincial
# dashboard, each on its own connection (not SET ROLE).  Every path that
# writes a ledger row, a roster record or a correction -- a direct INSERT,
# quota.transfer with and without persons, a talent draw and a 退一收一
# retire written by the roster triggers, quota.settle_loans,
# quota.move_duty, quota.merge_orgs, quota.correct_movement,
# quota.correct_staff_event, quota.split_org, quota.dissolve_org, a move by
# UPDATE -- records the login that caused it, never the owner (each check
# uses the other login than the one before, so a stale value cannot pass;
# every writing function granted to quota_admin, listed from pg_proc, is
# run); a forged recorded_by is
# refused; scopes and error redaction hold on a real connection.  Runs
# inside the test cluster; prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
db=quota_roles
pw=quota-roles-test
n=0
check() {
	n=$((n + 1))
	if [ -n "$1" ] && [ "$1" = "$2" ]; then echo "ok $n - $3"; else echo "not ok $n - $3 (got '$1', want '$2')"; fi
}
# run SQL as a login role on its own connection; print the result rows
as() {
	who=$1
	shift
	PGPASSWORD=$pw $PSQL -At -v ON_ERROR_STOP=1 "dbname=$db user=$who" -c "$@" 2>&1
}
owner() { $PSQL -At -v ON_ERROR_STOP=1 -d $db -c "$@" 2>&1; }
# the recorded_by of the ledger rows written since mark, distinct
since() { owner "SELECT coalesce(string_agg(DISTINCT recorded_by, ','), '(none)') FROM quota.movement WHERE id > $1"; }
mark() { owner "SELECT coalesce(max(id), 0) FROM quota.movement"; }

$PSQL -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
for r in city_a city_b county_hr county_admin prov_dash dongying_dash binzhou_office; do
	$PSQL -d postgres -c "DROP ROLE IF EXISTS $r" 2>/dev/null
done
$PSQL -v ON_ERROR_STOP=1 -d $db >/dev/null <<EOF2
SET client_min_messages = warning;
CREATE EXTENSION quota;
INSERT INTO quota.jurisdiction VALUES ('37', '山东省'), ('3716', '滨州市'), ('371621', '惠民县'), ('3705', '东营市');
INSERT INTO quota.approval VALUES
	('中央编办发〔2024〕1号', '中央编办', 'central_office', NULL, '2024-01-05', '核增'),
	('滨编〔2024〕1号', '滨州市编委', 'committee', '3716', '2024-03-01', '核定'),
	('滨编〔2024〕2号', '滨州市编委', 'committee', '3716', '2024-03-02', '纠错与机构调整'),
	('惠编〔2024〕1号', '惠民县编委', 'committee', '371621', '2024-03-01', '核定'),
	('东编〔2024〕1号', '东营市编委', 'committee', '3705', '2024-03-01', '核定');
INSERT INTO quota.pool (id, division, kind, category) OVERRIDING SYSTEM VALUE VALUES
	(901, '3716', 'unallocated', 'institution'), (902, '3716', 'turnover', 'institution'),
	(903, '3716', 'talent', 'institution'), (904, '3705', 'unallocated', 'institution'),
	(905, '371621', 'unallocated', 'institution');
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES
	(901, '滨州市第一中学', '3716', 'institution'), (902, '滨州市实验学校', '3716', 'institution'),
	(903, '滨州市人民医院', '3716', 'institution'), (904, '东营市第一中学', '3705', 'institution'),
	(905, '滨州市农技中心', '3716', 'institution'), (906, '滨州市农机站', '3716', 'institution'),
	(907, '惠民县第一中学', '371621', 'institution');
-- issued in January 2024, so that the pools held the posts before the 2024 loan below
INSERT INTO quota.movement (kind, category, amount, to_pool, doc_no, effective_on) VALUES
	('issue', 'institution', 100, 901, '中央编办发〔2024〕1号', '2024-01-10'), ('issue', 'institution', 20, 902, '中央编办发〔2024〕1号', '2024-01-10'),
	('issue', 'institution', 20, 903, '中央编办发〔2024〕1号', '2024-01-10'), ('issue', 'institution', 100, 904, '中央编办发〔2024〕1号', '2024-01-10'),
	('issue', 'institution', 5, 905, '中央编办发〔2024〕1号', '2024-01-10');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES
	('allocate', 'institution', 3, 901, 901, '滨编〔2024〕1号'), ('allocate', 'institution', 3, 901, 902, '滨编〔2024〕1号'),
	('allocate', 'institution', 1, 901, 903, '滨编〔2024〕1号'), ('allocate', 'institution', 3, 904, 904, '东编〔2024〕1号'),
	('allocate', 'institution', 2, 901, 905, '滨编〔2024〕1号'), ('allocate', 'institution', 2, 901, 906, '滨编〔2024〕1号'),
	('allocate', 'institution', 2, 905, 907, '惠编〔2024〕1号');
-- an expired loan of a vacant post (settle_loans returns it)
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, effective_on, expires_on)
VALUES ('lend', 'institution', 1, 902, 902, '滨编〔2024〕1号', '2024-05-06', '2024-12-31');
INSERT INTO quota.staff (id, person_id, name, org_id, category, entered_on, entry_doc) OVERRIDING SYSTEM VALUE VALUES
	(901, '371602198102040078', '甲', 901, 'institution', '2024-09-01', '滨编〔2024〕1号'),
	(902, '371602198203110143', '乙', 901, 'institution', '2024-09-01', '滨编〔2024〕1号'),
	(903, '371602198304150216', '丙', 903, 'institution', '2024-09-01', '滨编〔2024〕1号');
INSERT INTO quota.duty (id, org_id, name) OVERRIDING SYSTEM VALUE VALUES (901, 901, '教研');
SELECT quota.setup_roles();
SELECT quota.enable_scopes();
CREATE ROLE binzhou_office NOLOGIN IN ROLE quota_admin;
CREATE ROLE city_a LOGIN PASSWORD '$pw' IN ROLE binzhou_office;
CREATE ROLE city_b LOGIN PASSWORD '$pw' IN ROLE binzhou_office;
CREATE ROLE county_hr LOGIN PASSWORD '$pw' IN ROLE quota_clerk;
CREATE ROLE county_admin LOGIN PASSWORD '$pw' IN ROLE quota_admin;
CREATE ROLE prov_dash LOGIN PASSWORD '$pw' IN ROLE quota_reader;
CREATE ROLE dongying_dash LOGIN PASSWORD '$pw' IN ROLE quota_reader;
INSERT INTO quota.scope VALUES ('binzhou_office', '3716'), ('county_hr', '371621'), ('county_admin', '371621'), ('prov_dash', '37'),
	('dongying_dash', '3705');
EOF2

m0=$(mark)
check "$(as city_a 'SELECT quota.actor()')" city_a "a login's quota.actor() is the login"

m=$(mark)
as city_a "INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1, 901, 901, '滨编〔2024〕1号')" >/dev/null
check "$(since $m)" city_a "direct INSERT: recorded_by is the login (city_a)"

m=$(mark)
as city_b "SELECT quota.transfer(901, 902, 'institution', 1, '滨编〔2024〕1号')" >/dev/null
check "$(since $m)" city_b "quota.transfer: recorded_by is the login (city_b)"

m=$(mark)
as city_a "SELECT quota.transfer(901, 902, 'institution', 1, '滨编〔2024〕1号', ARRAY[902::bigint])" >/dev/null
check "$(since $m)" city_a "quota.transfer with persons (owner-run): recorded_by is the login (city_a)"

m=$(mark)
as city_b "INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc, talent_level) VALUES ('371602198607150424', '丁', 903, 'institution', '2024-10-08', '滨编〔2024〕1号', 'A')" >/dev/null
check "$(owner "SELECT string_agg(kind || ':' || recorded_by, ',') FROM quota.movement WHERE id > $m")" "lend:city_b" \
	"talent draw written by the roster trigger (as the owner): recorded_by is the login (city_b)"

owner "UPDATE quota.org SET recall_on_exit = true WHERE id = 901" >/dev/null
m=$(mark)
# a roster change names its document where the roster asks for one (staff.change_doc)
docset=$(owner "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'quota.staff'::regclass AND attname = 'change_doc' AND NOT attisdropped) THEN ', change_doc = ''滨编〔2024〕1号''' ELSE '' END")
as city_a "UPDATE quota.staff SET left_on = '2024-12-01', left_reason = '退休'$docset WHERE id = 901" >/dev/null
check "$(owner "SELECT string_agg(kind || ':' || recorded_by, ',') FROM quota.movement WHERE id > $m")" "retire:city_a" \
	"退一收一 retire written by the roster trigger: recorded_by is the login (city_a)"

m=$(mark)
as city_b "SELECT count(*) FROM quota.settle_loans()" >/dev/null
check "$(owner "SELECT string_agg(kind || ':' || recorded_by, ',') FROM quota.movement WHERE id > $m")" "repay:city_b" \
	"quota.settle_loans (owner-run) return of an expired loan: recorded_by is the login (city_b)"

m=$(mark)
as city_a "SELECT quota.move_duty(901, 905, '{\"institution\": 1}', '{}', '滨编〔2024〕1号')" >/dev/null
check "$(since $m)" city_a "quota.move_duty (owner-run): recorded_by is the login (city_a)"

m=$(mark)
as city_b "SELECT quota.merge_orgs(ARRAY[906::bigint], 905, '滨编〔2024〕1号')" >/dev/null
check "$(since $m)" city_b "quota.merge_orgs (owner-run): recorded_by is the login (city_b)"

# 容错纠错 of the ledger: the correcting movement and its link name the login
# that corrects (city_a), not the one that made the original (city_b)
orig=$(owner "SELECT min(id) FROM quota.movement WHERE kind = 'transfer' AND recorded_by = 'city_b'")
m=$(mark)
as city_a "SELECT quota.correct_movement($orig, '滨编〔2024〕2号', '划转方向录入错误')" >/dev/null
check "$(since $m)" city_a "quota.correct_movement (owner-run) of city_b's transfer: recorded_by is the login (city_a)"
check "$(owner "SELECT string_agg(recorded_by, ',') FROM quota.correction WHERE original_id = $orig")" city_a \
	"quota.correct_movement: the correction link (quota.correction) names the login (city_a)"

# 容错纠错 of the roster: city_b undoes the talent entry city_b made... by
# city_a's hand: the correcting record and its link name city_a
ev=$(owner "SELECT min(id) FROM quota.staff_event WHERE kind = 'entry' AND recorded_by = 'city_b'")
m=$(mark)
as city_a "SELECT quota.correct_staff_event($ev, '滨编〔2024〕2号', '入编录入错误')" >/dev/null
check "$(owner "SELECT string_agg(e.recorded_by || '/' || c.recorded_by, ',') FROM quota.staff_correction c JOIN quota.staff_event e ON e.id = c.correction_id WHERE c.original_id = $ev")" \
	"city_a/city_a" "quota.correct_staff_event (owner-run): the correcting record and its link name the login (city_a)"
check "$(since $m)" city_a "quota.correct_staff_event: the talent draw's return names the login (city_a)"

# 机构分设: the new org's posts (and the roster records of what moves) name the login
m=$(mark)
part=$(as city_b "SET client_min_messages = warning; SELECT (quota.split_org(902, '[{\"name\": \"滨州市实验学校分校\", \"kind\": \"institution\", \"posts\": {\"institution\": 1}, \"persons\": []}]', '滨编〔2024〕2号'))[1]")
check "$(since $m)" city_b "quota.split_org (owner-run): recorded_by is the login (city_b)"

# 撤销 and reactivation: the recall of the vacant posts names the login
m=$(mark)
as city_a "SELECT quota.dissolve_org($part, '滨编〔2024〕2号')" >/dev/null
check "$(since $m)" city_a "quota.dissolve_org (owner-run): the recall names the login (city_a)"
as city_b "SELECT quota.reactivate_org($part, '滨编〔2024〕2号')" >/dev/null
check "$(owner "SELECT status FROM quota.org WHERE id = $part")" active \
	"quota.reactivate_org (owner-run) by a login (city_b): the org is active again (it writes no ledger or roster row)"
out=$(as county_admin "SELECT quota.reactivate_org($part, '惠编〔2024〕1号')")
case $out in *"permission denied"*|*"row-level security"*) r=42501 ;; *) r="$out" ;; esac
check "$r" 42501 "county admin login: quota.reactivate_org of a city org is refused (42501)"

# a plain roster move by UPDATE, by each login: the change records name them
m=$(owner "SELECT coalesce(max(id), 0) FROM quota.staff_event")
as city_b "UPDATE quota.staff SET org_id = 901, change_doc = '滨编〔2024〕2号' WHERE id = 902" >/dev/null
check "$(owner "SELECT string_agg(kind || ':' || recorded_by, ',') FROM quota.staff_event WHERE id > $m")" "move:city_b" \
	"a move by UPDATE of quota.staff: the change record names the login (city_b)"

# the standards library records no actor (standards carry none); it runs for a login
out=$(as city_a "SELECT quota.install_standard_library() >= 0")
check "$out" t "quota.install_standard_library runs for a login (standards record no actor)"

# the fold of the jurisdiction figures (owner-run, figures only) runs for a login
out=$(as city_a "SELECT quota.fold_jurisdiction_figures() >= 0")
check "$out" t "quota.fold_jurisdiction_figures runs for a login (it records no actor)"

# every function a quota_admin may execute that writes is covered above
# (a writer added later fails here until it is)
check "$(owner "SELECT string_agg(p.proname, ',' ORDER BY p.proname) FROM pg_proc p
	WHERE p.pronamespace = 'quota'::regnamespace AND p.provolatile = 'v'
	  AND has_function_privilege('quota_admin', p.oid, 'EXECUTE') AND NOT has_function_privilege('public', p.oid, 'EXECUTE')")" \
	"correct_movement,correct_staff_event,dissolve_org,fold_jurisdiction_figures,install_standard_library,merge_orgs,move_duty,reactivate_org,settle_loans,split_org,transfer,transfer_with_persons" \
	"every writing function granted to quota_admin is run by a login above"

if [ "$(owner "SELECT to_regclass('quota.staff_event') IS NOT NULL")" = t ]; then
	check "$(owner "SELECT string_agg(DISTINCT recorded_by, ',' ORDER BY recorded_by) FROM quota.staff_event WHERE staff_id > 903 OR on_date >= '2024-10-01'")" \
		"city_a,city_b" "roster history (quota.staff_event): recorded_by names the logins"
fi

out=$(as city_a "INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no, recorded_by) VALUES ('allocate', 'institution', 1, 901, 901, '滨编〔2024〕1号', 'city_b')")
case $out in *quota_movement_shape*|*ERROR*) r=refused ;; *) r=accepted ;; esac
check "$r" refused "a forged recorded_by (another role) is refused"
check "$(owner "SELECT count(*) FROM quota.movement WHERE recorded_by NOT IN ('city_a', 'city_b', 'postgres')")" 0 \
	"no ledger row names anyone but the owner (setup) and the two logins"
check "$(owner "SELECT count(*) FROM quota.movement WHERE id > $m0 AND recorded_by = current_user")" 0 \
	"no ledger row written by the logins names the owner"

# scopes on real connections
check "$(as county_hr 'SELECT string_agg(id::text, $$,$$ ORDER BY id) FROM quota.org')" 907 "county HR login sees only the county's org"
out=$(as county_hr "INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc) VALUES ('371602198506230310', '戊', 902, 'institution', '2024-10-08', '滨编〔2024〕1号')")
case $out in *"row-level security"*) r=42501 ;; *) r="$out" ;; esac
check "$r" 42501 "county HR login: a hire into a city org is refused (42501)"
out=$(as county_admin "SELECT quota.transfer(907, 901, 'institution', 1, '惠编〔2024〕1号', ARRAY[]::bigint[])")
case $out in *"permission denied"*|*"row-level security"*) r=42501 ;; *) r="$out" ;; esac
check "$r" 42501 "county admin login: a transfer to a city org is refused (42501)"
check "$(as prov_dash 'SELECT count(DISTINCT org_id) FROM quota.org_status')" "$(owner 'SELECT count(DISTINCT org_id) FROM quota.org_status')" \
	"provincial dashboard login sees every org of the province in org_status"
out=$(as prov_dash 'SELECT count(*) FROM quota.staff')
case $out in *"permission denied"*) r=refused ;; *) r="$out" ;; esac
check "$r" refused "provincial dashboard login: no people by name"

# the reports of the ledger and the roster history for readers: owner-run,
# the reader's scope applied first, figures only (readers read neither
# quota.movement nor quota.staff_event)
out=$(as prov_dash 'SELECT count(*) FROM quota.staff_event')
case $out in *"permission denied"*) r=refused ;; *) r="$out" ;; esac
check "$r" refused "provincial dashboard login: no roster history rows (they name people)"
for q in "SELECT count(*) || ':' || sum(outstanding) FROM quota.loan_dashboard" \
		 "SELECT sum(movements) || ':' || sum(posts) FROM quota.movement_monthly" \
		 "SELECT string_agg(concat_ws(':', month_label, category, issued, retired, total_posts, approved, borrowed, entries, departures, occupied), ',' ORDER BY month, category) FROM quota.trend_monthly" \
		 "SELECT string_agg(concat_ws(':', division_code, org_kind, category, orgs, approved, borrowed, occupied, vacancy), ',' ORDER BY division_code, org_kind, category) FROM quota.establishment_report()" \
		 "SELECT string_agg(concat_ws(':', division_code, category, orgs, approved, occupied), ',' ORDER BY division_code, category) FROM quota.establishment_rollup()"; do
	check "$(as prov_dash "$q")" "$(owner "$q")" "provincial dashboard login, whole province in scope: $(echo "$q" | sed 's/.*FROM quota\.\([a-z_]*\).*/\1/') equals the owner's"
done
check "$(as prov_dash "SELECT string_agg(subject || ':' || original_id, ',' ORDER BY correction_id) FROM quota.corrections")" \
	"$(owner "SELECT string_agg('movement:' || original_id, ',' ORDER BY correction_id) FROM quota.correction")" \
	"provincial dashboard login: quota.corrections lists the ledger's corrections, not the roster's (a person's records)"
check "$(as city_b "SELECT count(*) FROM quota.corrections")" "$(owner "SELECT count(*) FROM quota.corrections")" \
	"city admin login: quota.corrections lists both kinds within its scope"
check "$(as dongying_dash "SELECT count(*) FROM quota.corrections")" 0 "东营 dashboard login: no correction of 滨州"
# 东营市's dashboard: only 东营's figures (one org with 3 posts, one pool of 100, no loans, nobody in post)
check "$(as dongying_dash 'SELECT count(*) FROM quota.loan_dashboard')" 0 "东营 dashboard login: no loan of 滨州 in loan_dashboard"
check "$(as dongying_dash 'SELECT sum(movements) || $$:$$ || sum(posts) FROM quota.movement_monthly')" \
	"$(owner "SELECT count(*) || ':' || sum(amount) FROM quota.movement WHERE 904 IN (from_org, to_org, from_pool, to_pool)")" \
	"东营 dashboard login: movement_monthly counts only the movements with an end in 东营"
check "$(as dongying_dash "SELECT concat_ws(':', approved, occupied, entries) FROM quota.trend_monthly WHERE month = date_trunc('month', current_date) AND category = 'institution'")" \
	"3:0:0" "东营 dashboard login: trend_monthly this month: 东营's 3 approved posts, nobody of 滨州"
check "$(as dongying_dash "SELECT string_agg(concat_ws(':', division_code, orgs, approved, occupied), ',') FROM quota.establishment_report()")" \
	"370500:1:3:0" "东营 dashboard login: establishment_report has 东营's one org only"
out=$(as dongying_dash "SELECT count(*) FROM quota.loan_dashboard_rows() WHERE org_id <> 904")
check "$out" 0 "东营 dashboard login: calling the report function directly gives no more"

# a rule error for a scoped login: the rule name, no figure of the books
out=$(PGPASSWORD=$pw $PSQL -v VERBOSITY=verbose "dbname=$db user=county_admin" -c "INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1000, 905, 907, '惠编〔2024〕1号')" 2>&1)
case $out in *"CONSTRAINT NAME:  quota_insufficient"*) r=named ;; *) r="$out" ;; esac
check "$r" named "scoped login: a rule error carries its constraint name"
check "$(printf '%s\n' "$out" | grep -E '^(ERROR|DETAIL|HINT|CONTEXT)' | sed 's/^ERROR:  23514:/ERROR:/' | grep -cE '[0-9]{2}')" 0 \
	"scoped login: no figure or id in the message, detail, hint or context"
out=$($PSQL -v VERBOSITY=verbose -d $db -c "INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 1000, 905, 907, '惠编〔2024〕1号')" 2>&1)
case $out in *"DETAIL:"*[0-9]*) r=figures ;; *) r="$out" ;; esac
check "$r" figures "the owner still gets the figures"
# a plain constraint error (not a rule): the message names the constraint, the
# detail with the row's or the key's values is withheld from a scoped login
out=$(PGPASSWORD=$pw $PSQL -v VERBOSITY=verbose "dbname=$db user=county_admin" -c "UPDATE quota.org SET funding = '自筹' WHERE id = 907" 2>&1)
case $out in *org_funding_check*) r=named ;; *) r="$out" ;; esac
check "$r" named "scoped login: a CHECK error names its constraint"
case $out in *"Failing row"*|*907*|*惠民*) r="$out" ;; *) r=withheld ;; esac
check "$r" withheld "scoped login: a CHECK error shows no value of the row"
out=$(PGPASSWORD=$pw $PSQL -v VERBOSITY=verbose "dbname=$db user=county_admin" -c "INSERT INTO quota.pool (division, kind, category) VALUES ('371621', 'unallocated', 'institution')" 2>&1)
case $out in *pool_division_kind_category_key*) r=named ;; *) r="$out" ;; esac
check "$r" named "scoped login: a unique violation names its constraint"
case $out in *"Key ("*|*371621*) r="$out" ;; *) r=withheld ;; esac
check "$r" withheld "scoped login: a unique violation shows no key value"
out=$($PSQL -v VERBOSITY=verbose -d $db -c "UPDATE quota.org SET funding = '自筹' WHERE id = 907" 2>&1)
case $out in *"Failing row contains"*) r=shown ;; *) r="$out" ;; esac
check "$r" shown "the owner still gets the failing row"
check "$(owner 'SELECT count(*) FROM quota.verify()')" 0 "quota.verify() is clean"

# dump and restore: the scopes, row-level security, its policies and the grants come back
copy=${db}_copy
dumpfile=$(mktemp)
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $copy" -c "CREATE DATABASE $copy" >/dev/null 2>&1
pg_dump -Fc -d $db -f "$dumpfile" 2>/dev/null
pg_restore -d $copy "$dumpfile" >/dev/null 2>&1
sig="SELECT string_agg(x, ';' ORDER BY x) FROM (
	SELECT c.relname || ':' || c.relrowsecurity || ':' || coalesce((SELECT string_agg(p.polname, ',' ORDER BY p.polname) FROM pg_policy p WHERE p.polrelid = c.oid), '') AS x
	  FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'r'
	UNION ALL SELECT 'acl ' || c.relname || ':' || coalesce(c.relacl::text, '') FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace
	UNION ALL SELECT 'scope ' || role || ':' || division FROM quota.scope) s"
check "$($PSQL -At -d $copy -c "$sig")" "$(owner "$sig")" "dump/restore: row-level security, policies, grants and scope rows come back"
check "$(PGPASSWORD=$pw $PSQL -At "dbname=$copy user=county_hr" -c 'SELECT string_agg(id::text, $$,$$ ORDER BY id) FROM quota.org' 2>&1)" 907 \
	"dump/restore: the county HR login still sees only the county's org"
rm -f "$dumpfile"
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $copy" >/dev/null 2>&1
[ -n "${KEEPDB:-}" ] || $PSQL -d postgres -c "DROP DATABASE $db" >/dev/null 2>&1
for r in city_a city_b county_hr county_admin prov_dash dongying_dash binzhou_office; do
	$PSQL -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1
done
echo "1..$n"
