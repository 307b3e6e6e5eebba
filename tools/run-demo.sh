#!/bin/sh
# make demo: a throwaway UTF8 cluster with quota, the 滨州市 demo data and a
# printed walkthrough of what the extension does.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
if [ -z "${QUOTA_IN_VENV:-}" ]; then
	export QUOTA_IN_VENV=1
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' sh "$0" "$@"
fi
PSQL="$(pg_config --bindir)/psql"
"$PSQL" -X -q -d postgres -c 'CREATE DATABASE quota_demo' >/dev/null
"$PSQL" -X -q -d quota_demo -c 'CREATE EXTENSION quota'
"$PSQL" -X -d quota_demo --echo-queries -f demo/walkthrough.sql 2>&1 | grep -v '^INSERT 0 [0-9]*$\|^SET$\|^UPDATE [0-9]*$\|^CREATE FUNCTION$'
