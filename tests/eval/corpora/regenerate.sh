#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# regenerate.sh [NAME ...]: rebuild $SANCTIOND_CORPORA/NAME.jsonl by running
# the "Regenerate:" command of each corpus README (all of them by default,
# in name order, so agnews comes before agnews_more, which reads it).  The
# README line is the one source of the command: this script only runs it,
# so a wrong line fails here.  MIRROR replaces /work/.mirror (where the
# fetched snapshots live) in the commands.  A reader's stderr goes to
# NAME.err beside its output; the output is written whole or not at all.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${SANCTIOND_CORPORA:=$here/../../../../corpora}"
: "${MIRROR:=/work/.mirror}"
export SANCTIOND_CORPORA
mkdir -p "$SANCTIOND_CORPORA" || exit 1
[ $# -gt 0 ] || set -- $(cd "$here" && ls -d */ | tr -d /)
status=0
for name; do
	readme=$here/$name/README.md
	cmd=$(sed -n 's/^[- ]*Regenerate: `\([^`]*\)`.*/\1/p' "$readme" 2>/dev/null)
	if [ -z "$cmd" ]; then
		echo "$name: no Regenerate line"
		continue
	fi
	# The command ends "> $SANCTIOND_CORPORA/NAME.jsonl": write beside it.
	out=$SANCTIOND_CORPORA/$name.jsonl
	cmd=$(echo "$cmd" | sed "s#/work/.mirror/#$MIRROR/#g; s#>.*##")
	if (cd "$here/$name" && eval "$cmd") >"$out.tmp" 2>"$SANCTIOND_CORPORA/$name.err"; then
		mv "$out.tmp" "$out"
		echo "$name: $(wc -l <"$out") items"
	else
		rm -f "$out.tmp"
		echo "$name: failed (see $SANCTIOND_CORPORA/$name.err)"
		status=1
	fi
done
exit $status
