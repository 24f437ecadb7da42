/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_util.h: what the fuzz targets check besides "no crash": text that
 * leaves the parser is valid UTF-8 with white space folded.
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stdlib.h>
#include <string.h>

static int __attribute__((unused))
fuzz_utf8_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	int			 n, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1, c = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2, c = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3, c = *p & 0x07;
		else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		p += n + 1;
	}
	return 1;
}

/* Folded text: valid UTF-8, no space at either end, no two in a row. */
static void __attribute__((unused))
fuzz_check_text(const char *s)
{
	size_t	 n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (!fuzz_utf8_ok(s) || (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')) ||
	    strstr(s, "  ") != NULL)
		abort();
}

#endif
