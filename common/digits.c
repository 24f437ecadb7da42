/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * digits.c: integers as text without printf.
 *
 * A cold cycle formats a date, a seq, a count and a hash or two per item
 * stored: 180,000 snprintf calls for 15,000 items, 7.7% of the cycle's
 * instructions (callgrind, bench/bench_daemon.sh's 500 feeds).  snprintf
 * parses its format at every call, some 1,200 instructions; these write
 * the digits in 20 to 100.  tests/unit/test_common.c checks them against
 * snprintf.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"

/* "%llu" into out (at least 21 bytes); returns the length. */
size_t
fmt_u64(char *out, uint64_t v)
{
	char	 tmp[20];
	size_t	 n = 0, i;

	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
	return n;
}

/* "%lld" into out (at least 21 bytes); returns the length. */
size_t
fmt_i64(char *out, int64_t v)
{
	if (v >= 0)
		return fmt_u64(out, (uint64_t)v);
	out[0] = '-';
	/* -(INT64_MIN) overflows; in unsigned arithmetic it does not. */
	return 1 + fmt_u64(out + 1, -(uint64_t)v);
}

/* "%016llx" into out (at least 17 bytes). */
void
fmt_hex16(char *out, uint64_t v)
{
	static const char	 hex[] = "0123456789abcdef";
	int			 i;

	for (i = 15; i >= 0; i--) {
		out[i] = hex[v & 0xf];
		v >>= 4;
	}
	out[16] = '\0';
}

/* "%0*d" of a value 0 <= v < 10^width, width <= 4; returns out past it. */
char *
fmt_fixed(char *out, unsigned v, int width)
{
	int	 i;

	for (i = width - 1; i >= 0; i--) {
		out[i] = '0' + v % 10;
		v /= 10;
	}
	return out + width;
}
