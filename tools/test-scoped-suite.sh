#!/bin/sh
# The pg_regress suite again, run as a scoped quota_admin: each test's own
# setup (DROP/CREATE EXTENSION) still runs as the superuser, then the
# session becomes the LOGIN role quota_suite_admin (SET SESSION
# AUTHORIZATION: session user, current user and quota.actor() are that role,
# exactly as after a login; tools/test-roles.sh covers real logins), a
# member of quota_admin whose scope covers every province, after
# quota.setup_roles() and quota.enable_scopes().  Every statement must do
# what it does for the superuser: the results (rows, row counts, which
# statements fail) are compared with expected/, with the text of errors,
# notices and contexts masked -- a scoped role gets a rule's constraint name
# but not its figures (README "Roles and scopes").  The few statements that
# are the owner's by design run as the owner (marked in the output):
# COPY FROM into a quota table (PostgreSQL refuses it under row-level
# security) and edits of the internal accounts (the corruption that verify()
# must find).  The tests covered are listed in $covered below.
# Runs inside the test cluster; prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
regress="$(dirname "$(pg_config --pgxs)")/../test/regress/pg_regress"
work=$(mktemp -d)
chmod 755 "$work"
mkdir -p "$work/sql" "$work/expected" "$work/out"
$PSQL -d postgres -c "DROP ROLE IF EXISTS quota_suite_admin" >/dev/null 2>&1
$PSQL -d postgres -c "CREATE ROLE quota_suite_admin LOGIN PASSWORD '${PGPASSWORD:-quota-suite}'" >/dev/null
block='-- scoped-suite begin
\o /dev/null
SELECT quota.setup_roles();
SELECT quota.enable_scopes();
GRANT quota_admin TO quota_suite_admin;
GRANT CREATE ON SCHEMA public TO quota_suite_admin;
GRANT pg_read_server_files, pg_write_server_files TO quota_suite_admin;
INSERT INTO quota.scope SELECT '"'"'quota_suite_admin'"'"', pg_catalog.lpad(g::text, 2, '"'"'0'"'"')::quota.division FROM pg_catalog.generate_series(11, 82) g;
\o
SET SESSION AUTHORIZATION quota_suite_admin;
-- scoped-suite end'
owner_on='-- scoped-suite begin
RESET SESSION AUTHORIZATION;
-- scoped-suite end'
owner_off='-- scoped-suite begin
SET SESSION AUTHORIZATION quota_suite_admin;
-- scoped-suite end'
cp expected/*.out "$work/expected/"
# The tests of the suite this run covers so far (tests added since are run as
# the superuser only, until their owner-only statements are marked here).
covered="00_types 10_ledger 20_roster 30_reform 40_edges reform_evaluation reform_split"
tests=""
for t in $covered; do
	f=sql/$t.sql
	[ -f "$f" ] || continue
	tests="$tests $t"
	if grep -q '^CREATE EXTENSION quota;' "$f"; then at='^CREATE EXTENSION quota;'; else at='^--'; fi
	awk -v b="$block" -v on="$owner_on" -v off="$owner_off" -v at="$at" '
		!done && $0 ~ at { print; print b; done = 1; next }
		/^COPY quota\./ { print on; print; incopy = 1; next }
		incopy && /^\\\.$/ { print; print off; incopy = 0; next }
		/^UPDATE quota\.(loan|org_account|pool_account|jurisdiction_account|person_post|hiring_account|talent_draw|leader_account) / { print on; print; print off; next }
		{ print }' "$f" > "$work/sql/$t.sql"
done
# demo files are read with \i relative to the working directory
"$regress" --inputdir="$work" --outputdir="$work/out" --load-extension=quota --dbname=quota_scoped_suite \
	$tests > "$work/regress.log" 2>&1
# mask what a scoped role legitimately sees differently
norm() {
	awk '/^CONTEXT:/ { skip = 1; next }
		skip && /^(PL\/pgSQL function|SQL function|SQL statement)/ { next }
		skip && /^(\t| )/ { next }
		{ skip = 0; print }' "$1" |
	sed -e '/^-- scoped-suite begin$/,/^-- scoped-suite end$/d' \
		-e 's/^\(ERROR\):.*$/\1/' -e '/^\(DETAIL\|HINT\|NOTICE\|WARNING\|CONTEXT\|LINE [0-9]*\|QUERY\):/d' -e '/^ *\^$/d' \
		-e 's/\(quota_[a-z_]*\): .*$/\1: (message)/' -e 's/^ *//; s/ *$//' -e 's/^-[-+]*$/---/' \
		-e '/^psql:.*ERROR: /s/^.*$/ERROR/'
}
n=0
for t in $tests; do
	n=$((n + 1))
	if [ ! -f "$work/out/results/$t.out" ]; then
		echo "not ok $n - $t as a scoped quota_admin login (no results)"
		continue
	fi
	norm "expected/$t.out" > "$work/$t.want"
	norm "$work/out/results/$t.out" > "$work/$t.got"
	if diff -u "$work/$t.want" "$work/$t.got" > "$work/$t.diff"; then
		echo "ok $n - $t as a scoped quota_admin login"
	else
		echo "not ok $n - $t as a scoped quota_admin login"
		head -n 60 "$work/$t.diff" | sed 's/^/# /'
	fi
done
$PSQL -d postgres -c "DROP DATABASE IF EXISTS quota_scoped_suite" >/dev/null 2>&1
$PSQL -d postgres -c "DROP ROLE IF EXISTS quota_suite_admin" >/dev/null 2>&1
echo "1..$n"
[ -n "${KEEP:-}" ] && echo "# kept $work" || rm -rf "$work"
