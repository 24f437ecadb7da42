/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * lag.c: event loop lag, measured cheaply.  A 100 ms timer notes how late
 * each tick runs; the lateness goes into 1 ms buckets (the last one holds
 * everything from a second up).  When the loop ends, one log line gives
 * the ticks, p50, p99 and the worst: a callback that blocks the loop shows
 * here, whatever it was.
 */
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

#include "daemon.h"

#define LAG_TICK_US	100000
#define LAG_BUCKETS	1001		/* 0..999 ms, then >= 1 s */

struct lag {
	struct event	*ev;
	double		 due;		/* when the tick should run */
	double		 worst;		/* ms */
	double		 sum;		/* ms, for the metrics */
	unsigned long	 ticks;
	unsigned long	 hist[LAG_BUCKETS];
};

static void	lag_tick(evutil_socket_t, short, void *);

/* Each tick is timed from when the last one ran, not from a fixed grid. */
static void
lag_arm(struct lag *l)
{
	struct timeval	 tv = { 0, LAG_TICK_US };

	l->due = mono_now() + LAG_TICK_US / 1e6;
	event_add(l->ev, &tv);
}

static void
lag_tick(evutil_socket_t fd, short what, void *arg)
{
	struct lag	*l = arg;
	double		 ms;
	size_t		 b;

	(void)fd;
	(void)what;
	ms = (mono_now() - l->due) * 1000;
	if (ms < 0)
		ms = 0;
	b = ms >= LAG_BUCKETS - 1 ? LAG_BUCKETS - 1 : (size_t)ms;
	l->hist[b]++;
	l->ticks++;
	l->sum += ms;
	if (ms > l->worst)
		l->worst = ms;
	lag_arm(l);
}

struct lag *
lag_start(struct event_base *base)
{
	struct lag	*l;

	l = xcalloc(1, sizeof(*l));
	l->ev = evtimer_new(base, lag_tick, l);
	lag_arm(l);
	return l;
}

/* The lateness (ms) below which a fraction q of the ticks ran. */
static unsigned
lag_quantile(const struct lag *l, double q)
{
	unsigned long	 need, seen = 0;
	unsigned	 b;

	need = (unsigned long)(q * l->ticks + 0.999999);
	for (b = 0; b < LAG_BUCKETS; b++) {
		seen += l->hist[b];
		if (seen >= need)
			return b + 1;
	}
	return LAG_BUCKETS;
}

/*
 * For the metrics: the 1 ms buckets (the last holds every tick from a
 * second up), the ticks and the sum of the lateness in seconds.  Returns
 * the number of buckets, 0 when nothing is measured.
 */
size_t
lag_histogram(const struct lag *l, const unsigned long **hist,
    unsigned long *ticks, double *sum)
{
	if (l == NULL)
		return 0;
	*hist = l->hist;
	*ticks = l->ticks;
	*sum = l->sum / 1000;
	return LAG_BUCKETS;
}

/* Logs the figures and frees the measurement. */
void
lag_stop(struct lag *l)
{
	if (l == NULL)
		return;
	if (l->ticks > 0)
		log_info("loop lag: %lu ticks, p50 < %u ms, p99 < %u ms, "
		    "max %.1f ms", l->ticks, lag_quantile(l, 0.5),
		    lag_quantile(l, 0.99), l->worst);
	event_free(l->ev);
	free(l);
}
