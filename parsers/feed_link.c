/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * feed_link.c: xml:base on any ancestor, and links resolved against it.
 *
 * Each element's base is its own xml:base resolved against its parent's;
 * the document's base is its URL when that is absolute (a fetched feed).
 * A link still relative after that is resolved against the feed's link.
 * libxml2's xmlBuildURI does the RFC 3986 work.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "feed_int.h"

int
link_is_absolute(const char *s)
{
	const char	*p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return *p == ':' && p > s;
}

static const char *
current_base(const struct feed_parser *p)
{
	const struct feed_frame	*f;

	if (p->depth > 0) {
		f = &p->stack[p->depth - 1];
		if (f->base >= 0)
			return p->bases[f->base];
	}
	return link_is_absolute(p->meta.url) ? p->meta.url : NULL;
}

/*
 * uri against base; NULL when either is unusable.  No fast path for plain
 * relative paths: a hand join was 3.1x faster than xmlBuildURI (129 against
 * 397 ns a link, bench/link_bench.c), but that is 0.27 us of an Atom
 * item's 7.8 us, 1.8% of bench_parse's corpus, lost in its noise.
 */
static char *
build(const char *uri, const char *base)
{
	xmlChar	*r;
	char	*s;

	if (base == NULL)
		return NULL;
	r = xmlBuildURI((const xmlChar *)uri, (const xmlChar *)base);
	if (r == NULL)
		return NULL;
	s = xstrdup((const char *)r);
	xmlFree(r);
	return s;
}

/* The frame f (already on the stack) carries xml:base="v". */
void
base_push(struct feed_parser *p, struct feed_frame *f, const char *v)
{
	const char	*parent;
	char		*b;

	if (p->nbases >= FEED_MAX_DEPTH)
		return;
	parent = NULL;
	if (p->depth > 1 && p->stack[p->depth - 2].base >= 0)
		parent = p->bases[p->stack[p->depth - 2].base];
	else if (link_is_absolute(p->meta.url))
		parent = p->meta.url;
	if ((b = build(v, parent)) == NULL)
		b = xstrdup(v);
	p->bases[p->nbases] = b;
	f->base = p->nbases++;
}

/* Drop the base the closing frame set, if it set one. */
void
base_pop(struct feed_parser *p, struct feed_frame *f)
{
	int	 parent = p->depth > 1 ? p->stack[p->depth - 2].base : -1;

	if (f->base >= 0 && f->base != parent && f->base == p->nbases - 1) {
		free(p->bases[f->base]);
		p->bases[f->base] = NULL;
		p->nbases--;
	}
}

/* A link as written (trimmed), resolved; a new string. */
char *
link_resolve(struct feed_parser *p, const char *raw)
{
	const char	*s = raw, *base;
	char		*t, *r;
	size_t		 n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	t = xstrndup(s, n);
	if (link_is_absolute(t))
		return t;
	base = current_base(p);
	if ((r = build(t, base)) != NULL) {
		free(t);
		t = r;
	}
	if (!link_is_absolute(t) && p->meta.link != NULL &&
	    link_is_absolute(p->meta.link) &&
	    (r = build(t, p->meta.link)) != NULL) {
		free(t);
		t = r;
	}
	return t;
}
