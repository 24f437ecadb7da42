/* date.c: placeholder until the parser lands. */
#include <stdio.h>
#include <time.h>

#include "parsers.h"

int64_t
date_parse(const char *s)
{
	(void)s;
	return DATE_NONE;
}

void
date_format(int64_t t, char *out, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	gmtime_r(&tt, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
