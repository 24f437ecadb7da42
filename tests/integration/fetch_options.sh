#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# fetch_options: what an operator asks for in the config reaches the server.
# tests/httpd is both the feeds' server and their HTTP forward proxy (it
# serves a request in absolute form as one to its path, and logs the
# absolute URI).  With allow_private_addresses = no: the proxy on 127.0.0.1
# is used (its hop is exempt), a feed to 127.0.0.1 without the proxy is
# refused, and so is one through it whose host is 127.0.0.1 by URL (first
# or after a redirect).  username + password_file, header, user_agent and
# http2 = no reach the server; the password and the header's token appear
# in no log line, event or the state file.  include: the feeds of two
# files run, a third appears on SIGHUP, an error names the included file.
. "$TOP/tests/integration/daemon_lib.inc"

PW="pw-s3cr3t-$$"
TOKEN="tok-s3cr3t-$$"
UA="sanction-ops/7 (+ops@example.org)"
pick_ports
mkdir -p "$T/www" "$T/conf.d"
cat >"$T/script" <<EOS
/proxied.xml proxied
/auth.xml proxied
/auth.xml auth reader:$PW
/hdr.xml proxied
/hdr.xml require X-Token $TOKEN
/h1.xml proxied
/ua.xml proxied
/inc1.xml proxied
/inc2.xml proxied
/inc3.xml proxied
/bounce.xml redirect 302 http://127.0.0.1:{port}/proxied.xml
/hdrmove.xml proxied
/hdrmove.xml redirect 302 http://other.example.test:{port}/hdr.xml
EOS
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" 2>"$T/httpd.err" &
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
for f in proxied auth hdr h1 ua direct literal bounce inc1 inc2 inc3; do
	feed "$f" "$f-1"
done
# A name that is resolved by no one but the proxy (which serves it all).
H="feeds.example.test:$HPORT"

printf '%s\n' "$PW" >"$T/pw"
chmod 600 "$T/pw"
{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = no"
	echo "host_rate = 1000"
	echo "log_level = debug"
	echo "proxy = http://127.0.0.1:$HPORT"
	echo "include = conf.d/*.conf"
	printf '[feed proxied]\nurl = http://%s/proxied.xml\ninterval = 1s\n' "$H"
	printf '[feed auth]\nurl = http://%s/auth.xml\ninterval = 1s\n' "$H"
	printf 'username = reader\npassword_file = %s\n' "$T/pw"
	printf '[feed hdr]\nurl = http://%s/hdr.xml\ninterval = 1s\n' "$H"
	printf 'header = X-Token: %s\nheader = X-Other: 1\n' "$TOKEN"
	printf '[feed hdrmove]\nurl = http://%s/hdrmove.xml\n' "$H"
	printf 'interval = 1s\nheader = X-Token: %s\n' "$TOKEN"
	printf '[feed h1]\nurl = http://%s/h1.xml\ninterval = 1s\n' "$H"
	printf 'http2 = no\n'
	printf '[feed ua]\nurl = http://%s/ua.xml\ninterval = 1s\n' "$H"
	printf 'user_agent = %s\n' "$UA"
	printf '[feed direct]\nurl = http://127.0.0.1:%s/direct.xml\n' "$HPORT"
	printf 'interval = 1s\nproxy = none\n'
	printf '[feed literal]\nurl = http://127.0.0.1:%s/literal.xml\n' "$HPORT"
	printf 'interval = 1s\n'
	printf '[feed bounce]\nurl = http://%s/bounce.xml\ninterval = 1s\n' "$H"
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"
printf '[feed inc1]\nurl = http://%s/inc1.xml\ninterval = 1s\n' "$H" \
    >"$T/conf.d/10-one.conf"
printf '[feed inc2]\nurl = http://%s/inc2.xml\ninterval = 1s\n' "$H" \
    >"$T/conf.d/20-two.conf"
chmod 600 "$T/conf.d"/*.conf

"$SANCTIOND" -n -c "$T/sanctiond.conf" >"$T/n.out" 2>&1
check "sanctiond -n: the config with every new key is OK" \
    grep -q "configuration OK" "$T/n.out"

# got FEED...: each feed's item was stored and published (from the log: a
# subscriber may connect too late for the first events on a busy machine;
# the events themselves are read back from replay below).
got() {
	for g_f in "$@"; do
		dlog | grep -q "feed $g_f: new item, .*($g_f-1)\$" || return 1
	done
}
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started"
wait_for 20 got proxied auth hdr h1 ua inc1 inc2
check "a feed through the proxy is fetched" got proxied
check "the proxy saw it (absolute form)" \
    grep -q "	GET	http://$H/proxied.xml	.*	200\$" "$T/httpd.log"
check "username + password_file: the server got the credentials" \
    sh -c 'grep -q "/auth.xml	.*	200\$" "$1" &&
    ! grep -q "/auth.xml	.*	401\$" "$1"' - "$T/httpd.log"
check "username + password_file: the items arrive" got auth
check "header: sent (the server required it)" got hdr
check "header: never refused for want of it" \
    sh -c '! grep -q "/hdr.xml	.*	400\$" "$1"' - "$T/httpd.log"
check "http2 = no is accepted and the feed fetched" got h1
check "user_agent per feed: the server saw it" \
    grep -q "	http://$H/ua.xml	.*	$UA	" "$T/httpd.log"
check "the global user agent elsewhere" \
    sh -c '! grep "/proxied.xml	" "$1" | grep -q "	$2	"' - \
    "$T/httpd.log" "$UA"
check "include: both included files' feeds run" got inc1 inc2
wait_for 10 grep -q "feed direct: .*refused to connect to 127.0.0.1" \
    "$T/daemon.log.new"
check "proxy = none to 127.0.0.1 with allow_private_addresses = no: refused" \
    grep -q "feed direct: .*refused to connect to 127.0.0.1: loopback" \
    "$T/daemon.log.new"
check "... and the server never saw it" \
    sh -c '! grep -q "/direct.xml" "$1"' - "$T/httpd.log"
wait_for 10 grep -q "feed literal: .*refused" "$T/daemon.log.new"
check "through the proxy to a 127.0.0.1 URL: refused by URL" \
    grep -q "feed literal: .*refused to fetch through the proxy: the host is a loopback" \
    "$T/daemon.log.new"
check "... and the proxy never heard of it" \
    sh -c '! grep -q "/literal.xml" "$1"' - "$T/httpd.log"
wait_for 10 grep -q "feed bounce: .*refused" "$T/daemon.log.new"
check "a redirect to 127.0.0.1 through the proxy: refused before it is followed" \
    sh -c 'grep -q "feed bounce: .*refused to fetch through the proxy" "$1" &&
    ! grep -q "	GET	http://127.0.0.1:$3/proxied.xml" "$2"' - \
    "$T/daemon.log.new" "$T/httpd.log" "$HPORT"
wait_for 10 grep -q "feed hdrmove: .*refused" "$T/daemon.log.new"
check "a redirect to another origin with the feed's headers: not followed" \
    sh -c 'grep -q "feed hdrmove: .*refused to follow a redirect to another origin with the feed.s headers" "$1" &&
    ! grep -q "other.example.test" "$2"' - "$T/daemon.log.new" "$T/httpd.log"

# A third included file and a SIGHUP: it is read again.
printf '[feed inc3]\nurl = http://%s/inc3.xml\ninterval = 1s\n' "$H" \
    >"$T/conf.d/30-three.conf"
chmod 600 "$T/conf.d/30-three.conf"
kill -HUP "$DPID"
wait_for 15 got inc3
check "SIGHUP reads the included files again (a new one's feed runs)" \
    got inc3
# Every event stored, from replay: none may carry a secret.
"$SANCTIONCTL" sub -e "$PUB" -r "$REPLAY" --since 0 >"$T/replay.out" \
    2>&1 &
SPID=$!
pids="$pids $SPID"
wait_for 10 grep -q '"inc3-1"' "$T/replay.out"
check "replay has the events (they were scanned)" \
    grep -q '"auth-1"' "$T/replay.out"
kill "$SPID" 2>/dev/null
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0

for f in live.out replay.out daemon.log state.db; do
	check "the password is nowhere in $f" \
	    sh -c '! grep -aqF "$1" "$2"*' - "$PW" "$T/$f"
	check "the header's token is nowhere in $f" \
	    sh -c '! grep -aqF "$1" "$2"*' - "$TOKEN" "$T/$f"
done

# An error in an included file names it, its line and its key.
printf '[feed inc4]\nurl = http://%s/x.xml\nbogus = 1\n' "$H" \
    >"$T/conf.d/40-bad.conf"
chmod 600 "$T/conf.d/40-bad.conf"
"$SANCTIOND" -n -c "$T/sanctiond.conf" >"$T/n2.out" 2>&1
check "an error in an included file names file:line: key (exit $?)" \
    grep -q "$T/conf.d/40-bad.conf:3: bogus: unknown key" "$T/n2.out"
printf '[daemon]\nlog_level = debug\n' >"$T/conf.d/40-bad.conf"
"$SANCTIOND" -n -c "$T/sanctiond.conf" >"$T/n3.out" 2>&1
check "[daemon] in an included file is an error naming it" \
    grep -q "$T/conf.d/40-bad.conf:1: \[daemon\]: " "$T/n3.out"
[ "$failed" != 0 ] && diag "$T/daemon.log"
finish
