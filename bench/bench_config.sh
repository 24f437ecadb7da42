#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_config.sh: "sanctiond -n" on generated configs of 10k and 100k
# feeds, as a ratio against a floor measured in the same run: the same
# file read by inih alone (bench/ini_floor.c), the least -n must do.  A
# quadratic step (a linear search per feed) shows as a ratio that grows
# tenfold from 10k to 100k feeds; linear code keeps the two close.
# Medians of BENCH_RUNS runs (default 3).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
RUNS=${BENCH_RUNS:-3}
for p in "$BIN/sanctiond" "$O/bench/ini_floor"; do
	[ -x "$p" ] || { echo "bench_config: $p missing" >&2; exit 1; }
done
T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

gen() {	# feeds, file
	awk -v n="$1" -v dir="$T" 'BEGIN {
		print "[daemon]"
		print "state = " dir "/state.db"
		print "publish = tcp://127.0.0.1:7750"
		for (i = 0; i < n; i++)
			printf "[feed f%d]\nurl = https://h%d.example.org/" \
			    "news/%d/feed.xml\ninterval = 15m\n", i, i % 997, i
	}' >"$2"
	chmod 600 "$2"
}

for n in 10000 100000; do
	gen "$n" "$T/c.conf"
	: >"$T/floor" && : >"$T/check"
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		"$O/bench/ini_floor" "$T/c.conf" | awk '{ print $1 }' \
		    >>"$T/floor"
		t0=$(now)
		"$BIN/sanctiond" -n -c "$T/c.conf" >/dev/null ||
		    { echo "bench_config: -n failed" >&2; exit 1; }
		t1=$(now)
		echo "$t1 - $t0" | bc -l >>"$T/check"
		r=$((r + 1))
	done
	f=$(median <"$T/floor")
	c=$(median <"$T/check")
	printf 'config %6d feeds: sanctiond -n %.3f s, inih alone %.3f s, ' \
	    "$n" "$c" "$f"
	printf 'ratio %.1f\n' "$(echo "$c / $f" | bc -l)"
done
