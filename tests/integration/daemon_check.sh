#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# daemon_check.sh: sanctiond -n, -V, --once exit status, and the systemd
# unit's security score.
. "$TOP/tests/integration/daemon_lib.inc"

# -n: configuration OK, or each error with file:line: key.
pick_ports
start_httpd
conf a
out=$("$SANCTIOND" -n -c "$T/sanctiond.conf" 2>&1)
check "-n on a good config prints configuration OK and exits 0" \
    test "$? $out" = "0 configuration OK"

printf '[daemon]\ninterval = soon\nbogus = 1\n[feed x]\n' >"$T/bad.conf"
chmod 600 "$T/bad.conf"
"$SANCTIOND" -n -c "$T/bad.conf" >"$T/n.out" 2>&1
rc=$?
check "-n on a bad config exits 1" test "$rc" = 1
check "-n names file:line: key for a bad duration" \
    grep -q "^$T/bad.conf:2: interval: " "$T/n.out"
check "-n names file:line: key for an unknown key" \
    grep -q "^$T/bad.conf:3: bogus: unknown key" "$T/n.out"
check "-n names the feed without url" \
    grep -q "^$T/bad.conf:4: url: .*\[feed x\]" "$T/n.out"
check "-n does not say OK for a bad config" \
    sh -c "! grep -q 'configuration OK' '$T/n.out'"

chmod 666 "$T/sanctiond.conf"
"$SANCTIOND" -n -c "$T/sanctiond.conf" >"$T/n.out" 2>&1
rc=$?
check "a world-writable config is refused" \
    sh -c "[ $rc = 1 ] && grep -q 'writable by group or others' '$T/n.out'"
chmod 600 "$T/sanctiond.conf"

"$SANCTIOND" -f -c "$T/bad.conf" >"$T/start.out" 2>&1
check "starting with a bad config exits 1 and says why" \
    sh -c "[ $? = 1 ] && grep -q 'bad.conf:2: interval' '$T/start.out'"

check "-V prints the version" \
    sh -c "'$SANCTIOND' -V | grep -q '^sanctiond [0-9]'"

# --once: 0 when every feed was fetched or unchanged, 1 when any failed.
feed a s1 n1
feed b n2
conf a b
"$SANCTIOND" -f --once -c "$T/sanctiond.conf" >"$T/once.log" 2>&1
rc=$?
check "--once with good feeds exits 0" test "$rc" = 0 || diag "$T/once.log"
check "--once logs one line per new item, naming the feed" \
    grep -q "feed a: new item" "$T/once.log"
"$SANCTIOND" -f --once -c "$T/sanctiond.conf" >"$T/once2.log" 2>&1
rc=$?
check "--once again, feeds unchanged, exits 0" test "$rc" = 0
check "--once again stores nothing new" \
    sh -c "! grep -q 'new item' '$T/once2.log'"
conf a b missing
"$SANCTIOND" -f --once -c "$T/sanctiond.conf" >"$T/once3.log" 2>&1
rc=$?
check "--once with a 404 feed exits 1" test "$rc" = 1
check "the failing feed is named in the log" \
    grep -q "feed missing: " "$T/once3.log"

# The unit as shipped, checked offline.
if command -v systemd-analyze >/dev/null 2>&1; then
	score=$(systemd-analyze security --offline=true \
	    "$TOP/systemd/sanctiond.service" 2>/dev/null |
	    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	check "systemd unit exposure $score <= 1.5" \
	    awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 1.5) }'
else
	skip "systemd unit exposure" "no systemd-analyze"
fi
finish
