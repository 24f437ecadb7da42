#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bad_subscribers.sh: clients abusing the replay socket (random bytes, a
# huge frame, many frames, a JSON non-object, a half-open TCP connection, a
# DEALER that asks 2000 times and never reads) get an error reply or are
# dropped, while a good subscriber keeps receiving what is published and a
# good replay is still answered.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
feed news
conf news
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
sleep 1
feed news n1 s1

# The abusers that hold on, in the background for the whole test.
"$TESTBIN/replaybad" -e "$REPLAY" half 8 >"$T/half.out" 2>&1 &
pids="$pids $!"
"$TESTBIN/replaybad" -e "$REPLAY" noread 8 >"$T/noread.out" 2>&1 &
pids="$pids $!"

for m in garbage huge frames nojson; do
	r=$("$TESTBIN/replaybad" -e "$REPLAY" "$m" 5 2>&1)
	case $r in
	error:*|none)	ok "$m: ${r%%,*}" ;;
	*)		nok "$m: an error reply or dropped (got: $r)" ;;
	esac
done

# Meanwhile the daemon goes on publishing and replaying.
feed news n1 s1 n2 s2
wait_for 15 has_ids "$T/live.out" n1 s1 n2 s2
check "the good subscriber received every item meanwhile" \
    has_ids "$T/live.out" n1 s1 n2 s2
check "a good replay is answered meanwhile" sh -c '
    timeout 5 "$1" sub -e "$2" --since 0 2>/dev/null |
    jq -r "select(.type == \"item\") | .item.id" | sort | tr "\n" " " |
    grep -qx "n1 n2 s1 s2 "' - "$SANCTIONCTL" "$PUB"
check "the daemon is still up" kill -0 "$DPID"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
[ "$failed" = 0 ] || dlog | tail -n 15 | sed 's/^/# /'
finish
