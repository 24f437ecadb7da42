#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# sub_exec.sh: --exec runs a command per event with the JSON on standard
# input and SANCTION_ACTION, SANCTION_AUTHORITIES and SANCTION_TARGETS in
# its environment; a failing command is reported and the subscription goes
# on.  Bad options are refused with a message.
. "$TOP/tests/lib_sub.sh"

export D="$WORK"
drive_start
drive add 4
drive flush
sub_start x --since 0 --exec 'cat >"$D/ev.$SANCTION_SEQ";
    echo "$SANCTION_SEQ|$SANCTION_ACTION|$SANCTION_AUTHORITIES|$SANCTION_TARGETS" >>"$D/env.log";
    [ "$SANCTION_SEQ" != 2 ]'
wait_lines x 4
wait_until '[ -f "$D/env.log" ] && [ $(wc -l <"$D/env.log") -ge 4 ]'
check "one run per event" [ "$(wc -l <"$D/env.log" | tr -d ' ')" = 4 ]
check "sanctions event: action, authorities, targets" \
    grep -qx '1|impose|EU|RU,Acme Shipping LLC' "$D/env.log"
check "news event: action none, empty lists" grep -qx '2|none||' "$D/env.log"
check "the event JSON on stdin" jqt '.seq == 3 and .type == "item"' \
    "$D/ev.3"
check "a failing command is reported with its status and seq" \
    grep -q 'status 1 for seq 2' "$WORK/x.err"
check "and is not fatal" [ "$(seqs x)" = "1 2 3 4" ]
check "SIGINT: exit 0" sub_stop x INT

"$SANCTIONCTL" sub --since abc >/dev/null 2>"$WORK/e1"
check "--since abc refused" [ $? != 0 ]
check "and named" grep -q 'since abc' "$WORK/e1"
"$SANCTIONCTL" sub -e ipc:///nonexistent >/dev/null 2>"$WORK/e2"
check "no replay endpoint derivable: refused" [ $? != 0 ]
check "naming the endpoint" grep -q 'ipc:///nonexistent' "$WORK/e2"

# On a terminal: one readable line per alert.
script -qec "timeout -s INT 3 $SANCTIONCTL sub -e $PUB --since 0 -t sanctions." \
    /dev/null >"$WORK/tty.out" 2>&1
check "terminal: action, authority -> targets, title, link" grep -q \
    'impose  EU -> RU, Acme Shipping LLC  Item 1  https://example.org/item/1' \
    "$WORK/tty.out"
done_testing
