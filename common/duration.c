/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/* duration.c: relative durations as the configuration writes them. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <time.h>

#include "common.h"

/*
 * "90s", "15m", "2h", "1d", "1w" or a plain number of seconds.  Returns 0 and
 * the number of seconds, or -1 when the string is not a duration.
 */
int
parse_duration(const char *s, long long *secs)
{
	char		*end;
	long long	 n, mult = 1;

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case '\0':
		break;
	case 's':
		end++;
		break;
	case 'm':
		mult = 60;
		end++;
		break;
	case 'h':
		mult = 3600;
		end++;
		break;
	case 'd':
		mult = 86400;
		end++;
		break;
	case 'w':
		mult = 7 * 86400;
		end++;
		break;
	default:
		return -1;
	}
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return -1;
	if (n > LLONG_MAX / mult)
		return -1;
	*secs = n * mult;
	return 0;
}

/* Seconds on the monotonic clock: intervals, never wall time. */
double
mono_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
