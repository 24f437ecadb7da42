/*
 * replay.c: stored events for "sanctionctl sub --since", from a ROUTER
 * socket driven by the daemon's libevent loop.
 *
 * Protocol (DEALER or REQ client; one request, one reply):
 *
 *   request  one frame, a JSON object:
 *            {"since": SEQ, "topics": ["sanctions.", ...], "limit": N}
 *            since: events with seq > SEQ (default 0); topics: prefixes,
 *            as for a SUB socket (default: all); limit: at most N events
 *            (default and ceiling 500).
 *   reply    one multipart message: for each event, a topic frame and a
 *            JSON frame, exactly as published; then an empty frame and an
 *            end object:
 *            {"end": true, "last": SEQ, "more": BOOL, "count": N,
 *             "publisher": ID}
 *            "last" is the seq the reply covers up to: ask again with it
 *            as "since" while "more" is true.  A bad request gets an empty
 *            frame and {"error": "why"} instead.
 *
 * Batches are bounded, and so is the number of requests handled per wake,
 * so one greedy client cannot hold up the loop.  ZMQ_FD is edge-triggered:
 * after every wake we keep reading until ZMQ_EVENTS says there is nothing
 * left, or reschedule ourselves if we stopped early.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <zmq.h>

#include "daemon.h"

#define REPLAY_MAX_EVENTS	500
#define REPLAY_MAX_TOPICS	32
#define REPLAY_MAX_TOPIC_LEN	256
#define REPLAY_MAX_REQUEST	65536	/* larger: the peer is disconnected */
#define REPLAY_PER_WAKE		16
#define REPLAY_MAX_FRAMES	3	/* identity, [empty], request */

struct replay {
	struct event	*ev;
	void		*sock;
	struct store	*store;
	char		*endpoint;
};

struct request {
	int64_t		 since;
	size_t		 limit;
	struct strlist	 topics;
};

struct reply {
	struct replay	*r;
	size_t		 limit;
	size_t		 count;
	int64_t		 last;
	int		 more;
};

static void	replay_cb(int, short, void *);

struct replay *
replay_open(struct event_base *base, void *zctx, const char *endpoint,
    struct store *store, char **err)
{
	return replay_open_curve(base, zctx, endpoint, store, NULL, err);
}

/* With a Z85 secret key, clients must speak CURVE (see zap.c). */
struct replay *
replay_open_curve(struct event_base *base, void *zctx, const char *endpoint,
    struct store *store, const char *secret, char **err)
{
	struct replay	*r;
	void		*sock;
	int		 fd;
	size_t		 len = sizeof(fd);
	const int	 opts[] = { ZMQ_LINGER, 0,
			    ZMQ_MAXMSGSIZE, REPLAY_MAX_REQUEST, -1 };

	if ((sock = zsock_server(zctx, ZMQ_ROUTER, "replay", endpoint,
	    secret, opts, err)) == NULL)
		return NULL;
	if (zmq_getsockopt(sock, ZMQ_FD, &fd, &len) == -1) {
		xasprintf(err, "replay endpoint %s: %s", endpoint,
		    zmq_strerror(errno));
		zmq_close(sock);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->sock = sock;
	r->store = store;
	r->endpoint = xstrdup(endpoint);
	r->ev = event_new(base, fd, EV_READ | EV_PERSIST, replay_cb, r);
	if (r->ev == NULL)
		fatalx("event_new");
	event_add(r->ev, NULL);
	/* Requests may be queued before the first edge. */
	event_active(r->ev, EV_READ, 0);
	return r;
}

void
replay_close(struct replay *r)
{
	if (r == NULL)
		return;
	event_free(r->ev);
	zmq_close(r->sock);
	free(r->endpoint);
	free(r);
}

char *
replay_endpoint(const struct replay *r)
{
	return zmq_bound_endpoint(r->sock);
}

/* Read the request's fields; NULL when fine, else why not. */
static const char *
request_parse(const char *data, size_t len, struct request *q)
{
	json_t		*o, *v, *t;
	size_t		 i;
	const char	*why = NULL;

	q->since = 0;
	q->limit = REPLAY_MAX_EVENTS;
	strlist_init(&q->topics);
	if ((o = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return "request is not JSON";
	if (!json_is_object(o))
		why = "request is not a JSON object";
	else if ((v = json_object_get(o, "since")) != NULL &&
	    (!json_is_integer(v) || json_integer_value(v) < 0))
		why = "\"since\" must be a seq (an integer >= 0)";
	else if (v != NULL)
		q->since = json_integer_value(v);
	if (why == NULL && (v = json_object_get(o, "limit")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			why = "\"limit\" must be an integer >= 1";
		else if (json_integer_value(v) < REPLAY_MAX_EVENTS)
			q->limit = json_integer_value(v);
	}
	v = why == NULL ? json_object_get(o, "topics") : NULL;
	if (v != NULL && (!json_is_array(v) ||
	    json_array_size(v) > REPLAY_MAX_TOPICS))
		why = "\"topics\" must be an array of at most 32 prefixes";
	else if (v != NULL)
		json_array_foreach(v, i, t) {
			if (!json_is_string(t) ||
			    json_string_length(t) > REPLAY_MAX_TOPIC_LEN) {
				why = "a topic must be a string of at most "
				    "256 bytes";
				break;
			}
			strlist_addn(&q->topics, json_string_value(t),
			    json_string_length(t));
		}
	json_decref(o);
	return why;
}

/* Send one frame; more says another follows. */
static void
send_frame(struct replay *r, const void *data, size_t len, int more)
{
	/*
	 * A ROUTER drops what it cannot route or queue; the client times
	 * out and asks again.  Nothing here can block.
	 */
	zmq_send(r->sock, data, len, ZMQ_DONTWAIT | (more ? ZMQ_SNDMORE : 0));
}

static void
send_json_end(struct replay *r, json_t *o)
{
	char	*s;

	s = json_line(o);
	send_frame(r, "", 0, 1);
	send_frame(r, s, strlen(s), 0);
	free(s);
	json_decref(o);
}

static void
send_error(struct replay *r, const char *why)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "error", json_string(why));
	send_json_end(r, o);
}

static int
reply_event(int64_t seq, const char *topic, const char *json, void *arg)
{
	struct reply	*p = arg;

	if (p->count == p->limit) {
		p->more = 1;
		return 1;
	}
	send_frame(p->r, topic, strlen(topic), 1);
	send_frame(p->r, json, strlen(json), 1);
	p->last = seq;
	p->count++;
	return 0;
}

static void
serve(struct replay *r, const struct request *q)
{
	struct reply	 p = { r, q->limit, 0, q->since, 0 };
	json_t		*o;

	/* One more than asked for tells whether more remain. */
	if (store_events_since(r->store, q->since, &q->topics, q->limit + 1,
	    reply_event, &p) == -1) {
		send_error(r, "the store could not be read");
		return;
	}
	if (!p.more && store_last_seq(r->store) > p.last)
		p.last = store_last_seq(r->store);
	o = json_object();
	json_object_set_new(o, "end", json_true());
	json_object_set_new(o, "last", json_integer(p.last));
	json_object_set_new(o, "more", json_boolean(p.more));
	json_object_set_new(o, "count", json_integer(p.count));
	json_object_set_new(o, "publisher",
	    json_string(store_publisher(r->store)));
	send_json_end(r, o);
}

static void
handle(struct replay *r, zmq_msg_t *f, int nf)
{
	struct request	 q;
	const char	*why;
	int		 body = nf - 1, i;

	/* The envelope: the identity, and a REQ client's empty delimiter. */
	if (nf > REPLAY_MAX_FRAMES || nf < 2 ||
	    (nf == 3 && zmq_msg_size(&f[1]) != 0)) {
		send_frame(r, zmq_msg_data(&f[0]), zmq_msg_size(&f[0]), 1);
		send_error(r, "a request is one JSON frame");
		return;
	}
	for (i = 0; i < body; i++)
		send_frame(r, zmq_msg_data(&f[i]), zmq_msg_size(&f[i]), 1);
	why = request_parse(zmq_msg_data(&f[body]), zmq_msg_size(&f[body]),
	    &q);
	if (why != NULL) {
		log_debug("replay %s: %s", r->endpoint, why);
		send_error(r, why);
	} else
		serve(r, &q);
	strlist_free(&q.topics);
}

static int
readable(struct replay *r)
{
	int	 events = 0;
	size_t	 len = sizeof(events);

	if (zmq_getsockopt(r->sock, ZMQ_EVENTS, &events, &len) == -1)
		return 0;
	return (events & ZMQ_POLLIN) != 0;
}

static void
replay_cb(int fd, short what, void *arg)
{
	struct replay	*r = arg;
	zmq_msg_t	 f[REPLAY_MAX_FRAMES];
	int		 i, n, nf;

	(void)fd;
	(void)what;
	for (n = 0; n < REPLAY_PER_WAKE && readable(r); n++) {
		if ((nf = zsock_recv(r->sock, f, REPLAY_MAX_FRAMES,
		    ZMQ_DONTWAIT)) == 0)
			break;
		handle(r, f, nf);
		for (i = 0; i < nf && i < REPLAY_MAX_FRAMES; i++)
			zmq_msg_close(&f[i]);
	}
	/* Stopped early: the edge will not come again, so come back. */
	if (n == REPLAY_PER_WAKE && readable(r))
		event_active(r->ev, EV_READ, 0);
}
