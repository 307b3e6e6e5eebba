#!/bin/sh
# bench/memwatch.sh PID OUTFILE STOPFILE
#
# Samples the memory of one backend every ~10 ms until STOPFILE appears (or
# the process ends) and writes one line to OUTFILE:
#   peak_anon_kb peak_rss_kb hwm_kb samples
# peak_anon_kb: highest RssAnon seen -- the backend's private memory (memory
#   contexts, hash tables, sort and tuplestore buffers); this is the figure
#   that grows with the size of a COPY if anything is held per row.
# peak_rss_kb: highest VmRSS seen (includes the shared buffers it touched).
# hwm_kb: VmHWM at the end; reset to the current RSS when the watch starts
#   (writing 5 to /proc/PID/clear_refs, possible as root or as the owner).
set -u
pid=$1
out=$2
stop=$3
status=/proc/$pid/status
[ -r "$status" ] || { echo "0 0 0 0" > "$out"; exit 0; }
echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true
peak_anon=0
peak_rss=0
hwm=0
n=0
while [ ! -e "$stop" ] && [ -r "$status" ]; do
	line=$(awk '/^RssAnon:/ {a=$2} /^VmRSS:/ {r=$2} /^VmHWM:/ {h=$2} END {print a+0, r+0, h+0}' "$status" 2>/dev/null)
	set -- $line
	if [ $# -eq 3 ]; then
		[ "$1" -gt "$peak_anon" ] && peak_anon=$1
		[ "$2" -gt "$peak_rss" ] && peak_rss=$2
		hwm=$3
		n=$((n + 1))
	fi
	sleep 0.01
done
echo "$peak_anon $peak_rss $hwm $n" > "$out"
