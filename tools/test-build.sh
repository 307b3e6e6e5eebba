#!/bin/sh
# The build's own promises: without the server headers `make` and `make
# install` stop with a message naming the package and exit non-zero; warnings
# are errors only with QUOTA_WERROR=1 (CI), never in a user's build.
# Prints TAP lines.
set -u
cd "$(dirname "$0")/.."
. tools/test-lib.sh
for target in all install; do
	out=$(make -s --no-print-directory PG_CONFIG=/nonexistent/pg_config $target 2>&1)
	rc=$?
	check "$([ $rc -ne 0 ] && echo refused) $(echo "$out" | grep -c 'postgresql-server-dev-15' | sed 's/^[1-9][0-9]*$/named/')" \
		"refused named" "make $target without the server headers exits non-zero and names postgresql-server-dev-15"
done
cflags() {
	if [ -n "$1" ]; then set -- env "QUOTA_WERROR=$1"; else set -- env -u QUOTA_WERROR; fi
	"$@" make -n -B --no-print-directory src/types/uscc.o 2>/dev/null | grep -cE -- '(^| )-Werror( |$)'
}
check "$(cflags '')" "0" "a user's build does not turn warnings into errors"
check "$(cflags 1)" "1" "QUOTA_WERROR=1 (CI) compiles with -Werror"
check "$(grep -c '^export QUOTA_WERROR=1$' .ci/run) $(grep -c '^make test$' .ci/run)" "1 1" ".ci/run sets QUOTA_WERROR=1 and runs exactly make test"
finish
