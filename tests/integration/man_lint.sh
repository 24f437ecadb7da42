#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# man_lint.sh: the manual pages are mandoc-lint clean, and cannot drift from
# the programs: every option "sanctionctl CMD --help" and "sanctiond --help"
# list, every command, and every key of daemon/config.c's tables appears in
# its page.  Skipped where mandoc is not installed (mk/deps.sh installs it).
set -u
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
T=$(mktemp -d /tmp/sanctiond-man.XXXXXX)
trap 'rm -rf "$T"' EXIT
DOC=$TOP/doc

if ! command -v mandoc >/dev/null 2>&1; then
	echo "ok 1 - manual pages # SKIP mandoc not installed"
	echo "1..1"
	exit 0
fi

for page in sanctiond.8 sanctionctl.1 sanctiond.conf.5; do
	if mandoc -Tlint -W warning "$DOC/$page" >"$T/lint" 2>&1; then
		ok "$page: mandoc -Tlint -W warning is clean"
	else
		nok "$page: mandoc -Tlint -W warning is clean"
		sed 's/^/# /' "$T/lint"
	fi
	# Plain text, hyphens as "-", no backspace emphasis.
	mandoc -Tascii "$DOC/$page" | col -bx >"$T/$page.txt"
done

# has PAGE WORD: WORD in PAGE's text, not as part of a longer option/word.
has() {
	grep -Eq -- "(^|[^[:alnum:]_-])$2([^[:alnum:]_-]|\$)" "$T/$1.txt"
}

# The options of a --help text: the first words of its option lines.
help_options() {
	sed -n '/^options:/,$p' | sed -n 's/^  \(-[^ ]*\(, -[^ ]*\)*\).*/\1/p' |
	    tr ',' '\n' | tr -d ' '
}

missing=
for opt in $("$SANCTIOND" --help | help_options); do
	has sanctiond.8 "$opt" || missing="$missing $opt"
done
if [ -z "$missing" ]; then
	ok "sanctiond.8 has every option of sanctiond --help"
else
	nok "sanctiond.8 lacks:$missing"
fi

cmds=$("$SANCTIONCTL" --help | sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
if [ "$(echo "$cmds" | wc -w)" -ge 8 ]; then
	ok "sanctionctl --help lists the commands ($(echo $cmds))"
else
	nok "sanctionctl --help lists the commands ($(echo $cmds))"
fi
missing=
for cmd in $cmds; do
	has sanctionctl.1 "$cmd" || missing="$missing $cmd"
	for opt in $("$SANCTIONCTL" "$cmd" --help | help_options); do
		has sanctionctl.1 "$opt" || missing="$missing $cmd:$opt"
	done
done
for opt in $("$SANCTIONCTL" --help | help_options); do
	has sanctionctl.1 "$opt" || missing="$missing $opt"
done
if [ -z "$missing" ]; then
	ok "sanctionctl.1 has every command and every option of their --help"
else
	nok "sanctionctl.1 lacks:$missing"
fi

keys=$(sed -n '/^static const struct key [a-z_]*keys\[\] = {/,/^};/s/^	{ "\([a-z_0-9]*\)",.*/\1/p' \
    "$TOP/daemon/config.c" | sort -u)
if [ "$(echo "$keys" | wc -w)" -ge 20 ]; then
	ok "config.c's key tables read ($(echo "$keys" | wc -w) keys)"
else
	nok "config.c's key tables read ($(echo $keys))"
fi
missing=
for key in $keys; do
	has sanctiond.conf.5 "$key" || missing="$missing $key"
done
if [ -z "$missing" ]; then
	ok "sanctiond.conf.5 has every key of daemon/config.c"
else
	nok "sanctiond.conf.5 lacks:$missing"
fi

echo "1..$n"
[ "$failed" = 0 ]
