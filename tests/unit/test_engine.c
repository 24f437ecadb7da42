/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_engine.c: the engine's life cycle against an evhttp server in the
 * same event loop: a fetch and its conditional repeat, removing a feed in
 * flight, a new URL on update (in flight or not), engine_stop, and a big
 * body parsed in slices with the loop's other events run between them.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <syslog.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "../test.h"
#include "../../fetchers/internal.h"

static struct event_base	*base;
static struct fetch_engine	*eng;
static int			 port;
static int			 hits_ok, hits_new, hits_slow;
static int			 reports, sink_ends, sink_incomplete;
static struct fetch_report	 last;
static char			 last_inm[64];

#define LASTMOD	"Mon, 01 Jan 2024 00:00:00 GMT"

static const char feed[] = "<rss version=\"2.0\"><channel><title>t</title>"
    "<item><title>a</title></item></channel></rss>";

/*
 * The slices test: BIG bytes of feed (many drain steps); each step of the
 * parse makes the control event active, as a request arriving meanwhile
 * would, and the next step finds it answered, or counts a miss.
 */
#define BIG	(1024 * 1024)
static struct event	*control_ev;
static int		 big_steps, control_pending, control_missed;

static void
serve_big(struct evhttp_request *req)
{
	struct evbuffer	*b = evbuffer_new();
	char		*body = xmalloc(BIG);

	memset(body, ' ', BIG);
	memcpy(body, feed, sizeof(feed) - 1);
	evhttp_add_header(evhttp_request_get_output_headers(req), "ETag",
	    "\"big\"");
	evbuffer_add(b, body, BIG);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
	free(body);
}

static void
on_control(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	control_pending = 0;
}

static void
serve(struct evhttp_request *req, void *arg)
{
	struct evkeyvalq	*in = evhttp_request_get_input_headers(req);
	struct evkeyvalq	*out = evhttp_request_get_output_headers(req);
	struct evbuffer		*b;
	const char		*uri = evhttp_request_get_uri(req), *inm;

	(void)arg;
	if (strcmp(uri, "/slow") == 0) {
		hits_slow++;
		return;		/* never answered: stays in flight */
	}
	if (strcmp(uri, "/big") == 0) {
		serve_big(req);
		return;
	}
	if (strcmp(uri, "/ok") == 0)
		hits_ok++;
	else
		hits_new++;
	inm = evhttp_find_header(in, "If-None-Match");
	snprintf(last_inm, sizeof(last_inm), "%s", inm ? inm : "");
	evhttp_add_header(out, "ETag", "\"v1\"");
	if (inm != NULL && strcmp(inm, "\"v1\"") == 0) {
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return;
	}
	/* Only the 200 says Last-Modified: a 304 need not repeat it. */
	evhttp_add_header(out, "Last-Modified", LASTMOD);
	b = evbuffer_new();
	evbuffer_add(b, feed, sizeof(feed) - 1);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void *
s_begin(struct fetch_feed *f, const char *cs, void *arg)
{
	(void)f;
	(void)cs;
	return arg;
}

static int
s_data(void *ctx, const char *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	if (control_ev == NULL)
		return 0;
	big_steps++;
	if (control_pending)
		control_missed++;
	control_pending = 1;
	event_active(control_ev, EV_TIMEOUT, 0);
	return 0;
}

static void
s_end(void *ctx, int complete, struct sink_result *r)
{
	(void)ctx;
	sink_ends++;
	if (!complete)
		sink_incomplete++;
	memset(r, 0, sizeof(*r));
	r->is_feed = 1;
	r->items = 1;
	r->ttl = -1;
}

static void
on_done(struct fetch_feed *f, const struct fetch_report *r, void *arg)
{
	(void)f;
	(void)arg;
	reports++;
	last = *r;
	event_base_loopexit(base, NULL);
}

/* Run the loop until a report or the time is up. */
static void
run(double secs)
{
	struct timeval	 tv;

	tv.tv_sec = (long)secs;
	tv.tv_usec = (long)((secs - tv.tv_sec) * 1e6);
	event_base_loopexit(base, &tv);
	event_base_dispatch(base);
}

static char *
url(const char *path)
{
	char	*u;

	xasprintf(&u, "http://127.0.0.1:%d%s", port, path);
	return u;
}

/* Add a feed on PATH (hourly) and run the loop for up to SECS. */
static struct fetch_feed *
add_and_run(struct feed_conf *fc, const char *path, double secs)
{
	struct fetch_feed	*f;

	memset(fc, 0, sizeof(*fc));
	fc->interval = 3600;
	fc->url = url(path);
	f = engine_add(eng, fc, NULL);
	run(secs);
	return f;
}

static void
test_fetch_and_repeat(void)
{
	struct feed_conf	 fc;
	struct fetch_feed	*f;

	f = add_and_run(&fc, "/ok", 5);
	t_inteq(reports, 1, "one report for one fetch");
	t_inteq(last.status, FETCH_OK, "first fetch: ok");
	t_inteq(last.old_health, FEED_NEW, "health was new");
	t_inteq(last.new_health, FEED_OK, "health is ok");
	t_streq(feed_state(f)->etag, "\"v1\"", "the ETag is kept byte for byte");
	t_ok(feed_state(f)->next_due >= time(NULL) + 3000,
	    "next due after the configured interval (minus jitter)");
	engine_fetch_now(eng, f);
	run(5);
	t_inteq(reports, 2, "fetch_now fetches at once");
	t_inteq(last.status, FETCH_NOT_MODIFIED, "the repeat is a 304");
	t_streq(last_inm, "\"v1\"", "with the ETag sent back");
	t_inteq(sink_ends, 1, "the 304 did not reach the sink");
	t_streq(feed_state(f)->last_modified, LASTMOD,
	    "a 304 without Last-Modified keeps the one we had");
	t_streq(feed_state(f)->etag, "\"v1\"", "and the ETag it repeated");
	t_ok(strstr(last.message, fc.url) != NULL, "the message names the URL");
	engine_remove(eng, f);
	free(fc.url);
}

static void
test_remove_in_flight(void)
{
	struct feed_conf	 fc;
	struct fetch_feed	*f;
	int			 before = reports;

	f = add_and_run(&fc, "/slow", 0.5);
	t_inteq(hits_slow, 1, "the slow request reached the server");
	t_inteq(engine_inflight(eng), 1, "and is in flight");
	engine_remove(eng, f);
	t_inteq(engine_inflight(eng), 0, "removing the feed ends its transfer");
	run(0.3);
	t_inteq(reports, before, "a removed feed is not reported");
	free(fc.url);
}

static void
test_update_in_flight(void)
{
	struct feed_conf	 fc;
	struct fetch_feed	*f;
	int			 before = reports, slow = hits_slow;

	f = add_and_run(&fc, "/slow", 0.5);
	t_inteq(hits_slow, slow + 1, "in flight on the old URL");
	free(fc.url);
	fc.url = url("/moved");
	engine_update(eng, f, &fc);
	run(5);
	t_inteq(reports, before + 1, "one report: the new URL's");
	t_inteq(last.status, FETCH_OK, "the new URL was fetched at once");
	t_inteq(hits_new, 1, "and reached the server");
	engine_remove(eng, f);
	hits_new = 0;
	free(fc.url);
}

/* Cluster mode: a held feed is not fetched, a resumed one goes on from st. */
static void
test_hold_resume(void)
{
	struct feed_conf	 fc, sc;
	struct feed_state	 st;
	struct fetch_feed	*f, *g;
	int			 before = reports, ok = hits_ok;

	memset(&fc, 0, sizeof(fc));
	fc.interval = 3600;
	fc.url = url("/ok");
	f = engine_add(eng, &fc, NULL);
	t_streq(feed_host(f), "127.0.0.1", "feed_host: the politeness key");
	engine_hold(eng, f);
	run(0.5);
	t_inteq(hits_ok, ok, "a held feed is not fetched");
	t_inteq(reports, before, "nor reported");
	g = add_and_run(&sc, "/slow", 0.5);
	t_inteq(engine_inflight(eng), 1, "a fetch in flight");
	engine_hold(eng, g);
	t_inteq(engine_inflight(eng), 0, "holding its feed ends it");
	run(0.3);
	t_inteq(reports, before, "unreported");
	memset(&st, 0, sizeof(st));
	st.url = fc.url;
	st.etag = "\"v1\"";
	st.health = FEED_OK;
	st.last_fetch = st.last_ok = time(NULL) - 60;
	engine_resume(eng, f, &st);
	run(5);
	t_inteq(reports, before + 1, "resumed: fetched, being due");
	t_streq(last_inm, "\"v1\"", "with the validators it was resumed with");
	t_inteq(last.status, FETCH_NOT_MODIFIED, "a 304");
	engine_remove(eng, f);
	engine_remove(eng, g);
	free(fc.url);
	free(sc.url);
}

/*
 * A done transfer is parsed in slices of the drain, at the lowest
 * priority: an event that becomes ready during one slice runs before the
 * next (issue 14).  No clock in it: every step is a slice of its own here.
 */
static void
test_slices(void)
{
	struct feed_conf	 fc;
	struct fetch_feed	*f;
	unsigned long		 slices = eng->slices;
	int			 before = reports;

	control_ev = event_new(base, -1, 0, on_control, NULL);
	event_priority_set(control_ev, 0);
	f = add_and_run(&fc, "/big", 5);
	t_inteq(reports, before + 1, "the big feed was reported");
	t_inteq(last.status, FETCH_OK, "ok");
	t_ok(big_steps >= BIG / (64 * 1024), "its body went in in steps");
	t_ok(eng->slices - slices >= (unsigned long)big_steps,
	    "each in a slice of its own");
	t_inteq(control_missed, 0,
	    "the control event ran between every two of them");
	t_inteq(eng->queued, 0, "nothing is left in the done queue");
	event_free(control_ev);
	control_ev = NULL;
	engine_remove(eng, f);
	free(fc.url);
}

static void
test_update_url(void)
{
	struct feed_conf	 fc;
	struct fetch_feed	*f;

	f = add_and_run(&fc, "/ok", 5);
	free(fc.url);
	fc.url = url("/new");
	engine_update(eng, f, &fc);
	t_streq(feed_state(f)->url, fc.url, "a new URL in the config is used");
	t_streq(feed_state(f)->etag, NULL, "and the old validators dropped");
	run(5);
	t_inteq(hits_new, 1, "the new URL is fetched at once");
	t_streq(last_inm, "", "without the old URL's validators");
	engine_stop(eng);
	engine_fetch_now(eng, f);
	run(0.3);
	t_inteq(engine_inflight(eng), 0, "after engine_stop nothing starts");
	t_inteq(hits_new, 1, "and nothing reaches the server");
	free(fc.url);
}

int
main(void)
{
	struct evhttp			*http;
	struct evhttp_bound_socket	*bs;
	struct sockaddr_in		 sin;
	socklen_t			 len = sizeof(sin);
	struct engine_conf		 ec;
	struct fetch_sink		 sink = { s_begin, s_data, s_end, NULL };

	log_init(LOG_TO_STDERR, LOG_ERR);
	base = event_base_new();
	/* As the daemon's: the engine takes the lowest priority. */
	if (event_base_priority_init(base, 3) == -1)
		fatalx("event_base_priority_init");
	http = evhttp_new(base);
	evhttp_set_gencb(http, serve, NULL);
	if ((bs = evhttp_bind_socket_with_handle(http, "127.0.0.1", 0)) == NULL)
		fatalx("bind");
	getsockname(evhttp_bound_socket_get_fd(bs), (struct sockaddr *)&sin,
	    &len);
	port = ntohs(sin.sin_port);
	engine_conf_defaults(&ec);
	ec.allow_private = 1;
	ec.host_rate = 0;
	ec.drain_slice = 1e-9;
	eng = engine_new(base, &ec, &sink, on_done, NULL);
	test_fetch_and_repeat();
	test_remove_in_flight();
	test_update_in_flight();
	test_hold_resume();
	test_slices();
	test_update_url();
	engine_free(eng);
	evhttp_free(http);
	event_base_free(base);
	return t_done();
}
