/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * replaybad.c: a bad client of sanctiond's replay socket, for
 * tests/integration/bad_subscribers.sh.
 *
 * usage: replaybad -e ENDPOINT MODE [SECONDS]
 *
 *   garbage   one frame of random bytes
 *   huge      one 4 MB frame
 *   frames    one message of 200 frames
 *   nojson    a JSON value that is not an object ("[1,2,3]")
 *   half      raw TCP: half a ZMTP greeting, then silence for SECONDS
 *   noread    2000 requests for everything, replies never read, then
 *             SECONDS of silence with the socket open
 *   hugesub   raw TCP to a PUB endpoint: a ZMTP 3.0 SUB handshake, then
 *             one 100 MB subscription frame, then SECONDS of silence
 *   flood     for SECONDS, 20 requests every 10 ms for a topic nothing
 *             has ("zzz"), reading whatever replies come; prints the
 *             number of requests sent, of replies and of error replies
 *
 * The first four wait up to SECONDS (default 3) for a reply and print one
 * line: "error: <reply>" for an error reply, "reply" for any other reply,
 * "none" when nothing came (the peer was dropped).  The others print
 * "done".  Exit status 0 unless the tool itself failed.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

#define HUGE_LEN	(4 * 1024 * 1024)
#define MANY_FRAMES	200
#define NOREAD_REQS	2000
#define HUGESUB_LEN	(100L * 1024 * 1024)
#define FLOOD_BURST	20
#define FLOOD_GAP_MS	10
#define FLOOD_REQ	"{\"since\":0,\"topics\":[\"zzz\"]}"

static void
usage(void)
{
	fprintf(stderr, "usage: replaybad -e endpoint "
	    "garbage|huge|frames|nojson|half|noread|hugesub|flood [seconds]\n");
	exit(2);
}

/* Read every whole reply waiting; count them, and the error replies. */
static void
drain(void *sock, long *replies, long *errors)
{
	zmq_msg_t	 msg;
	int		 more;

	for (;;) {
		zmq_msg_init(&msg);
		if (zmq_msg_recv(&msg, sock, ZMQ_DONTWAIT) == -1) {
			zmq_msg_close(&msg);
			return;
		}
		more = zmq_msg_more(&msg);
		if (!more) {
			(*replies)++;
			if (memmem(zmq_msg_data(&msg), zmq_msg_size(&msg),
			    "\"error\"", 7) != NULL)
				(*errors)++;
		}
		zmq_msg_close(&msg);
	}
}

/* Non-matching filtered requests as fast as the socket takes them. */
static void
flood(void *sock, int secs)
{
	struct timespec	 start, now;
	long		 sent = 0, replies = 0, errors = 0;
	int		 i;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		for (i = 0; i < FLOOD_BURST; i++)
			if (zmq_send(sock, FLOOD_REQ, strlen(FLOOD_REQ),
			    ZMQ_DONTWAIT) != -1)
				sent++;
		drain(sock, &replies, &errors);
		usleep(FLOOD_GAP_MS * 1000);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < secs);
	drain(sock, &replies, &errors);
	printf("sent %ld replies %ld errors %ld\n", sent, replies, errors);
}

/* The reply's last frame (the end or error object), or "none". */
static void
await_reply(void *sock, int secs)
{
	zmq_pollitem_t	 pi = { sock, 0, ZMQ_POLLIN, 0 };
	zmq_msg_t	 msg;
	char		 last[512] = "";
	int		 more = 1, n;

	if (zmq_poll(&pi, 1, secs * 1000L) <= 0) {
		printf("none\n");
		return;
	}
	while (more) {
		zmq_msg_init(&msg);
		if (zmq_msg_recv(&msg, sock, 0) == -1) {
			zmq_msg_close(&msg);
			break;
		}
		n = (int)zmq_msg_size(&msg);
		if (n > 0)
			snprintf(last, sizeof(last), "%.*s",
			    n < 500 ? n : 500, (char *)zmq_msg_data(&msg));
		more = zmq_msg_more(&msg);
		zmq_msg_close(&msg);
	}
	if (strstr(last, "\"error\"") != NULL)
		printf("error: %s\n", last);
	else
		printf("reply\n");
}

static void
send_frames(void *sock, const char *data, size_t len, int nframes)
{
	int	 i;

	for (i = 0; i < nframes; i++)
		zmq_send(sock, data, len, i + 1 < nframes ? ZMQ_SNDMORE : 0);
}

/* Raw TCP to the endpoint's port on 127.0.0.1; -1 on failure. */
static int
tcp_open(const char *endpoint)
{
	struct sockaddr_in	 sin;
	const char		*colon = strrchr(endpoint, ':');
	int			 fd;

	if (colon == NULL)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(colon + 1));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		perror(endpoint);
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/*
 * Speak ZMTP 3.0 by hand, so that the client does not build the trie a
 * SUB socket keeps of its own subscriptions: a NULL greeting, READY as a
 * SUB, then one long frame "\1zzz..." of HUGESUB_LEN bytes, sent 1 MB at a
 * time.  A peer that refuses it closes the connection (EPIPE: fine).
 */
static int
huge_subscription(const char *endpoint, int secs)
{
	static const char	 ready[] = "\x04\x19\x05READY\x0bSocket-Type"
				    "\0\0\0\x03SUB";
	unsigned char		 greet[64], hdr[9];
	char			*chunk;
	long			 left = HUGESUB_LEN;
	int			 fd, i, chunklen = 1024 * 1024;

	if ((fd = tcp_open(endpoint)) == -1)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	memset(greet, 0, sizeof(greet));
	greet[0] = 0xff;
	greet[9] = 0x7f;
	greet[10] = 3;			/* version 3.0 */
	memcpy(greet + 12, "NULL", 4);
	hdr[0] = 0x02;			/* a long frame, the last */
	for (i = 0; i < 8; i++)
		hdr[1 + i] = (unsigned char)((unsigned long)HUGESUB_LEN >>
		    (56 - 8 * i));
	if ((chunk = malloc(chunklen)) == NULL)
		return -1;
	memset(chunk, 'z', chunklen);
	chunk[0] = 1;			/* subscribe */
	if (write(fd, greet, sizeof(greet)) != sizeof(greet) ||
	    write(fd, ready, sizeof(ready) - 1) != sizeof(ready) - 1 ||
	    write(fd, hdr, sizeof(hdr)) != sizeof(hdr))
		left = 0;
	while (left > 0) {
		if (write(fd, chunk, left < chunklen ? left : chunklen) <= 0)
			break;
		left -= chunklen;
		chunk[0] = 'z';
	}
	free(chunk);
	sleep((unsigned)secs);
	close(fd);
	printf("done\n");
	return 0;
}

/* Connect raw TCP to the endpoint's port; half a greeting; wait. */
static int
half_open(const char *endpoint, int secs)
{
	int	 fd;

	if ((fd = tcp_open(endpoint)) == -1)
		return -1;
	/* ZMTP 3 signature starts 0xff, 8 bytes, 0x7f: send 5 of them. */
	if (write(fd, "\xff\0\0\0\0", 5) != 5)
		perror("write");
	sleep((unsigned)secs);
	close(fd);
	printf("done\n");
	return 0;
}

int
main(int argc, char **argv)
{
	const char	*endpoint = NULL, *mode;
	char		*big;
	void		*ctx, *sock;
	int		 ch, secs = 3, i, zero = 0, hwm = 10;

	while ((ch = getopt(argc, argv, "e:")) != -1) {
		if (ch != 'e')
			usage();
		endpoint = optarg;
	}
	if (endpoint == NULL || optind >= argc)
		usage();
	mode = argv[optind];
	if (optind + 1 < argc)
		secs = atoi(argv[optind + 1]);
	if (strcmp(mode, "half") == 0)
		return half_open(endpoint, secs) == -1;
	if (strcmp(mode, "hugesub") == 0)
		return huge_subscription(endpoint, secs) == -1;

	ctx = zmq_ctx_new();
	sock = zmq_socket(ctx, ZMQ_DEALER);
	zmq_setsockopt(sock, ZMQ_LINGER, &zero, sizeof(zero));
	zmq_setsockopt(sock, ZMQ_RCVHWM, &hwm, sizeof(hwm));
	if (zmq_connect(sock, endpoint) == -1) {
		fprintf(stderr, "%s: %s\n", endpoint, zmq_strerror(zmq_errno()));
		return 1;
	}
	if (strcmp(mode, "garbage") == 0) {
		char	 junk[1024];

		srandom((unsigned)getpid());
		for (i = 0; i < (int)sizeof(junk); i++)
			junk[i] = (char)random();
		junk[0] = '\x8f';	/* never a JSON start */
		send_frames(sock, junk, sizeof(junk), 1);
		await_reply(sock, secs);
	} else if (strcmp(mode, "huge") == 0) {
		big = malloc(HUGE_LEN);
		if (big == NULL)
			return 1;
		memset(big, '{', HUGE_LEN);
		send_frames(sock, big, HUGE_LEN, 1);
		free(big);
		await_reply(sock, secs);
	} else if (strcmp(mode, "frames") == 0) {
		send_frames(sock, "{\"since\":0}", 11, MANY_FRAMES);
		await_reply(sock, secs);
	} else if (strcmp(mode, "nojson") == 0) {
		send_frames(sock, "[1,2,3]", 7, 1);
		await_reply(sock, secs);
	} else if (strcmp(mode, "flood") == 0) {
		flood(sock, secs);
	} else if (strcmp(mode, "noread") == 0) {
		for (i = 0; i < NOREAD_REQS; i++)
			zmq_send(sock, "{\"since\":0}", 11, ZMQ_DONTWAIT);
		sleep((unsigned)secs);
		printf("done\n");
	} else
		usage();
	zmq_close(sock);
	zmq_ctx_term(ctx);
	return 0;
}
