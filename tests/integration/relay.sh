#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# relay.sh: "sanctionctl relay" between the real daemon and real local HTTP
# receivers (tests/webhook_recv.py): every event POSTed exactly as
# published, in seq order, signed (HMAC recomputed here), a 503 and a 429
# with Retry-After retried and never skipped, one log line per failure
# naming the seq and the URL without its password; killed mid-stream and
# restarted from --state: nothing lost, only the one in flight twice;
# filters live and in replay, a filtered event never asked of the replay
# endpoint; the slack, teams and ntfy templates in the shape each expects.
. "$TOP/tests/integration/daemon_lib.inc"

CHECK="python3 $TOP/tests/webhook_check.py"

recv() {	# name, receiver options...
	r_name=$1
	shift
	python3 "$TOP/tests/webhook_recv.py" --port-file "$T/$r_name.port" \
	    --log "$T/$r_name.log" "$@" 2>"$T/$r_name.recv.err" &
	pids="$pids $!"
	wait_for 10 test -s "$T/$r_name.port" || { nok "receiver $r_name"; exit 1; }
	: >>"$T/$r_name.log"
	eval "URL_$r_name=http://127.0.0.1:$(cat "$T/$r_name.port")/hook"
}

relay() {	# name, relay options...
	l_name=$1
	shift
	"$SANCTIONCTL" relay -e "$PUB" "$@" >>"$T/$l_name.out" \
	    2>>"$T/$l_name.err" &
	eval "RELAY_$l_name=$!"
	pids="$pids $!"
}

count_ok() { $CHECK seqs "$T/$1.log" | wc -w | tr -d ' '; }
raw_seqs() { cut -f2- "$T/raw" | jq -r .seq | tr '\n' ' ' | sed 's/ $//'; }
raw_count() { wc -l <"$T/raw" | tr -d ' '; }
# The seqs of raw events whose item id starts with "s" (the US items).
raw_us() {
	cut -f2- "$T/raw" | jq -r 'select(.item.id // "" | startswith("s"))
	    | .seq' | tr '\n' ' ' | sed 's/ $//'
}
state_seq() { jq -r .seq "$T/$1.state" 2>/dev/null; }

start_httpd
pick_ports
feed f1
conf f1
printf 'hunter2-shared-secret\n' >"$T/secret"
chmod 600 "$T/secret"

recv a --script "503,429:1"
recv b --script "503:date3"
recv c --delay 0.3
recv slack
recv teams
recv ntfy
DEAD=$("$TESTBIN/freeport")

start_daemon || { nok "daemon started"; diag "$T/daemon.log"; exit 1; }
start_sub "$T/raw"
a_url=$(echo "$URL_a" | sed 's,//,//relayuser:pw-in-url@,')
relay a --webhook "$a_url" --secret-file "$T/secret" --state "$T/a.state"
# b: filtered, with a replay endpoint that never answers: a filtered event
# taken for a gap would stop a strict relay there for good.
relay b --webhook "$URL_b" --state "$T/b.state" --authority US \
    -r "tcp://127.0.0.1:$DEAD"
relay c --webhook "$URL_c" --state "$T/c.state"
relay slack --webhook "$URL_slack" --template slack
relay teams --webhook "$URL_teams" --template teams
relay ntfy --webhook "$URL_ntfy" --template ntfy
sleep 1		# every relay subscribed

feed f1 s1 n1 s2 n2 s3 n3
wait_for 30 sh -c '[ "$(wc -l <"$0")" -ge 6 ]' "$T/raw"
sleep 1.5	# whatever else the daemon has to say (feed events)
N1=$(raw_count)
wait_for 30 sh -c "[ \$($CHECK seqs $T/a.log | wc -w) -ge $N1 ]"

# -- a: exact bodies, order, signatures, failures retried ----------------
cut -f2- "$T/raw" >"$T/raw.bodies"
$CHECK bodies "$T/a.log" >"$T/a.bodies"
check "a: every event POSTed, byte for byte as published, in order" \
    cmp -s "$T/raw.bodies" "$T/a.bodies"
check "a: X-Sanctiond-Seq of the deliveries: $(raw_seqs)" \
    [ "$($CHECK seqs "$T/a.log")" = "$(raw_seqs)" ]
first=$(raw_seqs | cut -d' ' -f1)
check "a: the first event tried three times (503, 429, then 200)" \
    [ "$($CHECK all-seqs "$T/a.log" | cut -d' ' -f1-3)" = \
    "$first $first $first" ]
check "a: answers 503 429 200 ..." \
    [ "$($CHECK statuses "$T/a.log" | cut -d' ' -f1-3)" = "503 429 200" ]
after=$($CHECK after "$T/a.log" 1)
check "a: Retry-After: 1 obeyed (${after}s after the 429)" \
    python3 -c "import sys; sys.exit(not $after >= 0.95)"
check "a: every request signed: HMAC-SHA256 of the exact body" \
    $CHECK signed "$T/a.log" "$T/secret"
check "a: one log line per failure, naming seq and URL" \
    [ "$(grep -c "seq $first to $URL_a: " "$T/a.err")" = 2 ]
check "a: the 503 and the 429 (with its Retry-After) named" \
    sh -c "grep -q 'HTTP 503' '$T/a.err' &&
    grep -q 'HTTP 429 (Retry-After 1s)' '$T/a.err'"
check "a: the URL's password never logged" \
    sh -c "! grep -q 'pw-in-url\|relayuser' '$T/a.err'"
check "a: --state holds the last seq" \
    [ "$(state_seq a)" = "$(raw_seqs | awk '{print $NF}')" ]
check "a: state file mode 600" \
    [ "$(stat -c %a "$T/a.state")" = 600 ]
check "c: no secret, no signature header" $CHECK unsigned "$T/c.log"

# -- b: filtered live, no gap for what it dropped -------------------------
wait_for 10 sh -c "[ \"\$($CHECK seqs $T/b.log)\" = '$(raw_us)' ]"
check "b: --authority US live: only the US items ($(raw_us))" \
    [ "$($CHECK seqs "$T/b.log")" = "$(raw_us)" ]
after=$($CHECK after "$T/b.log" 0)
check "b: a Retry-After HTTP-date obeyed (${after}s later)" \
    sh -c "python3 -c 'import sys; sys.exit(not $after >= 1.5)' &&
    grep -q 'HTTP 503 (Retry-After [123]s)' '$T/b.err'"
check "b: dropped events not asked of the replay endpoint" \
    sh -c "! grep -q 'did not answer' '$T/b.err'"

# -- templates --------------------------------------------------------------
wait_for 30 sh -c "[ \$($CHECK seqs $T/ntfy.log | wc -w) -ge $N1 ] &&
    [ \$($CHECK seqs $T/teams.log | wc -w) -ge $N1 ] &&
    [ \$($CHECK seqs $T/slack.log | wc -w) -ge $N1 ]"
for k in slack teams ntfy; do
	check "--template $k: every event, each in $k's shape" \
	    sh -c "$CHECK shape '$T/$k.log' $k &&
	    [ \"\$($CHECK seqs '$T/$k.log')\" = '$(raw_seqs)' ]"
done
check "--template ntfy: the alert's title in the Title header" \
    sh -c "jq -r '.headers.title' '$T/ntfy.log' |
    grep -q '^Sanctions alert (impose, US): Treasury sanctions'"

# -- b stopped; restarted from its state: the filters apply to replay -----
kill -TERM "$RELAY_b"
wait "$RELAY_b"
b_rc=$?
check "b: SIGTERM: exit 0" [ "$b_rc" = 0 ]
b_state=$(state_seq b)
check "b: --state after SIGTERM: the last seq handled ($N1 events)" \
    [ "$b_state" = "$(raw_seqs | awk '{print $NF}')" ]

# -- c killed mid-stream and restarted ----------------------------------
wait_for 30 sh -c "[ \$($CHECK seqs $T/c.log | wc -w) -ge $N1 ]"
feed f1 s1 n1 s2 n2 s3 n3 s4 n4 s5 n5 s6 n6 s7
wait_for 30 sh -c "[ \$($CHECK all-seqs $T/c.log | wc -w) -ge $((N1 + 3)) ]"
kill -KILL "$RELAY_c"
wait "$RELAY_c" 2>/dev/null
c_before=$($CHECK all-seqs "$T/c.log" | wc -w | tr -d ' ')
relay c --webhook "$URL_c" --state "$T/c.state"
relay b --webhook "$URL_b" --state "$T/b.state" --authority US -r "$REPLAY"

wait_for 30 sh -c '[ "$(wc -l <"$0")" -ge 13 ]' "$T/raw"
sleep 1.5
N2=$(raw_count)
wait_for 60 sh -c "[ \"\$($CHECK seqs $T/c.log | tr ' ' '\n' | sort -un |
    wc -l)\" -ge $N2 ]"
check "c: killed with -9 mid-stream (after $c_before requests of $N2)" \
    [ "$c_before" -lt "$N2" ]
got=$($CHECK seqs "$T/c.log" | tr ' ' '\n' | uniq | tr '\n' ' ' |
    sed 's/ $//')
check "c: restarted from --state: every event, in seq order" \
    [ "$got" = "$(raw_seqs)" ]
dups=$(( $($CHECK seqs "$T/c.log" | wc -w) - N2 ))
check "c: at most the one in flight twice ($dups)" [ "$dups" -le 1 ]
wait_for 10 sh -c "[ \"\$(jq -r .seq $T/c.state)\" = \
    '$(raw_seqs | awk '{print $NF}')' ]"
check "c: --state is the last seq" \
    [ "$(state_seq c)" = "$(raw_seqs | awk '{print $NF}')" ]
check "c: the state names the publisher" \
    [ "$(jq -r .publisher "$T/c.state")" = \
    "$(cut -f2- "$T/raw" | head -n1 | jq -r .publisher)" ]

wait_for 30 sh -c "[ \"\$($CHECK seqs $T/b.log)\" = '$(raw_us)' ]"
check "b: restarted, the replay filtered too: only US items, none twice" \
    [ "$($CHECK seqs "$T/b.log")" = "$(raw_us)" ]

# -- a refuses what it cannot honour ---------------------------------------
chmod 640 "$T/secret"
"$SANCTIONCTL" relay -e "$PUB" --webhook "$URL_a" --secret-file "$T/secret" \
    >/dev/null 2>"$T/bad.err"
rc=$?
check "a secret readable by group: refused, one line, exit 2" \
    sh -c "[ $rc = 2 ] && [ \$(wc -l <'$T/bad.err') = 1 ] &&
    grep -q -- '--secret-file $T/secret: open to group' '$T/bad.err'"
"$SANCTIONCTL" relay -e "$PUB" --webhook "$URL_a" --named '[' \
    >/dev/null 2>"$T/bad.err"
rc=$?
check "a bad regex: refused, naming --named, exit 2" \
    sh -c "[ $rc = 2 ] && grep -q -- '--named \[' '$T/bad.err'"
finish
