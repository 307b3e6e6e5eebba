#!/bin/sh
# Install, from Debian's archive, whatever quota needs to build and test that
# is not there yet.  Does nothing when everything is installed.
#   postgresql-15 ...-server-dev-15     server, client (pgbench, pg_basebackup), headers
#   postgresql-15-pgtap, libtap-...     pgTAP and pg_prove
#   postgresql-15-cron                  pg_cron (the scheduling test)
#   postgresql-15-plpgsql-check         plpgsql_check (the PL/pgSQL lint)
#   build-essential clang-14 llvm-14    compilers (clang/llvm: PGXS bitcode, make fuzz)
#   python3-psycopg2                    Python DB-API driver: the randomized test (tools/random-ops.py), the dashboards' client test
set -e
pkgs="postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
      postgresql-15-cron postgresql-15-plpgsql-check build-essential clang-14 llvm-14 python3-psycopg2"
need=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
# C.UTF-8, the tests' locale, ships in bookworm's libc-bin (locales-all is not needed)
if [ -n "$need" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "quota: missing packages:$need (run as root or install them)" >&2
		exit 1
	fi
	# install the whole set together so server, client and headers share one minor
	echo "quota: installing" $pkgs
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
exit 0
