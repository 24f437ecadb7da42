/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * text.c: HTML or text -> folded plain UTF-8 text.
 *
 * HTML goes through libxml2's HTML parser (SAX, no tree): markup is
 * dropped, entities decoded, script and style skipped, block elements
 * become spaces.  Whatever comes out is folded (runs of white space,
 * NBSP included, become one space) and made valid UTF-8, because the JSON
 * library rejects anything else.  Text with no '<' and no '&' never meets
 * the HTML parser.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "parsers.h"

/* Folded, valid UTF-8 written straight into memory sized for it. */
struct sink {
	char		*start;
	char		*o;
	int		 space;		/* a space is due before more text */
	int		 fold;
};

static void	 sink_init(struct sink *, char *, int);
static void	 sink_add(struct sink *, const char *, size_t);
static size_t	 sink_len(const struct sink *);

struct html_state {
	struct buf	 out;
	int		 skip;		/* inside script/style */
};

/* Elements that separate words (1) or hold no text at all (2). */
static const struct tag {
	const char	*name;
	int		 kind;
} tags[] = {
	{ "address", 1 }, { "article", 1 }, { "aside", 1 },
	{ "blockquote", 1 }, { "br", 1 }, { "caption", 1 }, { "dd", 1 },
	{ "div", 1 }, { "dl", 1 }, { "dt", 1 }, { "figcaption", 1 },
	{ "figure", 1 }, { "footer", 1 }, { "h1", 1 }, { "h2", 1 },
	{ "h3", 1 }, { "h4", 1 }, { "h5", 1 }, { "h6", 1 }, { "header", 1 },
	{ "hr", 1 }, { "iframe", 2 }, { "img", 1 }, { "li", 1 },
	{ "noscript", 2 }, { "ol", 1 }, { "p", 1 },
	{ "pre", 1 }, { "script", 2 }, { "section", 1 }, { "style", 2 },
	{ "table", 1 }, { "td", 1 }, { "template", 2 }, { "th", 1 },
	{ "tr", 1 }, { "ul", 1 }
};

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

/* 0: inline (<b>, <a>), 1: block (<p>, <br>), 2: skipped (<script>). */
int
text_tag_kind(const char *name, size_t n)
{
	const struct tag	*t;
	char			 low[16];
	size_t			 i;

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++)
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 :
		    name[i];
	low[n] = '\0';
	t = bsearch(low, tags, sizeof(tags) / sizeof(tags[0]),
	    sizeof(tags[0]), tag_cmp);
	return t != NULL ? t->kind : 0;
}

static struct html_state *
state_of(void *ctx)
{
	return ((htmlParserCtxtPtr)ctx)->_private;
}

static void
html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_state	*st = state_of(ctx);

	int			 kind;

	(void)atts;
	kind = text_tag_kind((const char *)name, strlen((const char *)name));
	if (kind == 2)
		st->skip++;
	else if (kind == 1)
		buf_addc(&st->out, ' ');
}

static void
html_end(void *ctx, const xmlChar *name)
{
	struct html_state	*st = state_of(ctx);
	int			 kind;

	kind = text_tag_kind((const char *)name, strlen((const char *)name));
	if (kind == 2) {
		if (st->skip > 0)
			st->skip--;
	} else if (kind == 1)
		buf_addc(&st->out, ' ');
}

static void
html_chars(void *ctx, const xmlChar *s, int len)
{
	struct html_state	*st = state_of(ctx);

	if (st->skip == 0 && len > 0)
		buf_add(&st->out, s, len);
}

/*
 * One HTML parser context, reused: making a new one for every title and
 * summary would cost more than parsing the feed.  The daemon parses on one
 * thread; each thread gets its own all the same.
 */
static _Thread_local htmlParserCtxtPtr html_ctxt;

static htmlParserCtxtPtr
html_context(void)
{
	htmlSAXHandler	 sax;

	if (html_ctxt != NULL)
		return html_ctxt;
	if ((html_ctxt = htmlNewParserCtxt()) == NULL)
		fatalx("htmlNewParserCtxt: out of memory");
	memset(&sax, 0, sizeof(sax));
	sax.startElement = html_start;
	sax.endElement = html_end;
	sax.characters = html_chars;
	sax.cdataBlock = html_chars;
	sax.ignorableWhitespace = html_chars;
	memcpy(html_ctxt->sax, &sax, sizeof(sax));
	return html_ctxt;
}

void
text_cleanup(void)
{
	if (html_ctxt != NULL) {
		htmlFreeParserCtxt(html_ctxt);
		html_ctxt = NULL;
	}
}

static int
has_tag(const char *s, size_t len)
{
	const char	*p, *e = s + len;

	for (p = s; p < e && (p = memchr(p, '<', e - p)) != NULL; p++)
		if (p + 1 < e && (p[1] == '/' || p[1] == '!' ||
		    (p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z')))
			return 1;
	return 0;
}

static int
has_entity(const char *s, size_t len)
{
	const char	*p, *e = s + len;
	size_t		 i;

	for (p = s; p < e && (p = memchr(p, '&', e - p)) != NULL; p++) {
		for (i = 1; p + i < e && i < 12; i++) {
			if (p[i] == ';')
				return i > 1;
			if (!((p[i] >= 'a' && p[i] <= 'z') ||
			    (p[i] >= 'A' && p[i] <= 'Z') ||
			    (p[i] >= '0' && p[i] <= '9') ||
			    (i == 1 && p[i] == '#')))
				break;
		}
	}
	return 0;
}

/* A tag or an entity reference: text meant to be read as HTML. */
int
text_looks_like_html(const char *s, size_t len)
{
	return has_tag(s, len) || has_entity(s, len);
}

static void
html_pass(const char *s, size_t len, struct html_state *st)
{
	htmlParserCtxtPtr	 ctxt;

	if (len > INT32_MAX)
		len = INT32_MAX;
	ctxt = html_context();
	ctxt->_private = st;
	/*
	 * UTF-8 given explicitly: a <meta charset> inside a summary must not
	 * switch the decoder.
	 */
	htmlCtxtReadMemory(ctxt, s, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NODEFDTD);
	ctxt->_private = NULL;
}

/*
 * The fast path: a plain scanner for the markup feeds really carry (tags
 * with quoted attributes, comments, entities, script and style).  It
 * declines (-1) anything it cannot be sure of, such as a tag or comment
 * left open, or a legacy entity without its ';', and libxml2's HTML parser
 * takes over.  Most summaries never need it: the parser costs more per
 * summary than the feed's own XML.
 */
static const char *
find_ci(const char *s, const char *e, const char *needle)
{
	size_t	 n = strlen(needle);

	for (; s + n <= e; s++)
		if (strncasecmp(s, needle, n) == 0)
			return s;
	return NULL;
}

/* "<name ...>" or "</name>": returns the end, or NULL to decline. */
static const char *
scan_tag(const char *p, const char *e, struct sink *out)
{
	const char	*name, *q;
	char		 close[20];
	int		 end = p[1] == '/', kind;
	char		 quote = 0;

	name = p + 1 + end;
	for (q = name; q < e && ((*q >= 'a' && *q <= 'z') ||
	    (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')); q++)
		;
	kind = text_tag_kind(name, q - name);
	for (; q < e; q++) {
		if (quote != 0) {
			if (*q == quote)
				quote = 0;
		} else if (*q == '"' || *q == '\'')
			quote = *q;
		else if (*q == '>')
			break;
		else if (*q == '<')
			return NULL;
	}
	if (q >= e)
		return NULL;
	if (kind == 1)
		out->space = 1;
	if (kind == 2 && !end && q[-1] != '/') {
		/* Skip to the matching end tag: script is not text. */
		snprintf(close, sizeof(close), "</%.*s", (int)(strcspn(name,
		    " \t\r\n/>")), name);
		if ((q = find_ci(q, e, close)) == NULL ||
		    (q = memchr(q, '>', e - q)) == NULL)
			return NULL;
	}
	return q + 1;
}

/* libxml2's table is searched linearly: try the usual few first. */
static const htmlEntityDesc *
entity_lookup(const char *name)
{
	static const htmlEntityDesc common[] = {
		{ 38, "amp", NULL }, { 60, "lt", NULL }, { 62, "gt", NULL },
		{ 34, "quot", NULL }, { 160, "nbsp", NULL },
		{ 8217, "rsquo", NULL }, { 8212, "mdash", NULL },
		{ 8211, "ndash", NULL }, { 8220, "ldquo", NULL },
		{ 8221, "rdquo", NULL }, { 8216, "lsquo", NULL },
		{ 8230, "hellip", NULL }
	};
	size_t	 i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (name[0] == common[i].name[0] &&
		    strcmp(name, common[i].name) == 0)
			return &common[i];
	return htmlEntityLookup((const xmlChar *)name);
}

/* "&...;" at p: appends its text; returns the end, or NULL to decline. */
static const char *
scan_entity(const char *p, const char *e, struct sink *out)
{
	const htmlEntityDesc	*h;
	const char		*q = p + 1;
	char			 name[32];
	xmlChar			 u[8];
	long			 v = 0;
	size_t			 n;
	int			 ok;

	if (q < e && *q == '#') {
		int	 hex = q + 1 < e && (q[1] == 'x' || q[1] == 'X');

		for (q += 1 + hex, ok = 0; q < e && v <= 0x10ffff; q++, ok++) {
			if (*q >= '0' && *q <= '9')
				v = v * (hex ? 16 : 10) + *q - '0';
			else if (hex && ((*q | 32) >= 'a' && (*q | 32) <= 'f'))
				v = v * 16 + (*q | 32) - 'a' + 10;
			else
				break;
		}
		if (!ok || q >= e || *q != ';')
			return NULL;
		if (v <= 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			v = 0xfffd;
		sink_add(out, (char *)u, xmlCopyCharMultiByte(u, (int)v));
		return q + 1;
	}
	for (n = 0; q < e && n < sizeof(name) - 1 && ((*q >= 'a' &&
	    *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' &&
	    *q <= '9')); q++)
		name[n++] = *q;
	name[n] = '\0';
	h = n > 0 ? entity_lookup(name) : NULL;
	if (q < e && *q == ';' && h != NULL) {
		sink_add(out, (char *)u, xmlCopyCharMultiByte(u, h->value));
		return q + 1;
	}
	if (h != NULL)
		return NULL;	/* "&amp" without ';': legacy rules apply */
	sink_add(out, "&", 1);
	return p + 1;
}

static int
html_fast(const char *s, size_t len, struct sink *out)
{
	const char	*p = s, *e = s + len, *q, *lt, *amp;

	lt = memchr(p, '<', len);
	amp = memchr(p, '&', len);
	while (p < e) {
		/* memchr is quick; keep the next '<' and '&' in hand. */
		if (lt != NULL && lt < p)
			lt = memchr(p, '<', e - p);
		if (amp != NULL && amp < p)
			amp = memchr(p, '&', e - p);
		q = lt == NULL ? amp : amp == NULL || lt < amp ? lt : amp;
		if (q == NULL)
			q = e;
		sink_add(out, p, q - p);
		if ((p = q) >= e)
			break;
		if (*p == '&')
			q = scan_entity(p, e, out);
		else if (p + 1 < e && (p[1] == '/' ? p + 2 < e &&
		    ((p[2] | 32) >= 'a' && (p[2] | 32) <= 'z') :
		    ((p[1] | 32) >= 'a' && (p[1] | 32) <= 'z')))
			q = scan_tag(p, e, out);
		else if (e - p >= 4 && memcmp(p, "<!--", 4) == 0)
			q = (q = memmem(p + 4, e - p - 4, "-->", 3)) ? q + 3 :
			    NULL;
		else if (p + 2 < e && (p[1] == '?' || (p[1] == '!' &&
		    (p[2] == '[' || ((p[2] | 32) >= 'a' &&
		    (p[2] | 32) <= 'z')))) &&
		    (q = memchr(p, '>', e - p)) != NULL)
			q++;	/* a declaration; unclosed, it is text */
		else {
			sink_add(out, "<", 1);	/* "x < y" */
			q = p + 1;
		}
		if (q == NULL)
			return -1;
		p = q;
	}
	return 0;
}

/* libxml2's HTML parser: for whatever the fast path declines. */
static void
html_slow(const char *s, size_t len, struct sink *out)
{
	struct html_state	 st;
	struct buf		 clean;
	size_t			 n;

	/* It wants valid UTF-8, so clean first. */
	buf_init(&clean);
	text_clean(s, len, &clean, 0);
	memset(&st, 0, sizeof(st));
	buf_init(&st.out);
	html_pass(clean.d, clean.len, &st);
	/* Never more than the caller made room for (see html_to_text). */
	n = st.out.len;
	if (n > 3 * len) {
		n = 3 * len;
		while (n > 0 && (st.out.d[n] & 0xc0) == 0x80)
			n--;
	}
	sink_add(out, st.out.d, n);
	buf_free(&st.out);
	buf_free(&clean);
}

/* HTML to folded text in dst (room for 4 * len + 4); returns its length. */
static size_t
html_into(const char *s, size_t len, char *dst)
{
	struct sink	 out;

	sink_init(&out, dst, 1);
	if (html_fast(s, len, &out) == -1) {
		sink_init(&out, dst, 1);
		html_slow(s, len, &out);
	}
	return sink_len(&out);
}

char *
html_to_text(const char *s, size_t len)
{
	char	*once, *twice;
	size_t	 n;

	if (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)
		return text_plain(s, len);
	if (len > SIZE_MAX / 4 - 4)
		fatalx("html_to_text: too long");
	once = xmalloc(4 * len + 4);
	n = html_into(s, len, once);
	once[n] = '\0';
	if (!has_tag(s, len) && text_looks_like_html(once, n)) {
		/* "&amp;lt;b&amp;gt;": escaped once more than it should be. */
		twice = xmalloc(4 * n + 4);
		twice[html_into(once, n, twice)] = '\0';
		free(once);
		once = twice;
	}
	return once;
}

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int	 c = s[0], min;
	size_t		 len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, c &= 0x07, min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static int
is_space(unsigned int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Controls and invisible marks that carry nothing in plain text. */
static int
is_dropped(unsigned int c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
	    c == 0x200b || c == 0xfeff || c == 0xfffe || c == 0xffff;
}

/*
 * Valid UTF-8 out of anything: a bad byte becomes U+FFFD.  With fold, runs
 * of white space become one space and the ends are trimmed; controls go.
 * A sink may be fed piece by piece; it never writes more than 3 bytes for
 * each byte it is given.
 */
/* Printable ASCII: copied as it is. */
static const unsigned char plain[256] = {
	['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1,
	['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1,
	['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
	['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1,
	['?'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
	['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
	['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
	['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, ['\\'] = 1,
	[']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1,
	['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1
};

/*
 * How many of the bytes at q, up to 16, the byte loop in sink_add() would
 * copy as they are: each '!'..'~', or a space before one of those (so no
 * two spaces together; a space 16th is left to the byte loop, which can
 * see what follows it).  16 means all of them.
 */
#if defined(__SSE2__)
/*
 * Sixteen bytes a turn, and where the run ends when it ends inside them
 * (callgrind, "sanctionctl parse" of bench_parse's 200 feeds: sink_add
 * 38.5 M instructions with SWAR eight bytes a turn, 18.4 M so; output
 * byte-identical).
 */
#define PLAIN_RUN	16
static size_t
plain_run(const unsigned char *q)
{
	__m128i		 v = _mm_loadu_si128((const __m128i *)(const void *)q);
	unsigned int	 ok, sp, bad;

	/* Signed compares: bytes from 0x80 up are below 0x21 too. */
	ok = _mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f))));
	sp = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
	bad = ~(ok | (sp & (ok >> 1))) & 0xffff;
	return bad == 0 ? 16 : (size_t)__builtin_ctz(bad);
}
#elif defined(SWAR8)
/*
 * Eight bytes a turn: 8, or 0 when they are not all plain (perf, the same
 * run: sink_add 14% of the time one byte a turn, 4.8% with this).
 */
#define PLAIN_RUN	8
static size_t
plain_run(const unsigned char *q)
{
	uint64_t	 w, x, sp;

	memcpy(&w, q, sizeof(w));
	if ((w & SWAR_HIGHS) != 0 ||
	    ((w - 0x20 * SWAR_ONES) & ~w & SWAR_HIGHS) != 0)	/* < 0x20 */
		return 0;
	x = w ^ (0x7f * SWAR_ONES);				/* DEL */
	if (((x - SWAR_ONES) & ~x & SWAR_HIGHS) != 0)
		return 0;
	x = w ^ (0x20 * SWAR_ONES);				/* spaces, exactly */
	sp = ~(((x & SWAR_LOWS) + SWAR_LOWS) | x | SWAR_LOWS);
	return (sp & (sp >> 8)) == 0 && (sp >> 56) == 0 ? 8 : 0;
}
#else
#define PLAIN_RUN	8
static size_t
plain_run(const unsigned char *q)
{
	(void)q;
	return 0;
}
#endif

static void
sink_init(struct sink *k, char *dst, int fold)
{
	k->start = k->o = dst;
	k->space = 0;
	k->fold = fold;
}

static size_t
sink_len(const struct sink *k)
{
	return k->o - k->start;
}

static void
sink_add(struct sink *k, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*e, *q;
	char			*o = k->o;
	unsigned int		 cp;
	size_t			 n;

	if (len == 0)
		return;
	for (e = p + len; p < e;) {
		if (plain[*p]) {
			if (k->space && o > k->start)
				*o++ = ' ';
			k->space = 0;
			/*
			 * Plain ASCII words and the single spaces between
			 * them: the common case, copied in one go.
			 */
			for (q = p + 1; q < e; q++) {
				while (e - q >= PLAIN_RUN && (n = plain_run(q)) > 0) {
					q += n;
					if (n < PLAIN_RUN)
						break;
				}
				if (q == e || (!plain[*q] && !(*q == ' ' &&
				    q + 1 < e && plain[q[1]])))
					break;
			}
			memcpy(o, p, q - p);
			o += q - p;
			p = q;
			continue;
		}
		if (k->fold && (*p == ' ' || (*p >= '\t' && *p <= '\r'))) {
			k->space = 1;
			p++;
			continue;
		}
		if ((n = utf8_len(p, e - p, &cp)) == 0) {
			n = 1;
			cp = 0xfffd;
		}
		if (k->fold && is_space(cp))
			k->space = 1;
		else if (k->fold ? !is_dropped(cp) : cp != 0) {
			if (k->space && o > k->start)
				*o++ = ' ';
			k->space = 0;
			if (cp == 0xfffd && n == 1) {
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
			} else {
				memcpy(o, p, n);
				o += n;
			}
		}
		p += n;
	}
	k->o = o;
}

static size_t
clean_into(const char *s, size_t len, char *dst, int fold)
{
	struct sink	 k;

	sink_init(&k, dst, fold);
	sink_add(&k, s, len);
	return sink_len(&k);
}

void
text_clean(const char *s, size_t len, struct buf *out, int fold)
{
	char	*tmp;

	if (len > (SIZE_MAX - 1) / 3)
		fatalx("text_clean: too long");
	tmp = xmalloc(3 * len + 1);
	buf_add(out, tmp, clean_into(s, len, tmp, fold));
	free(tmp);
}

/* Text that must stay text (Atom type="text"): only folded and cleaned. */
char *
text_plain(const char *s, size_t len)
{
	char	*out;

	if (len > (SIZE_MAX - 1) / 3)
		fatalx("text_plain: too long");
	out = xmalloc(3 * len + 1);
	out[clean_into(s, len, out, 1)] = '\0';
	return out;
}
