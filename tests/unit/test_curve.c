/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_curve.c: the publish and replay sockets requiring CURVE, with the
 * ZAP allow-list: an allowed subscriber receives, a subscriber with an
 * unknown key or without CURVE receives nothing; key files are read and
 * bad keys refused with a message.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <zmq.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static char	 dir[] = "/tmp/test_curve.XXXXXX";

struct keys {
	char	 pub[41], sec[41];
};

static void *
client(void *ctx, int type, const char *ep, const struct keys *me,
    const char *server)
{
	void	*s;
	int	 zero = 0, t = 100;

	s = zmq_socket(ctx, type);
	zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
	zmq_setsockopt(s, ZMQ_RCVTIMEO, &t, sizeof(t));
	if (me != NULL) {
		zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, server, 40);
		zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, me->pub, 40);
		zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, me->sec, 40);
	}
	if (type == ZMQ_SUB)
		zmq_setsockopt(s, ZMQ_SUBSCRIBE, "", 0);
	zmq_connect(s, ep);
	return s;
}

/* Publish for about 2 s; how many messages did each subscriber get? */
static void
publish_to(struct publisher *p, void **subs, int *got, int n)
{
	char	 buf[256];
	int	 i, j;

	for (i = 0; i < 20; i++) {
		publisher_send(p, "news", "{\"seq\":1}");
		for (j = 0; j < n; j++)
			while (zmq_recv(subs[j], buf, sizeof(buf),
			    ZMQ_DONTWAIT) >= 0)
				got[j]++;
		usleep(100000);
	}
}

static void
test_keyfile(struct keys *k, const char *path)
{
	char	 pub[41], sec[41], *err = NULL;
	FILE	*f;

	f = fopen(path, "w");
	fprintf(f, "# a comment\npublic = %s\nsecret=%s\n", k->pub, k->sec);
	fclose(f);
	chmod(path, 0644);
	t_inteq(curve_keyfile_read(path, pub, sec, &err), -1,
	    "a secret key others can read is refused");
	t_ok(err != NULL && strstr(err, "mode 644") != NULL, "saying why: %s",
	    err ? err : "");
	free(err);
	err = NULL;
	t_inteq(curve_keyfile_read(path, pub, NULL, &err), 0,
	    "its public key alone may be read (--server-key FILE)");
	chmod(path, 0600);
	t_inteq(curve_keyfile_read(path, pub, sec, &err), 0, "key file read");
	t_ok(strcmp(pub, k->pub) == 0 && strcmp(sec, k->sec) == 0,
	    "both keys as written");
	f = fopen(path, "w");
	fprintf(f, "public = short\n");
	fclose(f);
	t_inteq(curve_keyfile_read(path, pub, NULL, &err), -1,
	    "bad key refused");
	t_ok(err != NULL && strstr(err, path) != NULL, "naming the file: %s",
	    err ? err : "");
	free(err);
}

int
main(void)
{
	struct keys		 server, alice, mallory;
	struct strlist		 allow;
	struct zap		*zap;
	struct publisher	*p;
	struct replay		*r;
	struct store		*st;
	struct event_base	*base;
	void			*ctx, *subs[3], *dealer;
	char			*err = NULL, path[300], *ep, buf[4096];
	int			 got[3] = { 0, 0, 0 }, i, n = -1;

	log_init(LOG_TO_STDERR, 3);
	alarm(60);
	if (mkdtemp(dir) == NULL)
		return 1;
	zmq_curve_keypair(server.pub, server.sec);
	zmq_curve_keypair(alice.pub, alice.sec);
	zmq_curve_keypair(mallory.pub, mallory.sec);
	snprintf(path, sizeof(path), "%s/keys", dir);
	test_keyfile(&alice, path);

	ctx = zmq_ctx_new();
	strlist_init(&allow);
	strlist_add(&allow, "not a key");
	t_ok(zap_start(ctx, &allow, &err) == NULL && err != NULL &&
	    strstr(err, "not a key") != NULL, "bad allowed key refused");
	free(err);
	err = NULL;
	strlist_free(&allow);
	strlist_add(&allow, alice.pub);
	zap = zap_start(ctx, &allow, &err);
	t_ok(zap != NULL, "ZAP handler started");
	p = publisher_open_curve(ctx, "tcp://127.0.0.1:*", "bad", &err);
	t_ok(p == NULL && err != NULL, "bad secret key refused: %s",
	    err ? err : "");
	free(err);
	err = NULL;
	p = publisher_open_curve(ctx, "tcp://127.0.0.1:*", server.sec, &err);
	if (!t_ok(p != NULL, "CURVE publisher open"))
		return t_done();
	ep = publisher_endpoint(p);
	subs[0] = client(ctx, ZMQ_SUB, ep, &alice, server.pub);
	subs[1] = client(ctx, ZMQ_SUB, ep, &mallory, server.pub);
	subs[2] = client(ctx, ZMQ_SUB, ep, NULL, NULL);
	publish_to(p, subs, got, 3);
	t_ok(got[0] > 0, "allowed key receives (%d frames)", got[0]);
	t_inteq(got[1], 0, "unknown key receives nothing");
	t_inteq(got[2], 0, "no CURVE receives nothing");
	for (i = 0; i < 3; i++)
		zmq_close(subs[i]);
	free(ep);

	snprintf(path, sizeof(path), "%s/state.db", dir);
	st = store_open(path, &err);
	base = event_base_new();
	r = replay_open_curve(base, ctx, "tcp://127.0.0.1:*", st, server.sec,
	    &err);
	ep = replay_endpoint(r);
	dealer = client(ctx, ZMQ_DEALER, ep, &alice, server.pub);
	zmq_send(dealer, "{}", 2, 0);
	for (i = 0; i < 50 && n < 0; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		n = zmq_recv(dealer, buf, sizeof(buf), 0);
	}
	/* The first frame of an empty reply is the end marker's. */
	t_inteq(n, 0, "CURVE replay answers an allowed client");
	zmq_close(dealer);
	free(ep);

	replay_close(r);
	publisher_close(p);
	zap_stop(zap);
	store_close(st);
	event_base_free(base);
	strlist_free(&allow);
	zmq_ctx_term(ctx);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	return t_done();
}
