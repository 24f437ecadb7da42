#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# hostile_server.sh: one sanctiond polls a good feed among many hostile ones
# (tests/httpd misbehaving on purpose) and must stay up, publish the good
# feed's items exactly once, leak no local file, obey Retry-After, stay
# small, and name every failing feed with its reason.  A second daemon
# without allow_private_addresses shows the SSRF guard refusing private
# addresses before it connects.
. "$TOP/tests/integration/daemon_lib.inc"

# The server with a script: every hostile path misbehaves in its own way.
start_script_httpd() {
	mkdir -p "$T/www"
	"$TESTBIN/httpd" -r "$T/www" -P "$T/httpd.port" -l "$T/httpd.log" \
	    -s "$T/script" 2>"$T/httpd.err" &
	HTTPD_PID=$!
	pids="$pids $!"
	wait_for 10 test -s "$T/httpd.port" || { nok "httpd started"; exit 1; }
	HPORT=$(cat "$T/httpd.port")
}

# A local file the XXE feed points at; its marker must never be published.
MARKER="xxe-marker-$$-$(date +%s)"
echo "$MARKER" >"$T/secret.txt"

cat >"$T/script" <<EOF
/bomb.xml gzip 128
/laughs.xml laughs
/loop.xml loop
/ftp.xml redirect 302 ftp://127.0.0.1:{port}/x.xml
/drip.xml drip 600
/big.xml big 64
/badutf8.xml badutf8
/html.xml html
/empty.xml empty
/truncated.xml truncate
/deep.xml deep 100000
/e500.xml status 500
/e429.xml status 429 3600
EOF
HOSTILE="bomb laughs loop ftp drip big badutf8 html empty truncated deep
e500 e429 xxe"

pick_ports
start_script_httpd
# The truncated feed needs a file to cut in half.
feed truncated t1 t2 t3 t4 t5 t6 t7 t8
cat >"$T/www/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://$T/secret.txt">]>
<rss version="2.0"><channel><title>XXE &xxe;</title>
<item><guid>xxe-1</guid><title>Leak: &xxe;</title>
<description>EU sanctions &xxe; firms.</description></item>
</channel></rss>
EOF
# The good feed starts empty: its items come once the subscribers are
# surely connected (a PUB socket drops what it sends before that).
feed good

{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = $PUB"
	echo "allow_private_addresses = yes"
	echo "host_rate = 1000"
	echo "host_connections = 32"
	echo "max_body = 8M"
	echo "timeout = 4s"
	echo "connect_timeout = 2s"
	echo "log_level = info"
	for f in good $HOSTILE; do
		printf '[feed %s]\nurl = http://127.0.0.1:%s/%s.xml\n' \
		    "$f" "$HPORT" "$f"
		echo "interval = 1s"
	done
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"

# Under AddressSanitizer freed memory waits in a 256 MB quarantine; keep it
# small so that VmHWM still measures the daemon, not the sanitizer.
if grep -q __asan_init "$SANCTIOND" 2>/dev/null; then
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=16"
	export ASAN_OPTIONS
fi
start_sub "$T/live.out"
"$SANCTIONCTL" sub -e "$PUB" --wait >"$T/ctl.out" 2>"$T/ctl.err" &
pids="$pids $!"
sleep 0.3
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
ok "sanctiond started among $(echo $HOSTILE | wc -w) hostile feeds"

# VmHWM of the daemon in kB (peak resident memory so far).
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$DPID/status" 2>/dev/null; }
alive() { kill -0 "$DPID" 2>/dev/null; }

sleep 1.5
feed good g1 s2 g3
wait_for 15 has_ids "$T/live.out" g1 s2 g3
check "the good feed's first items arrive" has_ids "$T/live.out" g1 s2 g3
# Mid-test the good feed gains an item; the hostile ones keep failing.
sleep 2
feed good g1 s2 g3 s4
wait_for 15 has_ids "$T/live.out" s4
check "a new item in the good feed arrives mid-test" \
    has_ids "$T/live.out" s4
# Let every hostile feed fail at least once more, the drip time out.
sleep 5
check "the daemon is still up" alive
peak=$(hwm)
check "peak memory (VmHWM ${peak:-?} kB) under 256 MB" \
    test "${peak:-999999}" -lt 262144

check "each good item published exactly once (zsub)" \
    test "$(ids "$T/live.out" | sort | uniq -c | awk '$1 != 1' | wc -l)" \
    = 0
check "no item published twice (zsub)" \
    test -z "$(ids "$T/live.out" | sort | uniq -d)"
check "sanctionctl sub saw the good feed's four items once each" \
    test "$(jq -r 'select(.type == "item") | .item.id' "$T/ctl.out" |
    grep -E '^[gs][0-9]$' | sort | tr '\n' ' ')" = "g1 g3 s2 s4 "
# The store agrees: a replay from 0 holds each good item once.
timeout 5 "$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/replay.out" \
    2>"$T/replay.err" &
rpid=$!
pids="$pids $rpid"
wait_for 10 grep -q '"s4"' "$T/replay.out"
kill "$rpid" 2>/dev/null
check "the store holds each good item once (replay --since 0)" \
    test "$(jq -r 'select(.type == "item") | .item.id' "$T/replay.out" |
    grep -E '^[gs][0-9]$' | sort | tr '\n' ' ')" = "g1 g3 s2 s4 "
check "every event is valid UTF-8 (the bad UTF-8 feed included)" \
    iconv -f UTF-8 -t UTF-8 "$T/replay.out" -o /dev/null
check "no stored event carries the local file's content" \
    sh -c '! grep -q "$1" "$2"' - "$MARKER" "$T/replay.out"
check "no event carries the local file's content" \
    sh -c '! grep -q "$1" "$2" "$3"' - "$MARKER" "$T/live.out" "$T/ctl.out"
check "the store holds no local file content" \
    sh -c '! grep -aq "$1" "$2"*' - "$MARKER" "$T/state.db"

# Retry-After: 3600 s on the 429 feed: asked once, never again.
n429=$(grep -c '	/e429.xml	' "$T/httpd.log")
check "the 429 feed was asked once in spite of interval = 1s ($n429)" \
    test "$n429" = 1

stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
sed -n 's/^/# /p' "$T/daemon.log" | grep -v '/good.xml' | sort -u |
    head -n 40 >"$T/daemon.diag"

# Every failing feed is named in the log, with a reason that fits.
reason_for() {
	case $1 in
	bomb|big)	echo 'too large|size|exceed|limit' ;;
	laughs)		echo 'entit|amplif|loop|parse' ;;
	loop)		echo 'redirect' ;;
	ftp)		echo 'redirect|scheme|protocol|ftp' ;;
	drip)		echo 'time|slow' ;;
	badutf8)	echo 'UTF-8|encoding|utf|parse|byte' ;;
	html)		echo 'not a feed|html|parse|root' ;;
	empty)		echo 'empty|no document|parse' ;;
	truncated)	echo 'partial|truncat|transfer closed|premature|end|parse' ;;
	deep)		echo 'deep|depth|nest|parse' ;;
	e500)		echo '500' ;;
	e429)		echo '429|Retry-After|retry' ;;
	xxe)		echo 'entit|parse|XXE|external' ;;
	esac
}
for f in $HOSTILE; do
	[ "$f" = xxe ] && continue	# refusing the entity is enough
	line=$(grep "$HPORT/$f.xml" "$T/daemon.log" |
	    grep -Ei "$(reason_for "$f")" | head -n 1)
	if [ -n "$line" ]; then
		ok "the log names $f.xml with its reason"
	else
		nok "the log names $f.xml with its reason"
		grep "$HPORT/$f.xml" "$T/daemon.log" | head -n 3 | sed 's/^/# /'
	fi
done

# The SSRF guard, honestly: a daemon without allow_private_addresses must
# refuse private and loopback addresses, also behind a name that resolves
# to one, before connecting.  10.255.255.1 is never reached: the refusal
# comes from the resolved address, with no packet sent.
{
	echo "[daemon]"
	echo "state = $T/state2.db"
	echo "publish = tcp://127.0.0.1:$("$TESTBIN/freeport")"
	echo "timeout = 4s"
	echo "connect_timeout = 2s"
	printf '[feed ten]\nurl = http://10.255.255.1/feed.xml\n'
	printf '[feed name]\nurl = http://localhost:%s/good.xml\n' "$HPORT"
	printf '[feed loop]\nurl = http://127.0.0.1:%s/good.xml\n' "$HPORT"
} >"$T/guard.conf"
chmod 600 "$T/guard.conf"
before=$(wc -l <"$T/httpd.log")
timeout 20 "$SANCTIOND" -f --once -c "$T/guard.conf" >"$T/guard.log" 2>&1
grc=$?
check "--once without allow_private_addresses fails (status $grc)" \
    test "$grc" = 1
for u in "10.255.255.1/feed.xml" "localhost:$HPORT/good.xml" \
    "127.0.0.1:$HPORT/good.xml"; do
	check "the guard refuses http://$u and says why" \
	    sh -c 'grep -F "$1" "$2" | grep -Eqi "refus|private|loopback|not public"' \
	    - "$u" "$T/guard.log"
done
check "the guard sent no request to the test server" \
    test "$(wc -l <"$T/httpd.log")" = "$before"

# Our own stop, without the cleanup's SIGCONT: under LeakSanitizer a
# SIGCONT during the exit-time leak scan can hang the server.
kill "$HTTPD_PID" 2>/dev/null
wait "$HTTPD_PID" 2>/dev/null

check_events "$T/live.out" "$T/ctl.out" "$T/replay.out"
if [ "$failed" != 0 ]; then
	echo "# daemon log (good feed lines left out):"
	cat "$T/daemon.diag"
	sed 's/^/# guard: /' "$T/guard.log" | head -n 10
fi
finish
