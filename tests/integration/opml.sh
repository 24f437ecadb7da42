#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# opml: sanctionctl export-opml writes the configured feeds as OPML 2.0, and
# import-opml gives the same [feed] sections back (names and URLs; no
# credentials leave the config).  import-opml drops duplicate URLs (the same
# after normalization) and says how many, names untitled feeds after their
# host, and every name it emits is one sanctiond accepts.
set -u
T=$(mktemp -d /tmp/sanctiond-it.XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() {
	d=$1; shift
	if "$@"; then ok "$d"; else nok "$d"; fi
}

PW="opml-pw-$$"
cat >"$T/sanctiond.conf" <<EOF
[daemon]
state = $T/state.db
[feed ofac]
url = https://example.org/recent-actions.xml
interval = 5m
[feed UK_hmt.sanctions-2]
url = http://reader:$PW@example.com:8080/feed?a=1&b=<2>
[feed eu]
url = https://example.net/a%20b/"q".rss
EOF
chmod 600 "$T/sanctiond.conf"

"$SANCTIONCTL" export-opml -c "$T/sanctiond.conf" >"$T/out.opml" \
    2>"$T/export.err"
check "export-opml: exit 0" test "$?" = 0
check "export-opml: an OPML 2.0 document" \
    grep -q '<opml version="2.0">' "$T/out.opml"
check "export-opml: well-formed XML, one outline per feed" \
    test "$(xmllint --xpath 'count(//outline[@xmlUrl])' "$T/out.opml")" = 3
check "export-opml: & and < escaped" \
    grep -q 'a=1&amp;b=&lt;2&gt;' "$T/out.opml"
check "export-opml: no credentials in the list" \
    sh -c '! grep -qF "$1" "$2" && ! grep -q "reader" "$2"' - "$PW" \
    "$T/out.opml"

"$SANCTIONCTL" import-opml "$T/out.opml" >"$T/back.conf" 2>"$T/import.err"
check "import-opml of the export: exit 0" test "$?" = 0
# name<TAB>url per feed, as sanctiond reads them.
pairs() {
	awk '/^\[feed /{ sub(/^\[feed /, ""); sub(/\]$/, ""); name = $0 }
	    /^url = /{ sub(/^url = /, ""); print name "\t" $0 }' "$1"
}
{
	printf 'ofac\thttps://example.org/recent-actions.xml\n'
	printf 'UK_hmt.sanctions-2\thttp://example.com:8080/feed?a=1&b=<2>\n'
	printf 'eu\thttps://example.net/a%%20b/"q".rss\n'
} >"$T/want.pairs"
pairs "$T/back.conf" >"$T/got.pairs"
check "the round trip gives the same names and URLs" \
    cmp -s "$T/want.pairs" "$T/got.pairs"
{ printf '[daemon]\nstate = %s/state.db\n' "$T"; cat "$T/back.conf"; } \
    >"$T/round.conf"
chmod 600 "$T/round.conf"
"$SANCTIOND" -n -c "$T/round.conf" >"$T/round.out" 2>&1
check "the round trip's config is accepted" \
    grep -q "configuration OK" "$T/round.out"

cat >"$T/in.opml" <<'EOF'
<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="News">
  <outline text="OFAC" xmlUrl="https://www.treasury.example/ofac.xml"/>
  <outline text="OFAC again" xmlUrl="HTTPS://WWW.Treasury.example:443/ofac.xml"/>
  <outline xmlUrl="http://example.org/one.xml"/>
  <outline title="" text="" xmlUrl="http://example.org/two.xml"/>
  <outline title="!!!" xmlUrl="http://[::1]:8080/three.xml"/>
  <outline title="U.S. Treasury — OFAC! and a very long title that goes on and on"
      xmlUrl="http://example.org/four.xml"/>
  <outline title="OFAC" xmlUrl="http://example.org/five.xml"/>
  <outline title="dup of one" xmlUrl="http://example.org:80/one.xml"/>
  <outline title="ftp" xmlUrl="ftp://example.org/x"/>
  <outline title="bad" xmlUrl="http://u:secret-$$@[1.2.3.4/x"/>
</outline>
</body></opml>
EOF
"$SANCTIONCTL" import-opml "$T/in.opml" >"$T/in.conf" 2>"$T/in.err"
check "import-opml: exit 0" test "$?" = 0
check "duplicates dropped: the same URL after normalization, counted" \
    grep -q "in.opml: 2 duplicate URLs dropped" "$T/in.err"
check "each duplicate named with the line of the first" \
    sh -c 'grep -q "in.opml:5: skipping \"OFAC again\": the same URL as line 4" "$1" &&
    grep -q "in.opml:12: skipping \"dup of one\": the same URL as line 6" "$1"' \
    - "$T/in.err"
check "the first of the duplicates kept, once" \
    test "$(grep -c 'ofac.xml' "$T/in.conf")" = 1
check "untitled feeds are named after their host, made unique" \
    sh -c 'grep -A1 "^\[feed example.org\]" "$1" | grep -q one.xml &&
    grep -A1 "^\[feed example.org-2\]" "$1" | grep -q two.xml' - \
    "$T/in.conf"
check "a title that is a name already is kept; a collision gets -2" \
    sh -c 'grep -A1 "^\[feed OFAC\]" "$1" | grep -q ofac.xml &&
    grep -A1 "^\[feed OFAC-2\]" "$1" | grep -q five.xml' - "$T/in.conf"
check "URLs the config refuses are skipped, naming the outline" \
    sh -c 'grep -q "skipping \"ftp\"" "$1" && grep -q "skipping \"bad\"" "$1"' \
    - "$T/in.err"
{ printf '[daemon]\nstate = %s/state.db\n' "$T"; cat "$T/in.conf"; } \
    >"$T/imported.conf"
chmod 600 "$T/imported.conf"
"$SANCTIOND" -n -c "$T/imported.conf" >"$T/imported.out" 2>&1
check "every name import-opml emitted is accepted by sanctiond" \
    grep -q "configuration OK" "$T/imported.out"
check "six feeds imported" \
    test "$(grep -c '^\[feed ' "$T/in.conf")" = 6
[ "$failed" != 0 ] && sed 's/^/# /' "$T/in.conf" "$T/in.err" "$T/imported.out"
echo "1..$n"
[ "$failed" = 0 ]
