#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_start.sh: the start-up of "sanctionctl parse" on an empty feed,
# with the compiled lexicon's cache (parsers/data/lexicon.hsdb, written by
# make) and without it (the databases compiled at start-up), as ratios
# against a floor measured in the same run: the start of /bin/true, a bare
# C program.  Medians of BENCH_RUNS runs (default 5).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
RUNS=${BENCH_RUNS:-5}
[ -x "$BIN/sanctionctl" ] || { echo "bench_start: $BIN/sanctionctl missing" >&2; exit 1; }
[ -f parsers/data/lexicon.hsdb ] ||
    { echo "bench_start: parsers/data/lexicon.hsdb missing (make)" >&2; exit 1; }
T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
mkdir "$T/cached" "$T/compiled"
cp parsers/data/*.txt parsers/data/lexicon.hsdb "$T/cached/"
cp parsers/data/*.txt "$T/compiled/"
printf '<rss version="2.0"><channel><title>empty</title></channel></rss>\n' \
    >"$T/empty.xml"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

# Seconds for one run of the command; the floor's own cost included alike.
one() {
	t0=$(now)
	"$@" >/dev/null 2>&1
	t1=$(now)
	echo "$t1 - $t0" | bc -l
}

: >"$T/floor"; : >"$T/cached.t"; : >"$T/compiled.t"
r=0
while [ "$r" -lt "$RUNS" ]; do
	one /bin/true >>"$T/floor"
	SANCTIOND_DATA="$T/cached" one "$BIN/sanctionctl" parse "$T/empty.xml" \
	    >>"$T/cached.t"
	SANCTIOND_DATA="$T/compiled" one "$BIN/sanctionctl" parse \
	    "$T/empty.xml" >>"$T/compiled.t"
	r=$((r + 1))
done
# The cached run must really have used the cache (no "compiled" line).
if SANCTIOND_DATA="$T/cached" "$BIN/sanctionctl" parse "$T/empty.xml" 2>&1 |
    grep -q 'lexicon: compiled'; then
	echo "bench_start: the cache was not used" >&2
	exit 1
fi
f=$(median <"$T/floor")
c=$(median <"$T/cached.t")
n=$(median <"$T/compiled.t")
printf 'start: sanctionctl parse (empty feed) cached %.3f s, compiled %.3f s, ' \
    "$c" "$n"
printf 'true %.3f s; ratio cached %.1f, compiled %.1f, compiled/cached %.1f\n' \
    "$f" "$(echo "$c / $f" | bc -l)" "$(echo "$n / $f" | bc -l)" \
    "$(echo "$n / $c" | bc -l)"
