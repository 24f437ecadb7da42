#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# cluster.sh: cluster mode (SPEC "Cluster mode").  Three nodes share one
# PostgreSQL of the test's own; 200 feeds, then 240, on eight loopback
# hosts (127.0.0.1-8) gain items while one node is SIGKILLed and started
# again, another is SIGSTOPped past its lease and resumed, and the database
# restarts.  Every item
# is published once with one seq, the cluster's seqs increase with no gap
# or reuse, every node's replay agrees, the killed node's hosts are polled
# again within the lease and a poll, and no host is asked faster than
# host_rate.
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/pg_lib.inc"

if ! pg_have; then
	echo "ok 1 - cluster mode # SKIP PostgreSQL (initdb) is not installed"
	echo "1..1"
	exit 0
fi
# Under valgrind (make valgrind) three nodes cannot keep 2 s leases.
if [ "${TEST_TIMEOUT_SCALE:-1}" -gt 1 ]; then
	echo "ok 1 - cluster mode # SKIP leases of seconds under valgrind"
	echo "1..1"
	exit 0
fi
trap 'pg_cleanup; cleanup' EXIT

LEASE=2
RATE=10
NHOSTS=8
NFEEDS=200
pg_start || { nok "PostgreSQL started"; cat "$PGT"/*.log; finish; exit 1; }
ok "PostgreSQL started on a Unix socket of its own"

# Eight hosts: one test server per loopback address, one port for all.
start_hosts $NHOSTS

# feed_ids K ROUNDS: feed K's items after ROUNDS rounds.  Every tenth
# feed and the next (on the next host: another node, mostly) also carry
# one story together each round: one item, one event, for the cluster.
feed_ids() {
	r=1
	while [ "$r" -le "$2" ]; do
		if [ $((($1 + r) % 7)) = 0 ]; then
			printf 's%sx%s ' "$1" "$r"
		else
			printf 'n%sx%s ' "$1" "$r"
		fi
		[ $(($1 % 10)) = 0 ] && printf 'd%sx%s ' "$1" "$r"
		[ $(($1 % 10)) = 1 ] && [ "$1" -gt 1 ] &&
		    printf 'd%sx%s ' $(($1 - 1)) "$r"
		r=$((r + 1))
	done
}

# items FEEDS ROUNDS: how many stories that makes.
items() { echo $(($1 * $2 + $1 / 10 * $2)); }

# round FEEDS ROUNDS: every feed carries its items of ROUNDS rounds.
round() {
	k=1
	while [ "$k" -le "$1" ]; do
		# shellcheck disable=SC2046
		feed "f$k" $(feed_ids "$k" "$2")
		k=$((k + 1))
	done
}

# conf I: node nI's configuration.  Articles (pages on 127.0.0.1 from
# every node) are cluster_article.sh's: the host_rate check is of the feeds.
conf() {
	node_conf "$1" "$PGURI" "lease = ${LEASE}s" "host_rate = $RATE" \
	    "host_connections = 2" "fetch_article = no"
}

node_ports 3
round $NFEEDS 0
for i in 1 2 3; do
	conf $i
	"$TESTBIN/zsub" -e "tcp://127.0.0.1:$(eval echo \$PPORT$i)" \
	    >"$T/sub$i.out" &
	pids="$pids $!"
done
sleep 0.3
ok=1
for i in 1 2 3; do
	start_node $i || ok=0
done
check "three nodes started on one database" test $ok = 1
# retention (90d, the default) runs here too: cluster_retention.sh.
check "cluster mode no longer says retention is not supported" sh -c '
    ! grep -q "retention is not supported" "$1"' - "$T/n1.log"
check "the hosts are shared out among the three nodes" wait_for 15 owners 3
sleep 1	# the subscribers are connected by now

# count_in FILE: item events a subscriber got.
count_in() { grep -c '"type":"item"' "$1"; }
got_all() { test "$(count_in "$T/sub$1.out")" -ge "$2"; }

round $NFEEDS 1
want=$(items $NFEEDS 1)
check "round 1: node 1 publishes every item" wait_for 60 got_all 1 $want

# Node 2 dies; its hosts go to the others within the lease and a poll.
killed=$(psql_q "SELECT id FROM shards WHERE owner = 'n2'")
kill -KILL "$NPID2"
wait "$NPID2" 2>/dev/null
tkill=$(date +%s.%N)
round $NFEEDS 2
want=$(items $NFEEDS 2)
check "round 2 (node 2 killed): node 1 publishes every item" \
    wait_for 60 got_all 1 $want
start_node 2
check "node 2 started again" test $? = 0

# Node 3 stops past its lease, and wakes up to find its hosts gone.
kill -STOP "$NPID3"
round $NFEEDS 3
want=$(items $NFEEDS 3)
check "round 3 (node 3 paused): node 1 publishes every item" \
    wait_for 60 got_all 1 $want
sleep $((LEASE + 1))
kill -CONT "$NPID3"
check "node 3 noticed its leases ran out before it fetched again" \
    wait_for 10 grep -q "leases ran out" "$T/n3.log"

# The cluster grows by 40 feeds, in every node's configuration.
NFEEDS2=$((NFEEDS + 40))
round $NFEEDS2 4
CONF_FEEDS=$NFEEDS2
for i in 1 2 3; do
	conf $i
	kill -HUP "$(eval echo \$NPID$i)"
done
want=$(items $NFEEDS2 4)
check "round 4 (40 feeds more): node 1 publishes every item" \
    wait_for 90 got_all 1 $want
check "node 3 publishes every item too" wait_for 30 got_all 3 $want
check "node 2 publishes every item since its restart" \
    wait_for 30 got_all 2 $((want - $(items $NFEEDS 2)))

# The database crashes and restarts: commits fail meanwhile, and are
# retried; one whose COMMIT went in but whose answer was lost is found
# stored by the retry, never stored twice.
pg_stop immediate
round $NFEEDS2 5
sleep 1
pg_ctl_start
want=$(items $NFEEDS2 5)
check "round 5 (the database crashed): node 1 publishes every item" \
    wait_for 60 got_all 1 $want
check "node 3 too" wait_for 30 got_all 3 $want
check "the nodes connected to the database again" \
    grep -q "postgresql: connected again" "$T/n1.log" "$T/n2.log" "$T/n3.log"
sleep 2

# seqs FILE: "seq id" of each item event.
item_seqs() { grep '"type":"item"' "$1" | cut -f2- |
    jq -r '"\(.seq) \(.item.id)"'; }
for i in 1 2 3; do
	item_seqs "$T/sub$i.out" >"$T/seqs$i"
	timeout 10 "$SANCTIONCTL" sub -e "tcp://127.0.0.1:$(eval echo \$PPORT$i)" \
	    --since 0 >"$T/replay$i.out" 2>"$T/replay$i.err"
	jq -r 'select(.type == "item") | "\(.seq) \(.item.id)"' \
	    "$T/replay$i.out" >"$T/rseqs$i" 2>/dev/null
done
for i in 1 3; do
	# (a story in two feeds, d*, counts once: one item for the cluster)
	check "node $i: every item published exactly once" sh -c '
	    test "$(cut -d" " -f2 "$1" | sort | uniq -d | wc -l)" = 0 &&
	    test "$(wc -l <"$1")" = "$2"' - "$T/seqs$i" "$want" ||
	    diag "$T/seqs$i"
	check "node $i: seqs strictly increase" sh -c '
	    awk "NR > 1 && \$1 <= p { bad = 1 } { p = \$1 }
	    END { exit bad }" "$1"' - "$T/seqs$i"
done
check "node 2: one seq per item, across its restart" sh -c '
    test "$(sort -u "$1" | cut -d" " -f2 | sort | uniq -d | wc -l)" = 0' \
    - "$T/seqs2"
check "the cluster's seqs have no gap and no reuse" sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*) = max(seq)
    AND count(DISTINCT seq) = count(*) FROM events")" = t' \
    - "$PGBIN" "$PGURI"
# A story in two feeds on two nodes (d*): one event naming the feed that
# stored it first, as in SQLite mode; the other feed's sighting recorded
# (but for the last feed's, d240x*, which no feed 241 carries).
check "a story in two feeds: one event, naming one feed" sh -c '
    grep "\"type\":\"item\"" "$1" | cut -f2- | jq -e -s "map(select(.item.id |
    startswith(\"d\"))) | length > 0 and all(.feeds | length == 1)" \
    >/dev/null' - "$T/sub1.out"
check "a story in two feeds: both feeds' sightings in the database" sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*) FROM items i
    WHERE i.guid LIKE '"'d%'"' AND i.guid NOT LIKE '"'d${NFEEDS2}x%'"'
    AND NOT EXISTS (SELECT 1 FROM sightings s
    WHERE s.item = i.id AND s.feed <> i.feed)")" = 0' - "$PGBIN" "$PGURI"
check "every node's replay has every item, with node 1's seqs" sh -c '
    sort "$1" >"$1.s"
    for r in "$2" "$3" "$4"; do
	sort "$r" | cmp -s - "$1.s" || exit 1
    done' - "$T/seqs1" "$T/rseqs1" "$T/rseqs2" "$T/rseqs3" ||
    { wc -l "$T"/rseqs* "$T/seqs1" | diag /dev/stdin; diag "$T/replay2.err"; }

# The killed node's hosts: every feed there asked again soon after.
bound=$((LEASE + 2 + NFEEDS / NHOSTS / RATE + 4))
late=0
maxgap=0
for host in $killed; do
	h=${host##*.}
	gap=$(awk -F'\t' -v t="$tkill" -v nf=$NFEEDS '$1 > t {
	    split($3, p, "/"); f = p[2]; k = substr(f, 2) + 0
	    if (k <= nf && !(f in s)) s[f] = $1 - t }
	    END { m = 0; n = 0; for (f in s) { n++; if (s[f] > m) m = s[f] }
	    printf "%.1f %d\n", m, n }' "$T/h$h.log")
	echo "# host $host: its $(echo "$gap" | cut -d' ' -f2) feeds asked" \
	    "again at most $(echo "$gap" | cut -d' ' -f1)s after the kill"
	awk -v g="${gap% *}" -v b="$bound" 'BEGIN { exit !(g > b) }' && late=1
done
check "the killed node's feeds were polled again within ${bound}s" \
    test -n "$killed" -a $late = 0

# host_rate: in any 2 s, no host got more than 2 * RATE requests (+2).
fast=0
for h in 1 2 3 4 5 6 7 8; do
	cut -f1 "$T/h$h.log" | sort -n | awk -v lim=$((2 * RATE + 2)) '
	    { t[NR] = $1 } END { j = 1; for (i = 1; i <= NR; i++) {
	    while (t[i] - t[j] >= 2) j++; if (i - j + 1 > lim) bad = 1 }
	    exit bad }' || { fast=1; echo "# host 127.0.0.$h asked too fast"; }
done
check "no host asked faster than host_rate" test $fast = 0

for i in 1 2 3; do
	kill -TERM "$(eval echo \$NPID$i)" 2>/dev/null
done
rcs=""
for i in 1 2 3; do
	wait "$(eval echo \$NPID$i)" 2>/dev/null
	rcs="$rcs$?"
done
check "SIGTERM: every node exits 0, its shards handed back" sh -c '
    test "$1" = 000 && test "$("$2/psql" -X -A -t -d "$3" -c "SELECT
    count(*) FROM shards WHERE owner IS NOT NULL")" = 0' - "$rcs" \
    "$PGBIN" "$PGURI"
check "no sanitizer report in any node's log" sh -c '
    ! grep -l "Sanitizer\|runtime error" "$@"' - "$T"/n?.log
check "no store errors on node 1" sh -c '! grep -q "postgresql: .*ERROR" "$1"' \
    - "$T/n1.log" || grep "ERROR" "$T/n1.log" | diag /dev/stdin
finish
