/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_feed.c: the push parser over every format, field, encoding, and the
 * ill-formed and hostile documents in tests/data/feeds/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../parsers/parsers.h"
#include "../test.h"

#define MAXITEMS	8

/* What the callback saw, flattened to one string per item. */
struct seen {
	char	*item[MAXITEMS];
	char	*meta_title;		/* the meta as of the first item */
	size_t	 n;
	size_t	 total;
	size_t	 longest;		/* longest title, for caps */
};

struct result {
	struct seen	 s;
	int		 rv, is_feed;
	size_t		 nitems;
	char		*error;
	char		*title, *link;
	long long	 ttl;
};

static void
add_kv(struct buf *b, const char *k, const char *v)
{
	if (v != NULL)
		buf_printf(b, "%s=%s|", k, v);
}

static void
collect(const struct feed_meta *m, const struct item *it, void *arg)
{
	struct seen	*s = arg;
	struct buf	 b;
	char		 d[64];
	size_t		 i;

	s->total++;
	if (it->title != NULL && strlen(it->title) > s->longest)
		s->longest = strlen(it->title);
	if (s->n >= MAXITEMS)
		return;
	if (s->n == 0 && m->title != NULL)
		s->meta_title = strdup(m->title);
	buf_init(&b);
	add_kv(&b, "id", it->id);
	add_kv(&b, "title", it->title);
	add_kv(&b, "link", it->link);
	add_kv(&b, "author", it->author);
	add_kv(&b, "summary", it->summary);
	add_kv(&b, "content", it->content);
	if (it->published != DATE_NONE) {
		date_format(it->published, d, sizeof(d));
		add_kv(&b, "published", d);
	}
	if (it->updated != DATE_NONE) {
		date_format(it->updated, d, sizeof(d));
		add_kv(&b, "updated", d);
	}
	for (i = 0; i < it->categories.n; i++)
		add_kv(&b, "cat", it->categories.v[i]);
	for (i = 0; i < it->nenclosures; i++)
		buf_printf(&b, "enc=%s %s %lld|", it->enclosures[i].url,
		    it->enclosures[i].type ? it->enclosures[i].type : "-",
		    it->enclosures[i].length);
	s->item[s->n++] = buf_release(&b);
}

static void
parse_mem(struct result *r, const char *data, size_t len, size_t chunk,
    const char *url, const char *charset)
{
	struct feed_parser	*p;
	const struct feed_meta	*m;
	size_t			 i, n;

	memset(r, 0, sizeof(*r));
	p = feed_parser_new(url, charset, collect, &r->s);
	for (i = 0; i < len; i += n) {
		n = len - i < chunk ? len - i : chunk;
		feed_parse_chunk(p, data + i, n);
	}
	r->rv = feed_parse_end(p);
	r->is_feed = feed_parser_is_feed(p);
	r->nitems = feed_parser_nitems(p);
	r->error = feed_parser_error(p) ? strdup(feed_parser_error(p)) : NULL;
	m = feed_parser_meta(p);
	r->title = m->title ? strdup(m->title) : NULL;
	r->link = m->link ? strdup(m->link) : NULL;
	r->ttl = m->ttl;
	feed_parser_free(p);
}

static char *
slurp(const char *name, size_t *len)
{
	char	 path[512], *d;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof(path), "%s/tests/data/feeds/%s",
	    getenv("TOP") ? getenv("TOP") : ".", name);
	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	d = malloc(n + 1);
	if (fread(d, 1, n, f) != (size_t)n)
		exit(1);
	d[n] = '\0';
	fclose(f);
	*len = n;
	return d;
}

static void
parse_file(struct result *r, const char *name, size_t chunk)
{
	char	*d;
	size_t	 len;

	d = slurp(name, &len);
	parse_mem(r, d, len, chunk, name, NULL);
	free(d);
}

static void
result_free(struct result *r)
{
	size_t	 i;

	for (i = 0; i < r->s.n; i++)
		free(r->s.item[i]);
	free(r->s.meta_title);
	free(r->error);
	free(r->title);
	free(r->link);
}

static void
seen_free(struct seen *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->item[i]);
	free(s->meta_title);
}

static int
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static void
test_rss20(void)
{
	struct result	 r;

	parse_file(&r, "rss20.xml", 4096);
	t_ok(r.rv == 0 && r.is_feed && r.error == NULL, "RSS 2.0 parses "
	    "cleanly");
	t_inteq(r.nitems, 4, "RSS 2.0: four items");
	t_streq(r.title, "Treasury & Sanctions News", "RSS 2.0 channel title");
	t_streq(r.link, "https://example.gov/news/", "RSS 2.0 channel link");
	t_inteq(r.ttl, 1800, "RSS 2.0 ttl in seconds");
	t_streq(r.s.meta_title, "Treasury & Sanctions News",
	    "the callback sees the meta read so far");
	t_streq(r.s.item[0], "id=sb0001|title=Treasury Sanctions Network "
	    "Evading Export Controls|link=https://example.gov/news/"
	    "press-releases/sb0001|author=press@example.gov (Press Office)|"
	    "summary=The Department designated 13 entities today.|"
	    "content=Full text, with a link.|published=2020-02-25T14:03:00Z|"
	    "cat=Sanctions|cat=Russia|enc=https://example.gov/media/"
	    "sb0001.pdf application/pdf 12345|",
	    "RSS 2.0 item: every field");
	t_streq(r.s.item[1], "id=https://example.gov/news/2|title=Permalink "
	    "guid only|link=https://example.gov/news/2|author=Jane Doe|"
	    "summary=Plain & double-escaped markup|"
	    "updated=2020-02-26T08:00:00Z|cat=Iran|",
	    "a permalink guid is the link; dc:date, dc:creator, dc:subject");
	t_streq(r.s.item[2], "id=https://example.gov/news/3|title=Relative "
	    "link|link=https://example.gov/news/3|",
	    "a relative link resolves against the channel link");
	t_ok(r.s.item[3] && strncmp(r.s.item[3], "id=urn:sanctiond:", 17) ==
	    0, "an item with no guid or link gets a derived id");
	result_free(&r);
}

static void
test_atom10(void)
{
	struct result	 r;

	parse_file(&r, "atom10.xml", 4096);
	t_ok(r.rv == 0 && r.nitems == 2, "Atom 1.0 parses cleanly");
	t_streq(r.title, "Council press", "Atom feed title, type=html");
	t_streq(r.link, "https://eu.example.org/press/index.html",
	    "Atom feed alternate link resolved against xml:base");
	t_streq(r.s.item[0], "id=tag:eu.example.org,2020:1|title=Sanctions: "
	    "1 < 2 & the Council|link=https://eu.example.org/press/2020/03/"
	    "01/sanctions|author=Jo Smith (jo@example.org)|summary=The "
	    "Council extended measures.|content=First para. Second para.|"
	    "published=2020-03-01T08:00:00Z|updated=2020-03-01T11:30:00Z|"
	    "cat=sanctions|cat=Label only|enc=https://eu.example.org/press/"
	    "audio.mp3 audio/mpeg 1337|",
	    "Atom entry: every field, text stays text, xhtml content, "
	    "source ignored");
	t_streq(r.s.item[1], "id=tag:eu.example.org,2020:2|title=Inherited "
	    "author|link=https://other.example.net/a/c|author=Council Press "
	    "Office|content=Text <not markup> stays.|"
	    "updated=2020-03-02T00:00:00Z|",
	    "entry xml:base, feed author inherited, type=text keeps <");
	result_free(&r);
}

static void
test_rss10(void)
{
	struct result	 r;

	parse_file(&r, "rss10.xml", 4096);
	t_ok(r.rv == 0 && r.nitems == 2, "RSS 1.0 parses cleanly");
	t_streq(r.title, "UN Security Council", "RSS 1.0 channel title");
	t_streq(r.s.item[0], "id=https://un.example.int/sc/1|title=Security "
	    "Council renews arms embargo|link=https://un.example.int/sc/1."
	    "html|author=UN Press|summary=The Council renewed the embargo "
	    "for a year.|updated=2021-05-27T19:00:00Z|",
	    "RSS 1.0 item: rdf:about is the id");
	t_streq(r.s.item[1], "id=https://un.example.int/sc/2|title=Second|",
	    "RSS 1.0 item with a title only");
	result_free(&r);
}

static void
test_others(void)
{
	struct result	 r;

	parse_file(&r, "atom03.xml", 4096);
	t_streq(r.s.item[0], "id=tag:old.example.com,2004:1|title=Atom 0.3 "
	    "entry|link=http://old.example.com/1|author=Old Author|summary="
	    "Summary|content=Escaped HTML|published=2004-01-01T15:00:00Z|"
	    "updated=2004-01-01T16:00:00Z|",
	    "Atom 0.3: issued, modified, escaped mode, base64 skipped");
	result_free(&r);
	parse_file(&r, "atom03_base64.xml", 4096);
	t_streq(r.s.item[0], "id=tag:b64,1|title=Sanctions lifted|content="
	    "Decoded HTML|", "Atom 0.3 base64 text and HTML decoded, binary "
	    "dropped");
	result_free(&r);
	parse_file(&r, "rss091.xml", 4096);
	t_streq(r.s.item[0], "id=http://ninety.example.com/1|title=Caf\xc3\xa9"
	    " story|link=http://ninety.example.com/1|summary=A story|",
	    "RSS 0.91 with its DTD unread and HTML entities decoded");
	result_free(&r);
	parse_file(&r, "quirks.xml", 4096);
	t_streq(r.link, "https://quirks.example.com/",
	    "atom:link in an RSS channel, userland namespace");
	t_streq(r.s.item[0], "id=https://quirks.example.com/not-a-link|"
	    "title=Media title only|link=https://quirks.example.com/"
	    "atom-link|content=XHTML body second|published=2020-01-02T00:00:"
	    "00Z|updated=2020-01-02T03:04:05Z|",
	    "atom:link, media:title, xhtml:body, dcterms, foreign title "
	    "ignored");
	t_streq(r.s.item[1], "id=urn:x:1|title=No link, non-permalink guid|"
	    "summary=Text with a literal < sign & an & entity|",
	    "isPermaLink=false is not a link");
	t_streq(r.s.item[2], "id=https://base.example.org/dir/page.html|"
	    "title=xml:base on the item|link=https://base.example.org/dir/"
	    "page.html|enc=https://base.example.org/file.mp3 audio/mpeg 99|",
	    "xml:base on the item resolves link and enclosure");
	result_free(&r);
	parse_file(&r, "entry.xml", 4096);
	t_ok(r.is_feed && r.nitems == 1 && contains(r.s.item[0],
	    "title=Lone entry"), "an Atom entry document is one item");
	result_free(&r);
	parse_file(&r, "atom_nons.xml", 4096);
	t_streq(r.s.item[0], "id=x1|title=e1|link=http://a/1|updated=2020-01-"
	    "01T00:00:00Z|", "Atom without its namespace is read as Atom");
	result_free(&r);
	parse_file(&r, "rss_oddns.xml", 4096);
	t_streq(r.s.item[0], "id=http://a/2|title=i1|link=http://a/2|",
	    "RSS in an odd default namespace is read as RSS");
	result_free(&r);
	parse_file(&r, "empty_channel.xml", 4096);
	t_ok(r.rv == 0 && r.is_feed && r.nitems == 0, "an itemless feed is "
	    "a feed with no items");
	t_streq(r.title, "Nothing yet", "and its title is known");
	result_free(&r);
}

/* Any chunking gives the same items: bytes arrive as they please. */
static void
test_chunks(void)
{
	static const char *const files[] = { "rss20.xml", "atom10.xml",
	    "rss10.xml", "entities.xml", "utf16.xml" };
	struct result	 whole, bytes;
	size_t		 i, j;
	int		 same;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		parse_file(&whole, files[i], 1 << 20);
		parse_file(&bytes, files[i], 1);
		same = whole.nitems == bytes.nitems && whole.s.n == bytes.s.n;
		for (j = 0; same && j < whole.s.n; j++)
			same = strcmp(whole.s.item[j], bytes.s.item[j]) == 0;
		t_ok(same && whole.nitems > 0, "%s: byte-by-byte equals whole",
		    files[i]);
		result_free(&whole);
		result_free(&bytes);
	}
}

static void
test_encodings(void)
{
	struct result	 r;
	const char	*latin = "<rss><channel><item><title>caf\xe9</title>"
	    "</item></channel></rss>";

	parse_file(&r, "latin1.xml", 7);
	t_ok(contains(r.s.item[0], "title=R\xc3\xa9sum\xc3\xa9 \xc2\xa9|") &&
	    contains(r.title, "Caf\xc3\xa9"), "ISO-8859-1 comes out as UTF-8");
	result_free(&r);
	parse_file(&r, "cp1252.xml", 7);
	t_ok(contains(r.s.item[0], "\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x82"
	    "\xac" "100 \xe2\x80\x94 dash"), "windows-1252 comes out as UTF-8");
	result_free(&r);
	parse_file(&r, "utf16.xml", 3);
	t_ok(contains(r.s.item[0], "title=\xc3\xbc" "ber \xe2\x82\xac|") &&
	    contains(r.title, "Sixteen"), "UTF-16 with a BOM");
	result_free(&r);
	parse_file(&r, "utf8bom.xml", 1);
	t_ok(r.rv == 0 && contains(r.title, "BOM"), "UTF-8 with a BOM");
	result_free(&r);
	parse_file(&r, "badutf8.xml", 4096);
	t_ok(r.nitems == 1 && contains(r.s.item[0], "\xef\xbf\xbd") &&
	    r.error != NULL, "invalid UTF-8 is replaced and reported");
	result_free(&r);
	parse_mem(&r, latin, strlen(latin), 5, "mem", "ISO-8859-1");
	t_ok(contains(r.s.item[0], "title=caf\xc3\xa9|"),
	    "the caller's charset decodes an undeclared document");
	result_free(&r);
}

static void
test_entities(void)
{
	struct result	 r;

	parse_file(&r, "entities.xml", 4096);
	t_ok(r.rv == 0 && r.error == NULL, "undeclared HTML entities are no "
	    "error");
	t_streq(r.title, "Caf\xc3\xa9 \xe2\x80\x94 news",
	    "HTML entities in the channel title");
	t_streq(r.s.item[0], "id=https://example.org/a?b=1&c=2|title="
	    "Undeclared HTML \xc3\xa9ntities \xe2\x80\xa6 \xe2\x80\x99s "
	    "&unknownthing; end|link=https://example.org/a?b=1&c=2|cat=Pol"
	    "\xc3\xadtica|enc=https://example.org/f\xc3\xa9.mp3?x=1&y=2 "
	    "audio/mpeg -1|", "entities in text and in attributes");
	result_free(&r);
	parse_file(&r, "declared.xml", 4096);
	t_streq(r.title, "Office of Foreign Assets Control (OFAC)",
	    "declared entities expand, nested");
	t_ok(contains(r.s.item[0], "title=Office of Foreign Assets Control "
	    "acts|"), "declared entities in items");
	result_free(&r);
}

static void
test_messy(void)
{
	struct result	 r;

	parse_file(&r, "bare_amp.xml", 4096);
	t_ok(r.is_feed && r.nitems == 3 && r.error != NULL,
	    "unescaped &: every item read, the error reported");
	t_streq(r.title, "Q&A", "unescaped &: the text keeps it");
	t_streq(r.s.item[0], "id=https://example.org/?a=1&b=2|title=first|"
	    "link=https://example.org/?a=1&b=2|",
	    "unescaped & in a link: the link stays whole");
	t_ok(contains(r.s.item[1], "title=AT&T sanctions|"),
	    "unescaped & in a title");
	result_free(&r);
	parse_file(&r, "bare_amp_attr.xml", 3);
	t_streq(r.s.item[0], "id=urn:1|title=one|link=https://e.org/view?a=1&"
	    "b=2&c=3|enc=https://e.org/a.mp3?x=1&y=2 audio/mpeg 7|",
	    "unescaped & in attributes: read again from the start tag");
	result_free(&r);
	parse_file(&r, "bare_amp.xml", 1);
	t_ok(r.nitems == 3 && contains(r.s.item[1], "title=AT&T sanctions|"),
	    "unescaped &, fed byte by byte");
	result_free(&r);
	parse_file(&r, "junk_after.xml", 4096);
	t_ok(r.nitems == 2 && contains(r.error, "line 5"),
	    "junk after the root: items read, error names the line");
	result_free(&r);
	parse_file(&r, "truncated.xml", 4096);
	t_ok(r.nitems == 2 && contains(r.error, "ends early"),
	    "a truncated document: the complete items, and why");
	result_free(&r);
}

static void
test_not_feeds(void)
{
	static const struct {
		const char	*file, *msg;
	} cases[] = {
		{ "notfeed_html.xml", "not a feed: an HTML page" },
		{ "notfeed_xml.xml", "not a feed: the root element is <config>" },
		{ "empty.xml", "not a feed: empty document" },
		{ "notfeed_text.xml", "not a feed: not XML" },
	};
	struct result	 r;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_file(&r, cases[i].file, 4096);
		t_ok(!r.is_feed && r.nitems == 0 && r.rv == -1 &&
		    contains(r.error, cases[i].msg), "%s: %s", cases[i].file,
		    r.error ? r.error : "(no error)");
		result_free(&r);
	}
}

static void
test_hostile(void)
{
	struct result	 r;
	size_t		 i;

	parse_file(&r, "laughs.xml", 4096);
	t_ok(r.nitems == 1 && contains(r.error, "entity expansion exceeds"),
	    "billion laughs stops with a clear error");
	result_free(&r);
	parse_file(&r, "quadratic.xml", 4096);
	t_ok(r.error != NULL && r.s.longest <= 1024 * 1024,
	    "quadratic blowup is capped");
	result_free(&r);
	parse_file(&r, "xxe.xml", 4096);
	for (i = 0; i < r.s.n; i++)
		if (contains(r.s.item[i], "root:") ||
		    contains(r.s.item[i], "/bin/"))
			break;
	t_ok(r.nitems == 1 && i == r.s.n, "XXE: the local file is not read");
	result_free(&r);
	parse_file(&r, "xxe_dtd.xml", 4096);
	t_ok(r.nitems == 1, "an external DTD is not loaded");
	result_free(&r);
}

/* Documents too big to commit are made here. */
static void
test_caps(void)
{
	struct result	 r;
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_adds(&b, "<rss><channel><item><title>");
	for (i = 0; i < 50 * 1024 * 1024 / 64; i++)
		buf_adds(&b, "sanctions sanctions sanctions sanctions sanc"
		    "tions sanctions s");
	buf_adds(&b, "</title></item></channel></rss>");
	parse_mem(&r, b.d, b.len, 65536, "big", NULL);
	t_ok(r.error != NULL && r.s.longest <= 1024 * 1024,
	    "a 50 MB text node: cut, bounded, reported (%s)",
	    r.error ? r.error : "-");
	result_free(&r);

	buf_reset(&b);
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "<x>");
	parse_mem(&r, b.d, b.len, 65536, "deep", NULL);
	t_ok(!r.is_feed && r.error != NULL, "5000 nested elements: refused");
	result_free(&r);

	buf_reset(&b);
	buf_adds(&b, "<rss><channel><item><description>");
	for (i = 0; i < 500; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "</description></item></channel></rss>");
	parse_mem(&r, b.d, b.len, 65536, "deep2", NULL);
	t_ok(r.is_feed && contains(r.error, "deep"),
	    "deep markup inside a feed: stopped at the depth cap (%s)",
	    r.error ? r.error : "-");
	result_free(&r);

	buf_reset(&b);
	buf_adds(&b, "<rss><channel>");
	for (i = 0; i < 20010; i++)
		buf_adds(&b, "<item><title>t</title></item>");
	buf_adds(&b, "</channel></rss>");
	parse_mem(&r, b.d, b.len, 65536, "many", NULL);
	t_ok(r.s.total == 20000 && contains(r.error, "items"),
	    "more than 20000 items: stopped at the cap");
	result_free(&r);
	buf_free(&b);
}

/* A feed of n items, each with body in its title, around prolog/epilog. */
static void
items_doc(struct buf *b, size_t n, const char *body)
{
	size_t	 i;

	buf_reset(b);
	buf_adds(b, "<rss><channel><title>c</title>");
	for (i = 0; i < n; i++)
		buf_printf(b, "<item><guid>%zu</guid><title>%s</title></item>",
		    i, body);
	buf_adds(b, "</channel></rss>");
}

/*
 * Recoverable errors leave a usable feed (rv 1, a warning), fatal ones
 * none (rv -1).  The daemon keeps a feed ok on the first, fails it on
 * the second.
 */
static void
test_error_kinds(void)
{
	static const struct {
		const char	*file;
		int		 rv;
	} files[] = {
		{ "rss20.xml", 0 },
		{ "bare_amp.xml", 1 },
		{ "bare_amp_attr.xml", 1 },
		{ "junk_after.xml", 1 },
		{ "truncated.xml", -1 },
		{ "laughs.xml", -1 },
		{ "badutf8.xml", 1 },	/* read, bad bytes replaced */
		{ "notfeed_html.xml", -1 },
		{ "notfeed_text.xml", -1 },
		{ "empty.xml", -1 },
	};
	struct result	 r;
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		parse_file(&r, files[i].file, 4096);
		t_ok(r.rv == files[i].rv, "%s: %s (rv %d)", files[i].file,
		    files[i].rv == 1 ? "recoverable" : files[i].rv == 0 ?
		    "clean" : "fatal", r.rv);
		result_free(&r);
	}
	buf_init(&b);
	items_doc(&b, 3, "nul &#0; here");
	parse_mem(&r, b.d, b.len, 7, "nul", NULL);
	t_ok(r.rv == 1 && r.nitems == 3 && r.error != NULL,
	    "&#0;: recoverable, every item read (%s)", r.error ? r.error : "-");
	result_free(&r);
	items_doc(&b, 3, "Q & A");
	parse_mem(&r, b.d, b.len, 4096, "amp", NULL);
	t_ok(r.rv == 1 && r.nitems == 3 && contains(r.s.item[2], "Q & A"),
	    "a bare &: recoverable, every item read (%s)",
	    r.error ? r.error : "-");
	result_free(&r);
	items_doc(&b, 20000, "t");
	parse_mem(&r, b.d, b.len, 65536, "exactly", NULL);
	t_ok(r.rv == 0 && r.nitems == 20000 && r.error == NULL,
	    "exactly 20000 items: clean, not capped");
	result_free(&r);
	items_doc(&b, 20001, "t");
	parse_mem(&r, b.d, b.len, 65536, "capped", NULL);
	t_ok(r.rv == 1 && r.nitems == 20000 && contains(r.error,
	    "20000 items read, the rest ignored (item cap)"),
	    "20001 items: recoverable at the cap (%s)",
	    r.error ? r.error : "-");
	result_free(&r);
	items_doc(&b, 20001, "A & B");
	parse_mem(&r, b.d, b.len, 65536, "capped", NULL);
	t_ok(r.rv == 1 && r.nitems == 20000 && contains(r.error,
	    "(item cap); "), "the cap is named before an earlier error (%s)",
	    r.error ? r.error : "-");
	result_free(&r);
	buf_reset(&b);
	buf_adds(&b, "<rss><channel><item><title>a</title></item><item>"
	    "<description>");
	for (i = 0; i < 500; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "</description></item></channel></rss>");
	parse_mem(&r, b.d, b.len, 65536, "deep", NULL);
	t_ok(r.rv == -1, "the depth cap is fatal");
	result_free(&r);
	buf_reset(&b);
	buf_adds(&b, "<rss><channel><item><title>a</title></item>");
	parse_mem(&r, b.d, b.len, 65536, "cut", NULL);
	t_ok(r.rv == -1 && r.nitems == 1, "a document cut short is fatal");
	result_free(&r);
	buf_free(&b);
}

/* Parse a document given inline and return its first item's line. */
static void
parse_doc(struct result *r, const char *doc)
{
	parse_mem(r, doc, strlen(doc), 4096, "mem", NULL);
}

#define ATOM	"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
#define ATOM03	"<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
#define ATOMEND	"</entry></feed>"
#define RSS	"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
		" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"" \
		" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
#define RSSEND	"</item></channel></rss>"

/* The long tail of feedparser's behaviours (issue 12). */
static void
test_feedparser_tail(void)
{
	struct result	 r;

	/* "Example <b>Atom</b>" in base64 under application/octet-stream. */
	parse_doc(&r, ATOM "<id>x</id><title type=\"application/octet-stream\">"
	    "RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
	    "<summary type=\"application/octet-stream\">U3VtbWFyeQ==</summary>"
	    "<content type=\"application/octet-stream\">Qm9keQ==</content>"
	    ATOMEND);
	t_streq(r.s.item[0], "id=x|title=Example "
	    "Atom|summary=Summary|content=Body|", "Atom octet-stream title, "
	    "summary, content: base64, decoded");
	result_free(&r);
	parse_doc(&r, ATOM "<id>x</id><title type=\"\">evil</title>" ATOMEND);
	t_streq(r.s.item[0], "id=x|title=evil|", "type=\"\" is text");
	result_free(&r);
	parse_doc(&r, ATOM03 "<link rel=\"alternate\" type=\"text/html\">"
	    "http://e.org/alt</link><link rel=\"enclosure\">http://e.org/enc"
	    "</link></entry><entry><link rel=\"enclosure\">http://e.org/enc"
	    "</link><link rel=\"alternate\">http://e.org/alt</link>" ATOMEND);
	t_ok(contains(r.s.item[0], "link=http://e.org/alt|") &&
	    r.s.n == 2 && contains(r.s.item[1], "link=http://e.org/alt|"),
	    "href-less links: the text, rel=alternate first in any order");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><itunes:author>Pod Caster"
	    "</itunes:author><itunes:summary>Pod summary</itunes:summary>"
	    "<itunes:category text=\"Technology\"><itunes:category text=\""
	    "Gadgets\"/></itunes:category><media:category>Film"
	    "</media:category>" RSSEND);
	t_streq(r.s.item[0], "id=g|author=Pod Caster|summary=Pod summary|"
	    "cat=Technology|cat=Gadgets|cat=Film|", "itunes author, summary, "
	    "nested categories; media:category");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><dc:author>Ed Itor</dc:author>"
	    "<tags>tag one, tag two</tags><category>c</category>" RSSEND);
	t_streq(r.s.item[0], "id=g|author=Ed Itor|cat=tag one|cat=tag two|"
	    "cat=c|", "dc:author is the author; <tags> are categories");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><description>D</description>"
	    "<summary>S</summary>" RSSEND);
	t_streq(r.s.item[0], "id=g|summary=D|content=S|", "description then "
	    "summary: summary and content");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><summary>S</summary>"
	    "<description>D</description>" RSSEND);
	t_streq(r.s.item[0], "id=g|summary=S|content=D|", "summary then "
	    "description: summary and content");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><description>D</description>"
	    "<fullitem>&lt;p&gt;Full&lt;/p&gt;</fullitem>" RSSEND);
	t_streq(r.s.item[0], "id=g|summary=D|content=Full|", "<fullitem> is "
	    "the content");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><content>Plain content</content>"
	    RSSEND);
	t_streq(r.s.item[0], "id=g|content=Plain content|", "RSS <content> "
	    "is the content");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><description><![CDATA[ <!DOCTYPE ]]>"
	    "</description>" RSSEND);
	t_streq(r.s.item[0], "id=g|summary=<!DOCTYPE|", "a CDATA '<!DOCTYPE' "
	    "is text");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><description>&lt;!' &lt;a href=\"f\""
	    "&gt;x&lt;/a&gt;</description>" RSSEND);
	t_streq(r.s.item[0], "id=g|summary=<!' x|", "'<!' that is no "
	    "declaration is text");
	result_free(&r);
	parse_doc(&r, ATOM "<id>x</id><updated>2010-12-01T10:14:55Z</updated>"
	    "<updated>2003-12-31T10:14:55Z</updated>" ATOMEND);
	t_streq(r.s.item[0], "id=x|updated=2003-12-31T10:14:55Z|", "repeated "
	    "dates: the last of equal rank wins, as in feedparser");
	result_free(&r);
	parse_doc(&r, ATOM "<id>x</id><content type=\"text\">1 &lt; 2 and "
	    "&lt;b&gt;not bold&lt;/b&gt;</content>" ATOMEND);
	t_streq(r.s.item[0], "id=x|content=1 < 2 and <b>not bold</b>|",
	    "Atom type=\"text\" with '<' stays literal");
	result_free(&r);
	parse_doc(&r, "<feed xmlns=\"http://example.com/newformat#\"><title>"
	    "Odd</title></feed>");
	t_ok(r.is_feed && r.title != NULL && strcmp(r.title, "Odd") == 0,
	    "<feed> in an unknown namespace is Atom");
	result_free(&r);
	parse_doc(&r, ATOM "<id>x</id><media:group xmlns:media=\"http://search"
	    ".yahoo.com/mrss/\"><media:description type=\"plain\">Video "
	    "notes</media:description></media:group>" ATOMEND);
	t_streq(r.s.item[0], "id=x|summary=Video notes|", "media:description "
	    "(in media:group) is the summary");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><media:description>M</media:description>"
	    "<description>D</description>" RSSEND);
	t_streq(r.s.item[0], "id=g|summary=M|content=D|", "media:description "
	    "then description: summary and content, as in feedparser");
	result_free(&r);
	parse_doc(&r, ATOM03 "<id>e</id></entry><item><id>i</id><title>In item"
	    "</title></item></feed>");
	t_ok(r.nitems == 2 && contains(r.s.item[1], "id=i|title=In item|"),
	    "an Atom feed's <item> is an entry");
	result_free(&r);
}

/*
 * Relative links, the feed's and the items', resolve against the nearest
 * xml:base (itself resolved against its parent's), then the document's URL,
 * then the feed's link (issue 12).
 */
static void
test_doc_base(void)
{
	struct result	 r;
	const char	*doc;

	doc = "<rss version=\"2.0\"><channel><link>/home</link><item>"
	    "<link>/relative/uri</link><enclosure url=\"m/a.mp3\" type=\"a\"/>"
	    "</item></channel></rss>";
	parse_mem(&r, doc, strlen(doc), 4096,
	    "https://feeds.example.org/news/rss.xml", NULL);
	t_streq(r.link, "https://feeds.example.org/home", "the channel link "
	    "resolves against the document's URL");
	t_streq(r.s.item[0], "id=https://feeds.example.org/relative/uri|"
	    "link=https://feeds.example.org/relative/uri|enc=https://"
	    "feeds.example.org/news/m/a.mp3 a -1|", "item link and enclosure "
	    "resolve against the document's URL");
	result_free(&r);
	doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"/a/\">"
	    "<entry xml:base=\"b/\"><id>x</id><link href=\"../c\"/><link "
	    "rel=\"enclosure\" href=\"d?e=1\" xml:base=\"f/\"/></entry>"
	    "<entry><id>y</id><link href=\"g\"/></entry></feed>";
	parse_mem(&r, doc, strlen(doc), 7, "http://h.example/feed", NULL);
	t_streq(r.s.item[0], "id=x|link=http://h.example/a/c|enc=http://"
	    "h.example/a/b/f/d?e=1 - -1|", "nested relative xml:base over the "
	    "document's URL, per element");
	t_streq(r.s.item[1], "id=y|link=http://h.example/a/g|", "a sibling "
	    "gets the feed's base, not the previous entry's");
	result_free(&r);
	doc = "<rss version=\"2.0\"><channel><item><link>/x</link></item>"
	    "</channel></rss>";
	parse_mem(&r, doc, strlen(doc), 4096, "feed.xml", NULL);
	t_streq(r.s.item[0], "id=/x|link=/x|", "no absolute base: the link "
	    "stays as written");
	result_free(&r);
}

/* Known vocabularies under any prefix; a known prefix on another URI is not. */
static void
test_ns_by_uri(void)
{
	struct result	 r;

	parse_doc(&r, "<rss version=\"2.0\" xmlns:x=\"http://purl.org/dc/"
	    "elements/1.1/\" xmlns:dc=\"http://example.com/not-dc\" xmlns:c="
	    "\"http://purl.org/rss/1.0/modules/content/\" xmlns:m=\"http://"
	    "search.yahoo.com/mrss/\" xmlns:foo=\"http://www.w3.org/2005/Atom"
	    "\"><channel><item><guid>g</guid><x:creator>Right</x:creator>"
	    "<dc:creator>Wrong</dc:creator><c:encoded>&lt;p&gt;Body&lt;/p&gt;"
	    "</c:encoded><m:category>cat</m:category><foo:link rel=\"enclosure"
	    "\" href=\"http://e/x.mp3\" type=\"audio/mpeg\"/><dc:date>2020-01-"
	    "01T00:00:00Z</dc:date></item></channel></rss>");
	t_streq(r.s.item[0], "id=g|author=Right|content=Body|cat=cat|"
	    "enc=http://e/x.mp3 audio/mpeg -1|", "RSS modules by URI under "
	    "odd prefixes; dc: on another URI ignored");
	result_free(&r);
	parse_doc(&r, "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\" "
	    "xmlns=\"http://example.com/other\"><a:entry><a:id>x</a:id>"
	    "<a:title type=\"html\">&lt;b&gt;T&lt;/b&gt;</a:title><title>No"
	    "</title></a:entry></a:feed>");
	t_streq(r.s.item[0], "id=x|title=T|", "Atom under a prefix, another "
	    "default namespace ignored");
	result_free(&r);
}

/* Feeds from the wild that gofeed's own suite collects (our documents). */
static void
test_wild_quirks(void)
{
	struct result	 r;

	parse_doc(&r, "<rss version=\"2.0\" xmlns:i=\" http://www.itunes.com/"
	    "DTDs/PodCast-1.0.dtd \"><channel><item><guid>g</guid><i:summary>"
	    "Said</i:summary><i:keywords>one, two</i:keywords></item>"
	    "</channel></rss>");
	t_streq(r.s.item[0], "id=g|summary=Said|cat=one|cat=two|", "a "
	    "namespace name in another case and with spaces is still iTunes; "
	    "its keywords are categories");
	result_free(&r);
	parse_doc(&r, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<id>x</id><title type=\"application/x-mine\">Kept</title>"
	    "<content type=\"application/json\">{\"a\":1}</content></entry>"
	    "</feed>");
	t_streq(r.s.item[0], "id=x|title=Kept|content={\"a\":1}|", "text "
	    "under a media type that is not base64 is kept as text");
	result_free(&r);
	parse_doc(&r, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<id>x</id><content type=\"image/png\">iVBORw0KGgo=</content>"
	    "</entry></feed>");
	t_streq(r.s.item[0], "id=x|", "base64 media bytes are not text");
	result_free(&r);
	parse_doc(&r, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<id>x</id><content type=\"html\"><div xmlns=\"http://www.w3.org/"
	    "1999/xhtml\">&lt;p&gt;Escaped&lt;/p&gt;</div></content></entry>"
	    "</feed>");
	t_streq(r.s.item[0], "id=x|content=Escaped|", "type=html wrapped in "
	    "an element: still markup, removed");
	result_free(&r);
	parse_doc(&r, RSS "<enclosure url=\"http://e/1.mp3\"/></item><item>"
	    "<enclosure url=\"http://e/2.mp3\"/>" RSSEND);
	t_ok(r.s.n == 2 && strncmp(r.s.item[0], "id=urn:sanctiond:", 17) == 0 &&
	    strncmp(r.s.item[0], r.s.item[1], 33) != 0, "two items with only "
	    "an enclosure get two derived ids");
	result_free(&r);
}

/* Inline XHTML: its text, never its scripts (issue 12). */
static void
test_xhtml_fields(void)
{
	struct result	 r;

	parse_doc(&r, RSS "<guid>g</guid><body>safe <b>bold</b><br/>"
	    "text</body>" RSSEND);
	t_streq(r.s.item[0], "id=g|content=safe bold text|", "RSS <body> "
	    "without a namespace is the content, as XHTML");
	result_free(&r);
	parse_doc(&r, RSS "<guid>g</guid><body xmlns=\"http://www.w3.org/1999/"
	    "xhtml\">safe<script type=\"text/javascript\">location.href="
	    "'http://e.org/';</script> <style>p{}</style>text</body>" RSSEND);
	t_streq(r.s.item[0], "id=g|content=safe text|", "xhtml:body: script "
	    "and style are not text");
	result_free(&r);
	parse_doc(&r, ATOM "<id>x</id><content type=\"xhtml\"><div xmlns="
	    "\"http://www.w3.org/1999/xhtml\">a<script><b>x</b>y</script>b"
	    "<p>c</p><script/>d</div></content>" ATOMEND);
	t_streq(r.s.item[0], "id=x|content=ab c d|", "Atom xhtml: nested "
	    "markup in a script skipped, the text after it kept");
	result_free(&r);
}

/*
 * Every parse error is counted and the first few are kept with their
 * lines; the items around them are still read.
 */
static void
test_error_count(void)
{
	static const char	 doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<rss version=\"2.0\"><channel>\n"
	    "<title>A & B</title>\n"
	    "<item><title>one</title><guid>1</guid></item>\n"
	    "<item><title>x &#0; y</title><guid>2</guid></item>\n"
	    "<item><title>Q&A</title><guid>3</guid></item>\n"
	    "</channel></rss>\n";
	static const int	 lines[] = { 3, 5, 6 };
	struct feed_parser	*p;
	struct seen		 s;
	struct buf		 b;
	const char		*msg;
	char			 sum[256], *big;
	size_t			 i, n = 100000;
	int			 line;

	memset(&s, 0, sizeof(s));
	p = feed_parser_new("errs", NULL, collect, &s);
	feed_parse_chunk(p, doc, sizeof(doc) - 1);
	t_inteq(feed_parse_end(p), 1, "three errors: recoverable");
	t_inteq(s.n, 3, "three errors: the three items are read");
	t_inteq(feed_parser_nerrors(p), 3, "three errors: all counted");
	t_inteq(feed_parser_nkept(p), 3, "three errors: all kept");
	for (i = 0; i < 3; i++) {
		line = -1;
		msg = feed_parser_error_at(p, i, &line);
		t_ok(msg != NULL && line == lines[i],
		    "error %zu is on line %d (got %d: %s)", i + 1, lines[i],
		    line, msg ? msg : "none");
	}
	feed_parser_summary(p, sum, sizeof(sum));
	t_ok(strncmp(sum, "3 parse errors, first at line 3: ", 33) == 0 &&
	    strstr(sum, "; line 5: ") != NULL &&
	    strstr(sum, "; line 6: ") != NULL, "summary: %s", sum);
	feed_parser_summary(p, sum, 20);
	t_ok(strlen(sum) < 20, "summary: bounded by its buffer");
	feed_parser_free(p);
	seen_free(&s);

	/* A hostile document's errors are a number, not n strings. */
	buf_init(&b);
	buf_adds(&b, "<rss><channel><item><guid>1</guid><title>");
	for (i = 0; i < n; i++)
		buf_adds(&b, "& ");
	buf_adds(&b, "</title></item></channel></rss>");
	big = buf_release(&b);
	memset(&s, 0, sizeof(s));
	p = feed_parser_new("amps", NULL, collect, &s);
	feed_parse_chunk(p, big, strlen(big));
	t_inteq(feed_parse_end(p), 1, "100000 bare &: recoverable");
	t_inteq(s.n, 1, "100000 bare &: the item is read");
	t_inteq(feed_parser_nerrors(p), n, "100000 bare &: all counted");
	t_ok(feed_parser_nkept(p) <= FEED_MAX_ERRS,
	    "100000 bare &: %zu messages kept (cap %d)", feed_parser_nkept(p),
	    FEED_MAX_ERRS);
	t_ok(feed_parser_error_at(p, FEED_MAX_ERRS, NULL) == NULL,
	    "100000 bare &: nothing kept past the cap");
	feed_parser_summary(p, sum, sizeof(sum));
	t_ok(strncmp(sum, "100000 parse errors, first at line 1: ", 38) == 0,
	    "summary: %s", sum);
	feed_parser_free(p);
	seen_free(&s);
	free(big);
}

int
main(void)
{
	parsers_init();
	test_rss20();
	test_atom10();
	test_rss10();
	test_others();
	test_chunks();
	test_encodings();
	test_entities();
	test_messy();
	test_not_feeds();
	test_error_kinds();
	test_error_count();
	test_hostile();
	test_caps();
	test_feedparser_tail();
	test_xhtml_fields();
	test_doc_base();
	test_ns_by_uri();
	test_wild_quirks();
	text_cleanup();
	return t_done();
}
