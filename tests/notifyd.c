/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * notifyd.c: the receiving end of sd_notify, for integration tests that
 * need to see what sanctiond tells systemd (READY=1, STATUS=...).
 *
 * usage: notifyd PATH
 *
 * Binds a datagram socket at PATH (give it to the daemon as NOTIFY_SOCKET)
 * and prints each message on stdout, one line per assignment, flushed at
 * once.  Ends on SIGTERM or SIGINT.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_un	 sun;
	char			 buf[4096];
	ssize_t			 n;
	int			 fd;

	if (argc != 2 || strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: notifyd PATH\n");
		return 2;
	}
	if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1) {
		perror("socket");
		return 1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, argv[1]);
	unlink(argv[1]);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror(argv[1]);
		return 1;
	}
	signal(SIGTERM, SIG_DFL);
	while ((n = recv(fd, buf, sizeof(buf) - 1, 0)) >= 0) {
		buf[n] = '\0';
		printf("%s\n", buf);
		fflush(stdout);
	}
	perror("recv");
	return 1;
}
