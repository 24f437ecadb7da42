#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# deps_by_need.sh: mk/deps.sh installs what a target needs and no more
# (make demo no compiler for fuzzing, no valgrind, no test tools), finds the
# fuzzer runtime by asking clang rather than at a versioned path, and as
# another user prints the one apt-get line to run.  Dry runs only
# (--print, a PATH without jq): nothing is installed.
set -u
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() {	# name, command...
	c_name=$1; shift
	if "$@"; then ok "$c_name"; else nok "$c_name"; fi
}
T=$(mktemp -d /tmp/sanctiond-deps.XXXXXX)
trap 'rm -rf "$T"' EXIT
D="sh $TOP/mk/deps.sh"

$D --print demo >"$T/demo" 2>"$T/demo.err"
$D --print check >"$T/check" 2>"$T/check.err"
has() { grep -qx -- "$2" "$T/$1"; }
lacks() { ! grep -Eq -- "$2" "$T/$1"; }

check "demo needs the libraries and jq" \
    sh -c "grep -qx libcurl4-openssl-dev '$T/demo' && grep -qx libzmq3-dev '$T/demo' && grep -qx jq '$T/demo'"
check "demo needs no clang, valgrind or fuzzer runtime" \
    lacks demo '^(clang|valgrind|libclang-rt.*)$'
check "demo needs no test tools (python3 modules, mandoc, dpkg-dev, lintian)" \
    lacks demo '^(python3.*|mandoc|dpkg-dev|debhelper|lintian|sqlite3)$'
missing=
for p in libcurl4-openssl-dev jq mandoc dpkg-dev debhelper lintian \
    python3-jsonschema python3-zmq clang libclang-rt-dev; do
	has check "$p" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	ok "check adds the test tools and clang's fuzzer runtime"
else
	nok "check lacks:$missing"
fi
check "valgrind only for make valgrind" \
    sh -c "! grep -qx valgrind '$T/check' && $D --print valgrind | grep -qx valgrind"
check "an unknown target is refused with status 2" \
    sh -c "$D --print nonsense >/dev/null 2>&1; test \$? = 2"
# No LLVM version in a path: a new clang must need no edit.
if grep -En 'llvm-[0-9]|clang/[0-9]+\.' "$TOP/Makefile" "$TOP/mk/"* \
    "$TOP/fuzz/"*.sh "$TOP/fuzz/"*.c >"$T/llvm" 2>/dev/null; then
	nok "no versioned LLVM path in Makefile, mk/, fuzz/"
	sed 's/^/# /' "$T/llvm"
else
	ok "no versioned LLVM path in Makefile, mk/, fuzz/"
fi

# Not root, jq missing: the one apt-get line on stdout, status 1.
mkdir -p "$T/bin"
for c in pkg-config cc make awk uname; do
	p=$(command -v "$c") && ln -s "$p" "$T/bin/$c"
done
printf '#!/bin/sh\necho 1000\n' >"$T/bin/id"
chmod +x "$T/bin/id"
PATH=$T/bin /bin/sh "$TOP/mk/deps.sh" demo >"$T/line" 2>"$T/line.err"
rc=$?
check "not root, jq missing: status 1" test "$rc" = 1
check "not root: the one apt-get line to run, naming jq only" \
    sh -c "test \"\$(cat '$T/line')\" = 'apt-get install -y jq'"
check "not root: stderr says what to do, for which target" \
    grep -q 'missing packages for demo' "$T/line.err"

echo "1..$n"
[ "$failed" = 0 ]
