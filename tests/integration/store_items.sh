#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# store_items.sh: what the store publishes, with the real daemon and test
# server.  GUIDs are per feed (another feed's GUIDs 1, 2, 3 are other
# stories; two GUIDs of one document are two items even with one link and
# title); an item rewritten under its GUID into a sanctions designation is
# published again as revision 2, with a new seq, on a sanctions topic, and
# a rewrite that changes nothing it is classified by is not; replay returns
# the bytes published, also after the item turns up in a second feed; a new
# feed's first feed.failing names its URL.
. "$TOP/tests/integration/daemon_lib.inc"

# rss NAME "GUID|TITLE|LINK PATH|TEXT" ...: write $T/www/NAME.xml atomically.
rss() {
	r_name=$1; shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>Feed $r_name</title>"
		echo "<link>http://127.0.0.1:$HPORT/</link>"
		for r_it in "$@"; do
			echo "$r_it" | awk -F'|' -v h="$HPORT" '{
			    printf "<item><guid isPermaLink=\"false\">%s</guid>", $1
			    printf "<title>%s</title>", $2
			    printf "<link>http://127.0.0.1:%s/%s</link>", h, $3
			    printf "<description>%s</description>", $4
			    if ($5 != "") printf "<pubDate>%s</pubDate>", $5
			    print "</item>" }'
		done
		echo '</channel></rss>'
	} >"$T/www/.$r_name.tmp"
	mv "$T/www/.$r_name.tmp" "$T/www/$r_name.xml"
}

# items FILE FEED: "id title" of every item event the feed published.
items() {
	cut -f2- "$1" | jq -r --arg f "$2" \
	    'select(.type == "item" and .feeds[0] == $f) |
	    "\(.item.id) \(.item.title)"'
}
nitems() { items "$1" "$2" | wc -l | tr -d ' '; }
# polled FEED N: the daemon has parsed FEED at least N times.
polled() { [ "$(dlog | grep -c "feed $1: [0-9]* items")" -ge "$2" ]; }

PRESS='r1|Press release|rw/1|The ministry published its annual report on trade.'
OFAC='r1|Treasury sanctions 12 entities over Iran oil sales|rw/1|The US Treasury Department'"'"'s OFAC today imposed sanctions on 12 entities and froze their assets.'

pick_ports
start_httpd
for f in one two dup rw three; do rss $f; done
conf one two dup rw three
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
sleep 1		# the subscriber connects; then the first items come
rss one '1|Ministry opens a new bridge|one/1|Story one.' \
    '2|Harvest festival starts|one/2|Story two.' \
    '3|Museum reopens|one/3|Story three.'
rss two '1|Football club wins the cup|two/1|Other one.' \
    '2|Rail strike ends|two/2|Other two.' \
    '3|New library opens|two/3|Other three.'
rss dup 'd1|Council notices|dup/x|First notice.' \
    'd2|Council notices|dup/x|Second notice.'
rss rw "$PRESS"

six() { [ "$(nitems "$T/live.out" one)" = 3 ] &&
    [ "$(nitems "$T/live.out" two)" = 3 ]; }
wait_for 15 six
check "two feeds sharing GUIDs 1, 2, 3 with other stories: all six published" six
both() { [ "$(nitems "$T/live.out" dup)" = 2 ]; }
wait_for 10 both
check "one document, two GUIDs, same link and title: both published" both

# A feed added by a reload, whose first fetch fails.
conf one two dup rw three missing
kill -HUP "$DPID"
failing() { grep -q '^feed\.failing' "$T/live.out"; }
wait_for 10 failing
check "a new feed's first feed.failing carries feed.url" sh -c '
    grep "^feed\.failing" "$1" | head -n 1 | cut -f2- |
    jq -e ".feed.name == \"missing\" and
    (.feed.url | endswith(\"/missing.xml\"))" >/dev/null' - "$T/live.out"

# The press release is rewritten under its GUID into a designation.
wait_for 10 sh -c 'cut -f2- "$1" | grep -q "\"id\":\"r1\""' - "$T/live.out"
first=$(cut -f2- "$T/live.out" | jq -r 'select(.item.id == "r1") | .seq' |
    head -n 1)
rss rw "$OFAC"
revised() { grep -q '"revision":2' "$T/live.out"; }
wait_for 15 revised
check "rewritten into a designation: published again with revision 2" revised
check "the revision has the same item.id and a new seq" sh -c '
    grep -q "\"revision\":2" "$1" && grep "\"revision\":2" "$1" | cut -f2- |
    jq -e --argjson f "$2" ".item.id == \"r1\" and .seq > \$f" >/dev/null
    ' - "$T/live.out" "$first"
check "the revision is on a sanctions topic" sh -c '
    grep "\"revision\":2" "$1" | cut -f1 | grep -q "^sanctions\.impose\."
    ' - "$T/live.out"

# Rewritten again: white space and a date only.
np=$(dlog | grep -c "feed rw: [0-9]* items")
rss rw "$(echo "$OFAC" | sed 's/12 entities and/12  entities   and/')|Tue, 03 Mar 2026 09:00:00 GMT"
wait_for 10 polled rw $((np + 2))
check "rewritten without a change of classification: not published again" \
    test "$(nitems "$T/live.out" rw)" = 2

# The same story as one's first item turns up in a third feed.
rss three 'other-1|Ministry opens a new bridge|one/1|Story one.'
np=$(dlog | grep -c "feed three: [0-9]* items")
wait_for 10 polled three $((np + 2))
check "the same story in another feed is not published again" \
    test "$(nitems "$T/live.out" three)" = 0
check "the live subscriber saw no gap" sh -c '
    cut -f2- "$1" | jq -r .seq | awk "\$1 != NR { bad = 1 } END { exit bad }"
    ' - "$T/live.out"

# Replay everything: the very bytes that were published.
timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/replay.out" 2>/dev/null
cut -f2- "$T/live.out" | sort >"$T/live.sorted"
sort "$T/replay.out" >"$T/replay.sorted"
check "replay --since 0 returns exactly the published JSON frames" \
    cmp -s "$T/live.sorted" "$T/replay.sorted"
cmp -s "$T/live.sorted" "$T/replay.sorted" ||
    diff "$T/live.sorted" "$T/replay.sorted" | cut -c 1-300 | head -n 6 |
    sed 's/^/# /'
check "each replayed event once" test -z "$(jq -r .seq "$T/replay.out" |
    sort | uniq -d)"

stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
check_events "$T/live.out" "$T/replay.out"
[ "$failed" = 0 ] || dlog | tail -n 20 | sed 's/^/# /'
finish
