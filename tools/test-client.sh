#!/bin/sh
# Dashboards through a real client driver: loads the demo walkthrough into a
# database and runs tools/test-client.py (Python DB-API, Debian's
# python3-psycopg2) against it.  Runs inside the test cluster (PG* set);
# prints TAP lines.
set -u
cd "$(dirname "$0")/.."
PSQL="$(pg_config --bindir)/psql -X -q"
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS quota_client' -c 'CREATE DATABASE quota_client' >/dev/null 2>&1
$PSQL -d quota_client -c 'CREATE EXTENSION quota' >/dev/null
# the walkthrough shows rejected statements on purpose: no ON_ERROR_STOP
$PSQL -d quota_client -f demo/walkthrough.sql >/dev/null 2>&1
# Debian's interpreter, where python3-psycopg2 lives (not a user's pyenv)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import psycopg2' 2>/dev/null; then
	echo "not ok 1 - python3-psycopg2 is installed (tools/deps.sh installs it)"
	exit 1
fi
"$py" tools/test-client.py quota_client
