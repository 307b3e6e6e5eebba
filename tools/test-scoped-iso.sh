#!/bin/sh
# The isolation specs again, with every session a scoped quota_admin: each
# spec's setup (the fixture) still runs as the superuser and first turns
# roles and scopes on (quota.setup_roles(), quota.enable_scopes(), a scope
# over every province for the LOGIN role quota_suite_admin); every session
# starts with SET SESSION AUTHORIZATION quota_suite_admin, so every step --
# the racing statements and the closing audit with quota.verify() -- runs as
# that role, under row-level security.  The outcome of each permutation
# (rows, which step waits, which fails) must be the superuser's: the output
# is compared with expected/ with the text of errors masked, as a scoped
# role gets a rule's name but not its figures.  Not run this way:
# security_scope_revoke, the spec of scopes itself (its sessions take
# roles of their own), and ops_drop_first_rows (a session drops the
# extension, which is the owner's).  Runs inside the test cluster; prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
isolation="$(dirname "$(pg_config --pgxs)")/../test/isolation/pg_isolation_regress"
work=$(mktemp -d)
chmod 755 "$work"
mkdir -p "$work/specs" "$work/expected" "$work/out"
$PSQL -d postgres -c "DROP ROLE IF EXISTS quota_suite_admin" >/dev/null 2>&1
$PSQL -d postgres -c "CREATE ROLE quota_suite_admin LOGIN" >/dev/null
block="	DO \$\$ BEGIN PERFORM quota.setup_roles(); PERFORM quota.enable_scopes(); END \$\$;
	GRANT quota_admin TO quota_suite_admin;
	INSERT INTO quota.scope SELECT 'quota_suite_admin', pg_catalog.lpad(g::text, 2, '0')::quota.division FROM pg_catalog.generate_series(11, 82) g;"
enter="SET SESSION AUTHORIZATION quota_suite_admin;"
skip="security_scope_revoke ops_drop_first_rows"
specs=""
for f in ${SCOPED_SPECS:-specs/*.spec}; do
	s=$(basename "$f" .spec)
	case " $skip " in *" $s "*) continue ;; esac
	specs="$specs $s"
	B="$block" E="$enter" awk '
		BEGIN { b = ENVIRON["B"]; e = ENVIRON["E"] }
		# the fixture: roles and scopes on at its start (its last statement
		# stays last: the tester prints its result)
		!sessions && !done && /^setup/ { insetup = 1 }
		insetup && /^\{/ { print; print b; insetup = 0; done = 1; next }
		# a session: the scoped admin from its start
		/^session / { print; sessions = 1; pending = 1; next }
		pending && /^setup[ \t]*\{.*\}[ \t]*$/ { sub(/\{/, "{ " e); print; pending = 0; next }
		pending { print "setup\t\t\t{ " e " }"; pending = 0 }
		{ print }' "$f" > "$work/specs/$s.spec"
	cp expected/"$s".out "$work/expected/"
	for alt in expected/"$s"_[0-9].out; do [ -f "$alt" ] && cp "$alt" "$work/expected/"; done
done
"$isolation" --inputdir="$work" --outputdir="$work/out" --load-extension=quota --dbname=quota_scoped_iso \
	$specs > "$work/isolation.log" 2>&1
norm() {
	sed -e '/^\(DETAIL\|HINT\|CONTEXT\|QUERY\|LINE [0-9]*\):/d' -e 's/^\(ERROR\):.*$/\1/' \
		-e '/^\(PL\/pgSQL function\|SQL statement\|SQL function\)/d' -e '/^ *\^$/d' "$1"
}
n=0
for s in $specs; do
	n=$((n + 1))
	got="$work/out/results/$s.out"
	if [ ! -f "$got" ]; then
		echo "not ok $n - $s with scoped quota_admin sessions (no results)"
		continue
	fi
	norm "$got" > "$work/$s.got"
	ok=
	for want in "$work/expected/$s".out "$work/expected/$s"_[0-9].out; do
		[ -f "$want" ] || continue
		norm "$want" > "$work/$s.want"
		if diff -u "$work/$s.want" "$work/$s.got" > "$work/$s.diff"; then ok=1; break; fi
	done
	if [ -n "$ok" ]; then
		echo "ok $n - $s with scoped quota_admin sessions"
	else
		echo "not ok $n - $s with scoped quota_admin sessions"
		head -n 40 "$work/$s.diff" | sed 's/^/# /'
	fi
done
$PSQL -d postgres -c "DROP DATABASE IF EXISTS quota_scoped_iso" >/dev/null 2>&1
$PSQL -d postgres -c "DROP ROLE IF EXISTS quota_suite_admin" >/dev/null 2>&1
echo "1..$n"
[ -n "${KEEP:-}" ] && echo "# kept $work" || rm -rf "$work"
