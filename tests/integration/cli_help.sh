#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# cli_help.sh: every program and every sanctionctl subcommand answers -h and
# --help with its usage on stdout and status 0, listing each option of its
# synopsis on a line of its own; no arguments is the usage on stderr and
# status 2; a typo'd command is named with the nearest one.
. "$TOP/tests/integration/daemon_lib.inc"

# The options a synopsis names: "[-fnV]" is -f -n -V, "[--key FILE
# --server-key KEY]" is --key and --server-key.
synopsis_opts() {
	sed -n 's/^usage: //p' "$1" | head -n 1 | tr ' []|' '\n\n\n\n' |
	    grep -E '^--?[A-Za-z]' | while read -r o; do
		case $o in
		--*)	echo "$o" ;;
		*)	echo "$o" | cut -c2- | fold -w1 | sed 's/^/-/' ;;
		esac
	done
}

# has_opt FILE OPT: an option line for OPT ("  -e ENDPOINT  what",
# "  -V, --version  what").
has_opt() {
	grep -Eq -- "^  (-[A-Za-z], )?$2([ ,=]|\$)" "$1"
}

# help_ok NAME EXPECTED-OPTIONS -- COMMAND...: both spellings of help.
help_ok() {
	h_name=$1; h_want=$2; shift 3
	for h in -h --help; do
		"$@" "$h" >"$T/out" 2>"$T/err"
		h_rc=$?
		check "$h_name $h: status 0" [ "$h_rc" = 0 ]
		check "$h_name $h: a usage line on stdout" \
		    grep -q '^usage: ' "$T/out"
		check "$h_name $h: nothing on stderr" test ! -s "$T/err"
		h_miss=
		for o in $(synopsis_opts "$T/out") $h_want; do
			has_opt "$T/out" "$o" || h_miss="$h_miss $o"
		done
		check "$h_name $h: a line for every option${h_miss:+ (missing:$h_miss)}" \
		    [ -z "$h_miss" ]
	done
}

help_ok sanctiond "-c -f -n --once -V --version -h --help" -- "$SANCTIOND"
help_ok sanctionctl "-V --version -h --help" -- "$SANCTIONCTL"

# The documented subcommands, and any other the table lists.
"$SANCTIONCTL" --help >"$T/top" 2>&1
cmds=$(sed -n '/^commands:/,/^$/p' "$T/top" | awk 'NR > 1 && NF { print $1 }')
for c in parse article fetch sub keygen import-opml; do
	check "sanctionctl --help lists $c" sh -c "echo '$cmds' | grep -qx '$c'"
done
for c in $cmds; do
	case $c in
	parse)	want="--sanctions-only --url" ;;
	article) want="--url" ;;
	fetch)	want="--allow-private --timeout" ;;
	sub)	want="-e -r -t --since --exec --key --server-key --wait" ;;
	*)	want= ;;
	esac
	help_ok "sanctionctl $c" "$want -h --help" -- "$SANCTIONCTL" "$c"
done
# Help wins wherever it stands among the options.
"$SANCTIONCTL" sub -e tcp://127.0.0.1:1 --help >"$T/out" 2>/dev/null
check "sub -e X --help: status 0" [ $? = 0 ]
check "sub -e X --help: help, not a connection" \
    grep -q '^usage: sanctionctl sub' "$T/out"

"$SANCTIONCTL" >"$T/out" 2>"$T/err"
check "sanctionctl alone: status 2" [ $? = 2 ]
check "sanctionctl alone: usage on stderr" grep -q '^usage: ' "$T/err"
check "sanctionctl alone: nothing on stdout" test ! -s "$T/out"

typo() {	# typed, suggested
	"$SANCTIONCTL" "$1" >"$T/out" 2>"$T/err"
	t_rc=$?
	check "\"$1\": status 2" [ "$t_rc" = 2 ]
	check "\"$1\": did you mean \"$2\"?" grep -qx \
	    "sanctionctl: unknown command \"$1\"; did you mean \"$2\"?" "$T/err"
}
typo sbu sub
typo prase parse
typo fecth fetch
typo keygn keygen
typo import-opm import-opml
typo su sub
"$SANCTIONCTL" frobnicate >"$T/out" 2>"$T/err"
check "far from every command: status 2" [ $? = 2 ]
check "far from every command: no suggestion" sh -c \
    "grep -q 'unknown command \"frobnicate\"' '$T/err' &&
    ! grep -q 'did you mean' '$T/err'"
# The front alone, without sanctionctl-full beside it or installed: parse
# still runs, any other command says which program is missing.
mkdir -p "$T/alone"
cp "$SANCTIONCTL" "$T/alone/sanctionctl"
if [ -x /usr/local/libexec/sanctiond/sanctionctl-full ]; then
	ok "front without sanctionctl-full # SKIP one is installed"
else
	"$T/alone/sanctionctl" keygen >"$T/out" 2>"$T/err"
	check "front without sanctionctl-full: keygen fails, naming it" sh -c \
	    "[ $? != 0 ] && grep -q 'sanctionctl-full: No such file' '$T/err'"
	SANCTIOND_DATA="$TOP/parsers/data" "$T/alone/sanctionctl" parse \
	    "$TOP/examples/feeds/treasury-rss.xml" >"$T/out" 2>"$T/err"
	check "front without sanctionctl-full: parse still runs" sh -c \
	    "[ $? = 0 ] && grep -q '\"item\"' '$T/out'"
fi
finish
