#!/bin/sh
# run.sh: what `make eval` runs.  The classifier against the labelled sets:
# dev.jsonl (rules are tuned on it) and holdout.jsonl (figures only).
# EVAL=path/to/eval picks the program (default: build/tests/eval);
# VERBOSE=1 lists every item it got wrong.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
eval_bin=${EVAL:-build/tests/eval}
if [ ! -x "$eval_bin" ]; then
	echo "run.sh: $eval_bin is missing: run make tests first" >&2
	exit 1
fi
flag=
[ "${VERBOSE:-0}" = 1 ] && flag=-v
status=0
for set in dev holdout blind; do
	f=tests/eval/$set.jsonl
	if [ ! -f "$f" ]; then
		echo "$f: missing"
		status=1
		continue
	fi
	"$eval_bin" $flag "$f" || status=1
done
exit $status
