#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# sub_replay.sh: "sanctionctl sub" prints JSON Lines, replays --since from
# the replay endpoint and then goes live without printing a seq twice, and
# obeys -t prefixes in both.
. "$TOP/tests/lib_sub.sh"

drive_start
drive add 6
drive flush
sub_start all -r "$REP" --since 0
sub_start sanc --since 2 -t sanctions.
wait_lines all 6
wait_lines sanc 2
check "--since 0 replays everything stored" [ "$(seqs all)" = "1 2 3 4 5 6" ]
check "--since 2 -t sanctions.: only later sanctions events" \
    [ "$(seqs sanc)" = "3 5" ]
sub_start us -t sanctions.impose.US
sleep 1		# no --since: it sees only what comes after it subscribed
drive add 6
drive flush
wait_lines all 12
wait_lines sanc 5
wait_lines us 1
check "live after replay, every seq once" [ "$(seqs all)" = "$(upto 1 12)" ]
check "filtered live after replay" [ "$(seqs sanc)" = "3 5 7 9 11" ]
check "-t sanctions.impose.US, live only" [ "$(seqs us)" = "9" ]
check "every line is a JSON object" \
    jqt 'type == "object"' "$WORK/all.out"
check "envelope: v, seq, publisher, type, ts" jqt -s 'all(.v == 1 and
    .type == "item" and (.publisher | length) == 32 and
    (.ts | test("Z$")))' "$WORK/all.out"
check "an item event carries the SPEC item object" jqt -s \
    '.[2].item.id == "pd-3" and .[2].sanctions.action == "impose"' \
    "$WORK/all.out"
drive feed ofac failing
drive flush
wait_lines all 13
check "feed health events arrive" jqt -s '.[12] | .type == "feed" and
    .state == "failing" and .feed.name == "ofac"' "$WORK/all.out"
# A replay endpoint that does not answer: said once, and live goes on.
dead=tcp://127.0.0.1:$("$TESTBIN/freeport")
sub_start dead -r "$dead" --since 0
wait_until 'grep -q "did not answer" "$WORK/dead.err"'
check "a silent replay endpoint is reported, named" \
    grep -q "replay endpoint $dead did not answer" "$WORK/dead.err"
drive add 1
drive flush
wait_lines dead 1
wait_lines all 14
check "and live events still arrive" [ "$(seqs dead)" = 14 ]
check "SIGTERM: exit 0" sub_stop all TERM
check "SIGINT: exit 0" sub_stop sanc INT
check "nothing on stderr" [ ! -s "$WORK/all.err" ]
drive_stop
check "the publisher side ended clean" [ ! -s "$WORK/drive.err" ]
check_events all sanc us dead
done_testing
