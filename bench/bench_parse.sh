#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_parse.sh: parsing feeds to items against a bare libxml2 SAX pass over
# the same bytes, in the same run (target: at least half the bare speed).
# About 100 MB of feeds (RSS 2.0 and Atom, HTML summaries, CDATA, entities)
# are generated here and removed afterwards.  BENCH_MB and BENCH_RUNS
# shrink or grow it.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bin=${PARSE_BENCH:-build/bench/parse_bench}
ctl=${SANCTIONCTL:-./sanctionctl}
mb=${BENCH_MB:-100}
runs=${BENCH_RUNS:-5}
if [ ! -x "$bin" ]; then
	echo "not ok - $bin is not built (make bench builds it)"
	exit 1
fi
dir=$(mktemp -d /tmp/bench_parse.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
"$bin" gen "$dir" "$mb" || exit 1
"$bin" run "$runs" "$dir"/*.xml
status=$?
# For the record: the whole command (classification and JSON included).
if [ -x "$ctl" ]; then
	t0=$(date +%s.%N)
	"$ctl" parse "$dir"/*.xml >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" -v mb="$(du -sm "$dir" | cut -f1)" \
	    'BEGIN { printf "sanctionctl parse, end to end (one run): %.1f MB/s\n", mb / (b - a) }'
fi
# Issue 14's row: "sanctionctl parse" of 200 realistic feeds (start-up,
# classification and JSON included) against bare SAX over the same bytes
# (bench/fetch_bench sax), medians of the runs.  Target: at most 3x.
fb=${FETCH_BENCH:-build/bench/fetch_bench}
if [ -x "$ctl" ] && [ -x "$fb" ]; then
	mkdir "$dir/200"
	/usr/bin/python3 bench/gen_feeds.py "$dir/200" 200 || exit 1
	: >"$dir/sax.t"; : >"$dir/ctl.t"
	median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	r=0
	while [ "$r" -lt "$runs" ]; do
		"$fb" sax "$dir"/200/*.xml | awk '$1 == "sax" { print $2 }' \
		    >>"$dir/sax.t"
		t0=$(date +%s.%N)
		"$ctl" parse "$dir"/200/*.xml >/dev/null || status=1
		t1=$(date +%s.%N)
		awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$dir/ctl.t"
		r=$((r + 1))
	done
	awk -v s="$(median <"$dir/sax.t")" -v c="$(median <"$dir/ctl.t")" \
	    -v mb="$(cat "$dir"/200/*.xml | wc -c)" -v runs="$runs" 'BEGIN {
		printf "sanctionctl parse, 200 feeds (%.1f MB), medians of %d: " \
		    "%.3f s; bare SAX %.3f s; %.1fx (target <= 3x)  %s\n",
		    mb / 1e6, runs, c, s, c / s, c / s <= 3 ? "ok" : "MISSED"
	}'
fi
exit $status
