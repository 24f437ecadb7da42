#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bash_completion.sh: doc/sanctionctl.bash-completion registers itself for
# sanctionctl and completes commands, each command's options (all those its
# --help lists) and feed names from the config given with -c.  Skipped
# without bash.
set -u
n=0
failed=0
check() {	# description, command...
	d=$1; shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $d"; else failed=$((failed + 1)); echo "not ok $n - $d"; fi
}
if ! command -v bash >/dev/null 2>&1; then
	echo "ok 1 - bash completion # SKIP bash not installed"
	echo "1..1"
	exit 0
fi
T=$(mktemp -d /tmp/sanctiond-comp.XXXXXX)
trap 'rm -rf "$T"' EXIT
COMP=$TOP/doc/sanctionctl.bash-completion

# complete WORD...: the completions of the last word, one per line.
complete() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	    COMPREPLY=(); _sanctionctl; printf "%s\n" "${COMPREPLY[@]}"' \
	    sh "$COMP" "$@"
}

check "complete -p sanctionctl names _sanctionctl" \
    test "$(bash -c '. "$1"; complete -p sanctionctl' sh "$COMP")" = \
    "complete -F _sanctionctl sanctionctl"
check "sanctionctl su<TAB> gives sub" \
    test "$(complete sanctionctl su)" = "sub"
check "sanctionctl <TAB> gives every command of sanctionctl --help" sh -c '
    for c in $("$1" --help | sed -n "/^commands:/,/^\$/s/^  \([a-z-]*\) .*/\1/p"); do
	echo "$2" | grep -qx -- "$c" || { echo "# missing $c"; exit 1; }
    done' sh "$SANCTIONCTL" "$(complete sanctionctl '')"
check "sanctionctl sub --ser<TAB> gives --server-key" \
    test "$(complete sanctionctl sub --ser)" = "--server-key"
check "relay --template <TAB> gives slack teams ntfy" \
    test "$(complete sanctionctl relay --template '' | tr '\n' ' ')" = "slack teams ntfy "

# Every option of every command's --help is offered after "-".
missing=
for c in parse article fetch sub relay status backup keygen import-opml export-opml; do
	offered=$(complete sanctionctl "$c" -)
	for opt in $("$SANCTIONCTL" "$c" --help | sed -n '/^options:/,$p' |
	    sed -n 's/^  \(-[^ ]*\(, -[^ ]*\)*\).*/\1/p' | tr ',' '\n' | tr -d ' '); do
		echo "$offered" | grep -qx -- "$opt" || missing="$missing $c:$opt"
	done
done
check "every option of every command's --help is completed${missing:+ (missing$missing)}" \
    test -z "$missing"

printf '[daemon]\n[feed ofac-recent]\nurl = https://a.example/\n[feed uk-ofsi]\nurl = https://b.example/\n' >"$T/my.conf"
check "status -c FILE <TAB> gives the feed names of FILE" \
    test "$(complete sanctionctl status -c "$T/my.conf" '' | tr '\n' ' ')" = "ofac-recent uk-ofsi "
check "status -c FILE uk<TAB> gives uk-ofsi" \
    test "$(complete sanctionctl status -c "$T/my.conf" uk)" = "uk-ofsi"

echo "1..$n"
[ "$failed" = 0 ]
