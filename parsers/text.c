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

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "parsers.h"

struct html_state {
	struct buf	 out;
	int		 skip;		/* inside script/style */
};

static const char *const skipped[] = {
	"script", "style", "noscript", "template", "iframe", "object",
	NULL
};

/* Elements that separate words when markup is removed. */
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "br", "caption", "dd",
	"div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
	"h3", "h4", "h5", "h6", "header", "hr", "img", "li", "ol", "p",
	"pre", "section", "table", "td", "th", "tr", "ul", NULL
};

static int
in_list(const char *const *l, const xmlChar *name)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, (const char *)name) == 0)
			return 1;
	return 0;
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

	(void)atts;
	if (in_list(skipped, name))
		st->skip++;
	else if (in_list(blocks, name))
		buf_addc(&st->out, ' ');
}

static void
html_end(void *ctx, const xmlChar *name)
{
	struct html_state	*st = state_of(ctx);

	if (in_list(skipped, name)) {
		if (st->skip > 0)
			st->skip--;
	} else if (in_list(blocks, name))
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
static int
tag_kind(const char *name, size_t n)
{
	char	 low[16];
	size_t	 i;

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++)
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 :
		    name[i];
	low[n] = '\0';
	if (in_list(skipped, (const xmlChar *)low))
		return 2;
	return in_list(blocks, (const xmlChar *)low);
}

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
scan_tag(const char *p, const char *e, struct buf *out)
{
	const char	*name, *q;
	char		 close[20];
	int		 end = p[1] == '/', kind;
	char		 quote = 0;

	name = p + 1 + end;
	for (q = name; q < e && ((*q >= 'a' && *q <= 'z') ||
	    (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')); q++)
		;
	kind = tag_kind(name, q - name);
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
		buf_addc(out, ' ');
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

/* "&...;" at p: appends its text; returns the end, or NULL to decline. */
static const char *
scan_entity(const char *p, const char *e, struct buf *out)
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
		buf_add(out, u, xmlCopyCharMultiByte(u, (int)v));
		return q + 1;
	}
	for (n = 0; q < e && n < sizeof(name) - 1 && ((*q >= 'a' &&
	    *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' &&
	    *q <= '9')); q++)
		name[n++] = *q;
	name[n] = '\0';
	h = n > 0 ? htmlEntityLookup((const xmlChar *)name) : NULL;
	if (q < e && *q == ';' && h != NULL) {
		buf_add(out, u, xmlCopyCharMultiByte(u, h->value));
		return q + 1;
	}
	if (h != NULL)
		return NULL;	/* "&amp" without ';': legacy rules apply */
	buf_addc(out, '&');
	return p + 1;
}

static int
html_fast(const char *s, size_t len, struct buf *out)
{
	const char	*p = s, *e = s + len, *q;

	while (p < e) {
		for (q = p; q < e && *q != '<' && *q != '&'; q++)
			;
		buf_add(out, p, q - p);
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
		else if (p + 1 < e && (p[1] == '!' || p[1] == '?'))
			q = (q = memchr(p, '>', e - p)) ? q + 1 : NULL;
		else {
			buf_addc(out, '<');	/* "x < y" */
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
html_slow(const char *s, size_t len, struct buf *out)
{
	struct html_state	 st;
	struct buf		 clean;

	/* It wants valid UTF-8, so clean first. */
	buf_init(&clean);
	text_clean(s, len, &clean, 0);
	memset(&st, 0, sizeof(st));
	st.out = *out;
	html_pass(clean.d, clean.len, &st);
	*out = st.out;
	buf_free(&clean);
}

static void
html_any(const char *s, size_t len, struct buf *out)
{
	if (html_fast(s, len, out) == -1) {
		buf_reset(out);
		html_slow(s, len, out);
	}
}

char *
html_to_text(const char *s, size_t len)
{
	struct buf	 once, twice;
	char		*out;

	if (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)
		return text_plain(s, len);
	buf_init(&once);
	html_any(s, len, &once);
	if (!has_tag(s, len) && text_looks_like_html(once.d, once.len)) {
		/* "&amp;lt;b&amp;gt;": escaped once more than it should be. */
		buf_init(&twice);
		html_any(once.d, once.len, &twice);
		buf_free(&once);
		once = twice;
	}
	out = text_plain(once.d ? once.d : "", once.len);
	buf_free(&once);
	return out;
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
 * Writes into dst, which has room for 3 * len bytes; returns the length.
 */
static size_t
clean_into(const char *s, size_t len, char *dst, int fold)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*e = p + len;
	char			*o = dst;
	unsigned int		 cp;
	size_t			 n;
	int			 space = 0;

	while (p < e) {
		if (*p > ' ' && *p < 0x7f) {
			if (space && o > dst)
				*o++ = ' ';
			space = 0;
			/* Plain ASCII words: the common case. */
			do
				*o++ = *p++;
			while (p < e && *p > ' ' && *p < 0x7f);
			continue;
		}
		if (fold && (*p == ' ' || (*p >= '\t' && *p <= '\r'))) {
			space = 1;
			p++;
			continue;
		}
		if ((n = utf8_len(p, e - p, &cp)) == 0) {
			n = 1;
			cp = 0xfffd;
		}
		if (fold && is_space(cp))
			space = 1;
		else if (fold ? !is_dropped(cp) : cp != 0) {
			if (space && o > dst)
				*o++ = ' ';
			space = 0;
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
	return o - dst;
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
