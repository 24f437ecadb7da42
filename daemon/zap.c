/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * zap.c: who may subscribe when the sockets require CURVE.  libzmq asks a
 * ZAP handler (RFC 27) bound at inproc://zeromq.zap.01 in the same context
 * about every CURVE handshake; ours answers from an allow-list of client
 * public keys.  It runs in a thread of its own because libzmq's I/O thread
 * waits for the answer, and the answer never needs the daemon's state.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zmq.h>

#include "daemon.h"

#define ZAP_ENDPOINT	"inproc://zeromq.zap.01"
#define ZAP_FRAMES	7	/* version, id, domain, address, identity,
				   mechanism, credentials */

struct zap {
	void		*ctx;
	void		*rep;
	void		*ctl;		/* closes the thread */
	char		 ctl_ep[64];
	uint8_t		(*keys)[32];
	size_t		 nkeys;
	pthread_t	 thread;
};

static int
allowed(const struct zap *z, zmq_msg_t *cred)
{
	size_t	 i;

	if (zmq_msg_size(cred) != 32)
		return 0;
	for (i = 0; i < z->nkeys; i++)
		if (memcmp(z->keys[i], zmq_msg_data(cred), 32) == 0)
			return 1;
	return 0;
}

static void
send_str(void *sock, const char *s, int more)
{
	zmq_send(sock, s, strlen(s), more ? ZMQ_SNDMORE : 0);
}

static void
answer(struct zap *z)
{
	zmq_msg_t	 f[ZAP_FRAMES];
	int		 n, ok;

	n = zsock_recv(z->rep, f, ZAP_FRAMES, 0);
	ok = n == ZAP_FRAMES && zmq_msg_size(&f[5]) == 5 &&
	    memcmp(zmq_msg_data(&f[5]), "CURVE", 5) == 0 && allowed(z, &f[6]);
	if (n >= 2) {
		send_str(z->rep, "1.0", 1);
		zmq_send(z->rep, zmq_msg_data(&f[1]), zmq_msg_size(&f[1]),
		    ZMQ_SNDMORE);
		send_str(z->rep, ok ? "200" : "400", 1);
		send_str(z->rep, ok ? "OK" : "key not allowed", 1);
		send_str(z->rep, "", 1);
		send_str(z->rep, "", 0);
	}
	if (!ok && n == ZAP_FRAMES)
		log_info("refused a subscriber from %.*s: key not allowed",
		    (int)zmq_msg_size(&f[3]), (char *)zmq_msg_data(&f[3]));
	while (n > 0)
		if (--n < ZAP_FRAMES)
			zmq_msg_close(&f[n]);
}

static void *
zap_thread(void *arg)
{
	struct zap	*z = arg;
	void		*ctl;
	zmq_pollitem_t	 pi[2];

	ctl = zmq_socket(z->ctx, ZMQ_PAIR);
	zmq_connect(ctl, z->ctl_ep);
	pi[0] = (zmq_pollitem_t){ z->rep, 0, ZMQ_POLLIN, 0 };
	pi[1] = (zmq_pollitem_t){ ctl, 0, ZMQ_POLLIN, 0 };
	for (;;) {
		if (zmq_poll(pi, 2, -1) == -1)
			continue;
		if (pi[1].revents & ZMQ_POLLIN)
			break;
		if (pi[0].revents & ZMQ_POLLIN)
			answer(z);
	}
	zmq_close(ctl);
	return NULL;
}

/* Start answering for the context; keys are Z85 client public keys. */
struct zap *
zap_start(void *zctx, const struct strlist *keys, char **err)
{
	struct zap	*z;
	size_t		 i;
	int		 zero = 0;

	z = xcalloc(1, sizeof(*z));
	z->ctx = zctx;
	z->keys = xcalloc(keys->n ? keys->n : 1, sizeof(*z->keys));
	for (i = 0; i < keys->n; i++)
		if (curve_key_decode(keys->v[i], z->keys[z->nkeys++]) == -1) {
			xasprintf(err, "not a CURVE public key: %s",
			    keys->v[i]);
			goto fail;
		}
	z->rep = zmq_socket(zctx, ZMQ_REP);
	z->ctl = zmq_socket(zctx, ZMQ_PAIR);
	zmq_setsockopt(z->rep, ZMQ_LINGER, &zero, sizeof(zero));
	zmq_setsockopt(z->ctl, ZMQ_LINGER, &zero, sizeof(zero));
	snprintf(z->ctl_ep, sizeof(z->ctl_ep), "inproc://sanctiond-zap-%p",
	    (void *)z);
	if (zmq_bind(z->rep, ZAP_ENDPOINT) == -1 ||
	    zmq_bind(z->ctl, z->ctl_ep) == -1) {
		xasprintf(err, "%s: %s", ZAP_ENDPOINT, zmq_strerror(zmq_errno()));
		goto fail;
	}
	if (pthread_create(&z->thread, NULL, zap_thread, z) != 0) {
		xasprintf(err, "ZAP thread could not start");
		goto fail;
	}
	return z;
fail:
	if (z->rep != NULL)
		zmq_close(z->rep);
	if (z->ctl != NULL)
		zmq_close(z->ctl);
	free(z->keys);
	free(z);
	return NULL;
}

void
zap_stop(struct zap *z)
{
	if (z == NULL)
		return;
	zmq_send(z->ctl, "", 0, 0);
	pthread_join(z->thread, NULL);
	zmq_close(z->rep);
	zmq_close(z->ctl);
	free(z->keys);
	free(z);
}

/* Make sock a CURVE server with this Z85 secret key (before bind). */
int
curve_server(void *sock, const char *secret, char **err)
{
	uint8_t	 key[32];
	int	 one = 1;

	if (curve_key_decode(secret, key) == -1) {
		xasprintf(err, "not a CURVE secret key");
		return -1;
	}
	if (zmq_setsockopt(sock, ZMQ_CURVE_SERVER, &one, sizeof(one)) == -1 ||
	    zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, key, 32) == -1 ||
	    zmq_setsockopt(sock, ZMQ_ZAP_DOMAIN, "sanctiond", 9) == -1) {
		xasprintf(err, "CURVE: %s", zmq_strerror(zmq_errno()));
		return -1;
	}
	return 0;
}
