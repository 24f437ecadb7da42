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
exit $status
