#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# feed_stale.sh: a feed that answers fine but brings no new item for
# stale_after turns stale (feed.stale published, shown by status, --check
# exits 1) and ok again (feed.ok) when a new item arrives; a per-feed
# stale_after beats [daemon]'s; the usual gap between new items is learned
# and kept across a restart.
. "$TOP/tests/integration/daemon_lib.inc"

st() { "$SANCTIONCTL" status -c "$T/sanctiond.conf" "$@"; }
sj() { st --json >"$T/st.json" 2>"$T/st.err" && jq -e "$1" "$T/st.json" \
    >/dev/null; }
events() { grep -c "^feed\.$1	" "$T/sub.out"; }

pick_ports
start_httpd
feed a n1
feed b n2
conf a b
# Short durations for the test: [daemon] says 2s, feed b overrides it.
sed -e "s/^\[daemon\]$/[daemon]\nstale_after = 2s/" \
    -e "s/^\(url = .*b.xml\)$/\1\nstale_after = 1h/" \
    "$T/sanctiond.conf" >"$T/c.tmp"
chmod 600 "$T/c.tmp"
mv "$T/c.tmp" "$T/sanctiond.conf"
start_sub "$T/sub.out" feed.
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "sanctiond started"

wait_for 20 grep -q '^feed\.stale' "$T/sub.out"
check "no new item for 2s: feed.stale published" \
    grep -q '^feed\.stale' "$T/sub.out" || { diag "$T/sub.out"; dlog | diag; }
check "feed.stale names the feed and says why" \
    sh -c "grep '^feed\.stale' '$T/sub.out' | cut -f2- | jq -e \
    '.type == \"feed\" and .state == \"stale\" and .feed.name == \"a\" and
    (.message | test(\"no new item for [0-9]+s \\\\(stale after 2s\\\\)\"))' \
    >/dev/null" || diag "$T/sub.out"
check "status shows it stale" sj '.feeds[0].health == "stale"' ||
    diag "$T/st.json"
check "status: stale_after as written" \
    sj '.feeds[0].stale_after == 2 and .feeds[1].stale_after == 3600'
check "a per-feed stale_after wins: the other feed stays ok" \
    sj '.feeds[1].health == "ok"'
st --check >/dev/null 2>"$T/check.err"
check "status --check: a stale feed: exit 1" test $? = 1
check "status --check: names the stale feed" \
    grep -q 'feed a is stale' "$T/check.err"
st >"$T/table.out"
check "the table shows it stale" grep -q '^a  *stale ' "$T/table.out"
sleep 2
check "feed.stale once, not on every poll" test "$(events stale)" = 1

feed a n1 n3
wait_for 10 grep -q '^feed\.ok' "$T/sub.out"
check "a new item: feed.ok published" grep -q '^feed\.ok' "$T/sub.out" ||
    diag "$T/sub.out"
check "status shows it ok again" sj '.feeds[0].health == "ok"'
check "the usual gap is learned from the new item" \
    sj '.feeds[0].usual_gap >= 2 and .feeds[0].items_seen == 2' ||
    diag "$T/st.json"
gap=$(jq '.feeds[0].usual_gap' "$T/st.json")
last=$(jq -r '.feeds[0].last_new_items' "$T/st.json")

stop_daemon
start_daemon || nok "sanctiond restarted"
wait_for 10 sj '.daemon.pid > 0'
check "the learned gap is kept across a restart ($gap s)" \
    sj ".feeds[0].usual_gap == $gap and
    .feeds[0].last_new_items == \"$last\" and .feeds[0].items_seen == 2" ||
    diag "$T/st.json"
wait_for 10 sj '.feeds[0].last_fetch > "'"$last"'"'
check "and after a poll with nothing new" sj ".feeds[0].usual_gap == $gap"
stop_daemon
check "SIGTERM: exit 0" test $? = 0
finish
