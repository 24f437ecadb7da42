#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# term_escape: a server answers 429 with "Retry-After: ESC[2J ESC]0;...BEL"
# and a feed whose titles carry ESC and C1 (U+009B) bytes.  Neither the
# daemon's log nor "sanctionctl sub" on a terminal (its human-readable
# line, forced with script(1)) may carry a raw ESC or C1 byte: each is
# shown as \xNN.  The JSON on a pipe stays JSON (jansson's \u001b).
. "$TOP/tests/integration/daemon_lib.inc"

ESC=$(printf '\033')
C1=$(printf '\302\233')		# U+009B, CSI in one code point
pick_ports
mkdir -p "$T/www"
: >"$T/script"
"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
    -s "$T/script" 2>"$T/httpd.err" &
HTTPD_PID=$!
pids="$pids $!"
wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
HPORT=$(cat "$T/httpd.port")
feed e429
# Raw ESC is no XML character (the parser drops it), &#155; is.
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Evil \033[2J feed &#155;6n</title><item><guid isPermaLink="false">x1</guid><title>Item \033]0;owned\007 &#155;31m red</title><link>http://127.0.0.1/x1</link></item></channel></rss>\n' \
    >"$T/www/.esc.tmp"

conf e429 esc
start_sub "$T/live.out"
have_script=0
if command -v script >/dev/null 2>&1; then
	have_script=1
	# script(1) gives sanctionctl sub a terminal: the human line.
	script -qfec "$SANCTIONCTL sub --wait -e $PUB" "$T/tty.out" \
	    </dev/null >/dev/null 2>&1 &
	pids="$pids $!"
fi
sleep 0.5
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started"
sleep 1.5
# Only now, with the subscribers connected: the hostile answers.
printf '/e429.xml status 429 \033[2J\033]0;pwned\007 %s99\n' "$C1" \
    >"$T/script"
mv "$T/www/.esc.tmp" "$T/www/esc.xml"
wait_for 15 grep -q '^feed\.failing' "$T/live.out"
check "the 429 feed turns failing (a feed.failing event)" \
    grep -q '^feed\.failing' "$T/live.out"
wait_for 15 has_ids "$T/live.out" x1
check "the feed with escape bytes in its titles is published" \
    has_ids "$T/live.out" x1
check "the JSON event carries the Retry-After escaped by jansson" \
    grep -qiF 'Retry-After: \u001b[2J' "$T/live.out"
if [ $have_script = 1 ]; then
	wait_for 10 grep -q 'Retry-After' "$T/tty.out"
	wait_for 10 grep -q 'x1' "$T/tty.out"
	check "sub's terminal line shows the failing feed's Retry-After" \
	    grep -q 'Retry-After: \\x1b\[2J\\x1b\]0;pwned\\x07 \\xc2\\x9b99' \
	    "$T/tty.out"
	check "sub's terminal line shows the item" grep -q 'x1' "$T/tty.out"
	check "no raw ESC byte reaches the terminal" \
	    sh -c '! LC_ALL=C grep -aq "$1" "$2"' - "$ESC" "$T/tty.out"
	check "no raw C1 control reaches the terminal" \
	    sh -c '! LC_ALL=C grep -aq "$1" "$2"' - "$C1" "$T/tty.out"
else
	skip "sub's terminal line" "no script(1)"
fi
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
check "the log shows the Retry-After escaped" \
    grep -q 'Retry-After: \\x1b\[2J\\x1b\]0;pwned\\x07 \\xc2\\x9b99' \
    "$T/daemon.log"
check "no raw ESC byte in the daemon's log" \
    sh -c '! LC_ALL=C grep -aq "$1" "$2"' - "$ESC" "$T/daemon.log"
check "no raw C1 control in the daemon's log" \
    sh -c '! LC_ALL=C grep -aq "$1" "$2"' - "$C1" "$T/daemon.log"
kill "$HTTPD_PID" 2>/dev/null
wait "$HTTPD_PID" 2>/dev/null
if [ "$failed" != 0 ]; then
	grep -a 'Retry-After' "$T/daemon.log" | head -n 3 | od -c | head -20 |
	    sed 's/^/# /'
	[ -f "$T/tty.out" ] && od -c "$T/tty.out" | tail -n 20 | sed 's/^/# tty: /'
fi
finish
