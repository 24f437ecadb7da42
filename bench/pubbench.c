/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * pubbench.c: publish-to-subscriber latency on loopback.
 *
 * usage: pubbench -m floor|full [-n COUNT] [-g USEC]
 *
 * A SUB socket in a second thread receives COUNT events sent GAP
 * microseconds apart.  "floor": a bare ZeroMQ PUB sends the same bytes.
 * "full": each event goes the daemon's way: stored in a batch (with its
 * WAL sync), committed, then published by outbox_flush.  Prints
 * "p50_ms p99_ms", the latency from just before the send (floor) or the
 * store (full) to its arrival.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

#include "../daemon/daemon.h"

static int		 count = 2000;
static double		*sent, *got;
static void		*ctx;
static char		 endpoint[256];
static atomic_int	 ready;

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *
receiver(void *arg)
{
	void	*sub = arg;
	char	 topic[64], body[8192];
	int	 i, n;

	for (i = 0; i < count; ) {
		if ((n = zmq_recv(sub, topic, sizeof(topic), 0)) == -1 ||
		    zmq_recv(sub, body, sizeof(body), 0) == -1)
			break;
		/* Probes tell the sender we are subscribed. */
		if (n == 5 && memcmp(topic, "probe", 5) == 0) {
			atomic_store(&ready, 1);
			continue;
		}
		got[i++] = now_ms();
	}
	return NULL;
}

static void
sample(struct item *it, struct sanctions *sn, int i)
{
	item_init(it);
	sanctions_init(sn);
	xasprintf(&it->id, "bench-%d", i);
	xasprintf(&it->title, "Treasury sanctions network %d", i);
	xasprintf(&it->link, "https://example.org/press/%d", i);
	it->summary = xstrdup("The Department of the Treasury's Office of "
	    "Foreign Assets Control today designated 12 entities and 4 "
	    "individuals for their role in procuring components.");
	sn->relevant = sn->announcement = 1;
	sn->action = ACTION_IMPOSE;
	strlist_add(&sn->authorities, "US");
	strlist_add(&sn->countries, "RU");
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct feed_meta	 m = { "Bench", "https://example.org/", "b", -1 };
	struct store		*st = NULL;
	struct publisher	*pub;
	struct item		 it;
	struct sanctions	 sn;
	pthread_t		 th;
	void			*sub;
	double			*lat;
	char			 dir[] = "/tmp/pubbench.XXXXXX", path[300];
	char			*err = NULL, *ep, *topic, *json = NULL;
	const char		*mode = "full";
	int			 ch, i, gap = 1000, full;

	log_init(LOG_TO_STDERR, 4);
	while ((ch = getopt(argc, argv, "m:n:g:")) != -1) {
		switch (ch) {
		case 'm': mode = optarg; break;
		case 'n': count = atoi(optarg); break;
		case 'g': gap = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: pubbench -m floor|full "
			    "[-n COUNT] [-g USEC]\n");
			return 2;
		}
	}
	full = strcmp(mode, "full") == 0;
	sent = xcalloc(count, sizeof(*sent));
	got = xcalloc(count, sizeof(*got));
	lat = xcalloc(count, sizeof(*lat));
	ctx = zmq_ctx_new();
	if ((pub = publisher_open(ctx, "tcp://127.0.0.1:*", &err)) == NULL)
		fatalx("%s", err);
	ep = publisher_endpoint(pub);
	snprintf(endpoint, sizeof(endpoint), "%s", ep);
	free(ep);
	if (full) {
		if (mkdtemp(dir) == NULL)
			fatal("mkdtemp");
		snprintf(path, sizeof(path), "%s/state.db", dir);
		if ((st = store_open(path, &err)) == NULL)
			fatalx("%s", err);
	}
	sub = zmq_socket(ctx, ZMQ_SUB);
	zmq_setsockopt(sub, ZMQ_SUBSCRIBE, "", 0);
	zmq_connect(sub, endpoint);
	pthread_create(&th, NULL, receiver, sub);
	/* Probe until the subscription is in place. */
	while (!atomic_load(&ready)) {
		publisher_send(pub, "probe", "{}");
		usleep(10000);
	}
	usleep(100000);
	for (i = 0; i < count; i++) {
		sample(&it, &sn, i);
		if (!full && json == NULL) {
			json_t	*o = event_item_json("0123456789abcdef"
			    "0123456789abcdef", 1, "bench", &m, &it, &sn, 1);
			json = json_line(o);
			json_decref(o);
		}
		sent[i] = now_ms();
		if (full) {
			store_batch_begin(st);
			store_item(st, "bench", &m, &it, &sn, NULL);
			store_batch_commit(st);
			outbox_flush(st, pub);
		} else {
			topic = event_topic(&sn);
			publisher_send(pub, topic, json);
			free(topic);
		}
		item_free(&it);
		sanctions_free(&sn);
		usleep(gap);
	}
	pthread_join(th, NULL);
	for (i = 0; i < count; i++)
		lat[i] = got[i] - sent[i];
	qsort(lat, count, sizeof(*lat), cmp);
	printf("%.3f %.3f\n", lat[count / 2], lat[count * 99 / 100]);
	free(json);
	zmq_close(sub);
	publisher_close(pub);
	store_close(st);
	zmq_ctx_term(ctx);
	if (full) {
		snprintf(path, sizeof(path), "rm -rf %s", dir);
		if (system(path) != 0)
			return 1;
	}
	free(sent);
	free(got);
	free(lat);
	return 0;
}
