/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/* item.c: the life of a struct item. */
#include <stdlib.h>
#include <string.h>

#include "parsers.h"

void
item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->published = DATE_NONE;
	it->updated = DATE_NONE;
	strlist_init(&it->categories);
}

/* An item of a title and a text alone, as the classifier's tools read. */
void
item_texts(struct item *it, const char *title, const char *summary)
{
	item_init(it);
	it->title = title != NULL ? xstrdup(title) : NULL;
	it->summary = summary != NULL ? xstrdup(summary) : NULL;
}

void
item_free(struct item *it)
{
	size_t	 i;

	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	strlist_free(&it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it->article_url);
	free(it->article_status);
	free(it->article_text);
	item_init(it);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Deep copy: the parser's items live only as long as its callback. */
void
item_copy(struct item *dst, const struct item *src)
{
	size_t	 i;

	item_init(dst);
	dst->id = dup_or_null(src->id);
	dst->title = dup_or_null(src->title);
	dst->link = dup_or_null(src->link);
	dst->author = dup_or_null(src->author);
	dst->summary = dup_or_null(src->summary);
	dst->content = dup_or_null(src->content);
	dst->published = src->published;
	dst->updated = src->updated;
	for (i = 0; i < src->categories.n; i++)
		strlist_add(&dst->categories, src->categories.v[i]);
	dst->article_url = dup_or_null(src->article_url);
	dst->article_status = dup_or_null(src->article_status);
	dst->article_text = dup_or_null(src->article_text);
	if (src->nenclosures == 0)
		return;
	dst->enclosures = xcalloc(src->nenclosures, sizeof(*dst->enclosures));
	dst->nenclosures = src->nenclosures;
	for (i = 0; i < src->nenclosures; i++) {
		dst->enclosures[i].url = dup_or_null(src->enclosures[i].url);
		dst->enclosures[i].type = dup_or_null(src->enclosures[i].type);
		dst->enclosures[i].length = src->enclosures[i].length;
	}
}
