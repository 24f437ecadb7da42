/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * article_bench.c: article_extract against a bare libxml2 HTML parse.
 *
 *	article_bench gen DIR MB	write about MB megabytes of news pages
 *	article_bench run RUNS FILE ...	time both over the same pages
 *
 * The floor is htmlReadMemory with the extractor's own options (tree
 * built, then freed) over the same in-memory pages, in the same run; the
 * difference is what extraction adds: metadata, JSON-LD, the counting
 * and scoring passes, the text.  CPU time, medians of RUNS, and their
 * ratio.  The target is 50 MB/s of HTML per core.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

#include "../parsers/parsers.h"
#include "bench.h"

#define TARGET_MBS	50.0

struct page {
	char	*d;
	size_t	 len;
};

/* A news page as sites write them: more boilerplate than article. */
static void
page(struct buf *b, int k)
{
	int	 i;

	buf_printf(b, "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
	    "<title>Story %d | Example News</title><meta property=og:title "
	    "content=\"Story %d\"><meta property=article:published_time "
	    "content=\"2026-11-%02dT10:00:00Z\"><link rel=stylesheet "
	    "href=/s.css><script>window.dataLayer=[];function t(){return 1;}"
	    "</script><script type=\"application/ld+json\">{\"@type\":"
	    "\"NewsArticle\",\"headline\":\"Story %d\",\"author\":{\"name\":"
	    "\"A. Writer\"}}</script><style>.a{color:red}</style></head><body>"
	    "<div class=cookie-banner><p>We use cookies.</p><button>OK</button>"
	    "</div><header class=site-header><nav><ul>", k, k, 1 + k % 28, k);
	for (i = 0; i < 30; i++)
		buf_printf(b, "<li><a href=\"/section/%d\">Section %d</a></li>",
		    i, i);
	buf_adds(b, "</ul></nav></header><main><article><h1>");
	bench_words(b, 8);
	buf_adds(b, "</h1><div class=share><a href=#>Share</a><a href=#>Tweet"
	    "</a></div><div class=article-body>");
	for (i = 0; i < 12 + (int)bench_rnd(12); i++) {
		buf_adds(b, "<p>");
		bench_words(b, 20 + bench_rnd(40));
		buf_adds(b, " <a href=\"/x\">");
		bench_words(b, 3);
		buf_adds(b, "</a> ");
		bench_words(b, 10 + bench_rnd(20));
		buf_adds(b, ".</p>\n");
	}
	buf_adds(b, "</div></article><aside class=related><h3>Related</h3><ul>");
	for (i = 0; i < 10; i++) {
		buf_adds(b, "<li><a href=\"/story\">");
		bench_words(b, 8);
		buf_adds(b, "</a></li>");
	}
	buf_adds(b, "</ul></aside><div id=comments>");
	for (i = 0; i < 8; i++) {
		buf_adds(b, "<div class=comment><p>");
		bench_words(b, 15);
		buf_adds(b, "</p></div>");
	}
	buf_adds(b, "</div></main><footer><p>Copyright Example</p><ul>");
	for (i = 0; i < 20; i++)
		buf_printf(b, "<li><a href=\"/f/%d\">Footer link %d</a></li>",
		    i, i);
	buf_adds(b, "</ul></footer><script src=/app.js></script></body></html>");
}

static int
gen(const char *dir, int mb)
{
	struct buf	 b;
	char		 path[4096];
	FILE		*fp;
	size_t		 total = 0;
	int		 k = 0;

	while (total < (size_t)mb * 1024 * 1024) {
		buf_init(&b);
		page(&b, k);
		snprintf(path, sizeof(path), "%s/page%05d.html", dir, k++);
		if ((fp = fopen(path, "w")) == NULL ||
		    fwrite(b.d, 1, b.len, fp) != b.len || fclose(fp) != 0) {
			perror(path);
			return 1;
		}
		total += b.len;
		buf_free(&b);
	}
	return 0;
}

static int
load(const char *path, struct page *p)
{
	struct buf	 b;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		perror(path);
		return -1;
	}
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	p->len = b.len;
	p->d = buf_release(&b);
	return 0;
}

/* Pages' encoding errors are not the benchmark's output. */
static void
silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
bare(const struct page *pg, size_t n)
{
	double		 t0 = bench_cpu();
	xmlDocPtr	 doc;
	size_t		 i;

	for (i = 0; i < n; i++) {
		doc = htmlReadMemory(pg[i].d, (int)pg[i].len, NULL, NULL,
		    HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
		    HTML_PARSE_COMPACT);
		if (doc != NULL)
			xmlFreeDoc(doc);
	}
	return bench_cpu() - t0;
}

static double
extract(const struct page *pg, size_t n, size_t *found)
{
	double		 t0 = bench_cpu();
	struct article	 a;
	size_t		 i;

	*found = 0;
	for (i = 0; i < n; i++) {
		if (article_extract(pg[i].d, pg[i].len, NULL, &a) == 0)
			(*found)++;
		article_clear(&a);
	}
	return bench_cpu() - t0;
}

static int
run(int runs, int argc, char **argv)
{
	struct page	*pg;
	double		*tb, *ta, mb, bmbs, ambs;
	size_t		 n = 0, i, bytes = 0, found = 0;
	int		 r;

	pg = calloc(argc, sizeof(*pg));
	tb = calloc(runs, sizeof(*tb));
	ta = calloc(runs, sizeof(*ta));
	if (pg == NULL || tb == NULL || ta == NULL)
		return 1;
	for (i = 0; i < (size_t)argc; i++) {
		if (load(argv[i], &pg[n]) == -1)
			return 1;
		bytes += pg[n++].len;
	}
	parsers_init();
	xmlSetGenericErrorFunc(NULL, silent);
	for (r = 0; r < runs; r++) {
		tb[r] = bare(pg, n);
		ta[r] = extract(pg, n, &found);
	}
	qsort(tb, runs, sizeof(*tb), cmp);
	qsort(ta, runs, sizeof(*ta), cmp);
	mb = bytes / 1e6;
	bmbs = mb / tb[runs / 2];
	ambs = mb / ta[runs / 2];
	printf("%zu pages, %.1f MB, %zu articles; medians of %d runs (CPU)\n",
	    n, mb, found, runs);
	printf("bare htmlReadMemory: %.1f MB/s\n", bmbs);
	printf("article_extract: %.1f MB/s, ratio %.2f of the bare parse\n",
	    ambs, ambs / bmbs);
	if (ambs >= TARGET_MBS)
		printf("ok - article_extract %.1f MB/s >= %.0f MB/s per core\n",
		    ambs, TARGET_MBS);
	else
		printf("not ok - article_extract %.1f MB/s < %.0f MB/s per core "
		    "(the bare parse alone: %.1f MB/s)\n", ambs, TARGET_MBS,
		    bmbs);
	return ambs >= TARGET_MBS ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atoi(argv[3]));
	if (argc >= 4 && strcmp(argv[1], "run") == 0 && atoi(argv[2]) > 0)
		return run(atoi(argv[2]), argc - 3, argv + 3);
	fprintf(stderr, "usage: article_bench gen DIR MB | "
	    "run RUNS FILE ...\n");
	return 2;
}
