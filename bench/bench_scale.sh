#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_scale.sh: one machine, BENCH_SCALE_FEEDS configured feeds (default
# 100000) on the loopback test server.  Prints, medians of BENCH_RUNS runs
# (default 3):
#
#   sanctiond -n      the config check (goal <= 2 s)
#   start-up          exec to the "started" line, wall and CPU, with every
#                     feed's state in the store (goal <= 5 s)
#   RSS               VmRSS at start, and VmHWM after 10 s of fetches that
#                     the server holds for 60 s (goal <= 200 MB)
#
# The states come from one cycle run first (every feed fetched once, 200
# then ETag), so start-up reads 100,000 stored states.  Not part of
# bench/run.sh: it needs a minute or two.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
N=${BENCH_SCALE_FEEDS:-100000}
RUNS=${BENCH_RUNS:-3}
for p in "$BIN/sanctiond" "$O/tests/httpd" "$O/tests/freeport"; do
	[ -x "$p" ] || { echo "bench_scale: $p missing" >&2; exit 1; }
done
T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
HPID= DPID=
cleanup() {
	for p in $DPID $HPID; do kill "$p" 2>/dev/null; done
	for p in $DPID $HPID; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }
status() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

mkdir "$T/www"
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>%s\n' \
    '<link>http://x.org/</link><item><guid>1</guid><title>A park</title></item></channel></rss>' \
    >"$T/www/feed.xml"
: >"$T/script"
"$O/tests/httpd" -r "$T/www" -P "$T/port" -s "$T/script" -l /dev/null &
HPID=$!
while [ ! -s "$T/port" ]; do sleep 0.1; done
PPORT=$("$O/tests/freeport")
awk -v n="$N" -v port="$(cat "$T/port")" -v dir="$T" -v pp="$PPORT" 'BEGIN {
	print "[daemon]"
	print "state = " dir "/state.db"
	print "publish = tcp://127.0.0.1:" pp
	print "metrics = no"
	print "allow_private_addresses = yes"
	print "host_rate = 100000"
	print "host_connections = 64"
	for (i = 0; i < n; i++)
		printf "[feed f%d]\nurl = http://127.0.0.1:%d/feed.xml?n=%d\n",
		    i, port, i
}' >"$T/c.conf"
chmod 600 "$T/c.conf"

# start: the daemon in the background, returns once it logged "started".
start() {
	"$BIN/sanctiond" -f -c "$T/c.conf" >"$T/d.log" 2>&1 &
	DPID=$!
	while ! grep -q "started" "$T/d.log"; do
		kill -0 "$DPID" 2>/dev/null || { cat "$T/d.log" >&2; exit 1; }
		sleep 0.01
	done
}
stop() {
	kill "$DPID" 2>/dev/null
	wait "$DPID" 2>/dev/null
	DPID=
}

r=0
: >"$T/n"
while [ "$r" -lt "$RUNS" ]; do
	t0=$(now)
	"$BIN/sanctiond" -n -c "$T/c.conf" >/dev/null ||
	    { echo "bench_scale: -n failed" >&2; exit 1; }
	echo "$(now) - $t0" | bc -l >>"$T/n"
	r=$((r + 1))
done
printf 'scale %d feeds: sanctiond -n %.2f s (goal 2 s)\n' "$N" \
    "$(median <"$T/n")"

# One cycle, so that every feed has a stored state.
start
while [ "$(sqlite3 "$T/state.db" 'SELECT count(*) FROM feeds WHERE
    last_ok > 0' 2>/dev/null || echo 0)" -lt "$N" ]; do
	sleep 1
done
stop

echo "/feed.xml delay 60" >"$T/script"
sqlite3 "$T/state.db" "UPDATE feeds SET next_due = 0"
: >"$T/wall" && : >"$T/cpu" && : >"$T/rss" && : >"$T/hwm"
r=0
while [ "$r" -lt "$RUNS" ]; do
	t0=$(now)
	start
	echo "$(now) - $t0" | bc -l >>"$T/wall"
	awk '{ print ($14 + $15) / 100 }' "/proc/$DPID/stat" >>"$T/cpu"
	status "$DPID" VmRSS >>"$T/rss"
	sleep 10
	status "$DPID" VmHWM >>"$T/hwm"
	stop
	r=$((r + 1))
done
printf 'scale %d feeds: start-up %.2f s wall, %.2f s CPU (goal 5 s); ' "$N" \
    "$(median <"$T/wall")" "$(median <"$T/cpu")"
printf 'RSS %d MB at start, VmHWM %d MB after 10 s (goal 200 MB)\n' \
    "$(($(median <"$T/rss") / 1024))" "$(($(median <"$T/hwm") / 1024))"
