#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# disk_full.sh: the state disk fills up under a running sanctiond.  It must
# say so (naming the state file and the error), keep what it has, publish
# nothing it could not store, keep running, and once space returns store
# and publish the backlog with no gap in seq.  The disk is a small tmpfs
# (we need to be allowed to mount one; otherwise the test is skipped), made
# full by a filler file and given back by removing it.
. "$TOP/tests/integration/daemon_lib.inc"

DISK=$T/disk
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=3m tmpfs "$DISK" 2>/dev/null; then
	skip "disk full" "cannot mount a tmpfs here"
	finish
	exit 0
fi
disk_cleanup() {
	if [ -n "$DPID" ]; then
		kill -9 "$DPID" 2>/dev/null
		wait "$DPID" 2>/dev/null
	fi
	umount "$DISK" 2>/dev/null
	cleanup
}
trap disk_cleanup EXIT

# bigfeed NAME ID...: items with 8 kB of text each, so that storing them
# needs fresh pages.
bigfeed() {
	b_name=$1; shift
	b_text=$(awk 'BEGIN { for (i = 0; i < 160; i++)
	    printf "The EU imposed sanctions on shipping firm %d. ", i }')
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<rss version=\"2.0\"><channel><title>$b_name</title>"
		for b_id in "$@"; do
			echo "<item><guid isPermaLink=\"false\">$b_id</guid>"
			echo "<title>Story $b_id</title>"
			echo "<description>$b_id $b_text</description></item>"
		done
		echo '</channel></rss>'
	} >"$T/www/.$b_name.tmp"
	mv "$T/www/.$b_name.tmp" "$T/www/$b_name.xml"
}

pick_ports
start_httpd
bigfeed big
conf big
sed -i "s|^state = .*|state = $DISK/state.db|" "$T/sanctiond.conf"
start_sub "$T/live.out"
start_daemon || { nok "sanctiond started"; diag "$T/daemon.log.new"; exit 1; }
sleep 1		# the subscriber connects; then the first items come
bigfeed big a1 a2 a3
wait_for 15 has_ids "$T/live.out" a1 a2 a3
check "items arrive while there is space" has_ids "$T/live.out" a1 a2 a3

# Fill the disk to the last block, then the feed grows.
dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
full_ids="b1 b2 b3 b4 b5 b6 b7 b8"
# shellcheck disable=SC2086
bigfeed big a1 a2 a3 $full_ids
full_said() { dlog | grep -F "$DISK/state.db" | grep -Eqi 'full|space'; }
wait_for 15 full_said
check "the log names the state file and the full disk" full_said ||
    dlog | tail -n 5 | sed 's/^/# /'
sleep 2		# a few more polls on a full disk
check "the daemon keeps running on a full disk" kill -0 "$DPID"
# A full disk is ours, not the feed's: reported as local, no backoff.
local_said() { dlog | grep -Eq 'feed big: local: .*not stored here'; }
check "the fetch is reported as local: not stored here" local_said
check "the feed is not marked failing for our full disk" \
    sh -c '! { cat "$1" "$1.new" 2>/dev/null | grep -q "feed big: ok -> failing"; }' \
    - "$T/daemon.log"
# shellcheck disable=SC2086
check "nothing it could not store was published" \
    lacks_ids "$T/live.out" $full_ids
check "what it had is still served (replay --since 0)" sh -c '
    timeout 3 "$1" sub -e "$2" --since 0 2>/dev/null |
    jq -r "select(.type == \"item\") | .item.id" | grep -c "^a" |
    grep -qx 3' - "$SANCTIONCTL" "$PUB"

# Space returns: the backlog is stored and published, with no gap.
rm -f "$DISK/filler"
# shellcheck disable=SC2086
wait_for 20 has_ids "$T/live.out" $full_ids
# shellcheck disable=SC2086
check "once space returns the backlog is published" \
    has_ids "$T/live.out" $full_ids
check "no health change was published for the feed" \
    sh -c '! cut -f1 "$1" | grep -q "^feed\."' - "$T/live.out"
check "each item published once" \
    test -z "$(ids "$T/live.out" | sort | uniq -d)"
# Every event (items and feed health) in one unbroken run of seqs.
cut -f2- "$T/live.out" | jq -r .seq >"$T/seqs"
check "no gap in seq (1..$(tail -n 1 "$T/seqs"))" \
    awk '$1 != NR { bad = 1 } END { exit bad }' "$T/seqs"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
[ "$failed" = 0 ] || dlog | tail -n 20 | sed 's/^/# /'
finish
