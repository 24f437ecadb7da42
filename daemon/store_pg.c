/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * store_pg.c: cluster mode, the state in one PostgreSQL database shared by
 * every node ([daemon] state = postgresql://...).  The same rows as the
 * SQLite store (feeds, item keys, items, sightings, events), and:
 *
 *   counter(id = 1, seq)	the last seq of the cluster
 *   shards(id, owner, epoch, lease_until)	one per host: who polls it
 *   nodes(name, alive_until, published)	heartbeats, and how far each
 *				node's PUB has published
 *   articles(item, feed, since, pending)	items held for their article
 *				(fetch_article), as in SQLite: the owner of
 *				the feed's host fetches the page and ends
 *				the hold; a node taking the host over takes
 *				up its holds (store_pg_held_mine)
 *
 * Dedup is the unique keys' work (ON CONFLICT DO NOTHING): a key another
 * node's open transaction holds makes ours wait for it, then find it.
 *
 * Seqs are stamped at commit, under the counter row's lock, not taken from
 * a PostgreSQL sequence: nextval() is given out before commit, so seq 101
 * can commit and be published before 100, and a subscriber past 101 never
 * sees 100.  Under the row lock, batches commit one after another in seq
 * order, with no gap (a rolled-back batch gives its seqs back: nothing of
 * it was visible) and no reuse.  The lock is taken last in a batch and held
 * only for the events' inserts, so two nodes' batches serialize there and
 * nowhere else.
 *
 * Fencing: a batch commits only if its feed's shard is still ours with the
 * epoch we claimed it under, checked FOR SHARE in the same transaction (a
 * takeover's UPDATE of the row waits for us, or we see it and drop the
 * batch).  A node paused past its lease commits nothing when it wakes.
 *
 * Retention (store_pg_prune.c): a batch notes the ids of the items its
 * parse saw, and its commit marks them seen with one statement.
 *
 * libpq is used blocking: each call is a round trip on a local or nearby
 * server, and the loop waits for it (see doc/cluster.md).
 */
#include <sys/socket.h>

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "daemon.h"
#include "store_pg.h"

static const char *pg_schema =
    "SELECT pg_advisory_xact_lock(775001);"
    "CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY,"
    " value text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY"
    " CHECK (id = 1), seq bigint NOT NULL);"
    "INSERT INTO counter VALUES (1, 0) ON CONFLICT DO NOTHING;"
    "CREATE TABLE IF NOT EXISTS shards (id text PRIMARY KEY, owner text,"
    " epoch bigint NOT NULL DEFAULT 0,"
    " lease_until timestamptz NOT NULL DEFAULT '-infinity');"
    "CREATE TABLE IF NOT EXISTS nodes (name text PRIMARY KEY,"
    " alive_until timestamptz NOT NULL, published bigint NOT NULL);"
    "CREATE TABLE IF NOT EXISTS feeds (name text PRIMARY KEY, shard text,"
    " url text, etag text, last_modified text, body_hash bigint,"
    " next_due bigint, last_fetch bigint, last_ok bigint,"
    " interval bigint, failures int, health int, due_why int,"
    " last_new bigint, gap bigint, items_seen bigint, last_error bigint,"
    " error text);"
    "CREATE TABLE IF NOT EXISTS items (id bigserial PRIMARY KEY,"
    " first_seen bigint NOT NULL, feed text NOT NULL, guid text,"
    " class text, revision bigint NOT NULL DEFAULT 1);"
    "CREATE TABLE IF NOT EXISTS item_keys (key text PRIMARY KEY,"
    " item bigint NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sightings (item bigint NOT NULL,"
    " feed text NOT NULL, guid text, first_seen bigint,"
    " PRIMARY KEY (item, feed));"
    "CREATE TABLE IF NOT EXISTS events (seq bigint PRIMARY KEY,"
    " topic text NOT NULL, json text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS articles (item bigint PRIMARY KEY,"
    " feed text NOT NULL, since bigint NOT NULL, pending text NOT NULL);"
    /* the next free turn of a host that serves articles (store_pg_turn) */
    "CREATE TABLE IF NOT EXISTS host_turns (host text PRIMARY KEY,"
    " next_at timestamptz NOT NULL);";

struct pending {
	char	*topic;
	json_t	*o;		/* "seq" stamped at commit */
};

struct lease {
	char	*id;		/* the host */
	int64_t	 epoch;
};

struct pg {
	struct store	 b;		/* first: what ingest.c sees */
	PGconn		*c;
	char		*uri;
	char		*node;
	int64_t		 lease;		/* seconds */
	int		 opened;
	char		 err[1024];
	int64_t		 nerrors;
	int64_t		 last_seq;	/* the cluster's, committed */
	int64_t		 published;	/* this node's PUB */
	int64_t		 nitems, nevents, pitems;
	struct pending	*pend;
	size_t		 npend, pendcap;
	struct lease	*held;
	size_t		 nheld;
	struct strlist	 turn_hosts;	/* hosts in host_turns, as last read */
	double		 retry_at;	/* no new connection before (mono) */
	const char	*prepared[64];	/* by their text's address */
	size_t		 nprepared;
	int		 dynamic;	/* the next pq()'s SQL is built */
	int64_t		*seen;		/* items the open batch saw */
	size_t		 nseen, seencap;
	char		*parsed;	/* the feed the open batch parses */
	struct pg_prune	*prune;		/* store_pg_prune.c */
};

static const struct store_ops pg_ops;

#define ANSWER_MIN	10	/* seconds a statement may take, at least */
#define ANSWER_MAX	60
#define CONNECT_SECS	"2"	/* libpq's connect_timeout, unless given */

static PGresult	*pg_exec_text(struct pg *, const char *);

static int
pg_error(struct pg *s, const char *what, const char *why)
{
	size_t	 n;

	snprintf(s->err, sizeof(s->err), "%s: %s", what, why);
	/* libpq's messages end in a newline: the log wants one line. */
	n = strlen(s->err);
	while (n > 0 && (s->err[n - 1] == '\n' || s->err[n - 1] == ' '))
		s->err[--n] = '\0';
	if (!s->opened)
		return -1;
	s->nerrors++;
	if (s->b.feed != NULL)
		log_errx("feed %s: postgresql: %s", s->b.feed, s->err);
	else
		log_errx("postgresql: %s", s->err);
	return -1;
}

/*
 * A node cut off in the middle of a transaction (a silent partition, a
 * stall) must not keep its row locks: the server ends the session once it
 * has sat in a transaction for half a lease without a word from us, so
 * that a shard row it locked FOR SHARE in its fence, or an item key it
 * inserted, does not keep the other nodes from taking over.  Our own
 * transactions never wait on us: a batch runs from BEGIN to COMMIT within
 * one callback of the loop.
 */
static void
session_limits(struct pg *s)
{
	char	 q[96];

	snprintf(q, sizeof(q), "SET idle_in_transaction_session_timeout = "
	    "%lld", (long long)(s->lease > 2 ? s->lease * 500 : 1000));
	PQclear(pg_exec_text(s, q));
}

/*
 * The loop must not hang on a link that went silent (a partition, a
 * stalled relay): no answer in twice the lease (ANSWER_MIN to ANSWER_MAX
 * seconds) and the connection is cut, so that the statement fails like
 * any lost connection and the loop goes on (timers, replay, status,
 * the watchdog).  Blocking libpq calls wait forever on such a link.
 */
static int
answer_secs(const struct pg *s)
{
	int64_t	 t = s->lease * 2;

	return t < ANSWER_MIN ? ANSWER_MIN : t > ANSWER_MAX ? ANSWER_MAX :
	    (int)t;
}

static void
pg_cut(struct pg *s)
{
	PGresult	*r;

	log_warnx("postgresql: no answer in %d s: the connection is closed "
	    "and made again", answer_secs(s));
	shutdown(PQsocket(s->c), SHUT_RDWR);
	PQconsumeInput(s->c);
	while ((r = PQgetResult(s->c)) != NULL)
		PQclear(r);
}

/*
 * The result of what was just sent, as PQexec gives it (the first error,
 * else the last result), or NULL when there was none in time.
 */
static PGresult *
pg_answer(struct pg *s, int sent)
{
	PGresult	*r, *keep = NULL;
	struct pollfd	 pfd;
	double		 end = mono_now() + answer_secs(s);
	int		 ms;

	if (!sent)
		return NULL;
	for (;;) {
		while (PQisBusy(s->c)) {
			ms = (int)((end - mono_now()) * 1000);
			pfd.fd = PQsocket(s->c);
			pfd.events = POLLIN;
			if (ms <= 0 || (poll(&pfd, 1, ms) == -1 &&
			    errno != EINTR)) {
				PQclear(keep);
				pg_cut(s);
				return NULL;
			}
			if (!PQconsumeInput(s->c))
				break;
		}
		if ((r = PQgetResult(s->c)) == NULL)
			break;
		if (keep != NULL && PQresultStatus(keep) == PGRES_FATAL_ERROR)
			PQclear(r);
		else {
			PQclear(keep);
			keep = r;
		}
	}
	return keep;
}

/* PQexec, PQexecParams, PQprepare and PQexecPrepared, within the time. */
static PGresult *
pg_exec_text(struct pg *s, const char *sql)
{
	return pg_answer(s, PQsendQuery(s->c, sql));
}

static PGresult *
pg_exec_params(struct pg *s, const char *sql, int n, const char *const *v)
{
	return pg_answer(s, PQsendQueryParams(s->c, sql, n, NULL, v, NULL,
	    NULL, 0));
}

static PGresult *
pg_prepare(struct pg *s, const char *name, const char *sql, int n)
{
	return pg_answer(s, PQsendPrepare(s->c, name, sql, n, NULL));
}

static PGresult *
pg_exec_prepared(struct pg *s, const char *name, int n,
    const char *const *v)
{
	return pg_answer(s, PQsendQueryPrepared(s->c, name, n, v, NULL, NULL,
	    0));
}

/*
 * A lost connection (the server restarted) is made again before the next
 * transaction, never inside one: the open one is lost with it.  One try a
 * second at most, or one each ANSWER_MIN seconds when the last try timed
 * out: on a silent link a try blocks the loop for connect_timeout.
 */
static int
pg_connected(struct pg *s)
{
	double	 t0;

	if (PQstatus(s->c) == CONNECTION_OK)
		return 0;
	if ((t0 = mono_now()) < s->retry_at)
		return -1;	/* s->err still says why */
	PQreset(s->c);
	s->retry_at = mono_now() + (mono_now() - t0 > 1 ? ANSWER_MIN : 1);
	if (PQstatus(s->c) != CONNECTION_OK)
		return pg_error(s, "connect", PQerrorMessage(s->c));
	log_info("postgresql: connected again");
	s->nprepared = 0;	/* a new session has none */
	session_limits(s);
	PQclear(pg_exec_text(s, "LISTEN sanctiond_events"));
	return 0;
}

/*
 * The statements of this file are string constants: each is parsed and
 * planned once per session, named by its place in s->prepared.
 */
static PGresult *
prepared(struct pg *s, const char *sql, int n, const char *const *v)
{
	PGresult	*r;
	char		 name[16];
	size_t		 i;

	for (i = 0; i < s->nprepared; i++)
		if (s->prepared[i] == sql)
			break;
	snprintf(name, sizeof(name), "s%zu", i);
	if (i == s->nprepared) {
		if (i == sizeof(s->prepared) / sizeof(s->prepared[0]))
			return pg_exec_params(s, sql, n, v);
		r = pg_prepare(s, name, sql, n);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			return r;
		PQclear(r);
		s->prepared[s->nprepared++] = sql;
	}
	return pg_exec_prepared(s, name, n, v);
}

/* One statement with text parameters; NULL on error (logged). */
static PGresult *
pq(struct pg *s, const char *what, const char *sql, int n,
    const char *const *v)
{
	PGresult	*r;
	ExecStatusType	 st;

	r = n > 0 && !s->dynamic ? prepared(s, sql, n, v) :
	    pg_exec_params(s, sql, n, v);
	s->dynamic = 0;
	st = PQresultStatus(r);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return r;
	pg_error(s, what, PQresultErrorMessage(r) != NULL &&
	    *PQresultErrorMessage(r) != '\0' ? PQresultErrorMessage(r) :
	    PQerrorMessage(s->c));
	PQclear(r);
	return NULL;
}

static int
pq_run(struct pg *s, const char *what, const char *sql, int n,
    const char *const *v)
{
	PGresult	*r;

	if ((r = pq(s, what, sql, n, v)) == NULL)
		return -1;
	PQclear(r);
	return 0;
}

/* store_pg_prune.c's way in. */
PGresult *
pg_query(struct pg *s, const char *what, const char *sql, int n,
    const char *const *v)
{
	return pq(s, what, sql, n, v);
}

int
pg_exec(struct pg *s, const char *what, const char *sql, int n,
    const char *const *v)
{
	return pq_run(s, what, sql, n, v);
}

/* A transaction of our own ends, whatever state it is in. */
void
pg_abort(struct pg *s)
{
	if (PQtransactionStatus(s->c) != PQTRANS_IDLE)
		PQclear(pg_exec_text(s, "ROLLBACK"));
}

static char *
i64(char *b, size_t len, int64_t v)
{
	snprintf(b, len, "%lld", (long long)v);
	return b;
}

static int64_t
get_i64(PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return 0;
	return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static char *
get_str(PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return NULL;
	return xstrdup(PQgetvalue(r, row, col));
}

/* One integer from a query without parameters; -1 on error. */
static int64_t
pq_int(struct pg *s, const char *sql)
{
	PGresult	*r;
	int64_t		 v = -1;

	if ((r = pq(s, sql, sql, 0, NULL)) == NULL)
		return -1;
	if (PQntuples(r) == 1)
		v = get_i64(r, 0, 0);
	PQclear(r);
	return v;
}

/* The cluster's id: made once by whichever node came first. */
static int
publisher_init(struct pg *s)
{
	unsigned char	 r[16];
	char		 id[33];
	const char	*v[1] = { id };
	PGresult	*res;
	size_t		 i;

	if (getrandom(r, sizeof(r), 0) != sizeof(r))
		fatal("getrandom");
	for (i = 0; i < sizeof(r); i++)
		snprintf(id + 2 * i, 3, "%02x", r[i]);
	if (pq_run(s, "publisher", "INSERT INTO meta VALUES ('publisher', $1)"
	    " ON CONFLICT DO NOTHING", 1, v) == -1)
		return -1;
	if ((res = pq(s, "publisher", "SELECT value FROM meta"
	    " WHERE key = 'publisher'", 0, NULL)) == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return pg_error(s, "publisher", "none");
	}
	snprintf(s->b.publisher, sizeof(s->b.publisher), "%s",
	    PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

/*
 * This node's PUB goes on from where it stopped; a node new to the cluster
 * starts at the present (what came before is the replay's).
 */
static int
node_init(struct pg *s)
{
	char		 ls[24], lease[24];
	const char	*v[3] = { s->node, i64(ls, sizeof(ls), s->last_seq),
			    i64(lease, sizeof(lease), s->lease) };
	PGresult	*r;

	if ((r = pq(s, "node", "INSERT INTO nodes VALUES ($1,"
	    " now() + $3 * interval '1 second', $2) ON CONFLICT (name)"
	    " DO UPDATE SET alive_until = EXCLUDED.alive_until"
	    " RETURNING published", 3, v)) == NULL)
		return -1;
	s->published = get_i64(r, 0, 0);
	PQclear(r);
	/* What a node of this name held before it died is fenced off. */
	return pq_run(s, "node", "UPDATE shards SET owner = NULL,"
	    " lease_until = '-infinity' WHERE owner = $1", 1, v);
}

/* One script of schema statements; -1 (logged) when one fails. */
static int
schema_run(struct pg *s, const char *sql)
{
	PGresult	*r;
	int		 rv = 0;

	r = pg_exec_text(s, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK &&
	    PQresultStatus(r) != PGRES_COMMAND_OK)
		rv = pg_error(s, "schema", r != NULL ?
		    PQresultErrorMessage(r) : PQerrorMessage(s->c));
	PQclear(r);
	return rv;
}

static int
configure(struct pg *s)
{
	if (PQstatus(s->c) != CONNECTION_OK)
		return pg_error(s, "connect", PQerrorMessage(s->c));
	PQclear(pg_exec_text(s, "SET client_min_messages = warning"));
	if (schema_run(s, pg_schema) == -1 ||
	    schema_run(s, pg_prune_schema) == -1)
		return -1;
	if (publisher_init(s) == -1 ||
	    (s->last_seq = pq_int(s, "SELECT seq FROM counter")) == -1 ||
	    (s->nitems = pq_int(s, "SELECT count(*) FROM items")) == -1 ||
	    (s->nevents = pq_int(s, "SELECT count(*) FROM events")) == -1 ||
	    node_init(s) == -1)
		return -1;
	PQclear(pg_exec_text(s, "LISTEN sanctiond_events"));
	return 0;
}

static void	pg_close(struct store *);

/*
 * connect_timeout bounds a connection made on a silent link; given before
 * the URI, the URI's own setting wins.
 */
static PGconn *
pg_connect(const char *uri)
{
	const char	*k[] = { "connect_timeout", "dbname", NULL };
	const char	*v[] = { CONNECT_SECS, uri, NULL };

	return PQconnectdbParams(k, v, 1);
}

struct store *
store_pg_open(const char *uri, const char *node, char **err)
{
	struct pg	*s;
	char		 host[256];

	s = xcalloc(1, sizeof(*s));
	s->b.ops = &pg_ops;
	s->prune = pg_prune_new();
	s->uri = xstrdup(uri);
	if (node == NULL) {
		if (gethostname(host, sizeof(host)) == -1)
			snprintf(host, sizeof(host), "sanctiond");
		host[sizeof(host) - 1] = '\0';
		node = host;
	}
	s->node = xstrdup(node);
	s->lease = CONF_DEFAULT_LEASE;
	s->c = pg_connect(uri);
	if (s->c == NULL || configure(s) == -1) {
		*err = xstrdup(s->c == NULL ? "out of memory" : s->err);
		pg_close(&s->b);
		return NULL;
	}
	s->opened = 1;
	return &s->b;
}

static void
pending_free(struct pg *s)
{
	size_t	 i;

	for (i = 0; i < s->npend; i++) {
		free(s->pend[i].topic);
		json_decref(s->pend[i].o);
	}
	s->npend = 0;
}

/* What the batch saw for retention goes with the batch. */
static void
seen_clear(struct pg *s)
{
	s->nseen = 0;
	free(s->parsed);
	s->parsed = NULL;
}

static void
pg_rollback(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;

	if (!s->b.inbatch)
		return;
	if (PQtransactionStatus(s->c) != PQTRANS_IDLE)
		PQclear(pg_exec_text(s, "ROLLBACK"));
	s->b.inbatch = 0;
	free(s->b.batch_feed);
	s->b.batch_feed = NULL;
	pending_free(s);
	seen_clear(s);
	s->pitems = 0;
}

static void
pg_close(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;
	size_t		 i;

	if (s->b.inbatch)
		pg_rollback(bs);
	if (s->opened)
		store_pg_release(bs);
	if (s->c != NULL)
		PQfinish(s->c);
	for (i = 0; i < s->nheld; i++)
		free(s->held[i].id);
	free(s->held);
	free(s->pend);
	strlist_free(&s->turn_hosts);
	free(s->seen);
	free(s->parsed);
	pg_prune_free(s->prune);
	free(s->b.batch_feed);
	free(s->uri);
	free(s->node);
	free(s);
}

static int
pg_begin(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;

	if (s->b.inbatch) {
		log_warnx("postgresql: a batch is already open");
		return -1;
	}
	if (pg_connected(s) == -1 ||
	    pq_run(s, "begin", "BEGIN", 0, NULL) == -1)
		return -1;
	s->b.inbatch = 1;
	return 0;
}

static const struct lease *
lease_find(const struct pg *s, const char *id)
{
	size_t	 i;

	for (i = 0; i < s->nheld; i++)
		if (strcmp(s->held[i].id, id) == 0)
			return &s->held[i];
	return NULL;
}

/*
 * The fence: 0 when the feed's shard is ours under the epoch we claimed it
 * with, and now locked so that no takeover commits before we do; -1 not.
 */
static int
fence(struct pg *s, const char *feed)
{
	const char		*v[2] = { feed, s->node };
	const struct lease	*l;
	PGresult		*r;
	int			 ok;

	if ((r = pq(s, "fence", "SELECT s.id, s.epoch FROM feeds f"
	    " JOIN shards s ON s.id = f.shard WHERE f.name = $1"
	    " AND s.owner = $2 FOR SHARE OF s", 2, v)) == NULL)
		return -1;
	ok = PQntuples(r) == 1 &&
	    (l = lease_find(s, PQgetvalue(r, 0, 0))) != NULL &&
	    l->epoch == get_i64(r, 0, 1);
	PQclear(r);
	if (!ok) {
		log_warnx("feed %s: its host is no longer this node's (%s): "
		    "%zu events not stored", feed, s->node, s->npend);
		return -1;
	}
	return 0;
}

static void	array_lit(struct buf *, const char *const *, size_t);
static void	turn_hosts_read(struct pg *);

/*
 * The events of the batch get their seqs, in order, under the row lock,
 * and go in with one statement: the lock is held for three round trips
 * whatever the batch's size.
 */
static int
stamp(struct pg *s)
{
	struct buf	 sq, tp, js;
	char		 sb[24], *num, **txt;
	const char	*v[3], **col;
	PGresult	*r;
	int64_t		 base;
	size_t		 i, n = s->npend;
	int		 rv;

	if (n == 0)
		return 0;
	if ((r = pq(s, "seq", "SELECT seq FROM counter WHERE id = 1"
	    " FOR UPDATE", 0, NULL)) == NULL)
		return -1;
	base = get_i64(r, 0, 0);
	PQclear(r);
	buf_init(&sq);
	buf_init(&tp);
	buf_init(&js);
	col = xcalloc(n, sizeof(*col));
	for (i = 0; i < n; i++) {
		json_object_set_new(s->pend[i].o, "seq",
		    json_integer(base + (int64_t)i + 1));
		buf_printf(&sq, "%s%lld", i == 0 ? "{" : ",",
		    (long long)(base + (int64_t)i + 1));
		col[i] = s->pend[i].topic;
	}
	buf_adds(&sq, "}");
	array_lit(&tp, col, n);
	txt = xcalloc(n, sizeof(*txt));
	for (i = 0; i < n; i++)
		col[i] = txt[i] = json_line(s->pend[i].o);
	array_lit(&js, col, n);
	for (i = 0; i < n; i++)
		free(txt[i]);
	free(txt);
	free(col);
	v[0] = sq.d;
	v[1] = tp.d;
	v[2] = js.d;
	rv = pq_run(s, "events", "INSERT INTO events SELECT * FROM"
	    " unnest($1::bigint[], $2::text[], $3::text[])", 3, v);
	buf_free(&sq);
	buf_free(&tp);
	buf_free(&js);
	if (rv == -1)
		return -1;
	num = i64(sb, sizeof(sb), base + (int64_t)n);
	v[0] = num;
	return pq_run(s, "seq", "WITH u AS (UPDATE counter SET seq = $1"
	    " WHERE id = 1) SELECT pg_notify('sanctiond_events', '')", 1, v);
}

/* The items the batch's parse saw are still there (retention). */
static int
marks(struct pg *s)
{
	const char	*feed = s->parsed != NULL ? s->parsed : s->b.batch_feed;

	if (feed == NULL)
		return 0;
	return pg_prune_marks(s, feed, s->parsed != NULL, s->seen, s->nseen);
}

static int
pg_commit(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;
	const char	*feed = s->b.feed, *fenced;
	size_t		 n = s->npend;
	int		 rv;

	if (!s->b.inbatch)
		return 0;
	/* A parse that stored nothing still says what its feed carries. */
	fenced = s->b.batch_feed != NULL ? s->b.batch_feed : s->parsed;
	if (fenced != NULL)
		s->b.feed = fenced;
	rv = (fenced != NULL && fence(s, fenced) == -1) ||
	    marks(s) == -1 || stamp(s) == -1 ||
	    pq_run(s, "commit", "COMMIT", 0, NULL) == -1 ? -1 : 0;
	s->b.feed = feed;
	if (rv == -1) {
		pg_rollback(bs);
		return -1;
	}
	if (n > 0)
		s->last_seq = json_integer_value(json_object_get(
		    s->pend[n - 1].o, "seq"));
	s->nevents += (int64_t)n;
	s->nitems += s->pitems;
	s->pitems = 0;
	pending_free(s);
	seen_clear(s);
	s->b.inbatch = 0;
	free(s->b.batch_feed);
	s->b.batch_feed = NULL;
	return 0;
}

/* Seqs are the commit's (stamp()). */
static int64_t
pg_next_seq(struct store *bs)
{
	(void)bs;
	return 0;
}

static int64_t
pg_key_find(struct store *bs, const char *key)
{
	struct pg	*s = (struct pg *)bs;
	const char	*v[1] = { key };
	PGresult	*r;
	int64_t		 id = 0;

	if ((r = pq(s, "item key", "SELECT item FROM item_keys WHERE key = $1",
	    1, v)) == NULL)
		return -1;
	if (PQntuples(r) == 1)
		id = get_i64(r, 0, 0);
	PQclear(r);
	return id;
}

static int
pg_key_add(struct store *bs, const char *key, int64_t item)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24];
	const char	*v[2] = { key, i64(ib, sizeof(ib), item) };
	PGresult	*r;
	int		 added;

	if ((r = pq(s, "item key", "INSERT INTO item_keys VALUES ($1, $2)"
	    " ON CONFLICT DO NOTHING", 2, v)) == NULL)
		return -1;
	added = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return added;
}

static int
pg_item_add(struct store *bs, int64_t seq, const char *feed,
    const char *guid, const char *class, int64_t *item)
{
	struct pg	*s = (struct pg *)bs;
	char		 tb[24];
	const char	*v[4] = { i64(tb, sizeof(tb), (int64_t)time(NULL)),
			    feed, guid, class };
	PGresult	*r;

	(void)seq;
	/* Seen now by the database's clock, as the marks are. */
	if ((r = pq(s, "item", "INSERT INTO items (first_seen, feed, guid,"
	    " class, last_seen, own_seen) VALUES ($1, $2, $3, $4,"
	    " extract(epoch from now())::bigint,"
	    " extract(epoch from now())::bigint) RETURNING id", 4,
	    v)) == NULL)
		return -1;
	*item = get_i64(r, 0, 0);
	PQclear(r);
	s->pitems++;
	return 0;
}

static int
pg_item_get(struct store *bs, int64_t id, struct item_row *row)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24];
	const char	*v[1] = { i64(ib, sizeof(ib), id) };
	PGresult	*r;

	memset(row, 0, sizeof(*row));
	if ((r = pq(s, "item", "SELECT feed, guid, class, revision FROM items"
	    " WHERE id = $1", 1, v)) == NULL)
		return -1;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return pg_error(s, "item", "no such item");
	}
	row->id = id;
	row->feed = get_str(r, 0, 0);
	row->guid = get_str(r, 0, 1);
	row->class = get_str(r, 0, 2);
	row->revision = get_i64(r, 0, 3);
	PQclear(r);
	if (row->feed == NULL)
		row->feed = xstrdup("");
	return 0;
}

static int
pg_item_set(struct store *bs, int64_t id, const char *class,
    int64_t revision, const char *guid)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24], rb[24];
	const char	*v[4] = { i64(ib, sizeof(ib), id), class,
			    i64(rb, sizeof(rb), revision), guid };

	return pq_run(s, "item", "UPDATE items SET class = $2, revision = $3,"
	    " guid = coalesce(guid, $4) WHERE id = $1", 4, v);
}

static int
pg_sight_add(struct store *bs, int64_t item, const char *feed,
    const char *guid)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24], tb[24];
	const char	*v[4] = { i64(ib, sizeof(ib), item), feed, guid,
			    i64(tb, sizeof(tb), (int64_t)time(NULL)) };

	return pq_run(s, "sighting", "INSERT INTO sightings (item, feed, guid,"
	    " first_seen, last_seen) VALUES ($1, $2, $3, $4,"
	    " extract(epoch from now())::bigint) ON CONFLICT DO NOTHING", 4,
	    v);
}

static int
pg_sight_guid(struct store *bs, int64_t item, const char *feed, char **guid)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24];
	const char	*v[2] = { i64(ib, sizeof(ib), item), feed };
	PGresult	*r;
	int		 found;

	*guid = NULL;
	if ((r = pq(s, "sighting", "SELECT guid FROM sightings"
	    " WHERE item = $1 AND feed = $2", 2, v)) == NULL)
		return -1;
	if ((found = PQntuples(r) == 1))
		*guid = get_str(r, 0, 0);
	PQclear(r);
	return found;
}

/*
 * Kept until the commit stamps its seq: read back into a tree, whose
 * "seq" member the commit sets (json_line() writes it as ingest.c's text).
 */
static int
pg_event_add(struct store *bs, int64_t seq, const char *topic,
    const char *text)
{
	struct pg	*s = (struct pg *)bs;
	json_error_t	 e;
	json_t		*o;

	(void)seq;
	if ((o = json_loads(text, 0, &e)) == NULL)
		return pg_error(s, "event", e.text);
	if (s->npend == s->pendcap) {
		s->pendcap = s->pendcap ? s->pendcap * 2 : 16;
		s->pend = xreallocarray(s->pend, s->pendcap,
		    sizeof(*s->pend));
	}
	s->pend[s->npend].topic = xstrdup(topic);
	s->pend[s->npend].o = o;
	s->npend++;
	return 0;
}

/* 1 found (strings allocated: feed_state_free), 0 none, -1 error. */
static int
pg_feed_load(struct store *bs, const char *name, struct feed_state *fs)
{
	struct pg	*s = (struct pg *)bs;
	const char	*v[1] = { name };
	PGresult	*r;

	memset(fs, 0, sizeof(*fs));
	if (pg_connected(s) == -1)
		return -1;
	if ((r = pq(s, name, "SELECT url, etag, last_modified, body_hash,"
	    " next_due, last_fetch, last_ok, interval, failures, health,"
	    " due_why, last_new, gap, items_seen, last_error, error"
	    " FROM feeds WHERE name = $1 AND last_fetch IS NOT NULL",
	    1, v)) == NULL)
		return -1;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return 0;
	}
	fs->url = get_str(r, 0, 0);
	fs->etag = get_str(r, 0, 1);
	fs->last_modified = get_str(r, 0, 2);
	fs->body_hash = (uint64_t)get_i64(r, 0, 3);
	fs->next_due = get_i64(r, 0, 4);
	fs->last_fetch = get_i64(r, 0, 5);
	fs->last_ok = get_i64(r, 0, 6);
	fs->interval = get_i64(r, 0, 7);
	fs->failures = (int)get_i64(r, 0, 8);
	fs->health = (enum feed_health)get_i64(r, 0, 9);
	fs->due_why = (enum due_reason)get_i64(r, 0, 10);
	fs->last_new = get_i64(r, 0, 11);
	fs->gap = get_i64(r, 0, 12);
	fs->items_seen = get_i64(r, 0, 13);
	fs->last_error = get_i64(r, 0, 14);
	fs->error = get_str(r, 0, 15);
	PQclear(r);
	return 1;
}

/*
 * Only the owner of the feed's host writes its state: a node that lost it
 * must not overwrite what the new owner goes on from.
 */
static int
pg_feed_save(struct store *bs, const char *name, const struct feed_state *fs)
{
	struct pg	*s = (struct pg *)bs;
	char		 b[13][24];
	const char	*v[18];
	int		 own = 0, rv;

	v[0] = name;
	v[1] = fs->url;
	v[2] = fs->etag;
	v[3] = fs->last_modified;
	v[4] = i64(b[0], 24, (int64_t)fs->body_hash);
	v[5] = i64(b[1], 24, fs->next_due);
	v[6] = i64(b[2], 24, fs->last_fetch);
	v[7] = i64(b[3], 24, fs->last_ok);
	v[8] = i64(b[4], 24, fs->interval);
	v[9] = i64(b[5], 24, fs->failures);
	v[10] = i64(b[6], 24, (int64_t)fs->health);
	v[11] = i64(b[7], 24, (int64_t)fs->due_why);
	v[12] = i64(b[8], 24, fs->last_new);
	v[13] = i64(b[9], 24, fs->gap);
	v[14] = i64(b[10], 24, fs->items_seen);
	v[15] = i64(b[11], 24, fs->last_error);
	v[16] = fs->error;
	v[17] = s->node;
	if (!s->b.inbatch) {
		if (pg_begin(bs) == -1)
			return -1;
		own = 1;
	}
	s->b.feed = name;
	rv = pq_run(s, "feed state", "UPDATE feeds SET url = $2, etag = $3,"
	    " last_modified = $4, body_hash = $5, next_due = $6,"
	    " last_fetch = $7, last_ok = $8, interval = $9, failures = $10,"
	    " health = $11, due_why = $12, last_new = $13, gap = $14,"
	    " items_seen = $15, last_error = $16, error = $17"
	    " WHERE name = $1 AND shard IN (SELECT id FROM shards"
	    " WHERE owner = $18 FOR SHARE)", 18, v);
	s->b.feed = NULL;
	if (!own)
		return rv;
	if (rv == -1) {
		pg_rollback(bs);
		return -1;
	}
	return pg_commit(bs);
}

/* Hand every row of r (seq, topic, json) to cb until it returns non-zero. */
static int
each_event(PGresult *r, event_cb cb, void *arg)
{
	int	 i, n = PQntuples(r);

	for (i = 0; i < n; i++)
		if (cb(get_i64(r, i, 0), PQgetvalue(r, i, 1),
		    PQgetvalue(r, i, 2), arg) != 0)
			return i + 1;
	return n;
}

/* What this node's PUB has not sent yet, whoever committed it. */
static int
pg_unpublished(struct store *bs, event_cb cb, void *arg)
{
	struct pg	*s = (struct pg *)bs;
	char		 pb[24], lb[24];
	const char	*v[2] = { i64(pb, sizeof(pb), s->published),
			    i64(lb, sizeof(lb), s->last_seq) };
	PGresult	*r;
	int		 n;

	if (s->b.inbatch || s->published >= s->last_seq)
		return 0;
	if ((r = pq(s, "events", "SELECT seq, topic, json FROM events"
	    " WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 5000", 2,
	    v)) == NULL)
		return -1;
	n = each_event(r, cb, arg);
	PQclear(r);
	return n;
}

static int
pg_mark_published(struct store *bs, int64_t seq)
{
	struct pg	*s = (struct pg *)bs;
	char		 sb[24];
	const char	*v[2] = { i64(sb, sizeof(sb), seq), s->node };

	if (seq <= s->published)
		return 0;
	s->published = seq;
	if (s->b.inbatch)
		return 0;
	return pq_run(s, "mark published", "UPDATE nodes SET published = $1"
	    " WHERE name = $2", 2, v);
}

static int
pg_events_since(struct store *bs, int64_t since, const struct strlist *topics,
    size_t limit, event_cb cb, void *arg)
{
	struct pg	*s = (struct pg *)bs;
	struct buf	 q;
	size_t		 i, n = topics != NULL ? topics->n : 0;
	char		 sb[24], lb[24], nb[24];
	const char	**v;
	PGresult	*r;
	int		 rv;

	buf_init(&q);
	buf_adds(&q, "SELECT seq, topic, json FROM events"
	    " WHERE seq > $1 AND seq <= $2");
	for (i = 0; i < n; i++)
		buf_printf(&q, "%s substr(topic, 1, length($%zu)) = $%zu",
		    i == 0 ? " AND (" : " OR", i + 4, i + 4);
	buf_printf(&q, "%s ORDER BY seq LIMIT $3", n > 0 ? ")" : "");
	v = xcalloc(n + 3, sizeof(*v));
	v[0] = i64(sb, sizeof(sb), since);
	v[1] = i64(lb, sizeof(lb), s->last_seq);
	v[2] = i64(nb, sizeof(nb), (int64_t)limit);
	for (i = 0; i < n; i++)
		v[i + 3] = topics->v[i];
	s->dynamic = 1;
	r = pq(s, "replay", q.d, (int)n + 3, v);
	buf_free(&q);
	free(v);
	if (r == NULL)
		return -1;
	rv = each_event(r, cb, arg);
	PQclear(r);
	return rv;
}

static int
topic_match(const struct strlist *topics, const char *topic)
{
	size_t	 i;

	if (topics == NULL || topics->n == 0)
		return 1;
	for (i = 0; i < topics->n; i++)
		if (strncmp(topic, topics->v[i], strlen(topics->v[i])) == 0)
			return 1;
	return 0;
}

/* The replay's bounded step (see store_sqlite.c). */
static int
pg_events_scan(struct store *bs, int64_t since, const struct strlist *topics,
    size_t max_rows, event_cb cb, void *arg, int64_t *last)
{
	struct pg	*s = (struct pg *)bs;
	char		 sb[24], lb[24], nb[24];
	const char	*v[3] = { i64(sb, sizeof(sb), since),
			    i64(lb, sizeof(lb), s->last_seq),
			    i64(nb, sizeof(nb), (int64_t)max_rows) };
	PGresult	*r;
	int64_t		 seq;
	int		 i, n;

	*last = since;
	if ((r = pq(s, "replay", "SELECT seq, topic, json FROM events"
	    " WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3", 3,
	    v)) == NULL)
		return -1;
	n = PQntuples(r);
	/*
	 * Seqs have no gap: one missing at the start was pruned, maybe since
	 * our last poll.  Read after the events, meta is at least as new.
	 */
	if ((n > 0 ? get_i64(r, 0, 0) != since + 1 : since < s->last_seq) &&
	    pg_prune_reload(s, s->prune) == -1) {
		PQclear(r);
		return -1;
	}
	for (i = 0; i < n; i++) {
		seq = get_i64(r, i, 0);
		if (topic_match(topics, PQgetvalue(r, i, 1)) &&
		    cb(seq, PQgetvalue(r, i, 1), PQgetvalue(r, i, 2), arg) != 0)
			break;
		*last = seq;
	}
	PQclear(r);
	return i < n ? i + 1 : n;
}

static int64_t
pg_last_seq(const struct store *bs)
{
	return ((const struct pg *)bs)->last_seq;
}

static int
pg_counts(struct store *bs, int64_t *items, int64_t *events)
{
	struct pg	*s = (struct pg *)bs;

	*items = s->nitems;
	*events = s->nevents;
	return 0;
}

static int64_t
pg_errors(const struct store *bs)
{
	return ((const struct pg *)bs)->nerrors;
}

/*
 * Other nodes' commits: a notification wakes us, the counter row says how
 * far the cluster is.  1 when there is more to publish, 0 not, -1 error.
 */
static int
pg_tick(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;
	PGnotify	*nf;
	PGresult	*r;
	int64_t		 v;

	if (s->b.inbatch)
		return 0;
	if (pg_connected(s) == -1)
		return -1;
	PQconsumeInput(s->c);
	while ((nf = PQnotifies(s->c)) != NULL)
		PQfreemem(nf);
	/* How far retention went, for status and replay, with it. */
	if ((r = pq(s, "counter", "SELECT seq, (SELECT value::bigint FROM meta"
	    " WHERE key = 'pruned_seq') FROM counter", 0, NULL)) == NULL)
		return -1;
	v = get_i64(r, 0, 0);
	pg_prune_saw(s->prune, get_i64(r, 0, 1));
	PQclear(r);
	if (v > s->last_seq)
		s->last_seq = v;
	return s->last_seq > s->published;
}

int
store_pg_socket(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;

	return PQsocket(s->c);
}

const char *
store_pg_node(const struct store *bs)
{
	return ((const struct pg *)bs)->node;
}

void
store_pg_set_lease(struct store *bs, int64_t secs)
{
	struct pg	*s = (struct pg *)bs;

	s->lease = secs;
	session_limits(s);
}

/* A PostgreSQL text[] literal of v. */
static void
array_lit(struct buf *b, const char *const *v, size_t n)
{
	const char	*p;
	size_t		 i;

	buf_adds(b, "{");
	for (i = 0; i < n; i++) {
		buf_adds(b, i == 0 ? "\"" : ",\"");
		for (p = v[i]; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				buf_adds(b, "\\");
			buf_printf(b, "%c", *p);
		}
		buf_adds(b, "\"");
	}
	buf_adds(b, "}");
}

/*
 * The cluster's feeds: every configured feed (name, host) has its row and
 * its host a shard.  Any node's start or reload adds or changes them.
 */
int
store_pg_feeds(struct store *bs, const char *const *names,
    const char *const *hosts, size_t n)
{
	struct pg	*s = (struct pg *)bs;
	struct buf	 a, h;
	const char	*v[2];
	int		 rv;

	if (pg_connected(s) == -1)
		return -1;
	buf_init(&a);
	buf_init(&h);
	array_lit(&a, names, n);
	array_lit(&h, hosts, n);
	v[0] = a.d;
	v[1] = h.d;
	rv = pq_run(s, "feeds", "BEGIN", 0, NULL) == -1 ||
	    pq_run(s, "feeds", "INSERT INTO shards (id)"
	    " SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING",
	    1, v + 1) == -1 ||
	    pq_run(s, "feeds", "INSERT INTO feeds (name, shard)"
	    " SELECT * FROM unnest($1::text[], $2::text[])"
	    " ON CONFLICT (name) DO UPDATE SET shard = EXCLUDED.shard"
	    " WHERE feeds.shard IS DISTINCT FROM EXCLUDED.shard", 2,
	    v) == -1 ||
	    pq_run(s, "feeds", "COMMIT", 0, NULL) == -1 ? -1 : 0;
	if (rv == -1)
		PQclear(pg_exec_text(s, "ROLLBACK"));
	buf_free(&a);
	buf_free(&h);
	return rv;
}

static void
lease_drop(struct pg *s, size_t i, struct strlist *lost)
{
	if (lost != NULL)
		strlist_add(lost, s->held[i].id);
	free(s->held[i].id);
	s->held[i] = s->held[--s->nheld];
}

/* Forget every lease (the local clock says they ran out). */
void
store_pg_drop(struct store *bs, struct strlist *lost)
{
	struct pg	*s = (struct pg *)bs;

	while (s->nheld > 0)
		lease_drop(s, s->nheld - 1, lost);
}

static int
renew(struct pg *s, struct strlist *lost)
{
	char		 lb[24];
	const char	*v[2] = { s->node, i64(lb, sizeof(lb), s->lease) };
	const struct lease *l;
	PGresult	*r;
	size_t		 i;
	int		 j, n, *seen;

	if ((r = pq(s, "lease", "UPDATE shards SET lease_until = now() +"
	    " $2 * interval '1 second' WHERE owner = $1 RETURNING id, epoch",
	    2, v)) == NULL)
		return -1;
	n = PQntuples(r);
	seen = xcalloc(s->nheld + 1, sizeof(*seen));
	for (j = 0; j < n; j++) {
		l = lease_find(s, PQgetvalue(r, j, 0));
		if (l != NULL && l->epoch == get_i64(r, j, 1))
			seen[l - s->held] = 1;
		else {
			/* Ours by name, not by claim: fence it off. */
			v[1] = PQgetvalue(r, j, 0);
			pq_run(s, "lease", "UPDATE shards SET owner = NULL,"
			    " lease_until = '-infinity' WHERE owner = $1"
			    " AND id = $2", 2, v);
			v[1] = lb;
		}
	}
	PQclear(r);
	for (i = s->nheld; i-- > 0;)
		if (!seen[i])
			lease_drop(s, i, lost);
	free(seen);
	return 0;
}

/* Shards beyond our fair share go back, the last claimed first. */
static int
release_extra(struct pg *s, size_t fair, struct strlist *lost)
{
	const char	*v[2];

	while (s->nheld > fair) {
		v[0] = s->node;
		v[1] = s->held[s->nheld - 1].id;
		if (pq_run(s, "lease", "UPDATE shards SET owner = NULL,"
		    " lease_until = '-infinity' WHERE owner = $1 AND id = $2",
		    2, v) == -1)
			return -1;
		lease_drop(s, s->nheld - 1, lost);
	}
	return 0;
}

static int
claim(struct pg *s, size_t want, struct strlist *gained)
{
	char		 lb[24], nb[24];
	const char	*v[3] = { s->node, i64(lb, sizeof(lb), s->lease),
			    i64(nb, sizeof(nb), (int64_t)want) };
	PGresult	*r;
	int		 j, n;

	if ((r = pq(s, "lease", "UPDATE shards SET owner = $1,"
	    " epoch = epoch + 1,"
	    " lease_until = now() + $2 * interval '1 second'"
	    " WHERE id IN (SELECT id FROM shards WHERE owner IS NULL"
	    " OR lease_until < now() ORDER BY id LIMIT $3"
	    " FOR UPDATE SKIP LOCKED) RETURNING id, epoch", 3, v)) == NULL)
		return -1;
	n = PQntuples(r);
	s->held = xreallocarray(s->held, s->nheld + (size_t)n + 1,
	    sizeof(*s->held));
	for (j = 0; j < n; j++) {
		s->held[s->nheld].id = xstrdup(PQgetvalue(r, j, 0));
		s->held[s->nheld].epoch = get_i64(r, j, 1);
		s->nheld++;
		strlist_add(gained, PQgetvalue(r, j, 0));
	}
	PQclear(r);
	return 0;
}

/*
 * One round of leases, with the database's clock: our heartbeat, our
 * leases renewed (those another node took are lost), shards beyond our
 * fair share released, expired or free ones claimed up to it.
 */
int
store_pg_leases(struct store *bs, struct strlist *gained,
    struct strlist *lost)
{
	struct pg	*s = (struct pg *)bs;
	char		 lb[24], pb[24];
	const char	*v[3] = { s->node, i64(lb, sizeof(lb), s->lease),
			    i64(pb, sizeof(pb), s->published) };
	PGresult	*r;
	int64_t		 nshards, nlive;
	size_t		 fair;

	if (s->b.inbatch || pg_connected(s) == -1)
		return -1;
	if (pq_run(s, "lease", "BEGIN", 0, NULL) == -1)
		return -1;
	if (pq_run(s, "lease", "INSERT INTO nodes VALUES ($1,"
	    " now() + $2 * interval '1 second', $3) ON CONFLICT (name)"
	    " DO UPDATE SET alive_until = EXCLUDED.alive_until", 3, v) == -1 ||
	    renew(s, lost) == -1 ||
	    (r = pq(s, "lease", "SELECT (SELECT count(*) FROM shards),"
	    " (SELECT count(*) FROM nodes WHERE alive_until > now())", 0,
	    NULL)) == NULL)
		goto fail;
	nshards = get_i64(r, 0, 0);
	nlive = get_i64(r, 0, 1);
	PQclear(r);
	if (nlive < 1)
		nlive = 1;
	fair = (size_t)((nshards + nlive - 1) / nlive);
	if (release_extra(s, fair, lost) == -1 ||
	    (s->nheld < fair && claim(s, fair - s->nheld, gained) == -1) ||
	    pq_run(s, "lease", "COMMIT", 0, NULL) == -1)
		goto fail;
	turn_hosts_read(s);
	return 0;
fail:
	PQclear(pg_exec_text(s, "ROLLBACK"));
	/* What the rolled-back claims returned is not ours. */
	strlist_free(gained);
	return -1;
}

/*
 * Article hosts are not sharded: any node may ask one for a page, and the
 * host's owner asks it for feeds.  Each such request takes a turn here,
 * one each interval for the cluster, in the order the database serves
 * the claims; returns the seconds until this node's turn, or -1: ask now
 * (no database at hand, or a transaction open).  A feed's request takes a
 * turn only on a host that serves pages too, as last read (the hosts'
 * list is read again with every lease renewal).
 */
double
store_pg_turn(struct store *bs, const char *host, double interval, int page)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[32];
	const char	*v[2] = { host, ib };
	PGresult	*r;
	double		 wait;

	if (!page && !strlist_has(&s->turn_hosts, host))
		return -1;
	if (PQstatus(s->c) != CONNECTION_OK ||
	    PQtransactionStatus(s->c) != PQTRANS_IDLE)
		return -1;
	snprintf(ib, sizeof(ib), "%.6f", interval);
	if ((r = pq(s, "host turn", "INSERT INTO host_turns AS t VALUES ($1,"
	    " clock_timestamp() + $2::float8 * interval '1 second')"
	    " ON CONFLICT (host) DO UPDATE SET next_at ="
	    " greatest(t.next_at, clock_timestamp()) +"
	    " $2::float8 * interval '1 second' RETURNING extract(epoch FROM"
	    " t.next_at - clock_timestamp())::float8 - $2::float8", 2,
	    v)) == NULL)
		return -1;
	wait = PQntuples(r) == 1 ? strtod(PQgetvalue(r, 0, 0), NULL) : -1;
	PQclear(r);
	if (page && !strlist_has(&s->turn_hosts, host))
		strlist_add(&s->turn_hosts, host);
	return wait;
}

/* The hosts that serve pages, for store_pg_turn: an hour's worth. */
static void
turn_hosts_read(struct pg *s)
{
	PGresult	*r;
	int		 i;

	if ((r = pq(s, "host turns", "SELECT host FROM host_turns WHERE"
	    " next_at > now() - interval '1 hour'", 0, NULL)) == NULL)
		return;
	strlist_free(&s->turn_hosts);
	for (i = 0; i < PQntuples(r); i++)
		strlist_add(&s->turn_hosts, PQgetvalue(r, i, 0));
	PQclear(r);
}

/* A clean stop hands every shard back at once. */
void
store_pg_release(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;
	const char	*v[1] = { s->node };

	if (PQstatus(s->c) == CONNECTION_OK && !s->b.inbatch)
		PQclear(pg_exec_params(s, "UPDATE shards SET owner = NULL,"
		    " lease_until = '-infinity' WHERE owner = $1", 1, v));
	store_pg_drop(bs, NULL);
}

int
store_pg_owns(const struct store *bs, const char *host)
{
	return lease_find((const struct pg *)bs, host) != NULL;
}

/* 1 when the item waits for its article, 0 when not, -1 on error. */
static int
pg_hold_has(struct store *bs, int64_t id)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24];
	const char	*v[1] = { i64(ib, sizeof(ib), id) };
	PGresult	*r;
	int		 found;

	if ((r = pq(s, "article", "SELECT 1 FROM articles WHERE item = $1",
	    1, v)) == NULL)
		return -1;
	found = PQntuples(r) == 1;
	PQclear(r);
	return found;
}

static int
pg_hold_add(struct store *bs, int64_t id, const char *feed,
    const char *pending)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24], tb[24];
	const char	*v[4] = { i64(ib, sizeof(ib), id), feed,
			    i64(tb, sizeof(tb), (int64_t)time(NULL)), pending };

	return pq_run(s, "article", "INSERT INTO articles VALUES"
	    " ($1, $2, $3, $4)", 4, v);
}

/*
 * 1 when the hold was there (and is now gone), 0 when not, -1 on error.
 * The row's lock makes the release once in the cluster: a second node
 * ending the same hold waits for the first, then finds nothing.
 */
static int
pg_hold_del(struct store *bs, int64_t id)
{
	struct pg	*s = (struct pg *)bs;
	char		 ib[24];
	const char	*v[1] = { i64(ib, sizeof(ib), id) };
	PGresult	*r;
	int		 gone;

	if ((r = pq(s, "article", "DELETE FROM articles WHERE item = $1",
	    1, v)) == NULL)
		return -1;
	gone = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	return gone;
}

/* The released item's seq is its event's, stamped at commit: no column. */
static int
pg_item_seq(struct store *bs, int64_t id, int64_t seq)
{
	(void)bs;
	(void)id;
	(void)seq;
	return 0;
}

/*
 * The held items this node is to finish: those of the feeds whose host it
 * holds now (at start, and whenever it takes a host over), oldest first.
 */
static int
pg_held(struct store *bs, held_cb cb, void *arg)
{
	struct pg	*s = (struct pg *)bs;
	const char	*v[1] = { s->node };
	PGresult	*r;
	int		 i, n;

	if (s->nheld == 0)
		return 0;
	if (pg_connected(s) == -1 ||
	    (r = pq(s, "articles", "SELECT a.item, a.feed, a.since, a.pending"
	    " FROM articles a JOIN feeds f ON f.name = a.feed"
	    " JOIN shards h ON h.id = f.shard WHERE h.owner = $1"
	    " ORDER BY a.item", 1, v)) == NULL)
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++)
		if (cb(get_i64(r, i, 0), PQgetvalue(r, i, 1),
		    get_i64(r, i, 2), PQgetvalue(r, i, 3), arg) != 0)
			break;
	PQclear(r);
	return n;
}

/* Still carried by the batch's feed: retention keeps it. */
static int
pg_seen(struct store *bs, int64_t id, const char *feed)
{
	struct pg	*s = (struct pg *)bs;

	(void)feed;	/* the batch's, said at the commit */
	if (s->nseen == s->seencap) {
		s->seencap = s->seencap ? s->seencap * 2 : 64;
		s->seen = xreallocarray(s->seen, s->seencap,
		    sizeof(*s->seen));
	}
	s->seen[s->nseen++] = id;
	return 0;
}

/* A parse of feed begins: its commit says what it still carries. */
static int
pg_parsed(struct store *bs, const char *feed)
{
	struct pg	*s = (struct pg *)bs;

	free(s->parsed);
	s->parsed = xstrdup(feed);
	return 0;
}

/* One step of retention; another node's turn is a step with nothing. */
static int
pg_prune(struct store *bs, int64_t now, int64_t keep, int64_t *items,
    int64_t *events)
{
	struct pg	*s = (struct pg *)bs;
	int64_t		 n, e;
	int		 rv;

	(void)now;	/* the database's clock says */
	*items = *events = 0;
	if (s->b.inbatch || pg_connected(s) == -1)
		return s->b.inbatch ? 0 : -1;
	rv = pg_prune_step(s, s->prune, keep, items, events);
	s->nitems -= *items;
	s->nevents -= *events;
	/*
	 * Our counts are what we found at start plus our own writes: at the
	 * end of a pass that pruned, the cluster's, lest they go below zero.
	 */
	if (rv == 0 && *items + *events > 0 &&
	    (n = pq_int(s, "SELECT count(*) FROM items")) >= 0 &&
	    (e = pq_int(s, "SELECT count(*) FROM events")) >= 0) {
		s->nitems = n;
		s->nevents = e;
	}
	return rv;
}

static int64_t
pg_pruned_seq(const struct store *bs)
{
	return pg_prune_seq(((const struct pg *)bs)->prune);
}

static int64_t
pg_oldest_seq(struct store *bs)
{
	struct pg	*s = (struct pg *)bs;

	if (s->b.inbatch || pg_connected(s) == -1)
		return -1;
	return pg_prune_oldest(s);
}

/* The hosts this node polls (sanctionctl status). */
void
store_pg_hosts(const struct store *bs, struct strlist *l)
{
	const struct pg	*s = (const struct pg *)bs;
	size_t		 i;

	for (i = 0; i < s->nheld; i++)
		strlist_add(l, s->held[i].id);
}

/* 1 when the connection to the database is up (as far as libpq knows). */
int
store_pg_online(const struct store *bs)
{
	return PQstatus(((const struct pg *)bs)->c) == CONNECTION_OK;
}

static const struct store_ops pg_ops = {
	.close = pg_close,
	.feed_load = pg_feed_load,
	.feed_save = pg_feed_save,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.next_seq = pg_next_seq,
	.key_find = pg_key_find,
	.key_add = pg_key_add,
	.item_add = pg_item_add,
	.item_get = pg_item_get,
	.item_set = pg_item_set,
	.sight_add = pg_sight_add,
	.sight_guid = pg_sight_guid,
	.event_add = pg_event_add,
	.unpublished = pg_unpublished,
	.mark_published = pg_mark_published,
	.events_since = pg_events_since,
	.events_scan = pg_events_scan,
	.last_seq = pg_last_seq,
	.counts = pg_counts,
	.errors = pg_errors,
	.tick = pg_tick,
	.hold_has = pg_hold_has,
	.hold_add = pg_hold_add,
	.hold_del = pg_hold_del,
	.item_seq = pg_item_seq,
	.held = pg_held,
	.seen = pg_seen,
	.parsed = pg_parsed,
	.prune = pg_prune,
	.pruned_seq = pg_pruned_seq,
	.oldest_seq = pg_oldest_seq,
};
