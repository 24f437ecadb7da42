/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_sched.c: the schedule's policy without a network or a clock: "now"
 * and the random number are parameters.
 */
#include <stdlib.h>

#include "../test.h"
#include "../../fetchers/internal.h"

#define NOW	1700000000LL

static void
input(struct sched_input *in, enum fetch_status s, int64_t conf)
{
	memset(in, 0, sizeof(*in));
	in->status = s;
	in->now = NOW;
	in->conf_interval = conf;
	in->retry_at = -1;
	in->freshness = -1;
	in->ttl = -1;
}

static void
test_jitter(void)
{
	t_inteq(sched_jitter(1000, 0.0), 900, "jitter low end is -10%");
	t_inteq(sched_jitter(1000, 0.5), 1000, "jitter middle is the interval");
	t_inteq(sched_jitter(1000, 0.999999), 1100, "jitter high end is +10%");
	t_inteq(sched_jitter(2, 0.2), 2, "small waits are rounded, not cut");
	t_inteq(sched_jitter(1, 0.0), 1, "jitter never reaches 0");
}

static void
test_adapt(void)
{
	t_inteq(sched_adapt(3600, 0, 3600), 4500, "no new items: +25%");
	t_inteq(sched_adapt(3600, 6, 3600), 2100,
	    "6 new items in an hour: halfway to 10 min");
	t_inteq(sched_adapt(400, 100, 400), 300, "clamped to 5 min");
	t_inteq(sched_adapt(80000, 0, 80000), 86400, "clamped to 24 h");
	t_inteq(sched_adapt(0, 0, 0), 1125, "no history: from 15 min");
}

static void
test_backoff(void)
{
	int64_t	 prev = 0, b;
	int	 i, grows = 1;

	t_inteq(sched_backoff(60, 1), 120, "first failure: 2x");
	t_inteq(sched_backoff(60, 3), 480, "third failure: 8x");
	for (i = 1; i < 40; i++) {
		b = sched_backoff(60, i);
		if (b < prev)
			grows = 0;
		prev = b;
	}
	t_ok(grows, "backoff never shrinks as failures grow");
	t_inteq(prev, 86400, "backoff stops at 24 h");
	t_inteq(sched_backoff(1, 2), 4, "1 s interval: 4 s after 2 failures");
}

static void
test_retry_after(void)
{
	t_inteq(sched_retry_after("120", NOW), NOW + 120, "delta seconds");
	t_inteq(sched_retry_after("Tue, 14 Nov 2023 22:15:20 GMT", NOW),
	    NOW + 120, "HTTP date");
	t_inteq(sched_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", NOW), NOW,
	    "a date in the past means now");
	t_inteq(sched_retry_after("soon", NOW), -1, "garbage is ignored");
	t_inteq(sched_retry_after("-5", NOW), -1, "negative is ignored");
	t_inteq(sched_retry_after(NULL, NOW), -1, "absent");
	t_inteq(sched_retry_after("99999999999", NOW),
	    NOW + SCHED_MAX_RETRY_AFTER, "absurd delays are bounded");
}

static void
test_freshness(void)
{
	t_inteq(sched_freshness("public, max-age=7200", NULL, NOW), 7200,
	    "max-age");
	t_inteq(sched_freshness("no-cache", "Tue, 14 Nov 2023 23:03:20 GMT",
	    NOW), 3000, "Expires when no max-age");
	t_inteq(sched_freshness("max-age=60",
	    "Tue, 14 Nov 2023 23:13:20 GMT", NOW), 60, "max-age wins");
	t_inteq(sched_freshness(NULL, NULL, NOW), -1, "none");
}

static void
test_after_fetch(void)
{
	struct feed_state	 st;
	struct sched_input	 in;
	int			 i;

	memset(&st, 0, sizeof(st));
	input(&in, FETCH_OK, 60);
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_OK, "ok -> health ok");
	t_inteq(st.next_due, NOW + 60, "configured interval obeyed");
	in.ttl = 3600;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.interval, 60, "ttl does not override a written interval");

	memset(&st, 0, sizeof(st));
	st.interval = 600;
	st.last_ok = NOW - 600;
	input(&in, FETCH_NOT_MODIFIED, 0);
	in.freshness = 7200;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.interval, 7200, "max-age raises the adaptive interval");
	in.freshness = 999999;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.interval, 86400, "but not beyond 24 h");

	memset(&st, 0, sizeof(st));
	st.interval = 600;
	input(&in, FETCH_ERR_HTTP_5XX, 0);
	for (i = 1; i <= 3; i++)
		sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.failures, 3, "failures counted");
	t_inteq(st.health, FEED_FAILING, "failing");
	t_inteq(st.next_due, NOW + 600 * 8, "third failure waits 8 intervals");
	for (i = 0; i < 30; i++)
		sched_after_fetch(&st, &in, 0.999);
	t_ok(st.next_due > NOW && st.next_due <= NOW + 86400 * 11 / 10,
	    "backoff with jitter stays within 24 h + 10%%");
	input(&in, FETCH_OK, 0);
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.failures, 0, "success resets failures");
	t_inteq(st.health, FEED_OK, "and health");

	memset(&st, 0, sizeof(st));
	input(&in, FETCH_ERR_HTTP_429, 1);
	in.retry_at = NOW + 3600;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.next_due, NOW + 3600, "Retry-After obeyed over 1 s interval");
	input(&in, FETCH_OK, 1);
	in.retry_at = NOW + 5;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.next_due, NOW + 5, "Retry-After obeyed on any status");

	memset(&st, 0, sizeof(st));
	st.interval = 600;
	input(&in, FETCH_ERR_CONNECT, 0);
	in.outage = 1;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.failures, 0, "local outage: no failure counted");
	t_inteq(st.health, FEED_NEW, "local outage: health unchanged");
	t_inteq(st.next_due, NOW + 600, "local outage: retried at its interval");

	memset(&st, 0, sizeof(st));
	input(&in, FETCH_ERR_GONE, 0);
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_GONE, "410 -> gone");
}

static void
test_initial_due(void)
{
	struct feed_state	 st;

	memset(&st, 0, sizeof(st));
	t_inteq(sched_initial_due(&st, 600, NOW, 0.7), NOW,
	    "never fetched: due at once");
	st.last_fetch = NOW - 10000;
	st.health = FEED_OK;
	st.next_due = NOW - 5000;
	t_inteq(sched_initial_due(&st, 600, NOW, 0.5), NOW + 300,
	    "overdue after a restart: spread over the interval");
	st.next_due = NOW + 4000;
	t_inteq(sched_initial_due(&st, 600, NOW, 0.1), NOW + 4000,
	    "a persisted later due time (Retry-After) is kept");
}

static void
test_outage(void)
{
	struct outage	 o;
	int		 i;

	memset(&o, 0, sizeof(o));
	for (i = 0; i < 10; i++)
		outage_record(&o, NOW, 1, i % 5);
	t_ok(outage_active(&o, NOW), "10 network errors on 5 hosts: outage");
	t_ok(!outage_active(&o, NOW + SCHED_OUTAGE_SECS + 1),
	    "old errors are forgotten");
	memset(&o, 0, sizeof(o));
	for (i = 0; i < 10; i++)
		outage_record(&o, NOW, 1, 7);
	t_ok(!outage_active(&o, NOW), "one host down is not an outage");
	memset(&o, 0, sizeof(o));
	for (i = 0; i < 10; i++)
		outage_record(&o, NOW, i < 5, i);
	t_ok(!outage_active(&o, NOW), "half failing is not an outage");
	memset(&o, 0, sizeof(o));
	for (i = 0; i < 4; i++)
		outage_record(&o, NOW, 1, i);
	t_ok(!outage_active(&o, NOW), "too few fetches to tell");
}

/* The usual gap between fetches with new items, and when that is stale. */
static void
test_learn_gap(void)
{
	int64_t	 g = 86400;
	int	 i;

	t_inteq(sched_learn_gap(0, 3600), 3600, "first gap: taken as is");
	t_inteq(sched_learn_gap(3600, 7200), 4500,
	    "then a quarter of the way to each new one");
	t_inteq(sched_learn_gap(3600, 3600), 3600, "a steady feed stays put");
	for (i = 0; i < 30; i++)
		g = sched_learn_gap(g, 600);
	t_ok(g >= 600 && g <= 660, "it converges on a new rhythm (%lld)",
	    (long long)g);
	t_inteq(sched_learn_gap(600, 600 + 4 * 86400), 600 + 86400,
	    "one long silence sways it by a quarter only");
	t_inteq(sched_learn_gap(0, 0), 1, "a gap is at least a second");
	t_inteq(sched_learn_gap(0, 10LL * 365 * 86400), 90 * 86400,
	    "one sample counts for at most 90 days");

	t_inteq(sched_stale_after(0, 0), 86400, "nothing learned: a day");
	t_inteq(sched_stale_after(0, 3600), 86400,
	    "8 gaps of an hour: still at least a day");
	t_inteq(sched_stale_after(0, 4 * 3600), 8 * 4 * 3600,
	    "8 times a gap of 4 h");
	t_inteq(sched_stale_after(2, 4 * 3600), 2, "as written wins");
}

static void
test_stale(void)
{
	struct feed_state	 st;
	struct sched_input	 in;

	memset(&st, 0, sizeof(st));
	input(&in, FETCH_OK, 60);
	in.new_items = 5;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_OK, "first fetch: ok");
	t_inteq(st.last_new, NOW, "new items: the time is kept");
	t_inteq(st.gap, 0, "no gap from the first fetch (its backlog)");
	t_inteq(st.items_seen, 5, "items counted");
	in.now = NOW + 7200;
	in.new_items = 1;
	sched_after_fetch(&st, &in, 0.5);
	t_inteq(st.gap, 7200, "second fetch with new items: gap learned");
	t_inteq(st.items_seen, 6, "items add up");

	input(&in, FETCH_NOT_MODIFIED, 60);
	in.now = NOW + 7200 + 86400 - 1;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_OK,
	    "304s within a day: ok");
	input(&in, FETCH_ERR_HTTP_5XX, 60);
	in.now = NOW + 7200 + 86400 - 1;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_FAILING,
	    "a failure is failing, not stale");
	t_inteq(st.last_new, NOW + 7200, "and leaves the last new time");
	input(&in, FETCH_UNCHANGED, 60);
	in.now = NOW + 7200 + 86400;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_STALE,
	    "answers, but nothing new for a day: stale");
	t_inteq(st.due_why, DUE_INTERVAL, "still polled at its interval");
	t_inteq(st.gap, 7200, "no new item: the gap is not learned");
	input(&in, FETCH_OK, 60);
	in.now = NOW + 7200 + 86400 + 60;
	in.new_items = 1;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_OK,
	    "a new item: ok again");
	t_inteq(st.gap, (3 * 7200 + 86400 + 60 + 2) / 4,
	    "the long silence counted once");

	memset(&st, 0, sizeof(st));
	input(&in, FETCH_NOT_MODIFIED, 60);
	in.stale_after = 2;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_OK,
	    "first success without items: ok, the clock starts");
	t_inteq(st.last_new, NOW, "from now");
	in.now = NOW + 1;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_OK, "1s: ok");
	in.now = NOW + 2;
	t_inteq(sched_after_fetch(&st, &in, 0.5), FEED_STALE,
	    "stale_after = 2s as written");
}

/* Why the next poll is when it is. */
static void
test_due_reason(void)
{
	struct feed_state	 st;
	struct sched_input	 in;

	memset(&st, 0, sizeof(st));
	input(&in, FETCH_OK, 0);
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "adaptive", "adaptive");
	in.ttl = 7200;
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "ttl", "raised by <ttl>");
	in.ttl = -1;
	in.freshness = 40000;
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "cache", "raised by max-age");
	input(&in, FETCH_ERR_HTTP_5XX, 60);
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "backoff", "backoff");
	in.retry_at = NOW + 86400;
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "Retry-After", "Retry-After");
	input(&in, FETCH_OK, 60);
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "interval", "interval");
	input(&in, FETCH_ERR_GONE, 60);
	sched_after_fetch(&st, &in, 0.5);
	t_streq(due_reason_name(st.due_why), "none", "gone");
}

int
main(void)
{
	test_jitter();
	test_adapt();
	test_backoff();
	test_retry_after();
	test_freshness();
	test_after_fetch();
	test_initial_due();
	test_outage();
	test_learn_gap();
	test_stale();
	test_due_reason();
	return t_done();
}
