#!/bin/sh
# Install, from Debian's archive, whatever quota needs to build and test that
# is not there yet.  Does nothing when everything is installed.
set -e
need=""
for p in postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap \
         libtap-parser-sourcehandler-pgtap-perl build-essential clang-14 llvm-14 \
         locales-all; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
# locales-all is only a fallback for C.UTF-8, which bookworm ships in libc-bin.
need=$(echo "$need" | sed 's/ locales-all//')
if [ -n "$need" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "quota: missing packages:$need (run as root or install them)" >&2
		exit 1
	fi
	# install the whole set together so server, client and headers share one minor
	need="postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl build-essential clang-14 llvm-14"
	echo "quota: installing $need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
exit 0
