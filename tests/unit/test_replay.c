/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_replay.c: the ROUTER replay server on a real libevent loop, asked by
 * real DEALER (and REQ) clients: batches, "more", topic filters, and
 * garbage requests that get an error and leave the server serving.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <zmq.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static char		 dir[] = "/tmp/test_replay.XXXXXX";
static struct event_base *base;

struct answer {
	int	 events;		/* topic+JSON pairs */
	int64_t	 seqs[600];
	json_t	*end;			/* the end object (or error) */
	int	 frames;
};

static void
answer_free(struct answer *a)
{
	json_decref(a->end);
	memset(a, 0, sizeof(*a));
}

/* Turn the loop until the client has a whole message, or 5 s pass. */
static int
await(void *client, zmq_msg_t *f, int max)
{
	zmq_pollitem_t	 pi = { client, 0, ZMQ_POLLIN, 0 };
	int		 i, n = 0;

	for (i = 0; i < 500; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		if (zmq_poll(&pi, 1, 10) > 0)
			break;
	}
	if (i == 500)
		return -1;
	do {
		zmq_msg_init(&f[n]);
		if (zmq_msg_recv(&f[n], client, 0) == -1)
			break;
		n++;
	} while (n < max && zmq_msg_more(&f[n - 1]));
	return n;
}

/* Send frames (a NULL-terminated list), collect the reply. */
static int
ask(void *client, struct answer *a, ...)
{
	static zmq_msg_t	 f[1300];
	va_list			 ap;
	const char		*s, *next;
	json_t			*o;
	int			 n, i;

	memset(a, 0, sizeof(*a));
	va_start(ap, a);
	s = va_arg(ap, const char *);
	while (s != NULL) {
		next = va_arg(ap, const char *);
		zmq_send(client, s, strlen(s), next ? ZMQ_SNDMORE : 0);
		s = next;
	}
	va_end(ap);
	if ((n = await(client, f, 1300)) < 0)
		return -1;
	a->frames = n;
	/* Pairs of frames; an empty topic frame marks the end object. */
	for (i = 0; i + 1 < n; i += 2) {
		if (zmq_msg_size(&f[i]) == 0) {
			a->end = json_loadb(zmq_msg_data(&f[i + 1]),
			    zmq_msg_size(&f[i + 1]), 0, NULL);
			continue;
		}
		o = json_loadb(zmq_msg_data(&f[i + 1]),
		    zmq_msg_size(&f[i + 1]), 0, NULL);
		if (a->events < 600)
			a->seqs[a->events] =
			    json_integer_value(json_object_get(o, "seq"));
		a->events++;
		json_decref(o);
	}
	for (i = 0; i < n; i++)
		zmq_msg_close(&f[i]);
	return 0;
}

static int64_t
end_int(struct answer *a, const char *k)
{
	return json_integer_value(json_object_get(a->end, k));
}

static int
end_more(struct answer *a)
{
	return json_is_true(json_object_get(a->end, "more"));
}

static const char *
end_error(struct answer *a)
{
	return json_string_value(json_object_get(a->end, "error"));
}

/* 1200 events: seq % 3 == 0 are sanctions, the rest news. */
static void
fill(struct store *s)
{
	struct feed_meta	 m = { "F", NULL, "u", -1 };
	struct sanctions	 sn;
	struct item		 it;
	char			 id[32];
	int			 i;

	sanctions_init(&sn);
	sn.action = ACTION_IMPOSE;
	strlist_add(&sn.authorities, "EU");
	store_batch_begin(s);
	for (i = 1; i <= 1200; i++) {
		item_init(&it);
		snprintf(id, sizeof(id), "item-%d", i);
		it.id = xstrdup(id);
		it.title = xstrdup(id);
		sn.relevant = sn.announcement = i % 3 == 0;
		store_item(s, "f", &m, &it, &sn, NULL);
		item_free(&it);
	}
	store_batch_commit(s);
	sanctions_free(&sn);
}

static void
test_batches(void *c)
{
	struct answer	 a;
	int		 ok, i;

	ask(c, &a, "{\"since\": 0}", NULL);
	t_inteq(a.events, 500, "a batch is bounded to 500");
	t_ok(a.seqs[0] == 1 && a.seqs[499] == 500, "in seq order from 1");
	t_ok(end_more(&a) && end_int(&a, "last") == 500,
	    "end: more, last 500");
	answer_free(&a);
	ask(c, &a, "{\"since\": 1000, \"limit\": 1000}", NULL);
	t_inteq(a.events, 200, "the rest after 1000");
	t_ok(!end_more(&a) && end_int(&a, "last") == 1200 &&
	    end_int(&a, "count") == 200, "end: no more, last 1200, count");
	answer_free(&a);
	ask(c, &a, "{\"since\": 0, \"topics\": [\"sanctions.\"],"
	    " \"limit\": 10}", NULL);
	for (ok = 1, i = 0; i < a.events; i++)
		ok &= a.seqs[i] == 3 * (i + 1);
	t_ok(a.events == 10 && ok, "topic filter: sanctions only");
	answer_free(&a);
	ask(c, &a, "{\"since\": 1190, \"topics\": [\"sanctions.lift.\"]}", NULL);
	t_ok(a.events == 0 && !end_more(&a) && end_int(&a, "last") == 1200,
	    "filtered gap: nothing, but covered up to the last seq");
	answer_free(&a);
	ask(c, &a, "{}", NULL);
	t_ok(a.events == 500 && json_is_string(json_object_get(a.end,
	    "publisher")), "defaults: since 0, limit 500; publisher named");
	answer_free(&a);
}

static void
test_garbage(void *c)
{
	static const char *bad[] = {
		"", "not json", "[1,2]", "{\"since\": -1}",
		"{\"since\": \"abc\"}", "{\"limit\": 0}",
		"{\"topics\": \"sanctions.\"}", "{\"topics\": [1]}",
		"{\"since\": 1, \"since\": 2}", "{\"since\": 1e99}",
	};
	struct answer	 a;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ask(c, &a, bad[i], NULL);
		t_ok(a.events == 0 && end_error(&a) != NULL,
		    "garbage %s: error \"%s\"", bad[i], end_error(&a) ?
		    end_error(&a) : "none");
		answer_free(&a);
	}
	ask(c, &a, "{}", "{}", "{}", NULL);
	t_ok(end_error(&a) != NULL, "three frames: error");
	answer_free(&a);
	ask(c, &a, "x", "x", "x", "x", "x", "x", "x", "x", NULL);
	t_ok(end_error(&a) != NULL, "many frames: error");
	answer_free(&a);
	ask(c, &a, "{\"since\": 1195}", NULL);
	t_inteq(a.events, 5, "still serving after garbage");
	answer_free(&a);
}

static void *
peer(void *ctx, int type, const char *ep)
{
	void	*sock;
	int	 zero = 0;

	sock = zmq_socket(ctx, type);
	zmq_setsockopt(sock, ZMQ_LINGER, &zero, sizeof(zero));
	zmq_connect(sock, ep);
	return sock;
}

/* A message over the size limit disconnects that peer only. */
static void
test_oversize(void *ctx, const char *ep, void *c)
{
	void		*big;
	char		*huge;
	struct answer	 a;

	big = peer(ctx, ZMQ_DEALER, ep);
	huge = xmalloc(200000);
	memset(huge, '{', 200000);
	zmq_send(big, huge, 200000, 0);
	free(huge);
	ask(c, &a, "{\"since\": 1199}", NULL);
	t_inteq(a.events, 1, "oversized request from another peer: "
	    "this one is still served");
	answer_free(&a);
	zmq_close(big);
}

static void
test_req(void *ctx, const char *ep)
{
	void		*req;
	struct answer	 a;

	req = peer(ctx, ZMQ_REQ, ep);
	ask(req, &a, "{\"since\": 1190, \"limit\": 4}", NULL);
	t_ok(a.events == 4 && end_more(&a) && end_int(&a, "last") == 1194,
	    "a REQ client is served too");
	answer_free(&a);
	zmq_close(req);
}

/* More requests than one wake handles: the rest are not stranded. */
static void
test_burst(void *c)
{
	zmq_pollitem_t	 pi = { c, 0, ZMQ_POLLIN, 0 };
	zmq_msg_t	 m;
	int		 i, ends = 0;

	for (i = 0; i < 100; i++)
		zmq_send(c, "{\"since\": 1199}", 15, 0);
	for (i = 0; i < 1000 && ends < 100; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		while (zmq_poll(&pi, 1, 5) > 0) {
			zmq_msg_init(&m);
			zmq_msg_recv(&m, c, 0);
			if (zmq_msg_size(&m) == 0)
				ends++;
			zmq_msg_close(&m);
		}
	}
	t_inteq(ends, 100, "a burst of 100 requests: 100 replies");
}

int
main(void)
{
	struct store	*s;
	struct replay	*r, *r2;
	void		*ctx, *c;
	char		*err = NULL, path[256], *ep;

	log_init(LOG_TO_STDERR, 6);
	alarm(60);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/state.db", dir);
	s = store_open(path, &err);
	base = event_base_new();
	ctx = zmq_ctx_new();
	r = replay_open(base, ctx, "tcp://127.0.0.1:*", s, &err);
	if (!t_ok(s != NULL && r != NULL, "store and replay open"))
		return t_done();
	ep = replay_endpoint(r);
	r2 = replay_open(base, ctx, ep, s, &err);
	t_ok(r2 == NULL && err != NULL && strstr(err, ep) != NULL,
	    "second bind refused, endpoint named: %s", err ? err : "");
	free(err);
	fill(s);
	c = peer(ctx, ZMQ_DEALER, ep);
	test_batches(c);
	test_garbage(c);
	test_oversize(ctx, ep, c);
	test_burst(c);
	test_req(ctx, ep);
	zmq_close(c);
	free(ep);
	replay_close(r);
	store_close(s);
	zmq_ctx_term(ctx);
	event_base_free(base);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	return t_done();
}
