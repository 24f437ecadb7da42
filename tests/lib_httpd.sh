# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# lib_httpd.sh: sourced by integration tests that need tests/httpd.
#
#   . "$TOP/tests/lib_httpd.sh"
#   httpd_start            # serves $WORK/root, script $WORK/script
#   echo "/x status 500" >>"$WORK/script"
#   curl "$URL/x"; grep ... "$HTTPD_LOG"
#
# Sets WORK (a temp dir, removed at exit), PORT, URL, HTTPD_LOG, and TAP
# helpers ok/not_ok/check/done_testing.  The server and the temp dir are
# cleaned up on exit.
set -u
: "${TESTBIN:?}" "${TOP:?}"
WORK=$(mktemp -d /tmp/sanctiond-it.XXXXXX)
mkdir -p "$WORK/root"
: >"$WORK/script"
HTTPD_LOG=$WORK/requests.log
HTTPD_PID=
T_N=0
T_FAILED=0

cleanup() {
	if [ -n "$HTTPD_PID" ]; then
		kill "$HTTPD_PID" 2>/dev/null
		wait "$HTTPD_PID" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

httpd_start() {
	"$TESTBIN/httpd" -r "$WORK/root" -P "$WORK/port" -l "$HTTPD_LOG" \
	    -s "$WORK/script" 2>"$WORK/httpd.err" &
	HTTPD_PID=$!
	i=0
	while [ ! -s "$WORK/port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	PORT=$(cat "$WORK/port")
	URL=http://127.0.0.1:$PORT
}

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $*"; }
not_ok() { T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1)); echo "not ok $T_N - $*"; }
# check "what" command...: ok when the command succeeds.
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" = 0 ]
}

# A small RSS feed with N items (default 2) in file $1 under the root.
write_feed() {
	f=$WORK/root/$1
	n=${2:-2}
	{
		echo '<?xml version="1.0"?>'
		echo '<rss version="2.0"><channel><title>Test feed</title>'
		echo '<link>http://example.org/</link>'
		i=1
		while [ "$i" -le "$n" ]; do
			echo "<item><title>Item $i of $1</title><guid isPermaLink=\"false\">$1-$i</guid>"
			echo "<description>The EU imposed sanctions on firm $i.</description></item>"
			i=$((i + 1))
		done
		echo '</channel></rss>'
	} >"$f.tmp" && mv "$f.tmp" "$f"
}
