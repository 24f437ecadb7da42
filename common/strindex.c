/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * strindex.c: strings to indexes, an open-addressing hash table.
 *
 * Feed names are looked up once per feed when a config is read and again
 * when a reload matches old feeds to new ones; a linear search made both
 * quadratic (100k feeds: 18 s).  The keys are not copied: they must
 * outlive the index (feed names live as long as their config).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define STRINDEX_NONE	((size_t)-1)

static uint64_t
hash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
strindex_init(struct strindex *x)
{
	memset(x, 0, sizeof(*x));
}

void
strindex_free(struct strindex *x)
{
	free(x->keys);
	free(x->vals);
	strindex_init(x);
}

/* The slot holding key, or the empty one where it would go. */
static size_t
slot(const struct strindex *x, const char *key)
{
	size_t	 i, mask = x->cap - 1;

	for (i = hash(key) & mask; x->keys[i] != NULL; i = (i + 1) & mask)
		if (strcmp(x->keys[i], key) == 0)
			break;
	return i;
}

static void
grow(struct strindex *x)
{
	struct strindex	 old = *x;
	size_t		 i, j;

	x->cap = old.cap ? old.cap * 2 : 16;
	x->keys = xcalloc(x->cap, sizeof(*x->keys));
	x->vals = xcalloc(x->cap, sizeof(*x->vals));
	for (i = 0; i < old.cap; i++)
		if (old.keys[i] != NULL) {
			j = slot(x, old.keys[i]);
			x->keys[j] = old.keys[i];
			x->vals[j] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

size_t
strindex_get(const struct strindex *x, const char *key)
{
	size_t	 i;

	if (x->n == 0)
		return STRINDEX_NONE;
	i = slot(x, key);
	return x->keys[i] != NULL ? x->vals[i] : STRINDEX_NONE;
}

/*
 * Map key to val unless key is there already.  Returns (size_t)-1 when
 * added, else the value it already has (which is kept).
 */
size_t
strindex_add(struct strindex *x, const char *key, size_t val)
{
	size_t	 i;

	if ((x->n + 1) * 4 > x->cap * 3)	/* at most 3/4 full */
		grow(x);
	i = slot(x, key);
	if (x->keys[i] != NULL)
		return x->vals[i];
	x->keys[i] = key;
	x->vals[i] = val;
	x->n++;
	return STRINDEX_NONE;
}
