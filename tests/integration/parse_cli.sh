#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# parse_cli.sh: the "sanctionctl parse" contract from SPEC: JSON Lines, one
# object per item, "item": null for an itemless feed, an error line naming
# the file and exit status 1 while the other files are still printed,
# standard input with "-" or no argument, --sanctions-only, --url.
set -u
D=$TOP/tests/data/feeds
T=$(mktemp -d /tmp/parse_cli.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
n=0
check() {	# what, command...
	what=$1; shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then echo "ok $n - $what"
	else echo "not ok $n - $what"; fi
}

"$SANCTIONCTL" parse "$D/rss20.xml" >"$T/out" 2>"$T/err"
rc=$?
check "a good feed exits 0 with nothing on stderr" \
    sh -c "[ $rc = 0 ] && [ ! -s '$T/err' ]"
check "one line per item" test "$(wc -l <"$T/out")" -eq 4
check "every line is one JSON object" \
    sh -c "jq -e -c 'type == \"object\"' '$T/out' | grep -c true | grep -qx 4"
check "feed.url is the file name" \
    sh -c "jq -r .feed.url '$T/out' | sort -u | grep -qx '$D/rss20.xml'"
check "feed.title and feed.link come from the channel" \
    sh -c "jq -r '.feed.title + \" \" + .feed.link' '$T/out' | head -1 |
    grep -qx 'Treasury & Sanctions News https://example.gov/news/'"
check "item fields: id, title, link, published as RFC 3339 UTC" \
    sh -c "jq -r '.item | [.id, .title, .link, .published] | join(\"|\")' \
    '$T/out' | head -1 | grep -qx 'sb0001|Treasury Sanctions Network \
Evading Export Controls|https://example.gov/news/press-releases/sb0001|2020-02-25T14:03:00Z'"
check "categories and enclosures are arrays of the SPEC's shape" \
    sh -c "jq -e -c '.item.enclosures[0] | .url == \"https://example.gov/media/sb0001.pdf\" and .type == \"application/pdf\" and .length == 12345' '$T/out' | head -1 | grep -qx true"
check "absent values are omitted, not invented" \
    sh -c "jq -e -c '.item | has(\"updated\")' '$T/out' | head -1 | grep -qx false"
check "each item is classified" \
    sh -c "jq -e -c 'has(\"sanctions\")' '$T/out' | grep -c true | grep -qx 4"

"$SANCTIONCTL" parse "$D/empty_channel.xml" >"$T/out" 2>"$T/err"
rc=$?
check "an itemless feed prints one object with item null" \
    sh -c "[ $rc = 0 ] && [ \$(wc -l <'$T/out') = 1 ] &&
    jq -e '.item == null and .feed.title == \"Nothing yet\"' '$T/out'"

"$SANCTIONCTL" parse "$D/notfeed_html.xml" "$D/rss10.xml" "$T/missing.xml" \
    "$D/atom10.xml" >"$T/out" 2>"$T/err"
rc=$?
check "a bad file makes the exit status 1" test "$rc" = 1
check "the error line names the file and the reason" \
    grep -q "notfeed_html.xml: not a feed: an HTML page" "$T/err"
check "a missing file is named too" grep -q "missing.xml: " "$T/err"
check "one stderr line per bad file" test "$(wc -l <"$T/err")" -eq 2
check "the other files are still printed" \
    sh -c "[ \$(jq -r .feed.url '$T/out' | sort -u | wc -l) = 2 ] &&
    [ \$(wc -l <'$T/out') = 4 ]"

"$SANCTIONCTL" parse "$D/truncated.xml" >"$T/out" 2>"$T/err"
rc=$?
check "a truncated feed: its complete items printed, error, status 1" \
    sh -c "[ $rc = 1 ] && [ \$(wc -l <'$T/out') = 2 ] &&
    grep -q 'truncated.xml: document ends early' '$T/err'"

"$SANCTIONCTL" parse "$D/bare_amp.xml" >"$T/out" 2>"$T/err"
rc=$?
check "a recoverable error (bare &): items printed, a warning, status 0" \
    sh -c "[ $rc = 0 ] && [ \$(wc -l <'$T/out') = 3 ] &&
    [ \$(wc -l <'$T/err') = 1 ] &&
    grep -q 'bare_amp.xml: warning: 3 parse errors, first at line ' '$T/err'"

# Errors on lines 3, 5 and 6, one line of stderr saying all of them.
printf '%s\n' '<?xml version="1.0"?>' '<rss version="2.0"><channel>' \
    '<title>A & B</title>' '<item><guid>1</guid></item>' \
    '<item><guid>2</guid><title>x &#0; y</title></item>' \
    '<item><guid>3</guid><title>Q&A</title></item>' '</channel></rss>' \
    >"$T/errs.xml"
"$SANCTIONCTL" parse "$T/errs.xml" >"$T/out" 2>"$T/err"
rc=$?
check "several errors: status 0, the 3 items, one stderr line" \
    sh -c "[ $rc = 0 ] && [ \$(wc -l <'$T/out') = 3 ] &&
    [ \$(wc -l <'$T/err') = 1 ]"
check "several errors: the count and every line" \
    grep -q "errs.xml: warning: 3 parse errors, first at line 3: .*; \
line 5: .*; line 6: " "$T/err"

"$SANCTIONCTL" parse - <"$D/atom10.xml" >"$T/out" 2>"$T/err"
check "standard input with -" \
    sh -c "[ \$(wc -l <'$T/out') = 2 ] && jq -r .feed.url '$T/out' | sort -u | grep -qx -- -"
"$SANCTIONCTL" parse <"$D/rss10.xml" >"$T/out" 2>"$T/err"
check "standard input with no argument" test "$(wc -l <"$T/out")" -eq 2

"$SANCTIONCTL" parse --sanctions-only "$D/rss20.xml" "$D/empty_channel.xml" \
    >"$T/out" 2>"$T/err"
check "--sanctions-only prints only relevant items" \
    sh -c "[ -s '$T/out' ] && jq -e .sanctions.relevant '$T/out' | sort -u | grep -qx true"
"$SANCTIONCTL" parse "$D/rss20.xml" >"$T/all"
check "--sanctions-only drops the others" \
    test "$(wc -l <"$T/out")" -lt "$(wc -l <"$T/all")"

printf '<rss><channel><link>/home</link><item><link>rel/3</link></item>\
</channel></rss>' >"$T/rel.xml"
"$SANCTIONCTL" parse --url https://feeds.example.org/news/rss.xml "$T/rel.xml" \
    >"$T/out" 2>"$T/err"
check "--url: relative links resolve against it, as fetched" \
    sh -c "jq -r '.feed.link + \" \" + .item.link' '$T/out' | grep -qx \
    'https://feeds.example.org/home https://feeds.example.org/news/rel/3'"
check "--url: it is the feed.url" \
    sh -c "jq -r .feed.url '$T/out' | grep -qx https://feeds.example.org/news/rss.xml"
"$SANCTIONCTL" parse --url >/dev/null 2>"$T/err"
rc=$?
check "--url without a URL: status 2, named" \
    sh -c "[ $rc = 2 ] && grep -q -- '--url needs a URL' '$T/err'"

"$SANCTIONCTL" parse "$D/xxe.xml" "$D/laughs.xml" >"$T/out" 2>"$T/err"
check "hostile documents: no local file content in the output" \
    sh -c "! grep -q 'root:' '$T/out'"
check "billion laughs: named on stderr" grep -q "laughs.xml: .*entity" "$T/err"

printf '<rss><channel><item><title>caf\351 \377</title></item></channel></rss>' \
    >"$T/bad.xml"
"$SANCTIONCTL" parse "$T/bad.xml" >"$T/out" 2>"$T/err"
check "invalid bytes never reach the JSON: title present and valid" \
    jq -e '.item.title | test("caf")' "$T/out"
echo "1..$n"
