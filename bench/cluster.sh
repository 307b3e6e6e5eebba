#!/bin/sh
# bench/cluster.sh BINDIR OPTIONS CMD [ARGS...]
#
# The throwaway cluster of bench/run.sh and bench/profile.sh when they are
# pointed at a PostgreSQL other than the system's (BENCH_PGBIN, e.g. the
# private copy of tools/dev-cluster.sh): initdb and pg_ctl of BINDIR make a
# cluster in a temporary directory (as user postgres when run as root), start
# it with fsync=off (as pg_virtualenv does) and OPTIONS (a space-separated
# list of name=value server settings), run CMD with PGHOST, PGPORT, PGUSER
# and PATH pointing at it, then stop and remove it.  `make bench` does not
# use this: it runs pg_virtualenv on the system's PostgreSQL.
set -eu
bindir=$1
opts=$2
shift 2
[ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] || { echo "bench: no initdb/pg_ctl in $bindir" >&2; exit 2; }
dir=$(mktemp -d /tmp/quota-bench-cluster.XXXXXX)
chmod 755 "$dir"
as() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
# a free port above the ones tools/dev-cluster.sh hands out (5500-5899)
port=${BENCH_PORT:-$((6000 + $$ % 1000))}
as "'$bindir/initdb' -D '$dir/data' --encoding=UTF8 --locale=C.UTF-8 -A trust -U postgres" > "$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
o="-p $port -k $dir -c listen_addresses=localhost -c fsync=off"
for s in $opts; do o="$o -c $s"; done
as "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o '$o' start" > /dev/null ||
	{ cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
stop() { as "'$bindir/pg_ctl' -D '$dir/data' -m fast stop" > /dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
trap 'exit 130' INT TERM
export PGHOST=localhost PGPORT=$port PGUSER=postgres PATH="$bindir:$PATH"
unset PGDATABASE
rc=0
"$@" || rc=$?
exit $rc
