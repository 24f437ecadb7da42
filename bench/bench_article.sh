#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_article.sh: the article extractor against a bare libxml2 HTML parse
# of the same pages, in the same run (target: 50 MB/s of HTML per core).
# About 30 MB of generated news pages (navigation, article, related list,
# comments, footer, scripts), removed afterwards; then, when the readers
# of tests/eval/articles have written them, the real pages under
# $SANCTIOND_CORPORA/articles.  BENCH_MB and BENCH_RUNS shrink or grow it.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bin=${ARTICLE_BENCH:-build/bench/article_bench}
mb=${BENCH_MB:-30}
runs=${BENCH_RUNS:-5}
: "${SANCTIOND_CORPORA:=$top/../corpora}"
if [ ! -x "$bin" ]; then
	echo "not ok - $bin is not built (make bench builds it)"
	exit 1
fi
dir=$(mktemp -d /tmp/bench_article.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
"$bin" gen "$dir" "$mb" || exit 1
echo "generated pages:"
"$bin" run "$runs" "$dir"/*.html
status=$?
real=$(ls "$SANCTIOND_CORPORA"/articles/*/*.html 2>/dev/null | head -n 1)
if [ -n "$real" ]; then
	echo "real pages ($SANCTIOND_CORPORA/articles):"
	"$bin" run "$runs" "$SANCTIOND_CORPORA"/articles/*/*.html || status=1
else
	echo "real pages: skipped ($SANCTIOND_CORPORA/articles not present)"
fi
exit $status
