/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * parse_bench.c: parsing to items against a bare libxml2 SAX pass.
 *
 *	parse_bench gen DIR MB		write about MB megabytes of feeds
 *	parse_bench run RUNS FILE ...	time both over the same bytes
 *
 * Both passes read the same in-memory bytes in the same 64 KiB chunks
 * (what sanctionctl parse reads at a time) with the same libxml2 options,
 * so the difference is what the parser adds: recognising elements,
 * capturing fields, HTML to text, dates, links, items.  The floor is the
 * bare pass, measured in the same run; we print medians and their ratio.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "../parsers/parsers.h"
#include "bench.h"

#define CHUNK	65536

struct doc {
	char	*d;
	size_t	 len;
};

static void
html_body(struct buf *b)
{
	int	 i, n = 2 + bench_rnd(4);

	for (i = 0; i < n; i++) {
		buf_adds(b, "<p>");
		bench_words(b, 10 + bench_rnd(30));
		buf_printf(b, " <a href=\"https://example.org/%lu\">more"
		    "</a>&nbsp;&mdash; <b>", bench_rnd(100000));
		bench_words(b, 3);
		buf_adds(b, "</b>.</p>\n");
	}
}

static void
gen_rss(struct buf *b, int items)
{
	int	 i;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss "
	    "version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	    "\n<channel><title>Bench news</title><link>https://example.org/"
	    "</link><description>bench</description>\n");
	for (i = 0; i < items; i++) {
		buf_adds(b, "<item><title>");
		bench_words(b, 6 + bench_rnd(8));
		buf_printf(b, "</title><link>https://example.org/news/%d/%lu"
		    "</link><guid isPermaLink=\"false\">bench-%d-%lu</guid>"
		    "<pubDate>Tue, %02lu Feb 2020 14:%02lu:00 GMT</pubDate>"
		    "<dc:creator>Press Office</dc:creator><category>Sanctions"
		    "</category><category>World</category><description>"
		    "<![CDATA[", i, bench_rnd(1000000), i, bench_rnd(1000000),
		    1 + bench_rnd(28), bench_rnd(60));
		html_body(b);
		buf_adds(b, "]]></description>");
		if (bench_rnd(3) == 0) {
			buf_adds(b, "<content:encoded><![CDATA[");
			html_body(b);
			buf_adds(b, "]]></content:encoded>");
		}
		buf_adds(b, "</item>\n");
	}
	buf_adds(b, "</channel></rss>\n");
}

static void
gen_atom(struct buf *b, int items)
{
	int	 i;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
	    "xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://"
	    "example.eu/\"><title>Bench atom</title><link href=\"/\"/>"
	    "<id>urn:bench</id><updated>2020-03-01T12:00:00Z</updated>\n");
	for (i = 0; i < items; i++) {
		buf_adds(b, "<entry><title type=\"text\">");
		bench_words(b, 6 + bench_rnd(8));
		buf_printf(b, "</title><link rel=\"alternate\" type=\"text/"
		    "html\" href=\"press/%d/%lu\"/><id>urn:bench:%d:%lu</id>"
		    "<published>2020-03-%02luT10:00:00+02:00</published>"
		    "<updated>2020-03-01T11:30:00Z</updated><author><name>Jo"
		    "</name></author><category term=\"sanctions\"/><summary "
		    "type=\"html\">", i, bench_rnd(1000000), i, bench_rnd(1000000),
		    1 + bench_rnd(28));
		bench_words(b, 20);
		buf_adds(b, " &lt;b&gt;bold&lt;/b&gt;</summary><content type="
		    "\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">");
		html_body(b);
		buf_adds(b, "</div></content></entry>\n");
	}
	buf_adds(b, "</feed>\n");
}

static int
gen(const char *dir, long mb)
{
	struct buf	 b;
	char		 path[1024];
	size_t		 total = 0;
	int		 n = 0, fd;

	mkdir(dir, 0755);
	buf_init(&b);
	while (total < (size_t)mb * 1024 * 1024) {
		buf_reset(&b);
		if (n % 3 == 2)
			gen_atom(&b, 50 + bench_rnd(100));
		else
			gen_rss(&b, 50 + bench_rnd(100));
		snprintf(path, sizeof(path), "%s/feed%04d.xml", dir, n++);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) ==
		    -1 || write(fd, b.d, b.len) != (ssize_t)b.len)
			fatal("%s", path);
		close(fd);
		total += b.len;
	}
	buf_free(&b);
	printf("%d files, %.1f MB in %s\n", n, total / 1048576.0, dir);
	return 0;
}

static void
bare_start(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u,
    int nn, const xmlChar **ns, int na, int nd, const xmlChar **a)
{
	(void)c; (void)l; (void)p; (void)u; (void)nn; (void)ns; (void)na;
	(void)nd; (void)a;
}

static void
bare_end(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u)
{
	(void)c; (void)l; (void)p; (void)u;
}

static void
bare_chars(void *c, const xmlChar *s, int len)
{
	(void)c; (void)s; (void)len;
}

static double
bare_pass(struct doc *docs, int ndocs)
{
	xmlSAXHandler		 sax;
	xmlParserCtxtPtr	 ctxt;
	double			 t0 = bench_cpu();
	size_t			 off, n;
	int			 i;

	/* ndocs is 1 from run(); kept general for other uses. */
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = bare_start;
	sax.endElementNs = bare_end;
	sax.characters = bare_chars;
	sax.cdataBlock = bare_chars;
	for (i = 0; i < ndocs; i++) {
		ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, "bench");
		xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER |
		    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		for (off = 0; off < docs[i].len; off += n) {
			n = docs[i].len - off < CHUNK ? docs[i].len - off :
			    CHUNK;
			xmlParseChunk(ctxt, docs[i].d + off, (int)n, 0);
		}
		xmlParseChunk(ctxt, NULL, 0, 1);
		xmlFreeParserCtxt(ctxt);
	}
	return bench_cpu() - t0;
}

static void
count_item(const struct feed_meta *m, const struct item *it, void *arg)
{
	(void)m;
	(void)it;
	(*(size_t *)arg)++;
}

static double
items_pass(struct doc *docs, int ndocs, size_t *nitems)
{
	struct feed_parser	*p;
	double			 t0 = bench_cpu();
	size_t			 off, n;
	int			 i;

	*nitems = 0;
	for (i = 0; i < ndocs; i++) {
		p = feed_parser_new("bench", NULL, count_item, nitems);
		for (off = 0; off < docs[i].len; off += n) {
			n = docs[i].len - off < CHUNK ? docs[i].len - off :
			    CHUNK;
			feed_parse_chunk(p, docs[i].d + off, n);
		}
		if (feed_parse_end(p) == -1)
			fatalx("bench feed %d: %s", i, feed_parser_error(p));
		feed_parser_free(p);
	}
	return bench_cpu() - t0;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
run(int runs, int nfiles, char **files)
{
	struct doc	*docs;
	struct stat	 st;
	double		*bare, *items, mb = 0, ratio;
	size_t		 nitems = 0;
	int		 i, fd;

	docs = xcalloc(nfiles, sizeof(*docs));
	for (i = 0; i < nfiles; i++) {
		if ((fd = open(files[i], O_RDONLY)) == -1 ||
		    fstat(fd, &st) == -1)
			fatal("%s", files[i]);
		docs[i].len = st.st_size;
		docs[i].d = xmalloc(st.st_size + 1);
		if (read(fd, docs[i].d, st.st_size) != st.st_size)
			fatal("%s", files[i]);
		close(fd);
		mb += st.st_size / 1048576.0;
	}
	bare = xcalloc(runs, sizeof(double));
	items = xcalloc(runs, sizeof(double));
	parsers_init();
	/*
	 * Alternate the two document by document, so that whatever else
	 * the machine is doing hits both alike.
	 */
	for (i = 0; i < runs; i++) {
		size_t	 one;
		int	 j;

		nitems = 0;
		for (j = 0; j < nfiles; j++) {
			bare[i] += bare_pass(&docs[j], 1);
			items[i] += items_pass(&docs[j], 1, &one);
			nitems += one;
		}
	}
	qsort(bare, runs, sizeof(double), cmp);
	qsort(items, runs, sizeof(double), cmp);
	printf("corpus: %d files, %.1f MB, %zu items; %d runs, medians of CPU time\n",
	    nfiles, mb, nitems, runs);
	printf("bare libxml2 SAX pass: %.3f s (%.1f MB/s)\n",
	    bare[runs / 2], mb / bare[runs / 2]);
	printf("parse to items:        %.3f s (%.1f MB/s)\n",
	    items[runs / 2], mb / items[runs / 2]);
	ratio = bare[runs / 2] / items[runs / 2];
	printf("ratio (items speed / bare SAX speed): %.2f (target >= 0.50)"
	    "\n", ratio);
	for (i = 0; i < nfiles; i++)
		free(docs[i].d);
	free(docs);
	free(bare);
	free(items);
	text_cleanup();
	return ratio >= 0.5 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], strtol(argv[3], NULL, 10));
	if (argc >= 4 && strcmp(argv[1], "run") == 0)
		return run((int)strtol(argv[2], NULL, 10), argc - 3, argv + 3);
	fprintf(stderr, "usage: parse_bench gen DIR MB | run RUNS FILE ...\n");
	return 2;
}
