#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# state_lock.sh: one daemon per state file.  A second daemon (or --once)
# on the same state refuses to start, naming the state and the first's
# pid; the first keeps publishing with strictly increasing seqs; after the
# first dies by SIGKILL its lock is gone with it and a new daemon starts.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed a
conf a
start_sub "$T/sub.out"
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "the first daemon started"
FIRST=$DPID
wait_for 10 grep -q "feed a: 0 items" "$T/daemon.log.new"
feed a n1 n2
wait_for 10 has_ids "$T/sub.out" n1 n2

# The same state on other ports: only the lock can stop it.
P2=$("$TESTBIN/freeport")
sed "s|^publish = .*|publish = tcp://127.0.0.1:$P2|" "$T/sanctiond.conf" \
    >"$T/second.conf"
chmod 600 "$T/second.conf"
timeout 10 "$SANCTIOND" -f -c "$T/second.conf" >"$T/second.log" 2>&1
rc=$?
check "a second daemon on the same state exits non-zero ($rc)" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ]' - "$rc"
check "its message names the state file and the first's pid" \
    grep -q "$T/state.db is in use by another sanctiond (pid $FIRST" \
    "$T/second.log"
diag "$T/second.log"
timeout 10 "$SANCTIOND" -f --once -c "$T/second.conf" >"$T/once.log" 2>&1
rc=$?
check "sanctiond --once on the same state is refused too ($rc)" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ] &&
    grep -q "is in use by another sanctiond (pid $3" "$2"' - "$rc" \
    "$T/once.log" "$FIRST"

feed a n1 n2 n3 n4
wait_for 10 has_ids "$T/sub.out" n3 n4
check "the first daemon keeps publishing" has_ids "$T/sub.out" n3 n4
seqs "$T/sub.out" | awk '{ print $1 }' >"$T/seq"
check "seqs strictly increasing, no repeat ($(tr '\n' ' ' <"$T/seq"))" \
    sh -c 'sort -n -u "$1" | cmp -s - "$1" && [ "$(wc -l <"$1")" = 4 ]' - \
    "$T/seq"

stop_daemon KILL
: >"$T/daemon.log.new"
start_daemon
check "after SIGKILL a new daemon starts (the lock died with the first)" \
    test "$?" = 0
sleep 1		# the subscriber reconnects to the new daemon
feed a n1 n2 n3 n4 n5
wait_for 20 has_ids "$T/sub.out" n5
last=$(seqs "$T/sub.out" | awk '$2 == "n5" { print $1 }')
check "n5 follows the old seqs (${last:-none} > 4)" test "${last:-0}" -gt 4
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
finish
