/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * article_int.h: what the article extractor's files share (article.c: the
 * tree and the main text; article_meta.c: title, author, date, JSON-LD).
 */
#ifndef ARTICLE_INT_H
#define ARTICLE_INT_H

#include <libxml/HTMLparser.h>

#include "parsers.h"

#define ARTICLE_MAX_DEPTH	256	/* deeper elements are not read */
#define ARTICLE_MAX_NODES	2000000	/* more: not parseable */

/* What the page says of itself, before the text is looked at. */
struct article_meta {
	char	*url;		/* canonical */
	char	*title;
	char	*author;
	int64_t	 published;	/* DATE_NONE when none */
	char	*body;		/* JSON-LD articleBody, folded */
	char	*desc;		/* og: or twitter:description, folded */
	int	 is_article;	/* og:type article or a JSON-LD article */
};

/* article_meta.c */
void	 article_meta_read(xmlNodePtr, const char *, struct article_meta *);
void	 article_meta_free(struct article_meta *);
int	 article_ieq(const xmlChar *, const char *);
const char *article_attr(xmlNodePtr, const char *);

#endif
