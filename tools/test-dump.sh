#!/bin/sh
# pg_dump / restore of a database using quota: every table (the internal
# accounts included) and every sequence comes back identical, quota.verify()
# is clean, and the restored books go on working under every rule.  The
# source is the whole demo walkthrough (merges, duty moves, loans settled
# and expired, talent draws, standards) plus a repaid loan, a dissolved org
# and an approval edited after use -- history that today's rules would not
# let in again, which is why a restore copies instead of replaying.  Both a
# custom-format dump through pg_restore and a plain script through psql are
# restored.  Runs inside the test cluster; prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
n=0
check() {
	n=$((n + 1))
	if [ -n "$1" ] && [ "$1" = "$2" ]; then echo "ok $n - $3"; else echo "not ok $n - $3 (got '$1', want '$2')"; fi
}
dump=$(mktemp)
plain=$(mktemp)
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_dump_src' -c 'DROP DATABASE IF EXISTS quota_dump_dst' \
	-c 'DROP DATABASE IF EXISTS quota_dump_plain' -c 'CREATE DATABASE quota_dump_src' \
	-c 'CREATE DATABASE quota_dump_dst' -c 'CREATE DATABASE quota_dump_plain' 2>/dev/null
$PSQL -d quota_dump_src -c 'CREATE EXTENSION quota' >/dev/null
# the walkthrough shows rejected statements on purpose: no ON_ERROR_STOP
$PSQL -d quota_dump_src -f demo/walkthrough.sql >/dev/null 2>&1
$PSQL -v ON_ERROR_STOP=1 -d quota_dump_src >/dev/null 2>&1 <<'EOF'
SET client_min_messages = warning;
-- a loan to the city hospital, partly repaid
INSERT INTO quota.movement (id, kind, category, amount, from_pool, to_org, doc_no, expires_on)
OVERRIDING SYSTEM VALUE
VALUES (9001, 'lend', 'institution', 4, 13, 21, '滨编办〔2024〕21号', current_date + 100);
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no, loan_id)
VALUES ('repay', 'institution', 3, 21, 13, '滨编办〔2024〕21号', 9001);
-- an org that held posts, gave them back and was dissolved
INSERT INTO quota.org (id, name, division, kind) OVERRIDING SYSTEM VALUE VALUES (90, '滨州市临时指挥部办公室', '3716', 'institution');
INSERT INTO quota.movement (kind, category, amount, from_pool, to_org, doc_no) VALUES ('allocate', 'institution', 5, 12, 90, '滨编〔2024〕12号');
INSERT INTO quota.movement (kind, category, amount, from_org, to_pool, doc_no) VALUES ('recall', 'institution', 5, 90, 12, '滨编〔2024〕12号');
SELECT quota.dissolve_org(90, '滨编〔2024〕12号');
-- reference data added and changed at run time: a category with its use, an org kind, a policy value
INSERT INTO quota.category (code, name, description, central_across) VALUES ('police_special', '公安专项编制', 'test', true);
INSERT INTO quota.category_use (category, org_kind) VALUES ('police_special', 'public_security');
INSERT INTO quota.org_kind (code, name) VALUES ('pilot_body', '试点机构');
UPDATE quota.policy SET value = '5' WHERE name = 'loan_default_years';
UPDATE quota.category SET description = '行政编制（更正）' WHERE code = 'admin';
-- an approval whose issuer was corrected after it was used
UPDATE quota.approval SET issuer = '滨州市农业农村局（更正）' WHERE doc_no = '滨农〔2024〕8号';
EOF
pg_dump -Fc -d quota_dump_src -f "$dump" 2>&1 | grep -v 'circular foreign-key\|detail: \|hint: ' 
pg_restore -d quota_dump_dst "$dump" 2>&1 | grep -v 'circular foreign-key\|detail: \|hint: ' | head -20
pg_dump -Fp -d quota_dump_src -f "$plain" 2>&1 | grep -v 'circular foreign-key\|detail: \|hint: ' 
$PSQL -d quota_dump_plain -f "$plain" 2>&1 | grep -v '^SET$\|circular foreign-key\|detail: \|hint: ' | grep -i 'error' | head -20

# every table of the schema, rows as text, ordered: one md5 per table
tables=$($PSQL -At -d quota_dump_src -c "SELECT string_agg(c.oid::regclass::text, ' ' ORDER BY c.relname)
	FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'r'")
digest() {
	for t in $tables; do
		printf '%s:%s ' "$t" "$($PSQL -At -d "$1" -c "SELECT count(*) || '/' || md5(COALESCE(string_agg(x::text, ',' ORDER BY x::text), '')) FROM $t x")"
	done
}
src=$(digest quota_dump_src)
seqs="SELECT string_agg(c.relname || '=' || pg_sequence_last_value(c.oid)::text, ' ' ORDER BY c.relname)
	FROM pg_class c WHERE c.relnamespace = 'quota'::regnamespace AND c.relkind = 'S'"
views="SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (
	SELECT 'o', row(s.*)::text FROM quota.org_status s UNION ALL SELECT 'p', row(s.*)::text FROM quota.pool_balance s
	UNION ALL SELECT 'j', row(s.*)::text FROM quota.jurisdiction_status s UNION ALL SELECT 'l', row(s.*)::text FROM quota.loan_status s
	UNION ALL SELECT 'v', row(s.*)::text FROM quota.violations s) t"
check "$($PSQL -At -d quota_dump_src -c "SELECT (SELECT count(*) > 0 FROM quota.movement WHERE kind = 'repay') || ' ' ||
	(SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM quota.org WHERE status <> 'active')")" "true dissolved,merged" \
	"the source holds a repay and inactive orgs (merged and dissolved)"
for db in quota_dump_dst quota_dump_plain; do
	check "$(digest $db)" "$src" "$db: every table, internal accounts included, identical after restore"
	check "$($PSQL -At -d $db -c "$seqs")" "$($PSQL -At -d quota_dump_src -c "$seqs")" "$db: every sequence restored"
	check "$($PSQL -At -d $db -c "$views")" "$($PSQL -At -d quota_dump_src -c "$views")" "$db: every dashboard view identical"
	check "$($PSQL -At -d $db -c "SELECT (SELECT value FROM quota.policy WHERE name = 'loan_default_years') || ' ' ||
		(SELECT central_across FROM quota.category WHERE code = 'police_special') || ' ' ||
		(SELECT count(*) FROM quota.jurisdiction_account WHERE category = 'police_special') || ' ' ||
		(SELECT count(*) FROM quota.org_kind WHERE code = 'pilot_body')")" \
		"5 true $($PSQL -At -d quota_dump_src -c "SELECT count(*) FROM quota.jurisdiction_account WHERE category = 'police_special'") 1" \
		"$db: reference rows added or changed at run time (category, its accounts, org kind, policy value) are restored"
	check "$($PSQL -At -d $db -c 'SELECT count(*) FROM quota.verify()')" "0" "$db: quota.verify() is clean after restore"
	# the restored books go on under every rule: a transfer works, 超编 is refused
	check "$($PSQL -At -d $db -c "SELECT quota.transfer(3, 6, 'admin', 2, '滨编〔2024〕12号') IS NOT NULL")" "t" \
		"$db: a transfer after the restore is applied"
	check "$($PSQL -At -d $db -c "INSERT INTO quota.staff (person_id, name, org_id, category, entered_on, entry_doc)
		VALUES ('37160220000101003X', '新教师', 23, 'institution', current_date, '滨编〔2024〕12号')" 2>&1 | grep -o -m 1 'no vacancy')" "no vacancy" \
		"$db: an entry into the full school after the restore is refused"
	check "$($PSQL -At -d $db -c 'SELECT count(*) FROM quota.verify()')" "0" "$db: quota.verify() is clean after new writes"
done
rm -f "$dump" "$plain"
echo "1..$n"
