/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * store_pg_prune.c: [daemon] retention in cluster mode, as retention.c
 * does it for SQLite: events older than the window go, and so do items no
 * feed has carried for that long, with their keys; an item still in its
 * feed is kept however old, so that it never alerts again.
 *
 * The marks.  An item is judged by when it was last seen, against when
 * the feed was last parsed: items.own_seen for the feed that first carried
 * it, sightings.last_seen for the others, feeds.parsed_at; items.last_seen
 * is the newest of them, the one the scan orders by.  A parse writes them
 * all with one statement at its commit (pg_prune_marks: the ids the batch
 * saw, as an array), under the transaction's now(), so a parse and what it
 * carried have the same time.  The database's clock, not the nodes': a
 * host moves between nodes whose clocks differ.
 *
 * The pruning runs on every node's retention timer (retention.c), in steps
 * of a transaction each, but by one node at a time: a step takes
 * pg_try_advisory_xact_lock, and a node that does not get it does nothing
 * that turn.  Events carry the time of their commit (events.at); the step
 * deletes them from the oldest up to the first one inside the window,
 * never one that a live node's PUB has not published yet, and notes the
 * last seq deleted in meta "pruned_seq", which every node's replay reads
 * (store_pg.c: at its poll, and whenever a replay finds its first seq
 * missing).
 *
 * An item pruned while another node's parse is seeing it: the prune
 * deletes the items row first, under its lock and again only if it is
 * still old (READ COMMITTED re-checks a row that changed meanwhile), then
 * its keys and sightings; the parse's marks update the same row, so they
 * either come first (the item is no longer old: kept) or find it gone, and
 * then the batch is rolled back and retried (the item is new next poll,
 * as a pruned item that came back should be).  So no key outlives its
 * item.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "store_pg.h"

#define PRUNE_LOCK	"775002"	/* the pruner of the cluster */
#define PRUNE_ROWS	500		/* events, and items examined, a step */
#define PRUNE_DELETES	50		/* items deleted a step */

/* Seconds since the epoch by the database's clock, the transaction's. */
#define DBNOW	"extract(epoch from now())::bigint"

/*
 * Once per database, under the schema's lock.  Items of an older store
 * count as seen when first seen, its feeds as never parsed (kept until
 * the next parse says what is still there), its events as committed now.
 */
const char *pg_prune_schema =
    "SELECT pg_advisory_xact_lock(775001);"
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM meta"
    " WHERE key = 'retention') THEN"
    " ALTER TABLE items ADD COLUMN IF NOT EXISTS last_seen bigint,"
    "  ADD COLUMN IF NOT EXISTS own_seen bigint;"
    " UPDATE items SET last_seen = first_seen, own_seen = first_seen;"
    " ALTER TABLE sightings ADD COLUMN IF NOT EXISTS last_seen bigint;"
    " UPDATE sightings SET last_seen = first_seen;"
    " ALTER TABLE feeds ADD COLUMN IF NOT EXISTS parsed_at bigint;"
    " ALTER TABLE events ADD COLUMN IF NOT EXISTS at bigint NOT NULL"
    "  DEFAULT " DBNOW ";"
    " CREATE INDEX IF NOT EXISTS items_last_seen ON items (last_seen, id);"
    " CREATE INDEX IF NOT EXISTS item_keys_item ON item_keys (item);"
    " INSERT INTO meta VALUES ('retention', '1');"
    " END IF; END $$;";

/* $1 the feed, $2 the ids it carried, $3 whether this was its parse. */
static const char *marks_sql =
    "WITH f AS (UPDATE feeds SET parsed_at = " DBNOW
    " WHERE name = $1 AND $3::boolean),"
    " g AS (UPDATE sightings SET last_seen = " DBNOW
    " WHERE feed = $1 AND item = ANY($2::bigint[]))"
    " UPDATE items SET last_seen = " DBNOW ", own_seen = CASE"
    " WHEN feed = $1 THEN " DBNOW " ELSE own_seen END"
    " WHERE id = ANY($2::bigint[])";

/* A feed still polled ($3: the cut-off), the item in its last parse. */
#define PRESENT(seen)							\
	"greatest(f.last_fetch, f.last_ok, f.next_due) >= $3::bigint"	\
	" AND coalesce(" seen ", 0) >= coalesce(f.parsed_at, 0)"

/* $1, $2: where the scan resumes; $3 the cut-off; $4 how many. */
static const char *candidates_sql =
    "SELECT i.id, i.last_seen,"
    " EXISTS (SELECT 1 FROM articles a WHERE a.item = i.id)"
    " OR EXISTS (SELECT 1 FROM feeds f WHERE f.name = i.feed AND "
    PRESENT("i.own_seen") ")"
    " OR EXISTS (SELECT 1 FROM sightings g JOIN feeds f ON f.name = g.feed"
    " WHERE g.item = i.id AND " PRESENT("g.last_seen") ")"
    " FROM items i WHERE i.last_seen < $3::bigint"
    " AND (i.last_seen, i.id) > ($1::bigint, $2::bigint)"
    " ORDER BY i.last_seen, i.id LIMIT $4::bigint";

/* The row first, again only if still old and not held; then the rest. */
static const char *delete_sql =
    "WITH d AS (DELETE FROM items i WHERE i.id = ANY($1::bigint[])"
    " AND i.last_seen < $2::bigint"
    " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.item = i.id)"
    " RETURNING i.id),"
    " k AS (DELETE FROM item_keys WHERE item IN (SELECT id FROM d)),"
    " g AS (DELETE FROM sightings WHERE item IN (SELECT id FROM d))"
    " SELECT count(*) FROM d";

struct pg_prune {
	int64_t	 cur_seen;	/* the item scan resumes after */
	int64_t	 cur_id;	/* ... this (last_seen, id) */
	int64_t	 pruned_seq;	/* the cluster's, as last read */
};

struct pg_prune *
pg_prune_new(void)
{
	struct pg_prune	*p;

	p = xcalloc(1, sizeof(*p));
	p->cur_seen = p->cur_id = -1;
	return p;
}

void
pg_prune_free(struct pg_prune *p)
{
	free(p);
}

static int64_t
val(PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return 0;
	return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * A bigint[] literal of ids, sorted and without repeats: two writers that
 * lock rows in the same order never deadlock.  Returns how many.
 */
static size_t
id_array(struct buf *b, int64_t *ids, size_t n)
{
	size_t	 i, u = 0;

	if (n > 1)	/* a parse that carried nothing has no array */
		qsort(ids, n, sizeof(*ids), cmp_id);
	buf_adds(b, "{");
	for (i = 0; i < n; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		buf_printf(b, "%s%lld", u == 0 ? "" : ",", (long long)ids[i]);
		u++;
	}
	buf_adds(b, "}");
	return u;
}

/*
 * A batch of feed is committing: the items it saw (ids, sorted here) are
 * still there, and when parsed, this was its parse.  -1 when one of them
 * was pruned meanwhile: the caller rolls the batch back.
 */
int
pg_prune_marks(struct pg *s, const char *feed, int parsed, int64_t *ids,
    size_t n)
{
	struct buf	 a;
	const char	*v[3];
	PGresult	*r;
	size_t		 u;
	int64_t		 done;

	if (n == 0 && !parsed)
		return 0;
	buf_init(&a);
	u = id_array(&a, ids, n);
	v[0] = feed;
	v[1] = a.d;
	v[2] = parsed ? "t" : "f";
	r = pg_query(s, "last seen", marks_sql, 3, v);
	buf_free(&a);
	if (r == NULL)
		return -1;
	done = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	if ((size_t)done < u) {
		log_warnx("feed %s: %zu items were pruned by retention while "
		    "this parse saw them; the batch is retried", feed,
		    u - (size_t)done);
		return -1;
	}
	return 0;
}

/*
 * The oldest events, up to the first inside the window (at >= cut) or
 * not yet published everywhere (past bound).  How many went, or -1.
 */
static int64_t
prune_events(struct pg *s, struct pg_prune *p, int64_t cut, int64_t bound)
{
	char		 pb[24], bb[24], nb[24], tb[24];
	const char	*v[3];
	PGresult	*r;
	int64_t		 top = p->pruned_seq, n;
	int		 i, rows;

	snprintf(pb, sizeof(pb), "%lld", (long long)p->pruned_seq);
	snprintf(bb, sizeof(bb), "%lld", (long long)bound);
	snprintf(nb, sizeof(nb), "%d", PRUNE_ROWS);
	v[0] = pb;
	v[1] = bb;
	v[2] = nb;
	if ((r = pg_query(s, "retention", "SELECT seq, at FROM events"
	    " WHERE seq > $1::bigint AND seq <= $2::bigint ORDER BY seq"
	    " LIMIT $3::bigint", 3, v)) == NULL)
		return -1;
	rows = PQntuples(r);
	for (i = 0; i < rows && val(r, i, 1) < cut; i++)
		top = val(r, i, 0);
	PQclear(r);
	if (top == p->pruned_seq)
		return 0;
	snprintf(tb, sizeof(tb), "%lld", (long long)top);
	v[0] = tb;
	v[1] = tb;
	if ((r = pg_query(s, "retention", "WITH d AS (DELETE FROM events"
	    " WHERE seq <= $1::bigint RETURNING 1),"
	    " m AS (INSERT INTO meta VALUES ('pruned_seq', $2)"
	    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value)"
	    " SELECT count(*) FROM d", 2, v)) == NULL)
		return -1;
	n = val(r, 0, 0);
	PQclear(r);
	p->pruned_seq = top;
	return n;
}

static int64_t
delete_items(struct pg *s, int64_t *gone, size_t n, int64_t cut)
{
	struct buf	 a;
	char		 cb[24];
	const char	*v[2];
	PGresult	*r;
	int64_t		 done;

	buf_init(&a);
	id_array(&a, gone, n);
	snprintf(cb, sizeof(cb), "%lld", (long long)cut);
	v[0] = a.d;
	v[1] = cb;
	r = pg_query(s, "retention", delete_sql, 2, v);
	buf_free(&a);
	if (r == NULL)
		return -1;
	done = val(r, 0, 0);
	PQclear(r);
	return done;
}

/*
 * The next PRUNE_ROWS items last seen before cut, in that order: those
 * no polled feed carries any more go.  *full: more may follow.  Returns
 * how many went, or -1.
 */
static int64_t
prune_items(struct pg *s, struct pg_prune *p, int64_t cut, int *full)
{
	char		 sb[24], ib[24], cb[24], nb[24];
	const char	*v[4];
	PGresult	*r;
	int64_t		 gone[PRUNE_DELETES];
	size_t		 n = 0;
	int		 i, rows;

	*full = 0;
	snprintf(sb, sizeof(sb), "%lld", (long long)p->cur_seen);
	snprintf(ib, sizeof(ib), "%lld", (long long)p->cur_id);
	snprintf(cb, sizeof(cb), "%lld", (long long)cut);
	snprintf(nb, sizeof(nb), "%d", PRUNE_ROWS);
	v[0] = sb;
	v[1] = ib;
	v[2] = cb;
	v[3] = nb;
	if ((r = pg_query(s, "retention", candidates_sql, 4, v)) == NULL)
		return -1;
	rows = PQntuples(r);
	for (i = 0; i < rows && n < PRUNE_DELETES; i++) {
		p->cur_id = val(r, i, 0);
		p->cur_seen = val(r, i, 1);
		if (strcmp(PQgetvalue(r, i, 2), "t") != 0)
			gone[n++] = p->cur_id;
	}
	PQclear(r);
	/* The end of the old items: the next pass starts again. */
	if (rows < PRUNE_ROWS && n < PRUNE_DELETES)
		p->cur_seen = p->cur_id = -1;
	else
		*full = 1;
	if (n == 0)
		return 0;
	return delete_items(s, gone, n, cut);
}

/*
 * One step in a transaction of its own, outside any batch: keep seconds
 * of history.  1 when more waits, 0 not (or another node prunes), -1 on
 * error (rolled back).
 */
int
pg_prune_step(struct pg *s, struct pg_prune *p, int64_t keep, int64_t *items,
    int64_t *events)
{
	char		 kb[24];
	const char	*v[1] = { kb };
	PGresult	*r;
	int64_t		 cut, bound, was = p->pruned_seq;
	int		 full;

	*items = *events = 0;
	snprintf(kb, sizeof(kb), "%lld", (long long)keep);
	if (pg_exec(s, "retention", "BEGIN", 0, NULL) == -1)
		return -1;
	if ((r = pg_query(s, "retention", "SELECT pg_try_advisory_xact_lock("
	    PRUNE_LOCK "), " DBNOW " - $1::bigint,"
	    " (SELECT value::bigint FROM meta WHERE key = 'pruned_seq'),"
	    " (SELECT min(published) FROM nodes WHERE alive_until > now())",
	    1, v)) == NULL)
		goto fail;
	if (strcmp(PQgetvalue(r, 0, 0), "t") != 0) {
		PQclear(r);
		pg_abort(s);
		return 0;
	}
	cut = val(r, 0, 1);
	pg_prune_saw(p, val(r, 0, 2));
	bound = val(r, 0, 3);
	PQclear(r);
	was = p->pruned_seq;
	if ((*events = prune_events(s, p, cut, bound)) == -1 ||
	    (*items = prune_items(s, p, cut, &full)) == -1 ||
	    pg_exec(s, "retention", "COMMIT", 0, NULL) == -1)
		goto fail;
	return full || *events == PRUNE_ROWS;
fail:
	pg_abort(s);
	/* What the step noted in memory went with it. */
	p->pruned_seq = was;
	p->cur_seen = p->cur_id = -1;
	*items = *events = 0;
	return -1;
}

int64_t
pg_prune_seq(const struct pg_prune *p)
{
	return p->pruned_seq;
}

/* The cluster's pruned seq as read elsewhere; it only grows. */
void
pg_prune_saw(struct pg_prune *p, int64_t seq)
{
	if (seq > p->pruned_seq)
		p->pruned_seq = seq;
}

int
pg_prune_reload(struct pg *s, struct pg_prune *p)
{
	PGresult	*r;

	if ((r = pg_query(s, "replay", "SELECT value::bigint FROM meta"
	    " WHERE key = 'pruned_seq'", 0, NULL)) == NULL)
		return -1;
	if (PQntuples(r) == 1)
		pg_prune_saw(p, val(r, 0, 0));
	PQclear(r);
	return 0;
}

/* The oldest event kept: 0 when there is none, -1 on error. */
int64_t
pg_prune_oldest(struct pg *s)
{
	PGresult	*r;
	int64_t		 v;

	if ((r = pg_query(s, "status", "SELECT coalesce(min(seq), 0)"
	    " FROM events", 0, NULL)) == NULL)
		return -1;
	v = val(r, 0, 0);
	PQclear(r);
	return v;
}
