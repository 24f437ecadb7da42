/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sched.c: when is a feed due next?  Pure functions of the feed's state,
 * what the last fetch said, "now" and a random number in [0, 1), so that the
 * policy can be tested without a network or a clock.
 *
 * The interval is the configured one when written, else adaptive: it moves
 * towards the observed time between new items and is clamped to 5 min .. 24 h;
 * an RSS <ttl>, Cache-Control: max-age or Expires that asks for longer raises
 * it.  Transient errors back off exponentially up to 24 h; a Retry-After is
 * always obeyed; 410 Gone ends polling.  During a local outage nobody is
 * punished: the feed is simply retried at its interval.  A feed that
 * answers but has brought no new item for stale_after is stale.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "fetchers.h"
#include "internal.h"

/* +-10%: feeds polled together drift apart instead of marching in step. */
int64_t
sched_jitter(int64_t secs, double r)
{
	int64_t	 j;

	j = llround((double)secs * (0.9 + 0.2 * r));
	return j > 0 ? j : 1;
}

static int64_t
clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The adaptive interval: halfway towards "one new item per poll".  A fetch
 * without new items stretches it by a quarter.
 */
int64_t
sched_adapt(int64_t cur, size_t new_items, int64_t elapsed)
{
	int64_t	 target;

	if (cur <= 0)
		cur = SCHED_DEFAULT_INTERVAL;
	if (new_items > 0 && elapsed > 0) {
		target = elapsed / (int64_t)new_items;
		cur = (cur + target) / 2;
	} else if (new_items == 0)
		cur += cur / 4;
	return clamp(cur, SCHED_MIN_ADAPTIVE, SCHED_MAX_INTERVAL);
}

/* Failure n waits interval * 2^n, at most 24 h (and never less than 1 s). */
int64_t
sched_backoff(int64_t interval, int failures)
{
	int64_t	 b = interval > 0 ? interval : 1;
	int	 i;

	for (i = 0; i < failures && b < SCHED_MAX_INTERVAL; i++)
		b *= 2;
	return clamp(b, 1, SCHED_MAX_INTERVAL);
}

/* Retry-After: delta seconds or an HTTP date.  Absolute time, or -1. */
int64_t
sched_retry_after(const char *v, int64_t now)
{
	char		*end;
	long long	 n;
	time_t		 t;

	if (v == NULL)
		return -1;
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v >= '0' && *v <= '9') {
		n = strtoll(v, &end, 10);
		while (*end == ' ' || *end == '\t' || *end == '\r')
			end++;
		if (*end != '\0' || n < 0)
			return -1;
		if (n > SCHED_MAX_RETRY_AFTER)
			n = SCHED_MAX_RETRY_AFTER;
		return now + n;
	}
	if ((t = curl_getdate(v, NULL)) == -1)
		return -1;
	if (t > now + SCHED_MAX_RETRY_AFTER)
		t = now + SCHED_MAX_RETRY_AFTER;
	return t < now ? now : t;
}

/* How long a response says it stays fresh: max-age, else Expires; or -1. */
int64_t
sched_freshness(const char *cache_control, const char *expires, int64_t now)
{
	const char	*p;
	time_t		 t;
	long long	 n;

	if (cache_control != NULL &&
	    (p = strcasestr(cache_control, "max-age=")) != NULL) {
		n = strtoll(p + strlen("max-age="), NULL, 10);
		return n > 0 ? n : -1;
	}
	if (expires != NULL && (t = curl_getdate(expires, NULL)) != -1)
		return t > now ? t - now : -1;
	return -1;
}

int
sched_is_success(enum fetch_status s)
{
	return s == FETCH_OK || s == FETCH_NOT_MODIFIED ||
	    s == FETCH_UNCHANGED;
}

/* Errors that say more about our network than about the feed. */
int
sched_is_network(enum fetch_status s)
{
	return s == FETCH_ERR_DNS || s == FETCH_ERR_CONNECT ||
	    s == FETCH_ERR_TIMEOUT;
}

/* The interval to use after a success, and what decided it. */
static int64_t
interval_after_ok(const struct feed_state *st, const struct sched_input *in,
    enum due_reason *why)
{
	int64_t	 iv, raise;

	*why = DUE_INTERVAL;
	if (in->conf_interval > 0)
		return in->conf_interval;	/* obeyed as written */
	*why = DUE_ADAPTIVE;
	iv = sched_adapt(st->interval, in->new_items,
	    st->last_ok > 0 ? in->now - st->last_ok : 0);
	raise = in->freshness;
	if (in->ttl > raise)
		raise = in->ttl;
	if (raise > iv) {
		*why = raise == in->ttl ? DUE_TTL : DUE_CACHE;
		iv = raise < SCHED_MAX_INTERVAL ? raise : SCHED_MAX_INTERVAL;
	}
	return iv;
}

/*
 * The usual gap between fetches that brought new items: an exponentially
 * weighted mean (a quarter for each new sample), so that one long silence
 * or one burst moves it only part of the way.  0 is "not learned yet".
 */
int64_t
sched_learn_gap(int64_t gap, int64_t sample)
{
	sample = clamp(sample, 1, SCHED_GAP_MAX);
	if (gap <= 0)
		return sample;
	return (3 * gap + sample + 2) / 4;
}

/* stale_after as written, else 8 usual gaps, at least a day. */
int64_t
sched_stale_after(int64_t written, int64_t gap)
{
	if (written > 0)
		return written;
	gap = clamp(gap, 0, SCHED_GAP_MAX);
	return gap * SCHED_STALE_GAPS > SCHED_STALE_MIN ?
	    gap * SCHED_STALE_GAPS : SCHED_STALE_MIN;
}

/*
 * A success: learn from new items, or see whether it has been too long
 * without any.  A first success starts the clock.
 */
static enum feed_health
health_after_ok(struct feed_state *st, const struct sched_input *in)
{
	if (in->new_items > 0) {
		if (st->last_new > 0 && in->now > st->last_new)
			st->gap = sched_learn_gap(st->gap,
			    in->now - st->last_new);
		st->last_new = in->now;
		st->items_seen += (int64_t)in->new_items;
	} else if (st->last_new <= 0 || st->last_new > in->now)
		st->last_new = in->now;
	if (in->now - st->last_new >= sched_stale_after(in->stale_after,
	    st->gap))
		return FEED_STALE;
	return FEED_OK;
}

/*
 * Update the state after a fetch: health, failures, interval, next_due.
 * Returns the new health.
 */
enum feed_health
sched_after_fetch(struct feed_state *st, const struct sched_input *in,
    double r)
{
	int64_t	 base, wait;

	st->last_fetch = in->now;
	if (in->status == FETCH_ERR_GONE) {
		st->health = FEED_GONE;
		st->next_due = 0;
		st->due_why = DUE_NONE;
		return st->health;
	}
	if (sched_is_success(in->status)) {
		st->interval = interval_after_ok(st, in, &st->due_why);
		st->failures = 0;
		st->health = health_after_ok(st, in);
		st->last_ok = in->now;
		wait = sched_jitter(st->interval, r);
	} else {
		base = in->conf_interval > 0 ? in->conf_interval :
		    st->interval > 0 ? st->interval : SCHED_DEFAULT_INTERVAL;
		if (st->interval <= 0)
			st->interval = base;
		if (in->outage) {
			wait = sched_jitter(base, r);	/* not its fault */
			st->due_why = DUE_OUTAGE;
		} else {
			st->due_why = DUE_BACKOFF;
			st->failures++;
			st->health = FEED_FAILING;
			wait = sched_jitter(sched_backoff(base,
			    st->failures), r);
		}
	}
	st->next_due = in->now + wait;
	if (in->retry_at > st->next_due) {
		st->next_due = in->retry_at;
		st->due_why = DUE_RETRY_AFTER;
	}
	return st->health;
}

/*
 * When a feed added at start-up is first due: at once if never fetched;
 * otherwise spread over its interval so that a restart does not fetch
 * everything in the same second, but never before a persisted next_due
 * (which may carry a Retry-After or a backoff).
 */
int64_t
sched_initial_due(const struct feed_state *st, int64_t interval, int64_t now,
    double r)
{
	if (st->last_fetch == 0 && st->health == FEED_NEW)
		return now;
	if (st->next_due > now)
		return st->next_due;
	if (interval <= 0)
		interval = SCHED_DEFAULT_INTERVAL;
	return now + (int64_t)((double)interval * r);
}

/*
 * Local outage: of the recent completions (last SCHED_OUTAGE_SECS), at least
 * SCHED_OUTAGE_MIN, most of them network errors, across several hosts.
 */
void
outage_record(struct outage *o, int64_t now, int neterr, uint32_t host)
{
	o->when[o->head] = now;
	o->net[o->head] = neterr != 0;
	o->host[o->head] = host;
	o->head = (o->head + 1) % SCHED_OUTAGE_WINDOW;
	if (o->n < SCHED_OUTAGE_WINDOW)
		o->n++;
}

int
outage_active(const struct outage *o, int64_t now)
{
	uint32_t	 hosts[SCHED_OUTAGE_WINDOW];
	size_t		 i, j, total = 0, bad = 0, nhosts = 0;

	for (i = 0; i < o->n; i++) {
		if (now - o->when[i] > SCHED_OUTAGE_SECS)
			continue;
		total++;
		if (!o->net[i])
			continue;
		bad++;
		for (j = 0; j < nhosts; j++)
			if (hosts[j] == o->host[i])
				break;
		if (j == nhosts)
			hosts[nhosts++] = o->host[i];
	}
	return total >= SCHED_OUTAGE_MIN && bad * 5 >= total * 4 &&
	    nhosts >= 3;
}
