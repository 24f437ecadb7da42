/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * buf.c: a growable byte buffer.  The contents are always NUL-terminated so
 * they can be used as a C string when they hold text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

void
buf_init(struct buf *b)
{
	b->d = NULL;
	b->len = 0;
	b->cap = 0;
}

static void
buf_grow(struct buf *b, size_t need)
{
	size_t	 cap;

	if (need < b->len)
		fatalx("buf_grow: overflow");
	if (need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need + 1) {
		if (cap > SIZE_MAX / 2)
			fatalx("buf_grow: overflow");
		cap *= 2;
	}
	b->d = xreallocarray(b->d, 1, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len)	/* no room for it and the NUL */
		buf_grow(b, b->len + n);
	if (n > 0)
		memcpy(b->d + b->len, p, n);
	b->len += n;
	b->d[b->len] = '\0';
}

/*
 * Room for n more bytes and the NUL: where they go.  The caller writes
 * them and adds what it wrote to b->len, then ends the string.
 */
char *
buf_reserve(struct buf *b, size_t n)
{
	if (n >= b->cap - b->len)
		buf_grow(b, b->len + n);
	return b->d + b->len;
}

void
buf_addc(struct buf *b, int c)
{
	char	 ch = c;

	/* One character in room is most of what the JSON writer adds. */
	if (b->cap - b->len >= 2) {
		b->d[b->len++] = ch;
		b->d[b->len] = '\0';
		return;
	}
	buf_add(b, &ch, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatalx("buf_printf: bad format");
	buf_grow(b, b->len + n);
	va_start(ap, fmt);
	vsnprintf(b->d + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->d != NULL)
		b->d[0] = '\0';
}

/* Hand the contents to the caller (always a string, never NULL). */
char *
buf_release(struct buf *b)
{
	char	*p;

	if (b->d == NULL)
		p = xstrdup("");
	else
		p = b->d;
	buf_init(b);
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->d);
	buf_init(b);
}
