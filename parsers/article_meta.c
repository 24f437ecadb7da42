/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * article_meta.c: what a news page says of itself: canonical URL, title,
 * author, publication date and, in JSON-LD, often the article body.
 *
 * Where sources disagree the one publishers get right most often wins:
 * JSON-LD (what search engines read, so it is kept correct) before og: and
 * article: meta, before plain <meta name>, before <title> and <time>.
 * JSON is read by jansson; dates by date.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/uri.h>

#include "article_int.h"

#define JSONLD_MAX	(1024 * 1024)	/* a larger script is not metadata */
#define JSONLD_DEPTH	8

/* Metadata candidates by rank: a lower rank replaces a higher one. */
struct meta_pick {
	char	*v;
	int	 rank;
};

struct meta_state {
	struct meta_pick	 url, title, author, date, body, desc;
	int			 is_article;
	size_t			 nodes;
};

int
article_ieq(const xmlChar *a, const char *b)
{
	return a != NULL && strcasecmp((const char *)a, b) == 0;
}

/*
 * An attribute's value without copying it (NULL when absent).  libxml2's
 * HTML parser lowercases attribute and element names.
 */
const char *
article_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	 a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL || a->children->content == NULL)
			return "";
		return (const char *)a->children->content;
	}
	return NULL;
}

/* Folded, trimmed text; NULL when nothing is left. */
static char *
clean(const char *s, size_t len)
{
	struct buf	 b;
	char		*p;
	size_t		 i;

	buf_init(&b);
	text_clean(s, len, &b, 1);
	for (i = 0; i < b.len && b.d[i] == ' '; i++)
		;
	while (b.len > i && b.d[b.len - 1] == ' ')
		b.d[--b.len] = '\0';
	if (b.len == i) {
		buf_free(&b);
		return NULL;
	}
	p = xstrdup(b.d + i);
	buf_free(&b);
	return p;
}

static void
pick(struct meta_pick *p, const char *v, int rank)
{
	char	*c;

	if (v == NULL || (p->v != NULL && p->rank <= rank))
		return;
	if ((c = clean(v, strlen(v))) == NULL)
		return;
	free(p->v);
	p->v = c;
	p->rank = rank;
}

/* A date only when date.c can read all of it. */
static void
pick_date(struct meta_pick *p, const char *v, int rank)
{
	if (v != NULL && date_parse(v) != DATE_NONE)
		pick(p, v, rank);
}

/* Authors given as a URL (article:author often is) name no one. */
static void
pick_author(struct meta_pick *p, const char *v, int rank)
{
	if (v != NULL && strncasecmp(v, "http", 4) != 0)
		pick(p, v, rank);
}

static int
jsonld_is_article(json_t *o)
{
	json_t		*t, *v;
	const char	*s;
	size_t		 i, n;

	if ((t = json_object_get(o, "@type")) == NULL)
		return 0;
	n = json_is_array(t) ? json_array_size(t) : 1;
	for (i = 0; i < n; i++) {
		v = json_is_array(t) ? json_array_get(t, i) : t;
		if ((s = json_string_value(v)) == NULL)
			continue;
		if (strlen(s) >= 7 &&
		    strcasecmp(s + strlen(s) - 7, "Article") == 0)
			return 1;
		if (strcasecmp(s, "BlogPosting") == 0 ||
		    strcasecmp(s, "DiscussionForumPosting") == 0 ||
		    strcasecmp(s, "ReportageNewsArticle") == 0 ||
		    strcasecmp(s, "LiveBlogPosting") == 0 ||
		    strcasecmp(s, "WebPage") == 0)
			return strcasecmp(s, "WebPage") == 0 ? 2 : 1;
	}
	return 0;
}

/* "author": "A", {"name": "A"}, or a list of either: the first one. */
static const char *
jsonld_author(json_t *a)
{
	if (json_is_array(a))
		a = json_array_get(a, 0);
	if (json_is_string(a))
		return json_string_value(a);
	if (json_is_object(a))
		return json_string_value(json_object_get(a, "name"));
	return NULL;
}

static void
jsonld_article(struct meta_state *st, json_t *o, int rank)
{
	json_t	*v;

	pick(&st->title, json_string_value(json_object_get(o, "headline")),
	    rank);
	pick_date(&st->date,
	    json_string_value(json_object_get(o, "datePublished")), rank);
	pick_date(&st->date,
	    json_string_value(json_object_get(o, "dateCreated")), rank + 1);
	pick_author(&st->author, jsonld_author(json_object_get(o, "author")),
	    rank);
	pick(&st->body, json_string_value(json_object_get(o, "articleBody")),
	    rank);
	v = json_object_get(o, "mainEntityOfPage");
	if (json_is_object(v))
		v = json_object_get(v, "@id");
	pick(&st->url, json_string_value(v), rank + 2);
	pick(&st->url, json_string_value(json_object_get(o, "url")), rank + 3);
}

/* Articles anywhere in a JSON-LD value: arrays, @graph, nested. */
static void
jsonld_walk(struct meta_state *st, json_t *v, int depth)
{
	const char	*k;
	json_t		*e;
	size_t		 i;
	int		 kind;

	if (depth > JSONLD_DEPTH)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			jsonld_walk(st, e, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if ((kind = jsonld_is_article(v)) != 0) {
		/* An article beats the WebPage wrapped around it. */
		jsonld_article(st, v, kind == 1 ? 10 : 40);
		if (kind == 1)
			st->is_article = 1;
	}
	json_object_foreach(v, k, e) {
		if (json_is_array(e) || (json_is_object(e) &&
		    strcmp(k, "author") != 0 && strcmp(k, "publisher") != 0))
			jsonld_walk(st, e, depth + 1);
	}
}

static void
jsonld(struct meta_state *st, xmlNodePtr n)
{
	json_t		*v;
	json_error_t	 err;
	xmlChar		*s;

	if ((s = xmlNodeGetContent(n)) == NULL)
		return;
	if (strlen((char *)s) <= JSONLD_MAX &&
	    (v = json_loads((char *)s, JSON_DECODE_ANY |
	    JSON_ALLOW_NUL, &err)) != NULL) {
		jsonld_walk(st, v, 0);
		json_decref(v);
	}
	xmlFree(s);
}

static void
meta_tag(struct meta_state *st, xmlNodePtr n)
{
	const char	*k, *c;

	if ((c = article_attr(n, "content")) == NULL)
		return;
	if ((k = article_attr(n, "property")) == NULL &&
	    (k = article_attr(n, "name")) == NULL &&
	    (k = article_attr(n, "itemprop")) == NULL)
		return;
	if (strcasecmp(k, "og:title") == 0)
		pick(&st->title, c, 20);
	else if (strcasecmp(k, "twitter:title") == 0)
		pick(&st->title, c, 25);
	else if (strcasecmp(k, "og:description") == 0)
		pick(&st->desc, c, 20);
	else if (strcasecmp(k, "twitter:description") == 0)
		pick(&st->desc, c, 25);
	else if (strcasecmp(k, "og:url") == 0)
		pick(&st->url, c, 30);
	else if (strcasecmp(k, "og:type") == 0 &&
	    strcasecmp(c, "article") == 0)
		st->is_article = 1;
	else if (strcasecmp(k, "article:published_time") == 0 ||
	    strcasecmp(k, "datePublished") == 0)
		pick_date(&st->date, c, 20);
	else if (strcasecmp(k, "pubdate") == 0 ||
	    strcasecmp(k, "publishdate") == 0 ||
	    strcasecmp(k, "date") == 0 ||
	    strcasecmp(k, "dc.date") == 0 ||
	    strcasecmp(k, "dc.date.issued") == 0 ||
	    strcasecmp(k, "sailthru.date") == 0 ||
	    strcasecmp(k, "parsely-pub-date") == 0)
		pick_date(&st->date, c, 30);
	else if (strcasecmp(k, "author") == 0 ||
	    strcasecmp(k, "article:author") == 0 ||
	    strcasecmp(k, "dc.creator") == 0 ||
	    strcasecmp(k, "parsely-author") == 0 ||
	    strcasecmp(k, "sailthru.author") == 0)
		pick_author(&st->author, c, 20);
}

static void
node_text_pick(struct meta_pick *p, xmlNodePtr n, int rank)
{
	xmlChar	*s;

	if (p->v != NULL && p->rank <= rank)
		return;
	if ((s = xmlNodeGetContent(n)) == NULL)
		return;
	if (strlen((char *)s) < 200)
		pick(p, (char *)s, rank);
	xmlFree(s);
}

static void
element(struct meta_state *st, xmlNodePtr n)
{
	const char	*name = (const char *)n->name, *v;

	if (strcmp(name, "meta") == 0)
		meta_tag(st, n);
	else if (strcmp(name, "link") == 0) {
		if ((v = article_attr(n, "rel")) != NULL &&
		    strcasecmp(v, "canonical") == 0)
			pick(&st->url, article_attr(n, "href"), 20);
	} else if (strcmp(name, "script") == 0) {
		if ((v = article_attr(n, "type")) != NULL &&
		    strcasecmp(v, "application/ld+json") == 0)
			jsonld(st, n);
	} else if (strcmp(name, "title") == 0)
		node_text_pick(&st->title, n, 50);
	else if (strcmp(name, "h1") == 0)
		node_text_pick(&st->title, n, 60);
	else if (strcmp(name, "time") == 0)
		pick_date(&st->date, article_attr(n, "datetime"), 60);
	if ((v = article_attr(n, "itemprop")) != NULL) {
		if (strcasecmp(v, "datePublished") == 0)
			pick_date(&st->date, article_attr(n, "datetime"), 25);
		else if (strcasecmp(v, "author") == 0)
			node_text_pick(&st->author, n, 40);
		else if (strcasecmp(v, "headline") == 0)
			node_text_pick(&st->title, n, 30);
	}
	if ((v = article_attr(n, "rel")) != NULL &&
	    strcasecmp(v, "author") == 0 && strcmp(name, "a") == 0)
		node_text_pick(&st->author, n, 45);
}

/* Every element, depth first, without recursion and within the caps. */
static void
walk(struct meta_state *st, xmlNodePtr root)
{
	xmlNodePtr	 n = root;
	int		 depth = 0;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			element(st, n);
			if (n->children != NULL &&
			    depth < ARTICLE_MAX_DEPTH &&
			    ++st->nodes < ARTICLE_MAX_NODES) {
				n = n->children;
				depth++;
				continue;
			}
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

/* A relative canonical link against the page's own address. */
static char *
resolve(char *v, const char *base)
{
	xmlChar	*r;
	char	*out;

	if (v == NULL || base == NULL ||
	    (r = xmlBuildURI((const xmlChar *)v, (const xmlChar *)base)) ==
	    NULL)
		return v;
	out = xstrdup((char *)r);
	xmlFree(r);
	free(v);
	return out;
}

void
article_meta_read(xmlNodePtr root, const char *url, struct article_meta *m)
{
	struct meta_state	 st;

	memset(&st, 0, sizeof(st));
	memset(m, 0, sizeof(*m));
	walk(&st, root);
	m->url = resolve(st.url.v, url);
	m->title = st.title.v;
	m->author = st.author.v;
	m->published = st.date.v != NULL ? date_parse(st.date.v) : DATE_NONE;
	free(st.date.v);
	m->body = st.body.v;
	m->desc = st.desc.v;
	m->is_article = st.is_article;
}

void
article_meta_free(struct article_meta *m)
{
	free(m->url);
	free(m->title);
	free(m->author);
	free(m->body);
	free(m->desc);
	memset(m, 0, sizeof(*m));
}
