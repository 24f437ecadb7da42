/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * link_bench.c: what xmlBuildURI, which resolves every relative link of a
 * feed (parsers/feed_link.c), costs against the cheapest join there is,
 * on the relative links Atom feeds are full of ("press/12/345" against
 * "https://example.eu/en/"), with the same answers checked first.  The
 * join is the fast path feed_link.c had (simple_join), removed on these
 * figures: see build() there.
 *
 *	link_bench [RUNS [LINKS]]
 *
 * Medians of CPU time per link over RUNS runs, and their ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/uri.h>

#include "../common/common.h"
#include "bench.h"

/* A plain relative path against an absolute base; NULL for anything else. */
static char *
simple_join(const char *uri, const char *base)
{
	const char	*slash, *scheme, *c;
	char		*s;

	if (*uri == '\0' || strchr("/.?#", *uri) != NULL ||
	    strstr(uri, "/.") != NULL || strpbrk(base, "?#") != NULL ||
	    (scheme = strstr(base, "://")) == NULL ||
	    (slash = strrchr(base, '/')) < scheme + 3)
		return NULL;
	for (c = uri; *c != '\0'; c++)
		if (*c <= ' ' || *c >= 0x7f || *c == ':' || *c == '\\')
			return NULL;
	xasprintf(&s, "%.*s%s", (int)(slash - base + 1), base, uri);
	return s;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static const char *const bases[] = {
	"https://example.eu/", "https://www.example.gov/en/news/",
	"http://press.example.org/releases/2026/index.xml",
};

int
main(int argc, char *argv[])
{
	double	*fast, *full, t;
	char	**uri, *a, *b;
	int	 runs, n, r, i, bad = 0;
	size_t	 sink = 0;

	runs = argc > 1 ? atoi(argv[1]) : 7;
	n = argc > 2 ? atoi(argv[2]) : 200000;
	if (runs < 1 || n < 1) {
		fprintf(stderr, "usage: link_bench [RUNS [LINKS]]\n");
		return 2;
	}
	uri = calloc(n, sizeof(*uri));
	fast = calloc(runs, sizeof(double));
	full = calloc(runs, sizeof(double));
	if (uri == NULL || fast == NULL || full == NULL)
		return 1;
	for (i = 0; i < n; i++)
		xasprintf(&uri[i], "press/%d/%d-sanctions-item.html", i % 97,
		    i);
	/* The fast path must be a shortcut, not another answer. */
	for (i = 0; i < n; i += 97) {
		a = simple_join(uri[i], bases[i % 3]);
		b = (char *)xmlBuildURI((xmlChar *)uri[i],
		    (const xmlChar *)bases[i % 3]);
		if (a == NULL || b == NULL || strcmp(a, b) != 0) {
			printf("not ok - %s against %s: %s, xmlBuildURI %s\n",
			    uri[i], bases[i % 3], a ? a : "(none)",
			    b ? b : "(none)");
			bad = 1;
		}
		free(a);
		xmlFree(b);
	}
	for (r = 0; r < runs; r++) {
		t = bench_cpu();
		for (i = 0; i < n; i++) {
			a = simple_join(uri[i], bases[i % 3]);
			sink += strlen(a);
			free(a);
		}
		fast[r] = (bench_cpu() - t) / n;
		t = bench_cpu();
		for (i = 0; i < n; i++) {
			b = (char *)xmlBuildURI((xmlChar *)uri[i],
			    (const xmlChar *)bases[i % 3]);
			sink += strlen(b);
			xmlFree(b);
		}
		full[r] = (bench_cpu() - t) / n;
	}
	qsort(fast, runs, sizeof(double), cmp);
	qsort(full, runs, sizeof(double), cmp);
	printf("relative links: %d, %d runs, medians of CPU time (%zu)\n", n,
	    runs, sink % 10);
	printf("  xmlBuildURI   %7.1f ns a link\n", full[runs / 2] * 1e9);
	printf("  floor: join   %7.1f ns a link\n", fast[runs / 2] * 1e9);
	printf("  ratio (xmlBuildURI / join) %.1f, %.2f us more a link\n",
	    full[runs / 2] / fast[runs / 2],
	    (full[runs / 2] - fast[runs / 2]) * 1e6);
	for (i = 0; i < n; i++)
		free(uri[i]);
	free(uri);
	free(fast);
	free(full);
	return bad;
}
