/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * engine.c: one libevent base drives libcurl's multi-socket API, in the
 * pattern of curl's docs/examples/hiperfifo.c: the socket callback keeps one
 * event per socket, the timer callback arms one timer, and finished transfers
 * are collected with curl_multi_info_read.  We never call libcurl from inside
 * its own callbacks (curl_multi_assign excepted, as hiperfifo does).
 *
 * Feeds wait for their time in a min-heap on next_due behind one timer;
 * when due they join their host's queue (host.c), which starts them.
 */
#include <sys/time.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "fetchers.h"
#include "internal.h"

struct sockinfo {
	struct event		*ev;
	struct fetch_engine	*eng;
};

static void	check_multi_info(struct fetch_engine *);
static void	on_drain(evutil_socket_t, short, void *);
static void	due_rearm(struct fetch_engine *);

double
engine_random(void)
{
	return (double)arc4random() / 4294967296.0;
}

const char *
feed_label(const struct fetch_feed *f)
{
	return f->conf.name != NULL ? f->conf.name : f->st.url;
}

/* The min-heap of scheduled feeds, keyed on next_due. */
static int
heap_less(struct fetch_engine *eng, size_t a, size_t b)
{
	return eng->heap[a]->due < eng->heap[b]->due;
}

static void
heap_swap(struct fetch_engine *eng, size_t a, size_t b)
{
	struct fetch_feed	*t = eng->heap[a];

	eng->heap[a] = eng->heap[b];
	eng->heap[b] = t;
	eng->heap[a]->heap_idx = a;
	eng->heap[b]->heap_idx = b;
}

static void
heap_up(struct fetch_engine *eng, size_t i)
{
	while (i > 0 && heap_less(eng, i, (i - 1) / 2)) {
		heap_swap(eng, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void
heap_down(struct fetch_engine *eng, size_t i)
{
	size_t	 l, m;

	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < eng->nheap && heap_less(eng, l, m))
			m = l;
		if (l + 1 < eng->nheap && heap_less(eng, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		heap_swap(eng, i, m);
		i = m;
	}
}

static void
heap_push(struct fetch_engine *eng, struct fetch_feed *f)
{
	if (eng->nheap == eng->heapcap) {
		eng->heapcap = eng->heapcap ? eng->heapcap * 2 : 64;
		eng->heap = xreallocarray(eng->heap, eng->heapcap,
		    sizeof(*eng->heap));
	}
	eng->heap[eng->nheap] = f;
	f->heap_idx = eng->nheap++;
	heap_up(eng, f->heap_idx);
	if (f->heap_idx == 0)
		due_rearm(eng);
}

static void
heap_remove(struct fetch_engine *eng, struct fetch_feed *f)
{
	size_t	 i = f->heap_idx;

	if (i == SIZE_MAX)
		return;
	f->heap_idx = SIZE_MAX;
	if (i != --eng->nheap) {
		eng->heap[i] = eng->heap[eng->nheap];
		eng->heap[i]->heap_idx = i;
		heap_up(eng, i);
		heap_down(eng, eng->heap[i]->heap_idx);
	}
}

static double
wall_now(void)
{
	struct timeval	 tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* One timer for the whole schedule: the earliest next_due. */
static void
due_rearm(struct fetch_engine *eng)
{
	struct timeval	 tv;
	double		 wait;

	if (eng->stopped || eng->nheap == 0) {
		evtimer_del(eng->due_timer);
		return;
	}
	wait = eng->heap[0]->due - wall_now();
	if (wait < 0)
		wait = 0;
	tv.tv_sec = (long)wait;
	tv.tv_usec = (long)((wait - tv.tv_sec) * 1e6);
	evtimer_add(eng->due_timer, &tv);
}

static void
on_due(evutil_socket_t fd, short what, void *arg)
{
	struct fetch_engine	*eng = arg;
	struct fetch_feed	*f;
	double			 now = wall_now();

	(void)fd;
	(void)what;
	while (!eng->stopped && eng->nheap > 0 && eng->heap[0]->due <= now) {
		f = eng->heap[0];
		heap_remove(eng, f);
		host_enqueue(f->host, f);
		host_dispatch(f->host);
	}
	due_rearm(eng);
}

/*
 * Fetching yields to everything else on the loop: with several
 * priorities (the daemon's base has them), the engine's events take the
 * lowest, so that timers, the PUB and replay sockets and the watchdog run
 * first whenever both are ready.
 */
static void
low_priority(struct fetch_engine *eng, struct event *ev)
{
	int	 n = event_base_get_npriorities(eng->base);

	if (n > 1)
		event_priority_set(ev, n - 1);
}

/* hiperfifo: libcurl tells us what to watch on which socket. */
static void
on_event(evutil_socket_t fd, short kind, void *arg)
{
	struct fetch_engine	*eng = arg;
	int			 action = 0, running;

	if (kind & EV_READ)
		action |= CURL_CSELECT_IN;
	if (kind & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(eng->multi, fd, action, &running);
	check_multi_info(eng);
}

static int
on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct fetch_engine	*eng = userp;
	struct sockinfo		*si = socketp;
	short			 kind;

	(void)e;
	if (what == CURL_POLL_REMOVE) {
		if (si != NULL) {
			event_free(si->ev);
			free(si);
		}
		return 0;
	}
	kind = EV_PERSIST | ((what & CURL_POLL_IN) ? EV_READ : 0) |
	    ((what & CURL_POLL_OUT) ? EV_WRITE : 0);
	if (si == NULL) {
		si = xcalloc(1, sizeof(*si));
		si->eng = eng;
		si->ev = event_new(eng->base, s, kind, on_event, eng);
		curl_multi_assign(eng->multi, s, si);
	} else {
		event_del(si->ev);
		event_assign(si->ev, eng->base, s, kind, on_event, eng);
	}
	low_priority(eng, si->ev);
	event_add(si->ev, NULL);
	return 0;
}

static void
on_curl_timer(evutil_socket_t fd, short what, void *arg)
{
	struct fetch_engine	*eng = arg;
	int			 running;

	(void)fd;
	(void)what;
	curl_multi_socket_action(eng->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_multi_info(eng);
}

static int
on_timer_change(CURLM *m, long ms, void *arg)
{
	struct fetch_engine	*eng = arg;
	struct timeval		 tv;

	(void)m;
	if (ms < 0) {
		evtimer_del(eng->curl_timer);
		return 0;
	}
	/* Even 0 goes through the loop: no libcurl call from in here. */
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(eng->curl_timer, &tv);
	return 0;
}

void
engine_start_transfer(struct fetch_engine *eng, struct fetch_feed *f)
{
	f->xfer = transfer_new(f);
	eng->running++;
	if (curl_multi_add_handle(eng->multi, f->xfer->easy) != CURLM_OK)
		fatalx("curl_multi_add_handle");
}

/* A 301/308 at every hop: the feed lives at the final URL now. */
static int
follow_permanent(struct fetch_feed *f, struct transfer *x,
    const struct fetch_report *r)
{
	char	*eff = NULL, *host;

	if (x->hops < 2 || !x->all_permanent || !sched_is_success(r->status))
		return 0;
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff) !=
	    CURLE_OK || eff == NULL || strcmp(eff, f->st.url) == 0)
		return 0;
	log_notice("feed %s: moved permanently from %s to %s", feed_label(f),
	    f->st.url, eff);
	free(f->st.url);
	f->st.url = xstrdup(eff);
	host = host_of_url(eff);
	f->host = host_get(f->eng, host);
	free(host);
	return 1;
}

static void
log_fetch(const struct fetch_feed *f, const struct fetch_report *r)
{
	if (r->old_health != r->new_health && r->new_health != FEED_OK)
		log_warnx("feed %s: %s -> %s: %s", feed_label(f),
		    feed_health_name(r->old_health),
		    feed_health_name(r->new_health), r->message);
	else if (r->old_health != r->new_health)
		log_info("feed %s: %s -> %s: %s", feed_label(f),
		    feed_health_name(r->old_health),
		    feed_health_name(r->new_health), r->message);
	else
		log_debug("feed %s: %s (%.3f s)", feed_label(f), r->message,
		    r->seconds);
}

/*
 * What status shows after the fetch: the last error, and why a feed that
 * answers fine turned stale (its message says "not modified" otherwise).
 */
static void
note_outcome(struct fetch_feed *f, struct fetch_report *r, int64_t now)
{
	struct feed_state	*st = &f->st;

	if (!sched_is_success(r->status)) {
		st->last_error = now;
		free(st->error);
		st->error = xstrdup(r->message);
	} else if (r->new_health == FEED_STALE &&
	    r->old_health != FEED_STALE)
		snprintf(r->message, sizeof(r->message), "%s: no new item for "
		    "%llds (stale after %llds)", st->url,
		    (long long)(now - st->last_new),
		    (long long)sched_stale_after(f->conf.stale_after, st->gap));
}

/* Report, reschedule, and let the host start its next one. */
static void
finish(struct fetch_engine *eng, struct transfer *x, CURLcode rc)
{
	struct fetch_feed	*f = x->feed;
	struct host		*h = f->host;
	struct fetch_report	 r;
	struct sched_input	 in;
	double			 t = wall_now();
	int64_t			 now = (int64_t)t;
	int			 neterr;

	if (f->page_cb != NULL) {
		page_finish(eng, x, rc);
		return;
	}
	transfer_finish(x, rc, &r);
	r.url_changed = follow_permanent(f, x, &r);
	memset(&in, 0, sizeof(in));
	in.status = r.status;
	in.now = now;
	in.conf_interval = f->conf.interval > 0 ? f->conf.interval :
	    eng->conf.default_interval;
	in.retry_at = r.http_code >= 400 ?
	    sched_retry_after(x->retry_after, now) : -1;
	in.freshness = sched_freshness(x->cache_control, x->expires, now);
	in.ttl = r.sink.ttl;
	in.new_items = r.sink.new_items;
	in.stale_after = f->conf.stale_after;
	neterr = sched_is_network(r.status);
	outage_record(&eng->outage, now, neterr, h->hash);
	/* Our network down, or our disk full: no feed is punished for it. */
	in.outage = r.status == FETCH_ERR_LOCAL ||
	    (neterr && outage_active(&eng->outage, now));
	f->xfer = NULL;
	transfer_free(x);
	eng->running--;
	h->active--;
	r.old_health = f->st.health;
	r.new_health = sched_after_fetch(&f->st, &in, engine_random());
	note_outcome(f, &r, now);
	/*
	 * The schedule counts whole seconds from the second we are in; wait
	 * them from this very moment, so that no wait (a Retry-After above
	 * all) is cut short, and persist the due time rounded up.
	 */
	f->due = t + (double)(f->st.next_due - now);
	if (f->st.next_due != 0)
		f->st.next_due = (int64_t)ceil(f->due);
	log_fetch(f, &r);
	if (f->st.health != FEED_GONE)
		heap_push(eng, f);
	if (eng->done != NULL)
		eng->done(f, &r, eng->arg);	/* may remove f */
	host_dispatch(h);
}

/*
 * Finishing a transfer parses, classifies and stores its body: a few
 * milliseconds for a feed of 30 items, more for a big one, and a fast
 * server completes dozens in one turn.  None of it runs inside libcurl's
 * callbacks: a done transfer joins the done queue (FIFO: the order they
 * completed in), and the drain, at the lowest priority, works through it
 * in slices of DRAIN_SLICE seconds, a big body DRAIN_STEP bytes at a time.
 * Between two slices the loop runs whatever else is ready first: timers,
 * the PUB and replay sockets, control requests, the watchdog (issue 14:
 * one curl callback of 10-12 ms, several in a turn, held them up).
 * A queued transfer is still in flight (engine_inflight): its feed's state
 * has not changed yet, so a stop before its turn loses nothing that the
 * next fetch would not bring again.
 */
#define DRAIN_SLICE	0.005
#define DRAIN_STEP	(64 * 1024)

static void
check_multi_info(struct fetch_engine *eng)
{
	static const struct timeval	 now = { 0, 0 };
	struct transfer			*x;
	CURLMsg				*msg;
	CURL				*e;
	int				 left;

	while ((msg = curl_multi_info_read(eng->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		e = msg->easy_handle;
		curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&x);
		x->rc = msg->data.result;
		curl_multi_remove_handle(eng->multi, e);
		x->done = 1;
		TAILQ_INSERT_TAIL(&eng->doneq, x, dentry);
		eng->queued++;
	}
	if (!TAILQ_EMPTY(&eng->doneq) && !evtimer_pending(eng->drain, NULL))
		evtimer_add(eng->drain, &now);
}

/* Out of the done queue: finished, or cancelled (feed_cancel). */
static void
done_remove(struct fetch_engine *eng, struct transfer *x)
{
	TAILQ_REMOVE(&eng->doneq, x, dentry);
	x->done = 0;
	eng->queued--;
}

/*
 * One slice.  A zero timer, not event_active(), takes the next: libevent
 * looks at its clock and sockets again before it, and runs what became
 * ready at a higher priority first.
 */
static void
on_drain(evutil_socket_t fd, short what, void *arg)
{
	static const struct timeval	 now = { 0, 0 };
	struct fetch_engine		*eng = arg;
	struct transfer			*x;
	double				 t0 = mono_now();
	double				 slice = eng->conf.drain_slice > 0 ?
					    eng->conf.drain_slice : DRAIN_SLICE;

	(void)fd;
	(void)what;
	eng->slices++;
	while ((x = TAILQ_FIRST(&eng->doneq)) != NULL) {
		if (transfer_parse_step(x, x->rc, DRAIN_STEP) == 0) {
			done_remove(eng, x);
			finish(eng, x, x->rc);
		}
		if (mono_now() - t0 >= slice)
			break;
	}
	if (!TAILQ_EMPTY(&eng->doneq))
		evtimer_add(eng->drain, &now);
}

void
engine_conf_defaults(struct engine_conf *c)
{
	static char	 ua[] = "sanctiond/" SANCTIOND_VERSION
			    " (+" SANCTIOND_URL ")";

	memset(c, 0, sizeof(*c));
	c->user_agent = ua;
	c->max_body = 15 * 1024 * 1024;
	c->connect_timeout = 10;
	c->total_timeout = 30;
	c->host_rate = 1.0;
	c->host_conns = 2;
}

struct fetch_engine *
engine_new(struct event_base *base, const struct engine_conf *conf,
    const struct fetch_sink *sink, fetch_done_cb done, void *arg)
{
	struct fetch_engine	*eng;
	struct engine_conf	 def;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatalx("curl_global_init");
	engine_conf_defaults(&def);
	eng = xcalloc(1, sizeof(*eng));
	eng->base = base;
	eng->conf = *conf;
	eng->conf.user_agent = xstrdup(conf->user_agent ? conf->user_agent :
	    def.user_agent);
	if (eng->conf.max_body == 0)
		eng->conf.max_body = def.max_body;
	if (eng->conf.connect_timeout <= 0)
		eng->conf.connect_timeout = def.connect_timeout;
	if (eng->conf.total_timeout <= 0)
		eng->conf.total_timeout = def.total_timeout;
	if (sink != NULL)
		eng->sink = *sink;
	eng->done = done;
	eng->arg = arg;
	TAILQ_INIT(&eng->feeds);
	TAILQ_INIT(&eng->pages);
	TAILQ_INIT(&eng->doneq);
	if ((eng->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init");
	curl_multi_setopt(eng->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(eng->multi, CURLMOPT_SOCKETDATA, eng);
	curl_multi_setopt(eng->multi, CURLMOPT_TIMERFUNCTION, on_timer_change);
	curl_multi_setopt(eng->multi, CURLMOPT_TIMERDATA, eng);
	/*
	 * Each transfer has a handle of its own (transfer.c); what they
	 * would lose with it, TLS session tickets, they share.  One thread:
	 * no lock callbacks.
	 */
	if ((eng->share = curl_share_init()) == NULL ||
	    curl_share_setopt(eng->share, CURLSHOPT_SHARE,
	    CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK)
		fatalx("curl_share_init");
	eng->curl_timer = evtimer_new(base, on_curl_timer, eng);
	eng->due_timer = evtimer_new(base, on_due, eng);
	eng->drain = evtimer_new(base, on_drain, eng);
	low_priority(eng, eng->curl_timer);
	low_priority(eng, eng->due_timer);
	low_priority(eng, eng->drain);
	return eng;
}

static void
feed_copy_state(struct fetch_feed *f, const struct feed_state *st)
{
	if (st != NULL) {
		f->st = *st;
		f->st.url = xstrdup(st->url ? st->url : f->conf.url);
		f->st.etag = st->etag ? xstrdup(st->etag) : NULL;
		f->st.last_modified = st->last_modified ?
		    xstrdup(st->last_modified) : NULL;
		f->st.error = st->error ? xstrdup(st->error) : NULL;
	} else {
		memset(&f->st, 0, sizeof(f->st));
		f->st.url = xstrdup(f->conf.url);
		f->st.health = FEED_NEW;
	}
}

void
feed_conf_free(struct feed_conf *c)
{
	size_t	 i;

	free(c->name);
	free(c->url);
	free(c->user);
	if (c->password != NULL)
		explicit_bzero(c->password, strlen(c->password));
	free(c->password);
	free(c->proxy);
	free(c->user_agent);
	/* Header values may be tokens: wiped like the password. */
	for (i = 0; i < c->headers.n; i++)
		explicit_bzero(c->headers.v[i], strlen(c->headers.v[i]));
	strlist_free(&c->headers);
	c->name = c->url = c->user = c->password = NULL;
	c->proxy = c->user_agent = NULL;
}

void
feed_set_conf(struct fetch_feed *f, const struct feed_conf *c)
{
	size_t	 i;

	feed_conf_free(&f->conf);
	f->conf.name = c->name ? xstrdup(c->name) : NULL;
	f->conf.url = xstrdup(c->url);
	f->conf.user = c->user ? xstrdup(c->user) : NULL;
	f->conf.password = c->password ? xstrdup(c->password) : NULL;
	f->conf.interval = c->interval;
	f->conf.stale_after = c->stale_after;
	f->conf.proxy = c->proxy ? xstrdup(c->proxy) : NULL;
	f->conf.user_agent = c->user_agent ? xstrdup(c->user_agent) : NULL;
	for (i = 0; i < c->headers.n; i++)
		strlist_add(&f->conf.headers, c->headers.v[i]);
	f->conf.http1 = c->http1;
	f->conf.fetch_article = c->fetch_article;
}

static int64_t
feed_interval(const struct fetch_feed *f)
{
	if (f->conf.interval > 0)
		return f->conf.interval;
	if (f->eng->conf.default_interval > 0)
		return f->eng->conf.default_interval;
	return f->st.interval > 0 ? f->st.interval : SCHED_DEFAULT_INTERVAL;
}

struct fetch_feed *
engine_add(struct fetch_engine *eng, const struct feed_conf *conf,
    const struct feed_state *st)
{
	struct fetch_feed	*f;
	char			*host;
	int64_t			 now;

	f = xcalloc(1, sizeof(*f));
	f->eng = eng;
	f->heap_idx = SIZE_MAX;
	feed_set_conf(f, conf);
	feed_copy_state(f, st);
	host = host_of_url(f->st.url);
	f->host = host_get(eng, host);
	free(host);
	TAILQ_INSERT_TAIL(&eng->feeds, f, entry);
	if (f->st.health == FEED_GONE) {
		f->st.due_why = DUE_NONE;
		return f;
	}
	now = time(NULL);
	f->st.next_due = sched_initial_due(&f->st, feed_interval(f), now,
	    engine_random());
	if (f->st.next_due == now && f->st.last_fetch == 0)
		f->st.due_why = DUE_NEW;
	else if (st == NULL || f->st.next_due != st->next_due)
		f->st.due_why = DUE_START;	/* else the stored reason holds */
	f->due = (double)f->st.next_due;
	heap_push(eng, f);
	return f;
}

/* End a feed's transfer before its time; nothing is reported. */
void
feed_cancel(struct fetch_engine *eng, struct fetch_feed *f)
{
	if (f->xfer == NULL)
		return;
	/* Done but not drained: its body goes unparsed, fetched again. */
	if (f->xfer->done)
		done_remove(eng, f->xfer);
	else
		curl_multi_remove_handle(eng->multi, f->xfer->easy);
	transfer_abort_sink(f->xfer);
	transfer_free(f->xfer);
	f->xfer = NULL;
	eng->running--;
	f->host->active--;
}

void
engine_update(struct fetch_engine *eng, struct fetch_feed *f,
    const struct feed_conf *conf)
{
	struct host	*old = f->host;
	int64_t		 limit, now = time(NULL);
	char		*host;

	if (strcmp(conf->url, f->conf.url) != 0) {
		/*
		 * A new URL in the config starts over from scratch, at once:
		 * nothing the old URL said (validators, health) applies.
		 */
		feed_set_conf(f, conf);
		feed_cancel(eng, f);
		host_dequeue(old, f);
		heap_remove(eng, f);
		feed_state_free(&f->st);
		feed_copy_state(f, NULL);
		host = host_of_url(f->st.url);
		f->host = host_get(eng, host);
		free(host);
		f->st.next_due = now;
		f->st.due_why = DUE_NEW;
		f->due = (double)now;
		heap_push(eng, f);
		due_rearm(eng);
		if (!eng->stopped)
			host_dispatch(old);
		return;
	}
	feed_set_conf(f, conf);
	if (f->heap_idx == SIZE_MAX)
		return;		/* in flight, queued or gone: kept as is */
	limit = now + sched_jitter(feed_interval(f), engine_random());
	if (f->st.next_due > limit) {
		heap_remove(eng, f);
		f->st.next_due = limit;
		f->st.due_why = f->conf.interval > 0 ? DUE_INTERVAL :
		    DUE_ADAPTIVE;
		f->due = (double)limit;
		heap_push(eng, f);
		due_rearm(eng);
	}
}

void
engine_remove(struct fetch_engine *eng, struct fetch_feed *f)
{
	struct host	*h = f->host;

	feed_cancel(eng, f);
	host_dequeue(h, f);
	heap_remove(eng, f);
	due_rearm(eng);
	TAILQ_REMOVE(&eng->feeds, f, entry);
	feed_state_free(&f->st);
	feed_conf_free(&f->conf);
	free(f);
	if (!eng->stopped)
		host_dispatch(h);
}

void
engine_fetch_now(struct fetch_engine *eng, struct fetch_feed *f)
{
	if (f->xfer != NULL || f->queued)
		return;
	heap_remove(eng, f);
	due_rearm(eng);
	f->st.due_why = DUE_NOW;
	host_enqueue(f->host, f);
	host_dispatch(f->host);
}

void
engine_set_host_claim(struct fetch_engine *eng, host_claim_cb cb, void *arg)
{
	eng->claim = cb;
	eng->claim_arg = arg;
}

/*
 * Another node owns the feed's host now: no fetch of ours, none in
 * flight (what it had read is dropped, as at a stop), none queued.
 */
void
engine_hold(struct fetch_engine *eng, struct fetch_feed *f)
{
	struct host	*h = f->host;
	int		 busy = f->xfer != NULL;

	feed_cancel(eng, f);
	host_dequeue(h, f);
	heap_remove(eng, f);
	due_rearm(eng);
	if (busy && !eng->stopped)
		host_dispatch(h);
}

/* Ours again, going on from st (the last owner's), or from scratch. */
void
engine_resume(struct fetch_engine *eng, struct fetch_feed *f,
    const struct feed_state *st)
{
	int64_t	 now = time(NULL);

	engine_hold(eng, f);
	if (st != NULL && st->url != NULL && strcmp(st->url, f->conf.url) != 0)
		st = NULL;
	feed_state_free(&f->st);
	feed_copy_state(f, st);
	if (f->st.health == FEED_GONE)
		return;
	if (f->st.next_due < now) {
		f->st.next_due = now;
		if (f->st.last_fetch == 0)
			f->st.due_why = DUE_NEW;
	}
	f->due = (double)f->st.next_due;
	/* The host's last owner may have just spent its token. */
	if (eng->conf.host_rate > 0 && f->due < wall_now() +
	    1 / eng->conf.host_rate)
		f->due = wall_now() + 1 / eng->conf.host_rate;
	heap_push(eng, f);
}

const char *
feed_host(const struct fetch_feed *f)
{
	return f->host->name;
}

void
engine_stop(struct fetch_engine *eng)
{
	eng->stopped = 1;
	evtimer_del(eng->due_timer);
}

size_t
engine_inflight(const struct fetch_engine *eng)
{
	return eng->running;
}

void
engine_free(struct fetch_engine *eng)
{
	struct fetch_feed	*f;

	if (eng == NULL)
		return;
	eng->stopped = 1;
	while ((f = TAILQ_FIRST(&eng->feeds)) != NULL)
		engine_remove(eng, f);
	page_free_all(eng);
	curl_multi_cleanup(eng->multi);
	curl_share_cleanup(eng->share);
	host_free_all(eng);
	event_free(eng->curl_timer);
	event_free(eng->due_timer);
	event_free(eng->drain);
	free(eng->heap);
	free(eng->conf.user_agent);
	free(eng);
	curl_global_cleanup();
}

const struct feed_state *
feed_state(const struct fetch_feed *f)
{
	return &f->st;
}

const struct feed_conf *
feed_conf(const struct fetch_feed *f)
{
	return &f->conf;
}

void *
feed_udata(const struct fetch_feed *f)
{
	return f->udata;
}

void
feed_set_udata(struct fetch_feed *f, void *udata)
{
	f->udata = udata;
}

/* Frees what the state holds, not the struct itself. */
void
feed_state_free(struct feed_state *st)
{
	free(st->url);
	free(st->etag);
	free(st->last_modified);
	free(st->error);
	st->url = st->etag = st->last_modified = st->error = NULL;
}

const char *
fetch_status_name(enum fetch_status s)
{
	static const char *names[] = {
		"ok", "not_modified", "unchanged", "dns", "connect", "tls",
		"timeout", "http_4xx", "http_5xx", "http_429", "gone",
		"too_large", "not_feed", "parse", "refused", "redirect",
		"other", "local"
	};

	if ((size_t)s >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[s];
}

const char *
feed_health_name(enum feed_health h)
{
	switch (h) {
	case FEED_NEW:
		return "new";
	case FEED_OK:
		return "ok";
	case FEED_FAILING:
		return "failing";
	case FEED_GONE:
		return "gone";
	case FEED_STALE:
		return "stale";
	}
	return "unknown";
}

const char *
due_reason_name(enum due_reason d)
{
	static const char *names[] = {
		"new", "start", "interval", "adaptive", "ttl", "cache",
		"Retry-After", "backoff", "outage", "now", "none"
	};

	if ((size_t)d >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[d];
}
