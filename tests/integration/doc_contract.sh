#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# doc_contract.sh: the interface documentation lives in the repository and
# cannot drift from the code: README, doc/ and the manual pages point at
# nothing outside the tree (no SPEC, no ../shared, no DESIGN), every
# relative link resolves, and the names doc/ lists are the code's: every
# metric of daemon/metrics.c, every fetch result and next-poll reason of
# fetchers/engine.c, every replay error of daemon/replay.c.
set -u
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
cd "$TOP" || exit 1
T=$(mktemp -d /tmp/sanctiond-doc.XXXXXX)
trap 'rm -rf "$T"' EXIT

docs="README.md doc/*.md doc/sanctiond.8 doc/sanctionctl.1 doc/sanctiond.conf.5 doc/event.schema.json"
# shellcheck disable=SC2086
grep -n -e 'SPEC' -e '\.\./shared' -e 'DESIGN' $docs >"$T/out" 2>/dev/null
if [ -s "$T/out" ]; then
	nok "README, doc/ and man pages name nothing outside the repository"
	sed 's/^/# /' "$T/out"
else
	ok "README, doc/ and man pages name nothing outside the repository"
fi

for f in doc/items.md doc/events.md doc/operations.md doc/security.md \
    doc/event.schema.json; do
	if grep -q "($f)" README.md; then
		ok "README links $f"
	else
		nok "README links $f"
	fi
done

# Relative Markdown links, from the file's own directory.
bad=
for f in README.md doc/*.md; do
	[ -f "$f" ] || continue
	d=$(dirname "$f")
	for l in $(grep -o '](\([^)#]*\)' "$f" | sed 's/^](//' | sort -u); do
		case $l in http*|mailto:*|'') continue ;; esac
		[ -e "$d/$l" ] || bad="$bad $f:$l"
	done
done
if [ -z "$bad" ]; then
	ok "every relative link in README and doc/*.md resolves"
else
	nok "links that resolve nowhere:$bad"
fi

# names_in WHAT DOC NAME...: each NAME appears in DOC as `NAME` or in a list.
names_in() {
	what=$1 doc=$2
	shift 2
	missing=
	for w in "$@"; do
		grep -qsF -- "$w" "$doc" || missing="$missing $w"
	done
	if [ -z "$missing" ]; then
		ok "$doc has every $what"
	else
		nok "$doc lacks $what:$missing"
	fi
}

names_in "metric of daemon/metrics.c" doc/operations.md $(grep -o \
    '"sanctiond_[a-z_]*"' daemon/metrics.c | tr -d '"' |
    sed 's/_\(bucket\|sum\|count\)$//' | sort -u)
# The names arrays of fetch_status_name() and due_reason_name().
names_in "fetch result" doc/operations.md $(sed -n \
    '/^fetch_status_name/,/^}/p' fetchers/engine.c | grep -o '"[a-z_0-9]*"' |
    tr -d '"' | grep -v '^unknown$')
names_in "next-poll reason" doc/operations.md $(sed -n \
    '/^due_reason_name/,/^}/p' fetchers/engine.c | grep -o '"[A-Za-z-]*"' |
    tr -d '"' | grep -v '^unknown$')
# Replay errors: the start of each message (its first string literal).
grep -E '(why = |return |send_error[a-z_]*\().*"' daemon/replay.c |
    grep -o '"\([^"\\]\|\\.\)*"' | sed -n 's/^"\(.*\)"$/\1/p' |
    sed 's/\\"/"/g' | grep -v '^$' | cut -c1-24 | sort -u >"$T/errs"
missing=
while read -r e; do
	grep -qsF -- "$e" doc/events.md || missing="$missing [$e]"
done <"$T/errs"
if [ -s "$T/errs" ] && [ -z "$missing" ]; then
	ok "doc/events.md has every replay error of daemon/replay.c ($(wc -l <"$T/errs" | tr -d ' '))"
else
	nok "doc/events.md lacks replay errors:$missing"
fi

echo "1..$n"
[ "$failed" = 0 ]
