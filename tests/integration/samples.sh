#!/bin/sh
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
echo "1..$n"
