/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * article.c: a news page's main text.  A minimal stand-in with the API of
 * the real extractor (issue 13): the text of the <p> elements inside the
 * first <article>, else inside <body>, leaving out nav, header, footer,
 * aside, script and style; the title from <title>.  No network, ever.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "parsers.h"

#define ARTICLE_MAX_HTML	(16 * 1024 * 1024)
#define ARTICLE_MAX_DEPTH	256

static int
named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
skipped(const xmlNode *n)
{
	static const char	*skip[] = { "nav", "header", "footer", "aside",
				    "script", "style", "noscript", "form" };
	size_t			 i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (named(n, skip[i]))
			return 1;
	return 0;
}

static const xmlNode *
find(const xmlNode *n, const char *name, int depth)
{
	const xmlNode	*c, *r;

	if (depth > ARTICLE_MAX_DEPTH)
		return NULL;
	for (c = n; c != NULL; c = c->next) {
		if (named(c, name))
			return c;
		if (c->type == XML_ELEMENT_NODE &&
		    (r = find(c->children, name, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

static void
paragraphs(const xmlNode *n, struct buf *out, int depth)
{
	const xmlNode	*c;
	xmlChar		*t;
	char		*p;

	if (depth > ARTICLE_MAX_DEPTH)
		return;
	for (c = n; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		if (!named(c, "p")) {
			paragraphs(c->children, out, depth + 1);
			continue;
		}
		if ((t = xmlNodeGetContent(c)) == NULL)
			continue;
		p = text_plain((const char *)t, strlen((const char *)t));
		xmlFree(t);
		if (p != NULL && *p != '\0') {
			if (out->len > 0)
				buf_adds(out, "\n\n");
			buf_adds(out, p);
		}
		free(p);
	}
}

static char *
title_of(const xmlNode *root)
{
	const xmlNode	*t;
	xmlChar		*s;
	char		*p;

	if ((t = find(root, "title", 0)) == NULL ||
	    (s = xmlNodeGetContent(t)) == NULL)
		return NULL;
	p = text_plain((const char *)s, strlen((const char *)s));
	xmlFree(s);
	if (p != NULL && *p == '\0') {
		free(p);
		p = NULL;
	}
	return p;
}

int
article_extract(const char *html, size_t len, const char *url,
    struct article *a)
{
	htmlDocPtr	 doc;
	const xmlNode	*root, *main;
	struct buf	 out;

	memset(a, 0, sizeof(*a));
	a->text = xstrdup("");
	if (url != NULL)
		a->url = xstrdup(url);
	if (len > ARTICLE_MAX_HTML || len > INT_MAX)
		return -1;
	doc = htmlReadMemory(html, (int)len, url, NULL, HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	a->title = title_of(root);
	if ((main = find(root, "article", 0)) == NULL)
		main = find(root, "body", 0);
	buf_init(&out);
	if (main != NULL)
		paragraphs(main->children, &out, 0);
	xmlFreeDoc(doc);
	free(a->text);
	a->text = buf_release(&out);
	if (a->text == NULL)
		a->text = xstrdup("");
	return *a->text != '\0' ? 0 : 1;
}

void
article_clear(struct article *a)
{
	free(a->url);
	free(a->title);
	free(a->text);
	free(a->published);
	free(a->author);
	memset(a, 0, sizeof(*a));
}
