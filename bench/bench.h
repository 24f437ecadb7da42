/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * bench.h: what the benchmark programs share: clocks, a small
 * reproducible random source, and news-like words to make pages of.
 */
#ifndef BENCH_H
#define BENCH_H

#include <time.h>

#include "../common/common.h"

/* CPU time: other work on a busy machine does not count. */
static inline double
bench_cpu(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wall time, for what waits on others (sockets, servers). */
static inline double
bench_wall(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64: the same pages on every run, on every machine. */
static inline unsigned long
bench_rnd(unsigned long n)
{
	static unsigned long	 rng = 88172645463325252UL;

	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* n words of news, some of them about sanctions. */
static inline void
bench_words(struct buf *b, int n)
{
	static const char *const words[] = {
		"sanctions", "Treasury", "designated", "entities", "export",
		"controls", "the", "Council", "of", "and", "measures",
		"against", "individuals", "network", "procurement",
		"announced", "today", "ministry", "assets", "frozen",
		"travel", "ban", "regime", "trade", "embargo", "talks",
		"weather", "football", "market", "prices"
	};
	int	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? " " : "",
		    words[bench_rnd(sizeof(words) / sizeof(words[0]))]);
}

#endif
