/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * publish.c: events leave on a ZeroMQ PUB socket as two frames, the topic
 * then the JSON.  Every send is non-blocking: a subscriber that cannot keep
 * up loses messages at its high-water mark (and learns of it from the gap
 * in seq), and the loop never waits for anyone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zmq.h>

#include "daemon.h"

/* Per subscriber: about a minute of a very busy day. */
#define PUB_SNDHWM	10000
#define PUB_LINGER_MS	200
/*
 * What a subscriber sends us is subscriptions: a topic prefix each.
 * Without a limit ZeroMQ reads a frame of any announced size whole, and
 * then builds its subscription trie from it, a node per byte, in our
 * thread: a 100 MB frame took GBs and stopped publishing.  Larger frames
 * disconnect the subscriber.
 */

struct publisher {
	void	*sock;
	char	*endpoint;
};

struct publisher *
publisher_open(void *zctx, const char *endpoint, char **err)
{
	return publisher_open_curve(zctx, endpoint, NULL, err);
}

/*
 * With a Z85 secret key, subscribers must speak CURVE, and zap_start()
 * decides which of them may.
 */
struct publisher *
publisher_open_curve(void *zctx, const char *endpoint, const char *secret,
    char **err)
{
	struct publisher	*p;
	void			*sock;
	const int		 opts[] = { ZMQ_SNDHWM, PUB_SNDHWM,
				    ZMQ_LINGER, PUB_LINGER_MS,
				    ZMQ_MAXMSGSIZE, WIRE_SUB_MAX_FRAME, -1 };

	if ((sock = zsock_server(zctx, ZMQ_PUB, "publish", endpoint, secret,
	    opts, err)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->sock = sock;
	p->endpoint = xstrdup(endpoint);
	return p;
}

/*
 * A PUB socket drops rather than blocks at the high-water mark, so EAGAIN
 * is not expected; if it comes anyway, the event counts as sent: it is in
 * the store and a subscriber gets it back through replay.
 */
int
publisher_send(struct publisher *p, const char *topic, const char *json)
{
	if (zmq_send(p->sock, topic, strlen(topic),
	    ZMQ_SNDMORE | ZMQ_DONTWAIT) == -1 ||
	    zmq_send(p->sock, json, strlen(json), ZMQ_DONTWAIT) == -1) {
		if (errno == EAGAIN)
			return 0;
		log_warnx("publish %s on %s: %s", topic, p->endpoint,
		    zmq_strerror(errno));
		return -1;
	}
	return 0;
}

void
publisher_close(struct publisher *p)
{
	if (p == NULL)
		return;
	zmq_close(p->sock);
	free(p->endpoint);
	free(p);
}

struct flush {
	struct publisher	*pub;
	int64_t			 last;
	int			 n;
	int			 failed;
	double			 until;		/* mono_now(); 0: no end */
	int			 more;		/* stopped at until */
};

static int
flush_one(int64_t seq, const char *topic, const char *json, void *arg)
{
	struct flush	*f = arg;

	if (publisher_send(f->pub, topic, json) == -1) {
		f->failed = 1;
		return 1;
	}
	f->last = seq;
	f->n++;
	if (strncmp(topic, "feed.", 5) == 0)
		counters.events_feed++;
	else
		counters.events_item++;
	if (f->until > 0 && mono_now() >= f->until) {
		f->more = 1;
		return 1;
	}
	return 0;
}

/*
 * Publish every committed event not yet published, in seq order, then mark
 * them in one write.  A crash in between publishes them again on restart,
 * with the same seq.  Returns how many were published, or -1.
 */
static int
flush_until(struct store *s, struct flush *f)
{
	if (store_unpublished(s, flush_one, f) == -1)
		return -1;
	if (f->n > 0 && store_mark_published(s, f->last) == -1)
		return -1;
	return f->failed ? -1 : f->n;
}

int
outbox_flush(struct store *s, struct publisher *pub)
{
	struct flush	 f = { pub, 0, 0, 0, 0, 0 };

	return flush_until(s, &f);
}

/*
 * As outbox_flush(), for about secs seconds: the events that are left
 * (in seq order after the ones sent) wait for the next call.  Returns 1
 * when some may be left, 0 when none are, -1 on error.
 */
int
outbox_flush_for(struct store *s, struct publisher *pub, double secs)
{
	struct flush	 f = { pub, 0, 0, 0, 0, 0 };

	f.until = mono_now() + secs;
	if (flush_until(s, &f) == -1)
		return -1;
	return f.more;
}

char *
publisher_endpoint(const struct publisher *p)
{
	return zmq_bound_endpoint(p->sock);
}
