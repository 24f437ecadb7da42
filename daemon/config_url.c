/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * config_url.c: what a feed URL in the configuration may be, and its
 * credentials taken out of it.  A file of its own so that sanctionctl
 * import-opml and fetch can use it without the rest of the configuration
 * code.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

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

/*
 * Split the userinfo off a URL with curl's URL API: *url gets the URL
 * without it (or as it was, when it has none), *user and *password the
 * decoded credentials, or NULL.  -1 when curl cannot parse the URL.
 */
int
config_url_split(const char *in, char **url, char **user, char **password)
{
	CURLU	*u;
	char	*s = NULL, *usr = NULL, *pw = NULL;
	int	 rc = -1;

	*url = *user = *password = NULL;
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (curl_url_set(u, CURLUPART_URL, in, 0) != CURLUE_OK)
		goto out;
	curl_url_get(u, CURLUPART_USER, &usr, CURLU_URLDECODE);
	curl_url_get(u, CURLUPART_PASSWORD, &pw, CURLU_URLDECODE);
	if (usr == NULL && pw == NULL) {
		*url = xstrdup(in);	/* untouched: no normalization */
		rc = 0;
		goto out;
	}
	if (curl_url_set(u, CURLUPART_USER, NULL, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
		goto out;
	*url = xstrdup(s);
	*user = xstrdup(usr != NULL ? usr : "");
	if (pw != NULL)
		*password = xstrdup(pw);
	rc = 0;
out:
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	curl_free(pw);
	curl_free(usr);
	curl_free(s);
	curl_url_cleanup(u);
	return rc;
}

/*
 * "HOST:PORT" (HOST a name, an IPv4 address or a bracketed IPv6 one), as
 * curl's URL API reads the authority of http://HOST:PORT/.  *host (without
 * brackets) and *port are allocated.  -1 when it is anything else: no
 * port, a path, credentials.
 */
int
config_hostport(const char *in, char **host, char **port)
{
	CURLU	*u;
	char	*url, *h = NULL, *p = NULL, *path = NULL, *user = NULL;
	char	*q = NULL, *frag = NULL;
	size_t	 len;
	int	 rc = -1;

	*host = *port = NULL;
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	xasprintf(&url, "http://%s", in);
	if (strchr(in, '/') != NULL || strchr(in, '@') != NULL ||
	    curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto out;
	curl_url_get(u, CURLUPART_HOST, &h, 0);
	curl_url_get(u, CURLUPART_PORT, &p, 0);
	curl_url_get(u, CURLUPART_PATH, &path, 0);
	curl_url_get(u, CURLUPART_USER, &user, 0);
	curl_url_get(u, CURLUPART_QUERY, &q, 0);
	curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
	if (h == NULL || *h == '\0' || p == NULL || user != NULL ||
	    q != NULL || frag != NULL ||
	    (path != NULL && strcmp(path, "/") != 0))
		goto out;
	len = strlen(h);
	if (h[0] == '[' && len > 2 && h[len - 1] == ']')
		*host = xstrndup(h + 1, len - 2);
	else
		*host = xstrdup(h);
	*port = xstrdup(p);
	rc = 0;
out:
	curl_free(h);
	curl_free(p);
	curl_free(path);
	curl_free(user);
	curl_free(q);
	curl_free(frag);
	curl_url_cleanup(u);
	free(url);
	return rc;
}

/* Does the URL have this part (other than path "/")? */
static int
has_part(CURLU *u, CURLUPart part)
{
	char	*s = NULL;
	int	 has;

	has = curl_url_get(u, part, &s, 0) == CURLUE_OK &&
	    (part != CURLUPART_PATH || strcmp(s, "/") != 0);
	if (s != NULL)
		explicit_bzero(s, strlen(s));
	curl_free(s);
	return has;
}

/*
 * A proxy as CURLOPT_PROXY takes it, written in full: a scheme libcurl
 * proxies with, a host and a port, nothing else.  NULL when it is one,
 * else what is wrong (never quoting the value: it may hold a password).
 */
const char *
config_valid_proxy(const char *v)
{
	static const char *const schemes[] = {
		"http", "https", "socks4", "socks4a", "socks5", "socks5h"
	};
	CURLU		*u;
	char		*scheme = NULL;
	const char	*why = NULL, *s;
	size_t		 i;

	for (s = v; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return "blank or control character in a proxy URL";
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (strstr(v, "://") == NULL || curl_url_set(u, CURLUPART_URL, v,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return "not a proxy URL (http://HOST:PORT, socks5h://HOST:PORT)";
	}
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strcasecmp(scheme, schemes[i]) == 0)
			break;
	if (i == sizeof(schemes) / sizeof(schemes[0]))
		why = "not an http, https, socks4, socks4a, socks5 or socks5h "
		    "proxy";
	else if (has_part(u, CURLUPART_USER) ||
	    has_part(u, CURLUPART_PASSWORD))
		why = "credentials in a proxy URL are not supported";
	else if (!has_part(u, CURLUPART_PORT))
		why = "no port (write HOST:PORT)";
	else if (has_part(u, CURLUPART_PATH) || has_part(u, CURLUPART_QUERY) ||
	    has_part(u, CURLUPART_FRAGMENT))
		why = "a path, query or fragment in a proxy URL";
	curl_free(scheme);
	curl_url_cleanup(u);
	return why;
}
