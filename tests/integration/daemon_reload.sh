#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_reload.sh: SIGHUP adds and removes feeds without a restart; a
# broken config on SIGHUP is refused and the old one keeps running.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed a
feed b
feed c s3
conf a b
start_sub "$T/sub.out"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
wait_for 10 grep -q "feed b: 0 items" "$T/daemon.log.new"
feed a n1
feed b n2
wait_for 10 has_ids "$T/sub.out" n1 n2
check "feeds a and b polled" has_ids "$T/sub.out" n1 n2

conf a c
kill -HUP "$DPID"
wait_for 10 has_ids "$T/sub.out" s3
check "SIGHUP adds feed c: its item is published" has_ids "$T/sub.out" s3
check "the reload is logged" grep -q "feed c: added" "$T/daemon.log.new"
check "feed b removed" grep -q "feed b: removed" "$T/daemon.log.new"
feed b n2 n5
sleep 2.5
check "a removed feed is no longer polled" lacks_ids "$T/sub.out" n5
check "the daemon is still the same process" kill -0 "$DPID"

printf '[daemon]\ninterval = whenever\n[feed a]\n' >"$T/sanctiond.conf"
kill -HUP "$DPID"
wait_for 10 grep -q "reload refused" "$T/daemon.log.new"
check "a broken config on SIGHUP is refused, with the reason" \
    sh -c "grep -q 'reload refused' '$T/daemon.log.new' &&
    grep -q 'sanctiond.conf:2: interval' '$T/daemon.log.new'"
feed a n1 n6
wait_for 10 has_ids "$T/sub.out" n6
check "the old configuration keeps running" has_ids "$T/sub.out" n6
# The config replaced by a FIFO: the reload must not block in open(2)
# (the loop would be dead: no polls, no replay, SIGTERM unanswered).
conf a
mv "$T/sanctiond.conf" "$T/good.conf"
mkfifo "$T/sanctiond.conf"
kill -HUP "$DPID"
wait_for 10 grep -q "sanctiond.conf: not a regular file" "$T/daemon.log.new"
check "SIGHUP with a FIFO as config: an error naming it" \
    grep -q "$T/sanctiond.conf: not a regular file" "$T/daemon.log.new"
check "and the reload is refused" \
    sh -c 'grep -c "reload refused" "$1" | grep -qx 2' - "$T/daemon.log.new"
feed a n1 n6 n7
wait_for 10 has_ids "$T/sub.out" n7
check "the daemon keeps polling and publishing" has_ids "$T/sub.out" n7
kill -TERM "$DPID"
wait_for 10 grep -q "sanctiond: stopped" "$T/daemon.log.new"
check "SIGTERM is answered promptly" \
    grep -q "sanctiond: stopped" "$T/daemon.log.new"
grep -q "sanctiond: stopped" "$T/daemon.log.new" || kill -KILL "$DPID"
{ wait "$DPID"; } 2>/dev/null	# no second signal: it is exiting
check "SIGTERM after reloads: exit 0" test "$?" = 0
finish
