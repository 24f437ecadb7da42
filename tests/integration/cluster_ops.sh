#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# cluster_ops.sh: a cluster node to its operator, and a partition between a
# node and the database (doc/cluster.md "Failure semantics").  Two nodes on
# one PostgreSQL of the test's own: n1 on its Unix socket, n2 through a TCP
# relay (tests/tcpproxy) that the test cuts and restores, then stalls.
# `sanctionctl status` answers on each node's [daemon] control socket with
# the node, its leases and hosts; --once is refused; the cut-off node stops
# fetching once its leases run out, n1 takes every host, nothing is lost or
# doubled, and n2 takes its share again once the link is back.
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/pg_lib.inc"

if ! pg_have; then
	echo "ok 1 - cluster operations # SKIP PostgreSQL is not installed"
	echo "1..1"
	exit 0
fi
if [ "${TEST_TIMEOUT_SCALE:-1}" -gt 1 ]; then
	echo "ok 1 - cluster operations # SKIP leases of seconds under valgrind"
	echo "1..1"
	exit 0
fi
trap 'pg_cleanup; cleanup' EXIT

LEASE=2
NHOSTS=4
NFEEDS=24
PG_TCP=$("$TESTBIN/freeport") || { nok "a free port"; finish; exit 1; }
pg_start || { nok "PostgreSQL started"; cat "$PGT"/*.log; finish; exit 1; }
ok "PostgreSQL started, on 127.0.0.1 too"
"$TESTBIN/tcpproxy" -P "$T/proxy.port" -t "$PG_TCP" &
PROXY=$!
pids="$pids $PROXY"
wait_for 10 test -s "$T/proxy.port" || { nok "proxy started"; exit 1; }
URI2="postgresql://sanctiond@127.0.0.1:$(cat "$T/proxy.port")/postgres"

start_hosts $NHOSTS

# round R: every feed carries its items of rounds 1 to R.
round() {
	k=1
	while [ "$k" -le $NFEEDS ]; do
		ids= r=1
		while [ $r -le "$1" ]; do
			ids="$ids i${k}x$r"
			r=$((r + 1))
		done
		# shellcheck disable=SC2086
		feed "f$k" $ids
		k=$((k + 1))
	done
}

node_ports 2
round 0
for i in 1 2; do
	[ $i = 1 ] && uri=$PGURI || uri=$URI2
	node_conf $i "$uri" "lease = ${LEASE}s" "user_agent = node-n$i" \
	    "fetch_article = no" "retention = 0"
done

check "--once in cluster mode: refused, exit 1, saying why" sh -c '
    "$1" --once -f -c "$2" >"$3" 2>&1; test $? = 1 &&
    grep -q "once polls every feed.*not in cluster mode" "$3"' - \
    "$SANCTIOND" "$T/n1.conf" "$T/once.log"

"$TESTBIN/zsub" -e "tcp://127.0.0.1:$PPORT1" >"$T/sub1.out" &
pids="$pids $!"
sleep 0.3
ok=1
for i in 1 2; do
	start_node $i || ok=0
done
check "two nodes started, n2 through the relay" test $ok = 1
check "the hosts are shared out between the two" wait_for 15 owners 2
sleep 1

st() { "$SANCTIONCTL" status -c "$T/n$1.conf" --json; }
# jqe FILE FILTER: FILTER true of FILE (jq 1.6 -e says 0 on no input).
jqe() { test -s "$1" && jq -e "$2" "$1" >/dev/null; }
st 1 >"$T/st1.json" 2>"$T/st1.err"
st 2 >"$T/st2.json" 2>"$T/st2.err"
check "status on each node: its name, valid leases, the database connected" \
    sh -c 'test -s "$1" && test -s "$2" &&
    jq -e ".daemon.cluster | .node == \"n1\" and .leases == \"valid\"
    and .database == \"connected\" and .valid_for > 0 and .lease == 2" "$1" >/dev/null &&
    jq -e ".daemon.cluster.node == \"n2\"" "$2" >/dev/null' - "$T/st1.json" \
    "$T/st2.json" || diag "$T/st1.err"
check "status: the two nodes' hosts are the cluster's, each polled by one" \
    sh -c 'test "$(jq -r ".daemon.cluster.hosts[]" "$1" "$2" | sort |
    tr "\n" " ")" = "127.0.0.1 127.0.0.2 127.0.0.3 127.0.0.4 "' - \
    "$T/st1.json" "$T/st2.json"
check "status: polled_here is true for exactly the feeds of its hosts" \
    sh -c 'test -s "$1" &&
    jq -e ".daemon.cluster.hosts as \$h | [.feeds[] |
    (.url | split(\"/\")[2] | split(\":\")[0]) as \$host |
    ((\$h | index(\$host)) != null) == .polled_here] | all" "$1" >/dev/null' - \
    "$T/st1.json"
check "status: the state is named, not its URI" \
    jqe "$T/st1.json" '.daemon.state == "postgresql"'
check "status table: which node, its leases and hosts" sh -c '
    "$1" status -c "$2" | grep -q "^cluster node n1, leases valid"' - \
    "$SANCTIONCTL" "$T/n1.conf"
check "status --check: 0 on a node holding its leases" \
    "$SANCTIONCTL" status --check -c "$T/n2.conf"
check "a second daemon on the same control socket is refused it" sh -c '
    sed "s/^node = n2/node = n3/; s/^publish = .*/publish = tcp:\/\/127.0.0.1:$4/" \
	"$1" >"$1.3"; chmod 600 "$1.3"
    timeout 20 "$2" -f -c "$1.3" >"$3" 2>&1 & p=$!
    for i in $(seq 100); do grep -qs "started:" "$3" && break; sleep 0.1; done
    { kill -TERM $p; wait $p; } 2>/dev/null
    grep -q "another daemon answers on it" "$3"' - "$T/n2.conf" \
    "$SANCTIOND" "$T/n3.log" "$("$TESTBIN/freeport")" || diag "$T/n3.log"
check "n2 still answers status after that" \
    "$SANCTIONCTL" status --check -c "$T/n2.conf"

# count_in: item events node 1's subscriber got.
got_all() { test "$(grep -c '"type":"item"' "$T/sub1.out")" -ge "$1"; }

round 1
check "round 1: every item published" wait_for 30 got_all $NFEEDS

# The link between n2 and the database is cut (connections reset).
kill -USR1 $PROXY
tcut=$(date +%s.%N)
round 2
check "cut: n2 says its leases ran out" \
    wait_for 15 grep -q "leases ran out" "$T/n2.log"
tlapse=$(date +%s.%N)
check "cut: n1 takes every host" wait_for 15 sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*) FROM shards
    WHERE owner = '"'n1'"' AND lease_until > now()")" = 4' - "$PGBIN" "$PGURI"
check "round 2 (n2 cut off): every item published" \
    wait_for 30 got_all $((NFEEDS * 2))
st 2 >"$T/st2c.json" 2>/dev/null
check "cut: n2's status says its leases lapsed, the database unreachable" \
    jqe "$T/st2c.json" '.daemon.cluster | .leases == "lapsed" and
    .hosts == [] and .database == "unreachable"' ||
    diag "$T/st2c.json"
check "cut: n2's status --check says so, exit 1" sh -c '
    "$1" status --check -c "$2" 2>"$3"; test $? = 1 &&
    grep -q "cluster node n2: leases lapsed" "$3"' - "$SANCTIONCTL" \
    "$T/n2.conf" "$T/check2.err"
sleep 2
# n2 asked nothing from half a second after its leases ran out by its clock.
check "cut: n2 fetches nothing once its leases ran out" sh -c '
    awk -F"\t" -v t="$1" "\$1 > t + 0.5 && \$6 == \"node-n2\" { bad = 1 }
    END { exit bad }" "$2"/h?.log' - "$tlapse" "$T"
kill -USR2 $PROXY
check "restored: n2 connects again and polls hosts again" wait_for 20 sh -c '
    "$1" status -c "$2" --json | jq -e ".daemon.cluster | .leases ==
    \"valid\" and (.hosts | length) > 0" >/dev/null' - "$SANCTIONCTL" \
    "$T/n2.conf"

# The silent partition: nothing goes through, no connection is reset.
kill -STOP $PROXY
round 3
check "stalled: n1 publishes every item" wait_for 40 got_all $((NFEEDS * 3))
sleep $((LEASE + 1))
kill -CONT $PROXY
round 4
check "round 4 (the link back): every item published" \
    wait_for 40 got_all $((NFEEDS * 4))
sleep 2
check "n2 holds hosts again after the stall" wait_for 20 sh -c '
    "$1" status -c "$2" --json | jq -e ".daemon.cluster | .leases ==
    \"valid\" and (.hosts | length) > 0" >/dev/null' - "$SANCTIONCTL" \
    "$T/n2.conf"

# A stall past the time a statement may take (twice the lease, at least
# 10 s): n2's loop does not hang in libpq; it cuts the connection, answers
# its operator meanwhile, and connects again once the link is back.
kill -STOP $PROXY
round 5
sleep 12
st 2 >"$T/st2f.json" 2>"$T/st2f.err" &
stp=$!
sleep 4
if kill -0 $stp 2>/dev/null; then
	kill $stp 2>/dev/null
	nok "frozen link: n2 answers status within 4 s"
else
	wait $stp
	check "frozen link: n2 answers status within 4 s, leases lapsed" \
	    jqe "$T/st2f.json" '.daemon.cluster.leases == "lapsed"' ||
	    diag "$T/st2f.err"
fi
check "frozen link: n2 says it cut the connection" \
    grep -q "postgresql: no answer in 10 s: the connection is closed" \
    "$T/n2.log"
check "frozen link: n1 publishes every item meanwhile" \
    wait_for 40 got_all $((NFEEDS * 5))
kill -CONT $PROXY
check "n2 connects again after the frozen link and holds hosts" \
    wait_for 30 sh -c '
    "$1" status -c "$2" --json | jq -e ".daemon.cluster | .leases ==
    \"valid\" and (.hosts | length) > 0" >/dev/null' - "$SANCTIONCTL" \
    "$T/n2.conf"
round 6
check "round 6: every item published" wait_for 40 got_all $((NFEEDS * 6))
sleep 2
grep '"type":"item"' "$T/sub1.out" | cut -f2- |
    jq -r '"\(.seq) \(.item.id)"' >"$T/seqs1"
check "every item published exactly once" sh -c '
    test "$(cut -d" " -f2 "$1" | sort | uniq -d | wc -l)" = 0 &&
    test "$(wc -l <"$1")" = "$2"' - "$T/seqs1" $((NFEEDS * 6)) ||
    diag "$T/seqs1"
check "the cluster's seqs have no gap and no reuse" sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*) = max(seq)
    AND count(DISTINCT seq) = count(*) FROM events")" = t' \
    - "$PGBIN" "$PGURI"

for i in 1 2; do
	kill -TERM "$(eval echo \$NPID$i)" 2>/dev/null
done
rcs=
for i in 1 2; do
	wait "$(eval echo \$NPID$i)" 2>/dev/null
	rcs="$rcs$?"
done
check "SIGTERM: both nodes exit 0, their control sockets gone" sh -c '
    test "$1" = 00 && ! test -e "$2/n1.ctl" && ! test -e "$2/n2.ctl"' - \
    "$rcs" "$T"
check "no sanitizer report in either node's log" sh -c '
    ! grep -l "Sanitizer\|runtime error" "$@"' - "$T"/n?.log
finish
