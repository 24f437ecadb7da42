#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# valgrind.sh [OBJDIR [SCRIPT ...]]: run the integration tests with every
# sanctiond and sanctionctl process under valgrind (memcheck), then read
# each process's log.  Any memory error, any definite or indirect leak, a
# crash, or a failed check fails the run.  "make valgrind" builds OBJDIR
# (default build/vg: plain -O1 -g, no sanitizers) and calls this.
#
# Programs are replaced by wrappers in OBJDIR/bin that exec valgrind with a
# log file per process in OBJDIR/vglogs/SCRIPT/.  Valgrind is 20 to 80
# times slower (the classifier's pattern compile dominates a start), so the
# test libraries' waits, and the scripts' timeout(1)s, are stretched by
# TEST_TIMEOUT_SCALE (default 20).
# The support programs (httpd, zsub, ...) run natively: they are not the
# product.  Suppressions (tests/valgrind.supp) are for third-party noise.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
o=${1:-build/vg}
[ $# -gt 0 ] && shift
case $o in
/*)	;;
*)	o=$top/$o ;;
esac
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)"
	exit 1
fi
for p in sanctiond sanctionctl sanctionctl-full; do
	if [ ! -x "$o/$p" ]; then
		echo "valgrind.sh: $o/$p is missing: make O=$o tests"
		exit 1
	fi
done
logs=$o/vglogs
rm -rf "$logs" "$o/bin"
mkdir -p "$logs" "$o/bin"

# One wrapper per program.  mktemp names the log: pids are reused.
for p in sanctiond sanctionctl; do
	# sanctionctl-full runs every command sanctionctl does (the front
	# execs it for most), so all of sanctionctl's code is checked.
	[ "$p" = sanctionctl ] && prog=sanctionctl-full || prog=$p
	cat >"$o/bin/$p" <<EOF
#!/bin/sh
log=\$(mktemp "\${VG_LOGDIR:-$logs}/$p.XXXXXX")
exec valgrind --tool=memcheck --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect \\
    --show-leak-kinds=definite,indirect --error-exitcode=99 \\
    --num-callers=30 --child-silent-after-fork=yes \\
    --suppressions="$top/tests/valgrind.supp" \\
    --log-file="\$log" "$o/$prog" "\$@"
EOF
	chmod 755 "$o/bin/$p"
done

export TEST_TIMEOUT_SCALE=${TEST_TIMEOUT_SCALE:-20}
# The scripts' own "timeout N prog" is stretched the same way.
VG_REAL_TIMEOUT=$(command -v timeout)
export VG_REAL_TIMEOUT
ln -s "$top/tests/vg_timeout.sh" "$o/bin/timeout"
passed=0 failed=0 procs=0

# A log's verdict: "" when clean, else why.  A process killed with -9 has
# no summary; its log must still hold no error report.
judge() {
	if grep -q "ERROR SUMMARY: [1-9]" "$1"; then
		grep -m1 "ERROR SUMMARY" "$1" | sed 's/^==[0-9]*== //'
	elif grep -Eq '^==[0-9]+== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|Syscall param|Mismatched free|Source and destination overlap|Jump to the invalid|Process terminating with default action of signal [0-9]+ \(SIG(SEGV|BUS|ILL|FPE|ABRT))' "$1"; then
		echo "an error report without a summary"
	fi
}

run_script() {	# path
	name=$(basename "$1" .sh)
	dir=$logs/$name
	mkdir -p "$dir"
	VG_LOGDIR=$dir timeout $((60 * TEST_TIMEOUT_SCALE)) env \
	    SANCTIOND="$o/bin/sanctiond" SANCTIONCTL="$o/bin/sanctionctl" \
	    TESTBIN="$o/tests" TOP="$top" PATH="$o/bin:$PATH" \
	    sh "$1" >"$dir/tap" 2>&1
	rc=$?
	bad=0 n=0
	for l in "$dir"/sanctiond.* "$dir"/sanctionctl.*; do
		[ -f "$l" ] || continue
		n=$((n + 1))
		why=$(judge "$l")
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			echo "    $l: $why"
			grep -A 25 -m 3 -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source|Jump|[0-9,]+ (\([0-9,]+ direct, [0-9,]+ indirect\) )?bytes in [0-9,]+ blocks are (definitely|indirectly))' "$l" | sed 's/^/    /' | head -n 60
		fi
	done
	procs=$((procs + n))
	f=$(grep -c '^not ok ' "$dir/tap")
	p=$(grep -c '^ok ' "$dir/tap")
	if [ "$bad" = 0 ] && [ "$f" = 0 ] && [ "$rc" = 0 ] && [ "$p" -gt 0 ]; then
		passed=$((passed + 1))
		echo "pass valgrind/$name ($p checks, $n processes clean)"
	else
		failed=$((failed + 1))
		echo "FAIL valgrind/$name ($p passed, $f failed, exit $rc;" \
		    "$bad of $n processes with valgrind errors)"
		grep -v '^ok ' "$dir/tap" | tail -n 20 | sed 's/^/    /'
	fi
}

if [ $# -gt 0 ]; then
	for t in "$@"; do
		run_script "$t"
	done
else
	for t in tests/integration/*.sh; do
		[ -f "$t" ] && run_script "$t"
	done
fi
echo "valgrind: $passed scripts passed, $failed failed, $procs processes checked (logs in $logs)"
[ "$failed" = 0 ]
