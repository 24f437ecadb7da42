#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_slowsub.sh: a subscriber that stops reading does not slow polling:
# ZeroMQ drops its messages, the loop never waits for it.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed a
# A flood: 3000 items of 4 KB, far more than a socket buffer and the
# high-water mark together.
awk -v port="$HPORT" 'BEGIN {
	pad = sprintf("%4000s", ""); gsub(/ /, "x ", pad)
	print "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
	print "<title>flood</title>"
	for (i = 1; i <= 3000; i++)
		printf "<item><guid>f%d</guid><title>Item %d</title>" \
		    "<description>%s</description></item>\n", i, i, pad
	print "</channel></rss>"
}' >"$T/flood.xml"
conf a flood
start_sub "$T/fast.out"
start_sub "$T/slow.out"
SLOW=$SUBPID
kill -STOP "$SLOW"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
mv "$T/flood.xml" "$T/www/flood.xml"
wait_for 30 grep -q "feed flood: 3000 items" "$T/daemon.log.new"
check "the flood was stored" grep -q "feed flood: 3000 items, 3000 new" \
    "$T/daemon.log.new"
feed a n1
wait_for 15 has_ids "$T/fast.out" n1
check "with a stopped subscriber, a new item still reaches the others" \
    has_ids "$T/fast.out" n1
feed a n1 n2
wait_for 15 has_ids "$T/fast.out" n2
check "and polling goes on" has_ids "$T/fast.out" n2
stop_daemon TERM
check "SIGTERM with a stopped subscriber: exit 0" test "$?" = 0
kill -CONT "$SLOW"
finish
