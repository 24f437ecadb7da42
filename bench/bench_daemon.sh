#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_daemon.sh: one poll cycle of 2000 feeds through "sanctiond --once".
#
#   cold: a fresh state: every feed fetched, parsed, classified, stored and
#         published.  Target: at most 3x the floor.
#   warm: the same feeds again, unchanged: every fetch a 304.  Target: at
#         most 0.2 s.
#   floor: curl --parallel fetching the same URLs from the same server, plus
#         bare libxml2 SAX over the same bytes (bench_fetch.sh's floor:
#         bench/fetch_bench gen and sax).
#
# Medians of BENCH_RUNS runs (default 3); BENCH_FEEDS feeds (default 2000).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
NFEEDS=${BENCH_FEEDS:-2000}
RUNS=${BENCH_RUNS:-3}
for p in "$BIN/sanctiond" "$O/tests/httpd" "$O/tests/freeport" \
    "$O/bench/fetch_bench"; do
	[ -x "$p" ] || { echo "bench_daemon: $p missing" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "bench_daemon: no curl" >&2; exit 1; }

T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The fetch benchmark's feeds and floor, so that the two compare.
mkdir -p "$T/www"
"$O/bench/fetch_bench" gen "$T/www" "$NFEEDS" >/dev/null
bytes=$(cat "$T"/www/*.xml | wc -c | tr -d ' ')

"$O/tests/httpd" -r "$T/www" -P "$T/port" -l /dev/null &
pids="$pids $!"
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
HPORT=$(cat "$T/port")

: >"$T/curl.cfg"
for f in "$T"/www/*.xml; do
	printf 'url = "http://127.0.0.1:%s/%s"\noutput = "/dev/null"\n' \
	    "$HPORT" "$(basename "$f")" >>"$T/curl.cfg"
done

write_conf() {	# state file
	{
		echo "[daemon]"
		echo "state = $1"
		echo "publish = tcp://127.0.0.1:$("$O/tests/freeport")"
		echo "allow_private_addresses = yes"
		echo "host_rate = 100000"
		echo "host_connections = 64"
		echo "log_level = warning"
		for f in "$T"/www/*.xml; do
			b=$(basename "$f" .xml)
			printf '[feed %s]\nurl = http://127.0.0.1:%s/%s.xml\ninterval = 1h\n' \
			    "$b" "$HPORT" "$b"
		done
	} >"$T/sanctiond.conf"
	chmod 600 "$T/sanctiond.conf"
}

status=0
: >"$T/floor" ; : >"$T/cold" ; : >"$T/warm"
r=1
while [ $r -le "$RUNS" ]; do
	t=$(now)
	curl --parallel --parallel-max 50 -s -K "$T/curl.cfg" 2>/dev/null ||
	    status=1
	fetch=$(elapsed "$t")
	sax=$("$O/bench/fetch_bench" sax "$T"/www/*.xml |
	    awk '$1 == "sax" { print $2 }')
	awk -v a="$fetch" -v b="$sax" 'BEGIN { print a + b }' >>"$T/floor"

	rm -f "$T"/state.db*
	write_conf "$T/state.db"
	t=$(now)
	"$BIN/sanctiond" -f --once -c "$T/sanctiond.conf" 2>"$T/cold.log" ||
	    { echo "cold run failed:"; tail -n 5 "$T/cold.log"; status=1; }
	elapsed "$t" >>"$T/cold"
	t=$(now)
	"$BIN/sanctiond" -f --once -c "$T/sanctiond.conf" 2>"$T/warm.log" ||
	    { echo "warm run failed:"; tail -n 5 "$T/warm.log"; status=1; }
	elapsed "$t" >>"$T/warm"
	r=$((r + 1))
done

floor=$(median <"$T/floor")
cold=$(median <"$T/cold")
warm=$(median <"$T/warm")
echo "feeds $NFEEDS, $bytes bytes, medians of $RUNS runs"
awk -v f="$floor" -v c="$cold" -v w="$warm" 'BEGIN {
	printf "floor (curl --parallel + SAX)  %.3f s\n", f
	printf "cold --once                    %.3f s  = %.2fx floor  (target <= 3x)  %s\n",
	    c, c / f, c / f <= 3 ? "ok" : "MISSED"
	printf "warm --once (all 304)          %.3f s  (target <= 0.2 s)  %s\n",
	    w, w <= 0.2 ? "ok" : "MISSED"
}'
exit $status
