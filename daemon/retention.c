/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * retention.c: [daemon] retention, the store kept to a window of time.
 *
 * Events older than the window are deleted, and so are items no feed has
 * carried for that long, with their keys.  An item still in its feed is
 * kept however old it is: its keys are what stops it from alerting again,
 * and a feed that answers 304 for a year still carries what it carried.
 * So an item is judged by when it was last SEEN, per feed (items.last_seen
 * for the feed that first carried it, sightings.last_seen for the others),
 * against when that feed was last parsed (parses.at): an item seen in the
 * feed's last parse is still there.  A feed counts only while it is polled
 * (last fetch, last success or next due within the window): a feed taken
 * out of the config stops protecting its items one window later.
 *
 * Events carry no time; seq_marks maps times to the last seq given out by
 * then (a row per 1/1000 of the window at most), and events up to the seq
 * of the newest mark older than the window go.  Never an event not yet
 * published.  meta "pruned_seq" is the highest seq deleted: a replay from
 * before it is told that it is truncated.
 *
 * The work is done in steps of at most RETAIN_ROWS events deleted and
 * RETAIN_ROWS items examined (RETAIN_DELETES of them deleted), one
 * transaction each, on a timer of the loop; a step that found a full batch
 * comes back at the next pass of the loop, so a backlog drains without
 * holding up fetches, publishing or replay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <sqlite3.h>

#include "daemon.h"

#define RETAIN_ROWS	500	/* events, and items examined, per step */
/*
 * Items deleted per step: each is rows in four b-trees and two indexes,
 * pages all over the file, so a step's commit writes about 4 pages to the
 * WAL per item; 50 keep a step near 10 ms on a busy 2-core machine.
 */
#define RETAIN_DELETES	50
#define RETAIN_LOG_SECS	60	/* at most one summary line this often */
#define RETAIN_ONCE_STEPS	2000	/* --once: at most 1M rows a run */

/*
 * Schema version 4.  Items of an older store count as last seen when first
 * seen, and its feeds as never parsed (so every item of a polled feed is
 * kept until that feed's next parse tells what it still carries).  The
 * marks start from the items' first sightings, an hour at a time.
 */
const char *retain_schema =
    "ALTER TABLE items ADD COLUMN last_seen INTEGER;"
    "UPDATE items SET last_seen = first_seen;"
    "ALTER TABLE sightings ADD COLUMN last_seen INTEGER;"
    "UPDATE sightings SET last_seen = first_seen;"
    "CREATE INDEX items_last_seen ON items (last_seen, id);"
    "CREATE INDEX item_keys_item ON item_keys (item);"
    "CREATE TABLE parses (feed TEXT PRIMARY KEY, at INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE seq_marks (at INTEGER PRIMARY KEY, seq INTEGER NOT NULL);"
    "INSERT INTO seq_marks (at, seq) SELECT (first_seen / 3600 + 1) * 3600,"
    " max(seq) FROM items GROUP BY first_seen / 3600;";

enum retain_stmt {
	R_SEEN,
	R_SEEN_ELSEWHERE,
	R_PARSED,
	R_MARK,
	R_CUT,
	R_EVENTS_TOP,
	R_EVENTS_DEL,
	R_MARKS_DEL,
	R_PRUNED_SET,
	R_CANDIDATES,
	R_DEL_KEYS,
	R_DEL_SIGHTS,
	R_DEL_ITEM,
	R_OLDEST,
	R_MAX
};

/* A feed still polled (?3: the cut-off), and the item in its last parse. */
#define PRESENT(feed, seen)						\
	"EXISTS (SELECT 1 FROM feeds f WHERE f.name = " feed		\
	" AND max(coalesce(f.last_fetch, 0), coalesce(f.last_ok, 0),"	\
	" coalesce(f.next_due, 0)) >= ?3 AND coalesce(" seen ", 0) >="	\
	" coalesce((SELECT at FROM parses p WHERE p.feed = " feed "), 0))"

static const char *retain_sql[R_MAX] = {
	[R_SEEN] = "UPDATE items SET last_seen = ?2 WHERE id = ?1"
	    " AND (last_seen IS NULL OR last_seen < ?2)",
	[R_SEEN_ELSEWHERE] = "UPDATE sightings SET last_seen = ?3"
	    " WHERE item = ?1 AND feed = ?2"
	    " AND (last_seen IS NULL OR last_seen < ?3)",
	[R_PARSED] = "INSERT OR REPLACE INTO parses (feed, at) VALUES (?, ?)",
	[R_MARK] = "INSERT OR REPLACE INTO seq_marks (at, seq) VALUES (?, ?)",
	[R_CUT] = "SELECT max(seq) FROM seq_marks WHERE at <= ?1",
	[R_EVENTS_TOP] = "SELECT max(seq), count(*) FROM (SELECT seq"
	    " FROM events WHERE seq <= ?1 ORDER BY seq LIMIT ?2)",
	[R_EVENTS_DEL] = "DELETE FROM events WHERE seq <= ?1",
	[R_MARKS_DEL] = "DELETE FROM seq_marks WHERE at <"
	    " (SELECT max(at) FROM seq_marks WHERE at <= ?1)",
	[R_PRUNED_SET] = "INSERT OR REPLACE INTO meta (key, value)"
	    " VALUES ('pruned_seq', ?)",
	/* ?1, ?2: where the scan resumes; ?3 the cut-off; ?4 how many. */
	[R_CANDIDATES] = "SELECT i.id, i.last_seen, " PRESENT("i.feed",
	    "i.last_seen") " OR EXISTS (SELECT 1 FROM sightings g"
	    " WHERE g.item = i.id AND (coalesce(g.last_seen, 0) >= ?3 OR "
	    PRESENT("g.feed", "g.last_seen") "))"
	    " FROM items i WHERE i.last_seen < ?3"
	    " AND (i.last_seen, i.id) > (?1, ?2)"
	    " ORDER BY i.last_seen, i.id LIMIT ?4",
	[R_DEL_KEYS] = "DELETE FROM item_keys WHERE item = ?",
	[R_DEL_SIGHTS] = "DELETE FROM sightings WHERE item = ?",
	[R_DEL_ITEM] = "DELETE FROM items WHERE id = ?",
	[R_OLDEST] = "SELECT min(seq) FROM events",
};

struct retain {
	sqlite3		*db;
	sqlite3_stmt	*st[R_MAX];
	int64_t		 cur_seen;	/* the item scan resumes after */
	int64_t		 cur_id;	/* ... this (last_seen, id) */
	int64_t		 mark_at;	/* the newest seq mark */
	int64_t		 mark_seq;
	int64_t		 pruned_seq;
};

static sqlite3_stmt *
rstmt(struct retain *r, enum retain_stmt id)
{
	if (r->st[id] == NULL) {
		if (sqlite3_prepare_v2(r->db, retain_sql[id], -1, &r->st[id],
		    NULL) != SQLITE_OK)
			return NULL;
		return r->st[id];
	}
	sqlite3_reset(r->st[id]);
	sqlite3_clear_bindings(r->st[id]);
	return r->st[id];
}

static int
rdone(sqlite3_stmt *st)
{
	int	 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* One integer from a statement's first row (NULL: dflt); -1 on error. */
static int
row_int(sqlite3_stmt *st, int64_t dflt, int64_t *v)
{
	int	 rc;

	*v = dflt;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int
query1(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt	*st;
	int		 rv;

	*v = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rv = row_int(st, 0, v);
	sqlite3_finalize(st);
	return rv;
}

/* What the file says; again after a step was rolled back. */
int
retain_load(struct retain *r)
{
	r->cur_seen = r->cur_id = -1;
	if (query1(r->db, "SELECT value FROM meta WHERE key = 'pruned_seq'",
	    &r->pruned_seq) == -1 ||
	    query1(r->db, "SELECT max(at) FROM seq_marks", &r->mark_at) == -1 ||
	    query1(r->db, "SELECT max(seq) FROM seq_marks",
	    &r->mark_seq) == -1)
		return -1;
	return 0;
}

struct retain *
retain_open(sqlite3 *db)
{
	struct retain	*r;

	r = xcalloc(1, sizeof(*r));
	r->db = db;
	if (retain_load(r) == -1) {
		retain_close(r);
		return NULL;
	}
	return r;
}

void
retain_close(struct retain *r)
{
	int	 i;

	if (r == NULL)
		return;
	for (i = 0; i < R_MAX; i++)
		sqlite3_finalize(r->st[i]);
	free(r);
}

int64_t
retain_pruned_seq(const struct retain *r)
{
	return r->pruned_seq;
}

/* The oldest event kept: 0 when there is none. */
int64_t
retain_oldest_seq(struct retain *r)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	if ((st = rstmt(r, R_OLDEST)) == NULL || row_int(st, 0, &v) == -1)
		return -1;
	return v;
}

/*
 * Item id was in a parse of feed at now; elsewhere is NULL when that feed
 * is the one that first carried it, else the feed's name.
 */
int
retain_seen(struct retain *r, int64_t id, const char *elsewhere, int64_t now)
{
	sqlite3_stmt	*st;

	if (elsewhere == NULL) {
		if ((st = rstmt(r, R_SEEN)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, now);
		return rdone(st);
	}
	if ((st = rstmt(r, R_SEEN_ELSEWHERE)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, elsewhere, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	return rdone(st);
}

/* A parse of feed begins: what it does not carry is no longer there. */
int
retain_parsed(struct retain *r, const char *feed, int64_t now)
{
	sqlite3_stmt	*st;

	if ((st = rstmt(r, R_PARSED)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, feed, -1, SQLITE_STATIC);	/* stepped here */
	sqlite3_bind_int64(st, 2, now);
	return rdone(st);
}

/* Seqs up to last_seq were given out by now. */
static int
mark(struct retain *r, int64_t now, int64_t keep, int64_t last_seq)
{
	sqlite3_stmt	*st;
	int64_t		 every = keep / 1000 > 0 ? keep / 1000 : 1;

	if (last_seq <= r->mark_seq || now - r->mark_at < every)
		return 0;
	if ((st = rstmt(r, R_MARK)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, last_seq);
	if (rdone(st) == -1)
		return -1;
	r->mark_at = now;
	r->mark_seq = last_seq;
	return 0;
}

/* Up to RETAIN_ROWS published events older than cut; how many, or -1. */
static int64_t
prune_events(struct retain *r, int64_t cut, int64_t published)
{
	sqlite3_stmt	*st;
	int64_t		 upto, top, n;
	int		 rc;

	if ((st = rstmt(r, R_CUT)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cut);
	if (row_int(st, 0, &upto) == -1)
		return -1;
	if (upto > published)
		upto = published;
	if (upto <= r->pruned_seq)
		return 0;
	if ((st = rstmt(r, R_EVENTS_TOP)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, upto);
	sqlite3_bind_int64(st, 2, RETAIN_ROWS);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return -1;
	}
	top = sqlite3_column_int64(st, 0);
	n = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	/* A batch short of full reaches the cut: nothing is left below it. */
	if (n < RETAIN_ROWS)
		top = upto;
	if ((st = rstmt(r, R_EVENTS_DEL)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, top);
	if (rdone(st) == -1)
		return -1;
	if ((st = rstmt(r, R_PRUNED_SET)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, top);
	if (rdone(st) == -1)
		return -1;
	r->pruned_seq = top;
	if ((st = rstmt(r, R_MARKS_DEL)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cut);
	if (rdone(st) == -1)
		return -1;
	return n;
}

static int
del_item(struct retain *r, int64_t id)
{
	static const enum retain_stmt order[] = {
		R_DEL_KEYS, R_DEL_SIGHTS, R_DEL_ITEM
	};
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if ((st = rstmt(r, order[i])) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (rdone(st) == -1)
			return -1;
	}
	return 0;
}

/*
 * The next RETAIN_ROWS items last seen before cut, in that order: those no
 * polled feed carries any more go.  *full: a full batch, more may follow.
 * Returns how many went, or -1.
 */
static int64_t
prune_items(struct retain *r, int64_t cut, int *full)
{
	sqlite3_stmt	*st;
	int64_t		*gone = NULL, n = 0, rows = 0, i;
	int		 rc;

	*full = 0;
	if ((st = rstmt(r, R_CANDIDATES)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->cur_seen);
	sqlite3_bind_int64(st, 2, r->cur_id);
	sqlite3_bind_int64(st, 3, cut);
	sqlite3_bind_int64(st, 4, RETAIN_ROWS);
	gone = xreallocarray(NULL, RETAIN_DELETES, sizeof(*gone));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		r->cur_id = sqlite3_column_int64(st, 0);
		r->cur_seen = sqlite3_column_int64(st, 1);
		if (sqlite3_column_int(st, 2))
			continue;	/* still carried */
		gone[n++] = r->cur_id;
		if (n == RETAIN_DELETES)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(gone);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (del_item(r, gone[i]) == -1) {
			free(gone);
			return -1;
		}
	free(gone);
	/* The end of the old items: the next pass starts again. */
	if (rows < RETAIN_ROWS && n < RETAIN_DELETES)
		r->cur_seen = r->cur_id = -1;
	else
		*full = 1;
	return n;
}

/*
 * One step, inside the caller's transaction: keep seconds of history
 * as of now.  Fills *items and *events with what went; returns 1 when
 * more work is waiting, 0 when not, -1 on error (the caller rolls back).
 */
int
retain_step(struct retain *r, int64_t now, int64_t keep, int64_t last_seq,
    int64_t published, int64_t *items, int64_t *events)
{
	int64_t	 cut = now - keep;
	int	 full;

	*items = *events = 0;
	if (mark(r, now, keep, last_seq) == -1)
		return -1;
	if ((*events = prune_events(r, cut, published)) == -1 ||
	    (*items = prune_items(r, cut, &full)) == -1)
		return -1;
	return full || *events == RETAIN_ROWS;
}

/* The window as the config writes it: 90d, 12h, 15m, 2s. */
static const char *
window(int64_t secs)
{
	static char	 b[32];

	if (secs % 86400 == 0)
		snprintf(b, sizeof(b), "%lldd", (long long)(secs / 86400));
	else if (secs % 3600 == 0)
		snprintf(b, sizeof(b), "%lldh", (long long)(secs / 3600));
	else if (secs % 60 == 0)
		snprintf(b, sizeof(b), "%lldm", (long long)(secs / 60));
	else
		snprintf(b, sizeof(b), "%llds", (long long)secs);
	return b;
}

/* The daemon's side: a timer of the loop. */
struct retention {
	struct sanctiond	*sd;
	struct event		*ev;
	int64_t			 logged;	/* when the last summary was */
	int64_t			 items;		/* pruned since */
	int64_t			 events;
};

static void
retention_arm(struct retention *rt, int busy)
{
	struct timeval	 tv = { 0, 0 };
	int64_t		 keep = rt->sd->conf->retention, us;

	if (!busy) {
		/* A hundredth of the window, from 100 ms to a minute. */
		us = keep > 0 ? keep * 10000 : 60 * 1000000LL;
		if (us < 100000)
			us = 100000;
		if (us > 60 * 1000000LL)
			us = 60 * 1000000LL;
		tv.tv_sec = us / 1000000;
		tv.tv_usec = us % 1000000;
	}
	evtimer_add(rt->ev, &tv);
}

static void
retention_log(struct retention *rt, int64_t now, int force)
{
	struct store	*s = rt->sd->store;

	if (rt->items == 0 && rt->events == 0)
		return;
	if (!force && now - rt->logged < RETAIN_LOG_SECS)
		return;
	log_info("retention %s: pruned %lld items and %lld events; "
	    "events up to seq %lld are gone, the oldest kept is %lld",
	    window(rt->sd->conf->retention), (long long)rt->items,
	    (long long)rt->events, (long long)store_pruned_seq(s),
	    (long long)store_oldest_seq(s));
	rt->logged = now;
	rt->items = rt->events = 0;
}

static void
retention_cb(evutil_socket_t fd, short what, void *arg)
{
	struct retention	*rt = arg;
	int64_t			 now = (int64_t)time(NULL), items, events;
	int			 rv = 0;

	(void)fd;
	(void)what;
	/* 0 keeps everything; a reload may set a window later. */
	if (rt->sd->conf->retention > 0) {
		rv = store_prune(rt->sd->store, now, rt->sd->conf->retention,
		    &items, &events);
		if (rv != -1) {
			rt->items += items;
			rt->events += events;
		}
		/* The first prune is told at once, then once a minute. */
		retention_log(rt, now, rt->logged == 0);
	}
	retention_arm(rt, rv == 1);
}

/*
 * --once (cron) has no timer: after its cycle it prunes what is due, in
 * the same steps, so that a store kept by cron alone is bounded too.
 */
void
retention_once(struct sanctiond *sd)
{
	int64_t	 now = (int64_t)time(NULL), items, events, ni = 0, ne = 0;
	int	 steps = 0, rv;

	if (sd->conf->retention <= 0)
		return;
	do {
		rv = store_prune(sd->store, now, sd->conf->retention, &items,
		    &events);
		ni += items;
		ne += events;
	} while (rv == 1 && ++steps < RETAIN_ONCE_STEPS);
	if (ni > 0 || ne > 0)
		log_info("retention %s: pruned %lld items and %lld events",
		    window(sd->conf->retention), (long long)ni,
		    (long long)ne);
}

struct retention *
retention_start(struct sanctiond *sd)
{
	struct retention	*rt;

	rt = xcalloc(1, sizeof(*rt));
	rt->sd = sd;
	rt->ev = evtimer_new(sd->base, retention_cb, rt);
	retention_arm(rt, 0);
	return rt;
}

void
retention_stop(struct retention *rt)
{
	if (rt == NULL)
		return;
	retention_log(rt, (int64_t)time(NULL), 1);
	event_free(rt->ev);
	free(rt);
}
