#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# replay_memory.sh: replay clients that ask for everything and never read,
# and a subscriber sending a 100 MB subscription frame, do not make the
# daemon's memory grow without bound, and it keeps publishing.  The bound
# comes from measurement: bounded, the daemon peaks near 30 MB here (ASan
# build: more, hence its own bound); unbounded it held hundreds of MB per
# lazy client.
. "$TOP/tests/integration/daemon_lib.inc"

# ASan keeps freed memory in quarantine (256 MB by default): keep it small
# so what is measured is what the daemon holds.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
export ASAN_OPTIONS
case $SANCTIOND in
*asan*)	BOUND_KB=$((250 * 1024)) ;;
*)	BOUND_KB=$((100 * 1024)) ;;
esac

vm() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$DPID/status"; }

pick_ports
start_httpd
feed news
conf news
"$TESTBIN/storefill" -s "$T/state.db" -n 5000 -b 500 ||
    { nok "storefill"; exit 1; }
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
sleep 1
echo "# at start: VmRSS $(vm VmRSS) kB"

for i in 1 2 3 4; do
	"$TESTBIN/replaybad" -e "$REPLAY" noread 10 >"$T/lazy$i.out" 2>&1 &
	pids="$pids $!"
done
"$TESTBIN/replaybad" -e "$PUB" hugesub 10 >"$T/huge.out" 2>&1 &
pids="$pids $!"
sleep 6

feed news s1
wait_for 10 has_ids "$T/live.out" s1
check "with lazy replay clients and a huge subscription, publishing goes on" \
    has_ids "$T/live.out" s1
rss=$(vm VmRSS) hwm=$(vm VmHWM)
echo "# with the abusers: VmRSS $rss kB, VmHWM $hwm kB (bound $BOUND_KB kB)"
check "the daemon's peak RSS stays under $((BOUND_KB / 1024)) MB" \
    test "$hwm" -lt "$BOUND_KB"
check "a good replay is answered meanwhile" sh -c '
    timeout 4 "$1" sub -e "$2" -t sanctions. --since 4990 2>/dev/null |
    jq -r "select(.type == \"item\") | .item.id" | grep -qx s1' \
    - "$SANCTIONCTL" "$PUB"
check "the daemon is still up" kill -0 "$DPID"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
check_events "$T/live.out"
[ "$failed" = 0 ] || dlog | tail -n 15 | sed 's/^/# /'
finish
