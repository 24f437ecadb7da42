/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * zsub.c: the smallest ZeroMQ subscriber, for integration tests that need
 * to see exactly what sanctiond published, independent of sanctionctl.
 *
 * usage: zsub -e ENDPOINT [-t PREFIX ...]
 *        zsub -e REPLAY_ENDPOINT -q REQUEST
 *
 * Prints "TOPIC<TAB>JSON" per message on stdout, flushed at once.  Ends on
 * SIGTERM or SIGINT.  With -q, sends REQUEST (a JSON object) to the replay
 * endpoint from a DEALER, prints its reply's frames the same way, pair by
 * pair (the end or error object after an empty topic), and exits: 0, or 1
 * when no reply came within 10 s.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zmq.h>

static volatile sig_atomic_t	 done;

static void
on_signal(int sig)
{
	(void)sig;
	done = 1;
}

static int
recv_frame(void *sock, char **out, int *more)
{
	zmq_msg_t	 msg;
	size_t		 len;
	int		 rc;

	zmq_msg_init(&msg);
	if ((rc = zmq_msg_recv(&msg, sock, 0)) == -1) {
		zmq_msg_close(&msg);
		return -1;
	}
	len = zmq_msg_size(&msg);
	if ((*out = malloc(len + 1)) == NULL)
		abort();
	memcpy(*out, zmq_msg_data(&msg), len);
	(*out)[len] = '\0';
	*more = zmq_msg_more(&msg);
	zmq_msg_close(&msg);
	return 0;
}

/* One replay request, its reply printed; 0, or 1 when none came. */
static int
replay_once(void *ctx, const char *endpoint, const char *request)
{
	void	*sock;
	char	*topic, *json;
	int	 more = 1, linger = 0, timeout = 10000, rv = 0;

	sock = zmq_socket(ctx, ZMQ_DEALER);
	zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof(linger));
	zmq_setsockopt(sock, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
	if (zmq_connect(sock, endpoint) == -1 ||
	    zmq_send(sock, request, strlen(request), 0) == -1) {
		fprintf(stderr, "zsub: %s: %s\n", endpoint,
		    zmq_strerror(zmq_errno()));
		zmq_close(sock);
		return 1;
	}
	while (more) {
		if (recv_frame(sock, &topic, &more) == -1) {
			fprintf(stderr, "zsub: %s: no reply\n", endpoint);
			rv = 1;
			break;
		}
		json = NULL;
		if (more && recv_frame(sock, &json, &more) == -1) {
			free(topic);
			rv = 1;
			break;
		}
		printf("%s\t%s\n", topic, json ? json : "");
		free(topic);
		free(json);
	}
	fflush(stdout);
	zmq_close(sock);
	return rv;
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	const char		*endpoint = NULL, *request = NULL;
	void			*ctx, *sock;
	char			*topic, *json;
	int			 ch, ntopics = 0, more, linger = 0, rv;

	ctx = zmq_ctx_new();
	sock = zmq_socket(ctx, ZMQ_SUB);
	while ((ch = getopt(argc, argv, "e:q:t:")) != -1) {
		switch (ch) {
		case 'e':
			endpoint = optarg;
			break;
		case 'q':
			request = optarg;
			break;
		case 't':
			zmq_setsockopt(sock, ZMQ_SUBSCRIBE, optarg,
			    strlen(optarg));
			ntopics++;
			break;
		default:
			fprintf(stderr, "usage: zsub -e ENDPOINT [-t PREFIX] "
			    "[-q REQUEST]\n");
			return 2;
		}
	}
	if (endpoint == NULL) {
		fprintf(stderr, "usage: zsub -e ENDPOINT [-t PREFIX] "
		    "[-q REQUEST]\n");
		return 2;
	}
	if (request != NULL) {
		zmq_close(sock);
		rv = replay_once(ctx, endpoint, request);
		zmq_ctx_term(ctx);
		return rv;
	}
	if (ntopics == 0)
		zmq_setsockopt(sock, ZMQ_SUBSCRIBE, "", 0);
	zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof(linger));
	if (zmq_connect(sock, endpoint) == -1) {
		fprintf(stderr, "zsub: %s: %s\n", endpoint,
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: recv returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!done) {
		if (recv_frame(sock, &topic, &more) == -1)
			break;
		json = NULL;
		if (more && recv_frame(sock, &json, &more) == -1) {
			free(topic);
			break;
		}
		printf("%s\t%s\n", topic, json ? json : "");
		fflush(stdout);
		free(topic);
		free(json);
	}
	zmq_close(sock);
	zmq_ctx_term(ctx);
	return 0;
}
