#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# fetch_errors: every kind of failure the test server can produce, as
# "sanctionctl fetch" reports it (exit 1, one stderr line naming the URL and
# the reason, the other feeds still printed) and as the engine classifies it.
. "$TOP/tests/lib_httpd.sh"
httpd_start
write_feed feed.xml 2
write_feed trunc.xml 40
cat >"$WORK/script" <<EOS
/429 status 429 120
/429d status 429 @120
/500 status 500
/gone status 410
/r301 redirect 301 $URL/feed.xml
/r302 redirect 302 $URL/feed.xml
/r308 redirect 308 $URL/feed.xml
/loop loop
/ftp redirect 302 ftp://127.0.0.1:$PORT/feed.xml
/file redirect 302 file:///etc/passwd
/bomb gzip 16
/big big 20
/trunc.xml truncate
/html html
/empty empty
/drip drip 100
/laughs laughs
/deep deep 100000
/badutf8 badutf8
/latin.xml header Content-Type application/rss+xml; charset=ISO-8859-1
EOS
printf '<rss version="2.0"><channel><title>Caf\351</title><item><title>\311tude</title><guid isPermaLink="false">l1</guid></item></channel></rss>\n' \
    >"$WORK/root/latin.xml"

# Every failing path at once through the engine (no politeness delay here:
# that has its own test), then each report: its class, and a message that
# names the URL and the reason.  sanctionctl prints these same messages.
# The drip gets a run of its own with a short timeout; the others a long one,
# so that a loaded machine (or ASan) serving the bomb and the big body at the
# same time cannot turn a quick answer into a time-out.
paths="/429 /429d /500 /gone /nothere /loop /ftp /file /bomb /big /trunc.xml
    /html /empty"
urls=
for p in $paths; do urls="$urls $URL$p"; done
# Two more that are not paths: a name that cannot resolve (RFC 6761), and
# TLS spoken to a plain HTTP server.
tls=https://127.0.0.1:$PORT/feed.xml
dns=http://does-not-exist.invalid/feed.xml
"$TESTBIN/fetchdrive" -a -1 -r 0 -c 20 -T 30 -t 60 $urls "$tls" "$dns" \
    >"$WORK/drive" 2>&1
"$TESTBIN/fetchdrive" -a -1 -r 0 -T 2 -t 30 "$URL/drip" >>"$WORK/drive" 2>&1
check "TLS failure: classified tls, message names the URL" \
    grep -q "url=$tls status=tls .*msg=$tls: " "$WORK/drive"
check "unresolvable name: classified dns, message names the URL" \
    grep -q "url=$dns status=dns .*msg=$dns: .*resolve" "$WORK/drive"

fails() {	# PATH CLASS REASON
	line=$(grep "url=$URL$1 " "$WORK/drive")
	if echo "$line" | grep -q "status=$2 " &&
	    echo "$line" | grep -q "msg=$URL$1: .*$3"; then
		ok "$1: classified $2, the message names the URL: $3"
	else
		not_ok "$1: classified $2, the message names the URL: $3"
		echo "# ${line:-no report}"
	fi
}

fails /429 http_429 "HTTP status 429"
fails /429d http_429 "HTTP status 429"
fails /500 http_5xx "HTTP status 500"
fails /gone gone "HTTP status 410"
fails /nothere http_4xx "HTTP status 404"
fails /loop redirect "redirect"
fails /ftp refused "only http and https"
fails /file refused "only http and https"
fails /bomb too_large "too large"
fails /big too_large "too large"
fails /trunc.xml other "transfer closed"
fails /html not_feed "not a feed"
fails /empty not_feed "empty body"
fails /drip timeout "timed out"

# Redirects that work: a permanent one moves the feed, a temporary one not.
for r in r301:1 r302:0 r308:1; do
	p=${r%:*} moved=${r#*:}
	"$TESTBIN/fetchdrive" -a -1 "$URL/$p" >"$WORK/drive" 2>&1
	check "/$p is followed (status ok, moved=$moved)" \
	    grep -q "status=ok code=200 .*moved=$moved" "$WORK/drive"
done
check "a permanent redirect becomes the feed's URL" \
    grep -q "url=$URL/feed.xml " "$WORK/drive"

# The guard: without --allow-private 127.0.0.1 is refused, and says why,
# on the first hop as on a redirect's.  (sanctionctl runs are few: loading
# the classifier is slow under the sanitizers.)
n=$(wc -l <"$HTTPD_LOG")
"$SANCTIONCTL" fetch "$URL/feed.xml" "$URL/r301" >"$WORK/out" 2>"$WORK/err"
rc=$?
m=$(wc -l <"$HTTPD_LOG")
check "without --allow-private: exit 1" [ "$rc" = 1 ]
check "the refusal names the URL, the address and its class" \
    grep -q "^sanctionctl: fetch: $URL/feed.xml: refused to connect to 127.0.0.1: loopback" \
    "$WORK/err"
check "one line per refused feed" [ "$(wc -l <"$WORK/err")" = 2 ]
check "no request reached the server from a refused fetch" [ "$m" = "$n" ]

# Failing feeds do not stop the others from being printed.
"$SANCTIONCTL" fetch --allow-private --timeout 6 "$URL/feed.xml" \
    "$URL/500" "$URL/drip" "$URL/bomb" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "mixed: exit 1" [ "$rc" = 1 ]
check "mixed: the good feed's items are printed" \
    [ "$(grep -c '"item":{' "$WORK/out")" = 2 ]
check "mixed: one stderr line per failing feed, none for the good one" \
    sh -c "[ \$(wc -l <'$WORK/err') = 3 ] && ! grep -q feed.xml '$WORK/err'"
check "mixed: the 500 is named with its URL" \
    grep -q "^sanctionctl: fetch: $URL/500: HTTP status 500" "$WORK/err"
check "mixed: the timeout is named with its URL" \
    grep -q "^sanctionctl: fetch: $URL/drip: .*timed out" "$WORK/err"
check "mixed: the bomb is named with its URL" \
    grep -q "^sanctionctl: fetch: $URL/bomb: too large" "$WORK/err"
# Hostile documents end as parse errors, named with their URL, and quickly.
# (A Latin-1 feed rides along: the charset of Content-Type reaches the parser.)
"$SANCTIONCTL" fetch --allow-private "$URL/laughs" "$URL/deep" \
    "$URL/badutf8" "$URL/latin.xml" >"$WORK/out2" 2>"$WORK/err2"
rc=$?
check "hostile documents: exit 1" [ "$rc" = 1 ]
for p in laughs deep; do
	check "hostile: /$p is a parse error named with its URL" \
	    grep -q "^sanctionctl: fetch: $URL/$p: .*parse error" "$WORK/err2"
done
# Invalid UTF-8 is read past (bad bytes replaced): a warning, its item kept.
check "hostile: /badutf8 is a warning named with its URL" \
    grep -q "^sanctionctl: fetch: $URL/badutf8: warning: .*UTF-8" "$WORK/err2"
check "and its item is printed" grep -q '"id":"bad-1"' "$WORK/out2"
check "the Content-Type charset decodes a Latin-1 feed" \
    grep -q '"title":"Café".*"title":"Étude"' "$WORK/out2"
check "and that feed is not named on stderr" \
    sh -c "! grep -q latin.xml '$WORK/err2'"
grep '"item":{' "$WORK/out" | sed 's#"url":"[^"]*"##' >"$WORK/fetched"
"$SANCTIONCTL" parse "$WORK/root/feed.xml" | sed 's#"url":"[^"]*"##' \
    >"$WORK/parsed"
check "its items are the same JSON that parse prints" \
    sh -c "[ -s '$WORK/fetched' ] && cmp -s '$WORK/fetched' '$WORK/parsed'"
done_testing
