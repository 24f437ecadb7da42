/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * date.c: the dates feeds really write, to seconds since the epoch (UTC).
 *
 * Two families: W3CDTF / ISO 8601 ("2004-01-01T19:48:21+01:00", "20040101",
 * "2004-01") and RFC 822 with its real-world variants (2-digit years,
 * missing seconds, long day and month names, named and military zones,
 * "GMT+hh:mm", asctime order).  Anything we cannot read completely gives
 * DATE_NONE: a wrong date is worse than none.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parsers.h"

struct civil {
	int	 year, mon, day;	/* mon 1..12 */
	int	 hour, min, sec;
	int	 off;			/* zone offset east of UTC, seconds */
	int	 have_date, have_time, have_zone;
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* Zone names real feeds use; hours east of UTC. */
static const struct {
	const char	*name;
	int		 hours;
} zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "bst", 1 }, { "cet", 1 }, { "met", 1 }, { "west", 1 },
	{ "cest", 2 }, { "mest", 2 }, { "eet", 2 }, { "eest", 3 },
	{ "msk", 3 }, { "ist", 5 }, { "jst", 9 }, { "kst", 9 },
	{ "hkt", 8 }, { "sgt", 8 }, { "awst", 8 }, { "aest", 10 },
	{ "aedt", 11 }, { "nzst", 12 }, { "nzdt", 13 },
	{ "adt", -3 }, { "ast", -4 }, { "at", -4 }, { "edt", -4 },
	{ "est", -5 }, { "et", -5 }, { "cdt", -5 }, { "cst", -6 },
	{ "ct", -6 }, { "mdt", -6 }, { "mst", -7 }, { "mt", -7 },
	{ "pdt", -7 }, { "pst", -8 }, { "pt", -8 }, { "akdt", -8 },
	{ "akst", -9 }, { "hst", -10 }
};

static int	 rfc_zone(const char *, size_t, struct civil *);

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what date_format can say. */
#define EPOCH_MIN	(-62135596800LL)
#define EPOCH_MAX	253402300799LL

static int64_t
civil_to_epoch(const struct civil *c)
{
	int64_t	 t;

	if (!c->have_date || c->year < 1 || c->year > 9999 ||
	    c->mon < 1 || c->mon > 12 || c->day < 1 ||
	    c->day > month_days(c->year, c->mon) || c->hour > 23 ||
	    c->min > 59 || c->sec > 60)
		return DATE_NONE;
	t = days_from_civil(c->year, c->mon, c->day) * 86400 +
	    c->hour * 3600 + c->min * 60 + c->sec - c->off;
	return t < EPOCH_MIN || t > EPOCH_MAX ? DATE_NONE : t;
}

/* Read exactly n digits. */
static int
digits(const char **sp, int n, int *out)
{
	const char	*s = *sp;
	int		 v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	*sp = s + n;
	return 0;
}

/* "Z", "+hh:mm", "+hhmm", "+hh" after an ISO time; returns -1 if none. */
static int
iso_zone(const char **sp, struct civil *c)
{
	const char	*s = *sp;
	int		 sign, h, m = 0;

	while (*s == ' ')
		s++;
	if (*s == 'Z' || *s == 'z') {
		*sp = s + 1;
		c->have_zone = 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &h) == -1)
		return -1;
	if (*s == ':')
		s++;
	if (isdigit((unsigned char)*s) && digits(&s, 2, &m) == -1)
		return -1;
	if (h > 14 || m > 59)
		return -1;
	c->off = sign * (h * 3600 + m * 60);
	c->have_zone = 1;
	*sp = s;
	return 0;
}

/* hh:mm[:ss[.frac]] or hhmm[ss[.frac]] after the "T". */
static int
iso_time(const char **sp, struct civil *c, int extended)
{
	const char	*s = *sp;

	if (digits(&s, 2, &c->hour) == -1)
		return -1;
	if (extended && *s == ':')
		s++;
	else if (extended)
		return -1;
	if (digits(&s, 2, &c->min) == -1)
		return -1;
	if ((extended && *s == ':') || (!extended && isdigit((unsigned
	    char)*s))) {
		if (extended)
			s++;
		if (digits(&s, 2, &c->sec) == -1)
			return -1;
		if (*s == '.' || *s == ',') {
			s++;
			if (!isdigit((unsigned char)*s))
				return -1;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	c->have_time = 1;
	*sp = s;
	return 0;
}

/* W3CDTF and ISO 8601 calendar dates, extended and basic. */
static int64_t
parse_iso(const char *s)
{
	struct civil	 c;
	int		 extended;

	memset(&c, 0, sizeof(c));
	c.mon = c.day = 1;
	if (digits(&s, 4, &c.year) == -1)
		return DATE_NONE;
	c.have_date = 1;
	extended = *s == '-';
	if (extended) {
		s++;
		if (digits(&s, 2, &c.mon) == -1)
			return DATE_NONE;
		if (*s == '-') {
			s++;
			if (digits(&s, 2, &c.day) == -1)
				return DATE_NONE;
		}
	} else if (isdigit((unsigned char)*s)) {
		if (digits(&s, 2, &c.mon) == -1 ||
		    digits(&s, 2, &c.day) == -1)
			return DATE_NONE;
	}
	if (*s == 'T' || *s == 't' || (*s == ' ' &&
	    isdigit((unsigned char)s[1]))) {
		s++;
		if (iso_time(&s, &c, extended ||
		    (s[0] != '\0' && s[1] != '\0' && s[2] == ':')) == -1)
			return DATE_NONE;
		if (iso_zone(&s, &c) == -1) {
			while (*s == ' ')
				s++;
			if (strlen(s) > 1 && rfc_zone(s, strlen(s), &c) == 0)
				s += strlen(s);
		}
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0')
		return DATE_NONE;
	return civil_to_epoch(&c);
}

/*
 * The tables are lower case: (c | 0x20) is c's lower case when c is a
 * letter, and never a letter's when it is not.  Asking for the first
 * letter before strncasecmp() (callgrind, "sanctionctl parse" of
 * bench_parse's 200 feeds, 6000 dates: date_parse 14.0 M instructions,
 * 4.9 M of them strncasecmp's, 7.3 M so).
 */
#define FIRST_IS(w, t)	((((unsigned char)(w)[0]) | 0x20) == (t)[0])

/* "Jan", "January", "Sept", "Thurs": a prefix of at least three letters. */
static int
name_index(const char *w, size_t n, const char *const *tab, size_t ntab)
{
	size_t	 i;

	if (n < 3)
		return -1;
	for (i = 0; i < ntab; i++)
		if (FIRST_IS(w, tab[i]) && n <= strlen(tab[i]) &&
		    strncasecmp(w, tab[i], n) == 0)
			return (int)i;
	return -1;
}

/* A named zone, a military letter, or "GMT+hh:mm" style offsets. */
static int
rfc_zone(const char *w, size_t n, struct civil *c)
{
	const char	*p;
	size_t		 i;
	int		 ch;

	if (w[0] == '+' || w[0] == '-') {
		p = w;
		return iso_zone(&p, c) == 0 && p == w + n ? 0 : -1;
	}
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		size_t	 zl;

		if (!FIRST_IS(w, zones[i].name))
			continue;
		zl = strlen(zones[i].name);
		if (n >= zl && strncasecmp(w, zones[i].name, zl) == 0 &&
		    (n == zl || w[zl] == '+' || w[zl] == '-')) {
			c->off = zones[i].hours * 3600;
			c->have_zone = 1;
			if (n == zl)
				return 0;
			p = w + zl;
			if (iso_zone(&p, c) == -1 || p != w + n)
				return -1;
			return 0;
		}
	}
	if (n == 1 && isalpha((unsigned char)w[0])) {
		/* RFC 822 military zones: A..M west (J unused), N..Y east. */
		ch = tolower((unsigned char)w[0]);
		if (ch == 'j')
			return -1;
		if (ch <= 'm')
			c->off = -(ch - 'a' + (ch > 'j' ? 0 : 1)) * 3600;
		else
			c->off = (ch - 'n' + 1) * 3600;
		c->have_zone = 1;
		return 0;
	}
	return -1;
}

/* "19:48", "19:48:21", "7:05:00", optionally followed by AM/PM later. */
static int
rfc_time(const char *w, size_t n, struct civil *c)
{
	int	 v[3] = { 0, 0, 0 }, k = 0, digs = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)w[i])) {
			if (++digs > 2)
				return -1;
			v[k] = v[k] * 10 + (w[i] - '0');
		} else if (w[i] == ':' && digs > 0 && k < 2) {
			k++;
			digs = 0;
		} else
			return -1;
	}
	if (k == 0 || digs == 0)
		return -1;
	c->hour = v[0];
	c->min = v[1];
	c->sec = v[2];
	c->have_time = 1;
	return 0;
}

static int
rfc_number(const char *w, size_t n, struct civil *c, int *nnum)
{
	int	 v = 0;
	size_t	 i;

	if (n > 4)
		return -1;	/* before the sum: it would overflow */
	for (i = 0; i < n; i++)
		v = v * 10 + (w[i] - '0');
	if (*nnum == 0 && n <= 2 && c->day == 0)
		c->day = v;
	else if (c->year == 0 && (n == 4 || n == 2)) {
		/* RFC 2822: two-digit years below 50 are 20xx. */
		if (n == 2)
			v += v < 50 ? 2000 : 1900;
		c->year = v;
	} else
		return -1;
	(*nnum)++;
	return 0;
}

static int
rfc_word(const char *w, size_t n, struct civil *c, int *nnum)
{
	int	 i;

	if (isdigit((unsigned char)w[0])) {
		if (memchr(w, ':', n) != NULL)
			return rfc_time(w, n, c);
		for (i = 0; i < (int)n; i++)
			if (!isdigit((unsigned char)w[i]))
				return -1;
		return rfc_number(w, n, c, nnum);
	}
	if (c->mon == 0 && (i = name_index(w, n, months, 12)) != -1) {
		c->mon = i + 1;
		return 0;
	}
	if (name_index(w, n, weekdays, 7) != -1 && !c->have_time)
		return 0;
	if ((n == 2 && strncasecmp(w, "am", 2) == 0) ||
	    (n == 2 && strncasecmp(w, "pm", 2) == 0)) {
		if (!c->have_time || c->hour < 1 || c->hour > 12)
			return -1;
		c->hour = c->hour % 12 + (tolower((unsigned char)w[0]) ==
		    'p' ? 12 : 0);
		return 0;
	}
	if (c->have_zone)
		return -1;
	return rfc_zone(w, n, c);
}

/* Separators between words; a '-' before digits after the time is a zone. */
static char *
rfc_skip(char *s, const struct civil *c)
{
	while (*s != '\0') {
		if (*s == '-' && isdigit((unsigned char)s[1]) && c->have_time)
			break;
		if (!isspace((unsigned char)*s) && *s != ',' && *s != '-' &&
		    *s != '.' && *s != '/')
			break;
		s++;
	}
	return s;
}

static char *
rfc_offset_end(char *s)
{
	if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1])) {
		s++;
		while (isdigit((unsigned char)*s) || *s == ':')
			s++;
	}
	return s;
}

/*
 * RFC 822 and relatives, read word by word: the order of day, month and
 * year may vary ("Thu, 01 Jan 2004", "Sun Jan  4 16:29:06 PST 2004"), but
 * every word must be something we know.
 */
static int64_t
parse_rfc822(char *s)
{
	struct civil	 c;
	const char	*w;
	char		*cmt;
	int		 nnum = 0;

	memset(&c, 0, sizeof(c));
	/* A trailing comment: "+0200 (CEST)". */
	if ((cmt = strchr(s, '(')) != NULL)
		*cmt = '\0';
	for (;;) {
		s = rfc_skip(s, &c);
		if (*s == '\0')
			break;
		w = s;
		if (*s == '+' || *s == '-')
			s = rfc_offset_end(s);
		else if (isdigit((unsigned char)*s)) {
			while (isdigit((unsigned char)*s) || *s == ':')
				s++;
		} else if (isalpha((unsigned char)*s)) {
			while (isalpha((unsigned char)*s))
				s++;
			if (c.have_time)	/* "GMT+02:00" */
				s = rfc_offset_end(s);
		} else
			return DATE_NONE;
		if (rfc_word(w, s - w, &c, &nnum) == -1)
			return DATE_NONE;
	}
	if (c.mon == 0 || c.day == 0 || c.year == 0)
		return DATE_NONE;
	c.have_date = 1;
	return civil_to_epoch(&c);
}

int64_t
date_parse(const char *s)
{
	char	 tmp[128];
	size_t	 n;

	if (s == NULL)
		return DATE_NONE;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(tmp))
		return DATE_NONE;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (n >= 4 && isdigit((unsigned char)tmp[0]) &&
	    isdigit((unsigned char)tmp[1]) && isdigit((unsigned char)tmp[2]) &&
	    isdigit((unsigned char)tmp[3]))
		return parse_iso(tmp);
	return parse_rfc822(tmp);
}

void
date_format(int64_t t, char *out, size_t len)
{
	int64_t	 days, secs, y;
	int	 m, d;

	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	/* Years 0-9999 without snprintf: see common/digits.c. */
	if (y >= 0 && y <= 9999 && len >= 21) {
		out = fmt_fixed(out, (unsigned)y, 4);
		*out++ = '-';
		out = fmt_fixed(out, (unsigned)m, 2);
		*out++ = '-';
		out = fmt_fixed(out, (unsigned)d, 2);
		*out++ = 'T';
		out = fmt_fixed(out, (unsigned)(secs / 3600), 2);
		*out++ = ':';
		out = fmt_fixed(out, (unsigned)(secs / 60 % 60), 2);
		*out++ = ':';
		out = fmt_fixed(out, (unsigned)(secs % 60), 2);
		memcpy(out, "Z", 2);
		return;
	}
	snprintf(out, len, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y,
	    m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60));
}
