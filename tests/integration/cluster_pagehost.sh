#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# cluster_pagehost.sh: host_rate holds for the cluster on a host that
# serves articles (SPEC "Cluster mode", "Articles").  Feeds are sharded by
# host, pages are not: two nodes, each polling one feed host, fetch the
# articles of their items from a third host, and each request there takes
# its turn in the database (store_pg_turn).  With host_rate = 2 the page
# host is never asked twice within 0.45 s, though both nodes ask it.  The
# page host serves a feed too, polled every second by its owner: once the
# host is known to serve pages, those feed requests take turns as well.
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/pg_lib.inc"

if ! pg_have; then
	echo "ok 1 - cluster page hosts # SKIP PostgreSQL is not installed"
	echo "1..1"
	exit 0
fi
if [ "${TEST_TIMEOUT_SCALE:-1}" -gt 1 ]; then
	echo "ok 1 - cluster page hosts # SKIP leases of seconds under valgrind"
	echo "1..1"
	exit 0
fi
trap 'pg_cleanup; cleanup' EXIT

NFEEDS=4
NPER=3		# items a feed carries, each with its page on 127.0.0.3
pg_start || { nok "PostgreSQL started"; cat "$PGT"/*.log; finish; exit 1; }
ok "PostgreSQL started"
start_hosts 3
mkdir -p "$T/www/a"

# Feed K (on 127.0.0.1 or .2) carries NPER items whose pages are on .3.
k=1
while [ $k -le $NFEEDS ]; do
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>T</title>'
		r=1
		while [ $r -le $NPER ]; do
			article_page "p${k}x$r"
			printf '<item><guid>p%sx%s</guid>' $k $r
			printf '<title>U.S. sanctions oil tankers %s</title>' \
			    "p${k}x$r"
			printf '<link>http://127.0.0.3:%s/a/p%sx%s</link>' \
			    "$HPORT" $k $r
			printf '<description>Washington moves.</description>'
			printf '</item>\n'
			r=$((r + 1))
		done
		echo '</channel></rss>'
	} >"$T/www/f$k.xml"
	k=$((k + 1))
done

# f1 .. f4 on the feed hosts, read once; f5, empty, on the page host.
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>%s\n' \
    '</channel></rss>' >"$T/www/f5.xml"
node_feeds() {
	nf_k=1
	while [ $nf_k -le $NFEEDS ]; do
		printf '[feed f%s]\nurl = http://127.0.0.%s:%s/f%s.xml\n' \
		    $nf_k $((nf_k % 2 + 1)) "$HPORT" $nf_k
		echo "interval = 1h"
		nf_k=$((nf_k + 1))
	done
	printf '[feed f5]\nurl = http://127.0.0.3:%s/f5.xml\ninterval = 1s\n' \
	    "$HPORT"
}
node_ports 2
for i in 1 2; do
	node_conf $i "$PGURI" "lease = 2s" "fetch_article = yes" \
	    "article_wait = 30s" "host_rate = 2" "retention = 0"
done
"$TESTBIN/zsub" -e "tcp://127.0.0.1:$PPORT1" >"$T/sub1.out" &
pids="$pids $!"
sleep 0.3
# Both nodes at once: each claims one of the two feed hosts.
ok=1
for i in 1 2; do
	start_node $i || ok=0
done
check "two nodes started" test $ok = 1
check "each node polls one feed host" wait_for 15 owners 2

total=$((NFEEDS * NPER))
published() { test "$(grep -c '"type":"item"' "$T/sub1.out")" -ge "$1"; }
check "every item published with its article" wait_for 60 published $total
check "both nodes asked the page host" sh -c '
    grep -q "127.0.0.3:[0-9]*/a/" "$1" && grep -q "127.0.0.3:[0-9]*/a/" "$2"' \
    - "$T/n1.log" "$T/n2.log"
grep '	/a/' "$T/h3.log" | cut -f1 | sort -n >"$T/times"
check "the page host was asked for every page" \
    test "$(wc -l <"$T/times")" -ge $total
# The shortest gap between two requests to the page host.
gap=$(awk 'NR > 1 { d = $1 - p; if (min == "" || d < min) min = d }
    { p = $1 } END { printf "%.3f", min }' "$T/times")
if awk -v g="$gap" 'BEGIN { exit !(g >= 0.45) }'; then
	ok "the page host was never asked twice within 0.45 s (shortest $gap s)"
else
	nok "the page host was never asked twice within 0.45 s (shortest $gap s)"
	diag "$T/times"
fi
# Every request to the page host after its first page (and a lease
# renewal, when the feed's owner reads which hosts serve pages) 1.5 s on.
awk -F'\t' '$1 ~ /^[0-9]/ { print $1 }' "$T/h3.log" | sort -n \
    >"$T/all"
first=$(head -1 "$T/times")
gap=$(awk -v t0="$first" '$1 >= t0 + 1.5 { if (n++) { d = $1 - p;
    if (min == "" || d < min) min = d } p = $1 } END { printf "%.3f %d", min, n }' \
    "$T/all")
if awk -v g="$gap" 'BEGIN { split(g, a, " "); exit !(a[1] >= 0.45 && a[2] >= 4) }'
then
	ok "feed and page requests to the page host: none within 0.45 s ($gap)"
else
	nok "feed and page requests to the page host: none within 0.45 s ($gap)"
	diag "$T/h3.log"
fi
check "the turns are in the database" sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*) FROM host_turns
    WHERE host = '"'"'127.0.0.3'"'"'")" = 1' - "$PGBIN" "$PGURI"
for i in 1 2; do
	kill -TERM "$(eval echo \$NPID$i)"
	wait "$(eval echo \$NPID$i)"
	check "node $i exits 0 on SIGTERM" test $? = 0
done
check "no sanitizer report" sh -c '! grep -l "Sanitizer\|runtime error" "$@"' \
    - "$T"/n?.log
finish
