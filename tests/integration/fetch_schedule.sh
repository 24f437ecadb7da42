#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# fetch_schedule: the schedule over time, as the server saw it.  The per-host
# rate is never exceeded, nor the connections per host; transient errors
# back off exponentially; Retry-After (both forms) is obeyed; 410 stops
# polling.  Only lower bounds on gaps are asserted: a slow machine can make
# gaps longer, never shorter.
. "$TOP/tests/lib_httpd.sh"
httpd_start
for f in a b c d e; do write_feed $f.xml 1; done
cat >"$WORK/script" <<EOS
/500 status 500
/gone status 410
/ra status 429 3
/rad status 429 @4
/slow.xml delay 1.5
EOS
write_feed slow.xml 1

# gaps PATTERN: the gaps in seconds between requests whose URI matches.
gaps() {
	grep "	$1	" "$HTTPD_LOG" | awk -F'\t' 'NR > 1 { printf "%.3f\n", $1 - p } { p = $1 }'
}

# Five feeds on one host, each due every second: the host's 1 req/s holds.
"$TESTBIN/fetchdrive" -a -r 1 -c 2 -i 1 -t 4.5 "$URL/a.xml" "$URL/b.xml" \
    "$URL/c.xml" "$URL/d.xml" "$URL/e.xml" >"$WORK/drive" 2>&1
n=$(grep -c '/[a-e].xml	' "$HTTPD_LOG")
grep '/[a-e].xml	' "$HTTPD_LOG" | awk -F'\t' 'NR > 1 { printf "%.3f\n", $1 - p } { p = $1 }' >"$WORK/gaps"
short=$(awk '$1 < 0.9' "$WORK/gaps" | wc -l)
check "1 req/s per host: $n requests in 4.5 s" [ "$n" -ge 3 -a "$n" -le 6 ]
check "no two requests to the host closer than 1 s (minus 10% for latency)" \
    [ "$short" = 0 ]
check "feeds take turns: at least four of the five were fetched" \
    [ "$(grep -o 'url=[^ ]*' "$WORK/drive" | sort -u | wc -l)" -ge 4 ]
: >"$HTTPD_LOG"

# Two connections per host: three slow feeds, unlimited rate.  The third
# request waits until one of the first two has been answered.
"$TESTBIN/fetchdrive" -a -1 -r 0 -c 2 -t 10 "$URL/slow.xml?1" \
    "$URL/slow.xml?2" "$URL/slow.xml?3" >"$WORK/drive" 2>&1
third=$(awk -F'\t' 'NR == 3 { print $1 }' "$HTTPD_LOG")
first=$(awk -F'\t' 'NR == 1 { print $1 }' "$HTTPD_LOG")
check "at most 2 connections per host: the third request waited" \
    awk -v a="$first" -v b="$third" 'BEGIN { exit !(b - a >= 1.4) }'
check "all three were fetched" [ "$(grep -c 'status=ok' "$WORK/drive")" = 3 ]
: >"$HTTPD_LOG"

# Backoff, Retry-After and 410 side by side (unlimited rate, 1 s interval).
"$TESTBIN/fetchdrive" -a -r 0 -c 4 -i 1 -t 9.5 "$URL/500" "$URL/ra" \
    "$URL/rad" "$URL/gone" >"$WORK/drive" 2>&1
gaps /500 >"$WORK/g500"
check "500: three fetches in 9.5 s (at 0, ~2, ~6)" \
    [ "$(grep -c '	/500	' "$HTTPD_LOG")" = 3 ]
check "500: first gap >= 2 s - 10%" \
    awk 'NR == 1 { exit !($1 >= 1.8) }' "$WORK/g500"
check "500: second gap >= 4 s - 10% (doubled)" \
    awk 'NR == 2 { exit !($1 >= 3.6) }' "$WORK/g500"
check "500: failures counted 1, 2, 3" \
    sh -c "grep 'url=[^ ]*/500 ' '$WORK/drive' | grep -o 'failures=[0-9]*' | tr '\n' ' ' | grep -q 'failures=1 failures=2 failures=3'"
check "500: health new>failing, then failing>failing" \
    sh -c "grep 'url=[^ ]*/500 ' '$WORK/drive' | head -n 1 | grep -q 'health=new>failing'"
gaps /ra >"$WORK/gra"
gaps /rad >"$WORK/grad"
check "Retry-After: 3 (seconds): never sooner than 3 s" \
    awk '$1 < 2.95 { bad = 1 } END { exit bad || NR == 0 }' "$WORK/gra"
check "Retry-After: seconds: polled again at all" \
    [ "$(grep -c '	/ra	' "$HTTPD_LOG")" -ge 2 ]
check "Retry-After: HTTP date 4 s ahead: never sooner than 3 s" \
    awk '$1 < 3 { bad = 1 } END { exit bad || NR == 0 }' "$WORK/grad"
check "Retry-After: date: polled again at all" \
    [ "$(grep -c '	/rad	' "$HTTPD_LOG")" -ge 2 ]
check "410: fetched once, never again" \
    [ "$(grep -c '	/gone	' "$HTTPD_LOG")" = 1 ]
check "410: reported gone" grep -q 'url=[^ ]*/gone .*health=new>gone' "$WORK/drive"

# A local outage: every fetch on three hosts fails to connect (nothing
# listens on port 1).  Once that is seen, nobody is punished for it: without
# the outage rule the first ones would reach failures=2 at about 2 s.
urls=
for h in 127.0.0.1 127.0.0.2 127.0.0.3; do
	for k in 1 2 3; do urls="$urls http://$h:1/f$k.xml"; done
done
"$TESTBIN/fetchdrive" -a -r 0 -c 4 -i 1 -t 4.5 $urls >"$WORK/drive" 2>&1
check "outage: the fetches failed to connect" \
    [ "$(grep -c 'status=connect' "$WORK/drive")" -ge 9 ]
check "outage: later failures leave health alone (new>new, failures=0)" \
    grep -q 'status=connect .*health=new>new failures=0' "$WORK/drive"
check "outage: no feed was counted a second failure" \
    sh -c "! grep -q 'failures=[2-9]' '$WORK/drive'"
check "outage: feeds were still retried" \
    [ "$(grep -c 'status=connect' "$WORK/drive")" -ge 12 ]
done_testing
