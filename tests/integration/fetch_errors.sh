#!/bin/sh
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
/bomb gzip 64
/big big 20
/trunc.xml truncate
/html html
/empty empty
/drip drip 100
EOS

# fails PATH CLASS REASON: sanctionctl and the engine agree it failed so.
fails() {
	path=$1 class=$2 reason=$3
	shift 3
	"$SANCTIONCTL" fetch --allow-private "$@" "$URL$path" \
	    >"$WORK/out" 2>"$WORK/err"
	rc=$?
	line=$(head -n 1 "$WORK/err")
	if [ "$rc" = 1 ] && [ "$(wc -l <"$WORK/err")" = 1 ] &&
	    echo "$line" | grep -q "$URL$path" &&
	    echo "$line" | grep -qi -- "$reason"; then
		ok "$path: exit 1, one line naming the URL: $reason"
	else
		not_ok "$path: exit 1, one line naming the URL: $reason"
		echo "# rc=$rc: $(cat "$WORK/err")"
	fi
	"$TESTBIN/fetchdrive" -a -1 -T 3 -t 20 "$URL$path" >"$WORK/drive" 2>&1
	if grep -q "status=$class " "$WORK/drive"; then
		ok "$path: classified $class"
	else
		not_ok "$path: classified $class"
		echo "# $(cat "$WORK/drive")"
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
fails /drip timeout "timed out" --timeout 2

# Redirects that work: a permanent one moves the feed, a temporary one not.
for r in r301:1 r302:0 r308:1; do
	p=${r%:*} moved=${r#*:}
	"$TESTBIN/fetchdrive" -a -1 "$URL/$p" >"$WORK/drive" 2>&1
	check "/$p is followed (status ok, moved=$moved)" \
	    grep -q "status=ok code=200 .*moved=$moved" "$WORK/drive"
done
check "a permanent redirect becomes the feed's URL" \
    grep -q "url=$URL/feed.xml " "$WORK/drive"

# The guard: without --allow-private 127.0.0.1 is refused, and says why.
"$SANCTIONCTL" fetch "$URL/feed.xml" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "without --allow-private: exit 1" [ "$rc" = 1 ]
check "the refusal names the URL, the address and its class" \
    grep -q "$URL/feed.xml: refused to connect to 127.0.0.1: loopback" \
    "$WORK/err"
n=$(grep -c '	/feed.xml	' "$HTTPD_LOG")
"$SANCTIONCTL" fetch "$URL/r301" >/dev/null 2>&1
m=$(grep -c '	/feed.xml	' "$HTTPD_LOG")
r=$(grep -c '	/r301	' "$HTTPD_LOG")
check "no request reached the server from a refused fetch" \
    [ "$m" = "$n" -a "$r" = 0 ]

# One failing feed does not stop the others from being printed.
"$SANCTIONCTL" fetch --allow-private "$URL/feed.xml" "$URL/500" \
    >"$WORK/out" 2>"$WORK/err"
rc=$?
check "mixed: exit 1" [ "$rc" = 1 ]
check "mixed: the good feed's items are printed" \
    [ "$(grep -c '"item":{' "$WORK/out")" = 2 ]
check "mixed: only the bad feed is named on stderr" \
    sh -c "[ \$(wc -l <'$WORK/err') = 1 ] && grep -q '/500: HTTP status 500' '$WORK/err'"
"$SANCTIONCTL" fetch --allow-private "$URL/feed.xml" >"$WORK/out" 2>"$WORK/err"
check "a good feed: exit 0, nothing on stderr" \
    sh -c "[ $? = 0 ] && [ ! -s '$WORK/err' ]"
check "its items are the same JSON that parse prints" \
    sh -c "[ -s '$WORK/out' ] && '$SANCTIONCTL' parse '$WORK/root/feed.xml' | sed 's#\"url\":\"[^\"]*\"##' >'$WORK/p' && sed 's#\"url\":\"[^\"]*\"##' '$WORK/out' | cmp -s - '$WORK/p'"
done_testing
