#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_publish.sh: publish-to-subscriber latency on loopback (target: p99
# at most 5 ms), against a floor measured in the same run: a bare ZeroMQ
# PUB/SUB carrying the same bytes.  The measured path is the daemon's:
# store the item in a batch (with its WAL sync), commit, outbox_flush.
#
# BENCH_RUNS runs of each (default 5), alternated, BENCH_EVENTS events a
# run (default 2000) 1 ms apart; the medians of the runs' p50 and p99.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
RUNS=${BENCH_RUNS:-5}
N=${BENCH_EVENTS:-2000}
B=$O/bench/pubbench
[ -x "$B" ] || { echo "bench_publish: $B missing" >&2; exit 1; }
T=$(mktemp -d /tmp/sanctiond-pubbench.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

i=0
while [ $i -lt "$RUNS" ]; do
	"$B" -m floor -n "$N" >>"$T/floor" || exit 1
	"$B" -m full -n "$N" >>"$T/full" || exit 1
	i=$((i + 1))
done
f50=$(cut -d' ' -f1 "$T/floor" | median)
f99=$(cut -d' ' -f2 "$T/floor" | median)
d50=$(cut -d' ' -f1 "$T/full" | median)
d99=$(cut -d' ' -f2 "$T/full" | median)
awk -v f50="$f50" -v f99="$f99" -v d50="$d50" -v d99="$d99" -v n="$N" \
    -v runs="$RUNS" 'BEGIN {
	printf "publish latency, %d events 1 ms apart, median of %d runs\n",
	    n, runs
	printf "  floor (bare PUB/SUB):            p50 %.3f ms  p99 %.3f ms\n",
	    f50, f99
	printf "  store + outbox + PUB:            p50 %.3f ms  p99 %.3f ms\n",
	    d50, d99
	printf "  ratio to floor:                  p50 %.1fx     p99 %.1fx\n",
	    d50 / f50, d99 / f99
	printf "  target p99 <= 5 ms:              %s\n",
	    d99 <= 5 ? "met" : "MISSED"
	exit d99 <= 5 ? 0 : 1
}'
