/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * host.c: per-host politeness.  Feeds that are due wait in their host's
 * queue here, not in libcurl's (libcurl would count the wait against the
 * transfer's timeout).  A host gets at most host_conns transfers at once and
 * a token bucket of host_rate requests per second (burst of one, so the rate
 * holds over any window); host_rate 0 means unlimited.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "fetchers.h"
#include "internal.h"

/* The lower-cased host name of a URL, or "" when it has none. */
char *
host_of_url(const char *url)
{
	CURLU	*u;
	char	*h = NULL, *r, *p;

	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return xstrdup("");
	}
	r = xstrdup(h);
	curl_free(h);
	curl_url_cleanup(u);
	for (p = r; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	return r;
}

static uint32_t
hash_str(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void	host_wake(evutil_socket_t, short, void *);

static void
hosts_grow(struct fetch_engine *eng)
{
	struct host	**nb, *h, *next;
	size_t		  i, n = eng->nbuckets ? eng->nbuckets * 2 : 64;

	nb = xcalloc(n, sizeof(*nb));
	for (i = 0; i < eng->nbuckets; i++) {
		for (h = eng->hosts[i]; h != NULL; h = next) {
			next = h->next;
			h->next = nb[h->hash % n];
			nb[h->hash % n] = h;
		}
	}
	free(eng->hosts);
	eng->hosts = nb;
	eng->nbuckets = n;
}

struct host *
host_get(struct fetch_engine *eng, const char *name)
{
	struct host	*h;
	uint32_t	 hash = hash_str(name);

	if (eng->nbuckets > 0) {
		for (h = eng->hosts[hash % eng->nbuckets]; h != NULL;
		    h = h->next)
			if (h->hash == hash && strcmp(h->name, name) == 0)
				return h;
	}
	if (eng->nhosts >= eng->nbuckets)
		hosts_grow(eng);
	h = xcalloc(1, sizeof(*h));
	h->name = xstrdup(name);
	h->hash = hash;
	h->tokens = 1;
	h->refilled = mono_now();
	h->eng = eng;
	TAILQ_INIT(&h->queue);
	h->ev = evtimer_new(eng->base, host_wake, h);
	h->next = eng->hosts[hash % eng->nbuckets];
	eng->hosts[hash % eng->nbuckets] = h;
	eng->nhosts++;
	return h;
}

void
host_enqueue(struct host *h, struct fetch_feed *f)
{
	TAILQ_INSERT_TAIL(&h->queue, f, qentry);
	f->queued = 1;
}

void
host_dequeue(struct host *h, struct fetch_feed *f)
{
	if (!f->queued)
		return;
	TAILQ_REMOVE(&h->queue, f, qentry);
	f->queued = 0;
	f->claimed = 0;		/* a turn is for one request */
}

/* Take a token if there is one; else say how long until there is. */
static int
host_take_token(struct host *h, double *wait)
{
	double	 rate = h->eng->conf.host_rate, now;

	if (rate <= 0)
		return 1;
	now = mono_now();
	h->tokens += (now - h->refilled) * rate;
	if (h->tokens > 1)
		h->tokens = 1;
	h->refilled = now;
	if (h->tokens >= 1 - 1e-9) {
		h->tokens -= 1;
		return 1;
	}
	*wait = (1 - h->tokens) / rate;
	return 0;
}

/*
 * Cluster mode: the host's own token is taken; now this request's turn in
 * the cluster, claimed once (the database orders the turns of every node,
 * one each 1 / host_rate).  1: go now; 0: wait says how long until it.
 */
static int
host_take_turn(struct host *h, struct fetch_feed *f, double *wait)
{
	struct fetch_engine	*eng = h->eng;
	double			 rate = eng->conf.host_rate, now, w;

	if (eng->claim == NULL || rate <= 0)
		return 1;
	now = mono_now();
	if (!f->claimed) {
		w = eng->claim(h->name, 1 / rate, f->page_cb != NULL,
		    eng->claim_arg);
		f->claimed = 1;
		f->turn = now + (w > 0 ? w : 0);
	}
	if (now >= f->turn)
		return 1;
	*wait = f->turn - now;
	return 0;
}

static void
host_wait(struct host *h, double wait)
{
	struct timeval	 tv;

	if (evtimer_pending(h->ev, NULL))
		return;
	tv.tv_sec = (long)wait;
	tv.tv_usec = (long)((wait - tv.tv_sec) * 1e6) + 1000;
	evtimer_add(h->ev, &tv);
}

/* Start what the host's limits allow; wake up later for the rest. */
void
host_dispatch(struct host *h)
{
	struct fetch_engine	*eng = h->eng;
	struct fetch_feed	*f;
	double			 wait;
	int			 conns = eng->conf.host_conns;

	while ((f = TAILQ_FIRST(&h->queue)) != NULL && !eng->stopped &&
	    (conns <= 0 || h->active < conns)) {
		if ((!f->claimed && !host_take_token(h, &wait)) ||
		    !host_take_turn(h, f, &wait)) {
			host_wait(h, wait);
			return;
		}
		host_dequeue(h, f);
		h->active++;
		engine_start_transfer(eng, f);
	}
}

static void
host_wake(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	host_dispatch(arg);
}

void
host_free_all(struct fetch_engine *eng)
{
	struct host	*h, *next;
	size_t		 i;

	for (i = 0; i < eng->nbuckets; i++) {
		for (h = eng->hosts[i]; h != NULL; h = next) {
			next = h->next;
			event_free(h->ev);
			free(h->name);
			free(h);
		}
	}
	free(eng->hosts);
	eng->hosts = NULL;
	eng->nbuckets = eng->nhosts = 0;
}
