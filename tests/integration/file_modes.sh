#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# file_modes.sh: what the daemon creates is its own.  Run from a shell with
# umask 022, the state file, its WAL and SHM, and its lock are mode 0600
# while the daemon runs; a CURVE key file (it holds the secret key) that
# group or others can read is refused, by the daemon and by sanctionctl
# sub, naming the file; the version is the same everywhere it is shown.
. "$TOP/tests/integration/daemon_lib.inc"

umask 022
pick_ports
start_httpd
feed a s1 n1
conf a
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
wait_for 10 grep -q "feed a: 2 new items" "$T/daemon.log.new" ||
    wait_for 10 grep -q "s1" "$T/daemon.log.new"
mode() { stat -c %a "$1" 2>/dev/null || echo absent; }
for f in state.db state.db-wal state.db-shm state.db.lock; do
	m=$(mode "$T/$f")
	check "$f is mode 0600 under umask 022 ($m)" test "$m" = 600
done
stop_daemon

# A world-readable key file: refused with a line naming it.
"$SANCTIONCTL" keygen >"$T/server.key"
"$SANCTIONCTL" keygen >"$T/client.key"
chmod 644 "$T/server.key"
sed '/^\[feed/,$d' "$T/sanctiond.conf" >"$T/curve.conf"
printf 'curve_key = %s\ncurve_allow = %s\n' "$T/server.key" \
    "$(sed -n 's/^public = //p' "$T/client.key")" >>"$T/curve.conf"
chmod 600 "$T/curve.conf"
"$SANCTIOND" -n -c "$T/curve.conf" >"$T/curve.out" 2>&1
rc=$?
check "sanctiond -n refuses a curve_key readable by others ($rc)" \
    sh -c '[ "$1" = 1 ] && grep -q "$2: .*group or others (mode 644)" "$3"' \
    - "$rc" "$T/server.key" "$T/curve.out"
diag "$T/curve.out"
chmod 600 "$T/server.key"
"$SANCTIOND" -n -c "$T/curve.conf" >"$T/curve.out" 2>&1
check "the same key file at mode 0600 is accepted" \
    grep -q "configuration OK" "$T/curve.out"
chmod 640 "$T/client.key"
timeout 10 "$SANCTIONCTL" sub -e "$PUB" --key "$T/client.key" \
    --server-key "$T/server.key" >/dev/null 2>"$T/sub.err"
rc=$?
check "sub --key refuses a key file readable by the group ($rc)" \
    sh -c '[ "$1" = 1 ] && grep -q "$2: .*group or others (mode 640)" "$3"' \
    - "$rc" "$T/client.key" "$T/sub.err"
diag "$T/sub.err"

# One version: the programs, the default User-Agent, the Makefile's.
v=$("$SANCTIOND" -V | sed 's/^sanctiond //')
check "sanctionctl -V shows the version sanctiond -V does ($v)" \
    test "$("$SANCTIONCTL" -V)" = "sanctionctl $v"
check "the Makefile's VERSION is it" \
    test "$(make -s -C "$TOP" --no-print-directory version)" = "$v"
check "the test server saw User-Agent: sanctiond/$v (+URL)" \
    grep -q "sanctiond/$v (+https://" "$T/httpd.log"
check "the sample config has no copy of the version" \
    sh -c '! grep -q "sanctiond/[0-9]" "$1"' - "$TOP/systemd/sanctiond.conf"
finish
