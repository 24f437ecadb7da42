#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# sub_gaps.sh: events lost on the wire are noticed by the gap in seq and
# fetched from the replay endpoint (default: the -e port plus one); a
# restarted publisher, and one killed between commit and publish that
# republishes with the original seq, cost a subscriber nothing and print
# nothing twice.
. "$TOP/tests/lib_sub.sh"

drive_start
drive add 3
drive flush
sub_start a --since 0
sub_start s --since 0 -t sanctions.
wait_lines a 3
wait_lines s 2
drive drop 2		# 4 (news) and 5 (sanctions) never sent
drive add 3
drive flush
wait_lines a 6
check "a gap on the wire is filled from replay" \
    [ "$(seqs a)" = "$(upto 1 6)" ]
drive add 1 sanctions
drive flush
wait_lines s 4
check "a filtered gap is filled with what matches" [ "$(seqs s)" = "1 3 5 7" ]

drive_stop
drive_start
drive add 2
drive flush
wait_lines a 9
check "publisher restarted: nothing lost, nothing twice" \
    [ "$(seqs a)" = "$(upto 1 9)" ]

drive add 2
drive_stop -9		# committed, never published
drive_start		# republishes 10 and 11 with their seq
drive add 1		# after a crash, seq resumes past its reserved block
drive flush
wait_lines a 12
wait_lines s 6
check "killed before publishing: republished once, same seq" \
    [ "$(seqs a | cut -d' ' -f1-11)" = "$(upto 1 11)" ]
check "then a new seq past the crashed run's reserved block" \
    [ "$(seqs a | cut -d' ' -f12)" -gt 1000 ]
check "filtered subscriber too" [ "$(seqs s)" = "1 3 5 7 9 11" ]
check "seq 10 is the event stored before the crash" jqt -s \
    '.[9].item.id == "pd-10"' "$WORK/a.out"
sleep 0.5
check "still nothing twice after the dust settles" \
    [ "$(lines a)" = 12 ]
check "SIGTERM: exit 0" sub_stop a TERM
check_events a s
done_testing
