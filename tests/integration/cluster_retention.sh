#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# cluster_retention.sh: [daemon] retention = 3s in cluster mode, as
# retention.sh checks it in SQLite mode.  Two nodes on one PostgreSQL of
# the test's own, two hosts (one each).  Items that left their feeds are
# pruned with their keys, and alert again should they come back; items
# still in their feeds never alert again however old: one in a feed that
# answers 304 throughout, one in a feed parsed again every second, one
# carried by a second feed on the other host after its first dropped it.
# Old events are pruned; a replay from seq 0 on either node says
# "truncated" and holds only what is past "pruned".
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/pg_lib.inc"

if ! pg_have; then
	echo "ok 1 - cluster retention # SKIP PostgreSQL is not installed"
	echo "1..1"
	exit 0
fi
if [ "${TEST_TIMEOUT_SCALE:-1}" -gt 1 ]; then
	echo "ok 1 - cluster retention # SKIP a 3 s window under valgrind"
	echo "1..1"
	exit 0
fi
trap 'pg_cleanup; cleanup' EXIT

pg_start || { nok "PostgreSQL started"; cat "$PGT"/*.log; finish; exit 1; }
ok "PostgreSQL started on a Unix socket of its own"
start_hosts 2

# Feeds a and c on 127.0.0.1, b and d on 127.0.0.2: a host per node.
HOST_a=1 HOST_b=2 HOST_c=1 HOST_d=2
node_feeds() {
	for f in a b c d; do
		printf '[feed %s]\nurl = http://127.0.0.%s:%s/%s.xml\n' \
		    "$f" "$(eval echo \$HOST_$f)" "$HPORT" "$f"
		echo "interval = 1s"
	done
}
node_ports 2

# npub FILE ID: how often ID was published there.
npub() { ids "$1" | grep -cx "$2"; }
# both CMD ARG...: CMD FILE ARG... true of both nodes' subscribers.
both() { b_c=$1; shift; "$b_c" "$T/sub1.out" "$@" &&
    "$b_c" "$T/sub2.out" "$@"; }
st() { "$SANCTIONCTL" status -c "$T/n$1.conf" --json >"$T/st$1.json" \
    2>"$T/st$1.err"; }
# q SQL: one value from the database.
q() { psql_q "$1"; }

feed a s1 n1		# never changes: 304 throughout
feed b n2 s2 x1		# n2 and s2 leave it; x1 stays in c
feed c			# x1 later, a sighting on the other host
feed d k1 r0		# parsed every second: k1 stays, r* come and go
for i in 1 2; do
	node_conf $i "$PGURI" "lease = 2s" "fetch_article = no" \
	    "retention = 3s"
	"$TESTBIN/zsub" -e "tcp://127.0.0.1:$(eval echo \$PPORT$i)" \
	    >"$T/sub$i.out" &
	pids="$pids $!"
done
sleep 0.3
ok=1
for i in 1 2; do
	start_node $i || ok=0
done
check "two nodes started on one database" test $ok = 1
check "cluster mode no longer says retention is not supported" sh -c '
    ! grep -q "retention is not supported" "$1" "$2"' - "$T/n1.log" \
    "$T/n2.log"
check "the two hosts are shared out between the two nodes" wait_for 15 owners 2
wait_for 15 both has_ids s1 n1 n2 s2 x1 k1 r0
check "every item published on both nodes" both has_ids s1 n1 n2 s2 x1 k1 r0
feed c x1
wait_for 10 sh -c 'test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*)
    FROM sightings WHERE feed = '"'c'"'")" = 1' - "$PGBIN" "$PGURI"
check "x1 is seen by c on the other host (a sighting)" \
    test "$(q "SELECT count(*) FROM sightings WHERE feed = 'c'")" = 1

feed b x2
# Four windows: d parsed every second, a answering 304.
i=1
while [ $i -le 12 ]; do
	feed d k1 r$i
	sleep 1
	i=$((i + 1))
done
wait_for 10 grep -q "retention 3s: pruned" "$T/n1.log" "$T/n2.log"
check "the pruning is logged as in SQLite mode" sh -c '
    grep -h "retention 3s: pruned [0-9]* items and [0-9]* events; events up to seq [0-9]* are gone, the oldest kept is [0-9]*" "$1" "$2" |
    grep -q .' - "$T/n1.log" "$T/n2.log" || diag "$T/n1.log"
# Kept: s1 n1 (a), x1 (c), x2 (b), k1 and the r* of the last 3-4 s (d);
# 19 without pruning.
nitems=$(q "SELECT count(*) FROM items")
check "items gone from their feeds are pruned ($nitems left of 19)" \
    test "$nitems" -le 10
check "no key, sighting or hold outlives its item" test "$(q "SELECT
    (SELECT count(*) FROM item_keys k WHERE NOT EXISTS (SELECT 1 FROM
    items i WHERE i.id = k.item)) + (SELECT count(*) FROM sightings g
    WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = g.item))")" = 0
check "old events are pruned, the pruned seq noted" test "$(q "SELECT
    (SELECT value::bigint FROM meta WHERE key = 'pruned_seq') > 0 AND
    (SELECT min(seq) FROM events) > (SELECT value::bigint FROM meta
    WHERE key = 'pruned_seq') AND (SELECT count(*) FROM events) <
    (SELECT seq FROM counter)")" = t
sleep 0.5	# a poll: each node reads the pruned seq
st 1
st 2
check "status on both nodes: oldest_seq past pruned_seq > 0" sh -c '
    for f in "$1" "$2"; do jq -e ".daemon.pruned_seq > 0 and
    .daemon.oldest_seq > .daemon.pruned_seq" "$f" >/dev/null || exit 1
    done' - "$T/st1.json" "$T/st2.json" || diag "$T/st1.json"

# Every feed parsed again with its old items, and one the store forgot.
feed a s1 n1 n3
feed c x1 n4
feed d k1 r0 r12
wait_for 10 both has_ids n3 n4 r0
sleep 1.5	# what would come again comes with them
check "new items after the window are published on both nodes" \
    both has_ids n3 n4
for i in 1 2; do
	check "n$i: an item still in its 304 feed is not published again" \
	    sh -c '[ "$1" = 1 ] && [ "$2" = 1 ]' - \
	    "$(npub "$T/sub$i.out" s1)" "$(npub "$T/sub$i.out" n1)" ||
	    diag "$T/sub$i.out"
	check "n$i: an item parsed every second is not published again" \
	    test "$(npub "$T/sub$i.out" k1)" = 1
	check "n$i: an item kept by its second feed is not published again" \
	    test "$(npub "$T/sub$i.out" x1)" = 1
	check "n$i: an item pruned after it left its feed alerts again" \
	    test "$(npub "$T/sub$i.out" r0)" = 2
done

# Replay from before the horizon, on either node: what is left, and so said.
for i in 1 2; do
	"$TESTBIN/zsub" -e "tcp://127.0.0.1:$(eval echo \$RPORT$i)" \
	    -q '{"since": 0}' >"$T/raw$i.out"
	check "n$i: replay since 0: the end object says truncated" sh -c '
	    tail -n 1 "$1" | cut -f2 | jq -e ".end and .truncated == true and
	    .pruned > 0" >/dev/null' - "$T/raw$i.out" || diag "$T/raw$i.out"
	check "n$i: replay since 0: what is left, none of the pruned" sh -c '
	    cut -f2 "$1" | jq -s -e "(.[-1].pruned) as \$p |
	    (.[0:-1] | length) > 0 and all(.[0:-1][]; .seq > \$p)" \
	    >/dev/null && ! grep -q "\"s1\"" "$1"' - "$T/raw$i.out" ||
	    diag "$T/raw$i.out"
done
timeout 3 "$SANCTIONCTL" sub -e "tcp://127.0.0.1:$PPORT2" --since 0 \
    >"$T/all.out" 2>"$T/all.err"
check "sub --since 0 on n2 warns on stderr that the replay is truncated" \
    grep -q "past the daemon's retention and were pruned" "$T/all.err" ||
    diag "$T/all.err"
last=$(q "SELECT seq FROM counter")
"$TESTBIN/zsub" -e "tcp://127.0.0.1:$RPORT1" -q "{\"since\": $last}" \
    >"$T/late.out"
check "replay after the horizon: no truncated" sh -c '
    tail -n 1 "$1" | cut -f2 | jq -e ".end and (has(\"truncated\") | not)" \
    >/dev/null' - "$T/late.out" || diag "$T/late.out"

for i in 1 2; do
	kill -TERM "$(eval echo \$NPID$i)"
	wait "$(eval echo \$NPID$i)"
	check "n$i: SIGTERM: exit 0" test "$?" = 0
done
check "no store error on either node" sh -c '
    ! grep -q "postgresql:" "$1" "$2"' - "$T/n1.log" "$T/n2.log" ||
    diag "$T/n1.log" "$T/n2.log"
check_events "$T/sub1.out" "$T/sub2.out" "$T/raw1.out" "$T/all.out"
finish
