#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# run.sh: every benchmark, each as a ratio against a floor measured in the
# same run, medians of several runs.  Each bench/bench_*.sh is one part.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
status=0
for b in bench/bench_*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || status=1
done
exit $status
