/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_article.c: the article extractor on anything.  It answers 0, 1 or
 * -1; text is never NULL, "" unless 0, and valid UTF-8 without white space
 * at either end; every other field is NULL or valid UTF-8; a date is RFC
 * 3339 UTC.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../parsers/parsers.h"
#include "fuzz_util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_opt(const char *s)
{
	if (s != NULL && !fuzz_utf8_ok(s))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article	 a;
	int		 rv;

	parsers_init();
	rv = article_extract((const char *)data, size,
	    "https://news.example/a/b", &a);
	if (rv < -1 || rv > 1 || a.text == NULL ||
	    (rv != 0 && a.text[0] != '\0'))
		abort();
	if (rv == 0 && a.text[0] == '\0')
		abort();
	if (!fuzz_utf8_ok(a.text) || (a.text[0] != '\0' &&
	    (a.text[0] == ' ' || a.text[strlen(a.text) - 1] == ' ')))
		abort();
	check_opt(a.url);
	check_opt(a.title);
	check_opt(a.author);
	if (a.published != NULL && (strlen(a.published) != 20 ||
	    a.published[19] != 'Z' || a.published[10] != 'T'))
		abort();
	article_clear(&a);
	return 0;
}
