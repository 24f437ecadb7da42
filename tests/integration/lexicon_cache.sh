#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# lexicon_cache.sh: the serialized Vectorscan databases (lexicon.hsdb next
# to the data files, made by make) as the real programs meet them.  A fresh
# one is loaded without a word; one that is corrupt, stale (a phrase added),
# of another format or absent is detected, the databases are compiled afresh
# in memory with one log line saying why ("lexicon: compiled 3 databases in
# N ms (REASON)"), the items are classified as with the fresh cache, and the
# file is left as it was.  test_lexicon.c checks each reason one by one
# through the library; this checks the programs' log (sanctionctl parse,
# and sanctiond's start).
. "$TOP/tests/integration/daemon_lib.inc"

D=$T/data
cat >"$T/feed.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>t</title><link>http://example.org/</link>
<item><guid>1</guid><title>Treasury sanctions 12 entities over Iran oil sales</title>
<description>The US Treasury Department's OFAC today imposed sanctions on 12
entities and froze their assets.</description></item>
<item><guid>2</guid><title>City council approves new park</title>
<description>The park opens in spring.</description></item>
</channel></rss>
EOF

# restore: a data directory with the fresh cache.
restore() { data_dir "$D"; }
parse() {
	SANCTIOND_DATA=$D "$SANCTIONCTL" parse "$T/feed.xml" >"$T/$1.out" \
	    2>"$T/$1.err"
}
# u32 OFF / u64 OFF: a little-endian integer of the cache file.
u32() { od -An -t u4 -j "$1" -N 4 "$D/lexicon.hsdb" | tr -d ' '; }
u64() { od -An -t u8 -j "$1" -N 8 "$D/lexicon.hsdb" | tr -d ' '; }
# put OFF BYTES: overwrite bytes of the cache file.
put() { printf "$2" | dd of="$D/lexicon.hsdb" bs=1 seek="$1" conv=notrunc \
    2>/dev/null; }

# compiled NAME REASON: the one log line, and the same classification.
compiled() {
	c_line=$(grep -c "lexicon: compiled 3 databases in [0-9]* ms ($2" \
	    "$T/$1.err")
	check "$1: detected, compiled afresh, the log says why ($2)" \
	    test "$c_line" = 1 || diag "$T/$1.err"
}
same() {
	check "$1: every item classified as with the fresh cache" \
	    cmp -s "$T/fresh.out" "$T/$1.out"
	check "$1: the cache file is left as it was" \
	    cmp -s "$T/$1.before" "$D/lexicon.hsdb"
}

restore
parse fresh
check "fresh cache: loaded, nothing compiled, nothing said" \
    test ! -s "$T/fresh.err" || diag "$T/fresh.err"
check "fresh cache: the announcement is classified" sh -c '
    jq -s -e "map(select(.item.id == \"1\"))[0].sanctions.relevant" "$1" \
    >/dev/null' - "$T/fresh.out"

# Corrupt bytes 1000 into every entry's databases.
restore
nent=$(u32 12)
i=0
while [ "$i" -lt "$nent" ] && [ "$i" -lt 8 ]; do
	off=$(u64 $((112 + i * 48 + 8)))
	put $((off + 1000)) '\125\252\125\252'
	i=$((i + 1))
done
cp "$D/lexicon.hsdb" "$T/corrupt.before"
parse corrupt
compiled corrupt "cache stale: checksum mismatch"
same corrupt

restore
put 0 'XXXX'
cp "$D/lexicon.hsdb" "$T/other.before"
parse other
compiled other "cache stale: not a lexicon cache"
same other

restore
truncate -s 5000 "$D/lexicon.hsdb"
cp "$D/lexicon.hsdb" "$T/short.before"
parse short
compiled short "cache stale: truncated"
same short

restore
printf 'asset_freeze\tsequestration of holdings\n' >>"$D/measures.txt"
cp "$D/lexicon.hsdb" "$T/stale.before"
parse stale
compiled stale "cache stale: the data files changed"
check "stale: the cache file is left as it was" \
    cmp -s "$T/stale.before" "$D/lexicon.hsdb"

restore
rm "$D/lexicon.hsdb"
parse none
compiled none "no cache"
check "none: every item classified as with the fresh cache" \
    cmp -s "$T/fresh.out" "$T/none.out"
check "none: no cache file is written" test ! -e "$D/lexicon.hsdb"

# The daemon says the same at start.
restore
put 0 'XXXX'
pick_ports
conf
SANCTIOND_DATA=$D start_daemon ||
    { nok "sanctiond started"; dlog | diag; finish; exit; }
check "sanctiond: a stale cache is named in its log at start" \
    grep -q "lexicon: compiled 3 databases in [0-9]* ms (cache stale: not a lexicon cache" \
    "$T/daemon.log" || diag "$T/daemon.log"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
finish
