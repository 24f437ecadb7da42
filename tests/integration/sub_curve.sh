#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# sub_curve.sh: with CURVE required, "sanctionctl sub --key --server-key"
# with an allowed key receives live and replayed events; a subscriber with
# a key not on the allow-list, or without CURVE, receives nothing.
. "$TOP/tests/lib_sub.sh"

for k in server alice mallory; do
	(umask 077; "$SANCTIONCTL" keygen >"$WORK/$k.key")
done
check "keygen writes a key pair" grep -Eq '^public = .{40}$' "$WORK/alice.key"
DRIVE_OPTS="-K $WORK/server.key -A $WORK/alice.key"
drive_start
drive add 3
drive flush
sub_start alice --since 0 --key "$WORK/alice.key" \
    --server-key "$WORK/server.key"
sub_start mallory --since 0 --key "$WORK/mallory.key" \
    --server-key "$(sed -n 's/^public = //p' "$WORK/server.key")"
sub_start plain --since 0
wait_lines alice 3
sleep 1
drive add 1
drive flush
wait_lines alice 4
check "allowed key: replay, then live" [ "$(seqs alice)" = "1 2 3 4" ]
check "key not allowed: nothing" [ "$(lines mallory)" = 0 ]
check "no CURVE: nothing" [ "$(lines plain)" = 0 ]
"$SANCTIONCTL" sub --key "$WORK/alice.key" -e "$PUB" >/dev/null 2>"$WORK/e1"
check "--key without --server-key refused" grep -q 'both --key' "$WORK/e1"
check "SIGTERM: exit 0" sub_stop alice TERM
done_testing
