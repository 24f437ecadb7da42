/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * guard.c: the SSRF guard.  Every socket libcurl opens, on every hop, passes
 * here with the address it resolved; a non-public address is refused before
 * a byte is sent.  We judge addresses, never URL strings: a host name can
 * resolve anywhere, and numeric forms (0x7f.1, 2130706433, ::ffff:10.0.0.1)
 * only meet their truth here.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetchers.h"
#include "internal.h"

struct net4 {
	uint32_t	 net;
	int		 bits;
	const char	*what;
};

/* IANA special-purpose IPv4 blocks that no public feed lives in. */
static const struct net4 bad4[] = {
	{ 0x00000000, 8,  "\"this\" network" },
	{ 0x0a000000, 8,  "private (RFC 1918)" },
	{ 0x64400000, 10, "shared CGNAT (RFC 6598)" },
	{ 0x7f000000, 8,  "loopback" },
	{ 0xa9fe0000, 16, "link-local" },
	{ 0xac100000, 12, "private (RFC 1918)" },
	{ 0xc0000000, 24, "IETF protocol assignments" },
	{ 0xc0000200, 24, "documentation" },
	{ 0xc0586300, 24, "6to4 relay anycast" },
	{ 0xc0a80000, 16, "private (RFC 1918)" },
	{ 0xc6120000, 15, "benchmarking" },
	{ 0xc6336400, 24, "documentation" },
	{ 0xcb007100, 24, "documentation" },
	{ 0xe0000000, 4,  "multicast" },
	{ 0xf0000000, 4,  "reserved" }	/* and 255.255.255.255 */
};

const char *
guard_class4(uint32_t a)
{
	size_t		 i;
	uint32_t	 mask;

	for (i = 0; i < sizeof(bad4) / sizeof(bad4[0]); i++) {
		mask = 0xffffffffu << (32 - bad4[i].bits);
		if ((a & mask) == bad4[i].net)
			return bad4[i].what;
	}
	return NULL;
}

/* The IPv4 address embedded in an IPv6 form that carries one, if any. */
static int
embedded4(const unsigned char *b, uint32_t *a)
{
	static const unsigned char mapped[12] =
	    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char nat64[12] =
	    { 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0) {
		*a = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
		    (uint32_t)b[14] << 8 | b[15];
		return 1;
	}
	return 0;
}

const char *
guard_class6(const unsigned char *b)
{
	static const unsigned char zero[16];
	uint32_t	 a;

	if (memcmp(b, zero, 15) == 0)
		return b[15] == 1 ? "loopback" : "unspecified";
	if (embedded4(b, &a)) {
		/* A mapped public address is still public. */
		return guard_class4(a) ? "IPv4-mapped non-public" : NULL;
	}
	if ((b[0] & 0xfe) == 0xfc)
		return "unique local (ULA)";
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return "link-local";
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
		return "site-local";
	if (b[0] == 0xff)
		return "multicast";
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
		return "documentation";
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
		return "Teredo";
	if (b[0] == 0x20 && b[1] == 0x02)
		return "6to4";
	if (b[0] == 0x01 && memcmp(b + 1, zero, 7) == 0)
		return "discard-only";
	/* Only 2000::/3 is global unicast today. */
	if ((b[0] & 0xe0) != 0x20)
		return "reserved";
	return NULL;
}

/*
 * NULL when the address is public, else what kind it is.  Anything that is
 * neither IPv4 nor IPv6 (a UNIX socket, say) is refused too.
 */
const char *
guard_class(const struct sockaddr *sa)
{
	const struct sockaddr_in	*sin;
	const struct sockaddr_in6	*sin6;

	switch (sa->sa_family) {
	case AF_INET:
		sin = (const struct sockaddr_in *)sa;
		return guard_class4(ntohl(sin->sin_addr.s_addr));
	case AF_INET6:
		sin6 = (const struct sockaddr_in6 *)sa;
		return guard_class6(sin6->sin6_addr.s6_addr);
	default:
		return "not an internet address";
	}
}

void
guard_addr_string(const struct sockaddr *sa, char *out, size_t len)
{
	const void	*a;

	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
	else {
		snprintf(out, len, "family %d", sa->sa_family);
		return;
	}
	if (inet_ntop(sa->sa_family, a, out, len) == NULL)
		snprintf(out, len, "?");
}

/*
 * Through a proxy libcurl connects to the proxy alone and the proxy
 * resolves the feed's host (SOCKS4 and SOCKS5 without "h" resolve it in
 * libcurl, but hand only the proxy's address to our socket callback).  The
 * address guard then judges the proxy hop only by what the operator wrote:
 * its port, and its address when written as one.
 */
int
guard_proxy_init(struct guard_proxy *gp, const char *url)
{
	CURLU		*u;
	char		*host = NULL, *port = NULL;
	size_t		 len;
	long		 n;
	int		 rc = -1;

	memset(gp, 0, sizeof(*gp));
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, 0) != CURLUE_OK)
		goto out;
	n = strtol(port, NULL, 10);
	if (n < 1 || n > 65535)
		goto out;
	gp->port = (unsigned short)n;
	len = strlen(host);
	if (host[0] == '[' && len > 2) {
		host[len - 1] = '\0';
		host[strcspn(host, "%")] = '\0';	/* a zone id */
		if (inet_pton(AF_INET6, host + 1, gp->addr) == 1)
			gp->family = AF_INET6;
	} else if (inet_pton(AF_INET, host, gp->addr) == 1)
		gp->family = AF_INET;
	gp->set = 1;
	rc = 0;
out:
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

/* Is this the proxy's hop: its port, and its address if it has one? */
int
guard_is_proxy(const struct guard_proxy *gp, const struct sockaddr *sa)
{
	const struct sockaddr_in	*sin;
	const struct sockaddr_in6	*sin6;

	if (!gp->set)
		return 0;
	switch (sa->sa_family) {
	case AF_INET:
		sin = (const struct sockaddr_in *)sa;
		if (ntohs(sin->sin_port) != gp->port)
			return 0;
		return gp->family == AF_UNSPEC || (gp->family == AF_INET &&
		    memcmp(&sin->sin_addr, gp->addr, 4) == 0);
	case AF_INET6:
		sin6 = (const struct sockaddr_in6 *)sa;
		if (ntohs(sin6->sin6_port) != gp->port)
			return 0;
		return gp->family == AF_UNSPEC || (gp->family == AF_INET6 &&
		    memcmp(&sin6->sin6_addr, gp->addr, 16) == 0);
	default:
		return 0;
	}
}

/*
 * What we can still judge of a feed's host when a proxy resolves it: the
 * URL itself.  NULL when the host is a name (the proxy's to judge) or a
 * public address; else what kind of address it is.  IPv4 in any of the
 * numeric forms inet_aton(3) reads (0x7f.1, 2130706433) counts as one,
 * and so do "localhost" and its subdomains (RFC 6761).
 */
const char *
guard_url_class(const char *url)
{
	CURLU		*u;
	char		*host = NULL;
	const char	*why = NULL;
	struct in_addr	 a4;
	unsigned char	 a6[16];
	size_t		 len;

	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		why = "unparseable URL";
		goto out;
	}
	len = strlen(host);
	if (len > 1 && host[len - 1] == '.')
		host[--len] = '\0';
	if (host[0] == '[' && len > 2) {
		host[len - 1] = '\0';
		host[strcspn(host, "%")] = '\0';
		why = inet_pton(AF_INET6, host + 1, a6) == 1 ?
		    guard_class6(a6) : "unparseable IPv6";
	} else if (inet_aton(host, &a4) == 1)
		why = guard_class4(ntohl(a4.s_addr));
	else if (strcasecmp(host, "localhost") == 0 ||
	    (len > 10 && strcasecmp(host + len - 10, ".localhost") == 0))
		why = "loopback";
out:
	curl_free(host);
	curl_url_cleanup(u);
	return why;
}
