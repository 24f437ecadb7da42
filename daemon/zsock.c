/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * zsock.c: what the daemon's ZeroMQ server sockets share: opening one with
 * its options (and CURVE when a secret key is given) and binding it with
 * an error that names the endpoint; reading a whole message into a bounded
 * number of frames; the endpoint as bound.
 */
#include <errno.h>
#include <stdlib.h>

#include <zmq.h>

#include "daemon.h"

static int
zsock_setopt(void *sock, int opt, int v)
{
	int64_t	 v64 = v;

	/* Of the options we use, only ZMQ_MAXMSGSIZE is 64 bits wide. */
	if (opt == ZMQ_MAXMSGSIZE)
		return zmq_setsockopt(sock, opt, &v64, sizeof(v64));
	return zmq_setsockopt(sock, opt, &v, sizeof(v));
}

/*
 * A socket of type bound to endpoint, "what" naming it in errors
 * ("publish", "replay").  opts lists option/value pairs of int options,
 * ending with -1.  NULL and *err set on failure.
 */
void *
zsock_server(void *zctx, int type, const char *what, const char *endpoint,
    const char *secret, const int *opts, char **err)
{
	void	*sock;
	char	*why = NULL;
	int	 i;

	if ((sock = zmq_socket(zctx, type)) == NULL) {
		xasprintf(err, "%s endpoint %s: %s", what, endpoint,
		    zmq_strerror(errno));
		return NULL;
	}
	if (secret != NULL && curve_server(sock, secret, &why) == -1)
		goto fail;
	for (i = 0; opts != NULL && opts[i] != -1; i += 2)
		if (zsock_setopt(sock, opts[i], opts[i + 1]) == -1)
			goto fail;
	if (zmq_bind(sock, endpoint) == -1)
		goto fail;
	return sock;
fail:
	xasprintf(err, "%s endpoint %s: %s", what, endpoint,
	    why != NULL ? why : zmq_strerror(errno));
	free(why);
	zmq_close(sock);
	return NULL;
}

/*
 * Receive one whole message; frames beyond max are read and dropped.
 * Returns how many frames it had (0: none waiting); only the first
 * min(n, max) are in f, for the caller to close.
 */
int
zsock_recv(void *sock, struct zmq_msg_t *f, int max, int flags)
{
	zmq_msg_t	 junk;
	int		 n = 0, more = 1;

	while (more) {
		zmq_msg_t	*m = n < max ? &f[n] : &junk;

		zmq_msg_init(m);
		if (zmq_msg_recv(m, sock, flags) == -1) {
			zmq_msg_close(m);
			break;
		}
		more = zmq_msg_more(m);
		if (m == &junk)
			zmq_msg_close(m);
		n++;
	}
	return n;
}

/* The endpoint as bound: with "tcp://host:*", the port the kernel chose. */
char *
zmq_bound_endpoint(void *sock)
{
	char	 ep[256];
	size_t	 len = sizeof(ep);

	if (zmq_getsockopt(sock, ZMQ_LAST_ENDPOINT, ep, &len) == -1)
		return NULL;
	return xstrdup(ep);
}
