#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# store_damage.sh: a damaged state file stops sanctiond at start, naming the
# file and what to do; a store that fails under a running daemon is an
# error-level log line naming the feed and SQLite's error, counted in the
# STATUS= it sends systemd (tests/notifyd.c stands in for systemd), and the
# daemon goes on: once the store takes writes again nothing is lost.
. "$TOP/tests/integration/daemon_lib.inc"

# many NAME N: a feed of N items with long links, so the dedup index needs
# many pages.
many() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>$1</title>"
		awk -v n="$2" -v h="$HPORT" 'BEGIN { for (i = 1; i <= n; i++)
		    printf "<item><guid>%s-%d</guid><title>Story %d</title>" \
		    "<link>http://127.0.0.1:%s/articles/2026/03/a-long-" \
		    "path-for-story-%d.html</link></item>\n", "g", i, i, h, i }'
		echo '</channel></rss>'
	} >"$T/www/.$1.tmp"
	mv "$T/www/.$1.tmp" "$T/www/$1.xml"
}

pick_ports
start_httpd
DB=$T/state.db

# 1. Garbage in a few pages of the dedup index.
many big 2000
conf big
"$SANCTIOND" --once -c "$T/sanctiond.conf" >"$T/once.log" 2>&1
check "a first run stores the feed" test "$?" = 0
psize=$(sqlite3 "$DB" 'PRAGMA page_size')
root=$(sqlite3 "$DB" "SELECT rootpage FROM sqlite_master WHERE name = 'item_keys'")
# The index's own pages where the sqlite3 tool can list them, else its root.
pages=$(sqlite3 "$DB" "SELECT pageno FROM dbstat WHERE name = 'item_keys'
    AND pageno != $root ORDER BY pageno LIMIT 3" 2>/dev/null)
for p in $root $pages; do
	dd if=/dev/urandom of="$DB" bs="$psize" seek=$((p - 1)) count=1 \
	    conv=notrunc 2>/dev/null
done
diag_pages="root $root, pages $(echo $pages | tr ' ' ','), $psize bytes each"
timeout 60 "$SANCTIOND" -f -c "$T/sanctiond.conf" >"$T/damaged.log" 2>&1
rc=$?
check "a damaged state file ($diag_pages): sanctiond exits by itself, non-zero" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ]' - "$rc"
check "it never started" sh -c '! grep -q "started" "$1"' - "$T/damaged.log"
check "stderr names the file and what to do" sh -c '
    grep -F "$2" "$1" | grep -q "damaged" &&
    grep -F "$2" "$1" | grep -q "backup" &&
    grep -F "$2" "$1" | grep -q "\.recover"' - "$T/damaged.log" "$DB"
[ "$failed" = 0 ] || diag "$T/damaged.log"

# 2. A store that refuses writes while the daemon runs.
rm -f "$DB" "$DB-wal" "$DB-shm"
feed victim
conf victim
"$TESTBIN/notifyd" "$T/notify" >"$T/notify.out" &
pids="$pids $!"
wait_for 5 test -S "$T/notify"
start_sub "$T/live.out"
# Not -f: as under systemd, with priorities ("<3>" is LOG_ERR).
NOTIFY_SOCKET=$T/notify "$SANCTIOND" -c "$T/sanctiond.conf" \
    >"$T/daemon.log.new" 2>&1 &
DPID=$!
pids="$pids $DPID"
wait_for 10 grep -q "started" "$T/daemon.log.new" ||
    { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
sleep 1		# the subscriber connects; then the first items come
feed victim s1 n1
wait_for 10 has_ids "$T/live.out" s1 n1
check "items are stored and published" has_ids "$T/live.out" s1 n1
sqlite3 "$DB" ".timeout 5000" "CREATE TRIGGER refuse BEFORE INSERT ON items
    BEGIN SELECT RAISE(ABORT, 'injected store failure'); END;"
feed victim s1 n1 s2
said() { grep '^<3>' "$T/daemon.log.new" | grep -F 'feed victim' |
    grep -Fq 'injected store failure'; }
wait_for 10 said
check "an error-level line names the feed and SQLite's error" said
counted() { grep '^STATUS=' "$T/notify.out" | tail -n 1 |
    grep -Eq '; [1-9][0-9]* store errors'; }
wait_for 10 counted
check "STATUS= counts the store errors" counted
check "the daemon keeps running" kill -0 "$DPID"
check "nothing it could not store was published" lacks_ids "$T/live.out" s2
sqlite3 "$DB" ".timeout 5000" "DROP TRIGGER refuse"
wait_for 15 has_ids "$T/live.out" s2
check "once the store takes writes again the item is published" \
    has_ids "$T/live.out" s2
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
[ "$failed" = 0 ] || { dlog | tail -n 15; tail -n 3 "$T/notify.out"; } |
    sed 's/^/# /'
finish
