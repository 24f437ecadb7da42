/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test.h: the smallest harness that does the job.  Every check prints one
 * TAP line ("ok N - what" or "not ok N - what"); tests/run.sh counts them.
 * A unit test's main() ends with "return t_done();".
 */
#ifndef TEST_H
#define TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int	t_n, t_failed;

static int __attribute__((format(printf, 2, 3), unused))
t_ok(int cond, const char *fmt, ...)
{
	va_list	 ap;

	t_n++;
	printf("%sok %d - ", cond ? "" : "not ", t_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		t_failed++;
	fflush(stdout);
	return cond;
}

/* Compare strings; NULL stands for "absent" and equals only NULL. */
static int __attribute__((unused))
t_streq(const char *got, const char *want, const char *what)
{
	int	 same;

	if (got == NULL || want == NULL)
		same = got == want;
	else
		same = strcmp(got, want) == 0;
	if (!t_ok(same, "%s", what))
		printf("#   got:  %s\n#   want: %s\n", got ? got : "(null)",
		    want ? want : "(null)");
	return same;
}

static int __attribute__((unused))
t_inteq(long long got, long long want, const char *what)
{
	if (!t_ok(got == want, "%s", what))
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return got == want;
}

static void __attribute__((unused))
t_skip(const char *what, const char *why)
{
	t_n++;
	printf("ok %d - %s # SKIP %s\n", t_n, what, why);
}

/*
 * A pseudo-random string of up to 63 pieces in out (which holds at least
 * 63 times the longest piece, plus one): mostly the plain word common,
 * else one of pieces[n], chosen by the linear congruential state *r so a
 * failure repeats.  Its length.
 */
static size_t __attribute__((unused))
t_random_text(char *out, unsigned int *r, const char *common,
    const char *const *pieces, size_t n)
{
	const char	*pc;
	size_t		 len = 0, k;

	k = (*r = *r * 1103515245 + 12345) >> 16 & 63;
	while (k-- > 0) {
		*r = *r * 1103515245 + 12345;
		pc = (*r >> 16) % 4 != 0 ? common : pieces[(*r >> 18) % n];
		memcpy(out + len, pc, strlen(pc));
		len += strlen(pc);
	}
	out[len] = '\0';
	return len;
}

static int __attribute__((unused))
t_done(void)
{
	printf("1..%d\n", t_n);
	return t_failed ? 1 : 0;
}

#endif
