#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# retention.sh: [daemon] retention = 3s against the real daemon.  Items that
# left their feeds are pruned (and alert again should they come back), but
# items still in their feeds never alert again however old: one in a feed
# that answers 304 throughout, one in a feed parsed again every second, one
# carried by a second feed after its first dropped it.  Events older than
# the window are pruned; a replay from before them says "truncated" and
# sanctionctl sub warns on stderr.
. "$TOP/tests/integration/daemon_lib.inc"

sj() { "$SANCTIONCTL" status -c "$T/sanctiond.conf" --json >"$T/st.json" \
    2>"$T/st.err" && jq -e "$1" "$T/st.json" >/dev/null; }
# npub FILE ID: how often ID was published.
npub() { ids "$1" | grep -cx "$2"; }

pick_ports
start_httpd
feed a s1 n1		# never changes: 304 throughout
feed b n2 s2 x1		# n2 and s2 leave it; x1 moves to c
feed c x1
feed d k1 r0		# parsed every second: k1 stays, r* come and go
conf a b c d
sed -i '/^\[daemon\]$/a retention = 3s' "$T/sanctiond.conf"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
# From seq 0 and live, each seq once: every event the daemon published.
"$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/sub.out" 2>"$T/sub.err" &
pids="$pids $!"
wait_for 15 has_ids "$T/sub.out" s1 n1 n2 s2 x1 k1 r0
check "every item published once" has_ids "$T/sub.out" s1 n1 n2 s2 x1 k1 r0

feed b x2
# Four windows: d parsed every second, a answering 304.
i=1
while [ $i -le 12 ]; do
	feed d k1 r$i
	sleep 1
	i=$((i + 1))
done
wait_for 10 grep -q "retention 3s: pruned" "$T/daemon.log.new"
check "the pruning is logged" grep -q "retention 3s: pruned" \
    "$T/daemon.log.new"
# Kept: s1 n1 (a), x1 (c), x2 (b), k1 and the r* of the last 3-4 s (d);
# 19 without pruning.
check "items gone from their feeds are pruned" sj '.daemon.items <= 10' ||
    diag "$T/st.json"
check "old events are pruned (status: oldest_seq, pruned_seq)" \
    sj '.daemon.pruned_seq > 0 and .daemon.oldest_seq > .daemon.pruned_seq
    and .daemon.events < .daemon.last_seq' || diag "$T/st.json"

# Every feed parsed again with its old items, and one the store forgot.
feed a s1 n1 n3
feed c x1 n4
feed d k1 r0 r12
wait_for 10 has_ids "$T/sub.out" n3 n4 r0
sleep 1.5	# what would come again comes with them
check "new items after the window are published" has_ids "$T/sub.out" n3 n4
check "an item still in its 304 feed is not published again" sh -c \
    '[ "$1" = 1 ] && [ "$2" = 1 ]' - "$(npub "$T/sub.out" s1)" \
    "$(npub "$T/sub.out" n1)" || diag "$T/sub.out"
check "an item parsed every second is not published again" \
    test "$(npub "$T/sub.out" k1)" = 1
check "an item kept by its second feed is not published again" \
    test "$(npub "$T/sub.out" x1)" = 1
check "an item pruned after it left its feed alerts when it comes back" \
    test "$(npub "$T/sub.out" r0)" = 2

# Replay from before the horizon: what is left, and it says so.
"$TESTBIN/zsub" -e "$REPLAY" -q '{"since": 0}' >"$T/raw.out"
check "replay since 0: the end object says truncated" sh -c '
    tail -n 1 "$1" | cut -f2 | jq -e ".end and .truncated == true and
    .pruned > 0" >/dev/null' - "$T/raw.out" || diag "$T/raw.out"
check "replay since 0: what is left, none of the pruned events" sh -c '
    cut -f2 "$1" | jq -s -e "(.[-1].pruned) as \$p |
    all(.[0:-1][]; .seq > \$p)" >/dev/null && ! grep -q "\"s1\"" "$1"' \
    - "$T/raw.out" || diag "$T/raw.out"
timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/all.out" \
    2>"$T/all.err"
check "sub --since 0 warns on stderr that the replay is truncated" \
    grep -q "past the daemon's retention and were pruned" "$T/all.err" ||
    diag "$T/all.err"
sj . && last=$(jq -r '.daemon.last_seq' "$T/st.json")
"$TESTBIN/zsub" -e "$REPLAY" -q "{\"since\": $last}" >"$T/late.out"
check "replay after the horizon: no truncated" sh -c '
    tail -n 1 "$1" | cut -f2 | jq -e ".end and (has(\"truncated\") | not)" \
    >/dev/null' - "$T/late.out" || diag "$T/late.out"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0

# --once (cron) has no timer: it prunes after its cycle.
feed b x3
sleep 4
"$SANCTIOND" --once -f -c "$T/sanctiond.conf" >"$T/once.log" 2>&1
check "--once prunes what is due after its cycle" \
    grep -q "retention 3s: pruned [1-9][0-9]* items" "$T/once.log" ||
    diag "$T/once.log"
check_events "$T/sub.out" "$T/raw.out" "$T/all.out" "$T/late.out"
finish
