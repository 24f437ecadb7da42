#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_fetch: N feeds of about 50 KB served by tests/httpd on 127.0.0.1.
#   cold:  every feed fetched and parsed by the engine + feed parser
#   warm:  the same feeds again, all answered 304
#   floor: a bare libxml2 SAX pass over the same bytes plus
#          curl --parallel (50 at once) fetching them, measured in this run
#   memory: peak RSS of the engine with 10,000 feeds through one cycle
# Targets (2000 feeds): cold <= 3x floor, warm <= 0.2 s, RSS <= 64 MB.
# Medians of RUNS runs (default 3).  N and RUNS come from the environment.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-build}
case "$O" in /*) ;; *) O=$top/$O ;; esac
N=${N:-2000}
RUNS=${RUNS:-3}
MEMFEEDS=${MEMFEEDS:-10000}
fb=$O/bench/fetch_bench
work=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
mkdir "$work/root"
"$fb" gen "$work/root" "$N"
"$O/tests/httpd" -r "$work/root" -P "$work/port" 2>/dev/null &
pid=$!
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
url=http://127.0.0.1:$(cat "$work/port")
i=0
while [ $i -lt "$N" ]; do
	printf 'url = "%s/f%d.xml"\noutput = /dev/null\n' "$url" $i
	i=$((i + 1))
done >"$work/curl.cfg"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
secs() { awk -v k="$1" '$1 == k { print $2 }'; }

ims=$(LC_ALL=C date -u -d '+1 day' '+%a, %d %b %Y %H:%M:%S GMT')
r=0
while [ $r -lt "$RUNS" ]; do
	"$fb" sax "$work"/root/*.xml | secs sax >>"$work/sax"
	"$fb" parse "$work"/root/*.xml | secs parse >>"$work/parse"
	s=$(date +%s.%N)
	curl -s --parallel --parallel-max 50 -K "$work/curl.cfg" 2>/dev/null
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$work/curl"
	# For the warm cycle's context: curl --parallel answered 304 as well.
	s=$(date +%s.%N)
	curl -s --parallel --parallel-max 50 -H "If-Modified-Since: $ims" \
	    -K "$work/curl.cfg" 2>/dev/null
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$work/curl304"
	"$fb" engine "$url" "$N" >"$work/engine.out" || echo "engine run failed"
	secs cold <"$work/engine.out" >>"$work/cold"
	secs warm <"$work/engine.out" >>"$work/warm"
	r=$((r + 1))
done
"$fb" memory "$url" "$MEMFEEDS" "$N" >"$work/mem.out" || echo "memory run failed"

sax=$(median <"$work/sax")
parse=$(median <"$work/parse")
curlt=$(median <"$work/curl")
curl304=$(median <"$work/curl304")
cold=$(median <"$work/cold")
warm=$(median <"$work/warm")
rss=$(secs rss_mb <"$work/mem.out")
awk -v n="$N" -v sax="$sax" -v parse="$parse" -v curlt="$curlt" \
    -v cold="$cold" -v warm="$warm" -v c304="$curl304" -v rss="$rss" -v mf="$MEMFEEDS" 'BEGIN {
	floor = sax + curlt
	printf "fetch: %d feeds, medians of runs\n", n
	printf "  floor: libxml2 SAX %.3f s + curl --parallel %.3f s = %.3f s\n", sax, curlt, floor
	printf "  (our feed parser alone over the same bytes: %.3f s)\n", parse
	printf "  cold cycle  %.3f s  = %.2fx floor   (target <= 3x)   %s\n", cold, cold / floor, cold <= 3 * floor ? "ok" : "MISSED"
	printf "  warm cycle  %.3f s  (all 304)       (target <= 0.2 s) %s\n", warm, warm <= 0.2 ? "ok" : "MISSED"
	printf "  (curl --parallel, every answer a 304: %.3f s)\n", c304
	printf "  memory      %.1f MB RSS at %d feeds (target <= 64 MB) %s\n", rss, mf, rss <= 64 ? "ok" : "MISSED"
}'
