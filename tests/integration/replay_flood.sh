#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# replay_flood.sh: a client flooding the replay endpoint with topic-filtered
# requests that match nothing, against a big event log, does not hold up
# publishing: a new item still reaches a subscriber within 3 s, and a good
# replay is still answered.  Each such request examines every stored event;
# the daemon must do that in bounded steps between loop turns.
. "$TOP/tests/integration/daemon_lib.inc"

NEVENTS=50000
pick_ports
start_httpd
feed news
conf news
"$TESTBIN/storefill" -s "$T/state.db" -n "$NEVENTS" -b 500 ||
    { nok "storefill"; exit 1; }
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
sleep 1

"$TESTBIN/replaybad" -e "$REPLAY" flood 8 >"$T/flood.out" 2>&1 &
FLOODPID=$!
pids="$pids $FLOODPID"
sleep 2		# the flood is under way

# A generous bound that the old code missed by tens of seconds.
feed news s1
start=$(date +%s)
wait_for 10 has_ids "$T/live.out" s1
took=$(($(date +%s) - start))
check "during the flood a new item is published within 3 s (${took}s)" \
    sh -c 'has() { grep -q "\"s1\"" "$1"; }; has "$1" && [ "$2" -le 3 ]' \
    - "$T/live.out" "$took"
s1=$(grep '"s1"' "$T/live.out" | cut -f2- | jq -r .seq)
check "during the flood a good replay is answered" sh -c '
    timeout 4 "$1" sub -e "$2" --since "$3" 2>/dev/null |
    jq -r "select(.type == \"item\") | .item.id" | grep -qx s1' \
    - "$SANCTIONCTL" "$PUB" "$((s1 - 1))"
wait "$FLOODPID"
check "the flood got answers, and refusals beyond the pending limit" \
    grep -Eq "replies [1-9][0-9]* errors [1-9]" "$T/flood.out" ||
    diag "$T/flood.out"
check "the daemon is still up" kill -0 "$DPID"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
check_events "$T/live.out"
[ "$failed" = 0 ] || dlog | tail -n 15 | sed 's/^/# /'
finish
