#!/bin/sh
# The pgTAP files again, run as a scoped quota_admin: after each file's
# CREATE EXTENSION, quota.setup_roles() and quota.enable_scopes() run and the
# session becomes the LOGIN role quota_suite_admin (SET SESSION
# AUTHORIZATION, inside the file's transaction), a member of quota_admin
# whose scope covers every province; its fixtures, statements and assertions
# then run as that role, not as a superuser.  Each file must pass as it does
# for the superuser.  The statements that are the owner's by design run as
# the owner (the same kinds as tools/test-scoped-suite.sh: TRUNCATE, which
# nobody else holds).  Not run this way, and why:
#   roles.sql, roles_reference.sql, roles_search_path.sql  they are the
#       tests of roles and scopes: they create roles and switch between them
#       with SET ROLE, which only the owner may do
#   hygiene.sql, comments.sql       catalog checks of the install script
#       (owners, ACLs, comments), the same for any reader
#   restore.sql                     restores a dump, which is the owner's
#   verify_corruption.sql           every check corrupts an internal account,
#       which no role but the owner may write (the regress suite runs
#       quota.verify() as the scoped admin throughout)
# Runs inside the test cluster; prints TAP lines, one per file.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
work=$(mktemp -d)
chmod 755 "$work"
mkdir -p "$work/test"
cp -r test/lib "$work/test/lib"
db=quota_scoped_tap
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
$PSQL -d postgres -c "CREATE DATABASE $db" >/dev/null
$PSQL -d postgres -c "DROP ROLE IF EXISTS quota_suite_admin" >/dev/null 2>&1
$PSQL -d postgres -c "CREATE ROLE quota_suite_admin LOGIN" >/dev/null
$PSQL -d $db -c "CREATE EXTENSION pgtap" >/dev/null
block="SELECT quota.setup_roles();
SELECT quota.enable_scopes();
GRANT quota_admin TO quota_suite_admin;
INSERT INTO quota.scope SELECT 'quota_suite_admin', pg_catalog.lpad(g::text, 2, '0')::quota.division FROM pg_catalog.generate_series(11, 82) g;
SET SESSION AUTHORIZATION quota_suite_admin;"
owner_on="RESET SESSION AUTHORIZATION;"
owner_off="SET SESSION AUTHORIZATION quota_suite_admin;"
owner_re='TRUNCATE|(UPDATE|DELETE FROM) quota\.(movement|staff_event|correction|staff_correction)([^a-z_]|$)'
skip="roles.sql roles_reference.sql roles_search_path.sql hygiene.sql comments.sql restore.sql verify_corruption.sql"
n=0
for f in test/*.sql; do
	b=$(basename "$f")
	case " $skip " in *" $b "*) continue ;; esac
	B="$block" ON="$owner_on" OFF="$owner_off" RE="$owner_re" awk '
		BEGIN { b = ENVIRON["B"]; on = ENVIRON["ON"]; off = ENVIRON["OFF"]; re = ENVIRON["RE"] }
		function ends(l) { return dollars % 2 == 0 && (l ~ /;[ \t]*(--.*)?$/ || l ~ /\\g[a-z]*( .*)?$/) }
		!entered && /^CREATE EXTENSION (IF NOT EXISTS )?quota;/ { print; print b; entered = 1; next }
		instmt {
			print
			dollars += gsub(/\$\$/, "&")
			if (ends($0)) { instmt = 0; if (owned) print off }
			next
		}
		/^[ \t]*$/ || /^--/ || /^\\/ { print; next }
		{
			owned = entered && ($0 ~ re)
			if (owned) print on
			print
			dollars = gsub(/\$\$/, "&")
			if (ends($0)) { if (owned) print off } else instmt = 1
		}' "$f" > "$work/test/$b"
	n=$((n + 1))
	out=$(pg_prove -v --psql-bin "$(pg_config --bindir)/psql" -d $db "$work/test/$b" 2>&1)
	# the one difference scoping makes by design: a rule's message is
	# withheld from a scoped role (README "Errors leak nothing"), so an
	# assertion on a rule error's message text sees the redacted text with
	# the same SQLSTATE and the rule's name; every other failure counts
	failed=$(printf '%s\n' "$out" | grep -c '^# Failed test [0-9]')
	redacted=$(printf '%s\n' "$out" | awk '/^#  *caught: 23514: the statement breaks rule quota_/ { c = 1; next }
		c && /^#  *wanted: 23514: / { n++ } { c = 0 } END { print n + 0 }')
	if printf '%s\n' "$out" | grep -qE 'Parse errors|Dubious|^Result: NOTESTS'; then
		failed=$((failed + 1))
	fi
	if [ "$failed" -eq "$redacted" ]; then
		echo "ok $n - $f as a scoped quota_admin login"
		[ "$redacted" -gt 0 ] && echo "# $f: $redacted assertion(s) on a rule's message text got the redacted message (the same SQLSTATE, the rule's name instead of its figures)"
	else
		echo "not ok $n - $f as a scoped quota_admin login"
		printf '%s\n' "$out" | grep -vE '^ *ok ' | head -n 40 | sed 's/^/# /'
	fi
done
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
$PSQL -d postgres -c "DROP ROLE IF EXISTS quota_suite_admin" >/dev/null 2>&1
echo "1..$n"
[ -n "${KEEP:-}" ] && echo "# kept $work" || rm -rf "$work"
