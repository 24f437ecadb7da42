#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# status.sh: sanctionctl status against the real daemon: the control socket
# (STATE.ctl, mode 0600, removed at exit, replaced after a crash), every
# field of --json, the table, the three --check exit codes (all ok; a feed
# failing with a 500; no daemon, or one that does not answer: 2 within
# 5 s), and misbehaving control clients that never block publishing.
. "$TOP/tests/integration/daemon_lib.inc"

CTL="$T/state.db.ctl"
st() { "$SANCTIONCTL" status -c "$T/sanctiond.conf" "$@"; }
sj() { st --json >"$T/st.json" 2>"$T/st.err" && jq -e "$1" "$T/st.json" \
    >/dev/null; }
ms() { date +%s%3N; }

pick_ports
mkdir -p "$T/www"
: >"$T/script"
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" &
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
feed a n1
feed b n2
conf a b
start_sub "$T/sub.out"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "sanctiond started"

check "control socket made next to the state" test -S "$CTL"
check "control socket mode 0600" test "$(stat -c %a "$CTL")" = 600
wait_for 10 sj '[.feeds[].health] == ["ok", "ok"]'
check "status --json: both feeds ok" sj '[.feeds[].health] == ["ok","ok"]' ||
    { diag "$T/st.json" "$T/st.err"; }

version=$("$SANCTIONCTL" -V | cut -d' ' -f2)
check "daemon: version" sj ".daemon.version == \"$version\""
check "daemon: pid" sj ".daemon.pid == $DPID"
check "daemon: started, uptime" \
    sj '(.daemon.started | test("^20[0-9-]+T[0-9:]+Z$")) and
    (.daemon.uptime | type == "number" and . >= 0)'
check "daemon: last seq, events and items stored" \
    sj '.daemon.last_seq >= 2 and .daemon.events >= 2 and .daemon.items == 2'
check "daemon: publisher, endpoints, state, store errors" \
    sj "(.daemon.publisher | length == 32) and .daemon.publish == \"$PUB\"
    and .daemon.replay == \"$REPLAY\" and .daemon.state == \"$T/state.db\"
    and .daemon.store_errors == 0"
check "feeds: name and URL" \
    sj "[.feeds[] | [.name, .url]] == [[\"a\", \"http://127.0.0.1:$HPORT/a.xml\"],
    [\"b\", \"http://127.0.0.1:$HPORT/b.xml\"]]"
check "feed: last fetch and last success" \
    sj '.feeds[0] | (.last_fetch | test("Z$")) and
    (.last_success | test("Z$"))'
check "feed: no last error yet" sj '.feeds[0].last_error == null'
check "feed: next poll time and why (interval)" \
    sj '.feeds[0].next_poll | (.time | test("Z$")) and .reason == "interval"'
check "feed: interval, failures" \
    sj '.feeds[0].interval == 1 and .feeds[0].failures == 0'
check "feed: items seen" sj '[.feeds[].items_seen] == [1, 1]'
check "feed: staleness fields" \
    sj '.feeds[0] | (.last_new_items | test("Z$")) and .usual_gap == null and
    .stale_after == 86400'
st --check >"$T/check.out" 2>&1
check "status --check: every feed ok: exit 0" test $? = 0
check "status --check: prints nothing on success" test ! -s "$T/check.out"
st >"$T/table.out" 2>&1
check "status: a table with a line per feed" \
    sh -c "grep -q '^FEED  *HEALTH' '$T/table.out' &&
    grep -q '^a  *ok ' '$T/table.out' && grep -q '^b  *ok ' '$T/table.out'" ||
    diag "$T/table.out"

# One feed failing: a 500.
echo "/b.xml status 500" >"$T/script"
wait_for 15 sj '.feeds[1].health == "failing"'
st --check >"$T/check.out" 2>"$T/check.err"
check "status --check: a feed failing: exit 1" test $? = 1
check "status --check: names the failing feed" \
    grep -q 'feed b is failing' "$T/check.err"
check "failing feed: last error time and reason" \
    sj '.feeds[1].last_error | (.time | test("Z$")) and
    (.reason | test("b.xml: HTTP status 500"))' || diag "$T/st.json"
check "failing feed: next poll by backoff" \
    sj '.feeds[1].next_poll.reason == "backoff" and .feeds[1].failures >= 1'
check "feed.failing published" grep -q '^feed\.failing' "$T/sub.out"
: >"$T/script"
wait_for 20 sj '.feeds[1].health == "ok"'
check "the feed recovers: ok, its last error kept" \
    sj '.feeds[1].health == "ok" and .feeds[1].last_error != null'

# Misbehaving clients: silent, flooding, never reading.  None may hold up
# the loop: a new item is still published and status still answers.
"$TESTBIN/ctlclient" "$CTL" silent 30 >"$T/silent.out" 2>&1 &
pids="$pids $!"
"$TESTBIN/ctlclient" "$CTL" garbage 100000 30 >"$T/garbage.out" 2>&1 &
pids="$pids $!"
"$TESTBIN/ctlclient" "$CTL" noread 30 >/dev/null 2>&1 &
NOREAD=$!
pids="$pids $NOREAD"
sleep 0.5
t0=$(ms)
feed a n1 n3
wait_for 10 has_ids "$T/sub.out" n3
check "bad control clients: a new item is still published" \
    has_ids "$T/sub.out" n3
check "bad control clients: status still answers" sj '.daemon.pid > 0'
wait_for 10 grep -q closed "$T/garbage.out"
check "a client sending no request line is dropped" \
    grep -q closed "$T/garbage.out"
wait_for 15 grep -q closed "$T/silent.out"
check "a silent client is dropped after its timeout" \
    grep -q closed "$T/silent.out"
check "the drops are logged, naming the client" \
    sh -c "dlog() { cat '$T/daemon.log.new'; }; dlog | grep -q \
    'client pid [0-9]*: request longer than 256 bytes; dropped' &&
    dlog | grep -q 'client pid [0-9]*: no request in 5s; dropped'"
"$TESTBIN/ctlclient" "$CTL" send "hello?" >"$T/unknown.out" 2>&1
check "an unknown request gets an error reply" \
    sh -c "jq -e '.error == \"unknown request\"' '$T/unknown.out' >/dev/null"
kill "$NOREAD" 2>/dev/null

# A daemon that does not answer (stopped): 2, not a hang.  sanctionctl's
# own deadline is 4 s (CTL_DEADLINE_MS); the bound is a hang catcher with
# room for an ASan start on a loaded machine (5 s failed once by 40 ms).
kill -STOP "$DPID"
t0=$(ms)
st --check >"$T/check.out" 2>"$T/check.err"
rc=$?
t1=$(ms)
kill -CONT "$DPID"
check "status --check: daemon not answering: exit 2" test "$rc" = 2
check "status --check: gives up, no hang ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -lt 10000
check "status --check: one line naming the socket and the reason" \
    sh -c "test \$(wc -l <'$T/check.err') = 1 &&
    grep -q '$CTL: Connection timed out' '$T/check.err'" || diag "$T/check.err"

# Not running at all.
stop_daemon
check "SIGTERM: exit 0" test $? = 0
check "control socket removed at exit" test ! -e "$CTL"
t0=$(ms)
st --check >"$T/check.out" 2>"$T/check.err"
rc=$?
t1=$(ms)
check "status --check: daemon not running: exit 2" test "$rc" = 2
check "status --check: at once ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 5000
check "status --check: says which socket and why" \
    grep -q "$CTL: No such file or directory (is sanctiond running?)" \
    "$T/check.err" || diag "$T/check.err"
check "status --check: prints nothing on stdout" test ! -s "$T/check.out"

# A crash leaves the socket file behind; the next daemon replaces it.
start_daemon || nok "sanctiond restarted"
wait_for 10 sj '.daemon.pid > 0'
kill -KILL "$DPID"
{ wait "$DPID"; } 2>/dev/null
check "a crash leaves the socket file" test -S "$CTL"
st --check >/dev/null 2>&1
check "status on a dead daemon's socket: exit 2" test $? = 2
start_daemon || nok "sanctiond started over a stale socket"
check "the stale socket is replaced: status answers" \
    wait_for 10 sj ".daemon.pid == $DPID"
check "the replaced socket is mode 0600" test "$(stat -c %a "$CTL")" = 600
stop_daemon
dlog | grep -q 'control socket' && dlog | grep 'control socket' | diag
finish
