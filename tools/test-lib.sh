# Shared by the operations tests (tools/test-*.sh), sourced, not run: TAP
# lines, and throwaway extra clusters of the PostgreSQL that `pg_config` on
# PATH names (the system's under make test, a private copy under
# tools/dev-cluster.sh).  Extra clusters listen on a Unix socket in their own
# directory only (no TCP port to collide with), run as the postgres user when
# the test runs as root (postgres refuses root), and are stopped and removed
# when the test exits.
BINDIR=$(pg_config --bindir)
PSQL="$BINDIR/psql -X -q -v ON_ERROR_STOP=1"
n=0
failures=0

# check GOT WANT DESCRIPTION: one TAP line
check() {
	n=$((n + 1))
	if [ -n "$1" ] && [ "$1" = "$2" ]; then
		echo "ok $n - $3"
	else
		failures=$((failures + 1))
		echo "not ok $n - $3 (got '$1', want '$2')"
	fi
}

# as_pg CMD: a shell command as the owner of the extra clusters
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$1"
	else
		sh -c "$1"
	fi
}

# new_dir: a fresh directory the cluster owner can write
new_dir() {
	d=$(mktemp -d /tmp/quota-ops.XXXXXX)
	chmod 755 "$d"
	[ "$(id -u)" = 0 ] && chown postgres "$d"
	echo "$d"
}

QUOTA_CLUSTERS=""
stop_clusters() {
	for d in $QUOTA_CLUSTERS; do
		as_pg "$BINDIR/pg_ctl -D $d/data -m immediate stop" >/dev/null 2>&1
		rm -rf "$d"
	done
}
trap stop_clusters EXIT
trap 'exit 1' INT TERM

# init_cluster DIR: initdb into DIR/data (UTF8, C.UTF-8, trust on the socket)
init_cluster() {
	QUOTA_CLUSTERS="$QUOTA_CLUSTERS $1"
	as_pg "$BINDIR/initdb -D $1/data --encoding=UTF8 --locale=C.UTF-8 -A trust" >"$1/initdb.log" 2>&1
}

# start_cluster DIR PORT [-c name=value ...]: start it on DIR's socket only
start_cluster() {
	dir=$1
	port=$2
	shift 2
	as_pg "$BINDIR/pg_ctl -D $dir/data -l $dir/log -w -t 120 -o '-p $port -k $dir -c listen_addresses= $*' start" >/dev/null 2>&1
}

# on DIR PORT SQL...: psql on that cluster, database quota_ops unless PGDATABASE says
on() {
	dir=$1
	port=$2
	shift 2
	$PSQL -h "$dir" -p "$port" -U postgres -d "${ON_DB:-quota_ops}" "$@"
}

# have_ext NAME: the extension is installed into this PostgreSQL.  A private
# copy (tools/dev-cluster.sh) made before the package was installed lacks it:
# copy its files from the system's PostgreSQL 15.
have_ext() {
	share=$(pg_config --sharedir)/extension
	lib=$(pg_config --pkglibdir)
	if [ ! -f "$share/$1.control" ] && [ -f "/usr/share/postgresql/15/extension/$1.control" ] &&
	   [ "$share" != /usr/share/postgresql/15/extension ]; then
		cp /usr/share/postgresql/15/extension/"$1"[.-]* "$share/" 2>/dev/null
		cp /usr/lib/postgresql/15/lib/"$1".so "$lib/" 2>/dev/null
	fi
	[ -f "$share/$1.control" ] && [ -f "$lib/$1.so" ]
}

# finish: the TAP plan; exit status says whether every check passed
finish() {
	echo "1..$n"
	[ "$failures" -eq 0 ]
}
