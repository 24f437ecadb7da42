/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * digits.c: numbers as text without printf or strtod.
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

/*
 * A plain decimal, [-+]DIGITS[.DIGITS], read exactly as strtod reads it
 * when it has at most 15 significant digits: the digits as an integer
 * below 2^53 and a power of ten up to 10^22 are both exact doubles, so
 * their one division is rounded once, correctly (Clinger's fast path).
 * Returns 0 for anything else (exponents, hex, inf, long mantissas), for
 * strtod to read.  The learned model's 47,000 weights took 16.5 M
 * instructions through strtod, 2 M here (callgrind, sanctionctl parse).
 */
int
fast_decimal(const char *s, const char **end, double *v)
{
	static const double	 pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
	    1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
	    1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	const char		*p = s;
	uint64_t		 m = 0;
	int			 neg = 0, nd = 0, frac = 0, sig = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; (*p >= '0' && *p <= '9') || (*p == '.' && frac == 0); p++) {
		if (*p == '.') {
			frac = 1;
			continue;
		}
		nd++;
		if (frac)
			frac++;
		if (m == 0 && *p == '0')
			continue;	/* leading zeros are not significant */
		if (++sig > 15)
			return 0;
		m = m * 10 + (uint64_t)(*p - '0');
	}
	if (nd == 0 || (frac > 0 && frac - 1 > 22))
		return 0;
	/* What follows must end the number for strtod too. */
	if (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
		return 0;
	*v = frac > 1 ? (double)m / pow10[frac - 1] : (double)m;
	if (neg)
		*v = -*v;
	*end = p;
	return 1;
}
