/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * replay.c: stored events for "sanctionctl sub --since", from a ROUTER
 * socket driven by the daemon's libevent loop.
 *
 * The protocol is in wire.h.
 *
 * The work is bounded per loop turn, so that no client, greedy or hostile,
 * holds up publishing and the timers: a request is served in steps that
 * each examine at most REPLAY_STEP_ROWS stored events (matching or not: a
 * filter that matches nothing costs the same), resuming where the last
 * step stopped; each turn runs a few steps, taking the clients with work in
 * turn, then comes back through a zero timeout, that is through the next
 * pass of the loop (event_active() would run again in this one).  A reply
 * ends at 500 events, WIRE_REPLAY_MAX_BYTES or REPLAY_SCAN_ROWS rows examined,
 * whichever comes first; "more" and "last" say where to go on.
 *
 * Requests wait in a queue per client, at most REPLAY_CLIENT_PENDING per
 * client and REPLAY_PENDING in all; beyond that they get an error reply.
 * A reply is built whole before it is sent (a ROUTER cannot interleave two
 * replies' frames), and sent only if the client's queue on the socket has
 * room (ZMQ_ROUTER_MANDATORY, a small ZMQ_SNDHWM): a client that does not
 * read its replies loses its pending requests instead of filling our
 * memory.  ZMQ_FD is edge-triggered: after every turn we look at
 * ZMQ_EVENTS, and come back while requests wait.
 */
#include <sys/queue.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <zmq.h>

#include "daemon.h"

#define REPLAY_PER_WAKE		16	/* requests read per loop turn */
#define REPLAY_STEP_ROWS	1000	/* events examined per step */
#define REPLAY_TURN_STEPS	4	/* steps per loop turn, all clients */
#define REPLAY_SCAN_ROWS	20000	/* events examined per reply */
#define REPLAY_CLIENT_PENDING	4	/* requests queued per client */
#define REPLAY_PENDING		64	/* ... and in all */
#define REPLAY_SNDHWM		4	/* replies queued per client */
#define REPLAY_STALL_MS		5000	/* a client not reading is dropped */
#define REPLAY_RETRY_MS		20	/* ... and meanwhile retried */
#define REPLAY_RCVHWM		64	/* requests queued per client */
#define REPLAY_MAX_FRAMES	3	/* identity, [empty], request */
#define REPLAY_MAX_ID		255	/* a ZeroMQ routing id */

struct request {
	int64_t		 since;
	size_t		 limit;
	struct strlist	 topics;
};

/* A request being served, and its reply as it grows. */
struct job {
	TAILQ_ENTRY(job)	 entry;
	struct request		 q;
	int64_t			 cursor;	/* last seq examined */
	size_t			 scanned;
	zmq_msg_t		*frames;	/* topic, JSON, ... */
	size_t			 count;		/* events: frames / 2 */
	size_t			 bytes;
	int			 full;
	int			 done;		/* the reply waits for room */
	int			 more;
};

/* A peer with requests pending; freed when it has none. */
struct client {
	TAILQ_ENTRY(client)	 entry;
	TAILQ_HEAD(, job)	 jobs;
	size_t			 njobs;
	size_t			 owed;		/* refusals not yet sent */
	int64_t			 blocked;	/* since when its queue is full */
	unsigned char		 id[REPLAY_MAX_ID];
	size_t			 idlen;
	int			 delim;		/* REQ: an empty frame */
	char			 peer[64];	/* for the logs */
};

struct replay {
	struct event		*ev;
	struct event		*turn;		/* the next pass of the loop */
	void			*sock;
	struct store		*store;
	char			*endpoint;
	TAILQ_HEAD(, client)	 clients;	/* with work, in turn */
	size_t			 njobs;
};

static void	replay_cb(int, short, void *);
static void	turn_cb(int, short, void *);

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
			    ZMQ_MAXMSGSIZE, WIRE_REPLAY_MAX_REQUEST,
			    ZMQ_SNDHWM, REPLAY_SNDHWM,
			    ZMQ_RCVHWM, REPLAY_RCVHWM,
			    ZMQ_ROUTER_MANDATORY, 1, -1 };

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
	TAILQ_INIT(&r->clients);
	r->ev = event_new(base, fd, EV_READ | EV_PERSIST, replay_cb, r);
	r->turn = evtimer_new(base, turn_cb, r);
	if (r->ev == NULL || r->turn == NULL)
		fatalx("event_new");
	event_add(r->ev, NULL);
	/* Requests may be queued before the first edge. */
	event_active(r->ev, EV_READ, 0);
	return r;
}

static void	client_free(struct replay *, struct client *);

void
replay_close(struct replay *r)
{
	if (r == NULL)
		return;
	while (!TAILQ_EMPTY(&r->clients))
		client_free(r, TAILQ_FIRST(&r->clients));
	event_free(r->ev);
	event_free(r->turn);
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
	q->limit = WIRE_REPLAY_MAX_EVENTS;
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
		else if (json_integer_value(v) < WIRE_REPLAY_MAX_EVENTS)
			q->limit = json_integer_value(v);
	}
	v = why == NULL ? json_object_get(o, "topics") : NULL;
	if (v != NULL && (!json_is_array(v) ||
	    json_array_size(v) > WIRE_REPLAY_MAX_TOPICS))
		why = "\"topics\" must be an array of at most 32 prefixes";
	else if (v != NULL)
		json_array_foreach(v, i, t) {
			if (!json_is_string(t) ||
			    json_string_length(t) > WIRE_REPLAY_MAX_TOPIC_LEN) {
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

static void
job_free(struct job *j)
{
	size_t	 i;

	for (i = 0; i < 2 * j->count; i++)
		zmq_msg_close(&j->frames[i]);
	free(j->frames);
	strlist_free(&j->q.topics);
	free(j);
}

static void
client_free(struct replay *r, struct client *c)
{
	struct job	*j;

	while ((j = TAILQ_FIRST(&c->jobs)) != NULL) {
		TAILQ_REMOVE(&c->jobs, j, entry);
		job_free(j);
		r->njobs--;
	}
	TAILQ_REMOVE(&r->clients, c, entry);
	free(c);
	counters.replay_clients--;
}

static struct client *
client_find(struct replay *r, zmq_msg_t *id)
{
	struct client	*c;

	TAILQ_FOREACH(c, &r->clients, entry)
		if (c->idlen == zmq_msg_size(id) &&
		    memcmp(c->id, zmq_msg_data(id), c->idlen) == 0)
			return c;
	return NULL;
}

/*
 * Start a reply to the client: its routing id, and a REQ client's empty
 * delimiter.  -1 when the socket will not take it: the client is gone
 * (EHOSTUNREACH) or its queue is full (EAGAIN), and nothing was sent.
 */
static int
send_envelope(struct replay *r, const void *id, size_t idlen, int delim)
{
	if (zmq_send(r->sock, id, idlen, ZMQ_DONTWAIT | ZMQ_SNDMORE) == -1)
		return -1;
	if (delim)
		zmq_send(r->sock, "", 0, ZMQ_DONTWAIT | ZMQ_SNDMORE);
	return 0;
}

/* The end of a reply: an empty frame and a JSON object. */
static void
send_json_end(struct replay *r, json_t *o)
{
	char	*s;

	s = json_line(o);
	zmq_send(r->sock, "", 0, ZMQ_DONTWAIT | ZMQ_SNDMORE);
	zmq_send(r->sock, s, strlen(s), ZMQ_DONTWAIT);
	free(s);
	json_decref(o);
}

static void
send_error_body(struct replay *r, const char *why)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "error", json_string(why));
	send_json_end(r, o);
}

/* An error reply; dropped if the client does not read. */
static void
send_error(struct replay *r, const void *id, size_t idlen, int delim,
    const char *why)
{
	if (send_envelope(r, id, idlen, delim) == -1)
		return;
	send_error_body(r, why);
}

/* A matching event for the reply, unless it is full (then not taken). */
static int
collect(int64_t seq, const char *topic, const char *json, void *arg)
{
	struct job	*j = arg;
	size_t		 tlen = strlen(topic), jlen = strlen(json);

	(void)seq;
	if (j->count == j->q.limit ||
	    (j->count > 0 && j->bytes + tlen + jlen > WIRE_REPLAY_MAX_BYTES)) {
		j->full = 1;
		return 1;
	}
	zmq_msg_init_size(&j->frames[2 * j->count], tlen);
	memcpy(zmq_msg_data(&j->frames[2 * j->count]), topic, tlen);
	zmq_msg_init_size(&j->frames[2 * j->count + 1], jlen);
	memcpy(zmq_msg_data(&j->frames[2 * j->count + 1]), json, jlen);
	j->count++;
	j->bytes += tlen + jlen;
	return 0;
}

static int64_t
now_ms(void)
{
	return (int64_t)(mono_now() * 1000);
}

/*
 * Send the finished reply of the client's first job: -1 when the client's
 * queue on the socket is full (errno EAGAIN) or the client is gone, and
 * nothing was sent.
 */
static int
reply(struct replay *r, struct client *c, struct job *j)
{
	json_t	*o;
	size_t	 i;

	if (send_envelope(r, c->id, c->idlen, c->delim) == -1)
		return -1;
	/* zmq_msg_send() takes the frames: none is left to close. */
	for (i = 0; i < 2 * j->count; i++)
		zmq_msg_send(&j->frames[i], r->sock,
		    ZMQ_DONTWAIT | ZMQ_SNDMORE);
	o = json_object();
	json_object_set_new(o, "end", json_true());
	json_object_set_new(o, "last", json_integer(j->cursor));
	json_object_set_new(o, "more", json_boolean(j->more));
	json_object_set_new(o, "count", json_integer(j->count));
	json_object_set_new(o, "publisher",
	    json_string(store_publisher(r->store)));
	/* Asked from before the retention horizon: what is left came. */
	if (j->q.since < store_pruned_seq(r->store)) {
		json_object_set_new(o, "truncated", json_true());
		json_object_set_new(o, "pruned", json_integer(
		    store_pruned_seq(r->store)));
	}
	send_json_end(r, o);
	j->count = 0;
	return 0;
}

/* The refusals we owe the client, while its queue takes them. */
static int
pay_refusals(struct replay *r, struct client *c)
{
	for (; c->owed > 0; c->owed--) {
		if (send_envelope(r, c->id, c->idlen, c->delim) == -1)
			return -1;
		send_error_body(r, "too many requests pending (at most 4 per "
		    "client): read the replies first");
	}
	return 0;
}

static void
job_done(struct replay *r, struct client *c, struct job *j)
{
	TAILQ_REMOVE(&c->jobs, j, entry);
	c->njobs--;
	r->njobs--;
	job_free(j);
}

/* One bounded step of the client's first job; 1 when its reply is ready. */
static int
scan(struct replay *r, struct client *c, struct job *j)
{
	size_t	 rows = REPLAY_SCAN_ROWS - j->scanned;
	int	 n, end;

	if (rows > REPLAY_STEP_ROWS)
		rows = REPLAY_STEP_ROWS;
	n = store_events_scan(r->store, j->cursor, &j->q.topics, rows,
	    collect, j, &j->cursor);
	if (n == -1) {
		send_error(r, c->id, c->idlen, c->delim,
		    "the store could not be read");
		job_done(r, c, j);
		return 0;
	}
	j->scanned += n;
	/* Fewer rows than asked, none refused: the log is read to its end. */
	end = !j->full && (size_t)n < rows;
	if (!end && !j->full && j->scanned < REPLAY_SCAN_ROWS)
		return 0;
	if (end && store_last_seq(r->store) > j->cursor)
		j->cursor = store_last_seq(r->store);
	j->more = !end;
	j->done = 1;
	return 1;
}

/*
 * The client's turn: what it is owed, then a step of its first job.  A
 * client whose queue stays full for REPLAY_STALL_MS does not read: it is
 * dropped with its requests.  Returns 0 when it was blocked.
 */
static int
step(struct replay *r, struct client *c)
{
	struct job	*j = TAILQ_FIRST(&c->jobs);
	int		 sent = 1;

	if (pay_refusals(r, c) == -1)
		sent = 0;
	else if (j != NULL && (j->done || scan(r, c, j))) {
		if (reply(r, c, j) == 0)
			job_done(r, c, j);
		else
			sent = 0;
	}
	if (sent) {
		c->blocked = 0;
		if (c->njobs == 0 && c->owed == 0)
			client_free(r, c);
		return 1;
	}
	if (errno != EAGAIN) {
		log_debug("replay %s: client %s is gone", r->endpoint, c->peer);
		client_free(r, c);
	} else if (c->blocked == 0)
		c->blocked = now_ms();
	else if (now_ms() - c->blocked > REPLAY_STALL_MS) {
		log_warnx("replay %s: client %s does not read its replies: "
		    "%zu pending requests dropped", r->endpoint, c->peer,
		    c->njobs + c->owed);
		client_free(r, c);
	}
	return 0;
}

/*
 * Up to REPLAY_TURN_STEPS steps, one per client in turn; 1 when one of
 * them could go on, 0 when all that wait are blocked.
 */
static int
run_steps(struct replay *r)
{
	struct client	*c;
	int		 i, n, progress = 0;

	n = 0;
	TAILQ_FOREACH(c, &r->clients, entry)
		n++;
	for (i = 0; i < REPLAY_TURN_STEPS + n; i++) {
		if ((c = TAILQ_FIRST(&r->clients)) == NULL)
			break;
		/* To the back first: step() may free it. */
		TAILQ_REMOVE(&r->clients, c, entry);
		TAILQ_INSERT_TAIL(&r->clients, c, entry);
		/* A blocked client's turn costs nothing, nor counts. */
		if (step(r, c))
			progress++;
		if (progress == REPLAY_TURN_STEPS)
			break;
		if (i + 1 >= n && progress == 0)
			break;
	}
	return progress > 0;
}

/* Queue a parsed request for the client that sent it. */
static void
enqueue(struct replay *r, zmq_msg_t *f, int delim, struct request *q)
{
	struct client	*c;
	struct job	*j;
	const char	*peer;

	if ((c = client_find(r, &f[0])) == NULL) {
		c = xcalloc(1, sizeof(*c));
		TAILQ_INIT(&c->jobs);
		c->idlen = zmq_msg_size(&f[0]);
		memcpy(c->id, zmq_msg_data(&f[0]), c->idlen);
		c->delim = delim;
		peer = zmq_msg_gets(&f[delim ? 2 : 1], "Peer-Address");
		snprintf(c->peer, sizeof(c->peer), "%s",
		    peer != NULL ? peer : "(local)");
		TAILQ_INSERT_TAIL(&r->clients, c, entry);
		counters.replay_clients++;
	}
	j = xcalloc(1, sizeof(*j));
	j->q = *q;
	j->cursor = q->since;
	j->frames = xcalloc(2 * q->limit, sizeof(*j->frames));
	TAILQ_INSERT_TAIL(&c->jobs, j, entry);
	c->njobs++;
	r->njobs++;
}

static void
handle(struct replay *r, zmq_msg_t *f, int nf)
{
	struct request	 q;
	struct client	*c;
	const char	*why;
	const void	*id = zmq_msg_data(&f[0]);
	size_t		 idlen = zmq_msg_size(&f[0]);
	int		 delim = nf == 3;

	counters.replay_requests++;
	/* The envelope: the identity, and a REQ client's empty delimiter. */
	if (nf > REPLAY_MAX_FRAMES || nf < 2 ||
	    (nf == 3 && zmq_msg_size(&f[1]) != 0)) {
		send_error(r, id, idlen, 0, "a request is one JSON frame");
		return;
	}
	/* Owed, not sent now: a burst's refusals would fill its queue. */
	c = client_find(r, &f[0]);
	if (c != NULL && c->njobs >= REPLAY_CLIENT_PENDING) {
		c->owed++;
		return;
	}
	if (r->njobs >= REPLAY_PENDING) {
		log_debug("replay %s: %zu requests pending, one refused",
		    r->endpoint, r->njobs);
		send_error(r, id, idlen, delim, "the replay endpoint is busy: "
		    "ask again later");
		return;
	}
	why = request_parse(zmq_msg_data(&f[nf - 1]), zmq_msg_size(&f[nf - 1]),
	    &q);
	if (why != NULL) {
		log_debug("replay %s: %s", r->endpoint, why);
		send_error(r, id, idlen, delim, why);
		strlist_free(&q.topics);
		return;
	}
	enqueue(r, f, delim, &q);
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

/*
 * One turn: read some requests, take some steps, and when work is left
 * come back on the next pass of the loop, after whatever else is ready.
 */
static void
replay_turn(struct replay *r)
{
	const struct timeval	 now = { 0, 0 };
	const struct timeval	 retry = { 0, REPLAY_RETRY_MS * 1000 };
	zmq_msg_t		 f[REPLAY_MAX_FRAMES];
	int			 i, n, nf, progress;

	for (n = 0; n < REPLAY_PER_WAKE && readable(r); n++) {
		if ((nf = zsock_recv(r->sock, f, REPLAY_MAX_FRAMES,
		    ZMQ_DONTWAIT)) == 0)
			break;
		handle(r, f, nf);
		for (i = 0; i < nf && i < REPLAY_MAX_FRAMES; i++)
			zmq_msg_close(&f[i]);
	}
	progress = run_steps(r);
	/* Sending may have eaten the edge: ask ZMQ_EVENTS, not the fd. */
	if (progress || readable(r))
		evtimer_add(r->turn, &now);
	else if (!TAILQ_EMPTY(&r->clients))
		evtimer_add(r->turn, &retry);
}

static void
replay_cb(int fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	replay_turn(arg);
}

static void
turn_cb(int fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	replay_turn(arg);
}
