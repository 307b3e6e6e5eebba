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
# are the owner's by design run as the owner (listed with the reason below,
# at $owner_re).  Every test of sql/ is covered.
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
# Every test of the suite.  The statements that are the owner's by design
# run as the owner (RESET SESSION AUTHORIZATION around them, masked in the
# comparison); each pattern below says why.  A statement is matched on its
# first line and runs to its end (a ';' or a \g outside $$ bodies).
#   COPY quota.x FROM          PostgreSQL refuses COPY FROM into a table with
#                              row-level security to a role subject to it
#   UPDATE of internal accounts the corruption verify() must find; nobody
#                              but the owner writes them
#   TRUNCATE, UPDATE/DELETE of the ledger, the roster history and the
#                              corrections: no role but the owner holds these
#                              privileges (a scoped admin gets 42501 before
#                              the guard trigger: test/roles.sql); run as the
#                              owner they show the guard that holds for the
#                              owner too
#   CREATE/DROP EXTENSION, quota.allow_drop(), CREATE/DROP ROLE, and SET ROLE
#                              ... RESET ROLE: the extension and the cluster's
#                              roles are the owner's (drop_guard); after each
#                              CREATE EXTENSION the roles and scopes are set
#                              up again and the session is the admin again
#   pg_temp.age_hiring()       ages an approval past its validity (the
#                              calendar cannot be waited for): ALTER TABLE
#                              ... DISABLE TRIGGER is the owner's
#   pg_temp.error_text()       sql/error_text.sql reads the owner's full error
#                              text (DESIGN 8); a scoped role's is redacted
#   quota.release_seat(), quota.lapse_hiring()
#                              sql/roster_release_paths.sql calls these
#                              internal doors itself: they write the internal
#                              accounts as their caller (release_seat's
#                              EXECUTE is revoked from PUBLIC); only the
#                              extension's own functions and triggers call them
owner_re='^COPY quota\.'
owner_re="$owner_re|^UPDATE quota\.(loan|org_account|pool_account|jurisdiction_account|person_post|hiring_account|talent_draw|leader_account) "
owner_re="$owner_re|TRUNCATE|(UPDATE|DELETE FROM) quota\.(movement|staff_event|correction|staff_correction)([^a-z_]|\$)"
owner_re="$owner_re|^(CREATE|DROP) EXTENSION|quota\.allow_drop\(|^(CREATE|DROP) ROLE|pg_temp\.age_hiring\(|pg_temp\.error_text\(|quota\.(release_seat|lapse_hiring)\("
tests=""
# (SCOPED_TESTS="sql/a.sql sql/b.sql" runs only those)
for f in ${SCOPED_TESTS:-sql/*.sql}; do
	t=$(basename "$f" .sql)
	tests="$tests $t"
	if grep -q '^CREATE EXTENSION quota;' "$f"; then at='^CREATE EXTENSION quota;'; else at='^--'; fi
	B="$block" ON="$owner_on" OFF="$owner_off" AT="$at" RE="$owner_re" awk '
		BEGIN { b = ENVIRON["B"]; on = ENVIRON["ON"]; off = ENVIRON["OFF"]; at = ENVIRON["AT"]; re = ENVIRON["RE"] }
		# back to the admin after an owner statement -- after the \echo of
		# its SQLSTATE, if one follows (the switch itself would set it)
		function back(t) { pend = t }
		pend != "" {
			if ($0 ~ /^\\echo :LAST_ERROR_SQLSTATE/) { print; print pend; pend = ""; next }
			print pend; pend = ""
		}
		END { if (pend != "") print pend }
		function ends(l) { return dollars % 2 == 0 && (l ~ /;[ \t]*(--.*)?$/ || l ~ /\\g[a-z]*( .*)?$/) }
		# the first CREATE EXTENSION (or the first line): enter the role
		!entered && $0 ~ at {
			if ($0 ~ /^CREATE EXTENSION quota;/) { print on }
			print; print b; entered = 1; next
		}
		# COPY ... FROM stdin: through its terminating line
		incopy { print; if ($0 ~ /^\\\.$/) { print off; incopy = 0 } ; next }
		# SET ROLE ... RESET ROLE: as the owner throughout
		!instmt && /^SET ROLE / { print on; print; inrole = 1; next }
		inrole && /^RESET ROLE;/ { print; print off; inrole = 0; next }
		inrole { print; next }
		# a statement goes on
		instmt {
			print
			n = gsub(/\$\$/, "&"); dollars += n
			if (ends($0)) {
				instmt = 0
				if (owned) back(created ? b : off)
			}
			next
		}
		# blank lines, comments and psql commands between statements
		/^[ \t]*$/ || /^--/ || /^\\/ { print; next }
		# a statement starts
		{
			owned = entered && ($0 ~ re); created = ($0 ~ /^CREATE EXTENSION quota;/)
			if (owned) print on
			print
			dollars = gsub(/\$\$/, "&")
			if (owned && $0 ~ /^COPY quota\..*FROM stdin/) { incopy = 1; next }
			if (ends($0)) { if (owned) back(created ? b : off) } else instmt = 1
		}' "$f" > "$work/sql/$t.sql"
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
