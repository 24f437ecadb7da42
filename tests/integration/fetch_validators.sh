#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# fetch_validators: conditional GET as the server sees it.  Every repeat
# carries both validators byte for byte and gets a 304; a changed file is
# fetched again and its new validators are used from then on; a body without
# validators that did not change is not parsed again ("unchanged").
. "$TOP/tests/lib_httpd.sh"
httpd_start
write_feed feed.xml 3
write_feed plain.xml 2
write_feed stubborn.xml 2
echo "/plain.xml novalidators" >>"$WORK/script"
echo "/stubborn.xml noconditional" >>"$WORK/script"

# Change the feed after ~2 s while the engine polls it every second.
( sleep 2.2; write_feed feed.xml 4 ) &
changer=$!
"$TESTBIN/fetchdrive" -a -c 3 -r 0 -i 1 -t 5.5 "$URL/feed.xml" \
    "$URL/plain.xml" "$URL/stubborn.xml" >"$WORK/drive.out" 2>&1
wait $changer

grep '	/feed.xml	' "$HTTPD_LOG" >"$WORK/feed.log"
n=$(wc -l <"$WORK/feed.log")
check "the feed was polled at least 4 times ($n)" [ "$n" -ge 4 ]
check "the first request has no validators" \
    sh -c "head -n 1 '$WORK/feed.log' | awk -F'\t' '\$4 == \"-\" && \$5 == \"-\"' | grep -q ."
missing=$(tail -n +2 "$WORK/feed.log" | awk -F'\t' '$4 == "-" || $5 == "-"' | wc -l)
check "every repeat carries If-None-Match and If-Modified-Since" [ "$missing" = 0 ]
# Each request's If-None-Match is the ETag the previous 200 was served with:
# the server's ETag is "size-mtime", so compare with what a 200 follows.
awk -F'\t' 'NR > 1 && $8 == 304 { print $4 }' "$WORK/feed.log" | sort -u >"$WORK/inm"
k=$(wc -l <"$WORK/inm")
check "two distinct validators were sent, one per version ($k)" [ "$k" = 2 ]
n200=$(awk -F'\t' '$8 == 200' "$WORK/feed.log" | wc -l)
n304=$(awk -F'\t' '$8 == 304' "$WORK/feed.log" | wc -l)
check "the change was fetched once more, the rest were 304s ($n200 x 200, $n304 x 304)" \
    [ "$n200" = 2 -a "$n304" -ge 2 ]
check "the engine reported not_modified for 304s" \
    grep -q 'url=[^ ]*/feed.xml status=not_modified code=304' "$WORK/drive.out"
check "the changed feed was seen with its new item count" \
    grep -q 'url=[^ ]*/feed.xml status=ok code=200 .* items=4' "$WORK/drive.out"

grep '	/plain.xml	' "$HTTPD_LOG" >"$WORK/plain.log"
sent=$(awk -F'\t' '$4 != "-" || $5 != "-"' "$WORK/plain.log" | wc -l)
check "no validators sent when the server gave none" [ "$sent" = 0 ]
check "an unchanged body without validators is reported unchanged" \
    grep -q 'url=[^ ]*/plain.xml status=unchanged code=200' "$WORK/drive.out"
first=$(grep -m1 'plain.xml' "$WORK/drive.out")
check "its first fetch was parsed" \
    sh -c "echo '$first' | grep -q 'status=ok .*items=2'"
check "a server that ignores our validators: its same body is not parsed again" \
    grep -q 'url=[^ ]*/stubborn.xml status=unchanged code=200' "$WORK/drive.out"
check "and it was sent them" \
    sh -c "grep '	/stubborn.xml	' '$HTTPD_LOG' | awk -F'\t' 'NR > 1 && \$4 != \"-\"' | grep -q ."
ua=$(awk -F'\t' 'NR == 1 { print $6 }' "$HTTPD_LOG")
check "User-Agent names sanctiond and its version ($ua)" \
    sh -c "echo '$ua' | grep -q '^sanctiond/[0-9.]* (+http'"
check "gzip and deflate are offered" \
    sh -c "awk -F'\t' 'NR == 1 { print \$7 }' '$HTTPD_LOG' | grep -q 'gzip' && awk -F'\t' 'NR == 1 { print \$7 }' '$HTTPD_LOG' | grep -q deflate"
done_testing
