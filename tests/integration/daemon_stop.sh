#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_stop.sh: SIGTERM with a fetch in flight that never ends: polling
# stops, the fetch gets its grace period, then the daemon exits 0 anyway.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed a n1
feed slow n2
echo "/slow.xml drip 600" >"$T/script"
# Restart the server with the script (one byte a second for ten minutes).
kill $pids 2>/dev/null
wait 2>/dev/null
pids=""
rm -f "$T/httpd.port"
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" &
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
conf a slow
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
wait_for 10 grep -q "/slow.xml" "$T/httpd.log"
wait_for 10 grep -q "feed a: 1 items" "$T/daemon.log.new"
check "the slow fetch is in flight" grep -q "/slow.xml" "$T/httpd.log"
kill -TERM "$DPID"
# The grace period is 5 s; 15 s is far beyond it.
gone() { ! kill -0 "$DPID" 2>/dev/null; }
wait_for 15 gone
check "the daemon is gone within the grace period and then some" gone
stop_daemon TERM
check "and exited 0" test "$?" = 0
check "it said it abandoned the fetch" \
    grep -q "still running after 5s; abandoning" "$T/daemon.log"
finish
