#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# soak.sh: the tests that need minutes (make soak): every tests/soak/*.sh
# against the plain build, then the ASan+UBSan build when it is there.
# Each prints TAP; the last line is "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
passed=0 failed=0

soak_tree() {	# label, object dir, program dir
	for t in tests/soak/*.sh; do
		out=$(timeout 900 env SANCTIOND="$3/sanctiond" \
		    SANCTIONCTL="$3/sanctionctl" TESTBIN="$2/tests" TOP="$top" \
		    sh "$t" 2>&1)
		rc=$?
		p=$(echo "$out" | grep -c '^ok ')
		f=$(echo "$out" | grep -c '^not ok ')
		[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
		passed=$((passed + p)) failed=$((failed + f))
		if [ "$f" != 0 ]; then
			echo "FAIL $1 $(basename "$t" .sh) ($p passed, $f failed)"
			echo "$out" | grep -v '^ok ' | tail -n 40 | sed 's/^/    /'
		else
			echo "pass $1 $(basename "$t" .sh) ($p checks)"
		fi
	done
}

soak_tree plain build .
[ -x build/asan/sanctiond ] && soak_tree asan build/asan build/asan
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
