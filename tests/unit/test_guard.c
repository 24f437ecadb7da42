/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
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

/* A proxied feed's host, judged by its URL. */
static void
test_url_class(void)
{
	static const char *const bad[] = {
		"http://127.0.0.1:8080/x", "http://0x7f.1/x",
		"http://2130706433/x", "https://10.1.2.3/", "http://[::1]:81/",
		"http://[fe80::1%25eth0]/", "http://localhost/x",
		"http://LocalHost./x", "http://a.localhost/x",
		"http://[::ffff:192.168.0.1]/", "http://169.254.169.254/latest",
	};
	static const char *const good[] = {
		"http://example.org/x", "https://93.184.216.34/",
		"http://[2606:2800:220:1:248:1893:25c8:1946]/",
		"http://localhost.example.org/", "http://10.example/",
	};
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		t_ok(guard_url_class(bad[i]) != NULL, "by URL: %s refused (%s)",
		    bad[i], guard_url_class(bad[i]));
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		t_ok(guard_url_class(good[i]) == NULL, "by URL: %s is left to "
		    "the proxy", good[i]);
}

/* Only the proxy's hop is exempt: its port, and its address if numeric. */
static void
test_proxy_hop(void)
{
	struct guard_proxy	 gp;
	struct sockaddr_in	 sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	sin.sin_port = htons(3128);
	t_ok(guard_proxy_init(&gp, "http://127.0.0.1:3128") == 0 &&
	    guard_is_proxy(&gp, (struct sockaddr *)&sin),
	    "the numeric proxy's address and port are its hop");
	sin.sin_port = htons(80);
	t_ok(!guard_is_proxy(&gp, (struct sockaddr *)&sin),
	    "another port of the same address is not");
	sin.sin_port = htons(3128);
	inet_pton(AF_INET, "127.0.0.2", &sin.sin_addr);
	t_ok(!guard_is_proxy(&gp, (struct sockaddr *)&sin),
	    "another address on the proxy's port is not");
	t_ok(guard_proxy_init(&gp, "socks5h://proxy.internal:3128") == 0 &&
	    guard_is_proxy(&gp, (struct sockaddr *)&sin),
	    "a named proxy: any address it resolves to, on its port");
	memset(&gp, 0, sizeof(gp));
	t_ok(!guard_is_proxy(&gp, (struct sockaddr *)&sin),
	    "no proxy: nothing is exempt");
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
	test_url_class();
	test_proxy_hop();
	return t_done();
}
