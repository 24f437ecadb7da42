#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_curve.sh: with curve_key and curve_allow, only allowed subscribers
# get events, on the publish socket and the replay socket alike.
. "$TOP/tests/integration/daemon_lib.inc"

(umask 077
"$SANCTIONCTL" keygen >"$T/server.key" &&
"$SANCTIONCTL" keygen >"$T/alice.key" &&
"$SANCTIONCTL" keygen >"$T/mallory.key") || { nok "keygen"; finish; exit; }
alice=$(sed -n 's/^public = //p' "$T/alice.key")

pick_ports
start_httpd
feed a
conf a
printf '[daemon]\ncurve_key = %s\ncurve_allow = %s\n' "$T/server.key" \
    "$alice" >>"$T/sanctiond.conf"
start_daemon || { nok "sanctiond with CURVE started"; dlog | diag; finish; exit; }
ok "sanctiond with CURVE started"
wait_for 10 grep -q "feed a: 0 items" "$T/daemon.log.new"

sub_as() {	# key file, output
	"$SANCTIONCTL" sub -e "$PUB" --key "$1" --server-key "$T/server.key" \
	    >"$2" 2>"$2.err" &
	pids="$pids $!"
}
sub_as "$T/alice.key" "$T/alice.out"
sub_as "$T/mallory.key" "$T/mallory.out"
start_sub "$T/plain.out"
sleep 1
feed a s1 n1
alice_has() { grep -qs '"n1"' "$T/alice.out"; }
wait_for 10 alice_has
check "an allowed subscriber gets the events" grep -q '"s1"' "$T/alice.out" ||
    diag "$T/alice.out.err"
sleep 1
check "a subscriber with another key gets nothing" \
    test ! -s "$T/mallory.out"
check "a subscriber without CURVE gets nothing" test ! -s "$T/plain.out"

timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 --key "$T/alice.key" \
    --server-key "$T/server.key" >"$T/replay.out" 2>/dev/null
check "the allowed subscriber can replay" grep -q '"s1"' "$T/replay.out"
timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 --key "$T/mallory.key" \
    --server-key "$T/server.key" >"$T/replay2.out" 2>/dev/null
check "another key cannot replay" sh -c "! grep -q '\"s1\"' '$T/replay2.out'"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
finish
