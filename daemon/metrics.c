/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * metrics.c: what an operator graphs and alerts on, as Prometheus text
 * exposition (format 0.0.4) at http://HOST:PORT/metrics ([daemon] metrics,
 * default 127.0.0.1:7752, "no" for none).
 *
 * evhttp serves it on the daemon's own loop.  A scrape costs one walk of
 * the feeds and no store query (the store keeps its counts); a scraper
 * cannot hold the loop: only GET and HEAD, small headers, no body, and
 * every connection, idle or half-sent, is closed after METRICS_TIMEOUT.
 *
 * Counters are bumped where things happen: fetches in loop.c
 * (metrics_fetch), published events in publish.c, replay requests in
 * replay.c, the ends of items' waits for their article in artwait.c.
 * Gauges are read when scraped.  Nothing here can tell how many messages a PUB socket dropped at a subscriber's high-water mark:
 * ZeroMQ drops them silently, so there is no such series.
 */
#include <sys/socket.h>

#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

#include "daemon.h"

#define METRICS_MAX_HEADERS	8192	/* bytes of request line + headers */
#define METRICS_MAX_BODY	0	/* a GET has none */
#define METRICS_TIMEOUT		10	/* seconds, for every connection */
#define METRICS_HEALTHS		16	/* more than enum feed_health has */
#define METRICS_CTYPE		"text/plain; version=0.0.4; charset=utf-8"

struct metrics {
	struct evhttp		*http;
	struct sanctiond	*sd;
	int64_t			 started;
};

struct counters	 counters;

/* Where a fetch ended, and what its document held. */
void
metrics_fetch(const struct fetch_report *r)
{
	if ((size_t)r->status < METRICS_STATUSES)
		counters.fetches[r->status]++;
	counters.items += r->sink.items;
	counters.new_items += r->sink.new_items;
}

/* An item's article.status, in the order counters.articles keeps them. */
static const char *const article_statuses[METRICS_ARTICLES] = {
	"ok", "failed", "timeout", "not_article"
};

/* How an item's wait for its article ended (artwait.c). */
void
metrics_article(const char *status)
{
	size_t	 i;

	for (i = 0; i < METRICS_ARTICLES; i++)
		if (strcmp(status, article_statuses[i]) == 0)
			counters.articles[i]++;
}

/* The same counts for "sanctionctl status": {"ok": N, ...}. */
void
metrics_articles_json(json_t *o)
{
	size_t	 i;

	for (i = 0; i < METRICS_ARTICLES; i++)
		json_object_set_new(o, article_statuses[i],
		    json_integer((json_int_t)counters.articles[i]));
}

/* HELP text: backslash and newline escaped. */
static void
help_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\')
			buf_adds(b, "\\\\");
		else if (*s == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *s);
}

/* A label value: backslash, double quote and newline escaped. */
static void
label_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '"')
			buf_adds(b, "\\\"");
		else if (*s == '\\')
			buf_adds(b, "\\\\");
		else if (*s == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *s);
}

/* A family's HELP and TYPE lines, before its samples. */
void
prom_head(struct buf *b, const char *name, const char *type,
    const char *help)
{
	buf_printf(b, "# HELP %s ", name);
	help_escape(b, help);
	buf_printf(b, "\n# TYPE %s %s\n", name, type);
}

/* A sample's name and its one label (or none: lname NULL). */
static void
sample_name(struct buf *b, const char *name, const char *lname,
    const char *lvalue)
{
	buf_adds(b, name);
	if (lname == NULL)
		return;
	buf_printf(b, "{%s=\"", lname);
	label_escape(b, lvalue);
	buf_adds(b, "\"}");
}

void
prom_int(struct buf *b, const char *name, const char *lname,
    const char *lvalue, int64_t v)
{
	sample_name(b, name, lname, lvalue);
	buf_printf(b, " %lld\n", (long long)v);
}

void
prom_num(struct buf *b, const char *name, const char *lname,
    const char *lvalue, double v)
{
	sample_name(b, name, lname, lvalue);
	if (isnan(v))
		buf_adds(b, " NaN\n");
	else if (isinf(v))
		buf_adds(b, v > 0 ? " +Inf\n" : " -Inf\n");
	else
		buf_printf(b, " %.15g\n", v);
}

/*
 * Feeds by health.  The names are the engine's own, however many it has;
 * "stale" is always there, 0 where the engine has no such health.
 */
static void
render_health(struct sanctiond *sd, struct buf *b)
{
	size_t		 n[METRICS_HEALTHS] = { 0 }, i;
	unsigned	 h, nh;
	int		 stale = 0;
	const char	*name;

	for (nh = 0; nh < METRICS_HEALTHS; nh++)
		if (strcmp(feed_health_name((enum feed_health)nh),
		    "unknown") == 0)
			break;
	for (i = 0; i < sd->nfeeds; i++)
		if ((h = feed_state(sd->feeds[i])->health) < nh)
			n[h]++;
	prom_head(b, "sanctiond_feeds", "gauge",
	    "Feeds configured, by health (new: never fetched yet).");
	for (h = 0; h < nh; h++) {
		name = feed_health_name((enum feed_health)h);
		if (strcmp(name, "stale") == 0)
			stale = 1;
		prom_int(b, "sanctiond_feeds", "health", name, n[h]);
	}
	if (!stale)
		prom_int(b, "sanctiond_feeds", "health", "stale", 0);
}

static void
render_feeds(struct sanctiond *sd, struct buf *b)
{
	size_t	 i;

	render_health(sd, b);
	prom_head(b, "sanctiond_feed_last_success_timestamp_seconds", "gauge",
	    "When the feed last answered with a feed or 304 (unix time; "
	    "0: never).");
	for (i = 0; i < sd->nfeeds; i++)
		prom_int(b, "sanctiond_feed_last_success_timestamp_seconds",
		    "feed", feed_conf(sd->feeds[i])->name,
		    feed_state(sd->feeds[i])->last_ok);
}

static void
render_fetches(struct buf *b)
{
	const char	*name;
	unsigned	 s;

	prom_head(b, "sanctiond_fetches_total", "counter",
	    "Fetches done, by result: ok, not_modified, unchanged (200, same "
	    "body) or the error class.");
	for (s = 0; s < METRICS_STATUSES; s++) {
		name = fetch_status_name((enum fetch_status)s);
		if (strcmp(name, "unknown") == 0)
			break;
		prom_int(b, "sanctiond_fetches_total", "result", name,
		    counters.fetches[s]);
	}
	prom_head(b, "sanctiond_items_total", "counter",
	    "Items read in the feed documents parsed.");
	prom_int(b, "sanctiond_items_total", NULL, NULL, counters.items);
	prom_head(b, "sanctiond_new_items_total", "counter",
	    "Items never seen before (or revised), stored.");
	prom_int(b, "sanctiond_new_items_total", NULL, NULL,
	    counters.new_items);
}

static void
render_events(struct sanctiond *sd, struct buf *b)
{
	int64_t	 items = 0, events = 0;

	prom_head(b, "sanctiond_events_total", "counter",
	    "Events published, by type: item (sanctions, background, news) "
	    "or feed (health changes).");
	prom_int(b, "sanctiond_events_total", "type", "item",
	    counters.events_item);
	prom_int(b, "sanctiond_events_total", "type", "feed",
	    counters.events_feed);
	prom_head(b, "sanctiond_last_seq", "gauge",
	    "The seq of the last event stored.");
	prom_int(b, "sanctiond_last_seq", NULL, NULL,
	    store_last_seq(sd->store));
	store_counts(sd->store, &items, &events);
	prom_head(b, "sanctiond_stored_events", "gauge",
	    "Events in the store.");
	prom_int(b, "sanctiond_stored_events", NULL, NULL, events);
	prom_head(b, "sanctiond_store_errors_total", "counter",
	    "Store operations that failed (each was logged).");
	prom_int(b, "sanctiond_store_errors_total", NULL, NULL,
	    store_errors(sd->store));
	prom_head(b, "sanctiond_replay_requests_total", "counter",
	    "Requests read on the replay endpoint, served or refused.");
	prom_int(b, "sanctiond_replay_requests_total", NULL, NULL,
	    counters.replay_requests);
	prom_head(b, "sanctiond_replay_clients", "gauge",
	    "Replay clients with requests being served or queued.");
	prom_int(b, "sanctiond_replay_clients", NULL, NULL,
	    counters.replay_clients);
}

static void
render_articles(struct sanctiond *sd, struct buf *b)
{
	size_t	 i;

	prom_head(b, "sanctiond_articles_total", "counter",
	    "Items whose wait for their article ended, by article status: "
	    "ok, failed, timeout or not_article.");
	for (i = 0; i < METRICS_ARTICLES; i++)
		prom_int(b, "sanctiond_articles_total", "status",
		    article_statuses[i], counters.articles[i]);
	prom_head(b, "sanctiond_articles_waiting", "gauge",
	    "Items held, unpublished, until their article is in.");
	prom_int(b, "sanctiond_articles_waiting", NULL, NULL,
	    (int64_t)artwait_count(sd));
}

/* From lag.c's 1 ms buckets to a few cumulative ones, in seconds. */
static void
render_lag(struct sanctiond *sd, struct buf *b)
{
	static const unsigned	 le_ms[] = { 1, 2, 5, 10, 25, 50, 100, 250,
				    500, 1000 };
	const unsigned long	*hist = NULL;
	unsigned long		 ticks = 0, seen = 0;
	double			 sum = 0;
	size_t			 nb, i, k = 0;
	char			 le[32];

	nb = lag_histogram(sd->lag, &hist, &ticks, &sum);
	prom_head(b, "sanctiond_loop_lag_seconds", "histogram",
	    "How late a 100 ms timer on the event loop runs: a callback "
	    "that blocks the loop shows here.");
	for (i = 0; i < sizeof(le_ms) / sizeof(le_ms[0]); i++) {
		/* Bucket k holds [k, k + 1) ms: those below le_ms[i]. */
		for (; k < le_ms[i] && k < nb; k++)
			seen += hist[k];
		snprintf(le, sizeof(le), "%g", le_ms[i] / 1000.0);
		prom_int(b, "sanctiond_loop_lag_seconds_bucket", "le", le,
		    seen);
	}
	prom_int(b, "sanctiond_loop_lag_seconds_bucket", "le", "+Inf", ticks);
	prom_num(b, "sanctiond_loop_lag_seconds_sum", NULL, NULL, sum);
	prom_int(b, "sanctiond_loop_lag_seconds_count", NULL, NULL, ticks);
}

/* The whole exposition, appended to b. */
void
metrics_render(struct sanctiond *sd, struct buf *b)
{
	render_feeds(sd, b);
	render_fetches(b);
	render_articles(sd, b);
	render_events(sd, b);
	render_lag(sd, b);
	prom_head(b, "sanctiond_start_time_seconds", "gauge",
	    "When the daemon started (unix time).");
	prom_int(b, "sanctiond_start_time_seconds", NULL, NULL,
	    sd->metrics != NULL ? sd->metrics->started : 0);
	prom_head(b, "sanctiond_build_info", "gauge",
	    "The daemon's version, as a label; the value is 1.");
	prom_int(b, "sanctiond_build_info", "version", SANCTIOND_VERSION, 1);
}

static void
serve_metrics(struct evhttp_request *req, void *arg)
{
	struct metrics	*m = arg;
	struct buf	 b;

	buf_init(&b);
	metrics_render(m->sd, &b);
	evbuffer_add(evhttp_request_get_output_buffer(req), b.d, b.len);
	buf_free(&b);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", METRICS_CTYPE);
	evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

static void
serve_other(struct evhttp_request *req, void *arg)
{
	(void)arg;
	evbuffer_add_printf(evhttp_request_get_output_buffer(req),
	    "not found: the metrics are at /metrics\n");
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; charset=utf-8");
	evhttp_send_reply(req, HTTP_NOTFOUND, "Not Found", NULL);
}

/* The address really bound (the port may have been 0), for the log. */
static void
log_bound(struct evhttp_bound_socket *bs)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);
	char			 host[NI_MAXHOST], port[NI_MAXSERV];

	if (getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *)&ss,
	    &len) == -1 || getnameinfo((struct sockaddr *)&ss, len, host,
	    sizeof(host), port, sizeof(port),
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		return;
	log_info("metrics on http://%s%s%s:%s/metrics",
	    strchr(host, ':') != NULL ? "[" : "", host,
	    strchr(host, ':') != NULL ? "]" : "", port);
}

/*
 * Listen on [daemon] metrics.  -1 when an address written in the config
 * cannot be had; the default one busy (another daemon on this host) is
 * only a warning: monitoring must not stop a daemon that used to start.
 */
int
metrics_start(struct sanctiond *sd)
{
	const struct daemon_conf	*c = sd->conf;
	struct evhttp_bound_socket	*bs;
	struct metrics			*m;
	long				 port;
	int				 saved;

	if (c->metrics_host == NULL)
		return 0;
	m = xcalloc(1, sizeof(*m));
	m->sd = sd;
	m->started = time(NULL);
	if ((m->http = evhttp_new(sd->base)) == NULL)
		fatalx("evhttp_new");
	evhttp_set_allowed_methods(m->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
	evhttp_set_max_headers_size(m->http, METRICS_MAX_HEADERS);
	evhttp_set_max_body_size(m->http, METRICS_MAX_BODY);
	evhttp_set_timeout(m->http, METRICS_TIMEOUT);
	evhttp_set_cb(m->http, "/metrics", serve_metrics, m);
	evhttp_set_gencb(m->http, serve_other, m);
	port = strtol(c->metrics_port, NULL, 10);
	errno = 0;
	if ((bs = evhttp_bind_socket_with_handle(m->http, c->metrics_host,
	    (ev_uint16_t)port)) == NULL) {
		saved = errno;
		log_warnx("%s: metrics %s:%s: cannot listen: %s%s", c->path,
		    c->metrics_host, c->metrics_port,
		    saved ? strerror(saved) : "failed",
		    c->metrics_set ? "" : " (the default; metrics = no "
		    "turns it off); no metrics");
		evhttp_free(m->http);
		free(m);
		return c->metrics_set ? -1 : 0;
	}
	log_bound(bs);
	sd->metrics = m;
	return 0;
}

void
metrics_stop(struct metrics *m)
{
	if (m == NULL)
		return;
	evhttp_free(m->http);
	free(m);
}
