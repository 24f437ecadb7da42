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
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

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

char *
html_to_text(const char *s, size_t len)
{
	struct html_state	 st;
	struct buf		 clean;
	char			*out;

	if (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)
		return text_plain(s, len);
	/* The HTML parser wants valid UTF-8, so clean first. */
	buf_init(&clean);
	text_clean(s, len, &clean, 0);
	memset(&st, 0, sizeof(st));
	buf_init(&st.out);
	html_pass(clean.d, clean.len, &st);
	if (!has_tag(clean.d, clean.len) &&
	    text_looks_like_html(st.out.d, st.out.len)) {
		/* "&amp;lt;b&amp;gt;": escaped once more than it should be. */
		buf_reset(&clean);
		buf_add(&clean, st.out.d, st.out.len);
		buf_reset(&st.out);
		html_pass(clean.d, clean.len, &st);
	}
	out = text_plain(st.out.d, st.out.len);
	buf_free(&st.out);
	buf_free(&clean);
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
 */
void
text_clean(const char *s, size_t len, struct buf *out, int fold)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*e = p + len;
	unsigned int		 cp;
	size_t			 n, run;
	int			 space = 0;

	while (p < e) {
		/* Copy plain ASCII runs whole: the common case. */
		for (run = 0; p + run < e && p[run] > ' ' && p[run] < 0x7f;
		    run++)
			;
		if (run > 0) {
			if (space && out->len > 0)
				buf_addc(out, ' ');
			space = 0;
			buf_add(out, p, run);
			p += run;
			continue;
		}
		if ((n = utf8_len(p, e - p, &cp)) == 0) {
			n = 1;
			cp = 0xfffd;
		}
		if (fold && is_space(cp))
			space = 1;
		else if (fold ? !is_dropped(cp) : cp != 0) {
			if (space && out->len > 0)
				buf_addc(out, ' ');
			space = 0;
			if (cp == 0xfffd && n == 1)
				buf_add(out, "\xef\xbf\xbd", 3);
			else
				buf_add(out, p, n);
		}
		p += n;
	}
}

/* Text that must stay text (Atom type="text"): only folded and cleaned. */
char *
text_plain(const char *s, size_t len)
{
	struct buf	 b;

	buf_init(&b);
	text_clean(s, len, &b, 1);
	return buf_release(&b);
}
