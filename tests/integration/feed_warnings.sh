#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# feed_warnings.sh: a feed the parser reads in spite of recoverable errors
# (a bare '&', "&#0;", more items than the item cap) stays ok: its items
# are published, no feed.failing event, it is polled again at its normal
# interval (not backed off), and one warning line names the feed.
. "$TOP/tests/integration/daemon_lib.inc"

# rss NAME BODY...: $T/www/NAME.xml with one item per BODY, titled BODY.
rss() {
	r_name=$1; shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>$r_name</title>"
		r_i=0
		for r_b in "$@"; do
			r_i=$((r_i + 1))
			echo "<item><guid>$r_name-$r_i</guid>"
			echo "<title>$r_b</title></item>"
		done
		echo '</channel></rss>'
	} >"$T/www/$r_name.xml"
}

pick_ports
start_httpd
# The feeds start empty: their items come once the subscriber is surely
# connected (a PUB socket drops what it sends before that).
rss amp
rss nul
rss many
conf amp nul many
start_sub "$T/sub.out"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "sanctiond started"
wait_for 10 grep -q "feed many: 0 items" "$T/daemon.log.new"

rss amp "AT&T fined" "Q & A" "plain"
rss nul "a &#0; here" "plain"
# One item more than the cap (parsers/feed_int.h FEED_MAX_ITEMS).
awk 'BEGIN {
	print "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
	print "<title>many</title>"
	for (i = 1; i <= 20001; i++)
		printf "<item><guid>many-%d</guid><title>t%d</title></item>\n",
		    i, i
	print "</channel></rss>"
}' >"$T/www/.many.tmp"
mv "$T/www/.many.tmp" "$T/www/many.xml"

nitems() { grep -c "\"id\":\"$1-" "$2"; }
wait_for 10 sh -c '[ "$(grep -c "\"id\":\"amp-" "$1")" -ge 3 ]' - \
    "$T/sub.out"
wait_for 10 sh -c '[ "$(grep -c "\"id\":\"nul-" "$1")" -ge 2 ]' - \
    "$T/sub.out"
wait_for 30 grep -q "feed many: 20000 items" "$T/daemon.log.new"
# A burst of 20000 overflows a live subscriber's queue: count them in the
# store, through replay.
timeout 30 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/replay.out" \
    2>"$T/replay.err" &
rpid=$!
pids="$pids $rpid"
wait_for 30 grep -qs '"id":"many-20000"' "$T/replay.out"
sleep 0.5
kill "$rpid" 2>/dev/null
# Interval 1s: a feed kept ok is asked again within a few seconds; a
# failing one backs off for much longer.
polls() { grep -c "	/$1.xml	" "$T/httpd.log"; }
b_amp=$(polls amp) b_nul=$(polls nul) b_many=$(polls many)
sleep 4
check "bare &: its items are published" test "$(nitems amp "$T/sub.out")" = 3
check "bare &: its items are stored" test "$(nitems amp "$T/replay.out")" = 3
check "&#0;: its items are stored" test "$(nitems nul "$T/replay.out")" = 2
check "20001 items: the first 20000 are stored and replayed" \
    test "$(nitems many "$T/replay.out")" = 20000
check "the text around the bare & is kept" \
    grep -q '"title":"Q & A"' "$T/sub.out"
check "no feed.failing event (live)" \
    sh -c '! grep -q "^feed\.failing" "$1"' - "$T/sub.out"
check "no feed.failing event (stored)" \
    sh -c '[ -s "$1" ] && ! grep -q "\"state\":\"failing\"" "$1"' - \
    "$T/replay.out"
for f in amp nul many; do
	eval "before=\$b_$f"
	after=$(polls $f)
	check "$f: polled again at its 1 s interval (requests $before -> $after in 4 s)" \
	    test "$after" -ge $((before + 2))
done
check "a warning line names the bare-& feed" \
    sh -c 'cat "$1" "$1.new" 2>/dev/null |
    grep -q "feed amp: 2 parse errors, first at line 4: EntityRef.*; line "' \
    - "$T/daemon.log"
check "a warning line names the &#0; feed" \
    sh -c 'cat "$1" "$1.new" 2>/dev/null |
    grep -q "feed nul: .*invalid xmlChar value 0"' - "$T/daemon.log"
check "a warning line names the capped feed and the cap" \
    sh -c 'cat "$1" "$1.new" 2>/dev/null | grep -q "feed many: 20000 items \
read, the rest ignored (item cap)"' - "$T/daemon.log"
check "no feed is called failing in the log" \
    sh -c '! { cat "$1" "$1.new" 2>/dev/null | grep -q "failing"; }' - \
    "$T/daemon.log"

stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
check_events "$T/sub.out" "$T/replay.out"
finish
