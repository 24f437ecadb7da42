/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * feed_entity.c: entity references, on our terms.
 *
 * Feeds use HTML entities (&nbsp; &eacute;) they never declare, and a few
 * declare their own in an internal subset.  libxml2 asks our getEntity
 * hook for every reference that is not one of the five predefined ones.
 * In character data we answer with a "predefined" entity whose content is
 * the finished UTF-8 text, so libxml2 passes it straight to characters():
 * nothing is expanded recursively by libxml2, and our own expansion of
 * declared entities is bounded (a billion laughs stops at the first
 * megabyte).  External entities are never expanded.  In attribute values
 * libxml2 would copy only one byte of such an entity, so there we let the
 * reference through untouched and decode it ourselves (attr_value()).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/hash.h>
#include <libxml/parserInternals.h>

#include "feed_int.h"

#define MAX_NESTING	16

static int	 expand(struct feed_parser *, const xmlChar *, size_t,
		    struct buf *, int);

static void
add_utf8(struct buf *b, int c)
{
	xmlChar	 tmp[8];
	int	 n;

	if (c <= 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	n = xmlCopyCharMultiByte(tmp, c);
	if (n > 0)
		buf_add(b, tmp, n);
}

/* "#233", "#xE9": a character reference without '&' and ';'. */
static int
char_ref(const char *s, size_t n)
{
	long	 v = 0;
	size_t	 i;
	int	 hex = n > 1 && (s[1] == 'x' || s[1] == 'X');

	if (n < 2 + (size_t)hex)
		return -1;
	for (i = 1 + hex; i < n; i++) {
		int	 d;

		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (hex && s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (hex && s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return -1;
		v = v * (hex ? 16 : 10) + d;
		if (v > 0x10ffff)
			return -1;
	}
	return (int)v;
}

static const char *
predefined(const char *name)
{
	static const char *const tab[][2] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
		{ "apos", "'" }
	};
	size_t	 i;

	for (i = 0; i < 5; i++)
		if (strcmp(name, tab[i][0]) == 0)
			return tab[i][1];
	return NULL;
}

static xmlEntityPtr
declared(struct feed_parser *p, const xmlChar *name)
{
	xmlEntityPtr	 e;

	if (p->ctxt->myDoc == NULL)
		return NULL;
	e = xmlGetDocEntity(p->ctxt->myDoc, name);
	if (e == NULL || e->etype != XML_INTERNAL_GENERAL_ENTITY)
		return NULL;	/* external ones are never read */
	return e;
}

/*
 * The text of one named reference, appended to b.  Returns -1 when the
 * budget is spent (the parser is then stopped), 0 when the name is
 * unknown, 1 when it was resolved.
 */
static int
resolve_name(struct feed_parser *p, const char *name, struct buf *b,
    int nest)
{
	const htmlEntityDesc	*h;
	const char		*s;
	xmlEntityPtr		 e;

	if (name[0] == '#') {
		add_utf8(b, char_ref(name, strlen(name)));
		return 1;
	}
	if ((s = predefined(name)) != NULL) {
		buf_adds(b, s);
		return 1;
	}
	if ((e = declared(p, (const xmlChar *)name)) != NULL) {
		/* Empty entities cost work but no bytes: count both. */
		if (++p->ent_refs > FEED_MAX_ENTITY_REFS) {
			feed_fail(p, 1, "entity expansion exceeds %d "
			    "references", FEED_MAX_ENTITY_REFS);
			return -1;
		}
		if (nest >= MAX_NESTING) {
			feed_fail(p, 1, "entity &%s; nests more than %d deep",
			    name, MAX_NESTING);
			return -1;
		}
		return expand(p, e->content, e->content ?
		    strlen((const char *)e->content) : 0, b, nest + 1);
	}
	if ((h = htmlEntityLookup((const xmlChar *)name)) != NULL) {
		add_utf8(b, h->value);
		return 1;
	}
	return 0;
}

/* Expand references in s; an unknown one stays as written. */
static int
expand(struct feed_parser *p, const xmlChar *us, size_t n, struct buf *b,
    int nest)
{
	const char	*s = (const char *)us, *e, *amp, *semi;
	char		 name[64];
	int		 r;

	if (s == NULL)
		return 1;	/* declared empty: NULL + 0 is undefined */
	e = s + n;
	while (s < e) {
		if ((amp = memchr(s, '&', e - s)) == NULL)
			amp = e;
		buf_add(b, s, amp - s);
		if (amp == e)
			break;
		semi = memchr(amp, ';', e - amp);
		if (semi == NULL || semi - amp - 1 <= 0 ||
		    (size_t)(semi - amp - 1) >= sizeof(name)) {
			buf_addc(b, '&');
			s = amp + 1;
			continue;
		}
		memcpy(name, amp + 1, semi - amp - 1);
		name[semi - amp - 1] = '\0';
		if (name[strspn(name, "#ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
		    "nopqrstuvwxyz0123456789._:-")] != '\0') {
			buf_addc(b, '&');	/* "?a=1&b=2": a bare '&' */
			s = amp + 1;
			continue;
		}
		if ((r = resolve_name(p, name, b, nest)) == -1)
			return -1;
		if (r == 0)
			buf_add(b, amp, semi - amp + 1);
		if (b->len > FEED_MAX_ENTITY) {
			feed_fail(p, 1, "entity expansion exceeds %d bytes",
			    FEED_MAX_ENTITY);
			return -1;
		}
		s = semi + 1;
	}
	return 1;
}

static void
entity_dealloc(void *payload, const xmlChar *name)
{
	xmlEntityPtr	 e = payload;

	(void)name;
	/* libxml2 declares the name const; entity_new allocated it. */
	free((void *)(uintptr_t)e->name);
	free(e->content);
	free(e);
}

static xmlEntityPtr
entity_new(const xmlChar *name, const char *content, size_t len, int etype)
{
	xmlEntityPtr	 e;

	e = xcalloc(1, sizeof(*e));
	e->type = XML_ENTITY_DECL;
	e->name = (const xmlChar *)xstrdup((const char *)name);
	e->content = (xmlChar *)xstrndup(content ? content : "", len);
	e->length = (int)len;
	e->etype = etype;
	e->checked = 2;		/* libxml2: already checked, no '<' */
	return e;
}

static void **
table(void **t)
{
	if (*t == NULL && (*t = xmlHashCreate(16)) == NULL)
		fatalx("xmlHashCreate: out of memory");
	return t;
}

/* In an attribute: let "&name;" through verbatim for attr_value(). */
static xmlEntityPtr
entity_for_attr(struct feed_parser *p, const xmlChar *name)
{
	xmlEntityPtr	 e;
	struct buf	 b;

	if ((e = xmlHashLookup(*table(&p->ent_attr), name)) != NULL)
		return e;
	buf_init(&b);
	if (resolve_name(p, (const char *)name, &b, 0) != 1) {
		buf_free(&b);
		return NULL;
	}
	buf_free(&b);
	e = entity_new(name, "", 0, XML_INTERNAL_GENERAL_ENTITY);
	xmlHashAddEntry(p->ent_attr, name, e);
	return e;
}

xmlEntityPtr
entity_get(void *arg, const xmlChar *name)
{
	struct feed_parser	*p = arg;
	xmlEntityPtr		 e;
	struct buf		 b;

	if (p->stopped || p->ctxt->inSubset != 0)
		return NULL;
	if (p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE)
		return entity_for_attr(p, name);
	if ((e = xmlHashLookup(*table(&p->ent_text), name)) == NULL) {
		buf_init(&b);
		switch (resolve_name(p, (const char *)name, &b, 0)) {
		case -1:
			buf_free(&b);
			return NULL;
		case 0:
			/* Unknown: keep the text as written, like browsers. */
			buf_printf(&b, "&%s;", (const char *)name);
			break;
		}
		e = entity_new(name, b.d, b.len,
		    XML_INTERNAL_PREDEFINED_ENTITY);
		buf_free(&b);
		xmlHashAddEntry(p->ent_text, name, e);
	}
	/* Each reference costs its length: many small ones add up. */
	p->ent_out += e->length;
	if (p->ent_out > FEED_MAX_ENTITY_OUT) {
		feed_fail(p, 1, "entity references expand to more than %d "
		    "bytes", FEED_MAX_ENTITY_OUT);
		return NULL;
	}
	return e;
}

/*
 * An attribute value as libxml2 hands it to SAX2 without substitution:
 * '&' arrives as "&#38;" and other references as written.  In recovery
 * mode invalid bytes can come through too, so the result is cleaned.
 */
char *
attr_value(struct feed_parser *p, const xmlChar *v, const xmlChar *end)
{
	struct buf	 raw, b;
	const xmlChar	*c;

	/* Most values are plain printable ASCII: take them as they are. */
	for (c = v; c < end && *c > ' ' && *c < 0x7f && *c != '&'; c++)
		;
	if (c == end)
		return xstrndup((const char *)v, end - v);
	buf_init(&raw);
	buf_init(&b);
	if (memchr(v, '&', end - v) == NULL)
		text_clean((const char *)v, end - v, &b, 1);
	else if (expand(p, v, end - v, &raw, 0) != -1)
		text_clean(raw.d, raw.len, &b, 1);
	buf_free(&raw);
	return buf_release(&b);
}

/*
 * A bare '&' in an attribute ("?a=1&b=2") is dropped by libxml2 together
 * with the name after it.  The start tag is still whole in libxml2's input
 * buffer when the element starts, so read the value from there.
 */
char *
attr_raw(struct feed_parser *p, const char *name)
{
	xmlParserInputPtr	 in = p->ctxt->input;
	const char		*s, *e, *n0, *q, *base;
	size_t			 nl = strlen(name);
	char			 quote;

	if (in == NULL || in->cur == NULL || in->base == NULL)
		return NULL;
	base = (const char *)in->base;
	e = (const char *)in->cur;
	for (s = e; s > base && s[-1] != '<' && e - s < 65536; s--)
		;
	if (s == base || s[-1] != '<')
		return NULL;
	while (s < e && !isspace((unsigned char)*s) && *s != '>' && *s != '/')
		s++;
	for (;;) {
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (s >= e || *s == '>' || *s == '/')
			return NULL;
		for (n0 = s; s < e && *s != '=' && !isspace((unsigned char)*s) &&
		    *s != '>'; s++)
			;
		q = s;
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (s >= e || *s++ != '=')
			return NULL;
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (s >= e || (*s != '"' && *s != '\''))
			return NULL;
		quote = *s++;
		n0 = (size_t)(q - n0) == nl && memcmp(n0, name, nl) == 0 ?
		    s : NULL;
		if ((q = memchr(s, quote, e - s)) == NULL)
			return NULL;
		if (n0 != NULL)
			return attr_value(p, (const xmlChar *)n0,
			    (const xmlChar *)q);
		s = q + 1;
	}
}

void
entity_free(struct feed_parser *p)
{
	if (p->ent_text != NULL)
		xmlHashFree(p->ent_text, entity_dealloc);
	if (p->ent_attr != NULL)
		xmlHashFree(p->ent_attr, entity_dealloc);
	p->ent_text = p->ent_attr = NULL;
}
