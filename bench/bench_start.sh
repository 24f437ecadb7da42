#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_start.sh: the start-up of "sanctionctl parse" on an empty feed,
# with both caches make writes (the compiled lexicon, parsers/data/
# lexicon.hsdb, and the loaded model, parsers/data/model.bin), with the
# lexicon's alone (model.txt parsed at start-up) and with neither (the
# databases compiled too), as ratios against a floor measured in the same
# run: the start of /bin/true, a bare C program.  Medians of BENCH_RUNS
# runs (default 5).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
RUNS=${BENCH_RUNS:-5}
[ -x "$BIN/sanctionctl" ] || { echo "bench_start: $BIN/sanctionctl missing" >&2; exit 1; }
for f in lexicon.hsdb model.bin; do
	[ -f "parsers/data/$f" ] ||
	    { echo "bench_start: parsers/data/$f missing (make)" >&2; exit 1; }
done
T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
mkdir "$T/cached" "$T/parsed" "$T/compiled"
cp parsers/data/*.txt parsers/data/lexicon.hsdb parsers/data/model.bin \
    "$T/cached/"
cp parsers/data/*.txt parsers/data/lexicon.hsdb "$T/parsed/"
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

: >"$T/floor"; : >"$T/cached.t"; : >"$T/parsed.t"; : >"$T/compiled.t"
r=0
while [ "$r" -lt "$RUNS" ]; do
	one /bin/true >>"$T/floor"
	for d in cached parsed compiled; do
		SANCTIOND_DATA="$T/$d" one "$BIN/sanctionctl" parse \
		    "$T/empty.xml" >>"$T/$d.t"
	done
	r=$((r + 1))
done
# The cached run must really have used both caches (no line at all).
if SANCTIOND_DATA="$T/cached" "$BIN/sanctionctl" parse "$T/empty.xml" 2>&1 |
    grep -q 'lexicon: compiled\|model: parsed'; then
	echo "bench_start: the caches were not used" >&2
	exit 1
fi
f=$(median <"$T/floor")
c=$(median <"$T/cached.t")
p=$(median <"$T/parsed.t")
n=$(median <"$T/compiled.t")
printf 'start: sanctionctl parse (empty feed) cached %.3f s, ' "$c"
printf 'model parsed %.3f s, compiled %.3f s, true %.3f s; ' "$p" "$n" "$f"
printf 'ratio cached %.1f, model parsed %.1f, compiled %.1f, ' \
    "$(echo "$c / $f" | bc -l)" "$(echo "$p / $f" | bc -l)" \
    "$(echo "$n / $f" | bc -l)"
printf 'compiled/cached %.1f\n' "$(echo "$n / $c" | bc -l)"
