#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# sub_errors.sh: "sanctionctl sub" says what is wrong, on one line of
# stderr within 5 s, with its own exit status, instead of waiting in
# silence: no daemon (3), an unknown host (3), a malformed endpoint (2), a
# CURVE daemon that refuses our key or whose key we got wrong (4).  A
# daemon that goes away after we reached it is said once ("lost"), and sub
# carries on when it is back.
. "$TOP/tests/integration/daemon_lib.inc"

SCALE=${TEST_TIMEOUT_SCALE:-1}
BOUND=$((5 * SCALE))

# try NAME SUB-ARGS...: run sub under a timeout that only catches a hang;
# sets rc, secs (whole seconds it took) and $T/NAME.err.
try() {
	t_name=$1; shift
	t_start=$(date +%s%N)
	timeout $((10 * SCALE)) "$SANCTIONCTL" sub "$@" >"$T/$t_name.out" \
	    2>"$T/$t_name.err"
	rc=$?
	secs=$((($(date +%s%N) - t_start) / 1000000000))
}

# said NAME EXPECTED-STATUS TEXT: one line on stderr holding TEXT, the
# status, in time.
said() {
	check "$1: exit status $2 (got $rc)" [ "$rc" = "$2" ]
	check "$1: \"$3\"" grep -qF -- "$3" "$T/$1.err" || diag "$T/$1.err"
	check "$1: one line on stderr" [ "$(wc -l <"$T/$1.err")" = 1 ]
	check "$1: within ${BOUND}s (${secs}s)" [ "$secs" -lt "$BOUND" ]
	check "$1: nothing on stdout" test ! -s "$T/$1.out"
}

pick_ports
start_httpd
feed a s1 n1

# Nothing listens on the port yet.
try nodaemon -e "$PUB"
said nodaemon 3 "cannot reach $PUB: connection refused"
try nodaemon_since -e "$PUB" --since 0
said nodaemon_since 3 "cannot reach $PUB:"
try badhost -e "tcp://no-such-host.invalid:$PPORT"
said badhost 3 \
    "cannot reach tcp://no-such-host.invalid:$PPORT: unknown host no-such-host.invalid"

try noscheme -e "127.0.0.1:$PPORT"
said noscheme 2 \
    "127.0.0.1:$PPORT: missing tcp:// (try tcp://127.0.0.1:$PPORT)"
try badscheme -e "http://127.0.0.1:$PPORT"
said badscheme 2 "http://127.0.0.1:$PPORT: unknown scheme \"http\""
try noport -e "tcp://127.0.0.1"
said noport 2 "tcp://127.0.0.1: missing port"
try nohost -e "tcp://:$PPORT"
said nohost 2 "tcp://:$PPORT: missing host"
try badport -e "tcp://127.0.0.1:99999"
said badport 2 "tcp://127.0.0.1:99999: bad port"
try badreplay -e "$PUB" -r "localhost:$RPORT"
said badreplay 2 "localhost:$RPORT: missing tcp://"

# CURVE: alice is on the allow-list, mallory is not.
(umask 077
"$SANCTIONCTL" keygen >"$T/server.key" &&
"$SANCTIONCTL" keygen >"$T/alice.key" &&
"$SANCTIONCTL" keygen >"$T/mallory.key") || { nok "keygen"; finish; exit; }
alice=$(sed -n 's/^public = //p' "$T/alice.key")
wrong=$(sed -n 's/^public = //p' "$T/mallory.key")
conf a
printf '[daemon]\ncurve_key = %s\ncurve_allow = %s\n' "$T/server.key" \
    "$alice" >>"$T/sanctiond.conf"
start_daemon || { nok "sanctiond with CURVE started"; dlog | diag; finish; exit; }
ok "sanctiond with CURVE started"

try notallowed -e "$PUB" --key "$T/mallory.key" --server-key "$T/server.key"
said notallowed 4 \
    "$PUB: the daemon refused our CURVE key (not in its allow-list)"
try wrongkey -e "$PUB" --key "$T/alice.key" --server-key "$wrong"
said wrongkey 4 "$PUB: the CURVE handshake failed: the server key does not match"
try nocurve -e "$PUB"
said nocurve 4 "$PUB: the daemon hangs up on our handshake: it may require CURVE"
timeout $((3 * SCALE)) "$SANCTIONCTL" sub -e "$PUB" --since 0 \
    --key "$T/alice.key" --server-key "$T/server.key" >"$T/allowed.out" \
    2>"$T/allowed.err"
rc=$?
check "allowed key: still served until the timeout ($rc)" [ "$rc" = 124 ]
check "allowed key: replayed s1" grep -q '"s1"' "$T/allowed.out"
check "allowed key: nothing on stderr" test ! -s "$T/allowed.err" ||
    diag "$T/allowed.err"
stop_daemon TERM

# Lost, then back: said once, and the events go on.
conf a
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
"$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/live.out" 2>"$T/live.err" &
SUBPID=$!
pids="$pids $SUBPID"
wait_for 10 grep -qs '"n1"' "$T/live.out"
check "connected: the stored events" grep -q '"s1"' "$T/live.out"
stop_daemon KILL
lost() { grep -qF "lost $PUB; reconnecting" "$T/live.err"; }
wait_for 5 lost
check "daemon killed: \"lost $PUB; reconnecting\"" lost || diag "$T/live.err"
sleep 2		# many reconnection attempts, still one line
check "said once while it stays away" \
    [ "$(grep -c 'lost ' "$T/live.err")" = 1 ]
check "and sub keeps running" kill -0 "$SUBPID"
feed a s1 n1 s2
start_daemon || { nok "sanctiond restarted"; dlog | diag; finish; exit; }
back() { grep -qs '"s2"' "$T/live.out"; }
wait_for 15 back
check "daemon back: sub carries on with the new events" back ||
    diag "$T/live.err"
check "and says it is connected again" grep -qF "$PUB: connected again" \
    "$T/live.err"
check "nothing twice" [ "$(jq -r '.seq' "$T/live.out" | sort | uniq -d)" = "" ]
kill "$SUBPID"
wait "$SUBPID"
check "SIGTERM: exit 0" [ $? = 0 ]
stop_daemon TERM
finish
