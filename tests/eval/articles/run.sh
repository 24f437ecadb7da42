#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# run.sh: the article extractor (sanctionctl article) against each
# collection the readers of this directory wrote under
# $SANCTIOND_CORPORA/articles (README.md); a collection that is absent is
# skipped with a line saying so.  BASELINE=0 leaves out the all-visible-
# text baseline; VERBOSE=1 prints every page's score.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top"
: "${SANCTIOND_CORPORA:=$top/../corpora}"
ctl=${SANCTIONCTL:-./sanctionctl}
flags=
[ "${BASELINE:-1}" = 1 ] && flags="$flags --baseline"
[ "${VERBOSE:-0}" = 1 ] && flags="$flags -v"
status=0
for c in readability htmltotext l3s-gn1 trafilatura; do
	d=$SANCTIOND_CORPORA/articles/$c
	if [ ! -d "$d" ]; then
		echo "articles/$c: skipped ($d not present; see tests/eval/articles/README.md)"
		continue
	fi
	/usr/bin/python3 tests/eval/articles/eval.py $flags "$ctl" "$d" ||
	    status=1
done
exit $status
