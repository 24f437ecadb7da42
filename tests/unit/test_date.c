/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/* test_date.c: the date strings real feeds write, and what they mean. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../parsers/parsers.h"
#include "../test.h"

static const struct {
	const char	*in;
	const char	*want;		/* RFC 3339 UTC, or NULL: unreadable */
} cases[] = {
	/* RFC 822 / RFC 2822 as the specs write it. */
	{ "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 UT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 UTC", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 +0000", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 -0500", "2004-01-02T00:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 +0530", "2004-01-01T14:18:21Z" },
	{ "Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	{ "Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 EST", "2004-01-26T21:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 EDT", "2004-01-26T20:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 CST", "2004-01-26T22:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 CDT", "2004-01-26T21:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 MST", "2004-01-26T23:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 MDT", "2004-01-26T22:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 PST", "2004-01-27T00:31:00Z" },
	{ "Mon, 26 Jan 2004 16:31:00 PDT", "2004-01-26T23:31:00Z" },
	/* Military zones (RFC 822 signs). */
	{ "Thu, 01 Jan 2004 19:48:21 A", "2004-01-01T20:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 M", "2004-01-02T07:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 N", "2004-01-01T18:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 Y", "2004-01-01T07:48:21Z" },
	/* Real-world variants. */
	{ "Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Sun, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z" },
	{ "Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z" },
	{ "Thu, 1 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 9:05:03 GMT", "2004-01-01T09:05:03Z" },
	{ "Thursday, 01 January 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Wed, 17 September 2008 07:00:00 GMT", "2008-09-17T07:00:00Z" },
	{ "Tues, 02 Sept 2008 07:00:00 GMT", "2008-09-02T07:00:00Z" },
	{ "01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu,01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01-Jan-2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "thu, 01 jan 2004 19:48:21 gmt", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004", "2004-01-01T00:00:00Z" },
	{ "Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT+02:00", "2004-01-01T17:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT-0300", "2004-01-01T22:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 +02:00", "2004-01-01T17:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 +0200 (CEST)", "2004-01-01T17:48:21Z" },
	{ "  Thu, 01 Jan 2004 19:48:21 GMT \t", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 07:48:21 PM GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 12:10:00 AM GMT", "2004-01-01T00:10:00Z" },
	{ "Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z" },
	{ "Jan 04 2004 16:29:06 GMT", "2004-01-04T16:29:06Z" },
	{ "Thu, 29 Feb 2004 12:00:00 GMT", "2004-02-29T12:00:00Z" },
	{ "Fri, 31 Dec 1999 23:59:60 GMT", "2000-01-01T00:00:00Z" },
	{ "Thu, 01 Jan 2004 19:48:21 CET", "2004-01-01T18:48:21Z" },
	/* W3CDTF / ISO 8601. */
	{ "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
	{ "2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z" },
	{ "2003-12-31T10:14:55+08:00", "2003-12-31T02:14:55Z" },
	{ "2003-12-31T10:14:55.123Z", "2003-12-31T10:14:55Z" },
	{ "2003-12-31T10:14:55.5+01:00", "2003-12-31T09:14:55Z" },
	{ "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },
	{ "2003-12-31T10:14:55", "2003-12-31T10:14:55Z" },
	{ "2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z" },
	{ "2003-12-31T10:14:55+01", "2003-12-31T09:14:55Z" },
	{ "2003-12-31t10:14:55z", "2003-12-31T10:14:55Z" },
	{ "2003-12-31 10:14:55", "2003-12-31T10:14:55Z" },
	{ "2003-12-31 10:14:55 +01:00", "2003-12-31T09:14:55Z" },
	{ "2003-12-31 10:14:55 UTC", "2003-12-31T10:14:55Z" },
	{ "2003-12-31", "2003-12-31T00:00:00Z" },
	{ "2003-12", "2003-12-01T00:00:00Z" },
	{ "2003", "2003-01-01T00:00:00Z" },
	{ "20031231", "2003-12-31T00:00:00Z" },
	{ "20031231T101455Z", "2003-12-31T10:14:55Z" },
	{ "20031231T1014Z", "2003-12-31T10:14:00Z" },
	{ "2004-02-29T00:00:00Z", "2004-02-29T00:00:00Z" },
	{ "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z" },
	{ "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
	/* Unreadable: null, never a guess. */
	{ "", NULL },
	{ "   ", NULL },
	{ "yesterday", NULL },
	{ "not a date at all", NULL },
	{ "Thu, 31 Feb 2004 12:00:00 GMT", NULL },
	{ "Thu, 01 Foo 2004 19:48:21 GMT", NULL },
	{ "Thu, 01 Jan 2004 25:48:21 GMT", NULL },
	{ "Thu, 01 Jan 2004 19:61:21 GMT", NULL },
	{ "Thu, 01 Jan 2004 19:48:21 XYZ", NULL },
	{ "2003-13-01", NULL },
	{ "2003-02-29", NULL },
	{ "2003-12-32T10:14:55Z", NULL },
	{ "2003-12-31T10:14:55Q", NULL },
	{ "2003-12-31T25:00:00Z", NULL },
	{ "2003-1-5", NULL },
	{ "12/31/2003", NULL },
	{ "Jan 2004", NULL },
	{ "Thu, 01 Jan", NULL },
	{ "Thu, 01 Jan 2004 19:48:21 +9900", NULL },
	{ "0000-00-00T00:00:00Z", NULL },
	{ "Thu, 01 Jan 2004 19:48:21 GMT GMT", NULL },
	{ "2003-12-31T10:14:55Z trailing", NULL },
};

static void
test_table(void)
{
	char	 got[64], what[160];
	int64_t	 t;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = date_parse(cases[i].in);
		if (t == DATE_NONE)
			snprintf(got, sizeof(got), "(none)");
		else
			date_format(t, got, sizeof(got));
		snprintf(what, sizeof(what), "date \"%s\"", cases[i].in);
		t_streq(got, cases[i].want ? cases[i].want : "(none)", what);
	}
	t_ok(sizeof(cases) / sizeof(cases[0]) >= 60,
	    "the table holds at least 60 real-world strings");
}

/* Every date the fast path writes, against snprintf's reading. */
static void
test_format_random(void)
{
	char		 got[64], want[64];
	uint64_t	 x = 88172645463325252ULL;
	int64_t		 t;
	struct tm	 tm;
	time_t		 tt;
	int		 i, bad = 0;

	for (i = 0; i < 20000; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		t = (int64_t)(x % 253402300800ULL) - 62135596800LL;
		tt = (time_t)t;
		if (gmtime_r(&tt, &tm) == NULL)
			continue;
		snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
		date_format(t, got, sizeof(got));
		bad += strcmp(got, want) != 0;
	}
	t_inteq(bad, 0, "20,000 random dates of years 1-9999 match gmtime_r");
}

static void
test_format(void)
{
	char	 s[64];

	date_format(0, s, sizeof(s));
	t_streq(s, "1970-01-01T00:00:00Z", "the epoch formats as RFC 3339");
	date_format(-1, s, sizeof(s));
	t_streq(s, "1969-12-31T23:59:59Z", "negative times format correctly");
	date_format(253402300799LL, s, sizeof(s));
	t_streq(s, "9999-12-31T23:59:59Z", "the last 4-digit year formats");
	t_ok(date_parse(NULL) == DATE_NONE, "NULL is no date");
	date_format(253402300800LL, s, sizeof(s));
	t_streq(s, "10000-01-01T00:00:00Z", "a 5-digit year is written whole");
	date_format(-62135596800LL, s, sizeof(s));
	t_streq(s, "0001-01-01T00:00:00Z", "year 1 keeps its leading zeros");
	date_format(951782400LL + 86399, s, sizeof(s));
	t_streq(s, "2000-02-29T23:59:59Z", "a leap day's last second");
	date_format(0, s, 8);
	t_streq(s, "1970-01", "a short buffer is cut as snprintf cuts");
	test_format_random();
}

int
main(void)
{
	test_table();
	test_format();
	return t_done();
}
