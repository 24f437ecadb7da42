/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * feed_elem.c: elements, matched by namespace URI and local name, to the
 * fields of the feed and of its items.
 *
 * Every open element gets a frame saying what it is to us (its role).  A
 * field's text is captured while it is open and turned into plain text
 * when it closes; where several elements can fill one field (RSS <link>,
 * atom:link, a permalink <guid>), a priority decides and the first of
 * equal rank wins.  An item is handed to the callback when it closes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_int.h"

static const struct {
	const char	*uri;
	enum feed_ns	 ns;
} uris[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
	{ "http://backend.userland.com/rss2", NS_RSS },
	{ "http://backend.userland.com/rss", NS_RSS },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/elements/1.0/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
};

static const struct {
	const char	*name;
	enum feed_el	 el;
} names[] = {
	{ "rss", EL_RSS }, { "RDF", EL_RDF }, { "channel", EL_CHANNEL },
	{ "item", EL_ITEM }, { "feed", EL_FEED }, { "entry", EL_ENTRY },
	{ "title", EL_TITLE }, { "link", EL_LINK },
	{ "description", EL_DESCRIPTION }, { "guid", EL_GUID },
	{ "pubDate", EL_PUBDATE }, { "author", EL_AUTHOR },
	{ "creator", EL_CREATOR }, { "category", EL_CATEGORY },
	{ "subject", EL_SUBJECT }, { "enclosure", EL_ENCLOSURE },
	{ "content", EL_CONTENT }, { "encoded", EL_ENCODED },
	{ "summary", EL_SUMMARY }, { "id", EL_ID },
	{ "published", EL_PUBLISHED }, { "updated", EL_UPDATED },
	{ "issued", EL_ISSUED }, { "modified", EL_MODIFIED },
	{ "created", EL_CREATED }, { "date", EL_DATE }, { "name", EL_NAME },
	{ "email", EL_EMAIL }, { "ttl", EL_TTL }, { "source", EL_SOURCE },
	{ "body", EL_BODY }, { "group", EL_GROUP },
	{ "identifier", EL_IDENTIFIER }, { "contributor", EL_CONTRIBUTOR },
	{ "image", EL_IMAGE }, { "textinput", EL_TEXTINPUT },
	{ "player", EL_PLAYER }, { "fullitem", EL_FULLITEM },
	{ "tags", EL_TAGS }, { "keywords", EL_KEYWORDS },
};

/* libxml2 interns names, so a pointer identifies a string: cache on it. */
static size_t
slot(const xmlChar *key, size_t n)
{
	/* Interned names sit a few bytes apart: mix all the bits. */
	return (size_t)(((uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15ULL) >>
	    40) % n;
}

static int
cached(struct ns_cache *c, size_t n, const xmlChar *key, int *id)
{
	struct ns_cache	*e = &c[slot(key, n)];

	if (e->key == key) {
		*id = e->id;
		return 1;
	}
	return 0;
}

static void
cache(struct ns_cache *c, size_t n, const xmlChar *key, int id)
{
	struct ns_cache	*e = &c[slot(key, n)];

	e->key = key;
	e->id = id;
}

/*
 * Feeds in the wild write namespace names in any case and with stray
 * white space ("http://www.itunes.com/DTDs/PodCast-1.0.dtd"); feedparser
 * matches them case-blind, and so do we.
 */
static int
same_uri(const char *uri, const char *known)
{
	size_t	 n = strlen(known);

	while (*uri == ' ' || *uri == '\t' || *uri == '\n' || *uri == '\r')
		uri++;
	if (strncasecmp(uri, known, n) != 0)
		return 0;
	for (uri += n; *uri != '\0'; uri++)
		if (*uri != ' ' && *uri != '\t' && *uri != '\n' && *uri != '\r')
			return 0;
	return 1;
}

static int
ns_of(struct feed_parser *p, const xmlChar *uri)
{
	size_t	 i;
	int	 id = NS_OTHER;

	if (uri == NULL)
		return p->plain_ns;
	if (uri == p->rss_uri)
		return NS_RSS;
	if (uri == p->atom_uri)
		return NS_ATOM;
	if (cached(p->uri_cache, 16, uri, &id))
		return id;
	for (i = 0; i < sizeof(uris) / sizeof(uris[0]); i++)
		if (same_uri((const char *)uri, uris[i].uri)) {
			id = uris[i].ns;
			break;
		}
	cache(p->uri_cache, 16, uri, id);
	return id;
}

static int
el_of(struct feed_parser *p, const xmlChar *local)
{
	size_t	 i;
	int	 id = EL_OTHER;

	if (cached(p->name_cache, 64, local, &id))
		return id;
	/* Case-blind: "pubdate" and "PubDate" are seen in the wild. */
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp((const char *)local, names[i].name) == 0) {
			id = names[i].el;
			break;
		}
	cache(p->name_cache, 64, local, id);
	return id;
}

static int
is_atom(int ns)
{
	return ns == NS_ATOM || ns == NS_ATOM03;
}

/* SAX2 attributes come as (local, prefix, URI, value, end) quintuples. */
static const xmlChar **
attr_find(int nattrs, const xmlChar **attrs, const char *name, int ns,
    struct feed_parser *p)
{
	int	 i;

	for (i = 0; i < nattrs; i++, attrs += 5) {
		if (strcmp((const char *)attrs[0], name) != 0)
			continue;
		if (ns == NS_OTHER ? attrs[2] == NULL :
		    attrs[2] != NULL && ns_of(p, attrs[2]) == ns)
			return attrs;
	}
	return NULL;
}

/* An unqualified attribute's value, decoded; NULL when absent. */
static char *
attr_get(struct feed_parser *p, int nattrs, const xmlChar **attrs,
    const char *name)
{
	const xmlChar	**a;
	char		 *v;

	if ((a = attr_find(nattrs, attrs, name, NS_OTHER, p)) == NULL)
		return NULL;
	if (p->attr_amp && (v = attr_raw(p, name)) != NULL)
		return v;
	return attr_value(p, a[3], a[4]);
}

/* Replace *dst with val if val ranks higher; val is consumed. */
static void
set_str(char **dst, int *prio, char *val, int vprio)
{
	if (val == NULL || *val == '\0' || (*dst != NULL && *prio >= vprio)) {
		free(val);
		return;
	}
	free(*dst);
	*dst = val;
	*prio = vprio;
}

static void
set_date(int64_t *dst, int *prio, const char *raw, int vprio)
{
	int64_t	 t;

	/* Of equal rank the last wins, as in feedparser. */
	if (*dst != DATE_NONE && *prio > vprio)
		return;
	if ((t = date_parse(raw)) == DATE_NONE)
		return;
	*dst = t;
	*prio = vprio;
}

static void
add_category(struct feed_parser *p, char *s)
{
	if (s != NULL && *s != '\0' && p->item.categories.n < FEED_MAX_LIST)
		strlist_add_unique(&p->item.categories, s);
	free(s);
}

/* <tags>tag one, tag two</tags> */
static void
tags_add(struct feed_parser *p, const char *v)
{
	const char	*c, *e;

	for (c = v; c != NULL && *c != '\0'; c = *e ? e + 1 : e) {
		if ((e = strchr(c, ',')) == NULL)
			e = c + strlen(c);
		add_category(p, text_plain(c, e - c));
	}
}

static void
add_enclosure(struct feed_parser *p, char *url, char *type, char *len)
{
	struct item		*it = &p->item;
	struct enclosure	*e;
	char			*end;
	long long		 n = -1;

	if (url == NULL || *url == '\0' || it->nenclosures >= FEED_MAX_LIST) {
		free(url);
		free(type);
		free(len);
		return;
	}
	if (len != NULL) {
		n = strtoll(len, &end, 10);
		if (end == len || *end != '\0' || n < 0)
			n = -1;
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof(*it->enclosures));
	e = &it->enclosures[it->nenclosures++];
	e->url = link_resolve(p, url);
	e->type = type != NULL && *type != '\0' ? type : NULL;
	if (e->type == NULL)
		free(type);
	e->length = n;
	free(url);
	free(len);
}

static int	capture(struct feed_parser *, enum feed_field, enum feed_text,
		    int);

/* An HTML page is the alternate a reader wants. */
static int
link_prio(const char *type)
{
	return type == NULL || strcmp(type, "text/html") == 0 ||
	    strcmp(type, "application/xhtml+xml") == 0 ? 3 : 2;
}

/*
 * <atom:link>: rel="alternate" (the default) or "enclosure".  Without
 * href (seen in Atom 0.3) the URL is the element's text.
 */
static int
atom_link(struct feed_parser *p, int level, int nattrs,
    const xmlChar **attrs)
{
	char	*rel, *href, *type;
	int	 prio, role = R_IGNORE;

	href = attr_get(p, nattrs, attrs, "href");
	rel = attr_get(p, nattrs, attrs, "rel");
	type = attr_get(p, nattrs, attrs, "type");
	prio = link_prio(type);
	if (href == NULL) {
		if (rel == NULL || strcmp(rel, "alternate") == 0)
			role = capture(p, F_LINK, T_RAW, prio);
	} else if (rel == NULL || strcmp(rel, "alternate") == 0) {
		if (level == 0)
			set_str(&p->meta.link, &p->meta_prio[F_LINK],
			    link_resolve(p, href), prio);
		else
			set_str(&p->item.link, &p->prio[F_LINK],
			    link_resolve(p, href), prio);
	} else if (strcmp(rel, "enclosure") == 0 && level == 1) {
		add_enclosure(p, href, type,
		    attr_get(p, nattrs, attrs, "length"));
		href = type = NULL;
	}
	free(rel);
	free(href);
	free(type);
	return role;
}

/* Atom's type="text|html|xhtml" (1.0) or MIME type and mode (0.3). */
static enum feed_text
atom_type(struct feed_parser *p, int nattrs, const xmlChar **attrs)
{
	char		*type, *mode;
	enum feed_text	 t;

	type = attr_get(p, nattrs, attrs, "type");
	mode = attr_get(p, nattrs, attrs, "mode");
	/* Atom 0.3 mode="base64": decoded first, then read by its type. */
	p->next_base64 = mode != NULL && strcmp(mode, "base64") == 0;
	if (type == NULL || *type == '\0' || strcmp(type, "text") == 0 ||
	    strcmp(type, "text/plain") == 0)
		t = T_TEXT;
	else if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
		t = T_HTML;
	else if (strcmp(type, "xhtml") == 0 || strstr(type, "xml") != NULL)
		t = T_XHTML;
	else if (strncmp(type, "text/", 5) == 0)
		t = T_TEXT;
	else {
		/* Any other MIME type is base64 (RFC 4287 4.1.3.3). */
		p->next_base64 = 1;
		t = T_BINARY;
	}
	free(type);
	free(mode);
	return t;
}

static int
capture(struct feed_parser *p, enum feed_field f, enum feed_text t, int prio)
{
	p->cap_base64 = p->next_base64 && t != T_DROP;
	p->next_base64 = 0;
	p->capturing = 1;
	p->cap_depth = p->depth;
	p->cap_field = f;
	p->cap_type = t;
	p->cap_prio = prio;
	p->cap_children = 0;
	p->cap_skip = 0;
	p->cap_truncated = 0;
	buf_reset(&p->text);
	return R_FIELD;
}

/*
 * The element mapping: one row per element, first match wins.  Level is
 * where it counts (L_FEED in <channel>/<feed>, L_ITEM in an item or a
 * media:group); priority decides between elements filling one field (the
 * first of equal rank wins).  T_ATOM means Atom's type attribute decides;
 * the F_A_* fields are attribute-driven and handled in rule_start().  A
 * new element is one row (and, if new, its name in names[]).
 */
#define L_FEED	1
#define L_ITEM	2
#define L_BOTH	3

static const struct elem_rule {
	unsigned char	 ns, el, level, field, text, prio;
} rules[] = {
	/* namespace	element		level	field		text	prio */
	{ NS_RSS,	EL_TITLE,	L_BOTH,	F_TITLE,	T_AUTO,	3 },
	{ NS_RSS,	EL_LINK,	L_BOTH,	F_LINK,		T_RAW,	4 },
	{ NS_RSS,	EL_TTL,		L_FEED,	F_TTL,		T_RAW,	1 },
	{ NS_RSS,	EL_DESCRIPTION,	L_ITEM,	F_DESC,		T_HTML,	3 },
	{ NS_RSS,	EL_SUMMARY,	L_ITEM,	F_DESC,		T_HTML,	3 },
	{ NS_RSS,	EL_FULLITEM,	L_ITEM,	F_CONTENT,	T_HTML,	2 },
	{ NS_RSS,	EL_CONTENT,	L_ITEM,	F_CONTENT,	T_AUTO,	1 },
	{ NS_RSS,	EL_GUID,	L_ITEM,	F_ID,		T_RAW,	3 },
	{ NS_RSS,	EL_PUBDATE,	L_ITEM,	F_PUBLISHED,	T_RAW,	3 },
	{ NS_RSS,	EL_AUTHOR,	L_ITEM,	F_AUTHOR,	T_AUTO,	3 },
	{ NS_RSS,	EL_CATEGORY,	L_ITEM,	F_CATEGORY,	T_AUTO,	1 },
	{ NS_RSS,	EL_TAGS,	L_ITEM,	F_TAGS,		T_AUTO,	1 },
	{ NS_RSS,	EL_BODY,	L_ITEM,	F_CONTENT,	T_XHTML, 2 },
	{ NS_RSS,	EL_ENCLOSURE,	L_ITEM,	F_A_ENCLOSURE,	T_RAW,	0 },
	{ NS_ATOM,	EL_TITLE,	L_BOTH,	F_TITLE,	T_ATOM,	3 },
	{ NS_ATOM,	EL_LINK,	L_BOTH,	F_A_LINK,	T_RAW,	0 },
	{ NS_ATOM,	EL_AUTHOR,	L_BOTH,	F_A_PERSON,	T_RAW,	0 },
	{ NS_ATOM,	EL_ID,		L_ITEM,	F_ID,		T_RAW,	3 },
	{ NS_ATOM,	EL_SUMMARY,	L_ITEM,	F_SUMMARY,	T_ATOM,	3 },
	{ NS_ATOM,	EL_CONTENT,	L_ITEM,	F_CONTENT,	T_ATOM,	3 },
	{ NS_ATOM,	EL_PUBLISHED,	L_ITEM,	F_PUBLISHED,	T_RAW,	3 },
	{ NS_ATOM,	EL_ISSUED,	L_ITEM,	F_PUBLISHED,	T_RAW,	3 },
	{ NS_ATOM,	EL_CREATED,	L_ITEM,	F_PUBLISHED,	T_RAW,	2 },
	{ NS_ATOM,	EL_UPDATED,	L_ITEM,	F_UPDATED,	T_RAW,	3 },
	{ NS_ATOM,	EL_MODIFIED,	L_ITEM,	F_UPDATED,	T_RAW,	3 },
	{ NS_ATOM,	EL_CATEGORY,	L_ITEM,	F_A_TERM,	T_RAW,	0 },
	{ NS_DC,	EL_TITLE,	L_BOTH,	F_TITLE,	T_AUTO,	2 },
	{ NS_DC,	EL_CREATOR,	L_ITEM,	F_AUTHOR,	T_AUTO,	2 },
	{ NS_DC,	EL_AUTHOR,	L_ITEM,	F_AUTHOR,	T_AUTO,	2 },
	{ NS_DC,	EL_DATE,	L_ITEM,	F_UPDATED,	T_RAW,	2 },
	{ NS_DC,	EL_SUBJECT,	L_ITEM,	F_CATEGORY,	T_AUTO,	1 },
	{ NS_DC,	EL_DESCRIPTION,	L_ITEM,	F_SUMMARY,	T_AUTO,	2 },
	{ NS_DC,	EL_IDENTIFIER,	L_ITEM,	F_ID,		T_RAW,	1 },
	{ NS_DCTERMS,	EL_ISSUED,	L_ITEM,	F_PUBLISHED,	T_RAW,	2 },
	{ NS_DCTERMS,	EL_CREATED,	L_ITEM,	F_PUBLISHED,	T_RAW,	1 },
	{ NS_DCTERMS,	EL_MODIFIED,	L_ITEM,	F_UPDATED,	T_RAW,	2 },
	{ NS_CONTENT,	EL_ENCODED,	L_ITEM,	F_CONTENT,	T_HTML,	3 },
	{ NS_XHTML,	EL_BODY,	L_ITEM,	F_CONTENT,	T_XHTML, 2 },
	{ NS_ITUNES,	EL_AUTHOR,	L_ITEM,	F_AUTHOR,	T_AUTO,	1 },
	{ NS_ITUNES,	EL_SUMMARY,	L_ITEM,	F_SUMMARY,	T_AUTO,	1 },
	{ NS_ITUNES,	EL_KEYWORDS,	L_ITEM,	F_TAGS,		T_AUTO,	1 },
	{ NS_ITUNES,	EL_CATEGORY,	L_ITEM,	F_A_TEXTCAT,	T_RAW,	0 },
	{ NS_MEDIA,	EL_GROUP,	L_ITEM,	F_A_GROUP,	T_RAW,	0 },
	{ NS_MEDIA,	EL_TITLE,	L_ITEM,	F_TITLE,	T_AUTO,	1 },
	{ NS_MEDIA,	EL_CATEGORY,	L_ITEM,	F_CATEGORY,	T_AUTO,	1 },
	{ NS_MEDIA,	EL_DESCRIPTION,	L_ITEM,	F_DESC,		T_AUTO,	1 },
	{ NS_MEDIA,	EL_PLAYER,	L_ITEM,	F_A_PLAYER,	T_RAW,	0 },
};

/*
 * The first row for each namespace, element and level, plus one (0: none),
 * made once from rules[]: asking the rows in turn for each of an item's
 * elements was 3.5 M instructions of sanctionctl parse over bench_parse's
 * 200 feeds (callgrind, 36,000 elements).
 */
static unsigned char	 rule_at[NS_XML + 1][EL_KEYWORDS + 1][2];
_Static_assert(sizeof(rules) / sizeof(rules[0]) < 256, "rule_at[] is bytes");

void
elem_init(void)
{
	size_t	 i;
	int	 lv;

	for (i = sizeof(rules) / sizeof(rules[0]); i-- > 0;)
		for (lv = 0; lv < 2; lv++)
			if (rules[i].level & (lv == 0 ? L_FEED : L_ITEM))
				rule_at[rules[i].ns][rules[i].el][lv] = i + 1;
}

static const struct elem_rule *
rule_of(int ns, int el, int level)
{
	int	 i;

	if (ns == NS_ATOM03)
		ns = NS_ATOM;	/* one vocabulary, two namespaces */
	i = rule_at[ns][el][level == L_FEED ? 0 : 1];
	return i > 0 ? &rules[i - 1] : NULL;
}

/* <atom:category term=...>, <itunes:category text=...>. */
static void
attr_category(struct feed_parser *p, int nattrs, const xmlChar **attrs,
    const char *name, const char *alt)
{
	char	*s;

	s = attr_get(p, nattrs, attrs, name);
	if ((s == NULL || *s == '\0') && alt != NULL) {
		free(s);
		s = attr_get(p, nattrs, attrs, alt);
	}
	add_category(p, s ? text_plain(s, strlen(s)) : NULL);
	free(s);
}

/* What the attributes decide: the role of the element, or a capture. */
static int
rule_start(struct feed_parser *p, const struct elem_rule *r, int level,
    int nattrs, const xmlChar **attrs)
{
	enum feed_text	 t = r->text;
	char		*s;

	switch (r->field) {
	case F_A_LINK:
		return atom_link(p, level, nattrs, attrs);
	case F_A_PERSON:
		free(p->person_name);
		free(p->person_email);
		p->person_name = p->person_email = NULL;
		return R_PERSON;
	case F_A_ENCLOSURE:
		add_enclosure(p, attr_get(p, nattrs, attrs, "url"),
		    attr_get(p, nattrs, attrs, "type"),
		    attr_get(p, nattrs, attrs, "length"));
		return R_IGNORE;
	case F_A_TERM:
		attr_category(p, nattrs, attrs, "term", "label");
		return R_IGNORE;
	case F_A_TEXTCAT:
		/* Nested ones are subcategories: read them too. */
		attr_category(p, nattrs, attrs, "text", NULL);
		return R_GROUP;
	case F_A_GROUP:
		return R_GROUP;
	case F_A_PLAYER:
		if ((s = attr_get(p, nattrs, attrs, "url")) != NULL) {
			set_str(&p->item.link, &p->prio[F_LINK],
			    link_resolve(p, s), 1);
			free(s);
		}
		return R_IGNORE;
	}
	if (r->el == EL_GUID) {
		s = attr_get(p, nattrs, attrs, "isPermaLink");
		p->guid_perma = s == NULL || strcasecmp(s, "true") == 0;
		free(s);
	}
	if (t == T_ATOM)
		t = atom_type(p, nattrs, attrs);
	/* Out-of-line content (src=) has no text here. */
	if (r->field == F_CONTENT && r->ns == NS_ATOM &&
	    (s = attr_get(p, nattrs, attrs, "src")) != NULL) {
		free(s);
		t = T_DROP;
	}
	return capture(p, r->field, t, r->prio);
}

static int
field_role(struct feed_parser *p, int ns, int el, int level, int nattrs,
    const xmlChar **attrs)
{
	const struct elem_rule	*r;

	if ((r = rule_of(ns, el, level == 0 ? L_FEED : L_ITEM)) == NULL)
		return R_IGNORE;
	return rule_start(p, r, level, nattrs, attrs);
}

static void
item_begin(struct feed_parser *p, int nattrs, const xmlChar **attrs)
{
	const xmlChar	**a;

	if (p->nitems >= FEED_MAX_ITEMS) {
		feed_item_cap(p);
		return;
	}
	item_free(&p->item);
	memset(p->prio, 0, sizeof(p->prio));
	free(p->guid_link);
	p->guid_link = NULL;
	p->in_item = 1;
	/* RSS 1.0: <item rdf:about="..."> names the item. */
	if ((a = attr_find(nattrs, attrs, "about", NS_RDF, p)) != NULL)
		set_str(&p->item.id, &p->prio[F_ID],
		    attr_value(p, a[3], a[4]), 2);
}

static int
root_role(struct feed_parser *p, int ns, int el, const xmlChar *local,
    const xmlChar *uri)
{
	/*
	 * Sloppy feeds: <rss xmlns="something else"> is still RSS, and a
	 * <feed> without a namespace is meant to be Atom.
	 */
	if (ns == NS_OTHER && el == EL_RSS) {
		p->rss_uri = uri;
		ns = NS_RSS;
	} else if (ns == NS_OTHER && uri != NULL && el == EL_FEED) {
		p->atom_uri = uri;
		ns = NS_ATOM;
	} else if (uri == NULL && el == EL_FEED) {
		p->plain_ns = NS_ATOM;
		ns = NS_ATOM;
	}
	if ((ns == NS_RSS && (el == EL_RSS || el == EL_CHANNEL)) ||
	    (ns == NS_RDF && el == EL_RDF) || (is_atom(ns) && el == EL_FEED) ||
	    (ns == NS_ATOM && el == EL_ENTRY)) {
		p->is_feed = 1;
		return el == EL_CHANNEL || el == EL_FEED ? R_CHANNEL :
		    el == EL_ENTRY ? R_ITEM : R_ROOT;
	}
	/* This is the whole story: earlier complaints are noise. */
	free(p->error);
	if (strcasecmp((const char *)local, "html") == 0)
		p->error = xstrdup("not a feed: an HTML page");
	else
		xasprintf(&p->error, "not a feed: the root element is <%s>",
		    (const char *)local);
	feed_fail(p, 1, "%s", p->error);
	return R_IGNORE;
}

static int
child_role(struct feed_parser *p, const struct feed_frame *parent, int ns,
    int el, int nattrs, const xmlChar **attrs)
{
	switch (parent->role) {
	case R_ROOT:
		if (ns == NS_RSS && el == EL_CHANNEL)
			return R_CHANNEL;
		if (ns == NS_RSS && el == EL_ITEM)
			return R_ITEM;
		return R_IGNORE;
	case R_CHANNEL:
		/* An Atom feed's <item> is an entry, as feedparser reads it. */
		if ((ns == NS_RSS && el == EL_ITEM) ||
		    (is_atom(ns) && (el == EL_ENTRY || el == EL_ITEM)))
			return R_ITEM;
		return field_role(p, ns, el, 0, nattrs, attrs);
	case R_ITEM:
	case R_GROUP:
		return field_role(p, ns, el, 1, nattrs, attrs);
	case R_PERSON:
		if (is_atom(ns) && el == EL_NAME)
			return capture(p, F_PERSON_NAME, T_TEXT, 1);
		if (is_atom(ns) && el == EL_EMAIL)
			return capture(p, F_PERSON_EMAIL, T_TEXT, 1);
		return R_IGNORE;
	}
	return R_IGNORE;
}

/* text_tag_kind(): 1 a block (a word break), 2 no text (<script>). */
static int
markup_kind(struct feed_parser *p, const xmlChar *name)
{
	int	 kind;

	if (!cached(p->markup_cache, 32, name, &kind)) {
		kind = text_tag_kind((const char *)name,
		    strlen((const char *)name));
		cache(p->markup_cache, 32, name, kind);
	}
	return kind;
}

void
elem_start(struct feed_parser *p, const xmlChar *local, const xmlChar *uri,
    int nattrs, const xmlChar **attrs)
{
	struct feed_frame	*f, *parent;
	const xmlChar		**a;
	char			*v;
	int			 ns, el, role;

	if (p->depth >= FEED_MAX_DEPTH) {
		feed_fail(p, 1, "elements nest deeper than %d",
		    FEED_MAX_DEPTH);
		return;
	}
	parent = p->depth > 0 ? &p->stack[p->depth - 1] : NULL;
	f = &p->stack[p->depth++];
	memset(f, 0, sizeof(*f));
	f->name = local;
	f->base = parent != NULL ? parent->base : -1;
	f->level = parent != NULL ? parent->level : 0;
	if (parent != NULL && parent->role == R_IGNORE) {
		f->role = R_IGNORE;	/* the fast path: nothing to see */
		return;
	}
	if (parent != NULL && (parent->role == R_FIELD ||
	    parent->role == R_MARKUP)) {
		f->role = R_MARKUP;
		p->cap_children = 1;
		switch (markup_kind(p, local)) {
		case 1:
			buf_addc(&p->text, ' ');
			break;
		case 2:
			/* Inline XHTML script is code, not text: skip it. */
			if (p->cap_skip == 0)
				p->cap_skip = p->depth;
			break;
		}
		return;
	}
	if ((a = attr_find(nattrs, attrs, "base", NS_XML, p)) != NULL) {
		v = attr_value(p, a[3], a[4]);
		base_push(p, f, v);
		free(v);
	}
	f->ns = ns = ns_of(p, uri);
	f->el = el = el_of(p, local);
	if (parent == NULL) {
		p->seen_root = 1;
		role = root_role(p, ns, el, local, uri);
		f->ns = p->plain_ns == NS_ATOM ? NS_ATOM : f->ns;
	}
	else
		role = child_role(p, parent, ns, el, nattrs, attrs);
	if (role == R_ITEM) {
		f->level = 1;
		item_begin(p, nattrs, attrs);
	}
	f->role = role;
	if (role == R_FIELD)
		p->cap_level = f->level;
}

void
elem_chars(struct feed_parser *p, const xmlChar *s, int len)
{
	size_t	 room;

	if (p->cap_truncated || p->cap_skip != 0 || len <= 0)
		return;
	room = FEED_MAX_FIELD - p->text.len;
	if ((size_t)len > room) {
		buf_add(&p->text, s, room);
		p->cap_truncated = 1;
		feed_fail(p, 0, "a field longer than %d bytes was cut",
		    FEED_MAX_FIELD);
		return;
	}
	buf_add(&p->text, s, len);
}

/*
 * RSS titles may or may not be HTML; a closing tag or entity says so.
 * Most titles have no '<' and no '/': a memchr() for each rules out the
 * three memmem()s (callgrind, sanctionctl parse of 200 feeds: 10.4 M
 * instructions in memmem, 1.7% of the run).
 */
static int
auto_is_html(const char *s, size_t n)
{
	return (memchr(s, '<', n) != NULL && (memmem(s, n, "</", 2) != NULL ||
	    memmem(s, n, "<br", 3) != NULL)) || (memchr(s, '/', n) != NULL &&
	    memmem(s, n, "/>", 2) != NULL) ||
	    (memchr(s, '&', n) != NULL && text_looks_like_html(s, n));
}

/* Valid UTF-8 without control characters: text, not media bytes. */
static int
is_text(const char *s, size_t n)
{
	const unsigned char	*c = (const unsigned char *)s;
	size_t			 i, k, len;

	for (i = 0; i < n; i += len) {
		len = c[i] < 0x80 ? 1 : (c[i] & 0xe0) == 0xc0 ? 2 :
		    (c[i] & 0xf0) == 0xe0 ? 3 : (c[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n || (c[i] < 0x20 &&
		    c[i] != '\t' && c[i] != '\n' && c[i] != '\r') ||
		    c[i] == 0x7f)
			return 0;
		for (k = 1; k < len; k++)
			if ((c[i + k] & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/*
 * Base64 content, decoded in place; white space is skipped.  Text that is
 * not base64 (a stray character, '=' inside, a length no encoder makes),
 * or, with need_text, that decodes to bytes that are not text, is left
 * as it is and -1 returned: the feed mislabelled plain text, and
 * feedparser keeps the text in that case as well.
 */
static int
base64_decode(struct buf *b, int need_text)
{
	static const char	 alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const char		*c;
	char			*out;
	unsigned int		 acc = 0;
	size_t			 i, o = 0, n = 0, pad = 0;
	int			 bits = 0;

	for (i = 0; i < b->len; i++) {
		if (strchr(" \t\r\n", b->d[i]) != NULL)
			continue;
		if (b->d[i] == '=')
			pad++;
		else if (pad > 0 || memchr(alphabet, b->d[i], 64) == NULL)
			return -1;
		else
			n++;
	}
	if (n == 0 || n % 4 == 1 || pad > 2 || (pad > 0 && (n + pad) % 4 != 0))
		return -1;
	out = xmalloc(n * 3 / 4 + 1);
	for (i = 0; i < b->len; i++) {
		if ((c = memchr(alphabet, b->d[i], 64)) == NULL)
			continue;
		acc = (acc << 6) | (unsigned int)(c - alphabet);
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[o++] = (char)(acc >> bits);
		}
	}
	if (need_text && !is_text(out, o)) {
		free(out);
		return -1;
	}
	memcpy(b->d, out, o);
	free(out);
	b->len = o;
	b->d[o] = '\0';
	return 0;
}

static char *
field_text(struct feed_parser *p)
{
	const char	*s;
	size_t		 n;

	/* A title is never media: under a media type it is text if it reads. */
	if (p->cap_base64 && !p->cap_children && base64_decode(&p->text,
	    p->cap_field == F_TITLE) == 0 && p->cap_type == T_XHTML)
		p->cap_type = T_HTML;
	if (p->cap_type == T_BINARY) {
		/* Text under a media type is read; an image is not. */
		if (p->cap_children || !is_text(p->text.d, p->text.len))
			return NULL;
		p->cap_type = T_AUTO;
	}
	s = p->text.d ? p->text.d : "";
	n = p->text.len;
	switch (p->cap_type) {
	case T_DROP:
		return NULL;
	case T_HTML:
		/*
		 * Escaped HTML is markup even when a feed wraps it in an
		 * element it should not have (an xhtml div under type="html").
		 */
		return html_to_text(s, n);
	case T_AUTO:
		if (!p->cap_children && auto_is_html(s, n))
			return html_to_text(s, n);
		break;
	default:
		break;
	}
	return text_plain(s, n);
}

static void
guid_end(struct feed_parser *p, char *v)
{
	char	*l;

	if (p->guid_perma && v != NULL && *v != '\0') {
		l = link_resolve(p, v);
		if (link_is_absolute(l)) {
			free(p->guid_link);
			p->guid_link = l;
		} else
			free(l);
	}
	set_str(&p->item.id, &p->prio[F_ID], v, p->cap_prio);
}

static void
item_field_end(struct feed_parser *p, char *v)
{
	struct item	*it = &p->item;
	int		*prio = p->prio, pr = p->cap_prio;

	switch (p->cap_field) {
	case F_TITLE:
		set_str(&it->title, &prio[F_TITLE], v, pr);
		return;
	case F_LINK:
		set_str(&it->link, &prio[F_LINK], v ? link_resolve(p, v) :
		    NULL, pr);
		break;
	case F_ID:
		if (p->stack[p->depth - 1].el == EL_GUID &&
		    p->stack[p->depth - 1].ns == NS_RSS) {
			guid_end(p, v);
			return;
		}
		set_str(&it->id, &prio[F_ID], v, pr);
		return;
	case F_AUTHOR:
		set_str(&it->author, &prio[F_AUTHOR], v, pr);
		return;
	case F_SUMMARY:
		set_str(&it->summary, &prio[F_SUMMARY], v, pr);
		return;
	case F_CONTENT:
		set_str(&it->content, &prio[F_CONTENT], v, pr);
		return;
	case F_PUBLISHED:
		if (v != NULL)
			set_date(&it->published, &prio[F_PUBLISHED], v, pr);
		break;
	case F_UPDATED:
		if (v != NULL)
			set_date(&it->updated, &prio[F_UPDATED], v, pr);
		break;
	case F_DESC:
		/* The second of description and summary is the content. */
		if (it->summary != NULL && v != NULL && *v != '\0') {
			set_str(&it->content, &prio[F_CONTENT], v, pr);
			return;
		}
		set_str(&it->summary, &prio[F_SUMMARY], v, pr);
		return;
	case F_CATEGORY:
		add_category(p, v);
		return;
	case F_TAGS:
		tags_add(p, v);
		break;
	default:
		break;
	}
	free(v);
}

static void
meta_field_end(struct feed_parser *p, char *v)
{
	long long	 ttl;
	char		*end;

	switch (p->cap_field) {
	case F_TITLE:
		set_str(&p->meta.title, &p->meta_prio[F_TITLE], v,
		    p->cap_prio);
		return;
	case F_LINK:
		set_str(&p->meta.link, &p->meta_prio[F_LINK],
		    v ? link_resolve(p, v) : NULL, p->cap_prio);
		break;
	case F_TTL:
		if (v != NULL) {
			ttl = strtoll(v, &end, 10);
			if (end != v && *end == '\0' && ttl >= 0 &&
			    ttl < 1000000)
				p->meta.ttl = ttl * 60;
		}
		break;
	default:
		break;
	}
	free(v);
}

static void
field_end(struct feed_parser *p)
{
	char	*v;

	p->capturing = 0;
	v = field_text(p);
	if (p->cap_field == F_PERSON_NAME) {
		free(p->person_name);
		p->person_name = v;
	} else if (p->cap_field == F_PERSON_EMAIL) {
		free(p->person_email);
		p->person_email = v;
	} else if (p->cap_level == 1)
		item_field_end(p, v);
	else
		meta_field_end(p, v);
	/* A big value's buffer is not kept for the next small one. */
	if (p->text.cap > 65536)
		buf_free(&p->text);
}

/* Atom person: "name (email)", as feed readers have long shown it. */
static void
person_end(struct feed_parser *p, int level)
{
	char	*s = NULL;

	if (p->person_name != NULL && *p->person_name != '\0' &&
	    p->person_email != NULL && *p->person_email != '\0')
		xasprintf(&s, "%s (%s)", p->person_name, p->person_email);
	else if (p->person_name != NULL && *p->person_name != '\0')
		s = xstrdup(p->person_name);
	else if (p->person_email != NULL)
		s = xstrdup(p->person_email);
	if (level == 1)
		set_str(&p->item.author, &p->prio[F_AUTHOR], s, 3);
	else if (p->feed_author == NULL)
		p->feed_author = s;
	else
		free(s);
}

/*
 * A stable key when the feed gives none: FNV-1a of title and date, or
 * when it has neither, of the first of its text, its enclosure and its
 * author that it has (two podcast entries with nothing but an enclosure
 * must not be one item).
 */
static char *
derived_id(const struct item *it)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		 date[64], *id;
	const char	*parts[3];
	size_t		 i;
	const char	*c;

	date[0] = '\0';
	if (it->published != DATE_NONE)
		date_format(it->published, date, sizeof(date));
	else if (it->updated != DATE_NONE)
		date_format(it->updated, date, sizeof(date));
	parts[0] = it->title ? it->title : "";
	parts[1] = date;
	parts[2] = "";
	if (it->title == NULL && date[0] == '\0') {
		if (it->summary != NULL)
			parts[2] = it->summary;
		else if (it->content != NULL)
			parts[2] = it->content;
		else if (it->nenclosures > 0 && it->enclosures[0].url != NULL)
			parts[2] = it->enclosures[0].url;
		else if (it->author != NULL)
			parts[2] = it->author;
	}
	for (i = 0; i < 3; i++) {
		for (c = parts[i]; *c != '\0'; c++) {
			h ^= (unsigned char)*c;
			h *= 0x100000001b3ULL;
		}
		h ^= 0xff;
		h *= 0x100000001b3ULL;
	}
	xasprintf(&id, "urn:sanctiond:%016llx", (unsigned long long)h);
	return id;
}

static void
item_end(struct feed_parser *p)
{
	struct item	*it = &p->item;

	if (it->link == NULL && p->guid_link != NULL) {
		it->link = p->guid_link;
		p->guid_link = NULL;
	}
	if (it->id == NULL)
		it->id = it->link != NULL ? xstrdup(it->link) :
		    derived_id(it);
	if (it->author == NULL && p->feed_author != NULL)
		it->author = xstrdup(p->feed_author);
	p->in_item = 0;
	p->nitems++;
	if (p->cb != NULL)
		p->cb(&p->meta, it, p->arg);
	item_free(it);
}

void
elem_end(struct feed_parser *p, const xmlChar *local)
{
	struct feed_frame	*f;

	if (p->depth == 0)
		return;
	f = &p->stack[p->depth - 1];
	switch (f->role) {
	case R_MARKUP:
		if (p->cap_skip == p->depth)
			p->cap_skip = 0;
		else if (p->cap_skip == 0 && markup_kind(p, local) == 1)
			buf_addc(&p->text, ' ');
		break;
	case R_FIELD:
		if (p->capturing && p->cap_depth == p->depth)
			field_end(p);
		break;
	case R_PERSON:
		person_end(p, f->level);
		break;
	case R_ITEM:
		if (p->in_item)
			item_end(p);
		break;
	}
	base_pop(p, f);
	p->depth--;
}

void
elem_free(struct feed_parser *p)
{
	int	 i;

	buf_free(&p->text);
	item_free(&p->item);
	for (i = 0; i < p->nbases; i++)
		free(p->bases[i]);
	free(p->guid_link);
	free(p->person_name);
	free(p->person_email);
	free(p->feed_author);
}
