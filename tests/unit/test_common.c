/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/* test_common.c: buffers, string lists, durations and digits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int
main(void)
{
	test_buf();
	test_digits();
	test_strlist();
	test_duration();
	test_escape();
	return t_done();
}
