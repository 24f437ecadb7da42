/*
 * config_url.c: what a feed URL in the configuration may be.  A file of its
 * own so that sanctionctl import-opml can check URLs without the rest of
 * the configuration code.
 */
#include <string.h>
#include <strings.h>

#include "daemon.h"

int
config_valid_url(const char *v)
{
	const char	*s, *host;

	if (strncasecmp(v, "http://", 7) == 0)
		host = v + 7;
	else if (strncasecmp(v, "https://", 8) == 0)
		host = v + 8;
	else
		return 0;
	if (*host == '\0' || *host == '/')
		return 0;
	for (s = v; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 0;
	return 1;
}
