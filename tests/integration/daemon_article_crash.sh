#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_article_crash: items waiting for their article are stored first
# and published once.  kill -9 while they wait: nothing of them is
# published before, and after the restart each is published exactly once
# (fetched again, status ok), seqs strictly increasing and never reused.
# SIGTERM while others wait: exit 0, and the next start publishes each
# once (given up at article_wait: status timeout).  Checked on the stored
# events (sanctionctl sub --since 0) and on a live subscriber.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
mkdir -p "$T/www"
slow() {	# the article pages answer after 30 s, or at once
	if [ "$1" = yes ]; then
		printf '/k1.html delay 30\n/k2.html delay 30\n/k3.html delay 30\n' \
		    >"$T/script.tmp"
	else
		: >"$T/script.tmp"
	fi
	mv "$T/script.tmp" "$T/script"
}
slow yes
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" 2>"$T/httpd.err" &
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
U="http://127.0.0.1:$HPORT"

for k in k1 k2 k3; do
	printf '<html><body><article><p>The US Treasury today designated' \
	    >"$T/www/$k.html"
	printf ' 9 companies in %s under Executive Order 13846.</p>' "$k" \
	    >>"$T/www/$k.html"
	printf '</article></body></html>\n' >>"$T/www/$k.html"
done
rss() {	# ID...: the feed, one headline-only sanctions item per ID
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>T</title><link>$U/</link>"
		for i in "$@"; do
			printf '<item><guid isPermaLink="false">%s</guid>' "$i"
			printf '<title>U.S. sanctions Iran oil network (%s)</title>' "$i"
			printf '<link>%s/%s.html</link></item>\n' "$U" "$i"
		done
		echo '</channel></rss>'
	} >"$T/www/.f.tmp"
	mv "$T/www/.f.tmp" "$T/www/f.xml"
}
rss n0
{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = yes"
	echo "host_rate = 1000"
	echo "article_wait = 10s"
	printf '[feed f]\nurl = %s/f.xml\ninterval = 1s\n' "$U"
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"

replay() {
	timeout 2 "$SANCTIONCTL" sub -e "$PUB" --since 0 2>/dev/null \
	    >"$T/replay.json"
	jq -r 'select(.type == "item") | "\(.seq) \(.item.id) \(.item.article.status // "none")"' \
	    "$T/replay.json" >"$T/replay.seqs"
}
has() { replay; for h in "$@"; do grep -q " $h " "$T/replay.seqs" || return 1; done; }

start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started"
wait_for 20 has n0
rss n0 k1 k2
wait_for 20 sh -c 'grep -c "waiting for its article .*/k[12].html" "$1" |
    grep -qx 2' - "$T/daemon.log.new"
check "k1 and k2 wait for their article" \
    grep -q "waiting for its article $U/k2.html" "$T/daemon.log.new"
replay
check "nothing of them is published while they wait" \
    sh -c '! grep -q " k[12] " "$1"' - "$T/replay.seqs"
stop_daemon KILL
check "the state file holds them, held" \
    test "$(sqlite3 "$T/state.db" 'SELECT count(*) FROM articles')" = 2

# The restart fetches them again; the server answers at once now.
slow no
start_daemon || nok "sanctiond restarted after kill -9"
check "the restart names what waits" \
    grep -q "2 items waiting for their article since the last run" \
    "$T/daemon.log.new"
wait_for 20 has k1 k2
check "after kill -9: k1 published once, article ok" \
    test "$(grep -c ' k1 ok$' "$T/replay.seqs")" = 1 || diag "$T/replay.seqs"
check "after kill -9: k2 published once, article ok" \
    test "$(grep -c ' k2 ok$' "$T/replay.seqs")" = 1
check "... with the legal basis from the article" \
    test "$(jq -c 'select(.item.id == "k1") | .sanctions.legal_basis' \
    "$T/replay.json")" = '["EO 13846"]'
check "nothing is held any more" \
    test "$(sqlite3 "$T/state.db" 'SELECT count(*) FROM articles')" = 0

# SIGTERM while k3 waits: nothing lost, nothing twice.
slow yes
rss n0 k1 k2 k3
wait_for 20 grep -q "waiting for its article $U/k3.html" "$T/daemon.log.new"
stop_daemon TERM
check "SIGTERM with an article pending: exit 0" test "$?" = 0
check "... at once: the pending page is left for the next start" \
    sh -c '! grep -q "still running after" "$1"' - "$T/daemon.log"
start_daemon || nok "sanctiond restarted after SIGTERM"
wait_for 20 has k3
check "after SIGTERM: k3 published once, given up at article_wait" \
    test "$(grep -c ' k3 timeout$' "$T/replay.seqs")" = 1 ||
    diag "$T/replay.seqs"
sleep 2	# more polls: nothing may come again
replay
check "every item stored once" \
    test -z "$(cut -d' ' -f2 "$T/replay.seqs" | sort | uniq -d)"
check "seqs strictly increasing" \
    sh -c 'cut -d" " -f1 "$1" | sort -n -c -u 2>/dev/null' - "$T/replay.seqs"
check "each item seen live under its stored seq alone" \
    test -z "$(seqs "$T/live.out" | sort -u | cut -d' ' -f2 | uniq -d)"
check_events "$T/replay.json"
stop_daemon TERM
finish
