#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# article_cli.sh: the "sanctionctl article" contract from SPEC: one JSON
# object per page {url, title, text, published, author}, null for what is
# missing; a file, standard input ("-" or no argument), --url; a page with
# no article gives "text": "" and a line on stderr naming it; an unreadable
# file is named and makes the status 1 while the others are still printed.
set -u
T=$(mktemp -d /tmp/article_cli.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
n=0
check() {	# what, command...
	what=$1; shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then echo "ok $n - $what"
	else echo "not ok $n - $what"; fi
}

p='<p>The Treasury imposed sanctions on thirteen vessels that carried crude oil, officials said, citing an executive order signed last year by the president.</p>'
cat >"$T/page.html" <<EOF2
<html><head><title>Tankers | News</title>
<meta property="og:title" content="US sanctions 13 tankers">
<meta property="article:published_time" content="2026-12-01T11:00:00+01:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="/world/tankers"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news</a></nav>
<div class="story">$p$p$p</div>
<div id="comments"><p>First! This comment is not part of the article at all, whatever it says.</p></div>
<footer>Copyright Example Media</footer></body></html>
EOF2
printf '<html><body><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>' >"$T/links.html"

"$SANCTIONCTL" article "$T/page.html" >"$T/out" 2>"$T/err"
rc=$?
check "an article page exits 0 with nothing on stderr" \
    sh -c "[ $rc = 0 ] && [ ! -s '$T/err' ]"
check "one JSON object with the five members" \
    sh -c "[ \$(wc -l <'$T/out') = 1 ] && jq -e 'keys == [\"author\",\"published\",\"text\",\"title\",\"url\"]' '$T/out'"
check "title, author, published (RFC 3339 UTC) from the meta" \
    sh -c "jq -r '[.title, .author, .published] | join(\"|\")' '$T/out' | grep -qx 'US sanctions 13 tankers|Jane Roe|2026-12-01T10:00:00Z'"
check "text: the article, paragraphs separated by a blank line" \
    sh -c "jq -r .text '$T/out' | grep -c 'thirteen vessels' | grep -qx 3 && jq -r .text '$T/out' | sed -n 2p | grep -qx ''"
check "text: no navigation, comments or footer" \
    sh -c "! jq -r .text '$T/out' | grep -Eq 'World news|First!|Copyright'"
check "without --url a relative canonical link stays relative" \
    sh -c "jq -r .url '$T/out' | grep -qx '/world/tankers'"

"$SANCTIONCTL" article --url https://news.example/x/1 "$T/page.html" >"$T/out" 2>&1
check "--url resolves the canonical link" \
    sh -c "jq -r .url '$T/out' | grep -qx 'https://news.example/world/tankers'"
"$SANCTIONCTL" article --url https://news.example/x/1 "$T/links.html" >"$T/out" 2>/dev/null
check "--url is the url of a page without a canonical link" \
    sh -c "jq -r .url '$T/out' | grep -qx 'https://news.example/x/1'"

"$SANCTIONCTL" article <"$T/page.html" >"$T/out" 2>"$T/err"
check "standard input with no argument" \
    sh -c "jq -r .text '$T/out' | grep -q 'thirteen vessels'"
"$SANCTIONCTL" article - <"$T/page.html" >"$T/out" 2>"$T/err"
check "standard input as -" \
    sh -c "jq -r .text '$T/out' | grep -q 'thirteen vessels'"

"$SANCTIONCTL" article "$T/links.html" >"$T/out" 2>"$T/err"
rc=$?
check "a page with no article: text \"\", status 0" \
    sh -c "[ $rc = 0 ] && jq -e '.text == \"\" and .title == null and .published == null and .author == null and .url == null' '$T/out'"
check "a page with no article: a line on stderr naming the file" \
    sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q 'links.html: not an article' '$T/err'"

"$SANCTIONCTL" article "$T/missing.html" "$T/page.html" >"$T/out" 2>"$T/err"
rc=$?
check "an unreadable file: named on stderr, status 1, the others printed" \
    sh -c "[ $rc = 1 ] && grep -q 'missing.html: No such file' '$T/err' && [ \$(wc -l <'$T/out') = 1 ]"

head -c 9000000 /dev/zero | tr '\0' 'x' >"$T/big.html"
"$SANCTIONCTL" article "$T/big.html" >"$T/out" 2>"$T/err"
rc=$?
check "a page over the cap: named on stderr, status 1, text \"\"" \
    sh -c "[ $rc = 1 ] && grep -q 'big.html: .*caps' '$T/err' && jq -e '.text == \"\"' '$T/out'"

printf '<html><head><title>caf\351 \377</title></head><body><p>x</p></body></html>' >"$T/bad.html"
"$SANCTIONCTL" article "$T/bad.html" >"$T/out" 2>/dev/null
check "invalid bytes never reach the JSON" jq -e '.title | test("caf")' "$T/out"

"$SANCTIONCTL" article --bogus "$T/page.html" >/dev/null 2>"$T/err"
rc=$?
check "an unknown option: status 2, named" \
    sh -c "[ $rc = 2 ] && grep -q -- '--bogus' '$T/err'"
echo "1..$n"
