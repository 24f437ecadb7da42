/* test_guard.c: the SSRF guard's address classes, v4 and v6. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "../test.h"
#include "../../fetchers/internal.h"

static const char *
class_of(const char *addr)
{
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;

	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		return guard_class((struct sockaddr *)&sin);
	}
	if (inet_pton(AF_INET6, addr, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		return guard_class((struct sockaddr *)&sin6);
	}
	return "unparsable";
}

static void
refused(const char *addr, const char *want)
{
	const char	*got = class_of(addr);

	if (!t_ok(got != NULL && strstr(got, want) != NULL,
	    "%s refused as %s", addr, want))
		printf("#   got: %s\n", got ? got : "(public)");
}

static void
allowed(const char *addr)
{
	const char	*got = class_of(addr);

	if (!t_ok(got == NULL, "%s is public", addr))
		printf("#   got: %s\n", got);
}

int
main(void)
{
	struct sockaddr	 sa;

	refused("127.0.0.1", "loopback");
	refused("127.255.255.254", "loopback");
	refused("10.0.0.1", "RFC 1918");
	refused("172.16.0.1", "RFC 1918");
	refused("172.31.255.255", "RFC 1918");
	refused("192.168.1.1", "RFC 1918");
	refused("169.254.169.254", "link-local");
	refused("100.64.0.1", "CGNAT");
	refused("100.127.255.255", "CGNAT");
	refused("0.0.0.0", "this");
	refused("224.0.0.1", "multicast");
	refused("239.255.255.250", "multicast");
	refused("255.255.255.255", "reserved");
	refused("240.0.0.1", "reserved");
	refused("192.0.2.1", "documentation");
	refused("198.51.100.7", "documentation");
	refused("203.0.113.9", "documentation");
	refused("198.18.0.1", "benchmarking");
	refused("192.0.0.8", "IETF");
	refused("::1", "loopback");
	refused("::", "unspecified");
	refused("fc00::1", "ULA");
	refused("fd12:3456::1", "ULA");
	refused("fe80::1", "link-local");
	refused("fec0::1", "site-local");
	refused("ff02::1", "multicast");
	refused("2001:db8::1", "documentation");
	refused("::ffff:10.0.0.1", "IPv4-mapped");
	refused("::ffff:127.0.0.1", "IPv4-mapped");
	refused("64:ff9b::a9fe:a9fe", "IPv4-mapped");
	refused("2002:7f00:1::1", "6to4");
	refused("2001::1", "Teredo");
	refused("100::1", "discard");
	refused("4000::1", "reserved");
	allowed("93.184.216.34");
	allowed("8.8.8.8");
	allowed("172.32.0.1");
	allowed("100.128.0.1");
	allowed("11.0.0.1");
	allowed("2606:2800:220:1:248:1893:25c8:1946");
	allowed("::ffff:93.184.216.34");
	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_UNIX;
	t_ok(guard_class(&sa) != NULL, "a UNIX socket address is refused");
	return t_done();
}
