#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_json.sh: an item event's JSON built as a jansson tree and dumped
# against written directly (daemon/json.c jw_*), over the items of 100
# realistic feeds (bench/gen_feeds.py), medians of BENCH_RUNS runs
# (default 5).  The floor is jansson's own dump of the same events.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
[ -x "$O/bench/json_bench" ] || { echo "bench_json: $O/bench/json_bench missing" >&2; exit 1; }
T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
/usr/bin/python3 bench/gen_feeds.py "$T" 100 || exit 1
"$O/bench/json_bench" "${BENCH_RUNS:-5}" "$T"/*.xml
