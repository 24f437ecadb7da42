#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bad_config.sh: "sanctiond -n" on every kind of malformed line names the
# file and the line (test_config.c checks the messages one by one through
# config_load; this checks the real program's output and exit status, and
# that all errors of a file come out at once).
. "$TOP/tests/integration/daemon_lib.inc"

C=$T/bad.conf
GOOD="[daemon]
state = $T/state.db
publish = tcp://127.0.0.1:7750"

# bad LINE WHAT TEXT: TEXT follows the good [daemon] lines; the error must
# name $C and line LINE, and sanctiond -n must fail.
bad() {
	b_line=$1 b_what=$2
	printf '%s\n%s\n' "$GOOD" "$3" >"$C"
	chmod 600 "$C"
	"$SANCTIOND" -n -c "$C" >"$T/n.out" 2>&1
	b_rc=$?
	if [ "$b_rc" != 0 ] && grep -qF "$C:$b_line:" "$T/n.out" &&
	    ! grep -q "configuration OK" "$T/n.out"; then
		ok "$b_what: named with file and line $b_line"
	else
		nok "$b_what: named with file and line $b_line (status $b_rc)"
		sed 's/^/#   /' "$T/n.out" | head -n 3
	fi
}

printf '%s\n' "$GOOD" >"$C"
chmod 600 "$C"
check "the good part alone is OK" sh -c '"$1" -n -c "$2" |
    grep -q "configuration OK"' - "$SANCTIOND" "$C"
printf '%s\nretention = 0\n' "$GOOD" >"$C"
check "retention = 0 (keep everything) is OK" sh -c '"$1" -n -c "$2" |
    grep -q "configuration OK"' - "$SANCTIOND" "$C"

bad 4 "unknown key in [daemon]" "colour = blue"
bad 4 "a bad boolean" "allow_private_addresses = perhaps"
bad 4 "a bad duration" "interval = 5 fortnights"
bad 4 "a zero duration" "interval = 0s"
bad 4 "a bad retention" "retention = 90 days"
bad 4 "a negative retention" "retention = -1d"
bad 4 "a bad size" "max_body = lots"
bad 4 "a bad log level" "log_level = shouty"
bad 4 "a line that is not key = value" "just some words"
bad 4 "a section header without ]" "[feed x"
bad 4 "an unknown section" "[server]"
bad 4 "a bad feed name" "[feed a/b]
url = http://example.org/"
bad 5 "unknown key in a feed" "[feed x]
colour = blue
url = http://example.org/"
bad 5 "a feed url that is not http(s)" "[feed x]
url = ftp://example.org/feed.xml"
bad 5 "a feed url that is not a URL" "[feed x]
url = not a url"
bad 5 "a feed interval that is not a duration" "[feed x]
interval = often
url = http://example.org/"
bad 6 "a duplicate feed" "[feed x]
url = http://example.org/a
[feed x]
url = http://example.org/b"
bad 4 "a feed without url" "[feed x]
interval = 5m"
bad 4 "a binary line" "$(printf 'state\001\002 = x')"
bad 4 "an overlong line" "user_agent = $(head -c 9000 /dev/zero | tr '\0' a)"
bad 4 "an empty value" "publish ="

# Several errors: all of them, each with its line, in one run.
printf '%s\ncolour = blue\nlog_level = shouty\n[feed x]\nurl = ftp://x/\n' \
    "$GOOD" >"$C"
"$SANCTIOND" -n -c "$C" >"$T/n.out" 2>&1
check "three errors in one file: all three reported" \
    test "$(grep -cE "$C:(4|5|7):" "$T/n.out")" -ge 3

# The file itself.
printf '%s\n' "$GOOD" >"$C"
chmod 666 "$C"
"$SANCTIOND" -n -c "$C" >"$T/n.out" 2>&1
rc=$?
check "a config others can write is refused, naming the file" \
    sh -c '[ "$3" != 0 ] && grep -qF "$1" "$2"' - "$C" "$T/n.out" "$rc"
"$SANCTIOND" -n -c "$T/nonexistent.conf" >"$T/n.out" 2>&1
check "a missing config is named" \
    grep -qF "$T/nonexistent.conf" "$T/n.out"

# A FIFO as the config: open(2) must not wait for a writer that never
# comes (timeout makes the old hang a failure, not a stuck test).
mkfifo "$T/fifo.conf"
timeout 10 "$SANCTIOND" -n -c "$T/fifo.conf" >"$T/n.out" 2>&1
rc=$?
check "a FIFO as config: -n exits non-zero at once ($rc)" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ]' - "$rc"
check "and names it as not a regular file" \
    grep -qF "$T/fifo.conf: not a regular file" "$T/n.out"
timeout 10 "$SANCTIOND" -f -c "$T/fifo.conf" >"$T/n.out" 2>&1
rc=$?
check "a FIFO as config: the daemon refuses to start ($rc)" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ] &&
    grep -qF "$2: not a regular file" "$3"' - "$rc" "$T/fifo.conf" \
    "$T/n.out"
# The same for a CURVE key file named in it.
mkfifo "$T/key.fifo"
printf '%s\ncurve_key = %s\ncurve_allow = %s\n' "$GOOD" "$T/key.fifo" \
    "$T/key.fifo" >"$C"
chmod 600 "$C"
timeout 10 "$SANCTIOND" -n -c "$C" >"$T/n.out" 2>&1
rc=$?
check "a FIFO as curve_key: refused at once, named ($rc)" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ] &&
    grep -qF "$2: not a regular file" "$3"' - "$rc" "$T/key.fifo" \
    "$T/n.out"
timeout 10 "$SANCTIONCTL" import-opml "$T/fifo.conf" >"$T/n.out" 2>&1
rc=$?
check "a FIFO as OPML input: refused at once, named ($rc)" \
    sh -c '[ "$1" != 0 ] && [ "$1" != 124 ] &&
    grep -qF "$2: not a regular file" "$3"' - "$rc" "$T/fifo.conf" \
    "$T/n.out"
finish
