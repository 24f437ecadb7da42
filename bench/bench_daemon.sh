#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_daemon.sh: one poll cycle of N feeds through "sanctiond --once"
# (issue 14's first two rows).  The feeds are bench/gen_feeds.py's: 30
# items each, one in 40 about sanctions, real news text.
#
#   cold: a fresh state: every feed fetched, parsed, classified, stored and
#         published.  Target: at most 2x the floor.
#   floor: curl --parallel fetching the same URLs from the same server, plus
#         bare libxml2 SAX over the same bytes (bench/fetch_bench sax), plus
#         a bare SQLite insert of as many 1 KB rows as there are items, in
#         one WAL transaction (bench/sqlite_floor).
#   warm: the same feeds again, unchanged: every fetch a 304.  Floor: curl
#         --parallel of the same URLs with If-Modified-Since, all 304.
#         Target: at most 0.1 s.
#
# Medians of BENCH_RUNS runs (default 3); BENCH_FEEDS feeds (default 500:
# the 2000 of the issue take too long on a shared 2-core machine).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
NFEEDS=${BENCH_FEEDS:-500}
RUNS=${BENCH_RUNS:-3}
for p in "$BIN/sanctiond" "$O/tests/httpd" "$O/tests/freeport" \
    "$O/bench/fetch_bench" "$O/bench/sqlite_floor"; do
	[ -x "$p" ] || { echo "bench_daemon: $p missing" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "bench_daemon: no curl" >&2; exit 1; }

T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	# BENCH_KEEP=1 keeps the feeds and the configuration, for perf.
	if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench_daemon: kept $T"
	else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The fetch benchmark's feeds and floor, so that the two compare.
mkdir -p "$T/www"
/usr/bin/python3 bench/gen_feeds.py "$T/www" "$NFEEDS" ||
    { echo "bench_daemon: gen_feeds.py failed" >&2; exit 1; }
bytes=$(cat "$T"/www/*.xml | wc -c | tr -d ' ')
nitems=$(cat "$T"/www/*.xml | grep -o '<item>\|<entry>' | wc -l | tr -d ' ')

# nginx when it is installed (the issue's figures are nginx's), else the
# test server; BENCH_HTTPD=httpd forces the latter.
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ "${BENCH_HTTPD:-nginx}" = nginx ] && [ -x "$NGINX" ]; then
	HPORT=$("$O/tests/freeport")
	mkdir -p "$T/nginx"
	cat >"$T/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $T/nginx/pid;
error_log $T/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $T/nginx;
	proxy_temp_path $T/nginx;
	fastcgi_temp_path $T/nginx;
	uwsgi_temp_path $T/nginx;
	scgi_temp_path $T/nginx;
	keepalive_requests 100000;
	default_type application/rss+xml;
	server {
		listen 127.0.0.1:$HPORT;
		root $T/www;
	}
}
EOF
	"$NGINX" -p "$T/nginx" -c "$T/nginx/nginx.conf" &
	pids="$pids $!"
	server=nginx
	i=0
	while ! curl -s -o /dev/null "http://127.0.0.1:$HPORT/f0.xml" &&
	    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
else
	"$O/tests/httpd" -r "$T/www" -P "$T/port" -l /dev/null &
	pids="$pids $!"
	server=tests/httpd
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	HPORT=$(cat "$T/port")
fi

: >"$T/curl.cfg"
: >"$T/curl304.cfg"
for f in "$T"/www/*.xml; do
	printf 'url = "http://127.0.0.1:%s/%s"\noutput = "/dev/null"\n' \
	    "$HPORT" "$(basename "$f")" >>"$T/curl.cfg"
	# "next" between URLs: else the last time-cond stands for every one.
	[ -s "$T/curl304.cfg" ] && echo next >>"$T/curl304.cfg"
	printf 'url = "http://127.0.0.1:%s/%s"\noutput = "/dev/null"\n' \
	    "$HPORT" "$(basename "$f")" >>"$T/curl304.cfg"
	printf 'time-cond = "%s"\nwrite-out = "%%{http_code}\\n"\n' "$f" \
	    >>"$T/curl304.cfg"
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
		# The generated items link to hosts that do not exist: with a
		# resolver, the flagged short items' article fetches (default
		# "flagged") wait for its answers, 15 s of a 17 s cycle that
		# the floor does not do.  Articles are bench_article's.
		echo "fetch_article = no"
		for f in "$T"/www/*.xml; do
			b=$(basename "$f" .xml)
			printf '[feed %s]\nurl = http://127.0.0.1:%s/%s.xml\ninterval = 1h\n' \
			    "$b" "$HPORT" "$b"
		done
	} >"$T/sanctiond.conf"
	chmod 600 "$T/sanctiond.conf"
}

status=0
: >"$T/floor" ; : >"$T/cold" ; : >"$T/warm" ; : >"$T/floor304"
: >"$T/coldcpu" ; : >"$T/warmcpu" ; : >"$T/lag"
# CPU seconds (user + system) beside the wall clock: on a shared machine
# the wall clock says as much about the neighbours as about us.
if [ -x /usr/bin/time ]; then
	TIME="/usr/bin/time -f %U+%S"
else
	TIME=env
fi
r=1
while [ $r -le "$RUNS" ]; do
	t=$(now)
	curl --parallel --parallel-max 50 -s -K "$T/curl.cfg" 2>/dev/null ||
	    status=1
	fetch=$(elapsed "$t")
	sax=$("$O/bench/fetch_bench" sax "$T"/www/*.xml |
	    awk '$1 == "sax" { print $2 }')
	ins=$("$O/bench/sqlite_floor" "$T/floor.db" "$nitems")
	rm -f "$T"/floor.db*
	awk -v a="$fetch" -v b="$sax" -v c="$ins" 'BEGIN { print a + b + c }' \
	    >>"$T/floor"
	t=$(now)
	curl --parallel --parallel-max 50 -s -K "$T/curl304.cfg" \
	    >"$T/codes" 2>/dev/null || status=1
	elapsed "$t" >>"$T/floor304"
	if grep -qv '^304$' "$T/codes"; then
		echo "bench_daemon: curl's conditional fetch was not all 304:" \
		    $(sort "$T/codes" | uniq -c)
		status=1
	fi

	rm -f "$T"/state.db*
	write_conf "$T/state.db"
	t=$(now)
	$TIME -o "$T/cold.cpu" \
	    "$BIN/sanctiond" -f --once -c "$T/sanctiond.conf" 2>"$T/cold.log" ||
	    { echo "cold run failed:"; tail -n 5 "$T/cold.log"; status=1; }
	elapsed "$t" >>"$T/cold"
	cat "$T/cold.cpu" >>"$T/coldcpu"
	t=$(now)
	$TIME -o "$T/warm.cpu" \
	    "$BIN/sanctiond" -f --once -c "$T/sanctiond.conf" 2>"$T/warm.log" ||
	    { echo "warm run failed:"; tail -n 5 "$T/warm.log"; status=1; }
	elapsed "$t" >>"$T/warm"
	cat "$T/warm.cpu" >>"$T/warmcpu"

	# The same cold burst through the running daemon, for its loop lag
	# (daemon/lag.c's line at exit): the loop must stay responsive.
	rm -f "$T"/state.db*
	sed 's/^log_level = .*/log_level = info/' "$T/sanctiond.conf" \
	    >"$T/burst.conf"
	chmod 600 "$T/burst.conf"
	"$BIN/sanctiond" -f -c "$T/burst.conf" 2>"$T/burst.log" &
	dpid=$!
	i=0
	# Through cat: the daemon may not have made its log yet, and a grep
	# of no file counts nothing, which ended the wait at once.
	while [ "$(cat "$T/burst.log" 2>/dev/null |
	    grep -c ' items, .* new (')" -lt "$NFEEDS" ] &&
	    [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	kill "$dpid"
	wait "$dpid"
	sed -n 's/.*loop lag: .* p99 < \([0-9]*\) ms, max \([0-9.]*\) ms.*/\1 \2/p' \
	    "$T/burst.log" >>"$T/lag"
	r=$((r + 1))
done

floor=$(median <"$T/floor")
cold=$(median <"$T/cold")
warm=$(median <"$T/warm")
f304=$(median <"$T/floor304")
cpu() { awk -F+ 'NF == 2 { print $1 + $2 }' "$1" | median; }
ccpu=$(cpu "$T/coldcpu")
wcpu=$(cpu "$T/warmcpu")
echo "feeds $NFEEDS, $bytes bytes, $nitems items, from $server," \
    "medians of $RUNS runs"
awk -v f="$floor" -v c="$cold" -v w="$warm" -v f3="$f304" -v cc="${ccpu:-0}" \
    -v wc="${wcpu:-0}" 'BEGIN {
	printf "floor (curl --parallel + SAX + SQLite rows)  %.3f s\n", f
	printf "cold --once      %.3f s  = %.2fx floor  (target <= 2x)  %s" \
	    "  (CPU %.2f s)\n", c, c / f, c / f <= 2 ? "ok" : "MISSED", cc
	printf "floor (curl --parallel, all 304)  %.3f s\n", f3
	printf "warm --once (all 304)  %.3f s  = %.2fx floor  (target <= 0.1 s)" \
	    "  %s  (CPU %.2f s)\n", w, w / f3, w <= 0.1 ? "ok" : "MISSED", wc
}'
awk '{ print $1 }' "$T/lag" | median | awk -v m="$(awk '{ print $2 }' "$T/lag" |
    median)" '{ printf "loop lag during the cold burst (daemon, not --once): " \
    "p99 < %d ms, max %.1f ms  (target <= 20 ms)  %s\n", $1, m,
    $1 <= 20 ? "ok" : "MISSED" }'
exit $status
