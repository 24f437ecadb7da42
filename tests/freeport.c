/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * freeport.c: print a TCP port P on 127.0.0.1 such that P and P + 1 are
 * both free right now (sanctiond's publish and replay defaults), so that
 * integration tests never use fixed ports.
 *
 * usage: freeport
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int
try_bind(unsigned short port)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1) {
		close(fd);
		return -1;
	}
	close(fd);
	return ntohs(sin.sin_port);
}

int
main(void)
{
	int	 i, p;

	for (i = 0; i < 100; i++) {
		if ((p = try_bind(0)) == -1 || p >= 65535)
			continue;
		if (try_bind((unsigned short)(p + 1)) == p + 1) {
			printf("%d\n", p);
			return 0;
		}
	}
	fprintf(stderr, "freeport: no two free ports in a row\n");
	return 1;
}
