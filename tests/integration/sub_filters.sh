#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# sub_filters.sh: "sanctionctl sub" item filters (--country, --authority,
# --action, --min-score, --named, --announcements): repeats of one option
# OR, different options AND, live and in replay alike; feed events pass
# item filters only with -t feed...; an event a filter drops is not a gap
# (nothing asked of the replay endpoint); bad values stop it at start.
. "$TOP/tests/lib_sub.sh"

# One line naming the option and the value, exit 2.
bad() {	# expected words, options...
	want=$1
	shift
	"$SANCTIONCTL" sub -e "$PUB" "$@" >"$WORK/bad.out" 2>"$WORK/bad.err"
	rc=$?
	[ $rc = 2 ] && [ "$(wc -l <"$WORK/bad.err")" = 1 ] &&
	    grep -q -- "$want" "$WORK/bad.err"
}
check "unknown action: one line naming it, exit 2" \
    bad "--action bogus" --action bogus
check "bad score: exit 2" bad "--min-score 1.5" --min-score 1.5
check "bad score (not a number): exit 2" bad "--min-score x" --min-score x
check "bad regex: exit 2" bad "--named (unclosed" --named "(unclosed"
check "bad country: exit 2" bad "--country USA" --country USA

drive_start
filters() {	# name, options: each a live and a replay subscriber
	n=$1
	shift
	sub_start "$n" "$@"
	eval "OPTS_$n=\$*"
}
filters all
filters ru --country RU
filters rukp --country ru --country KP
filters us --authority US
filters impose --action impose
filters score --min-score 0.7
filters named --named '^acme|rosneft'
filters ann --announcements
filters and2 --country RU --action impose
filters and3 --country RU --announcements --authority eu
filters feedus --authority US -t feed. -t sanctions. -t background.
sleep 0.5	# every subscriber connected
drive item US impose 0.9 1 RU Acme_Shipping_LLC		# 1
drive item EU lift 0.5 0 IR -				# 2
drive item UK,US threaten 0.7 1 CN,RU Huawei_Technologies	# 3
drive item UN impose 0.3 0 KP Kim_Trading		# 4
drive add 1 news					# 5
drive feed drive failing				# 6
drive item EU impose 0.95 1 RU Rosneft			# 7
drive flush
wait_lines all 7
sleep 0.5	# and nothing more comes to the others

# Replay: the same filters from the store.
for f in ru rukp us impose score named ann and2 and3 feedus; do
	eval "opts=\$OPTS_$f"
	# shellcheck disable=SC2086
	sub_start "r$f" --since 0 $opts
done
wait_until '[ $(lines rfeedus) -ge 3 ] && [ $(lines rru) -ge 3 ]'
sleep 1

expect() {	# name, seqs
	check "$1: $2 (live)" [ "$(seqs "$1")" = "$2" ]
	[ "$1" = all ] ||
	    check "$1: $2 (replay)" [ "$(seqs "r$1")" = "$2" ]
}
expect all "$(upto 1 7)"
expect ru "1 3 7"
expect rukp "1 3 4 7"
expect us "1 3"
expect impose "1 4 7"
expect score "1 3 7"
expect named "1 7"
expect ann "1 3 7"
expect and2 "1 7"
expect and3 "7"
expect feedus "1 3 6"
check "without -t feed., item filters drop feed events" \
    [ "$(seqs us)" = "1 3" ]

# A filtered-out event is no gap: with an unreachable replay endpoint, a
# subscriber that counted dropped events never asks it and never warns.
DEAD=$("$TESTBIN/freeport")
sub_start gap --authority US -r "tcp://127.0.0.1:$DEAD"
sleep 0.5
drive item US impose 0.9 1 RU Acme		# 8
drive flush
wait_lines gap 1
drive item EU impose 0.9 1 RU Acme		# 9
drive item UK impose 0.9 1 RU Acme		# 10
drive add 1 news				# 11
drive item US lift 0.9 1 RU Acme		# 12
drive flush
wait_lines gap 2
sleep 4		# longer than the replay timeout (3 s)
check "filtered events: no gap (live): 8 12" [ "$(seqs gap)" = "8 12" ]
check "filtered events: the replay endpoint never asked" \
    [ ! -s "$WORK/gap.err" ]
[ -s "$WORK/gap.err" ] && sed 's/^/# /' "$WORK/gap.err"
check "SIGTERM: exit 0" sub_stop gap TERM
drive_stop
done_testing
