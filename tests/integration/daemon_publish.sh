#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_publish.sh: every new item is published exactly once, an item in
# two feeds once, seq strictly increasing; a restart publishes nothing old
# and seq continues; SIGTERM exits 0.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed a
feed b
conf a b
start_sub "$T/sub.out"
start_sub "$T/alerts.out" sanctions.
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "sanctiond started"
wait_for 10 grep -q "feed b: 0 items" "$T/daemon.log.new"

# Items arrive over several polls; one is in both feeds.
feed a s1 n1
feed b n2 bg1
wait_for 10 has_ids "$T/sub.out" s1 n1 n2 bg1
feed a s1 n1 s3 both
feed b n2 bg1 both n4
wait_for 10 has_ids "$T/sub.out" s3 both n4
sleep 2.5	# more polls: nothing may be published twice
check "seven new items, seven events" test "$(count_ids "$T/sub.out")" = 7 ||
    diag "$T/sub.out"
check "no item published twice" \
    test -z "$(ids "$T/sub.out" | sort | uniq -d)"
check "announcements on sanctions.impose.US" \
    sh -c "grep '\"s1\"' '$T/sub.out' | grep -q '^sanctions\.impose\.US	'"
check "sanctions coverage that is no announcement on background.none.XX" \
    sh -c "grep '\"bg1\"' '$T/sub.out' | grep -q '^background\.none\.XX	'"
check "news items on the news topic" \
    sh -c "grep '\"n1\"' '$T/sub.out' | grep -q '^news	'"
check "a subscriber to sanctions. gets the announcements alone" \
    test "$(ids "$T/alerts.out" | tr '\n' ' ')" = "s1 s3 " ||
    diag "$T/alerts.out"
check "events carry v, seq, publisher, type, ts" \
    sh -c "grep -v '^feed\.' '$T/sub.out' | head -1 | cut -f2- |
    jq -e '.v == 1 and (.seq | type) == \"number\" and
    (.publisher | length) > 0 and .type == \"item\" and
    (.ts | length) > 0' >/dev/null"
seqs "$T/sub.out" | awk '{ print $1 }' >"$T/seq1"
check "seq strictly increasing" \
    sh -c "sort -n -c -u '$T/seq1' 2>/dev/null"
last=$(tail -n 1 "$T/seq1")
pub1=$(grep -v '^feed\.' "$T/sub.out" | head -1 | cut -f2- | jq -r .publisher)

stop_daemon TERM
check "SIGTERM: exit status 0" test "$?" = 0
check "SIGTERM: logged stopping" grep -q "stopping" "$T/daemon.log"

# Restart: nothing old again; a new item gets the next seq.
: >"$T/sub2.out"
start_sub "$T/sub2.out"
start_daemon || nok "sanctiond restarted"
wait_for 10 grep -q "feed b: " "$T/daemon.log.new"
feed a s1 n1 s3 both s5
wait_for 10 has_ids "$T/sub2.out" s5
sleep 1.5
check "after a restart only the new item is published" \
    test "$(ids "$T/sub2.out" | tr '\n' ' ')" = "s5 " ||
    diag "$T/sub2.out"
seq5=$(seqs "$T/sub2.out" | awk '$2 == "s5" { print $1 }')
check "seq continues across the restart ($last -> $seq5)" \
    test "${seq5:-0}" -gt "$last"
pub2=$(grep -v '^feed\.' "$T/sub2.out" | head -1 | cut -f2- | jq -r .publisher)
check "the publisher id is stable across restarts" test "$pub1" = "$pub2"
stop_daemon TERM
check "second SIGTERM: exit status 0" test "$?" = 0
check_events "$T/sub.out" "$T/alerts.out" "$T/sub2.out"
finish
