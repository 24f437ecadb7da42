#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_cluster.sh: new items per second stored, from a cold start to the
# last item stored, for the same feeds (BENCH_FEEDS, default 400, of about
# 50 KB, on eight loopback hosts):
#
#   floor: one sanctiond --once on SQLite (the embedded default);
#   postgresql, 1, 2 and 3 nodes on one PostgreSQL of the bench's own
#         (started as in tests/integration/pg_lib.inc; skipped without it).
#
# Each row is the items per second and its ratio to the floor.  On this
# machine the nodes share its cores with the database, so more nodes do
# not mean more CPU: see doc/cluster.md for where the limit is.
# Medians of BENCH_RUNS runs (default 1).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
NFEEDS=${BENCH_FEEDS:-400}
RUNS=${BENCH_RUNS:-1}
NHOSTS=8
for p in "$BIN/sanctiond" "$O/tests/httpd" "$O/tests/freeport" \
    "$O/bench/fetch_bench"; do
	[ -x "$p" ] || { echo "bench_cluster: $p missing" >&2; exit 1; }
done

T=$(mktemp -d /tmp/sanctiond-bench.XXXXXX)
chmod 755 "$T"
pids=""
. "$top/tests/integration/pg_lib.inc"
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	pg_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.4f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

mkdir -p "$T/www"
"$O/bench/fetch_bench" gen "$T/www" "$NFEEDS" >/dev/null
"$O/tests/httpd" -r "$T/www" -a 127.0.0.1 -P "$T/port" -l /dev/null &
pids="$pids $!"
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
HPORT=$(cat "$T/port")
h=2
while [ $h -le $NHOSTS ]; do
	"$O/tests/httpd" -r "$T/www" -a "127.0.0.$h" -p "$HPORT" -l /dev/null &
	pids="$pids $!"
	h=$((h + 1))
done
sleep 0.3

write_conf() {	# file state [node]
	{
		echo "[daemon]"
		echo "state = $2"
		[ $# -gt 2 ] && echo "node = $3"
		echo "publish = tcp://127.0.0.1:$("$O/tests/freeport")"
		echo "metrics = no"
		echo "allow_private_addresses = yes"
		echo "host_rate = 100000"
		echo "host_connections = 16"
		echo "log_level = warning"
		# Items link to hosts that do not exist: article fetches would
		# time the resolver, not the store (as in bench_daemon.sh).
		echo "fetch_article = no"
		wk=0
		for f in "$T"/www/*.xml; do
			b=$(basename "$f" .xml)
			printf '[feed %s]\nurl = http://127.0.0.%s:%s/%s.xml\ninterval = 1h\n' \
			    "$b" $((wk % NHOSTS + 1)) "$HPORT" "$b"
			wk=$((wk + 1))
		done
	} >"$1"
	chmod 600 "$1"
}

status=0
: >"$T/sqlite"
r=1
while [ $r -le "$RUNS" ]; do
	rm -f "$T"/state.db*
	write_conf "$T/sqlite.conf" "$T/state.db"
	t=$(now)
	"$BIN/sanctiond" -f --once -c "$T/sqlite.conf" 2>"$T/sqlite.log" ||
	    { echo "sqlite run failed:"; tail -n 5 "$T/sqlite.log"; status=1; }
	secs=$(elapsed "$t")
	items=$(sqlite3 "$T/state.db" "SELECT count(*) FROM items")
	awk -v n="$items" -v s="$secs" 'BEGIN { print n / s }' >>"$T/sqlite"
	r=$((r + 1))
done
floor=$(median <"$T/sqlite")
echo "feeds $NFEEDS on $NHOSTS hosts, $items items, medians of $RUNS runs"
printf 'floor: sqlite --once               %8.0f items/s\n' "$floor"

if ! pg_have || ! pg_start; then
	echo "postgresql: not installed or not started: skipped"
	exit $status
fi

# The schema, made once by a node with no feeds.
write_conf "$T/empty.conf" "$PGURI" n0
sed -i '/^\[feed/,$d' "$T/empty.conf"
: >"$T/empty.log"
"$BIN/sanctiond" -f -c "$T/empty.conf" 2>"$T/empty.log" &
e=$!
i=0
until grep -q started "$T/empty.log" || [ $i -gt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
kill $e; wait $e

# run_nodes K: K nodes on an empty database until every item is stored.
# Their heartbeats are in before they start, so that the first node to
# come up claims its share of the hosts, not all of them.
run_nodes() {
	psql_q "TRUNCATE feeds, items, item_keys, sightings, events, shards,
	    nodes; UPDATE counter SET seq = 0" >/dev/null
	nk=1
	while [ $nk -le "$1" ]; do
		psql_q "INSERT INTO nodes VALUES ('n$nk',
		    now() + interval '60 seconds', 0)" >/dev/null
		nk=$((nk + 1))
	done
	np=""
	t=$(now)
	nk=1
	while [ $nk -le "$1" ]; do
		write_conf "$T/n$nk.conf" "$PGURI" "n$nk"
		"$BIN/sanctiond" -f -c "$T/n$nk.conf" 2>"$T/n$nk.log" &
		np="$np $!"
		nk=$((nk + 1))
	done
	i=0
	while [ "$(psql_q "SELECT count(*) FROM items" 2>/dev/null)" != \
	    "$items" ] && [ $i -lt 1200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	secs=$(elapsed "$t")
	for p in $np; do kill "$p" 2>/dev/null; done
	for p in $np; do wait "$p" 2>/dev/null; done
	[ $i -lt 1200 ] || { echo "postgresql, $1 nodes: timed out" >&2
	    tail -n 5 "$T"/n*.log >&2; return 1; }
	awk -v n="$items" -v s="$secs" 'BEGIN { print n / s }'
}

for k in 1 2 3; do
	: >"$T/pg$k"
	r=1
	while [ $r -le "$RUNS" ]; do
		run_nodes $k >>"$T/pg$k" || status=1
		r=$((r + 1))
	done
	v=$(median <"$T/pg$k")
	[ -n "$v" ] && awk -v v="$v" -v f="$floor" -v k=$k 'BEGIN {
	    printf "postgresql, %d node%s              %8.0f items/s  = %.2fx floor\n",
	    k, (k > 1 ? "s" : " "), v, v / f }'
done
exit $status
