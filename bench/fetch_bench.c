/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fetch_bench.c: measurements for bench/bench_fetch.sh.
 *
 *   fetch_bench gen DIR N         write N feeds of about 50 KB: DIR/fN.xml
 *   fetch_bench sax FILE ...      floor: a bare libxml2 SAX push pass
 *   fetch_bench parse FILE ...    for comparison: our feed parser alone
 *   fetch_bench engine URL N      cold then warm cycle of N feeds through
 *                                 the engine and the feed parser
 *   fetch_bench memory URL N F    N feeds (URL/fI.xml?K over F files),
 *                                 one cold cycle, then the peak RSS
 *
 * Each prints "name seconds" lines (and "rss_mb M").
 */
#include <sys/resource.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <libxml/parser.h>

#include "../fetchers/fetchers.h"
#include "../parsers/parsers.h"
#include "bench.h"

static int
gen(const char *dir, int n)
{
	FILE	*f;
	char	*path;
	int	 i, j;

	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/f%d.xml", dir, i);
		if ((f = fopen(path, "w")) == NULL)
			fatal("%s", path);
		fprintf(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<rss version=\"2.0\"><channel><title>Feed %d</title>"
		    "<link>https://example.org/%d/</link>\n", i, i);
		for (j = 0; j < 60; j++)
			fprintf(f, "<item><title>Treasury sanctions network "
			    "%d-%d supplying drones</title>"
			    "<link>https://example.org/%d/%d</link>"
			    "<guid isPermaLink=\"false\">%d-%d</guid>"
			    "<pubDate>Tue, 25 Feb 2020 14:03:00 GMT</pubDate>"
			    "<description>&lt;p&gt;Today the Department of "
			    "the Treasury's Office of Foreign Assets Control "
			    "(OFAC) designated %d entities and individuals "
			    "based in several countries for their roles in "
			    "procuring components for unmanned aerial "
			    "vehicles. All property and interests in property "
			    "of the designated persons that are in the United "
			    "States are blocked, and U.S. persons are "
			    "generally prohibited from dealing with them. "
			    "This action is taken pursuant to Executive Order "
			    "14024 and follows earlier designations under the "
			    "same authority.&lt;/p&gt; &lt;p&gt;Additional "
			    "details are in the press release and the "
			    "accompanying list of designations.&lt;/p&gt;"
			    "</description></item>\n", i, j, i, j, i, j, j);
		fprintf(f, "</channel></rss>\n");
		fclose(f);
		free(path);
	}
	return 0;
}

static void	count_item(const struct feed_meta *, const struct item *, void *);

static int
sax(int argc, char **argv)
{
	xmlSAXHandler		 h;
	xmlParserCtxtPtr	 ctx;
	char			 buf[65536];
	ssize_t			 n;
	double			 t0 = bench_wall();
	int			 i, fd;

	for (i = 0; i < argc; i++) {
		if ((fd = open(argv[i], O_RDONLY)) == -1)
			fatal("%s", argv[i]);
		memset(&h, 0, sizeof(h));
		h.initialized = XML_SAX2_MAGIC;
		ctx = xmlCreatePushParserCtxt(&h, NULL, NULL, 0, argv[i]);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			xmlParseChunk(ctx, buf, n, 0);
		xmlParseChunk(ctx, NULL, 0, 1);
		xmlFreeParserCtxt(ctx);
		close(fd);
	}
	printf("sax %.4f\n", bench_wall() - t0);
	return 0;
}

/* For comparison: the feed parser alone over the same files. */
static int
parse_files(int argc, char **argv)
{
	struct feed_parser	*p;
	char			 buf[65536];
	ssize_t			 n;
	size_t			 items = 0;
	double			 t0 = bench_wall();
	int			 i, fd;

	parsers_init();
	for (i = 0; i < argc; i++) {
		if ((fd = open(argv[i], O_RDONLY)) == -1)
			fatal("%s", argv[i]);
		p = feed_parser_new(argv[i], NULL, count_item, &items);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			feed_parse_chunk(p, buf, n);
		feed_parse_end(p);
		feed_parser_free(p);
		close(fd);
	}
	printf("parse %.4f\nparse_items %zu\n", bench_wall() - t0, items);
	return 0;
}

/* The sink: the real feed parser, items counted, nothing else. */
struct run {
	struct event_base	*base;
	struct fetch_engine	*eng;
	struct fetch_feed	**feeds;
	size_t			 n, nfiles, done, items, failed;
};

static void
count_item(const struct feed_meta *m, const struct item *it, void *arg)
{
	size_t	*items = arg;

	(void)m;
	(void)it;
	(*items)++;
}

struct pctx {
	struct feed_parser	*p;
	size_t			 items;
};

static void *
p_begin(struct fetch_feed *f, const char *charset, void *arg)
{
	struct pctx	*c = xcalloc(1, sizeof(*c));

	(void)arg;
	c->p = feed_parser_new(feed_state(f)->url, charset, count_item,
	    &c->items);
	return c;
}

static int
p_data(void *arg, const char *buf, size_t len)
{
	struct pctx	*c = arg;

	return feed_parse_chunk(c->p, buf, len) == -1 ? -1 : 0;
}

static void
p_end(void *arg, int complete, struct sink_result *r)
{
	struct pctx	*c = arg;

	(void)complete;
	feed_parse_end(c->p);
	memset(r, 0, sizeof(*r));
	r->is_feed = feed_parser_is_feed(c->p);
	r->items = c->items;
	r->ttl = -1;
	feed_parser_free(c->p);
	free(c);
}

static void
on_done(struct fetch_feed *f, const struct fetch_report *r, void *arg)
{
	struct run	*run = arg;

	(void)f;
	run->items += r->sink.items;
	if (r->status != FETCH_OK && r->status != FETCH_NOT_MODIFIED) {
		if (run->failed++ == 0)
			fprintf(stderr, "%s\n", r->message);
	}
	if (++run->done == run->n)
		event_base_loopexit(run->base, NULL);
}

static double
cycle(struct run *run, int cold, const char *url)
{
	struct feed_conf	 fc;
	char			*u;
	double			 t0 = bench_wall();
	size_t			 i;

	run->done = run->items = run->failed = 0;
	memset(&fc, 0, sizeof(fc));
	fc.interval = 86400;
	for (i = 0; i < run->n; i++) {
		if (cold) {
			xasprintf(&u, "%s/f%zu.xml?%zu", url, i % run->nfiles,
			    i);
			fc.url = u;
			run->feeds[i] = engine_add(run->eng, &fc, NULL);
			free(u);
		} else
			engine_fetch_now(run->eng, run->feeds[i]);
	}
	event_base_dispatch(run->base);
	if (run->failed)
		fprintf(stderr, "%zu fetches failed\n", run->failed);
	return bench_wall() - t0;
}

static int
engine(const char *url, int n, int nfiles, int memory)
{
	struct run		 run;
	struct engine_conf	 ec;
	struct fetch_sink	 sink = { p_begin, p_data, p_end, NULL };
	struct rusage		 ru;
	double			 cold, warm;

	parsers_init();
	memset(&run, 0, sizeof(run));
	run.n = n;
	run.nfiles = nfiles > 0 ? nfiles : n;
	run.feeds = xcalloc(n, sizeof(*run.feeds));
	run.base = event_base_new();
	engine_conf_defaults(&ec);
	ec.allow_private = 1;
	ec.host_rate = 0;	/* one host here; politeness is not measured */
	ec.host_conns = 50;	/* as curl --parallel */
	run.eng = engine_new(run.base, &ec, &sink, on_done, &run);
	cold = cycle(&run, 1, url);
	printf("cold %.4f\nitems %zu\n", cold, run.items);
	if (!memory) {
		warm = cycle(&run, 0, url);
		printf("warm %.4f\nwarm_items %zu\n", warm, run.items);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("rss_mb %.1f\n", ru.ru_maxrss / 1024.0);
	engine_free(run.eng);
	event_base_free(run.base);
	free(run.feeds);
	return run.failed ? 1 : 0;
}

int
main(int argc, char **argv)
{
	log_init(LOG_TO_STDERR, 3);
	if (argc >= 4 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atoi(argv[3]));
	if (argc >= 2 && strcmp(argv[1], "sax") == 0)
		return sax(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "parse") == 0)
		return parse_files(argc - 2, argv + 2);
	if (argc == 4 && strcmp(argv[1], "engine") == 0)
		return engine(argv[2], atoi(argv[3]), 0, 0);
	if (argc == 5 && strcmp(argv[1], "memory") == 0)
		return engine(argv[2], atoi(argv[3]), atoi(argv[4]), 1);
	fprintf(stderr, "usage: fetch_bench gen DIR N | sax FILE ... | "
	    "engine URL N | memory URL N FILES\n");
	return 2;
}
