#!/bin/sh
# Developer tool: land the current branch of a worktree on main.
#   sh tools/land.sh NAME
# Takes the landing lock (one landing at a time, so every landing is tested
# on the main it lands on), rebases onto main, runs the whole suite in the
# private cluster NAME (tools/dev-cluster.sh), and moves main to the tested
# commit (git update-ref with the old value: a compare-and-swap).  Stops on
# a rebase conflict (resolve, `git rebase --continue`, run it again) or on a
# failing test (nothing is landed).
set -eu
cd "$(dirname "$0")/.."
name=$1
[ -z "$(git status --porcelain --untracked-files=no)" ] || { echo "land: commit or stash first" >&2; exit 1; }
lock=/tmp/quota-land.lock
exec 9>"$lock"
echo "land: waiting for the landing lock ($(date +%T))"
flock 9
export QUOTA_LAND_LOCKED=1
echo "land: got the lock ($(date +%T))"
while :; do
	base=$(git rev-parse main)
	git rebase -q main || { echo "land: rebase conflict; resolve, git rebase --continue, then rerun" >&2; exit 1; }
	head=$(git rev-parse HEAD)
	if [ "$head" = "$base" ]; then echo "land: nothing to land"; exit 0; fi
	log=/tmp/land-$name.log
	if ! sh tools/dev-cluster.sh "$name" test >"$log" 2>&1; then
		grep -E 'FAILED|failed|not ok' "$log" | head -40
		tail -n 3 "$log"
		echo "land: tests failed (log: $log); nothing landed" >&2
		exit 1
	fi
	tail -n 1 "$log"
	if git update-ref refs/heads/main "$head" "$base" 2>/dev/null; then
		echo "land: main is now $(git log --oneline -1 main)"
		exit 0
	fi
	echo "land: main moved while testing (a landing without the lock); rebasing again"
done
