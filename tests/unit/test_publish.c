/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_publish.c: a real PUB socket on a free 127.0.0.1 port and real SUB
 * sockets: two frames per event, topic prefixes, the outbox marking what it
 * sent, and a subscriber that never reads not stopping the publisher.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zmq.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static char	 dir[] = "/tmp/test_publish.XXXXXX";

static void *
sub_open(void *ctx, const char *ep, const char *prefix, int rcvhwm)
{
	void	*s;
	int	 t = 5000;

	s = zmq_socket(ctx, ZMQ_SUB);
	zmq_setsockopt(s, ZMQ_RCVTIMEO, &t, sizeof(t));
	if (rcvhwm > 0)
		zmq_setsockopt(s, ZMQ_RCVHWM, &rcvhwm, sizeof(rcvhwm));
	zmq_setsockopt(s, ZMQ_SUBSCRIBE, prefix, strlen(prefix));
	zmq_connect(s, ep);
	return s;
}

/*
 * A subscription takes a moment to reach the publisher: send probes until
 * one arrives, then drain any that follow.
 */
static int
sub_wait(struct publisher *p, void *sub, const char *probe_topic)
{
	char	 buf[256];
	int	 i, t = 20;

	zmq_setsockopt(sub, ZMQ_RCVTIMEO, &t, sizeof(t));
	for (i = 0; i < 250; i++) {
		publisher_send(p, probe_topic, "{}");
		if (zmq_recv(sub, buf, sizeof(buf), 0) >= 0)
			break;
	}
	while (zmq_recv(sub, buf, sizeof(buf), 0) >= 0)
		;
	t = 5000;
	zmq_setsockopt(sub, ZMQ_RCVTIMEO, &t, sizeof(t));
	return i < 250;
}

/* One message: returns the number of frames; topic and json filled. */
static int
recv_msg(void *sub, char *topic, size_t tlen, char *json, size_t jlen)
{
	int	 n, frames = 0, more = 0;
	size_t	 len = sizeof(more);
	char	*dst[2] = { topic, json };
	size_t	 cap[2] = { tlen, jlen };
	char	 junk[64];

	do {
		if (frames < 2) {
			n = zmq_recv(sub, dst[frames], cap[frames] - 1, 0);
			/* zmq_recv returns the full size, even truncated. */
			if (n >= 0)
				dst[frames][(size_t)n < cap[frames] ?
				    (size_t)n : cap[frames] - 1] = '\0';
		} else
			n = zmq_recv(sub, junk, sizeof(junk), 0);
		if (n == -1)
			return frames;
		frames++;
		zmq_getsockopt(sub, ZMQ_RCVMORE, &more, &len);
	} while (more);
	return frames;
}

/* Three items, new to the store when tag is: a, b and c then tag. */
static void
store_some(struct store *s, const char *tag)
{
	struct feed_meta	 m = { "F", NULL, "u", -1 };
	struct sanctions	 sn;
	struct item		 it;
	const char		*ids[] = { "a", "b", "c" };
	int			 i;

	sanctions_init(&sn);
	strlist_add(&sn.authorities, "UK");
	sn.action = ACTION_IMPOSE;
	store_batch_begin(s);
	for (i = 0; i < 3; i++) {
		item_init(&it);
		xasprintf(&it.id, "%s%s", ids[i], tag);
		it.title = xstrdup(it.id);
		sn.relevant = sn.announcement = i != 1;	/* b is news */
		store_item(s, "f", &m, &it, &sn, NULL);
		item_free(&it);
	}
	store_batch_commit(s);
	sanctions_free(&sn);
}

static void
test_frames(void *ctx, struct store *s, struct publisher *p, const char *ep)
{
	void	*sub;
	char	 topic[128], json[4096];
	json_t	*o;
	int	 frames;

	sub = sub_open(ctx, ep, "sanctions.", 0);
	t_ok(sub_wait(p, sub, "sanctions.probe"), "subscriber connected");
	store_some(s, "");
	t_inteq(outbox_flush(s, p), 3, "outbox published 3 events");
	frames = recv_msg(sub, topic, sizeof(topic), json, sizeof(json));
	t_inteq(frames, 2, "two frames: topic, JSON");
	t_streq(topic, "sanctions.impose.UK", "topic frame");
	o = json_loads(json, 0, NULL);
	t_inteq(json_integer_value(json_object_get(o, "seq")), 1,
	    "JSON frame: seq 1");
	json_decref(o);
	recv_msg(sub, topic, sizeof(topic), json, sizeof(json));
	o = json_loads(json, 0, NULL);
	t_inteq(json_integer_value(json_object_get(o, "seq")), 3,
	    "news (seq 2) filtered by the subscriber's prefix");
	json_decref(o);
	t_inteq(outbox_flush(s, p), 0, "flushed events are marked");
	zmq_close(sub);
}

/*
 * outbox_flush_for(): a slice too short for two sends sends one, says
 * more may be left, and the next slice goes on from it, in seq order.
 */
static void
test_flush_slices(void *ctx, struct store *s, struct publisher *p,
    const char *ep)
{
	void	*sub;
	char	 topic[128], json[4096];
	json_t	*o;
	int	 i, r, calls = 0, inorder = 1;
	int64_t	 first = store_last_seq(s) + 1, seq;

	sub = sub_open(ctx, ep, "", 0);
	t_ok(sub_wait(p, sub, "probe"), "subscriber connected");
	store_some(s, "2");
	while ((r = outbox_flush_for(s, p, 1e-9)) == 1 && calls < 10)
		calls++;
	t_inteq(r, 0, "the slices end when nothing is left");
	t_inteq(calls, 3, "three events, one slice each");
	for (i = 0; i < 3; i++) {
		if (recv_msg(sub, topic, sizeof(topic), json,
		    sizeof(json)) != 2) {
			inorder = 0;
			break;
		}
		o = json_loads(json, 0, NULL);
		seq = json_integer_value(json_object_get(o, "seq"));
		json_decref(o);
		if (seq != first + i)
			inorder = 0;
	}
	t_ok(inorder, "each once, in seq order");
	t_inteq(outbox_flush(s, p), 0, "every slice was marked published");
	zmq_close(sub);
}

/* A subscriber that never reads: sends go on, nothing blocks. */
static void
test_slow_subscriber(void *ctx, struct publisher *p, const char *ep)
{
	void	*slow;
	char	 json[1024];
	int	 i, failed = 0;

	slow = sub_open(ctx, ep, "", 10);
	t_ok(sub_wait(p, slow, "probe"), "slow subscriber connected");
	memset(json, 'x', sizeof(json) - 1);
	json[sizeof(json) - 1] = '\0';
	for (i = 0; i < 100000; i++)
		if (publisher_send(p, "news", json) == -1)
			failed++;
	t_inteq(failed, 0, "100000 sends past a stalled subscriber");
	zmq_close(slow);
}

int
main(void)
{
	struct store		*s;
	struct publisher	*p, *p2;
	void			*ctx;
	char			*err = NULL, path[256], *ep;

	log_init(LOG_TO_STDERR, 6);
	alarm(30);	/* a publisher that blocks fails here, not in run.sh */
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/state.db", dir);
	s = store_open(path, &err);
	ctx = zmq_ctx_new();
	p = publisher_open(ctx, "tcp://127.0.0.1:*", &err);
	if (!t_ok(s != NULL && p != NULL, "store and publisher open"))
		return t_done();
	ep = publisher_endpoint(p);
	t_ok(ep != NULL && strncmp(ep, "tcp://127.0.0.1:", 16) == 0,
	    "bound to a free port: %s", ep ? ep : "none");
	p2 = publisher_open(ctx, ep, &err);
	t_ok(p2 == NULL && err != NULL && strstr(err, ep) != NULL,
	    "second bind refused, endpoint named: %s", err);
	free(err);
	err = NULL;
	p2 = publisher_open(ctx, "bogus://x", &err);
	t_ok(p2 == NULL && err != NULL && strstr(err, "bogus://x") != NULL,
	    "bad endpoint refused, named: %s", err);
	free(err);
	test_frames(ctx, s, p, ep);
	test_flush_slices(ctx, s, p, ep);
	test_slow_subscriber(ctx, p, ep);
	free(ep);
	publisher_close(p);
	store_close(s);
	zmq_ctx_term(ctx);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	return t_done();
}
