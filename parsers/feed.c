/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * feed.c: the push parser's life cycle and its libxml2 SAX2 glue.
 *
 * Bytes go into a libxml2 push parser as they arrive; items come out
 * through the callback as each one ends.  No tree is built.  libxml2 runs
 * with network access off, external entities refused (a deny-all loader),
 * no entity substitution and never XML_PARSE_HUGE; entity references go
 * through our own getEntity hook (feed_entity.c), which decodes HTML
 * entities and expands declared ones within a budget.  Recovery mode lets
 * us deliver the items of real-world ill-formed feeds; the first error is
 * kept for feed_parser_error(), every error is counted and the first few
 * are kept for feed_parser_summary().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "feed_int.h"

static xmlParserInputPtr
deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	(void)ctxt;
	/* Nothing outside the document is ever read: no file, no network. */
	log_debug("refused external entity %s", url ? url : "(none)");
	return NULL;
}

void
parsers_init(void)
{
	static int	 done;

	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
	elem_init();
}

/* Longest kept message, in bytes: a summary line stays short. */
#define FEED_ERR_MSG	160

/*
 * Count every error, keep the first few: the count says how broken the
 * document is, the first ones usually say why.
 */
static void
note_error(struct feed_parser *p, int line, const char *msg)
{
	struct feed_err	*e;
	size_t		 n;

	p->nerrors++;
	if (p->nkept == FEED_MAX_ERRS)
		return;
	e = &p->errs[p->nkept++];
	e->line = line > 0 ? line : 0;
	n = strlen(msg);
	if (n > FEED_ERR_MSG) {
		n = FEED_ERR_MSG;
		/* Not in the middle of a UTF-8 sequence. */
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	e->msg = xmalloc(n + 1);
	memcpy(e->msg, msg, n);
	e->msg[n] = '\0';
}

/* Keep the first error: it is usually the cause of the others. */
void
feed_fail(struct feed_parser *p, int stop, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 line;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	line = p->ctxt != NULL ? xmlSAX2GetLineNumber(p->ctxt) : 0;
	note_error(p, line, msg);
	if (p->error == NULL) {
		if (line > 0)
			xasprintf(&p->error, "line %d: %s", line, msg);
		else
			p->error = xstrdup(msg);
	}
	free(msg);
	if (stop && !p->stopped) {
		p->stopped = 1;
		xmlStopParser(p->ctxt);
	}
}

/*
 * The item cap ends the document, but what was read is good: a warning,
 * and the one that matters most (items were dropped), so it comes first.
 */
void
feed_item_cap(struct feed_parser *p)
{
	char	*e = p->error;

	if (e != NULL)
		xasprintf(&p->error, "%d items read, the rest ignored "
		    "(item cap); %s", FEED_MAX_ITEMS, e);
	else
		xasprintf(&p->error, "%d items read, the rest ignored "
		    "(item cap)", FEED_MAX_ITEMS);
	free(e);
	p->capped = 1;
	if (!p->stopped) {
		p->stopped = 1;
		xmlStopParser(p->ctxt);
	}
}

/*
 * "AT&T", "Q & A": a bare '&' in text is an error libxml2 recovers from by
 * dropping the '&' and the name after it.  They are still in its input
 * buffer, just behind the cursor, so put them back into the value.
 */
static void
keep_bare_amp(struct feed_parser *p, int code)
{
	xmlParserInputPtr	 in = p->ctxt->input;
	const xmlChar		*c;

	if (code != XML_ERR_ENTITYREF_SEMICOL_MISSING &&
	    code != XML_ERR_NAME_REQUIRED)
		return;
	if (p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE) {
		p->attr_amp = 1;	/* attr_raw() reads it again */
		return;
	}
	if (!p->capturing || in == NULL || in->cur == NULL ||
	    p->ctxt->instate != XML_PARSER_CONTENT)
		return;
	for (c = in->cur; c > in->base && in->cur - c < 64; c--)
		if (c[-1] == '&') {
			elem_chars(p, c - 1, in->cur - c + 1);
			return;
		}
}

static void
sax_error(void *arg, xmlErrorPtr e)
{
	struct feed_parser	*p = arg;
	char			*msg;
	size_t			 n;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	keep_bare_amp(p, e->code);
	if (p->error != NULL && p->nkept == FEED_MAX_ERRS) {
		p->nerrors++;	/* a million errors cost a counter */
		return;
	}
	/* libxml2's messages may span lines; ours are one line. */
	msg = text_plain(e->message ? e->message : "malformed XML",
	    strlen(e->message ? e->message : "malformed XML"));
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '.')
		msg[--n] = '\0';
	note_error(p, e->line, msg);
	if (p->error == NULL && e->line > 0)
		xasprintf(&p->error, "line %d: %s", e->line, msg);
	else if (p->error == NULL)
		p->error = xstrdup(msg);
	free(msg);
}

/*
 * In recovery mode libxml2 still drops every entity reference (even &amp;)
 * once the document is known to be ill-formed.  The error is recorded, so
 * let the rest of the document be read as well as it can be.
 */
static void
keep_reading(struct feed_parser *p)
{
	if (p->error != NULL && !p->stopped)
		p->ctxt->wellFormed = 1;
}

static void
sax_start(void *arg, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct feed_parser	*p = arg;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	keep_reading(p);
	if (!p->stopped)
		elem_start(p, local, uri, nattrs, attrs);
	p->attr_amp = 0;
}

static void
sax_end(void *arg, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_parser	*p = arg;

	(void)prefix;
	(void)uri;
	keep_reading(p);
	if (!p->stopped)
		elem_end(p, local);
}

static void
sax_chars(void *arg, const xmlChar *s, int len)
{
	struct feed_parser	*p = arg;

	keep_reading(p);
	if (p->capturing && !p->stopped)
		elem_chars(p, s, len);
}

static void
sax_init(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = sax_start;
	sax->endElementNs = sax_end;
	sax->characters = sax_chars;
	sax->cdataBlock = sax_chars;
	sax->getEntity = entity_get;
	sax->serror = sax_error;
}

struct feed_parser *
feed_parser_new(const char *url, const char *charset, feed_item_cb cb,
    void *arg)
{
	struct feed_parser		*p;
	xmlSAXHandler			 sax;
	xmlCharEncodingHandlerPtr	 enc;

	parsers_init();
	p = xcalloc(1, sizeof(*p));
	p->cb = cb;
	p->arg = arg;
	p->meta.url = xstrdup(url != NULL ? url : "-");
	p->meta.ttl = -1;
	p->plain_ns = NS_RSS;
	buf_init(&p->text);
	item_init(&p->item);
	sax_init(&sax);
	/* userData is ours, so libxml2 never expands entities behind us. */
	p->ctxt = xmlCreatePushParserCtxt(&sax, p, NULL, 0, p->meta.url);
	if (p->ctxt == NULL)
		fatalx("xmlCreatePushParserCtxt: out of memory");
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	/* The caller's charset (HTTP Content-Type) beats the declaration. */
	if (charset != NULL && *charset != '\0') {
		if ((enc = xmlFindCharEncodingHandler(charset)) != NULL)
			xmlSwitchToEncoding(p->ctxt, enc);
		else
			log_debug("%s: unknown charset %s ignored",
			    p->meta.url, charset);
	}
	return p;
}

int
feed_parse_chunk(struct feed_parser *p, const char *buf, size_t len)
{
	size_t	 n;

	p->nbytes += len;
	while (len > 0 && !p->stopped) {
		n = len > 1 << 20 ? 1 << 20 : len;
		xmlParseChunk(p->ctxt, buf, (int)n, 0);
		buf += n;
		len -= n;
	}
	return p->stopped ? -1 : 0;
}

/* Say what went wrong in words a feed's owner would use. */
static void
explain_end(struct feed_parser *p, const char *open)
{
	char	*e = p->error;

	if (p->nbytes == 0) {
		free(p->error);
		p->error = xstrdup("not a feed: empty document");
	} else if (!p->is_feed && !p->seen_root) {
		xasprintf(&p->error, "not a feed: not XML (%s)",
		    e ? e : "no element");
		free(e);
	} else if (!p->is_feed && e != NULL &&
	    strncmp(e, "not a feed", 10) != 0) {
		xasprintf(&p->error, "not a feed: %s", e);
		free(e);
	} else if (open != NULL) {
		/* libxml2 calls this "Extra content"; it is the opposite. */
		xasprintf(&p->error, "document ends early, inside <%s>",
		    open);
		free(e);
	}
}

int
feed_parse_end(struct feed_parser *p)
{
	const char	*open = NULL;
	int		 had_error = p->error != NULL;

	if (!p->stopped) {
		xmlParseChunk(p->ctxt, NULL, 0, 1);
		/* Elements never closed: the document was cut short. */
		if (!p->stopped && p->depth > 0)
			open = (const char *)p->stack[p->depth - 1].name;
	}
	explain_end(p, had_error ? NULL : open);
	if (p->is_feed && p->error == NULL)
		return 0;
	/*
	 * Recoverable: libxml2 read past the broken markup (a bare '&',
	 * "&#0;", junk after the root) to the end of the root element, or
	 * the item cap ended it.  Anything that stopped the parse early (a
	 * hostile-input cap, an encoding it gave up on, a document cut
	 * short) leaves no feed to trust.
	 */
	p->recovered = p->is_feed && (p->capped ||
	    (!p->stopped && p->seen_root && p->depth == 0));
	return p->recovered ? 1 : -1;
}

const struct feed_meta *
feed_parser_meta(const struct feed_parser *p)
{
	return &p->meta;
}

size_t
feed_parser_nitems(const struct feed_parser *p)
{
	return p->nitems;
}

int
feed_parser_is_feed(const struct feed_parser *p)
{
	return p->is_feed;
}

const char *
feed_parser_error(const struct feed_parser *p)
{
	return p->error;
}

int
feed_parser_recovered(const struct feed_parser *p)
{
	return p->recovered;
}

size_t
feed_parser_nerrors(const struct feed_parser *p)
{
	return p->nerrors;
}

size_t
feed_parser_nkept(const struct feed_parser *p)
{
	return p->nkept;
}

const char *
feed_parser_error_at(const struct feed_parser *p, size_t i, int *line)
{
	if (i >= p->nkept)
		return NULL;
	if (line != NULL)
		*line = p->errs[i].line;
	return p->errs[i].msg;
}

static void
summary_errors(const struct feed_parser *p, struct buf *b)
{
	size_t	 i;

	buf_printf(b, "%zu parse errors, first", p->nerrors);
	for (i = 0; i < p->nkept; i++) {
		if (i > 0)
			buf_adds(b, ";");
		if (p->errs[i].line > 0)
			buf_printf(b, "%s line %d", i == 0 ? " at" : "",
			    p->errs[i].line);
		buf_adds(b, ": ");
		log_escape(b, p->errs[i].msg);
	}
	if (p->nerrors > p->nkept)
		buf_adds(b, "; ...");
}

/*
 * One line, escaped, at most len - 1 bytes: the headline error alone when
 * it is the only one (or no feed came of it), else the count and the
 * first errors with their lines, after the headline when it says more
 * (the item cap, a document cut short).
 */
void
feed_parser_summary(const struct feed_parser *p, char *dst, size_t len)
{
	struct buf	 b;
	char		*first = NULL, *s;
	size_t		 n;

	if (len == 0)
		return;
	buf_init(&b);
	if (p->nerrors > 1 && p->is_feed) {
		if (p->errs[0].line > 0)
			xasprintf(&first, "line %d: %s", p->errs[0].line,
			    p->errs[0].msg);
		else
			first = xstrdup(p->errs[0].msg);
		if (p->error != NULL && strcmp(p->error, first) != 0) {
			log_escape(&b, p->error);
			buf_adds(&b, "; ");
		}
		free(first);
		summary_errors(p, &b);
	} else if (p->error != NULL)
		log_escape(&b, p->error);
	s = buf_release(&b);
	n = s != NULL ? strlen(s) : 0;
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(dst, s, n);
	dst[n] = '\0';
	free(s);
}

void
feed_parser_free(struct feed_parser *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nkept; i++)
		free(p->errs[i].msg);
	elem_free(p);
	entity_free(p);
	if (p->ctxt != NULL) {
		/* Entity declarations land in a stub document. */
		if (p->ctxt->myDoc != NULL)
			xmlFreeDoc(p->ctxt->myDoc);
		p->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(p->ctxt);
	}
	free(p->meta.title);
	free(p->meta.link);
	free(p->meta.url);
	free(p->error);
	free(p);
}
