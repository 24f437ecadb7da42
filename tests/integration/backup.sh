#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# backup.sh: sanctionctl backup under a running daemon that keeps writing:
# the copy is one file, mode 0600, passes integrity_check and holds every
# event published before it began, byte for byte; an existing file is
# refused without --force; errors name the file.  A restore from the copy
# gives out seqs after the one the backup printed, as README says.
. "$TOP/tests/integration/daemon_lib.inc"

bk() { "$SANCTIONCTL" backup -c "$T/sanctiond.conf" "$@"; }
q() { sqlite3 "$1" "$2"; }

command -v sqlite3 >/dev/null || { skip "backup" "no sqlite3 tool"; finish;
    exit; }
pick_ports
start_httpd
list="n0"
feed a $list
conf a
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
"$SANCTIONCTL" sub -e "$PUB" --since 0 >"$T/sub.out" 2>"$T/sub.err" &
pids="$pids $!"
wait_for 10 grep -qs '"n0"' "$T/sub.out"
# A writer throughout: one more item every 0.2 s.
(
	i=1
	while [ $i -le 60 ]; do
		list="$list n$i"
		feed a $list
		sleep 0.2
		i=$((i + 1))
	done
) &
wpid=$!
pids="$pids $wpid"
wait_for 10 grep -qs '"n5"' "$T/sub.out"
cp "$T/sub.out" "$T/before.out"
bk "$T/b1.db" >"$T/b1.out" 2>"$T/b1.err"
check "backup while the daemon writes: exit 0" test "$?" = 0 ||
    diag "$T/b1.err"
check "it says what the copy holds" \
    grep -q "b1.db: [0-9]* events (seq 1 to [0-9]*), [0-9]* items" \
    "$T/b1.out" || diag "$T/b1.out"
check "the copy is mode 0600" test "$(stat -c %a "$T/b1.db")" = 600
check "the copy is one file (no -wal, no temporary left)" sh -c '
    test ! -e "$1-wal" && test "$(ls "$(dirname "$1")" | grep -c b1.db)" = 1' \
    - "$T/b1.db"
check "the copy passes integrity_check" \
    test "$(q "$T/b1.db" 'PRAGMA integrity_check')" = ok
# Every event out before the backup began is in it, as published.
sort "$T/before.out" >"$T/pub.json"
q "$T/b1.db" 'SELECT json FROM events' | sort >"$T/copy.json"
check "the copy holds every event published before it, byte for byte" \
    sh -c 'test -s "$1" && test -z "$(comm -23 "$1" "$2")"' - \
    "$T/pub.json" "$T/copy.json" || diag "$T/copy.json"
check "the copy's items match its events" test \
    "$(q "$T/b1.db" 'SELECT count(*) FROM items')" = \
    "$(q "$T/b1.db" "SELECT count(*) FROM events WHERE topic NOT LIKE 'feed.%'")"

bk "$T/b1.db" >"$T/b2.out" 2>"$T/b2.err"
check "an existing OUTFILE: refused, exit 1" test "$?" = 1
check "... naming it and --force" grep -q "b1.db: exists (give --force" \
    "$T/b2.err" || diag "$T/b2.err"
sleep 0.5
bk --force "$T/b1.db" >"$T/b3.out" 2>"$T/b3.err"
check "--force replaces it" test "$?" = 0 || diag "$T/b3.err"
bk "$T/state.db" >"$T/b4.out" 2>"$T/b4.err"
check "the state file itself: refused" sh -c 'test "$1" != 0 &&
    grep -q "state.db: exists" "$2"' - "$?" "$T/b4.err"
bk --force "$T/state.db" >"$T/b4.out" 2>"$T/b4.err"
check "... even with --force" grep -q "is the state file itself" "$T/b4.err"
bk "$T/nodir/b.db" >"$T/b5.out" 2>"$T/b5.err"
check "an OUTFILE that cannot be made: exit 1, named" sh -c 'test "$1" = 1 &&
    grep -q "nodir/b.db" "$2"' - "$?" "$T/b5.err" || diag "$T/b5.err"
sed "s|^state = .*|state = $T/none.db|" "$T/sanctiond.conf" >"$T/none.conf"
"$SANCTIONCTL" backup -c "$T/none.conf" "$T/b6.db" 2>"$T/b6.err"
check "no state file: exit 1, named" sh -c 'test "$1" = 1 &&
    grep -q "none.db: No such file" "$2" && test ! -e "$3"' - "$?" \
    "$T/b6.err" "$T/b6.db" || diag "$T/b6.err"
printf 'not a database, not at all, but long enough to look like one %0512d' 0 \
    >"$T/junk.db"
sed "s|^state = .*|state = $T/junk.db|" "$T/sanctiond.conf" >"$T/junk.conf"
"$SANCTIONCTL" backup -c "$T/junk.conf" "$T/b7.db" 2>"$T/b7.err"
check "a state file that is no database: exit 1, named, no copy" sh -c '
    test "$1" = 1 && grep -q "junk.db: " "$2" && test ! -e "$3" &&
    test -z "$(ls "$(dirname "$3")" | grep b7.db)"' - "$?" "$T/b7.err" \
    "$T/b7.db" || diag "$T/b7.err"

# Restore: the daemon stopped, the copy in place.
wait "$wpid" 2>/dev/null
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
after=$(sed -n 's/.*gives out seqs after \([0-9]*\)$/\1/p' "$T/b3.out")
rm -f "$T/state.db-wal" "$T/state.db-shm"
cp "$T/b1.db" "$T/state.db"
chmod 600 "$T/state.db"
feed a n0 new1
: >"$T/sub2.out"
start_daemon || { nok "restored daemon started"; dlog | diag; finish; exit; }
"$SANCTIONCTL" sub -e "$PUB" >"$T/sub2.out" 2>"$T/sub2.err" &
pids="$pids $!"
sleep 0.5
feed a n0 new1 new2
wait_for 10 grep -qs '"new2"' "$T/sub2.out"
s=$(jq -r 'select(.item.id == "new2") | .seq' "$T/sub2.out")
check "after a restore, seqs continue after the backup's ($after)" \
    test "${s:-0}" -gt "${after:-999999}" || diag "$T/sub2.out"
stop_daemon TERM
finish
