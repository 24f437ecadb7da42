#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# fetch_folded: replies whose first header line is folded (a continuation
# line right after the status line), polled again and again by one daemon
# next to a good feed.  libcurl 7.88 keeps a pointer to the last header of
# a handle's previous transfer and unfolds into it: a handle used twice
# corrupts the heap (curl issue 11101).  The daemon must stay up, keep
# publishing the good feed, and name each folded feed with a reason.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
mkdir -p "$T/www"
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -R "$T/raw.port" 2>"$T/httpd.err" &
HTTPD_PID=$!
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
wait_for 10 test -s "$T/raw.port" || { nok "raw listener started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
RAWPORT=$(cat "$T/raw.port")

body='<?xml version="1.0"?><rss version="2.0"><channel><title>Folded</title><item><guid>folded-1</guid><title>Folded item</title></item></channel></rss>'
FOLDED="fold1 fold2 fold3 fold4"
for f in $FOLDED; do
	printf 'HTTP/1.1 200 OK\r\n\tcontinued: %s\r\nX-Long-Header: %s\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
	    "$(printf 'x%.0s' $(seq 1 200))" "$(printf 'y%.0s' $(seq 1 300))" \
	    "${#body}" "$body" >"$T/www/$f.xml.raw"
done
feed good

{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = yes"
	echo "host_rate = 1000"
	echo "host_connections = 16"
	echo "log_level = debug"
	echo "[feed good]"
	echo "url = http://127.0.0.1:$HPORT/good.xml"
	echo "interval = 1s"
	for f in $FOLDED; do
		printf '[feed %s]\nurl = http://127.0.0.1:%s/%s.xml\n' \
		    "$f" "$RAWPORT" "$f"
		echo "interval = 1s"
	done
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"

alive() { kill -0 "$DPID" 2>/dev/null; }
raw_polls() { grep -c '^raw	' "$T/httpd.log" 2>/dev/null || echo 0; }
many_polls() { test "$(raw_polls)" -ge 12; }

start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started with $(echo $FOLDED | wc -w) folded feeds"
sleep 1.5
feed good g1 g2
wait_for 15 many_polls
check "the folded feeds were polled again and again ($(raw_polls) times)" \
    many_polls
check "the daemon is still up after every poll" alive
wait_for 10 has_ids "$T/live.out" g1 g2
check "the good feed's items arrive" has_ids "$T/live.out" g1 g2
feed good g1 g2 g3
wait_for 10 has_ids "$T/live.out" g3
check "a new item of the good feed arrives after the folded replies" \
    has_ids "$T/live.out" g3
check "the daemon is still up" alive
stop_daemon TERM
rc=$?
check "SIGTERM: exit 0 (no sanitizer report, status $rc)" test "$rc" = 0
check "no sanitizer report in the log" \
    sh -c '! grep -Eq "AddressSanitizer|runtime error|corrupted|double free" "$1"' \
    - "$T/daemon.log"
for f in $FOLDED; do
	check "the log names $f with a reason" \
	    grep -q "feed $f: .*$RAWPORT/$f.xml: malformed response header" \
	    "$T/daemon.log"
done
kill "$HTTPD_PID" 2>/dev/null
wait "$HTTPD_PID" 2>/dev/null
[ "$failed" != 0 ] && diag "$T/daemon.log"
finish
