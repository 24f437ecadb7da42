#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_article_polite: an article host is a host like any other.  With
# host_rate = 2 the feed and the three articles it links to on the same
# host are asked for no faster than one request every half second, one
# bucket for all of them (the test server's log has the times).
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
start_httpd
U="http://127.0.0.1:$HPORT"
for k in p1 p2 p3; do
	printf '<html><body><article><p>The EU today imposed sanctions on' \
	    >"$T/www/$k.html"
	printf ' %s.</p></article></body></html>\n' "$k" >>"$T/www/$k.html"
done
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo "<rss version=\"2.0\"><channel><title>T</title><link>$U/</link>"
	for i in p1 p2 p3; do
		printf '<item><guid>%s</guid><title>EU sanctions Belarus' "$i"
		printf ' officials (%s)</title><link>%s/%s.html</link></item>\n' \
		    "$i" "$U" "$i"
	done
	echo '</channel></rss>'
} >"$T/www/f.xml"
{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = yes"
	echo "host_rate = 2"
	echo "article_wait = 20s"
	printf '[feed f]\nurl = %s/f.xml\ninterval = 1h\n' "$U"
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started"
done3() { [ "$(grep -c '(article ok)' "$T/daemon.log.new")" = 3 ]; }
wait_for 30 done3
check "the three articles were fetched and their items published" done3 ||
    diag "$T/daemon.log.new"
grep -E '	GET	/(f\.xml|p[123]\.html)	' "$T/httpd.log" | cut -f1 >"$T/times"
check "four requests to the host: the feed and three articles" \
    test "$(wc -l <"$T/times" | tr -d ' ')" = 4 || diag "$T/httpd.log"
check "no two of them less than 0.45 s apart (host_rate = 2)" \
    awk 'NR > 1 && $1 - p < 0.45 { bad = 1 } { p = $1 } END { exit bad }' \
    "$T/times" || diag "$T/times"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
finish
