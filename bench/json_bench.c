/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * json_bench.c: an item event's text, built as a jansson tree and dumped
 * (json_line(event_item_json())) against written directly
 * (event_item_text()), over the items of FILE ...: the gain of the direct
 * writer on the daemon's hot path (issue 14).  tests/unit/test_jsonw.c
 * proves the bytes the same.
 *
 *   json_bench RUNS FILE ...
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "../daemon/daemon.h"
#include "bench.h"

struct kept {
	struct feed_meta	 m;
	struct item		 it;
	struct sanctions	 s;
};

static struct kept		*v;
static size_t			 n, cap;
static struct classifier	*cls;

static void
keep(const struct feed_meta *m, const struct item *it, void *arg)
{
	struct kept	*k;

	(void)arg;
	if (n == cap) {
		cap = cap ? cap * 2 : 1024;
		v = xreallocarray(v, cap, sizeof(*v));
	}
	k = &v[n++];
	memset(&k->m, 0, sizeof(k->m));
	k->m.title = m->title ? xstrdup(m->title) : NULL;
	k->m.link = m->link ? xstrdup(m->link) : NULL;
	k->m.url = m->url ? xstrdup(m->url) : NULL;
	item_copy(&k->it, it);
	sanctions_init(&k->s);
	classify(cls, &k->it, &k->s);
}

static void
load(const char *path)
{
	struct feed_parser	*p;
	char			 buf[65536];
	ssize_t			 r;
	int			 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		fatal("%s", path);
	p = feed_parser_new(path, NULL, keep, NULL);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		feed_parse_chunk(p, buf, r);
	feed_parse_end(p);
	feed_parser_free(p);
	close(fd);
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	double	 tj[32], td[32], t;
	size_t	 i, bytes = 0;
	char	*s, *err = NULL;
	json_t	*o;
	int	 r, runs, f;

	if (argc < 3 || (runs = atoi(argv[1])) < 1 || runs > 32) {
		fprintf(stderr, "usage: json_bench RUNS FILE ...\n");
		return 2;
	}
	if ((cls = classifier_load(NULL, &err)) == NULL)
		fatalx("classifier: %s", err);
	for (f = 2; f < argc; f++)
		load(argv[f]);
	for (r = 0; r < runs; r++) {
		t = bench_wall();
		for (i = 0; i < n; i++) {
			o = event_item_json("0123456789abcdef0123456789abcdef",
			    (int64_t)i + 1, "feed", &v[i].m, &v[i].it, &v[i].s, 1);
			s = json_line(o);
			bytes += strlen(s);
			free(s);
			json_decref(o);
		}
		tj[r] = bench_wall() - t;
		t = bench_wall();
		for (i = 0; i < n; i++) {
			s = event_item_text("0123456789abcdef0123456789abcdef",
			    (int64_t)i + 1, "feed", &v[i].m, &v[i].it, &v[i].s, 1);
			bytes += strlen(s);
			free(s);
		}
		td[r] = bench_wall() - t;
	}
	qsort(tj, runs, sizeof(*tj), cmp);
	qsort(td, runs, sizeof(*td), cmp);
	printf("json: %zu item events (%.1f MB of JSON), medians of %d: "
	    "jansson tree + dump %.3f s, direct writer %.3f s: %.1fx faster\n",
	    n, bytes / 2.0 / runs / 1e6, runs, tj[runs / 2], td[runs / 2],
	    tj[runs / 2] / td[runs / 2]);
	return 0;
}
