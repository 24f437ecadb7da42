# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# lib_sub.sh: sourced by the sub_*.sh integration tests: tests/pubdrive (the
# store, publisher and replay server without the daemon) on two free ports,
# and "sanctionctl sub" processes reading from it.
#
#   . "$TOP/tests/lib_sub.sh"
#   drive_start; drive add 3; drive flush
#   sub_start a --since 0; wait_lines a 3; check "..." [ "$(seqs a)" = "1 2 3" ]
#
# Sets WORK (removed at exit), PUB and REP (endpoints), TAP helpers check and
# done_testing.  Every process started here is ended at exit, by its pid.
set -u
: "${TESTBIN:?}" "${SANCTIONCTL:?}"
WORK=$(mktemp -d /tmp/sanctiond-sub.XXXXXX)
PORT=$("$TESTBIN/freeport")
PUB=tcp://127.0.0.1:$PORT
REP=tcp://127.0.0.1:$((PORT + 1))
DRIVE_PID=
SUB_PIDS=
T_N=0
T_FAILED=0

sub_cleanup() {
	for p in $SUB_PIDS $DRIVE_PID; do
		kill "$p" 2>/dev/null
	done
	for p in $SUB_PIDS $DRIVE_PID; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$WORK"
}
trap sub_cleanup EXIT
trap 'exit 1' INT TERM

check() {	# description, command...
	desc=$1
	shift
	T_N=$((T_N + 1))
	if "$@"; then
		echo "ok $T_N - $desc"
	else
		echo "not ok $T_N - $desc"
		T_FAILED=$((T_FAILED + 1))
	fi
}

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" = 0 ]
}

# Poll a shell condition for up to 15 s (sanitizer builds are slow),
# stretched by TEST_TIMEOUT_SCALE (make valgrind sets it).
wait_until() {
	i=0
	while ! eval "$1" && [ $i -lt $((150 * ${TEST_TIMEOUT_SCALE:-1})) ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

lines() {
	if [ -f "$WORK/$1.out" ]; then wc -l <"$WORK/$1.out" | tr -d ' '
	else echo 0; fi
}

drive_start() {
	rm -f "$WORK/cmd"
	mkfifo "$WORK/cmd"
	: >"$WORK/drive.out"
	"$TESTBIN/pubdrive" -s "$WORK/state.db" -p "$PUB" -r "$REP" \
	    ${DRIVE_OPTS:-} <"$WORK/cmd" >"$WORK/drive.out" \
	    2>>"$WORK/drive.err" &
	DRIVE_PID=$!
	exec 3>"$WORK/cmd"
	wait_until 'grep -q ready "$WORK/drive.out"'
}

# One command, and wait for its answer.
drive() {
	before=$(wc -l <"$WORK/drive.out")
	echo "$*" >&3
	wait_until '[ $(wc -l <"$WORK/drive.out") -gt $before ]'
}

drive_stop() {	# [-9]
	if [ "${1:-}" = -9 ]; then
		kill -9 "$DRIVE_PID"
	else
		echo quit >&3
	fi
	wait "$DRIVE_PID" 2>/dev/null
	exec 3>&-
	DRIVE_PID=
}

sub_start() {	# name, sub options...
	name=$1
	shift
	"$SANCTIONCTL" sub -e "$PUB" "$@" >"$WORK/$name.out" \
	    2>"$WORK/$name.err" &
	SUB_PIDS="$SUB_PIDS $!"
	eval "SUB_$name=$!"
}

# Stop a subscriber with a signal; its exit status is returned.
sub_stop() {	# name, signal
	eval "p=\$SUB_$1"
	kill -"$2" "$p"
	wait "$p"
	rc=$?
	SUB_PIDS=$(echo "$SUB_PIDS" | sed "s/ $p\$//; s/ $p / /")
	return $rc
}

wait_lines() {	# name, count
	wait_until "[ \$(lines $1) -ge $2 ]"
}

# The seqs a subscriber printed, in order, on one line.
seqs() {
	jq -r .seq "$WORK/$1.out" | tr '\n' ' ' | sed 's/ $//'
}

# "1 2 ... n"
upto() {
	seq -s ' ' "$1" "$2"
}

# jq -e, quietly: true when the filter's last output is true.
jqt() {
	jq -e "$@" >/dev/null 2>&1
}

. "$TOP/tests/lib_schema.sh"

# check_events NAME...: every event the named subscribers printed validates
# against doc/event.schema.json (skipped without python3-jsonschema).
check_events() {
	c_d="every event validates against doc/event.schema.json"
	c_files=
	for c_n in "$@"; do
		c_files="$c_files $WORK/$c_n.out"
	done
	# shellcheck disable=SC2086
	events_check "$WORK/schema.out" $c_files
	case $? in
	0)	check "$c_d" true ;;
	2)	T_N=$((T_N + 1))
		echo "ok $T_N - $c_d # SKIP python3-jsonschema is not installed" ;;
	*)	check "$c_d" false
		sed 's/^/# /' "$WORK/schema.out" | tail -n 30 ;;
	esac
}
