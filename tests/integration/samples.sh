#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# samples.sh: the three real articles in ../shared/samples (when present),
# each wrapped in a small RSS document and run through `sanctionctl parse`,
# against the extraction an analyst expects (see that folder's README):
# who imposed, on whom, under which law, which measures, for how long, and
# the traps (Iran named but not a target; a condemnation beside a new
# imposition; roles reversed).
set -u
samples=${TOP:-.}/../shared/samples
if [ ! -d "$samples" ]; then
	echo "ok 1 - samples # SKIP not present"
	exit 0
fi
tmp=$(mktemp -d /tmp/sanctiond-samples.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0

check() {	# description, jq expression over the sanctions object
	n=$((n + 1))
	if jq -e "$2" "$tmp/out.json" >/dev/null 2>&1; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		jq -c '.sanctions' "$tmp/out.json" 2>/dev/null | sed 's/^/# got: /'
	fi
}

# wrap FILE: an RSS document whose one item carries FILE as its description,
# with no title, so that only the article's own words decide.
wrap() {
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<rss version="2.0"><channel><title>samples</title>\n'
		printf '<item><guid>%s</guid><description>' "$(basename "$1")"
		sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' "$1"
		printf '</description></item></channel></rss>\n'
	}
}

parse() {	# sample file name
	wrap "$samples/$1" >"$tmp/feed.xml"
	"$SANCTIONCTL" parse "$tmp/feed.xml" >"$tmp/out.json" 2>"$tmp/err"
}

parse state-dept-inksna-2020.txt
s='.sanctions'
check "inksna: relevant announcement" "$s.relevant and $s.announcement"
check "inksna: action impose" "$s.action == \"impose\""
check "inksna: the US imposes" "$s.authorities[0] == \"US\""
check "inksna: targets China, Iraq, Russia, Turkey" \
    "$s.targets.countries | sort == [\"CN\",\"IQ\",\"RU\",\"TR\"]"
check "inksna: Iran is named but not a target" \
    "$s.targets.countries | index(\"IR\") == null"
check "inksna: 13 targets" "$s.targets.count == 13"
check "inksna: named Luo Dingwen" "$s.targets.named | index(\"Luo Dingwen\") != null"
check "inksna: named a Chinese company" \
    "[$s.targets.named[] | select(test(\"Baoding Shimaotong\"))] | length == 1"
check "inksna: legal basis INKSNA" "$s.legal_basis | index(\"INKSNA\") != null"
check "inksna: procurement, assistance and export measures" \
    "[\"procurement_ban\",\"assistance_ban\",\"export_control\"] - $s.measures == []"
check "inksna: two years" "$s.duration == \"P2Y\""
check "inksna: evidence quotes the imposition" \
    "[$s.evidence[] | select(test(\"13 foreign entities\"))] | length >= 1"

parse russia-iran-snapback-2020.txt
check "snapback: relevant announcement" "$s.relevant and $s.announcement"
check "snapback: the US imposes, beside Russia's condemnation" \
    "$s.action == \"impose\" and $s.authorities[0] == \"US\""
check "snapback: Iran is the target" "$s.targets.countries == [\"IR\"]"
check "snapback: UNSCR 2231 and an executive order" \
    "[\"UNSCR 2231\",\"executive order\"] - $s.legal_basis == []"
check "snapback: arms embargo" "$s.measures | index(\"arms_embargo\") != null"

parse iran-sanctions-51-americans-2022.txt
check "51 americans: relevant announcement" "$s.relevant and $s.announcement"
check "51 americans: Iran imposes (roles reversed)" \
    "$s.action == \"impose\" and $s.authorities == [\"IR\"]"
check "51 americans: Americans are the target" "$s.targets.countries == [\"US\"]"
check "51 americans: 51 targets" "$s.targets.count == 51"
check "51 americans: named Milley" \
    "[$s.targets.named[] | select(test(\"Milley\"))] | length == 1"

# The same three as a feed would carry them: the article's first sentence
# as the headline, that headline cut at 120 characters (feeds cut them,
# often inside a quotation), and no headline (above).  Each must still
# give the analyst's who, what and on whom.
headline() {	# file, cut (0: whole first sentence)
	# The first sentence: up to a stop before a capital, not the one in
	# an abbreviation ("U.S.", an initial).
	h=$(perl -CSD -0777 -ne 's/^\s+//; s/\s+/ /g;
	    print $1 if /^(.*?(?<!\bU\.S)(?<!\b[A-Z])[.!?][\x{201d}"]?)\s+(?=[A-Z\x{201c}"])/' \
	    "$samples/$1")
	[ -n "$h" ] || h=$(head -c 300 "$samples/$1")
	[ "$2" -gt 0 ] && h=$(printf '%s' "$h" | cut -c1-"$2")
	printf '%s' "$h"
}

parse_titled() {	# file, title
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<rss version="2.0"><channel><title>samples</title>\n'
		printf '<item><guid>%s</guid><title>' "$(basename "$1")"
		printf '%s' "$2" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' \
		    -e 's/>/\&gt;/g'
		printf '</title><description>'
		sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
		    "$samples/$1"
		printf '</description></item></channel></rss>\n'
	} >"$tmp/feed.xml"
	"$SANCTIONCTL" parse "$tmp/feed.xml" >"$tmp/out.json" 2>"$tmp/err"
}

for cut in 0 120; do
	what="headline cut at $cut"
	[ "$cut" = 0 ] && what="first sentence as headline"
	parse_titled state-dept-inksna-2020.txt \
	    "$(headline state-dept-inksna-2020.txt $cut)"
	check "inksna, $what: US imposes on CN, IQ, RU, TR" \
	    "$s.announcement and $s.action == \"impose\" and
	    $s.authorities[0] == \"US\" and
	    ($s.targets.countries | sort) == [\"CN\",\"IQ\",\"RU\",\"TR\"]"
	parse_titled russia-iran-snapback-2020.txt \
	    "$(headline russia-iran-snapback-2020.txt $cut)"
	check "snapback, $what: an announcement about Iran" \
	    "$s.announcement and ($s.targets.countries | index(\"IR\")) != null"
	parse_titled iran-sanctions-51-americans-2022.txt \
	    "$(headline iran-sanctions-51-americans-2022.txt $cut)"
	check "51 americans, $what: Iran imposes on Americans" \
	    "$s.announcement and $s.action == \"impose\" and
	    $s.authorities == [\"IR\"] and $s.targets.countries == [\"US\"]"
done
echo "1..$n"
