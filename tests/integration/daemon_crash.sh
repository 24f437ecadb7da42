#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_crash.sh: kill -9 at random moments, then restart: nothing is lost
# (every item is in the store and was published or replayable), and no
# item ever comes back with a new seq.
. "$TOP/tests/integration/daemon_lib.inc"

LOG_LEVEL=debug
pick_ports
start_httpd
feed a
feed b
conf a b
start_sub "$T/live.out"
ids_a="" ids_b=""
round=1
# awk's srand() seeds from the time: the moments differ from run to run.
delays=$(awk 'BEGIN { srand(); for (i = 0; i < 6; i++) printf "%.2f ", rand() * 1.5 }')
for d in $delays; do
	start_daemon || { nok "sanctiond started (round $round)"; break; }
	# New items in both feeds, then a crash at a random moment.
	for k in 1 2 3 4 5; do
		ids_a="$ids_a a$round-$k"
		ids_b="$ids_b b$round-$k"
	done
	# shellcheck disable=SC2086
	feed a $ids_a
	# shellcheck disable=SC2086
	feed b $ids_b
	sleep "$d"
	stop_daemon KILL
	round=$((round + 1))
done
ok "six rounds of kill -9 at random moments ($delays)"

# A clean run to the end: every item must be stored exactly once.
all=$(echo $ids_a $ids_b | tr ' ' '\n' | sort)
start_daemon || nok "sanctiond restarted after the crashes"
nall=$(echo "$all" | wc -l | tr -d ' ')
# Each feed fetched once by the clean run (debug logs every outcome).
fetched() {
	grep -Eq "feed $1: ([0-9]+ items|not_modified|unchanged)" \
	    "$T/daemon.log.new"
}
wait_for 30 fetched a
wait_for 30 fetched b
timeout 3 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/replay.out" \
    2>"$T/replay.err"
jq -r 'select(.type == "item") | "\(.seq) \(.item.id)"' "$T/replay.out" |
    sort -k2 >"$T/replay.seqs"
check "every item is in the store after the crashes ($nall)" \
    test "$(cut -d' ' -f2 "$T/replay.seqs" | sort -u)" = "$all" ||
    diag "$T/replay.err"
check "no item stored twice" \
    test -z "$(cut -d' ' -f2 "$T/replay.seqs" | uniq -d)"
# Whatever the live subscriber saw, it saw with the stored seq: a repeat
# after a crash is allowed, a repeat under a new seq is not.
seqs "$T/live.out" | sort -u | sort -k2 >"$T/live.seqs"
check "no item was published under two seqs" \
    test -z "$(cut -d' ' -f2 "$T/live.seqs" | uniq -d)"
check "every seq seen live is the stored one" \
    test -z "$(join -1 2 -2 2 "$T/live.seqs" "$T/replay.seqs" |
    awk '$2 != $3')"
stop_daemon TERM
check "SIGTERM after the crashes: exit 0" test "$?" = 0
finish
