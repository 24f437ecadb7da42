#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_classify.sh: classifier throughput (MB/s of article text per core)
# against a byte-histogram floor over the same text, medians of 5 runs, on
# a news stream (one article in 50 about sanctions).  Target: 200 MB/s.
# Then the dense worst case, where every article is about sanctions, and
# one hostile 1 MiB item against it.  BENCH_O picks the build tree (default build).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
o=${BENCH_O:-build}
if [ ! -x "$o/bench/classify_bench" ]; then
	echo "bench_classify: $o/bench/classify_bench is missing" >&2
	exit 1
fi
"$o/bench/classify_bench" tests/eval/dev.jsonl 5 || status=1
# The dense worst case (every article a sanctions item), for information.
"$o/bench/classify_bench" -d tests/eval/dev.jsonl 3
# One hostile item (issue 9): a 1 MiB field dense with sanctions words must
# cost no more per byte than real sanctions items.
"$o/bench/classify_bench" -x tests/eval/dev.jsonl 5 || status=1
exit ${status:-0}
