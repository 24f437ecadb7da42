/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_feed.c: the push parser, fed in chunks whose sizes come from the
 * input itself (as bytes arrive from the network), with a charset from the
 * caller now and then.  Every item's text must be folded, valid UTF-8.
 */
#include <stddef.h>
#include <stdint.h>

#include "../parsers/parsers.h"
#include "fuzz_util.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_item(const struct feed_meta *m, const struct item *it, void *arg)
{
	size_t	 i;

	(void)arg;
	fuzz_check_text(m->title);
	fuzz_check_text(it->title);
	fuzz_check_text(it->author);
	fuzz_check_text(it->summary);
	fuzz_check_text(it->content);
	if (it->id == NULL || !fuzz_utf8_ok(it->id))
		abort();
	if (it->link != NULL && !fuzz_utf8_ok(it->link))
		abort();
	for (i = 0; i < it->categories.n; i++)
		fuzz_check_text(it->categories.v[i]);
	for (i = 0; i < it->nenclosures; i++)
		if (!fuzz_utf8_ok(it->enclosures[i].url))
			abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	parsers_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = { NULL, NULL, NULL, "utf-8",
	    "iso-8859-1", "windows-1252", "utf-16", "bogus" };
	struct feed_parser	*p;
	uint32_t		 seed;
	size_t			 n;

	if (size < 2)
		return 0;
	seed = data[0] | data[1] << 8;
	data += 2;
	size -= 2;
	p = feed_parser_new("fuzz", charsets[seed & 7], check_item, NULL);
	while (size > 0) {
		/* xorshift: a different chunk boundary every time. */
		seed ^= seed << 13;
		seed ^= seed >> 17;
		seed ^= seed << 5;
		n = 1 + seed % 512;
		if (n > size)
			n = size;
		if (feed_parse_chunk(p, (const char *)data, n) == -1)
			break;
		data += n;
		size -= n;
	}
	feed_parse_end(p);
	if (!feed_parser_is_feed(p) && feed_parser_error(p) == NULL)
		abort();	/* "not a feed" always says why */
	feed_parser_free(p);
	return 0;
}
