#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# model_cache.sh: the loaded model (model.bin next to model.txt, made by
# make) as the real programs meet it.  A fresh one is loaded without a
# word; one that is corrupt, of another format, cut short, stale (model.txt
# changed) or absent is detected, model.txt is parsed with one log line
# saying why ("model: parsed N features in N ms (REASON)"), the items are
# classified as with the fresh cache, and the file is left as it was.  A
# malformed model.txt is an error naming its line, cache or not.
# test_model.c checks each reason through the library; this checks the
# programs' log (sanctionctl parse, and sanctiond's start).
. "$TOP/tests/integration/daemon_lib.inc"

D=$T/data
cat >"$T/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>t</title><link>http://example.org/</link>
<item><guid>1</guid><title>Treasury sanctions 12 entities over Iran oil sales</title>
<description>The US Treasury Department's OFAC today imposed sanctions on 12
entities and froze their assets.</description></item>
<item><guid>2</guid><title>EU extends its restrictive measures against Belarus</title>
<description>The Council prolonged the asset freeze by a year.</description></item>
<item><guid>3</guid><title>City council approves new park</title>
<description>The park opens in spring.</description></item>
</channel></rss>
XML

# restore: a data directory with both fresh caches.
restore() { data_dir "$D"; }
parse() {
	SANCTIOND_DATA=$D "$SANCTIONCTL" parse "$T/feed.xml" "$TOP"/examples/feeds/*.xml \
	    >"$T/$1.out" 2>"$T/$1.err"
}
# put OFF BYTES: overwrite bytes of the cache file.
put() { printf "$2" | dd of="$D/model.bin" bs=1 seek="$1" conv=notrunc \
    2>/dev/null; }

# parsed NAME REASON: the one log line, and nothing else said.
parsed() {
	p_line=$(grep -c "model: parsed [0-9]* features in [0-9]* ms ($2" \
	    "$T/$1.err")
	check "$1: detected, model.txt parsed, the log says why ($2)" \
	    test "$p_line" = 1 || diag "$T/$1.err"
	check "$1: nothing else said" test "$(wc -l <"$T/$1.err")" = 1 ||
	    diag "$T/$1.err"
}
same() {
	check "$1: every item classified as with the fresh cache" \
	    cmp -s "$T/fresh.out" "$T/$1.out"
	check "$1: the cache file is left as it was" \
	    cmp -s "$T/$1.before" "$D/model.bin"
}

restore
parse fresh
check "fresh cache: loaded, nothing parsed, nothing said" \
    test ! -s "$T/fresh.err" || diag "$T/fresh.err"
check "fresh cache: the announcement is classified" sh -c '
    jq -s -e "map(select(.item.id == \"1\"))[0].sanctions.relevant" "$1" \
    >/dev/null' - "$T/fresh.out"

# Corrupt bytes 1000 into the table (past the 192-byte header and the
# 8 KB filter).
restore
put $((192 + 8192 + 1000)) '\125\252\125\252'
cp "$D/model.bin" "$T/corrupt.before"
parse corrupt
parsed corrupt "cache stale: checksum mismatch"
same corrupt

restore
put 0 'XXXX'
cp "$D/model.bin" "$T/other.before"
parse other
parsed other "cache stale: not a model cache"
same other

restore
truncate -s 5000 "$D/model.bin"
cp "$D/model.bin" "$T/short.before"
parse short
parsed short "cache stale: truncated"
same short

# Stale: a comment changes model.txt's bytes, not its weights.
restore
printf '# a comment\n' >>"$D/model.txt"
cp "$D/model.bin" "$T/stale.before"
parse stale
parsed stale "cache stale: model.txt changed"
same stale

restore
rm "$D/model.bin"
parse none
parsed none "no cache"
check "none: every item classified as with the fresh cache" \
    cmp -s "$T/fresh.out" "$T/none.out"
check "none: no cache file is written" test ! -e "$D/model.bin"

# A malformed model.txt under a fresh cache of the good one: an error.
restore
printf 'w:embargo 1 0 0 0\n' >>"$D/model.txt"
lines=$(wc -l <"$D/model.txt")
parse bad
check "bad model.txt: parse fails, naming the file and line" sh -c \
    "[ $? != 0 ] && grep -q 'model.txt:$lines: not FEATURE<tab>WEIGHTS' \
    '$T/bad.err'" || diag "$T/bad.err"

# The daemon says the same at start.
restore
put 0 'XXXX'
pick_ports
conf
SANCTIOND_DATA=$D start_daemon ||
    { nok "sanctiond started"; dlog | diag; finish; exit; }
check "sanctiond: a stale model cache is named in its log at start" \
    grep -q "model: parsed [0-9]* features in [0-9]* ms (cache stale: not a model cache" \
    "$T/daemon.log" || diag "$T/daemon.log"
stop_daemon TERM
check "SIGTERM: exit 0" test "$?" = 0
finish
