/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fetchdrive.c: drive the fetch engine against the test server for a
 * bounded time and print what happened, one line per completed fetch:
 *
 *   t=SECONDS url=URL status=CLASS code=HTTP health=OLD>NEW failures=N
 *   next_in=SECONDS items=N moved=0|1 msg=MESSAGE
 *
 * usage: fetchdrive [-1a] [-c conns] [-i interval] [-m max_body]
 *            [-r rate] [-T timeout] [-t seconds] URL ...
 *
 * -1 fetches each URL once and exits when all are done; otherwise it runs
 * for -t seconds (default 5) with every feed on the -i interval (seconds,
 * default 1).  The sink does not parse: a body is a feed when it contains
 * "<rss", "<feed" or "<rdf", and its items are counted by "<item"/"<entry",
 * so these tests do not depend on the parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "../fetchers/fetchers.h"

struct drive {
	struct event_base	*base;
	struct fetch_engine	*eng;
	struct timespec		 start;
	int			 once;
	size_t			 want, done;
};

struct body {
	struct buf	 b;
};

static void *
count_begin(struct fetch_feed *f, const char *charset, void *arg)
{
	struct body	*c = xcalloc(1, sizeof(*c));

	(void)f;
	(void)charset;
	(void)arg;
	buf_init(&c->b);
	return c;
}

static int
count_data(void *arg, const char *p, size_t len)
{
	struct body	*c = arg;

	/* Enough to find the markers without keeping a bomb. */
	if (c->b.len < 1024 * 1024)
		buf_add(&c->b, p, len);
	return 0;
}

static size_t
count_of(const char *s, const char *what)
{
	size_t	 n = 0;

	while (s != NULL && (s = strstr(s, what)) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
count_end(void *arg, int complete, struct sink_result *r)
{
	struct body	*c = arg;
	const char	*d = c->b.d;

	(void)complete;
	memset(r, 0, sizeof(*r));
	r->ttl = -1;
	r->is_feed = d != NULL && (strstr(d, "<rss") != NULL ||
	    strstr(d, "<feed") != NULL || strstr(d, "<rdf") != NULL);
	r->items = count_of(d, "<item") + count_of(d, "<entry");
	buf_free(&c->b);
	free(c);
}

static double
elapsed(const struct drive *d)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - d->start.tv_sec) +
	    (double)(now.tv_nsec - d->start.tv_nsec) / 1e9;
}

static void
on_done(struct fetch_feed *f, const struct fetch_report *r, void *arg)
{
	struct drive		*d = arg;
	const struct feed_state	*st = feed_state(f);

	printf("t=%.3f url=%s status=%s code=%ld health=%s>%s failures=%d "
	    "next_in=%lld items=%zu moved=%d msg=%s\n", elapsed(d), st->url,
	    fetch_status_name(r->status), r->http_code,
	    feed_health_name(r->old_health), feed_health_name(r->new_health),
	    st->failures, st->next_due ? (long long)(st->next_due -
	    time(NULL)) : -1LL, r->sink.items, r->url_changed, r->message);
	fflush(stdout);
	if (d->once) {
		engine_remove(d->eng, f);
		if (++d->done == d->want)
			event_base_loopexit(d->base, NULL);
	}
}

int
main(int argc, char **argv)
{
	struct drive		 d;
	struct engine_conf	 ec;
	struct fetch_sink	 sink = { count_begin, count_data, count_end,
				    NULL };
	struct feed_conf	 fc;
	struct timeval		 tv;
	double			 secs = 5;
	int			 ch, i;

	memset(&d, 0, sizeof(d));
	memset(&fc, 0, sizeof(fc));
	fc.interval = 1;
	log_init(LOG_TO_STDERR, LOG_WARNING);
	engine_conf_defaults(&ec);
	while ((ch = getopt(argc, argv, "1ac:i:m:r:T:t:")) != -1) {
		switch (ch) {
		case '1':
			d.once = 1;
			break;
		case 'a':
			ec.allow_private = 1;
			break;
		case 'c':
			ec.host_conns = atoi(optarg);
			break;
		case 'i':
			fc.interval = atoll(optarg);
			break;
		case 'm':
			ec.max_body = strtoul(optarg, NULL, 10);
			break;
		case 'r':
			ec.host_rate = atof(optarg);
			break;
		case 'T':
			ec.total_timeout = atol(optarg);
			if (ec.connect_timeout > ec.total_timeout)
				ec.connect_timeout = ec.total_timeout;
			break;
		case 't':
			secs = atof(optarg);
			break;
		default:
			fprintf(stderr, "usage: fetchdrive [-1a] [-c conns] "
			    "[-i interval] [-m max_body] [-r rate] "
			    "[-T timeout] [-t seconds] URL ...\n");
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &d.start);
	d.base = event_base_new();
	d.eng = engine_new(d.base, &ec, &sink, on_done, &d);
	for (i = optind; i < argc; i++) {
		fc.url = argv[i];
		engine_add(d.eng, &fc, NULL);
		d.want++;
	}
	tv.tv_sec = (long)secs;
	tv.tv_usec = (long)((secs - tv.tv_sec) * 1e6);
	event_base_loopexit(d.base, &tv);
	event_base_dispatch(d.base);
	engine_free(d.eng);
	event_base_free(d.base);
	return 0;
}
