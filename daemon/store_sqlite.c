/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * store_sqlite.c: the daemon's state in one SQLite file (WAL; the loop is
 * the only writer).  It holds the feeds with their fetch state, the keys every item
 * is known by (dedup), which feeds sighted it, and the event log: seq, topic
 * and the final JSON, and how far they have been published (the outbox).
 * A stored event is never changed: replay returns the bytes published.
 *
 * Events get their seq here, in the transaction that stores their items, so
 * a crash before publishing republishes them on restart with the same seq.
 * seq is an AUTOINCREMENT key: strictly increasing and never reused, even
 * when the newest rows are lost to a rolled-back batch.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "daemon.h"

#define SCHEMA_VERSION	6
/* Seqs are reserved on disk this many at a time (see next_seq()). */
#define SEQ_BLOCK	1000

static const char *schema =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE feeds (name TEXT PRIMARY KEY, url TEXT, etag TEXT,"
    " last_modified TEXT, body_hash INTEGER, next_due INTEGER,"
    " last_fetch INTEGER, last_ok INTEGER, interval INTEGER,"
    " failures INTEGER, health INTEGER);"
    "CREATE TABLE items (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL,"
    " first_seen INTEGER NOT NULL, feed TEXT NOT NULL);"
    /* "g:" GUID, "l:" canonical link, "h:" content hash -> item */
    "CREATE TABLE item_keys (key TEXT PRIMARY KEY, item INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    /* the feeds other than items.feed that also carried an item */
    "CREATE TABLE sightings (item INTEGER NOT NULL, feed TEXT NOT NULL,"
    " PRIMARY KEY (item, feed)) WITHOUT ROWID;"
    /*
     * Events are published in seq order, so one watermark in meta
     * ("published_seq") says which are out: no row is written twice.
     */
    "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " topic TEXT NOT NULL, json TEXT NOT NULL);";

/*
 * Version 2.  A GUID names an item within its feed only: "g:GUID" keys
 * become "f:FEED\nGUID" for every feed that carried the item, so nothing
 * seen before alerts again.  An item keeps the GUID its feeds gave it (for
 * "distinct GUIDs, distinct items"), its classification fingerprint and
 * revision count; "v:ITEM HASH" keys are the versions of its text whose
 * classification was published (or adopted).
 */
static const char *schema_v2 =
    "ALTER TABLE items ADD COLUMN guid TEXT;"
    "ALTER TABLE items ADD COLUMN class TEXT;"
    "ALTER TABLE items ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE sightings ADD COLUMN guid TEXT;"
    "ALTER TABLE sightings ADD COLUMN first_seen INTEGER;"
    "INSERT OR IGNORE INTO item_keys (key, item)"
    " SELECT 'f:' || i.feed || char(10) || substr(k.key, 3), k.item"
    " FROM item_keys k JOIN items i ON i.id = k.item"
    " WHERE k.key >= 'g:' AND k.key < 'g;';"
    "INSERT OR IGNORE INTO item_keys (key, item)"
    " SELECT 'f:' || g.feed || char(10) || substr(k.key, 3), k.item"
    " FROM item_keys k JOIN sightings g ON g.item = k.item"
    " WHERE k.key >= 'g:' AND k.key < 'g;';"
    "DELETE FROM item_keys WHERE key >= 'g:' AND key < 'g;';";

/*
 * Version 3.  What "sanctionctl status" shows and staleness needs: why the
 * next poll is due, the last fetch with new items and the usual gap between
 * such fetches (learned), the items each feed brought, and its last error.
 * A feed's count starts from the items it was first to carry.
 */
static const char *schema_v3 =
    "ALTER TABLE feeds ADD COLUMN due_why INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN last_new INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN gap INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN items_seen INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN last_error INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN error TEXT;"
    "UPDATE feeds SET items_seen ="
    " (SELECT count(*) FROM items WHERE items.feed = feeds.name);";

/*
 * Version 4.  Canonical links are curl's reading of the URL (dedup.c: a
 * default port dropped, dot segments resolved, an empty path "/", the case
 * of userinfo kept): each "l:LINK TITLEHASH" key (the hash its last 16
 * characters after a blank) is rewritten the new way, so nothing seen
 * before is new; a key not of that shape is left as it is.
 * canonical_link() is the SQL function sql_canonical_link().
 */
static const char *schema_v4 =
    "INSERT OR IGNORE INTO item_keys (key, item)"
    " SELECT k, item FROM (SELECT 'l:' || canonical_link(substr(key, 3,"
    " length(key) - 19)) || substr(key, -17) AS k, key, item"
    " FROM item_keys WHERE key >= 'l:' AND key < 'l;' AND length(key) > 19"
    " AND substr(key, -17, 1) = ' ') WHERE k != key;"
    "DELETE FROM item_keys WHERE key >= 'l:' AND key < 'l;' AND"
    " length(key) > 19 AND substr(key, -17, 1) = ' ' AND key !="
    " 'l:' || canonical_link(substr(key, 3, length(key) - 19)) ||"
    " substr(key, -17);";

/*
 * Version 5.  Items waiting for their article (fetch_article): stored and
 * known (their keys are in), their event not yet written.  "pending" is
 * what finishing one needs, the item and its feed's meta as JSON
 * (daemon/artwait.c), "since" when it was first stored.
 */
static const char *schema_v5 =
    "CREATE TABLE IF NOT EXISTS articles (item INTEGER PRIMARY KEY,"
    " feed TEXT NOT NULL,"
    " since INTEGER NOT NULL, pending TEXT NOT NULL);";

/* What each version adds to the one before: upgrades[v] makes v + 1. */
static const char **upgrades[SCHEMA_VERSION] = {
	[0] = &schema,
	[1] = &schema_v2,
	[2] = &schema_v3,
	[3] = &schema_v4,
	[4] = &schema_v5,
	[5] = &retain_schema,	/* retention.c */
};

enum stmt_id {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_FEED_LOAD,
	ST_FEED_SAVE,
	ST_KEY_FIND,
	ST_KEY_ADD,
	ST_ITEM_ADD,
	ST_ITEM_GET,
	ST_ITEM_SET,
	ST_SIGHT_ADD,
	ST_SIGHT_GUID,
	ST_EVENT_ADD,
	ST_UNPUBLISHED,
	ST_MARK,
	ST_HOLD_ADD,
	ST_HOLD_HAS,
	ST_HOLD_DEL,
	ST_HOLD_ALL,
	ST_ITEM_SEQ,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_MAX
};

static const char *stmt_sql[ST_MAX] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_FEED_LOAD] = "SELECT url, etag, last_modified, body_hash,"
	    " next_due, last_fetch, last_ok, interval, failures, health,"
	    " due_why, last_new, gap, items_seen, last_error, error"
	    " FROM feeds WHERE name = ?",
	[ST_FEED_SAVE] = "INSERT OR REPLACE INTO feeds (name, url, etag,"
	    " last_modified, body_hash, next_due, last_fetch, last_ok,"
	    " interval, failures, health, due_why, last_new, gap,"
	    " items_seen, last_error, error)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[ST_KEY_FIND] = "SELECT item FROM item_keys WHERE key = ?",
	[ST_KEY_ADD] = "INSERT OR IGNORE INTO item_keys (key, item)"
	    " VALUES (?, ?)",
	[ST_ITEM_ADD] = "INSERT INTO items (seq, first_seen, feed, guid,"
	    " class, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?2)",
	[ST_ITEM_GET] = "SELECT feed, guid, class, revision FROM items"
	    " WHERE id = ?",
	[ST_ITEM_SET] = "UPDATE items SET class = ?2, revision = ?3,"
	    " guid = coalesce(guid, ?4) WHERE id = ?1",
	[ST_SIGHT_ADD] = "INSERT OR IGNORE INTO sightings (item, feed, guid,"
	    " first_seen) VALUES (?, ?, ?, ?)",
	[ST_SIGHT_GUID] = "SELECT guid FROM sightings WHERE item = ?"
	    " AND feed = ?",
	[ST_EVENT_ADD] = "INSERT INTO events (seq, topic, json)"
	    " VALUES (?, ?, ?)",
	[ST_UNPUBLISHED] = "SELECT seq, topic, json FROM events"
	    " WHERE seq > ? AND seq <= ? ORDER BY seq",
	[ST_MARK] = "INSERT OR REPLACE INTO meta (key, value)"
	    " VALUES ('published_seq', ?)",
	[ST_HOLD_ADD] = "INSERT INTO articles (item, feed, since, pending)"
	    " VALUES (?, ?, ?, ?)",
	[ST_HOLD_HAS] = "SELECT 1 FROM articles WHERE item = ?",
	[ST_HOLD_DEL] = "DELETE FROM articles WHERE item = ?",
	[ST_HOLD_ALL] = "SELECT item, feed, since, pending FROM articles"
	    " ORDER BY item",
	[ST_ITEM_SEQ] = "UPDATE items SET seq = ?2 WHERE id = ?1",
	/* A batch inside a group (sq_group_begin). */
	[ST_SAVEPOINT] = "SAVEPOINT batch",
	[ST_RELEASE] = "RELEASE batch",
	[ST_ROLLBACK_TO] = "ROLLBACK TO batch",
};

struct sq {
	struct store	 b;		/* first: what ingest.c sees */
	sqlite3		*db;
	char		*path;
	sqlite3_stmt	*st[ST_MAX];
	struct retain	*ret;		/* retention.c */
	int		 walfd;		/* to sync committed events */
	int		 opened;	/* errors are logged, not kept */
	char		 err[1024];	/* why store_open failed */
	int64_t		 nerrors;	/* store errors since open */
	int64_t		 last_seq;	/* committed */
	int64_t		 next_seq;	/* last given out in this batch */
	int64_t		 reserved;	/* seqs up to here are spoken for */
	int64_t		 reserved_ok;	/* ... and committed */
	int64_t		 published;	/* events up to here are out */
	int64_t		 nitems, nevents;	/* committed (once counted) */
	int		 counted;
	int64_t		 pitems, pevents;	/* in the open batch */
	int		 group;		/* batches are savepoints of one */
	int64_t		 sp_next_seq, sp_reserved;	/* at SAVEPOINT */
	int64_t		 sp_pitems, sp_pevents;
	struct ckpt	*ckpt;		/* background checkpoints, or NULL */
};

/*
 * WAL checkpoints on a thread of their own.  SQLite's automatic one runs
 * inside the COMMIT that takes the WAL past 1000 pages: it copies them
 * into the database and syncs both files, 16-50 ms of a burst's group
 * commits, the loop blocked meanwhile (issue 14).  Instead the commit's
 * WAL hook wakes this thread, which checkpoints on a connection of its
 * own (PASSIVE: it waits for no lock, and writers go on appending).  Only
 * where the data is moves; what is durable when is the WAL's, as before.
 */
#define CKPT_PAGES	1000	/* SQLite's wal_autocheckpoint default */

struct ckpt {
	pthread_t	 thread;
	pthread_mutex_t	 mtx;
	pthread_cond_t	 cv;
	sqlite3		*db;
	int		 wanted;
	int		 stop;
	int		 rc;		/* the last checkpoint's */
};

static void *
ckpt_main(void *arg)
{
	struct ckpt	*c = arg;
	int		 rc;

	pthread_mutex_lock(&c->mtx);
	for (;;) {
		while (!c->wanted && !c->stop)
			pthread_cond_wait(&c->cv, &c->mtx);
		if (c->stop)
			break;
		c->wanted = 0;
		pthread_mutex_unlock(&c->mtx);
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mtx);
		c->rc = rc;
	}
	pthread_mutex_unlock(&c->mtx);
	return NULL;
}

/* After each commit, on the loop's thread: a wake-up, nothing more. */
static int
ckpt_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct ckpt	*c = arg;
	int		 rc;

	(void)db;
	(void)name;
	if (pages < CKPT_PAGES)
		return SQLITE_OK;
	pthread_mutex_lock(&c->mtx);
	c->wanted = 1;
	rc = c->rc;
	c->rc = SQLITE_OK;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mtx);
	/* Busy is a reader in the way: the next one goes further. */
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		log_warnx("wal checkpoint: %s", sqlite3_errstr(rc));
	return SQLITE_OK;
}

static void
ckpt_stop(struct sq *s)
{
	struct ckpt	*c = s->ckpt;

	if (c == NULL)
		return;
	/* Back to SQLite's own, for the close's last checkpoint. */
	sqlite3_wal_autocheckpoint(s->db, CKPT_PAGES);
	pthread_mutex_lock(&c->mtx);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mtx);
	pthread_join(c->thread, NULL);
	sqlite3_close(c->db);
	pthread_mutex_destroy(&c->mtx);
	pthread_cond_destroy(&c->cv);
	free(c);
	s->ckpt = NULL;
}

static int
sq_bg_checkpoints(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;
	struct ckpt	*c;
	int		 rc;

	if (s->ckpt != NULL)
		return 0;
	c = xcalloc(1, sizeof(*c));
	rc = sqlite3_open_v2(s->path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_warnx("%s: checkpoint connection: %s; checkpoints stay "
		    "in the commits", s->path, sqlite3_errstr(rc));
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	pthread_mutex_init(&c->mtx, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
		log_warn("%s: checkpoint thread; checkpoints stay in the "
		    "commits", s->path);
		sqlite3_close(c->db);
		pthread_mutex_destroy(&c->mtx);
		pthread_cond_destroy(&c->cv);
		free(c);
		return -1;
	}
	s->ckpt = c;
	/* Replaces the automatic checkpoint (a WAL hook itself). */
	sqlite3_wal_hook(s->db, ckpt_hook, c);
	return 0;
}

/*
 * Once the daemon runs, every store error is an error-level line naming
 * the feed whose write failed (when there is one), and is counted: a store
 * that refuses writes must show, in the log and in the daemon's STATUS.
 */
static int
store_error(struct sq *s, const char *what, const char *why)
{
	snprintf(s->err, sizeof(s->err), "%s: %s: %s", s->path, what, why);
	if (!s->opened)
		return -1;
	s->nerrors++;
	if (s->b.feed != NULL)
		log_errx("feed %s: %s", s->b.feed, s->err);
	else
		log_errx("%s", s->err);
	return -1;
}

static int
db_error(struct sq *s, const char *what)
{
	return store_error(s, what, sqlite3_errmsg(s->db));
}

/* A prepared statement, reset and ready for binding. */
static sqlite3_stmt *
stmt(struct sq *s, enum stmt_id id)
{
	sqlite3_stmt	*st = s->st[id];

	if (st == NULL) {
		if (sqlite3_prepare_v2(s->db, stmt_sql[id], -1, &s->st[id],
		    NULL) != SQLITE_OK) {
			db_error(s, stmt_sql[id]);
			return NULL;
		}
		return s->st[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Step a statement that returns no rows. */
static int
run(struct sq *s, sqlite3_stmt *st, const char *what)
{
	int	 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(s, what);
	return 0;
}

static int
run_id(struct sq *s, enum stmt_id id, const char *what)
{
	sqlite3_stmt	*st;

	if ((st = stmt(s, id)) == NULL)
		return -1;
	return run(s, st, what);
}

/*
 * SQLITE_STATIC: no copy of every key, GUID and event text bound.  Safe
 * because each statement is bound and stepped within one function, whose
 * caller holds the strings, and stmt() clears the bindings before any
 * reuse, so no step ever reads a pointer bound by an earlier caller.
 */
static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Run a query returning one integer; -1 on error. */
static int64_t
query_int(struct sq *s, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(s, sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		db_error(s, sql);
	sqlite3_finalize(st);
	return v;
}

static int
exec(struct sq *s, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		store_error(s, "setup", msg ? msg : "unknown error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* canonical_link(LINK) in SQL, for upgrades: LINK itself where it has none. */
static void
sql_canonical_link(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char	*link;
	char		*canon;

	(void)argc;
	link = (const char *)sqlite3_value_text(v[0]);
	if ((canon = canonical_link(link)) == NULL)
		sqlite3_result_value(c, v[0]);
	else
		sqlite3_result_text(c, canon, -1, free);
}

/*
 * A new file gets every version in turn, so that the upgrades are what
 * every store runs, not a path only old stores take.
 */
static int
schema_init(struct sq *s)
{
	struct buf	 q;
	int64_t		 v, i;
	int		 rv;

	if ((v = query_int(s, "PRAGMA user_version")) == -1)
		return -1;
	if (v == SCHEMA_VERSION)
		return 0;
	if (v < 0 || v > SCHEMA_VERSION) {
		snprintf(s->err, sizeof(s->err), "%s: schema version %lld is "
		    "newer than this sanctiond's (%d)", s->path, (long long)v,
		    SCHEMA_VERSION);
		return -1;
	}
	buf_init(&q);
	buf_adds(&q, "BEGIN IMMEDIATE;");
	for (i = v; i < SCHEMA_VERSION; i++)
		buf_adds(&q, *upgrades[i]);
	buf_printf(&q, "PRAGMA user_version = %d; COMMIT;", SCHEMA_VERSION);
	rv = exec(s, q.d);
	buf_free(&q);
	if (rv == -1) {
		exec(s, "ROLLBACK");
		return -1;
	}
	if (v > 0)
		log_info("%s: schema upgraded from version %lld to %d",
		    s->path, (long long)v, SCHEMA_VERSION);
	return 0;
}

/*
 * A damaged file must stop the daemon at start, not fail one feed in five
 * on every poll.  quick_check reads every page once (the b-trees' shape,
 * not index against table): 1 s for a 460 MB store, see README.
 */
static int
integrity_check(struct sq *s)
{
	sqlite3_stmt	*st = NULL;
	const char	*v = NULL;
	char		 why[256];
	int		 rc;

	rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    strcmp(v, "ok") == 0) {
		sqlite3_finalize(st);
		return 0;
	}
	snprintf(why, sizeof(why), "%s", v != NULL ? v : sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	snprintf(s->err, sizeof(s->err), "%s: the state file is damaged (%s):"
	    " restore it from a backup, or salvage what it holds with"
	    " 'sqlite3 %s .recover | sqlite3 NEW.db' and put NEW.db in its"
	    " place, or move it aside to start afresh (every item in every"
	    " feed is then new again)", s->path, why, s->path);
	return -1;
}

/* The stable id of this state file: made once, kept in it. */
static int
publisher_init(struct sq *s)
{
	unsigned char	 r[16];
	sqlite3_stmt	*st;
	const char	*v;
	size_t		 i;
	int		 rv = -1;

	if (getrandom(r, sizeof(r), 0) != sizeof(r))
		fatal("getrandom");
	for (i = 0; i < sizeof(r); i++)
		snprintf(s->b.publisher + 2 * i, 3, "%02x", r[i]);
	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO meta (key, value)"
	    " VALUES ('publisher', ?)", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, "publisher");
	bind_text(st, 1, s->b.publisher);
	rv = run(s, st, "publisher");
	sqlite3_finalize(st);
	if (rv == -1)
		return -1;
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta"
	    " WHERE key = 'publisher'", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, "publisher");
	rv = -1;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		snprintf(s->b.publisher, sizeof(s->b.publisher), "%s", v);
		rv = 0;
	} else
		db_error(s, "publisher");
	sqlite3_finalize(st);
	return rv;
}

static int64_t
meta_int(struct sq *s, const char *key)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;
	int		 rc;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return db_error(s, key);
	bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, key);
	return v;
}

static int
meta_set_int(struct sq *s, const char *key, int64_t v)
{
	sqlite3_stmt	*st;
	int		 rv;

	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta (key, value)"
	    " VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
		return db_error(s, key);
	bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, v);
	rv = run(s, st, key);
	sqlite3_finalize(st);
	return rv;
}

static int
configure(struct sq *s)
{
	int64_t	 v;

	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	if (integrity_check(s) == -1)
		return -1;
	/*
	 * NORMAL: a sync per commit is too dear; see next_seq().  Statement
	 * journals (INSERT OR ..., savepoints) in memory: on disk they were
	 * a temporary file each, a third of a cold cycle's writes.  A cache
	 * of 16 MB holds a group's pages (sq_group_begin) without spilling
	 * them to the WAL before its commit.
	 */
	if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	    " PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
	    " PRAGMA cache_size = -16384;") == -1)
		return -1;
	if (sqlite3_create_function(s->db, "canonical_link", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_canonical_link, NULL, NULL) !=
	    SQLITE_OK)
		return db_error(s, "canonical_link");
	if (schema_init(s) == -1 || publisher_init(s) == -1)
		return -1;
	v = query_int(s, "SELECT max(coalesce((SELECT seq FROM sqlite_sequence"
	    " WHERE name = 'events'), 0), coalesce((SELECT max(seq)"
	    " FROM events), 0))");
	if (v == -1)
		return -1;
	s->last_seq = s->next_seq = v;
	if ((v = meta_int(s, "seq_reserved")) == -1)
		return -1;
	/* Not closed cleanly: seqs up to the reservation may be out. */
	if (v > s->last_seq)
		s->last_seq = s->next_seq = v;
	s->reserved = s->reserved_ok = s->last_seq;
	if ((s->published = meta_int(s, "published_seq")) == -1)
		return -1;
	return 0;
}

static const struct store_ops sqlite_ops;
static void	sq_close(struct store *);
static void	sq_rollback(struct store *);
static int	sq_commit(struct store *);

struct store *
store_sqlite_open(const char *path, char **err)
{
	static int	 configured;
	struct sq	*s;
	int		 rc;

	/*
	 * Memory statistics take a global mutex around every allocation
	 * SQLite makes, for figures nothing here reads.  Before the first
	 * open only: later it is refused (SQLITE_MISUSE), harmlessly.
	 */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	s = xcalloc(1, sizeof(*s));
	s->b.ops = &sqlite_ops;
	s->path = xstrdup(path);
	s->walfd = -1;
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		store_error(s, "open", sqlite3_errstr(rc));
	if (rc == SQLITE_OK && configure(s) == 0 &&
	    (s->ret = retain_open(s->db)) == NULL)
		db_error(s, "retention");
	if (rc != SQLITE_OK || s->ret == NULL) {
		*err = xstrdup(s->err);
		sq_close(&s->b);
		return NULL;
	}
	s->opened = 1;
	return &s->b;
}

static void
sq_close(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;
	int	 i;

	if (s == NULL)
		return;
	if (s->b.inbatch)
		sq_rollback(&s->b);
	if (s->group == 1) {	/* not committed: as if never written */
		s->group = 0;
		s->b.inbatch = 1;
		sq_rollback(&s->b);
	}
	/* A clean close gives back the unused reservation: no jump. */
	if (s->opened && s->reserved_ok > s->last_seq)
		meta_set_int(s, "seq_reserved", s->last_seq);
	ckpt_stop(s);
	for (i = 0; i < ST_MAX; i++)
		sqlite3_finalize(s->st[i]);
	retain_close(s->ret);
	sqlite3_close(s->db);
	if (s->walfd != -1)
		close(s->walfd);
	free(s->b.batch_feed);
	free(s->path);
	free(s);
}

static int64_t
sq_last_seq(const struct store *bs)
{
	const struct sq	*s = (const struct sq *)bs;

	return s->last_seq;
}

static char *
column_str(sqlite3_stmt *st, int i)
{
	const unsigned char	*v;

	v = sqlite3_column_text(st, i);
	return v != NULL ? xstrdup((const char *)v) : NULL;
}

/* 1 found (strings allocated: feed_state_free), 0 none, -1 error. */
static int
sq_feed_load(struct store *bs, const char *name, struct feed_state *fs)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;
	int		 rc;

	memset(fs, 0, sizeof(*fs));
	if ((st = stmt(s, ST_FEED_LOAD)) == NULL)
		return -1;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(s, name);
	}
	fs->url = column_str(st, 0);
	fs->etag = column_str(st, 1);
	fs->last_modified = column_str(st, 2);
	fs->body_hash = (uint64_t)sqlite3_column_int64(st, 3);
	fs->next_due = sqlite3_column_int64(st, 4);
	fs->last_fetch = sqlite3_column_int64(st, 5);
	fs->last_ok = sqlite3_column_int64(st, 6);
	fs->interval = sqlite3_column_int64(st, 7);
	fs->failures = sqlite3_column_int(st, 8);
	fs->health = (enum feed_health)sqlite3_column_int(st, 9);
	fs->due_why = (enum due_reason)sqlite3_column_int(st, 10);
	fs->last_new = sqlite3_column_int64(st, 11);
	fs->gap = sqlite3_column_int64(st, 12);
	fs->items_seen = sqlite3_column_int64(st, 13);
	fs->last_error = sqlite3_column_int64(st, 14);
	fs->error = column_str(st, 15);
	sqlite3_reset(st);
	return 1;
}

static int
sq_feed_save(struct store *bs, const char *name, const struct feed_state *fs)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;
	int		 rv;

	if ((st = stmt(s, ST_FEED_SAVE)) == NULL)
		return -1;
	bind_text(st, 1, name);
	bind_text(st, 2, fs->url);
	bind_text(st, 3, fs->etag);
	bind_text(st, 4, fs->last_modified);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)fs->body_hash);
	sqlite3_bind_int64(st, 6, fs->next_due);
	sqlite3_bind_int64(st, 7, fs->last_fetch);
	sqlite3_bind_int64(st, 8, fs->last_ok);
	sqlite3_bind_int64(st, 9, fs->interval);
	sqlite3_bind_int(st, 10, fs->failures);
	sqlite3_bind_int(st, 11, (int)fs->health);
	sqlite3_bind_int(st, 12, (int)fs->due_why);
	sqlite3_bind_int64(st, 13, fs->last_new);
	sqlite3_bind_int64(st, 14, fs->gap);
	sqlite3_bind_int64(st, 15, fs->items_seen);
	sqlite3_bind_int64(st, 16, fs->last_error);
	bind_text(st, 17, fs->error);
	s->b.feed = name;
	rv = run(s, st, "feed state");
	s->b.feed = NULL;
	return rv;
}

/*
 * Under synchronous = NORMAL a commit reaches the WAL file but not the
 * disk; SQLite cannot change that inside a transaction, so we sync the
 * WAL file ourselves.  It keeps its inode while the database is open.
 */
static void
wal_sync(struct sq *s)
{
	char	*wal;

	if (s->walfd == -1) {
		xasprintf(&wal, "%s-wal", s->path);
		s->walfd = open(wal, O_RDONLY | O_CLOEXEC);
		free(wal);
	}
	if (s->walfd == -1 || fsync(s->walfd) == -1)
		exec(s, "PRAGMA wal_checkpoint(PASSIVE)");
}

/*
 * The whole group is lost (a savepoint could not be released or rolled
 * back): as a failed commit, sq_group_commit() then says so.
 */
static void
sq_group_rollback(struct sq *s)
{
	s->b.inbatch = 1;
	s->group = 0;
	sq_rollback(&s->b);
	s->group = -1;
}

static int
sq_begin(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;

	if (s->b.inbatch) {
		log_warnx("%s: a batch is already open", s->path);
		return -1;
	}
	if (s->group == 1) {
		if (run_id(s, ST_SAVEPOINT, "begin") == -1)
			return -1;
		s->sp_next_seq = s->next_seq;
		s->sp_reserved = s->reserved;
		s->sp_pitems = s->pitems;
		s->sp_pevents = s->pevents;
	} else if (run_id(s, ST_BEGIN, "begin") == -1)
		return -1;
	s->b.inbatch = 1;
	return 0;
}

/*
 * From now on each batch is a savepoint of one transaction that
 * sq_group_commit() commits: a burst of fetches writes each page it
 * touches once, not once per fetch (issue 14: 54,000 WAL writes, 130 MB,
 * for 500 feeds committed one by one).  Nothing of the group counts as
 * committed (last_seq, so the outbox and replay do not see its events)
 * until then.  1 when a group is open, -1 on error.
 */
static int
sq_group_begin(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;

	if (s->group != 0)	/* -1: lost, its batches commit alone */
		return 1;
	if (s->b.inbatch) {
		log_warnx("%s: a batch is already open", s->path);
		return -1;
	}
	if (run_id(s, ST_BEGIN, "begin") == -1)
		return -1;
	s->group = 1;
	return 1;
}

/* The group's transaction; as sq_commit() for one batch, 0 or -1. */
static int
sq_group_commit(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;

	if (s->group == 0)
		return 0;
	if (s->group == -1) {
		s->group = 0;
		return -1;
	}
	if (s->b.inbatch) {
		log_warnx("%s: a batch is still open", s->path);
		sq_rollback(bs);
	}
	s->group = 0;
	s->b.inbatch = 1;
	return sq_commit(bs);
}

/*
 * A commit that fails (disk full, I/O error, a constraint checked at
 * commit) is rolled back: none of its items count as seen and none of its
 * events exist, so the next fetch retries them.
 */
static int
sq_commit(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;
	const char	*feed = s->b.feed;
	int		 durable, rv;

	if (!s->b.inbatch)
		return 0;
	if (s->group == 1) {
		rv = run_id(s, ST_RELEASE, "commit");
		s->b.inbatch = 0;
		free(s->b.batch_feed);
		s->b.batch_feed = NULL;
		if (rv == -1)
			sq_group_rollback(s);
		return rv;
	}
	durable = s->reserved > s->reserved_ok;
	if (s->b.batch_feed != NULL)
		s->b.feed = s->b.batch_feed;
	rv = run_id(s, ST_COMMIT, "commit");
	s->b.feed = feed;
	if (rv == -1) {
		log_warnx("%s: batch of %lld events rolled back",
		    s->path, (long long)(s->next_seq - s->last_seq));
		sq_rollback(&s->b);
		return -1;
	}
	s->b.inbatch = 0;
	free(s->b.batch_feed);
	s->b.batch_feed = NULL;
	s->last_seq = s->next_seq;
	s->reserved_ok = s->reserved;
	s->nitems += s->pitems;
	s->nevents += s->pevents;
	s->pitems = s->pevents = 0;
	if (durable)
		wal_sync(s);
	return 0;
}

static void
sq_rollback(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;

	if (!s->b.inbatch)
		return;
	if (s->group == 1) {
		/* This batch only: the group's others stand. */
		if (run_id(s, ST_ROLLBACK_TO, "rollback") == -1 ||
		    run_id(s, ST_RELEASE, "rollback") == -1) {
			sq_group_rollback(s);
			return;
		}
		s->b.inbatch = 0;
		free(s->b.batch_feed);
		s->b.batch_feed = NULL;
		s->next_seq = s->sp_next_seq;
		s->reserved = s->sp_reserved;
		s->pitems = s->sp_pitems;
		s->pevents = s->sp_pevents;
		return;
	}
	if (sqlite3_get_autocommit(s->db) == 0)
		run_id(s, ST_ROLLBACK, "rollback");
	s->b.inbatch = 0;
	free(s->b.batch_feed);
	s->b.batch_feed = NULL;
	s->next_seq = s->last_seq;
	s->reserved = s->reserved_ok;
	s->pitems = s->pevents = 0;
	s->published = meta_int(s, "published_seq");
}

/*
 * The seq for a new event.  Under synchronous = NORMAL a power cut can
 * lose the last commits, events that may have been published; their seqs
 * must not be handed out again.  So seqs are reserved on disk SEQ_BLOCK at
 * a time, in the batch that first needs them, and that batch is synced
 * (one sync per SEQ_BLOCK events).  After a crash the counter resumes
 * past the reservation: a jump in seq, never a reuse.
 */
static int64_t
next_seq(struct sq *s)
{
	int64_t	 seq = s->next_seq + 1;

	if (seq > s->reserved) {
		if (meta_set_int(s, "seq_reserved", seq + SEQ_BLOCK - 1) == -1)
			return -1;
		s->reserved = seq + SEQ_BLOCK - 1;
	}
	return seq;
}

/* The item a key belongs to: > 0 found, 0 none, -1 error. */
static int64_t
key_find(struct sq *s, const char *key)
{
	sqlite3_stmt	*st;
	int64_t		 id = 0;
	int		 rc;

	if ((st = stmt(s, ST_KEY_FIND)) == NULL)
		return -1;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "item key");
	return id;
}

/* 1 added, 0 there already, -1 error. */
static int
key_add(struct sq *s, const char *key, int64_t item)
{
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_KEY_ADD)) == NULL)
		return -1;
	bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, item);
	if (run(s, st, "item key") == -1)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/* A known item carried by one more feed: a fact of its own, kept apart. */
static int
sighting_add(struct sq *s, int64_t item, const char *feed,
    const char *guid)
{
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_SIGHT_ADD)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item);
	bind_text(st, 2, feed);
	bind_text(st, 3, guid);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
	return run(s, st, "sighting");
}

static int
event_add(struct sq *s, int64_t seq, const char *topic, const char *json)
{
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_EVENT_ADD)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	bind_text(st, 2, topic);
	bind_text(st, 3, json);
	return run(s, st, topic);
}

/* The ingest's primitives (ingest.c): the store_ops below. */
static int64_t
sq_next_seq(struct store *bs)
{
	return next_seq((struct sq *)bs);
}

static int64_t
sq_key_find(struct store *bs, const char *key)
{
	return key_find((struct sq *)bs, key);
}

static int
sq_key_add(struct store *bs, const char *key, int64_t item)
{
	return key_add((struct sq *)bs, key, item);
}

static int
sq_sight_add(struct store *bs, int64_t item, const char *feed,
    const char *guid)
{
	return sighting_add((struct sq *)bs, item, feed, guid);
}

static int
sq_event_add(struct store *bs, int64_t seq, const char *topic,
    const char *text)
{
	struct sq	*s = (struct sq *)bs;

	if (event_add(s, seq, topic, text) == -1)
		return -1;
	s->next_seq = seq;
	s->pevents++;
	return 0;
}

static int
sq_item_add(struct store *bs, int64_t seq, const char *feed,
    const char *guid, const char *class, int64_t *item)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_ITEM_ADD)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	bind_text(st, 3, feed);
	bind_text(st, 4, guid);
	bind_text(st, 5, class);
	if (run(s, st, "item") == -1)
		return -1;
	*item = sqlite3_last_insert_rowid(s->db);
	s->pitems++;
	return 0;
}

static int
sq_item_get(struct store *bs, int64_t id, struct item_row *r)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	memset(r, 0, sizeof(*r));
	if ((st = stmt(s, ST_ITEM_GET)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_error(s, "item");
	}
	r->id = id;
	r->feed = column_str(st, 0);
	r->guid = column_str(st, 1);
	r->class = column_str(st, 2);
	r->revision = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (r->feed == NULL)
		r->feed = xstrdup("");
	return 0;
}

static int
sq_item_set(struct store *bs, int64_t id, const char *class,
    int64_t revision, const char *guid)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_ITEM_SET)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, class);
	sqlite3_bind_int64(st, 3, revision);
	bind_text(st, 4, guid);
	return run(s, st, "item");
}

/* The GUID feed gave the item: 1 (*guid may be NULL), 0 no row, -1 error. */
static int
sq_sight_guid(struct store *bs, int64_t id, const char *feed, char **guid)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;
	int		 rc;

	*guid = NULL;
	if ((st = stmt(s, ST_SIGHT_GUID)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, feed);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*guid = column_str(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "sighting");
	return rc == SQLITE_ROW;
}

/* Hand every row of st (seq, topic, json) to cb until it returns non-zero. */
static int
each_event(struct sq *s, sqlite3_stmt *st, event_cb cb, void *arg)
{
	int	 rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (cb(sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "events");
	return n;
}

/* Committed events not yet published, in seq order; returns how many. */
static int
sq_unpublished(struct store *bs, event_cb cb, void *arg)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_UNPUBLISHED)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->published);
	sqlite3_bind_int64(st, 2, s->last_seq);
	return each_event(s, st, cb, arg);
}

/* Every event up to and including seq has been published. */
static int
sq_mark_published(struct store *bs, int64_t seq)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if (seq <= s->published)
		return 0;
	if ((st = stmt(s, ST_MARK)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	if (run(s, st, "mark published") == -1)
		return -1;
	s->published = seq;
	return 0;
}

/*
 * Stored events after seq whose topic starts with one of the prefixes (all
 * when there are none), at most limit of them, in seq order.
 */
static int
sq_events_since(struct store *bs, int64_t since,
    const struct strlist *topics, size_t limit, event_cb cb, void *arg)
{
	struct sq	*s = (struct sq *)bs;
	struct buf	 q;
	sqlite3_stmt	*st;
	size_t		 i, n = topics != NULL ? topics->n : 0;
	int		 rv;

	buf_init(&q);
	/* Only committed events: a batch may be open around us. */
	buf_adds(&q, "SELECT seq, topic, json FROM events"
	    " WHERE seq > ?1 AND seq <= ?2");
	for (i = 0; i < n; i++)
		buf_printf(&q, "%s substr(topic, 1, length(?%zu)) = ?%zu",
		    i == 0 ? " AND (" : " OR", i + 3, i + 3);
	buf_printf(&q, "%s ORDER BY seq LIMIT ?%zu", n > 0 ? ")" : "", n + 3);
	rv = sqlite3_prepare_v2(s->db, q.d, -1, &st, NULL);
	buf_free(&q);
	if (rv != SQLITE_OK)
		return db_error(s, "replay");
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, s->last_seq);
	for (i = 0; i < n; i++)
		bind_text(st, i + 3, topics->v[i]);
	sqlite3_bind_int64(st, n + 3, (sqlite3_int64)limit);
	rv = each_event(s, st, cb, arg);
	sqlite3_finalize(st);
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

/*
 * The replay's bounded step: at most max_rows committed events after
 * since, in seq order, matching or not, so that a filter that matches
 * nothing costs no more per step than one that matches all.  Those whose
 * topic starts with one of the prefixes (all when there are none) go to
 * cb; cb returning non-zero stops the scan at that row, not taken.  *last
 * is the last seq examined and taken (or not matched), where the next
 * step resumes.  Returns how many rows were examined, or -1.
 */
static int
sq_events_scan(struct store *bs, int64_t since,
    const struct strlist *topics, size_t max_rows, event_cb cb, void *arg,
    int64_t *last)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;
	const char	*topic;
	int64_t		 seq;
	int		 rc, n = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT seq, topic, json FROM events"
	    " WHERE seq > ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3", -1, &st,
	    NULL) != SQLITE_OK)
		return db_error(s, "replay");
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, s->last_seq);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max_rows);
	*last = since;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		seq = sqlite3_column_int64(st, 0);
		topic = (const char *)sqlite3_column_text(st, 1);
		/* The JSON is only read for the events sent. */
		if (topic != NULL && topic_match(topics, topic) &&
		    cb(seq, topic, (const char *)sqlite3_column_text(st, 2),
		    arg) != 0)
			break;
		*last = seq;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "replay");
	return n;
}

/*
 * Counted when first asked, then kept up to date: sd_notify asks often.
 * Not at open: counting reads every page of the events, a fifth of a
 * warm "--once" that never asks.  What an open batch or group added is
 * not committed, so not counted yet.
 */
static int
sq_counts(struct store *bs, int64_t *items, int64_t *events)
{
	struct sq	*s = (struct sq *)bs;
	int64_t		 ni, ne;
	int		 rv = 0;

	if (!s->counted) {
		if ((ni = query_int(s, "SELECT count(*) FROM items")) == -1 ||
		    (ne = query_int(s, "SELECT count(*) FROM events")) == -1)
			rv = -1;
		else {
			s->nitems = ni - s->pitems;
			s->nevents = ne - s->pevents;
			s->counted = 1;
		}
	}
	*items = s->nitems;
	*events = s->nevents;
	return rv;
}

/* Store errors since open: each was logged; the daemon's STATUS counts them. */
static int64_t
sq_errors(const struct store *bs)
{
	const struct sq	*s = (const struct sq *)bs;

	return s->nerrors;
}

/* 1 when the item waits for its article, 0 when not, -1 on error. */
static int
sq_hold_has(struct store *bs, int64_t id)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = stmt(s, ST_HOLD_HAS)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "article");
	return rc == SQLITE_ROW;
}

static int
sq_hold_add(struct store *bs, int64_t id, const char *feed,
    const char *pending)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_HOLD_ADD)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, feed);
	sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	bind_text(st, 4, pending);
	return run(s, st, "article");
}

/* 1 when the hold was there (and is now gone), 0 when not, -1 on error. */
static int
sq_hold_del(struct store *bs, int64_t id)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_HOLD_DEL)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (run(s, st, "article") == -1)
		return -1;
	return sqlite3_changes(s->db) == 1;
}

static int
sq_item_seq(struct store *bs, int64_t id, int64_t seq)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;

	if ((st = stmt(s, ST_ITEM_SEQ)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, seq);
	return run(s, st, "item");
}

/* Every held item, oldest first: cb(item, feed, since, pending, arg). */
static int
sq_held(struct store *bs, held_cb cb, void *arg)
{
	struct sq	*s = (struct sq *)bs;
	sqlite3_stmt	*st;
	int		 rc, n = 0;

	if ((st = stmt(s, ST_HOLD_ALL)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (cb(sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3), arg) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, "articles");
	return n;
}

/* Still carried (by feed, NULL: by its own): retention keeps it. */
static int
sq_seen(struct store *bs, int64_t id, const char *feed)
{
	struct sq	*s = (struct sq *)bs;

	if (retain_seen(s->ret, id, feed, (int64_t)time(NULL)) == -1)
		return db_error(s, "last seen");
	return 0;
}

static int
sq_parsed(struct store *bs, const char *feed)
{
	struct sq	*s = (struct sq *)bs;
	int		 rv = 0;

	s->b.feed = feed;
	if (retain_parsed(s->ret, feed, (int64_t)time(NULL)) == -1)
		rv = db_error(s, "parse time");
	s->b.feed = NULL;
	return rv;
}

static int
sq_prune(struct store *bs, int64_t now, int64_t keep, int64_t *items,
    int64_t *events)
{
	struct sq	*s = (struct sq *)bs;
	int		 rv;

	*items = *events = 0;
	if (s->b.inbatch || s->group == 1)
		return 0;
	if (run_id(s, ST_BEGIN, "begin") == -1)
		return -1;
	rv = retain_step(s->ret, now, keep, s->last_seq, s->published,
	    items, events);
	if (rv == -1)
		db_error(s, "retention");
	if (rv == -1 || run_id(s, ST_COMMIT, "commit") == -1) {
		if (sqlite3_get_autocommit(s->db) == 0)
			run_id(s, ST_ROLLBACK, "rollback");
		/* What the step noted in memory went with it. */
		retain_load(s->ret);
		*items = *events = 0;
		return -1;
	}
	s->nitems -= *items;
	s->nevents -= *events;
	return rv;
}

static int64_t
sq_pruned_seq(const struct store *bs)
{
	const struct sq	*s = (const struct sq *)bs;

	return retain_pruned_seq(s->ret);
}

static int64_t
sq_oldest_seq(struct store *bs)
{
	struct sq	*s = (struct sq *)bs;

	return retain_oldest_seq(s->ret);
}

static const struct store_ops sqlite_ops = {
	.close = sq_close,
	.feed_load = sq_feed_load,
	.feed_save = sq_feed_save,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.next_seq = sq_next_seq,
	.key_find = sq_key_find,
	.key_add = sq_key_add,
	.item_add = sq_item_add,
	.item_get = sq_item_get,
	.item_set = sq_item_set,
	.sight_add = sq_sight_add,
	.sight_guid = sq_sight_guid,
	.event_add = sq_event_add,
	.unpublished = sq_unpublished,
	.mark_published = sq_mark_published,
	.events_since = sq_events_since,
	.events_scan = sq_events_scan,
	.last_seq = sq_last_seq,
	.counts = sq_counts,
	.errors = sq_errors,
	.hold_has = sq_hold_has,
	.hold_add = sq_hold_add,
	.hold_del = sq_hold_del,
	.item_seq = sq_item_seq,
	.held = sq_held,
	.seen = sq_seen,
	.parsed = sq_parsed,
	.prune = sq_prune,
	.pruned_seq = sq_pruned_seq,
	.oldest_seq = sq_oldest_seq,
	.group_begin = sq_group_begin,
	.group_commit = sq_group_commit,
	.bg_checkpoints = sq_bg_checkpoints,
};
