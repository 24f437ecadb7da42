#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# crash_consistency.sh: issue 6's crash property in full.  While a feed
# keeps growing (a writer adds an item every 0.1 s), sanctiond is killed
# with SIGKILL at 20 random moments and restarted after each.  A subscriber
# running throughout plus a final "sanctionctl sub --since 0" replay must
# hold every item, each under exactly one seq, and no seq may name two
# items.  It needs a minute or two (each start loads the classifier), so it
# runs in "make soak"; daemon_crash.sh in make check does six rounds with
# the feed rewritten between them, while here the writes race the kills.
. "$TOP/tests/integration/daemon_lib.inc"

KILLS=${CRASH_KILLS:-20}
# Sanitizer builds on a busy machine start slowly: stretch every wait.
TEST_TIMEOUT_SCALE=${TEST_TIMEOUT_SCALE:-3}
pick_ports
start_httpd
feed grow
conf grow

# The writer: one more item every 0.1 s until told to stop; it records the
# ids of the last version it wrote.  Items are appended to a body file, so
# a write costs the same at item 500 as at item 1.
item_xml() {
	echo "<item><guid isPermaLink=\"false\">$1</guid>"
	echo "<title>Treasury sanctions 12 entities ($1)</title>"
	echo "<description>OFAC imposed sanctions on 12 entities.</description>"
	echo "</item>"
}
writer() {
	w_i=1
	: >"$T/items"
	while [ ! -e "$T/stop" ]; do
		item_xml "i$w_i" >>"$T/items"
		{
			echo '<?xml version="1.0" encoding="UTF-8"?>'
			echo '<rss version="2.0"><channel><title>grow</title>'
			cat "$T/items"
			echo '</channel></rss>'
		} >"$T/www/.grow.tmp"
		mv "$T/www/.grow.tmp" "$T/www/grow.xml"
		echo "$w_i" >"$T/written"
		w_i=$((w_i + 1))
		sleep 0.1
	done
}
writer &
WPID=$!
pids="$pids $WPID"

start_sub "$T/live.out"
"$SANCTIONCTL" sub -e "$PUB" --wait >"$T/ctl.out" 2>"$T/ctl.err" &
pids="$pids $!"
sleep 0.3

delays=$(awk -v n="$KILLS" 'BEGIN { srand(); for (i = 0; i < n; i++)
    printf "%.2f ", 0.1 + rand() * 0.8 }')
round=0
for d in $delays; do
	if ! start_daemon; then
		nok "sanctiond started (round $round)"
		stop_daemon KILL
		break
	fi
	sleep "$d"
	stop_daemon KILL
	round=$((round + 1))
done
check "$round rounds of kill -9 at random moments while the feed grew" \
    test "$round" = "$KILLS"

# Stop the writer, then a clean run to the end.
touch "$T/stop"
wait "$WPID"
all=$(seq 1 "$(cat "$T/written")" | sed 's/^/i/' | sort)
nall=$(echo "$all" | wc -l | tr -d ' ')
start_daemon || nok "sanctiond restarted after the crashes"
replay() {
	timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/replay.out" \
	    2>"$T/replay.err"
	jq -r 'select(.type == "item") | "\(.seq) \(.item.id)"' \
	    "$T/replay.out" 2>/dev/null | sort -k2 >"$T/replay.seqs"
}
got_all() {
	replay
	[ "$(cut -d' ' -f2 "$T/replay.seqs" | sort -u | wc -l)" -ge "$nall" ]
}
wait_for 30 got_all
check "the replay holds every item written ($nall)" \
    test "$(cut -d' ' -f2 "$T/replay.seqs" | sort -u)" = "$all" ||
    diag "$T/replay.err"
check "the replay holds each item once" \
    test -z "$(cut -d' ' -f2 "$T/replay.seqs" | uniq -d)"
check "no seq in the replay names two items" \
    test -z "$(cut -d' ' -f1 "$T/replay.seqs" | sort | uniq -d)"
# Seqs of all events (feed health too) are strictly increasing in the store.
check "the replay's seqs strictly increase" \
    sh -c 'jq -r .seq "$1" | awk "NR > 1 && \$1 <= p { bad = 1 } { p = \$1 }
    END { exit bad }"' - "$T/replay.out"

# What the live subscribers saw: repeats after a crash are allowed, but
# only under the stored seq.
seqs "$T/live.out" | sort -u | sort -k2 >"$T/live.seqs"
jq -r 'select(.type == "item") | "\(.seq) \(.item.id)"' "$T/ctl.out" |
    sort -u | sort -k2 >"$T/ctl.seqs"
for s in live ctl; do
	check "$s subscriber: no item under two seqs" \
	    test -z "$(cut -d' ' -f2 "$T/$s.seqs" | uniq -d)"
	check "$s subscriber: no seq for two items" \
	    test -z "$(cut -d' ' -f1 "$T/$s.seqs" | sort | uniq -d)"
	check "$s subscriber: every seq it saw is the stored one" \
	    test -z "$(join -1 2 -2 2 "$T/$s.seqs" "$T/replay.seqs" |
	    awk '$2 != $3')"
done
# Live plus replay together hold everything: the replay is the store, and
# the live subscriber saw nothing the store lacks.
cut -d' ' -f2 "$T/replay.seqs" | sort -u >"$T/replay.ids"
check "the live subscriber saw nothing the store lacks" \
    test -z "$(cut -d' ' -f2 "$T/live.seqs" | sort -u |
    comm -23 - "$T/replay.ids")"
stop_daemon TERM
check "SIGTERM after the crashes: exit 0" test "$?" = 0
finish
