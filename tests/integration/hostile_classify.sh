#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# hostile_classify.sh: a feed serves items whose description is 1 MiB of
# text dense with sanctions words and no sentence end (issue 9: 36 s each
# to classify, the event loop blocked, SIGTERM waiting, systemd's watchdog
# killing the daemon over and over on the same feed).  The ordinary
# sanctions item beside them must be published at once, and the daemon
# must stop on SIGTERM while such an item is being classified.  The bounds
# are generous (10 s and more, for ASan); a hang exceeds them.
. "$TOP/tests/integration/daemon_lib.inc"

# One description's worth: 1 MiB of dense sanctions text.
awk 'BEGIN {
	s = "The US imposed sanctions on Russia and the EU froze assets of " \
	    "Rosneft and banned exports to Iran "
	while (length(s) < 1048576)
		s = s s
	print substr(s, 1, 1048576)
}' >"$T/dense.txt"

# hfeed ID...: feed h, "h" IDs hostile, "s" IDs an ordinary sanctions item.
hfeed() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>Hostile text</title>'
		for f_id in "$@"; do
			echo "<item><guid isPermaLink=\"false\">$f_id</guid>"
			case $f_id in
			h*)	echo "<title>Wire copy ($f_id)</title>"
				printf '<description>'
				cat "$T/dense.txt"
				echo '</description>' ;;
			*)	echo "<title>Treasury sanctions 12 entities over" \
				    "Iran oil sales ($f_id)</title>"
				echo "<description>The US Treasury Department's" \
				    "OFAC today imposed sanctions on 12 entities" \
				    "and froze their assets.</description>" ;;
			esac
			echo "</item>"
		done
		echo '</channel></rss>'
	} >"$T/www/.h.tmp"
	mv "$T/www/.h.tmp" "$T/www/h.xml"
}

requests() { grep -c "/h.xml" "$T/httpd.log" 2>/dev/null || echo 0; }
gone() { ! kill -0 "$DPID" 2>/dev/null; }
more_requests() { test "$(requests)" -gt "$1"; }

pick_ports
start_httpd
hfeed
conf h
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "sanctiond started"
# The items come only once the daemon has polled the empty feed, so the
# subscriber is surely connected when they are published.
wait_for 10 more_requests 0
hfeed h1 s2

wait_for 30 has_ids "$T/live.out" s2
check "the ordinary sanctions item after a 1 MiB dense one is published" \
    has_ids "$T/live.out" s2
check "the 1 MiB item is published too" has_ids "$T/live.out" h1
check "the 1 MiB item is classified as about sanctions" \
    test "$(grep -v '^feed\.' "$T/live.out" | cut -f2- |
    jq -r 'select(.item.id == "h1") | .sanctions.relevant')" = true

hfeed h1 s2 h3 h4 s5
wait_for 30 has_ids "$T/live.out" s5
check "two more such items do not hold up the next ordinary one" \
    has_ids "$T/live.out" h3 h4 s5

# SIGTERM as soon as the daemon has fetched yet another two.
r0=$(requests)
hfeed h1 s2 h3 h4 s5 h6 h7
wait_for 10 more_requests "$r0"
check "the daemon fetched the feed with two new hostile items" \
    more_requests "$r0"
kill -TERM "$DPID"
wait_for 10 gone
check "it stops on SIGTERM within 10 s, hostile items in hand" gone
stop_daemon TERM
check "and exits 0" test "$?" = 0
if [ "$failed" != 0 ]; then dlog | diag; fi
finish
