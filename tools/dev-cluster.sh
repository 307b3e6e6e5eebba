#!/bin/sh
# Developer tool (not used by make test or CI): run a command against a
# private, relocated copy of PostgreSQL 15 with this tree's build installed
# into it, so that several working trees can build, install and test at the
# same time without overwriting each other's extension in /usr.
#
#   sh tools/dev-cluster.sh NAME test            # the whole suite, like make test
#   sh tools/dev-cluster.sh NAME regress [T...]  # pg_regress only (optionally some tests)
#   sh tools/dev-cluster.sh NAME isolation [S...]
#   sh tools/dev-cluster.sh NAME tap [test/F.sql...]
#   sh tools/dev-cluster.sh NAME psql [args]     # a psql on a fresh cluster
#   sh tools/dev-cluster.sh NAME run CMD...      # any command with PG* set
#
# NAME picks the copy (/opt/qpg/NAME) and the port.  The cluster lives in
# /tmp/qpg-NAME and is made anew on every call.
set -eu
cd "$(dirname "$0")/.."
name=$1
shift
what=${1:-test}
[ $# -gt 0 ] && shift
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# a landing's test run (tools/land.sh) holds the landing lock: one at a time
if [ "$what" = test ] && [ -z "${QUOTA_LAND_LOCKED:-}" ] &&
	ps -o args= -p "$PPID" 2>/dev/null | grep -q 'land\.sh'; then
	exec 9>/tmp/quota-land.lock
	flock 9
fi
root=/opt/qpg/$name
bin=$root/usr/lib/postgresql/15/bin
if [ ! -x "$bin/postgres" ]; then
	mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql"
	cp -a /usr/lib/postgresql/15 "$root/usr/lib/postgresql/"
	cp -a /usr/share/postgresql/15 "$root/usr/share/postgresql/"
	ln -sfn /usr/include "$root/usr/include"
fi
export PATH="$bin:$PATH" PG_CONFIG="$bin/pg_config"
# warnings are errors here as in CI (a user's build only warns)
make -s all PG_CONFIG="$bin/pg_config" QUOTA_WERROR=1 >/tmp/qpg-$name.build.log 2>&1 || { cat /tmp/qpg-$name.build.log; exit 1; }
make -s install PG_CONFIG="$bin/pg_config" >>/tmp/qpg-$name.build.log 2>&1 || { cat /tmp/qpg-$name.build.log; exit 1; }
make -s src/core/test_codes >/dev/null 2>&1 || true

# a port from the name: 5500-5899
port=$((5500 + $(printf '%s' "$name" | cksum | cut -d' ' -f1) % 400))
data=/tmp/qpg-$name
[ -f "$data/postmaster.pid" ] && su postgres -c "$bin/pg_ctl -D $data/data -m immediate stop" >/dev/null 2>&1 || true
rm -rf "$data"
mkdir -p "$data/sock"
chown -R postgres "$data"
su postgres -c "$bin/initdb -D $data/data --encoding=UTF8 --locale=C.UTF-8 -A trust" >/dev/null
su postgres -c "$bin/pg_ctl -D $data/data -l $data/log -w -o '-p $port -k $data/sock -c fsync=off -c max_connections=40 -c listen_addresses=' start" >/dev/null 9>&-
trap 'su postgres -c "$bin/pg_ctl -D $data/data -m fast stop" >/dev/null 2>&1 || true' EXIT
export PGHOST=$data/sock PGPORT=$port PGUSER=postgres PGDATABASE=postgres
export QUOTA_IN_VENV=1
chmod 777 /tmp/qpg-$name.build.log
case $what in
test)
	QUOTA_COUNTS=$(mktemp)
	export QUOTA_COUNTS
	rc=0
	sh tools/run-tests.sh "$@" || rc=$?
	set -- $(cat "$QUOTA_COUNTS" 2>/dev/null)
	echo "${1:-0} passed, ${2:-1} failed"
	exit $rc
	;;
regress)
	if [ $# -gt 0 ]; then make installcheck PG_CONFIG="$bin/pg_config" ISOLATION= REGRESS="$*"
	else make installcheck PG_CONFIG="$bin/pg_config" ISOLATION=; fi
	;;
isolation)
	if [ $# -gt 0 ]; then make installcheck PG_CONFIG="$bin/pg_config" REGRESS= ISOLATION="$*"
	else make installcheck PG_CONFIG="$bin/pg_config" REGRESS=; fi
	;;
tap)
	psql -X -q -c 'CREATE DATABASE quota_tap' >/dev/null
	[ $# -gt 0 ] || set -- test/*.sql
	pg_prove -v --psql-bin "$bin/psql" -d quota_tap --ext .sql "$@"
	;;
psql)
	psql -X -q -c 'CREATE DATABASE quota_dev' >/dev/null
	psql -X -q -d quota_dev -c 'CREATE EXTENSION quota' >/dev/null
	psql -X -d quota_dev "$@"
	;;
run)
	"$@"
	;;
*)
	echo "unknown: $what" >&2
	exit 2
	;;
esac
