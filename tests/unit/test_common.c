/* test_common.c: buffers, string lists and durations. */
#include <stdlib.h>

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

int
main(void)
{
	test_buf();
	test_strlist();
	test_duration();
	return t_done();
}
