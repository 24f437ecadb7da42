#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_article: fetch_article (SPEC "Articles").  A headline-only item
# whose article names the count and the legal basis is published with them
# (status ok); a slow article is given up at article_wait (status timeout,
# published then); an article on a loopback address is refused by the
# address guard (status failed, a log line naming feed and URL, the server
# never asked); a page that is no article gives not_article; news the
# classifier rules out and a feed with fetch_article = no fetch nothing.
# The feeds go through tests/httpd as their proxy with
# allow_private_addresses = no, so the guard is the real one.
. "$TOP/tests/integration/daemon_lib.inc"

pick_ports
mkdir -p "$T/www"
cat >"$T/script" <<EOF
/slow.html delay 30
EOF
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" 2>"$T/httpd.err" &
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
H="feeds.example.test:$HPORT"

# item ID TITLE LINK: one RSS item with a one-sentence description.
item() {
	printf '<item><guid isPermaLink="false">%s</guid>' "$1"
	printf '<title>%s</title><link>%s</link>' "$2" "$3"
	printf '<description>Washington moves against Caracas.</description>'
	printf '</item>\n'
}
# rss NAME ITEMS: $T/www/NAME.xml
rss() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>Test</title>'
		echo "<link>http://$H/</link>"
		cat
		echo '</channel></rss>'
	} >"$T/www/.$1.tmp"
	mv "$T/www/.$1.tmp" "$T/www/$1.xml"
}
page() {	# NAME BODY...: an HTML page with an article
	f=$1; shift
	{
		echo "<html><head><title>$f</title></head><body>"
		echo "<nav><a href=\"/\">Home</a></nav><article>"
		for p in "$@"; do echo "<p>$p</p>"; done
		echo "</article><footer>Copyright</footer></body></html>"
	} >"$T/www/$f"
}
page ok.html "The US Treasury Department's Office of Foreign Assets\
 Control today designated Petroleos de Venezuela and 13 vessels under\
 Executive Order 13850, freezing their assets in the United States." \
    "The vessels carried Venezuelan crude to Cuba, officials said."
page slow.html "Slow, but sanctions nonetheless."
page priv.html "The guard must never let this be read."
page quiet.html "The US Treasury today designated 7 entities."
page park.html "The park opens in spring."
cat >"$T/www/links.html" <<EOF
<html><head><title>Index</title></head><body><nav><ul>
<li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ul></nav>
</body></html>
EOF

{
	item ok "U.S. sanctions Venezuela state oil firm" "http://$H/ok.html"
	item slow "U.S. sanctions Venezuela oil tankers" "http://$H/slow.html"
	item priv "U.S. sanctions Venezuela oil traders" \
	    "http://127.0.0.1:$HPORT/priv.html"
	item links "U.S. sanctions Venezuela oil brokers" "http://$H/links.html"
	item park "City council approves new park" "http://$H/park.html"
} | rss art
item quiet "U.S. sanctions Venezuela gold traders" "http://$H/quiet.html" |
    rss quiet

{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = no"
	echo "proxy = http://127.0.0.1:$HPORT"
	echo "host_rate = 1000"
	echo "article_wait = 3s"
	echo "metrics = 127.0.0.1:0"
	echo "log_level = info"
	printf '[feed art]\nurl = http://%s/art.xml\ninterval = 1s\n' "$H"
	printf '[feed quiet]\nurl = http://%s/quiet.xml\ninterval = 1s\n' "$H"
	printf 'fetch_article = no\n'
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"

"$SANCTIOND" -n -c "$T/sanctiond.conf" >"$T/n.out" 2>&1
check "sanctiond -n: fetch_article and article_wait are accepted" \
    grep -q "configuration OK" "$T/n.out" || diag "$T/n.out"

start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started"
# replay: every stored event, from the daemon (a live subscriber may
# connect after the first ones on a busy machine).
replay() {
	timeout 5 "$SANCTIONCTL" sub -e "$PUB" --since 0 2>/dev/null \
	    >"$T/replay.json"
	jq -r '"\(if .type == "item" then "item" else "feed." end)\t\(tojson)"' \
	    "$T/replay.json" >"$T/sub.out"
}
got() { replay; has_ids "$T/sub.out" "$@"; }
wait_for 20 got ok priv links park quiet slow

# ev ID: the item's event as the subscriber got it.
ev() { grep -v '^feed\.' "$T/sub.out" | cut -f2- | jq -c "select(.item.id == \"$1\")"; }
st() { ev "$1" | jq -r '.item.article.status // "none"'; }

check "ok: the article was fetched (status ok)" test "$(st ok)" = ok ||
    { ev ok; diag "$T/daemon.log.new"; }
ev ok >"$T/ok.json"
check "ok: the article's text is in the item" \
    sh -c 'jq -r .item.article.text "$1" | grep -q "13 vessels"' - "$T/ok.json"
check "ok: the article's url is the page's" \
    test "$(ev ok | jq -r .item.article.url)" = "http://$H/ok.html"
check "ok: the count found only in the article is reported (13)" \
    test "$(ev ok | jq -r .sanctions.targets.count)" = 13 || ev ok
check "ok: the legal basis found only in the article is reported" \
    sh -c 'jq -c .sanctions.legal_basis "$1" | grep -q "EO 13850"' - "$T/ok.json"
check "ok: the measure found only in the article is reported" \
    sh -c 'jq -c .sanctions.measures "$1" | grep -q asset_freeze' - "$T/ok.json"
check "ok: the feed's own text is kept as the feed gave it" \
    test "$(ev ok | jq -r .item.summary)" = "Washington moves against Caracas."

check "slow: published with status timeout" test "$(st slow)" = timeout
# When it was held and when it came out: about article_wait apart.
held=$(grep "waiting for its article http://$H/slow.html" "$T/daemon.log.new" |
    head -1 | cut -d' ' -f1)
check "slow: logged as given up after 3s" \
    grep -q "feed art: http://$H/slow.html: no article after 3s" \
    "$T/daemon.log.new"
check "slow: its event is not before article_wait (ts - held >= 2 s)" \
    sh -c 'h=$(date -d "$1" +%s 2>/dev/null) && e=$(date -d "$2" +%s) &&
    [ $((e - h)) -ge 2 ] && [ $((e - h)) -le 15 ]' - "$held" \
    "$(ev slow | jq -r .ts)"

check "priv: status failed" test "$(st priv)" = failed
check "priv: a log line names the feed and the URL, refused by the guard" \
    grep -q "feed art: article not fetched: http://127.0.0.1:$HPORT/priv.html: refused" \
    "$T/daemon.log.new"
check "priv: the server never saw the request" \
    sh -c '! grep -q "priv.html" "$1"' - "$T/httpd.log"
check "priv: published as the feed gave it" \
    test "$(ev priv | jq -r .item.title)" = "U.S. sanctions Venezuela oil traders"

check "links: a page with no article gives not_article" \
    test "$(st links)" = not_article

check "park: news the classifier rules out fetches nothing" \
    sh -c '[ "$2" = none ] && ! grep -q "park.html" "$1"' - \
    "$T/httpd.log" "$(st park)"
check "fetch_article = no: nothing fetched, no article object" \
    sh -c '[ "$2" = none ] && ! grep -q "quiet.html" "$1"' - \
    "$T/httpd.log" "$(st quiet)"
check "each item published once" \
    test -z "$(ids "$T/sub.out" | sort | uniq -d)"
check_events "$T/replay.json"

# How the waits ended, counted: in /metrics and in status.
MPORT=$(sed -n 's|.*metrics on http://127\.0\.0\.1:\([0-9]*\)/metrics.*|\1|p' \
    "$T/daemon.log.new" | head -1)
curl -s -f --max-time 10 -o "$T/metrics" "http://127.0.0.1:$MPORT/metrics"
check "metrics: articles by status (1 timeout, 1 failed, 1 not_article)" \
    sh -c 'grep -qx "sanctiond_articles_total{status=\"timeout\"} 1" "$1" &&
    grep -qx "sanctiond_articles_total{status=\"failed\"} 1" "$1" &&
    grep -qx "sanctiond_articles_total{status=\"not_article\"} 1" "$1" &&
    grep -q "^sanctiond_articles_total{status=\"ok\"} [1-9]" "$1" &&
    grep -qx "sanctiond_articles_waiting 0" "$1"' - "$T/metrics" ||
    diag "$T/metrics"
"$SANCTIONCTL" status -c "$T/sanctiond.conf" --json >"$T/status.json"
check "status --json: the same counts under daemon.articles" \
    test "$(jq '.daemon.articles | .timeout == 1 and .failed == 1 and
    .not_article == 1 and .ok >= 1 and .waiting == 0' "$T/status.json")" \
    = true || diag "$T/status.json"
"$SANCTIONCTL" status -c "$T/sanctiond.conf" >"$T/status.out"
check "status: an articles line in the table" \
    grep -q "^articles: [1-9][0-9]* ok, 1 failed, 1 timeout, 1 not_article, 0 waiting$" \
    "$T/status.out" || diag "$T/status.out"

# fetch_article = yes fetches even the news; bad values are refused.
sed 's/^fetch_article = no$/fetch_article = yes/' "$T/sanctiond.conf" \
    >"$T/c2" && mv "$T/c2" "$T/sanctiond.conf" && chmod 600 "$T/sanctiond.conf"
item quiet2 "City council approves new park" "http://$H/quiet.html" | rss quiet
kill -HUP "$DPID"
wait_for 15 got quiet2
check "fetch_article = yes: news is fetched too (status ok)" \
    test "$(st quiet2)" = ok
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0

printf '[daemon]\nstate = %s/x.db\nfetch_article = maybe\narticle_wait = 0\n[feed f]\nurl = http://example.org/\nfetch_article = always\n' \
    "$T" >"$T/bad.conf"
"$SANCTIOND" -n -c "$T/bad.conf" >"$T/bad.out" 2>&1
check "a bad [daemon] fetch_article is named with file:line" \
    grep -q "bad.conf:3: fetch_article: \"maybe\" is not flagged, yes or no" \
    "$T/bad.out"
check "a bad article_wait is named with file:line" \
    grep -q "bad.conf:4: article_wait: " "$T/bad.out"
check "a bad per-feed fetch_article is named with file:line" \
    grep -q "bad.conf:7: fetch_article: \"always\"" "$T/bad.out"
finish
