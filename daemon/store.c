/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * store.c: the store the daemon calls, whichever engine is behind it:
 * SQLite (store_sqlite.c, a file path: the default) or PostgreSQL
 * (store_pg.c, state = postgresql://...: cluster mode).  What an item is
 * to the store (new, a revision, seen) is ingest.c's; the engines only
 * keep rows.
 */
#include <string.h>

#include "daemon.h"

struct store *
store_open(const char *path, char **err)
{
	if (store_is_pg(path))
		return store_pg_open(path, NULL, err);
	return store_sqlite_open(path, err);
}

void
store_close(struct store *s)
{
	if (s != NULL)
		s->ops->close(s);
}

/*
 * The daemon's: the store's own housekeeping (SQLite's WAL checkpoints)
 * runs on a thread of its own, not in the loop.  0, or -1 when it stays
 * where it was (logged).
 */
int
store_bg_checkpoints(struct store *s)
{
	if (s->ops->bg_checkpoints == NULL)
		return 0;
	return s->ops->bg_checkpoints(s);
}

const char *
store_publisher(const struct store *s)
{
	return s->publisher;
}

int64_t
store_last_seq(const struct store *s)
{
	return s->ops->last_seq(s);
}

/* 1 found (strings allocated: feed_state_free), 0 none, -1 error. */
int
store_feed_load(struct store *s, const char *name, struct feed_state *fs)
{
	return s->ops->feed_load(s, name, fs);
}

int
store_feed_save(struct store *s, const char *name, const struct feed_state *fs)
{
	return s->ops->feed_save(s, name, fs);
}

int
store_batch_begin(struct store *s)
{
	return s->ops->begin(s);
}

/*
 * A commit that fails is rolled back: none of its items count as seen and
 * none of its events exist, so the next fetch retries them.
 */
int
store_batch_commit(struct store *s)
{
	return s->ops->commit(s);
}

void
store_batch_rollback(struct store *s)
{
	s->ops->rollback(s);
}

/*
 * The batches from now on are parts of one transaction, committed by
 * store_group_commit(): a batch's commit only ends its part, and its
 * events are not committed (not published, not replayed) before the
 * group's.  A batch's rollback undoes its part alone.  1 when a group is
 * open, 0 when the engine commits each batch itself, -1 on error.
 */
int
store_group_begin(struct store *s)
{
	if (s->ops->group_begin == NULL)
		return 0;
	return s->ops->group_begin(s);
}

/*
 * The group's commit: 0, or -1 when it failed and every batch of it was
 * rolled back.
 */
int
store_group_commit(struct store *s)
{
	if (s->ops->group_commit == NULL)
		return 0;
	return s->ops->group_commit(s);
}

/* Committed events not yet published, in seq order; returns how many. */
int
store_unpublished(struct store *s, event_cb cb, void *arg)
{
	return s->ops->unpublished(s, cb, arg);
}

/* Every event up to and including seq has been published. */
int
store_mark_published(struct store *s, int64_t seq)
{
	return s->ops->mark_published(s, seq);
}

/*
 * Stored events after seq whose topic starts with one of the prefixes (all
 * when there are none), at most limit of them, in seq order.
 */
int
store_events_since(struct store *s, int64_t since,
    const struct strlist *topics, size_t limit, event_cb cb, void *arg)
{
	return s->ops->events_since(s, since, topics, limit, cb, arg);
}

/* The replay's bounded step: see store_sqlite.c. */
int
store_events_scan(struct store *s, int64_t since,
    const struct strlist *topics, size_t max_rows, event_cb cb, void *arg,
    int64_t *last)
{
	return s->ops->events_scan(s, since, topics, max_rows, cb, arg, last);
}

/* Counted once at open, then kept up to date: sd_notify asks often. */
int
store_counts(struct store *s, int64_t *items, int64_t *events)
{
	return s->ops->counts(s, items, events);
}

/* Store errors since open: each was logged; the daemon's STATUS counts them. */
int64_t
store_errors(const struct store *s)
{
	return s->ops->errors(s);
}

/*
 * The engine's periodic work (cluster mode: leases, other nodes' events);
 * 1 when there may be new events to publish, 0 not, -1 error.
 */
int
store_tick(struct store *s)
{
	if (s->ops->tick == NULL)
		return 0;
	return s->ops->tick(s);
}

/* A parse of feed begins, inside the batch that stores its items. */
int
store_feed_parsed(struct store *s, const char *feed)
{
	if (s->ops->parsed == NULL)
		return 0;
	return s->ops->parsed(s, feed);
}

/* Every held item, oldest first: cb(item, feed, since, pending, arg). */
int
store_held(struct store *s, held_cb cb, void *arg)
{
	if (s->ops->held == NULL)
		return 0;
	return s->ops->held(s, cb, arg);
}

/*
 * One step of retention (retention.c) in a transaction of its own, never
 * inside a batch: 1 more waits, 0 not, -1 error (logged, rolled back).
 * An engine without retention (cluster mode) prunes nothing.
 */
int
store_prune(struct store *s, int64_t now, int64_t keep, int64_t *items,
    int64_t *events)
{
	*items = *events = 0;
	if (s->ops->prune == NULL)
		return 0;
	return s->ops->prune(s, now, keep, items, events);
}

/* Events up to this seq were pruned (0: none). */
int64_t
store_pruned_seq(const struct store *s)
{
	if (s->ops->pruned_seq == NULL)
		return 0;
	return s->ops->pruned_seq(s);
}

/* The oldest event kept, 0 when there is none, -1 on error. */
int64_t
store_oldest_seq(struct store *s)
{
	if (s->ops->oldest_seq == NULL)
		return 0;
	return s->ops->oldest_seq(s);
}
