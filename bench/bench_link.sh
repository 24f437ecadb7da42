#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# bench_link.sh: xmlBuildURI, which resolves every relative link of a feed,
# against a bare string join of the same links, in the same run.  For the
# record (no target): the answer to whether feed_link.c needs a fast path
# of its own again (it had one, 1.8% of bench_parse; see build() there).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bin=${LINK_BENCH:-build/bench/link_bench}
if [ ! -x "$bin" ]; then
	echo "not ok - $bin is not built (make bench builds it)"
	exit 1
fi
exec "$bin" "${BENCH_RUNS:-7}" 200000
