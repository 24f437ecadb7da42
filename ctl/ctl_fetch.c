/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_fetch.c: sanctionctl fetch [--allow-private] [--timeout SECS] URL ...
 *
 * Fetch feeds concurrently with the daemon's own engine (same caps, guard,
 * politeness) and print their items exactly as "parse" does.  A feed that
 * fails gets one line on stderr naming the URL and the reason; the others
 * are still printed, and the exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <event2/event.h>

#include "ctl.h"

struct fetch_ctx {
	struct event_base	*base;
	struct fetch_engine	*eng;
	size_t			 want;
	size_t			 done;
	int			 failed;
};

static int
print_item(struct fetch_feed *f, const struct feed_meta *m,
    const struct item *it, const struct sanctions *s, void *arg)
{
	struct buf	 b;

	(void)f;
	(void)arg;
	buf_init(&b);
	item_json_write(&b, m, it, it ? s : NULL);
	buf_addc(&b, '\n');
	fwrite(b.d, 1, b.len, stdout);
	buf_free(&b);
	return 1;
}

static int
fetch_failed(enum fetch_status s)
{
	return s != FETCH_OK && s != FETCH_NOT_MODIFIED && s != FETCH_UNCHANGED;
}

/* One report per feed: say what failed, forget the feed, stop at the end. */
static void
on_done(struct fetch_feed *f, const struct fetch_report *r, void *arg)
{
	struct fetch_ctx	*ctx = arg;

	if (fetch_failed(r->status)) {
		fprintf(stderr, "sanctionctl: fetch: %s\n", r->message);
		ctx->failed = 1;
	} else if (r->sink.parse_error)	/* recovered: a warning, as parse */
		fprintf(stderr, "sanctionctl: fetch: %s: warning: %s\n",
		    feed_state(f)->url, r->sink.error);
	engine_remove(ctx->eng, f);
	if (++ctx->done == ctx->want) {
		engine_stop(ctx->eng);
		event_base_loopexit(ctx->base, NULL);
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: sanctionctl fetch [--allow-private] "
	    "[--timeout SECS] URL ...\n");
	return 2;
}

int
ctl_fetch(int argc, char **argv)
{
	struct fetch_ctx	 ctx;
	struct engine_conf	 ec;
	struct fetch_sink	 sink;
	struct feed_conf	 fc;
	struct classifier	*cls;
	char			*err = NULL;
	long long		 secs;
	int			 i;

	memset(&ctx, 0, sizeof(ctx));
	engine_conf_defaults(&ec);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--allow-private") == 0)
			ec.allow_private = 1;
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc &&
		    parse_duration(argv[i + 1], &secs) == 0 && secs > 0) {
			ec.total_timeout = (long)secs;
			if (ec.connect_timeout > ec.total_timeout)
				ec.connect_timeout = ec.total_timeout;
			i++;
		} else
			return usage();
	}
	if (i == argc)
		return usage();
	/* The engine's own log lines would repeat ours; keep errors only. */
	log_setlevel(LOG_ERR);
	parsers_init();
	if ((cls = classifier_load(NULL, &err)) == NULL) {
		fprintf(stderr, "sanctionctl: classifier: %s\n", err);
		free(err);
		return 1;
	}
	ctx.base = event_base_new();
	feedsink_init(&sink, cls, print_item, &ctx);
	ctx.eng = engine_new(ctx.base, &ec, &sink, on_done, &ctx);
	memset(&fc, 0, sizeof(fc));
	for (; i < argc; i++) {
		/* As the daemon does: no userinfo in what we print. */
		if (config_url_split(argv[i], &fc.url, &fc.user,
		    &fc.password) == -1) {
			if (strchr(argv[i], '@') != NULL) {
				fprintf(stderr, "sanctionctl: fetch: a URL "
				    "that does not parse (not shown: it may "
				    "hold a password)\n");
				ctx.failed = 1;
				continue;
			}
			fc.url = xstrdup(argv[i]);
		}
		engine_add(ctx.eng, &fc, NULL);
		free(fc.url);
		free(fc.user);
		if (fc.password != NULL)
			explicit_bzero(fc.password, strlen(fc.password));
		free(fc.password);
		ctx.want++;
	}
	if (ctx.want > 0)
		event_base_dispatch(ctx.base);
	fflush(stdout);
	engine_free(ctx.eng);
	feedsink_free(&sink);
	event_base_free(ctx.base);
	classifier_free(cls);
	return ctx.failed;
}
