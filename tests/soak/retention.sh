#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# retention.sh: years of items through a short retention, and a state file
# that stays bounded.  retention = 2s stands for 90 days, so a simulated
# year is 8 s; SOAK_SECS (default 64: eight years) of four feeds that each
# gain 50 items a second and keep the newest 200.  Every 4 s it prints the
# state file's size (and its WAL's), the items and events stored and the
# last seq, as TAP comments; the checks: the file in the last quarter is no
# larger than 1.5 times its largest in the first (plus 1 MB), the store
# holds a few windows of items, not all of them, and nothing was published
# twice.  SOAK_RETENTION=0 (keep everything) shows the file growing instead.
. "$TOP/tests/integration/daemon_lib.inc"

SECS=${SOAK_SECS:-64}
FEEDS="f1 f2 f3 f4"
PER_SEC=50
WINDOW=200
TEST_TIMEOUT_SCALE=${TEST_TIMEOUT_SCALE:-3}

# grow NAME FIRST LAST: NAME.xml holds items FIRST..LAST.
grow() {
	awk -v f="$1" -v a="$2" -v b="$3" -v p="$HPORT" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<rss version=\"2.0\"><channel><title>" f "</title>"
		print "<link>http://127.0.0.1:" p "/</link>"
		for (i = a; i <= b; i++) {
			print "<item><guid isPermaLink=\"false\">" f "-" i "</guid>"
			print "<link>http://127.0.0.1:" p "/" f "/" i "</link>"
			if (i % 40 == 0)
				print "<title>Treasury sanctions 12 entities over Iran oil (" f " " i ")</title><description>OFAC imposed sanctions on 12 entities and froze their assets.</description>"
			else
				print "<title>City council approves new park " f " " i "</title><description>The park opens in spring, says the council, after a vote of " i " to 3.</description>"
			print "</item>"
		}
		print "</channel></rss>"
	}' >"$T/www/.$1.tmp"
	mv "$T/www/.$1.tmp" "$T/www/$1.xml"
}

size() { stat -c %s "$1" 2>/dev/null || echo 0; }
sj() { "$SANCTIONCTL" status -c "$T/sanctiond.conf" --json 2>/dev/null |
    jq -r "$1"; }

pick_ports
start_httpd
for f in $FEEDS; do
	grow "$f" 1 1
done
conf $FEEDS
sed -i "/^\[daemon\]$/a retention = ${SOAK_RETENTION:-2s}" "$T/sanctiond.conf"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
"$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/sub.out" 2>"$T/sub.err" &
pids="$pids $!"

start=$(date +%s)
last=1
: >"$T/sizes"
while :; do
	now=$(date +%s)
	el=$((now - start))
	[ "$el" -ge "$SECS" ] && break
	top=$((1 + (el + 1) * PER_SEC))
	if [ "$top" -gt "$last" ]; then
		low=$((top - WINDOW + 1))
		[ "$low" -lt 1 ] && low=1
		for f in $FEEDS; do
			grow "$f" "$low" "$top"
		done
		last=$top
	fi
	if [ $((el % 4)) = 0 ] && ! grep -q "^$el " "$T/sizes"; then
		line="$el $(size "$T/state.db") $(size "$T/state.db-wal")"
		line="$line $(sj '"\(.daemon.items) \(.daemon.events) \(.daemon.last_seq)"')"
		echo "$line" >>"$T/sizes"
		set -- $line
		printf '# t=%3ss (%s simulated days) state.db %7s bytes, wal %7s,' \
		    "$1" "$(($1 * 45))" "$2" "$3"
		printf ' items %s, events %s, last seq %s\n' "$4" "$5" "$6"
	fi
	sleep 0.2
done

check "the daemon kept up: thousands of items went through" \
    test "$(awk 'END { print $6 }' "$T/sizes")" -gt 2000
check "the state file stays bounded (last quarter <= 1.5 x first + 1 MB)" \
    awk -v n="$(wc -l <"$T/sizes")" '
    NR <= n / 4 && $2 > first { first = $2 }
    NR > 3 * n / 4 && $2 > late { late = $2 }
    END { exit !(late <= 1.5 * first + 1048576) }' "$T/sizes"
check "the store holds a few windows of items, not all that went through" \
    awk 'END { exit !($4 < 4 * 4 * 200 && $4 < $6 / 4) }' "$T/sizes"
dup=$(jq -r 'select(.type == "item") | .item.id' "$T/sub.out" | sort |
    uniq -d | wc -l)
check "no item published twice (items stay in their feeds 4 s, twice the window)" \
    test "$dup" = 0
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
finish
