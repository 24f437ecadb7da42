#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# feed_password: a feed URL with user:password@ in the config (and given to
# sanctionctl fetch).  The credentials reach the server (it checks the
# Authorization header) and nothing else: no published event (items with
# links and enclosures resolved against the feed's URL, feed.url, a failing
# feed's message), no line of the daemon's log (stdout and stderr, at debug
# level), no output of sanctionctl fetch, and not the state file; nor
# another origin that a 301 moved the feed to.
. "$TOP/tests/integration/daemon_lib.inc"

PW="s3cr3t-pw-$$"
USERPW="reader:$PW"
pick_ports
mkdir -p "$T/www"
cat >"$T/script" <<EOS
/private.xml auth $USERPW
/broken.xml auth $USERPW
/moving.xml auth $USERPW
/moving.xml redirect 301 http://localhost:{port}/moved.xml
EOS
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" 2>"$T/httpd.err" &
HTTPD_PID=$!
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")

# Relative links and enclosures: resolved against the feed's URL.
private() {
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel>'
		echo '<title>Private</title><link>home/</link>'
		for p_id in "$@"; do
			echo "<item><guid isPermaLink=\"false\">$p_id</guid>"
			echo "<title>Item $p_id</title><link>a/$p_id</link>"
			echo "<enclosure url=\"m/$p_id.mp3\" type=\"audio/mpeg\""
			echo " length=\"1\"/></item>"
		done
		echo '</channel></rss>'
	} >"$T/www/.private.tmp"
	mv "$T/www/.private.tmp" "$T/www/private.xml"
}
private
cp "$T/www/private.xml" "$T/www/broken.xml"
cp "$T/www/private.xml" "$T/www/moved.xml"

{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = yes"
	echo "host_rate = 1000"
	echo "log_level = debug"
	echo "[feed private]"
	echo "url = http://$USERPW@127.0.0.1:$HPORT/private.xml"
	echo "interval = 1s"
	echo "[feed broken]"
	echo "url = http://$USERPW@127.0.0.1:$HPORT/broken.xml"
	echo "interval = 1s"
	echo "[feed moving]"
	echo "url = http://$USERPW@127.0.0.1:$HPORT/moving.xml"
	echo "interval = 1s"
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"

start_sub "$T/live.out"
"$SANCTIONCTL" sub -e "$PUB" --wait >"$T/ctl.out" 2>"$T/ctl.err" &
pids="$pids $!"
sleep 0.3
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started"
sleep 1.5
# Only now, with the subscribers surely connected: broken turns failing.
echo "/broken.xml status 500" >>"$T/script"
# The moving feed went to another origin for good (a 301 to localhost):
# from now on the credentials for 127.0.0.1 must not go there.
wait_for 10 grep -q "moved permanently .* to http://localhost:$HPORT/moved.xml" \
    "$T/daemon.log.new"
echo "/moved.xml auth $USERPW" >>"$T/script"
private p1 p2
wait_for 15 has_ids "$T/live.out" p1 p2
check "the password-protected feed's items arrive" has_ids "$T/live.out" p1 p2
wait_for 10 grep -q '^feed\.failing.*"broken"' "$T/live.out"
check "the failing feed's feed.failing event arrives" \
    grep -q '^feed\.failing.*"broken"' "$T/live.out"
check "the server got the credentials (200 with auth, never 401)" \
    sh -c 'grep -q "	/private.xml	.*	200\$" "$1" &&
    ! grep -q "	/private.xml	.*	401\$" "$1"' - "$T/httpd.log"
check "item links resolve against the URL without userinfo" \
    test "$(grep -v '^feed\.' "$T/live.out" | cut -f2- |
    jq -r 'select(.item.id == "p1") | .item.link')" = \
    "http://127.0.0.1:$HPORT/a/p1"
check "enclosures resolve against the URL without userinfo" \
    test "$(grep -v '^feed\.' "$T/live.out" | cut -f2- |
    jq -r 'select(.item.id == "p1") | .item.enclosures[0].url')" = \
    "http://127.0.0.1:$HPORT/m/p1.mp3"
check "feed.url is the URL without userinfo" \
    test "$(grep '^feed\.failing' "$T/live.out" | cut -f2- |
    jq -r 'select(.feed.name == "broken") | .feed.url' | head -n 1)" = \
    "http://127.0.0.1:$HPORT/broken.xml"
wait_for 10 grep -q '"p2"' "$T/ctl.out"
wait_for 10 grep -q "	/moved.xml	.*	401\$" "$T/httpd.log"
check "after a 301 to another origin the credentials are not sent there" \
    sh -c 'grep -q "	/moved.xml	.*	401\$" "$1" &&
    ! grep "	/moved.xml	.*	401\$" -A1000 "$1" |
    grep -q "	/moved.xml	.*	200\$"' - "$T/httpd.log"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0

# sanctionctl fetch with userinfo: items on stdout, a failure on stderr.
"$SANCTIONCTL" fetch --allow-private \
    "http://$USERPW@127.0.0.1:$HPORT/private.xml" >"$T/fetch.out" \
    2>"$T/fetch.err"
check "sanctionctl fetch with user:password@ gets the items" \
    grep -q '"p2"' "$T/fetch.out"
"$SANCTIONCTL" fetch --allow-private \
    "http://$USERPW@127.0.0.1:$HPORT/broken.xml" >"$T/fetch2.out" \
    2>"$T/fetch2.err"
check "sanctionctl fetch of a failing feed names it (exit $?)" \
    grep -q "127.0.0.1:$HPORT/broken.xml: .*500" "$T/fetch2.err"

"$SANCTIONCTL" fetch "http://$USERPW@[127.0.0.1/x.xml" >"$T/fetch3.out" \
    2>"$T/fetch3.err"
check "sanctionctl fetch of a URL that does not parse fails (exit $?)" \
    grep -q "does not parse" "$T/fetch3.err"

for f in live.out ctl.out ctl.err daemon.log fetch.out fetch.err \
    fetch2.out fetch2.err fetch3.out fetch3.err state.db; do
	check "the password is nowhere in $f" \
	    sh -c '! grep -aqF "$1" "$2"*' - "$PW" "$T/$f"
done
check "the daemon's log is not empty (it was scanned)" \
    grep -q "feed private" "$T/daemon.log"
kill "$HTTPD_PID" 2>/dev/null
wait "$HTTPD_PID" 2>/dev/null
[ "$failed" != 0 ] && grep -F "$PW" "$T/daemon.log" | head -n 5 | sed 's/^/# /'
finish
