#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# run.sh: what `make eval` runs.  The classifier against every labelled set
# of tests/eval/sets.txt that is present: the written sets, the real news
# of ../shared/realnews, and each real corpus the readers in
# tests/eval/corpora/ have written to $SANCTIOND_CORPORA (default:
# ../corpora beside the checkout).  A set with a held-out part is scored
# whole and then on that part alone (-H), the figure that counts.
# EVAL=path/to/eval picks the program (default: build/tests/eval);
# VERBOSE=1 lists every item it got wrong.  TRAINING=1 scores only the
# training part of each set with a held-out part (eval -T), the one whose
# misses may be read when choosing a fix; the articles are skipped.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
: "${SANCTIOND_CORPORA:=$top/../corpora}"
export SANCTIOND_CORPORA
eval_bin=${EVAL:-build/tests/eval}
if [ ! -x "$eval_bin" ]; then
	echo "run.sh: $eval_bin is missing: run make tests first" >&2
	exit 1
fi
flag=
[ "${VERBOSE:-0}" = 1 ] && flag=-v
status=0
grep -v '^#' tests/eval/sets.txt | while read -r name jsonl labels rule; do
	[ -n "$name" ] || continue
	jsonl=$(eval echo "$jsonl")
	case $jsonl in /*) ;; *) jsonl=$top/$jsonl ;; esac
	if [ ! -f "$jsonl" ]; then
		echo "$name: skipped ($jsonl not present)"
		continue
	fi
	set --
	if [ "$labels" != - ]; then
		# Several label files, comma-separated: pooling adds to a set.
		for l in $(echo "$labels" | tr , ' '); do
			case $l in /*) ;; *) l=$top/$l ;; esac
			[ -f "$l" ] && set -- "$@" -l "$l"
		done
	fi
	if [ "${TRAINING:-0}" = 1 ]; then
		case $rule in
		last:*)	"$eval_bin" $flag "$@" -T "${rule#last:}" "$jsonl" ||
			    status=1 ;;
		esac
		continue
	fi
	"$eval_bin" $flag "$@" "$jsonl" || status=1
	case $rule in
	last:*)	"$eval_bin" $flag "$@" -H "${rule#last:}" "$jsonl" ||
		    status=1 ;;
	esac
done
# The article extractor against the real pages with reference texts.
[ "${TRAINING:-0}" = 1 ] || sh tests/eval/articles/run.sh || status=1
exit $status
