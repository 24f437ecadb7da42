/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_jsonw.c: the direct JSON writer (daemon/json.c jw_*, event.c
 * event_item_text) gives the very bytes of jansson's tree dumped by
 * json_line(): over every item of the feed fuzz corpus, the regress inputs
 * and tests/data/feeds, classified, as revisions 1 and 2, and over hostile
 * strings (control bytes, quotes, bad UTF-8, surrogates) and odd numbers.
 */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static struct classifier	*cls;
static long			 nitems, ndiff;
static char			 first[256];

/* Both writers on one item; counts the items that differ. */
static void
compare(const struct feed_meta *m, const struct item *it,
    const struct sanctions *s, int64_t rev, const char *pub,
    const char *feed, const char *where)
{
	json_t		*o;
	char		*want, *got, *w2, *g2;
	struct buf	 b;
	int		 try;

	/* "ts" is the clock's: once more if a second ticked in between. */
	for (try = 0;; try++) {
		o = event_item_json(pub, 42, feed, m, it, s, rev);
		want = json_line(o);
		json_decref(o);
		got = event_item_text(pub, 42, feed, m, it, s, rev);
		if (try == 1 || strcmp(want, got) == 0)
			break;
		free(want);
		free(got);
	}
	o = item_json(m, it, s);
	w2 = json_line(o);
	json_decref(o);
	buf_init(&b);
	item_json_write(&b, m, it, s);
	g2 = buf_release(&b);
	nitems++;
	if (strcmp(want, got) != 0 || strcmp(w2, g2) != 0) {
		if (ndiff++ == 0) {
			snprintf(first, sizeof(first), "%s", where);
			printf("#   jansson: %s\n#   direct:  %s\n", want, got);
			printf("#   jansson: %s\n#   direct:  %s\n", w2, g2);
		}
	}
	free(want);
	free(got);
	free(w2);
	free(g2);
}

static const char	*cur;

static void
on_item(const struct feed_meta *m, const struct item *it, void *arg)
{
	struct sanctions	 s;

	(void)arg;
	sanctions_init(&s);
	if (it != NULL)
		classify(cls, it, &s);
	compare(m, it, it ? &s : NULL, 1, "0123456789abcdef", "feed", cur);
	compare(m, it, &s, 2, "0123456789abcdef", "f\"e\x01", cur);
	sanctions_free(&s);
}

static void
parse_file(const char *path)
{
	struct feed_parser	*p;
	char			 buf[8192];
	ssize_t			 n;
	int			 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return;
	cur = path;
	p = feed_parser_new(path, NULL, on_item, NULL);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		feed_parse_chunk(p, buf, n);
	feed_parse_end(p);
	feed_parser_free(p);
	close(fd);
}

static int
parse_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[8192];
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		parse_file(path);
		n++;
	}
	closedir(d);
	return n;
}

static void
test_corpus(void)
{
	const char	*top = getenv("TOP") ? getenv("TOP") : ".";
	static const char *dirs[] = { "fuzz/corpus/fuzz_feed",
	    "fuzz/regress/fuzz_feed", "tests/data/feeds" };
	char		 dir[4096];
	size_t		 i;
	int		 files = 0;

	nitems = ndiff = 0;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", top, dirs[i]);
		files += parse_dir(dir);
	}
	t_ok(files >= 30 && nitems >= 60, "corpus read: %d files, %ld "
	    "writes", files, nitems);
	if (!t_ok(ndiff == 0, "corpus: direct writer == jansson (%ld of %ld "
	    "differ)", ndiff, nitems))
		printf("#   first in %s\n", first);
}

/* Every byte, alone and in company, in every kind of field. */
static void
test_hostile(void)
{
	static const char *odd[] = { "", "plain", "q\"uo\\te/", "\x7f",
	    "tab\there\nnl\r\b\f\x01\x1f", "caf\xc3\xa9 \xe2\x80\xa8",
	    "\xf0\x9f\x98\x80", "bad \xff", "\xc0\xaf", "\xed\xa0\x80",
	    "\xf4\x90\x80\x80", "\xe0\x80\x80", "cut \xe2\x82", "\xc2",
	    "\xf5\x80\x80\x80", "\xef\xbf\xbf" };
	static const double scores[] = { 0, 1, 0.947, -0.5, 1e-7, 1.5e-300,
	    123456789.0, 1e21, 100, 0.1, 2.0 / 3, 1e100, -0.0, NAN, INFINITY };
	struct feed_meta	 m;
	struct item		 it;
	struct sanctions	 s;
	struct enclosure	 en[2];
	char			 one[2] = { 0, 0 }, url[] = "http://x/";
	char			 sum[] = "s", u[] = "u", *w;
	size_t			 i, j, nodd = sizeof(odd) / sizeof(odd[0]);

	nitems = ndiff = 0;
	for (i = 0; i < nodd + 255; i++) {
		const char *v = i < nodd ? odd[i] : one;

		if (i >= nodd)
			one[0] = (char)(i - nodd + 1);
		w = xstrdup(v);		/* the item's fields are not const */
		memset(&m, 0, sizeof(m));
		m.title = w;
		m.url = url;
		item_init(&it);
		it.id = it.title = it.link = it.author = w;
		it.summary = sum;
		it.content = w;
		if (i % 4 == 0) {		/* a fetched article, or none */
			it.article_url = i % 8 ? w : NULL;
			it.article_status = sum;
			it.article_text = i % 3 ? w : NULL;
		}
		it.published = i % 2 ? DATE_NONE : (int64_t)i * 86400 * 97;
		it.updated = 1700000000;
		en[0].url = w;
		en[0].type = NULL;
		en[0].length = (long long)i - 3;
		en[1].url = u;
		en[1].type = w;
		en[1].length = -1;
		it.enclosures = en;
		it.nenclosures = i % 3;
		sanctions_init(&s);
		strlist_add(&s.authorities, v);
		strlist_add(&s.authorities, "US");
		strlist_add(&it.categories, v);
		strlist_add(&s.named, v);
		strlist_add(&s.evidence, v);
		s.relevant = i % 2;
		s.announcement = i % 3 == 0;
		s.score = scores[i % (sizeof(scores) / sizeof(scores[0]))];
		s.count = i % 4 ? (long long)i : -1;
		s.duration = i % 5 ? NULL : xstrdup(v);
		for (j = 0; j < 3; j++)
			compare(j == 2 ? NULL : &m, j == 1 ? NULL : &it, &s,
			    (int64_t)j + 1, j ? v : "pub", j ? v : NULL, v);
		strlist_free(&it.categories);
		sanctions_free(&s);
		free(w);
	}
	t_ok(ndiff == 0, "hostile strings and numbers: direct writer == "
	    "jansson (%ld of %ld differ)", ndiff, nitems);
}

/*
 * Every score classify() can give, round(p * 1000) / 1000, and its
 * neighbours: jw_real()'s thousandths path writes what jansson's "%.6g"
 * does.
 */
static void
test_scores(void)
{
	struct feed_meta	 m;
	struct item		 it;
	struct sanctions	 s;
	char			 t[] = "t", url[] = "http://x/";
	double			 v;
	int			 k, d;

	nitems = ndiff = 0;
	memset(&m, 0, sizeof(m));
	m.url = url;
	item_init(&it);
	it.id = it.title = t;
	for (k = 0; k <= 1000; k++)
		for (d = -1; d <= 1; d++) {
			v = round(k / 1000.0 * 1000) / 1000;
			if (d != 0)
				v = nextafter(v, d * 2.0);
			sanctions_init(&s);
			s.score = v;
			compare(&m, &it, &s, 1, "pub", "f", "score");
			sanctions_free(&s);
		}
	t_ok(ndiff == 0, "scores 0.000 to 1.000 and their neighbours: direct "
	    "writer == jansson (%ld of %ld differ)", ndiff, nitems);
}

/*
 * Keys of every length from none to past jw_key()'s 60-byte fast path,
 * first and second in an object and after an array's first object: the
 * long-key fallback writes what the fast path and jansson do.
 */
static void
test_keys(void)
{
	struct buf	 b;
	json_t		*arr, *o;
	char		 k[130], k2[131], *want;
	size_t		 n, i, bad = 0;

	for (n = 0; n < sizeof(k) - 1; n++) {
		for (i = 0; i < n; i++)
			k[i] = (char)('a' + i % 26);
		k[n] = '\0';
		snprintf(k2, sizeof(k2), "%sz", k);
		buf_init(&b);
		buf_addc(&b, '[');
		for (i = 0; i < 2; i++) {
			if (i > 0)
				buf_addc(&b, ',');
			buf_addc(&b, '{');
			jw_int(&b, k, (long long)n);
			jw_str(&b, k2, "v");
			buf_addc(&b, '}');
		}
		buf_addc(&b, ']');
		arr = json_array();
		for (i = 0; i < 2; i++) {
			o = json_object();
			json_object_set_new(o, k, json_integer((json_int_t)n));
			json_object_set_new(o, k2, json_string("v"));
			json_array_append_new(arr, o);
		}
		want = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (want == NULL || b.len != strlen(want) ||
		    memcmp(b.d, want, b.len) != 0) {
			if (bad++ == 0)
				printf("#   key of %zu bytes: %.*s\n#   jansson: "
				    "%s\n", n, (int)b.len, b.d, want);
		}
		free(want);
		json_decref(arr);
		buf_free(&b);
	}
	t_ok(bad == 0, "keys of 0 to %zu bytes, fast path and fallback: "
	    "direct writer == jansson (%zu differ)", sizeof(k) - 2, bad);
}

/*
 * Strings of plain runs, quotes, backslashes, controls, DEL and UTF-8 (good
 * and bad) at every offset and length, so that jw_quote()'s 8- or 16-byte
 * steps start and end everywhere: the bytes jansson writes, or the member
 * left out where jansson refuses the string.
 */
static void
test_runs(void)
{
	static const char *const pieces[] = {
		"\"", "\\", "\n", "\x01", "\x1f", "\x7f", " ", "/",
		"\xe2\x80\x99", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xff",
		"\xed\xa0\x80"
	};
	struct buf	 b;
	json_t		*o;
	char		 in[512], *want;
	unsigned int	 r = 14;
	size_t		 i, bad = 0;

	for (i = 0; i < 20000; i++) {
		(void)t_random_text(in, &r, "abc", pieces,
		    sizeof(pieces) / sizeof(pieces[0]));
		buf_init(&b);
		buf_addc(&b, '{');
		jw_str(&b, "k", in);
		buf_addc(&b, '}');
		o = json_object();
		json_object_set_new(o, "k", json_string(in));
		want = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (want == NULL || strcmp(b.d, want) != 0) {
			if (bad++ == 0)
				printf("#   direct:  %s\n#   jansson: %s\n",
				    b.d, want);
		}
		free(want);
		json_decref(o);
		buf_free(&b);
	}
	t_ok(bad == 0, "20000 mixed strings: direct writer == jansson "
	    "(%zu differ)", bad);
}

int
main(void)
{
	char	*err = NULL;

	if ((cls = classifier_load(NULL, &err)) == NULL) {
		t_ok(0, "classifier loads: %s", err);
		free(err);
		return t_done();
	}
	test_corpus();
	test_hostile();
	test_scores();
	test_keys();
	test_runs();
	classifier_free(cls);
	return t_done();
}
