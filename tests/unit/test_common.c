/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/* test_common.c: buffers, string lists, durations and digits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../common/common.h"
#include "../test.h"

static void
test_buf(void)
{
	struct buf	 b;
	char		*s;
	int		 i;

	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_addc(&b, 'a' + i % 26);
	t_inteq(b.len, 1000, "buf grows past its first allocation");
	t_ok(b.d[1000] == '\0', "buf stays NUL-terminated");
	buf_reset(&b);
	buf_printf(&b, "%s-%d", "x", 42);
	t_streq(b.d, "x-42", "buf_printf appends formatted text");
	s = buf_release(&b);
	t_streq(s, "x-42", "buf_release hands over the contents");
	t_ok(b.d == NULL && b.len == 0, "buf_release empties the buffer");
	free(s);
	s = buf_release(&b);
	t_streq(s, "", "an empty buffer releases an empty string");
	free(s);
}

static void
test_strlist(void)
{
	struct strlist	 l;

	strlist_init(&l);
	t_inteq(strlist_add_unique(&l, "US"), 1, "first US is added");
	t_inteq(strlist_add_unique(&l, "EU"), 1, "EU is added");
	t_inteq(strlist_add_unique(&l, "US"), 0, "second US is not added");
	t_inteq(l.n, 2, "two distinct entries");
	t_streq(l.v[1], "EU", "order is kept");
	strlist_free(&l);
	t_inteq(l.n, 0, "strlist_free empties the list");
}

static void
escaped(const char *in, const char *want, const char *what)
{
	struct buf	 b;

	buf_init(&b);
	buf_adds(&b, "");
	log_escape(&b, in);
	if (!t_ok(strcmp(b.d, want) == 0, "log_escape: %s", what))
		printf("#   got: %s\n#   want: %s\n", b.d, want);
	buf_free(&b);
}

static void
test_escape(void)
{
	escaped("plain text", "plain text", "ASCII stays");
	escaped("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "valid UTF-8 stays");
	escaped("a\x1b[2Jb", "a\\x1b[2Jb", "ESC");
	escaped("\x1b]0;t\x07", "\\x1b]0;t\\x07", "OSC and BEL");
	escaped("a\tb\x7f", "a\\x09b\\x7f", "tab and DEL");
	escaped("one\ntwo\r", "one two ", "newline and CR: a space");
	escaped("\xc2\x9b" "31m", "\\xc2\\x9b31m", "C1 CSI (U+009B)");
	escaped("\x9b" "31m", "\\x9b31m", "a lone C1 byte");
	escaped("\xc3\x28 \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80",
	    "\\xc3( \\xed\\xa0\\x80 \\xc0\\xaf \\xf4\\x90\\x80\\x80",
	    "invalid UTF-8: bad continuation, surrogate, overlong, too big");
	escaped("cut \xe2\x82", "cut \\xe2\\x82", "a sequence cut short");
}

static void
test_duration(void)
{
	static const struct {
		const char	*in;
		long long	 want;	/* -1: not a duration */
	} cases[] = {
		{ "90s", 90 }, { "15m", 900 }, { "2h", 7200 },
		{ "1d", 86400 }, { "1w", 604800 }, { "45", 45 },
		{ " 5m ", 300 }, { "1s", 1 }, { "", -1 }, { "m", -1 },
		{ "5x", -1 }, { "-5m", -1 }, { "5m5", -1 },
		{ "99999999999999999999", -1 },
	};
	long long	 got;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (parse_duration(cases[i].in, &got) == -1)
			got = -1;
		t_inteq(got, cases[i].want, cases[i].in);
	}
}

/* The monotonic clock moves forward, in seconds. */
static void
test_clock(void)
{
	struct timespec	 nap = { 0, 20 * 1000 * 1000 };
	double		 a, b;

	a = mono_now();
	nanosleep(&nap, NULL);
	b = mono_now();
	t_ok(b - a >= 0.019 && b - a < 5, "mono_now counts a 20 ms nap in seconds");
}

/* The digit writers against snprintf, at the edges and at random. */
static void
test_digits(void)
{
	static const int64_t	 edge[] = { 0, 1, -1, 9, 10, 99, 100,
	    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 1000000007,
	    -1000000007 };
	char			 got[32], want[32];
	uint64_t		 x = 0x9e3779b97f4a7c15ULL;
	size_t			 i, bad = 0, n;
	int64_t			 v;

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]) + 100000; i++) {
		if (i < sizeof(edge) / sizeof(edge[0]))
			v = edge[i];
		else {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			v = (int64_t)(x >> (x % 64));	/* every magnitude */
		}
		n = fmt_i64(got, v);
		snprintf(want, sizeof(want), "%lld", (long long)v);
		bad += strcmp(got, want) != 0 || n != strlen(want);
		fmt_u64(got, (uint64_t)v);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
		bad += strcmp(got, want) != 0;
		fmt_hex16(got, (uint64_t)v);
		snprintf(want, sizeof(want), "%016llx", (unsigned long long)v);
		bad += strcmp(got, want) != 0;
		*fmt_fixed(got, (unsigned)((uint64_t)v % 10000), 4) = '\0';
		snprintf(want, sizeof(want), "%04u",
		    (unsigned)((uint64_t)v % 10000));
		bad += strcmp(got, want) != 0;
	}
	t_inteq((long long)bad, 0, "fmt_i64, fmt_u64, fmt_hex16 and fmt_fixed"
	    " write what snprintf writes");
}

/* fast_decimal reads what strtod reads, bit for bit, or declines. */
static void
test_decimal(void)
{
	static const char	*edge[] = { "0", "-0", "+1", "0.1454", "-0.1385",
	    "5.", ".5", "007.250", "123456789012345", "1234567890123456",
	    "0.0000000000000000000001", "0.00000000000000000000001", "1e5",
	    "0x10", "inf", "nan", ".", "-", "", "  2.5", "2.5\r", "2.5x",
	    "9007199254740993", "0.30000000000000004", "1.7976931348623157" };
	char			 s[64];
	const char		*e;
	char			*se;
	double			 a, b;
	uint64_t		 x = 0x2545f4914f6cdd1dULL, p10;
	size_t			 i, bad = 0, fast = 0, n;
	int			 ok, w, k;

	n = sizeof(edge) / sizeof(edge[0]);
	for (i = 0; i < n + 200000; i++) {
		if (i < n)
			snprintf(s, sizeof(s), "%s", edge[i]);
		else {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			/* up to 5 + 10 digits: all within the fast path */
			w = 1 + (int)((x >> 59) % 10);
			for (p10 = 1, k = 0; k < w; k++)
				p10 *= 10;
			snprintf(s, sizeof(s), "%s%llu.%0*llu", x & 1 ? "-" : "",
			    (unsigned long long)((x >> 8) % 100000), w,
			    (unsigned long long)((x >> 20) % p10));
		}
		ok = fast_decimal(s, &e, &a);
		if (!ok)
			continue;
		fast++;
		b = strtod(s, &se);
		bad += memcmp(&a, &b, sizeof(a)) != 0 || e != se;
	}
	t_inteq((long long)bad, 0, "fast_decimal agrees with strtod, bit for"
	    " bit and on where the number ends");
	t_ok(fast > 190000, "fast_decimal takes the short decimals");
	t_ok(!fast_decimal("1e5", &e, &a) && !fast_decimal("0x10", &e, &a) &&
	    !fast_decimal("1234567890123456", &e, &a) &&
	    !fast_decimal("2.5\r", &e, &a) && !fast_decimal("", &e, &a),
	    "exponents, hex, 16 digits, CR and nothing are left to strtod");
}

int
main(void)
{
	test_buf();
	test_digits();
	test_decimal();
	test_strlist();
	test_duration();
	test_clock();
	test_escape();
	return t_done();
}
