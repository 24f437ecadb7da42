#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# cluster_article.sh: fetch_article in cluster mode (SPEC "Articles",
# "Cluster mode").  Two nodes on one PostgreSQL of the test's own, eight
# feeds on two hosts, fetch_article = yes: every new item is held in the
# database until its article is in, then published once with it.  Then
# the pages hang, a node is SIGKILLed with items held, and the node that
# takes its hosts over finishes them: each published once, with its
# article.
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/pg_lib.inc"

if ! pg_have; then
	echo "ok 1 - cluster articles # SKIP PostgreSQL is not installed"
	echo "1..1"
	exit 0
fi
if [ "${TEST_TIMEOUT_SCALE:-1}" -gt 1 ]; then
	echo "ok 1 - cluster articles # SKIP leases of seconds under valgrind"
	echo "1..1"
	exit 0
fi
trap 'pg_cleanup; cleanup' EXIT

LEASE=2
NFEEDS=8
pg_start || { nok "PostgreSQL started"; cat "$PGT"/*.log; finish; exit 1; }
ok "PostgreSQL started"

mkdir -p "$T/www/a"
: >"$T/script"
for h in 1 2; do
	if [ $h = 1 ]; then
		"$TESTBIN/httpd" -r "$T/www" -a 127.0.0.1 -P "$T/httpd.port" \
		    -s "$T/script" -l "$T/h1.log" &
		pids="$pids $!"
		wait_for 10 test -s "$T/httpd.port" ||
		    { nok "httpd started"; exit 1; }
		HPORT=$(cat "$T/httpd.port")
	else
		"$TESTBIN/httpd" -r "$T/www" -a 127.0.0.2 -p "$HPORT" \
		    -s "$T/script" -l "$T/h2.log" &
		pids="$pids $!"
	fi
done
sleep 0.3

# round R: feed K carries items aKx1 .. aKxR, each with its page.
round() {
	k=1
	while [ $k -le $NFEEDS ]; do
		{
			echo '<?xml version="1.0" encoding="UTF-8"?>'
			echo '<rss version="2.0"><channel><title>T</title>'
			echo "<link>http://127.0.0.1:$HPORT/</link>"
			r=1
			while [ $r -le "$1" ]; do
				article_page "a${k}x$r"
				printf '<item><guid>a%sx%s</guid>' $k $r
				printf '<title>U.S. sanctions oil tankers %s</title>' \
				    "a${k}x$r"
				printf '<link>http://127.0.0.%s:%s/a/a%sx%s</link>' \
				    $((k % 2 + 1)) "$HPORT" $k $r
				printf '<description>Washington moves.</description>'
				printf '</item>\n'
				r=$((r + 1))
			done
			echo '</channel></rss>'
		} >"$T/www/.f$k.tmp"
		mv "$T/www/.f$k.tmp" "$T/www/f$k.xml"
		k=$((k + 1))
	done
}

node_ports 2
for i in 1 2; do
	node_conf $i "$PGURI" "lease = ${LEASE}s" "fetch_article = yes" \
	    "article_wait = 8s" "retention = 0"
done
round 0
"$TESTBIN/zsub" -e "tcp://127.0.0.1:$PPORT1" >"$T/sub1.out" &
pids="$pids $!"
sleep 0.3
ok=1
for i in 1 2; do
	start_node $i || ok=0
done
check "two nodes started" test $ok = 1
check "each node polls one host" wait_for 15 owners 2
check "fetch_article is not said to be unsupported" \
    sh -c '! grep -q "fetch_article is not supported" "$1"' - "$T/n1.log"
sleep 1

# items R: "id status" of node 1's item events of round R.
items() { grep '"type":"item"' "$T/sub1.out" | cut -f2- |
    jq -r "select(.item.id | endswith(\"x$1\")) |
    \"\(.item.id) \(.item.article.status)\""; }
got() { test "$(items "$1" | wc -l)" -ge "$2"; }

round 1
check "round 1: every item published" wait_for 40 got 1 $NFEEDS
items 1 >"$T/i1"
check "round 1: each with its article (status ok), once" sh -c '
    test "$(sort -u "$1" | grep -c " ok$")" = "$2" &&
    test "$(wc -l <"$1")" = "$2"' - "$T/i1" $NFEEDS || diag "$T/i1"
check "round 1: the articles' text is in the events" sh -c '
    grep "\"type\":\"item\"" "$1" | cut -f2- |
    test -s "$1" && jq -e -s "map(.item.article.text | contains(\"13850\")) | all" \
    >/dev/null' - "$T/sub1.out"

# Round 2: the pages hang; node 2 dies with its items held.
k=1
while [ $k -le $NFEEDS ]; do
	echo "/a/a${k}x2 delay 60" >>"$T/script"
	k=$((k + 1))
done
sleep 1.2	# the script is re-read when it changes
round 2
check "round 2: every item held in the database" wait_for 30 sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*)
    FROM articles")" = "$3"' - "$PGBIN" "$PGURI" $NFEEDS
killed=$(psql_q "SELECT id FROM shards WHERE owner = 'n2'")
kill -KILL "$NPID2"
wait "$NPID2" 2>/dev/null
: >"$T/script"	# the pages answer again (new requests)
check "round 2: node 1 takes node 2's host and its held items" \
    wait_for 20 grep -q "items waiting for their article" "$T/n1.log"
check "round 2 (node 2 killed with items held): every item published" \
    wait_for 40 got 2 $NFEEDS
sleep 2
items 2 >"$T/i2"
check "round 2: each once" sh -c '
    test "$(cut -d" " -f1 "$1" | sort | uniq -d | wc -l)" = 0 &&
    test "$(wc -l <"$1")" = "$2"' - "$T/i2" $NFEEDS || diag "$T/i2"
# Node 2's host is 127.0.0.$h: its feeds' items were finished by node 1
# after the takeover, with the page fetched again (ok).
h=${killed##*.}
check "round 2: node 2's held items finished by node 1 with their article" \
    sh -c 'test "$(awk -v h="$2" "{ k = substr(\$1, 2) + 0;
    if (k % 2 + 1 == h && \$2 == \"ok\") n++ } END { print n + 0 }" \
    "$3")" = "$(($1 / 2))"' - $NFEEDS "$h" "$T/i2" || diag "$T/i2"
check "nothing left held" sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*)
    FROM articles")" = 0' - "$PGBIN" "$PGURI"
check "the cluster's seqs have no gap and no reuse" sh -c '
    test "$("$1/psql" -X -A -t -d "$2" -c "SELECT count(*) = max(seq)
    AND count(DISTINCT seq) = count(*) FROM events")" = t' \
    - "$PGBIN" "$PGURI"
kill -TERM "$NPID1"
wait "$NPID1"
check "node 1 exits 0 on SIGTERM" test $? = 0
check "no sanitizer report" sh -c '! grep -l "Sanitizer\|runtime error" "$@"' \
    - "$T"/n?.log
finish
