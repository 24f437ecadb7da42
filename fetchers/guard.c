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
#include <string.h>

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
