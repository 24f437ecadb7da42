#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# run.sh: run every test in both builds (plain, then ASan+UBSan), the unit
# tests and the threaded daemon's tests under ThreadSanitizer, and a short
# run of each fuzz target when they are built.  Every test program prints TAP
# lines; we count them.  A program that fails without saying which check
# failed (a crash, a sanitizer report) counts as one failure.  The last line
# is "N passed, N failed, N skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0 failed=0 skipped=0
log=$(mktemp -d /tmp/sanctiond-tests.XXXXXX)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0

run_one() {	# name, command...
	name=$1; shift
	out=$log/$(echo "$name" | tr '/ ' '__').out
	timeout "${TEST_TIMEOUT:-300}" "$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out" | tr -d ' ')
	s=$(grep -c '^ok .*# SKIP' "$out" | tr -d ' ')
	f=$(grep -c '^not ok ' "$out" | tr -d ' ')
	p=$((p - s))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$out"
	fi
	if [ "$p" = 0 ] && [ "$f" = 0 ] && [ "$s" = 0 ]; then
		f=1
		echo "not ok - $name ran no check" >>"$out"
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	if [ "$f" != 0 ]; then
		echo "FAIL $name ($p passed, $f failed)"
		grep -v '^ok ' "$out" | tail -n 40 | sed 's/^/    /'
	else
		if [ "$s" != 0 ]; then
			echo "pass $name ($p checks, $s skipped)"
		else
			echo "pass $name ($p checks)"
		fi
	fi
}

run_tree() {	# label, object dir, program dir
	label=$1 o=$2 bin=$3
	for t in "$o"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$label unit/$(basename "$t")" "$t"
	done
	for t in tests/integration/*.sh; do
		[ -f "$t" ] || continue
		run_one "$label integration/$(basename "$t" .sh)" env \
		    SANCTIOND="$bin/sanctiond" SANCTIONCTL="$bin/sanctionctl" \
		    TESTBIN="$o/tests" TOP="$top" PATH="$top/tests/shim:$PATH" \
		    sh "$t"
	done
}

# ThreadSanitizer: every unit test, and the daemon tests whose programs
# run threads (the store's checkpoint thread, libcurl's resolver, ZeroMQ's
# I/O threads); the rest of the tree is single-threaded and run above.
run_tsan() {
	export TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$top/tests/tsan.supp"
	for t in build/tsan/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "tsan unit/$(basename "$t")" "$t"
	done
	for n in $TSAN_INTEGRATION; do
		run_one "tsan integration/$n" env SANCTIOND=build/tsan/sanctiond \
		    SANCTIONCTL=build/tsan/sanctionctl TESTBIN=build/tests \
		    TOP="$top" PATH="$top/tests/shim:$PATH" \
		    sh "tests/integration/$n.sh"
	done
	unset TSAN_OPTIONS
}
TSAN_INTEGRATION="daemon_publish daemon_stop daemon_crash daemon_replay
    store_items retention fetch_validators hostile_server"

run_tree plain build .
run_tree asan build/asan build/asan
# A kernel whose address layout TSan's runtime cannot map stops every
# TSan program at start: one skip saying so, not a tree of failures.
if [ -x build/tsan/sanctiond ]; then
	if build/tsan/tests/test_date >"$log/tsan-probe" 2>&1; then
		run_tsan
	else
		echo "skip tsan: build/tsan/tests/test_date does not run:" \
		    "$(grep -m1 -i 'sanitizer' "$log/tsan-probe")"
		skipped=$((skipped + 1))
	fi
fi
if [ -d build/fuzz/fuzz ]; then
	for f in build/fuzz/fuzz/fuzz_*; do
		[ -x "$f" ] || continue
		run_one "fuzz/$(basename "$f")" sh fuzz/run.sh 5 "$(basename "$f")"
	done
fi
rm -rf "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
