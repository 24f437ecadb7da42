#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# run.sh SECONDS [TARGET]: run each libFuzzer target (or one) for SECONDS,
# starting from its seed corpus (fuzz/corpus/NAME) and dictionary
# (fuzz/NAME.dict).  New inputs go to a scratch copy, so the committed seed
# corpus only grows by hand.  A crash input is kept in build/fuzz/crashes/;
# copy it into fuzz/regress/NAME/ so every later run replays it.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
secs=${1:-60}
only=${2:-}
status=0
# FUZZ_O: the fuzz build's object dir (make FUZZ_O=... fuzz-build).
fo=${FUZZ_O:-build/fuzz}
# Undefined behaviour is a crash too, not a line in the log.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p build/fuzz/crashes
for bin in "$fo"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	[ -n "$only" ] && [ "$only" != "$name" ] && continue
	work=$(mktemp -d /tmp/sanctiond-fuzz.XXXXXX)
	[ -d "fuzz/corpus/$name" ] && cp -r "fuzz/corpus/$name/." "$work/"
	dict=
	[ -f "fuzz/$name.dict" ] && dict="-dict=fuzz/$name.dict"
	# Replay every kept crash input first: a regression fails at once.
	if [ -d "fuzz/regress/$name" ] && \
	    ! "$bin" $dict "fuzz/regress/$name"/* >"$work.log" 2>&1; then
		echo "not ok - $name: a kept regression input fails again"
		tail -n 30 "$work.log"
		status=1
	fi
	if "$bin" $dict -max_total_time="$secs" -rss_limit_mb=2048 \
	    -timeout=10 -print_final_stats=0 \
	    -artifact_prefix=build/fuzz/crashes/"$name"- \
	    "$work" >"$work.log" 2>&1; then
		echo "ok - $name ran for ${secs}s: $(grep -c . "$work.log") log lines, no crash"
	else
		echo "not ok - $name found a crash (see build/fuzz/crashes/)"
		tail -n 30 "$work.log"
		status=1
	fi
	rm -rf "$work" "$work.log"
done
exit $status
