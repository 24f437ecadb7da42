/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctlclient.c: a misbehaving client of the daemon's control socket, for
 * the tests.
 *
 * usage: ctlclient PATH silent SECS	connect, send nothing; wait up to SECS
 *					for the daemon to close, print
 *					"closed" or "open"
 *        ctlclient PATH garbage N SECS	send N bytes of no request (no
 *					newline), then as silent
 *        ctlclient PATH noread SECS	ask for status, never read, hold the
 *					connection SECS
 *        ctlclient PATH send LINE	send LINE and a newline, print the
 *					reply
 * Exit status 0, or 1 when the connection could not be made.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
dial(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror(path);
		exit(1);
	}
	return fd;
}

/* Wait for EOF (or a reset) from the daemon, reading what it sends. */
static void
await_close(int fd, int secs)
{
	struct pollfd	 pfd = { .fd = fd, .events = POLLIN };
	char		 buf[4096];
	ssize_t		 n;

	while (poll(&pfd, 1, secs * 1000) == 1) {
		if ((n = read(fd, buf, sizeof(buf))) <= 0) {
			puts("closed");
			return;
		}
	}
	puts("open");
}

int
main(int argc, char **argv)
{
	char	 buf[65536], *junk;
	ssize_t	 n;
	size_t	 len, off;
	int	 fd;

	if (argc < 4) {
		fprintf(stderr, "usage: ctlclient PATH MODE ARG...\n");
		return 2;
	}
	fd = dial(argv[1]);
	if (strcmp(argv[2], "silent") == 0)
		await_close(fd, atoi(argv[3]));
	else if (strcmp(argv[2], "garbage") == 0 && argc > 4) {
		len = strtoul(argv[3], NULL, 10);
		junk = malloc(len);
		memset(junk, 'x', len);
		for (off = 0; off < len; off += (size_t)n)
			if ((n = write(fd, junk + off, len - off)) <= 0)
				break;
		free(junk);
		await_close(fd, atoi(argv[4]));
	} else if (strcmp(argv[2], "noread") == 0) {
		if (write(fd, "status\n", 7) != 7)
			return 1;
		sleep((unsigned)atoi(argv[3]));
	} else if (strcmp(argv[2], "send") == 0) {
		snprintf(buf, sizeof(buf), "%s\n", argv[3]);
		if (write(fd, buf, strlen(buf)) != (ssize_t)strlen(buf))
			return 1;
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			fwrite(buf, 1, (size_t)n, stdout);
	} else {
		fprintf(stderr, "ctlclient: unknown mode %s\n", argv[2]);
		return 2;
	}
	close(fd);
	return 0;
}
