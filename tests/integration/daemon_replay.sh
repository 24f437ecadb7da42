#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_replay.sh: "sanctionctl sub --since SEQ" gets the stored events
# after SEQ back from the daemon, with the same topic filters, then goes
# live.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed a s1 n1 s2 bg1 n2 s3
conf a
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
wait_for 10 grep -q "feed a: 6 items, 6 new" "$T/daemon.log.new"
check "six items stored" grep -q "feed a: 6 items, 6 new" "$T/daemon.log.new"

# Everything, from the start.
timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/all.out" 2>"$T/all.err"
jq -r 'select(.type == "item") | .item.id' "$T/all.out" >"$T/all.ids"
check "--since 0 replays all six items in order" \
    test "$(tr '\n' ' ' <"$T/all.ids")" = "s1 n1 s2 bg1 n2 s3 " ||
    diag "$T/all.err" "$T/all.out"
s2=$(jq -r 'select(.item.id == "s2") | .seq' "$T/all.out")

# After s2, announcements only; then the background alone.
timeout 3 "$SANCTIONCTL" sub -e "$PUB" -t sanctions. --since "$s2" \
    >"$T/some.out" 2>"$T/some.err"
check "--since SEQ -t sanctions. replays only later announcements" \
    test "$(jq -r '.item.id' "$T/some.out" | tr '\n' ' ')" = "s3 " ||
    diag "$T/some.err" "$T/some.out"
timeout 3 "$SANCTIONCTL" sub -e "$PUB" -t background. --since 0 \
    >"$T/bg.out" 2>"$T/bg.err"
check "--since 0 -t background. replays the sanctions coverage alone" \
    test "$(jq -r '.item.id' "$T/bg.out" | tr '\n' ' ')" = "bg1 " ||
    diag "$T/bg.err" "$T/bg.out"

# Replay, then live: a new item arrives after the replayed ones.
"$SANCTIONCTL" sub -e "$PUB" --since "$s2" >"$T/live.out" 2>"$T/live.err" &
SUBPID=$!
pids="$pids $SUBPID"
wait_for 5 grep -qs '"s3"' "$T/live.out"
feed a s1 n1 s2 bg1 n2 s3 s4
live_has_s4() { grep -qs '"s4"' "$T/live.out"; }
wait_for 10 live_has_s4
check "after the replay the subscriber goes live" \
    test "$(jq -r '.item.id' "$T/live.out" | tr '\n' ' ')" = "bg1 n2 s3 s4 " ||
    diag "$T/live.err" "$T/live.out"

# The replay endpoint's own frames: events in pages of 2, each page ending
# in an empty frame and its end object; a bad request, in an error object.
"$TESTBIN/zsub" -e "$REPLAY" -q '{"since": 0, "limit": 2}' >"$T/raw.out"
"$TESTBIN/zsub" -e "$REPLAY" -q '{"limit": 0}' >"$T/rawerr.out"
check "a page of replay: two events, then its end object" sh -c '
    [ "$(cut -f1 "$1" | tr "\n" " ")" = "sanctions.impose.US news  " ] &&
    tail -n 1 "$1" | cut -f2 | jq -e ".end and .more and .count == 2" \
    >/dev/null' - "$T/raw.out" || diag "$T/raw.out"
check "a bad request: an error object" sh -c '
    cut -f2 "$1" | jq -e ".error | length > 0" >/dev/null' - "$T/rawerr.out"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
check_events "$T/all.out" "$T/some.out" "$T/bg.out" "$T/live.out" \
    "$T/raw.out" "$T/rawerr.out"
finish
