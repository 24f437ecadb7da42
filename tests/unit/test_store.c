/*
 * test_store.c: the store on real SQLite files under /tmp: dedup across
 * feeds and unstable GUIDs, seq continuity across close/reopen, the outbox
 * after a simulated crash, and rollback when SQLite refuses a write or a
 * commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static char	 dir[] = "/tmp/test_store.XXXXXX";
static char	 path[256];

struct collect {
	int		 n;
	int64_t		 seq[64];
	char		*topic[64];
	char		*json[64];
};

static int
collect_cb(int64_t seq, const char *topic, const char *json, void *arg)
{
	struct collect	*c = arg;

	if (c->n < 64) {
		c->seq[c->n] = seq;
		c->topic[c->n] = xstrdup(topic);
		c->json[c->n] = xstrdup(json);
	}
	c->n++;
	return 0;
}

static void
collect_free(struct collect *c)
{
	int	 i;

	for (i = 0; i < c->n && i < 64; i++) {
		free(c->topic[i]);
		free(c->json[i]);
	}
	memset(c, 0, sizeof(*c));
}

static void
mkitem(struct item *it, const char *id, const char *title, const char *link)
{
	item_init(it);
	it->id = id ? xstrdup(id) : NULL;
	it->title = title ? xstrdup(title) : NULL;
	it->link = link ? xstrdup(link) : NULL;
	it->summary = xstrdup("The summary.");
}

/* Store one item without sanctions; returns store_item's result. */
static int
put(struct store *s, const char *feed, const char *id, const char *title,
    const char *link, int64_t *seq)
{
	struct feed_meta	 m = { "Feed", "https://example.org/", "u", -1 };
	struct item		 it;
	int			 r;

	mkitem(&it, id, title, link);
	r = store_item(s, feed, &m, &it, NULL, seq);
	item_free(&it);
	return r;
}

static void
sql(const char *q)
{
	sqlite3	*db;
	char	*err = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, q, NULL, NULL, &err) != SQLITE_OK)
		printf("# sql: %s: %s\n", q, err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(db);
}

/* One integer from the store file, through a connection of its own. */
static long long
count(const char *q)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	} else
		printf("# count: %s: %s\n", q, sqlite3_errmsg(db));
	sqlite3_close(db);
	return v;
}

static void
test_canonical(void)
{
	char	*c;

	c = canonical_link("HTTPS://Example.ORG/A/b?utm_source=rss&id=3"
	    "&UTM_medium=x#frag");
	t_streq(c, "https://example.org/A/b?id=3",
	    "canonical link: utm_*, fragment, case of host");
	free(c);
	c = canonical_link("https://example.org/x?utm_campaign=1");
	t_streq(c, "https://example.org/x", "canonical link: empty query");
	free(c);
	t_ok(canonical_link(NULL) == NULL && canonical_link("") == NULL,
	    "canonical link: none");
}

static void
test_topics(void)
{
	struct sanctions	 s;
	char			*t;

	sanctions_init(&s);
	t = event_topic(&s);
	t_streq(t, "news", "topic: not relevant is news");
	free(t);
	s.relevant = 1;
	t = event_topic(&s);
	t_streq(t, "sanctions.none.XX", "topic: unknown action, authority");
	free(t);
	s.action = ACTION_IMPOSE;
	strlist_add(&s.authorities, "US");
	strlist_add(&s.authorities, "EU");
	t = event_topic(&s);
	t_streq(t, "sanctions.impose.US", "topic: first authority");
	free(t);
	sanctions_free(&s);
}

static void
test_dedup(struct store *s)
{
	struct strlist	 none;
	struct collect	 c = { 0 };
	int64_t		 seq = 0, seq2 = 0;
	json_t		*o;

	strlist_init(&none);
	t_inteq(put(s, "f1", "g1", "One", "https://example.org/1", &seq), 1,
	    "new item is new");
	t_inteq(seq, 1, "first seq is 1");
	t_inteq(put(s, "f1", "g1", "One", "https://example.org/1", &seq2), 0,
	    "same GUID again is seen");
	t_inteq(put(s, "f2", "g1", "One", "https://example.org/1", &seq2), 0,
	    "same GUID in another feed is seen");
	store_events_since(s, 0, &none, 10, collect_cb, &c);
	t_inteq(c.n, 1, "one event for the item");
	o = json_loads(c.n > 0 ? c.json[0] : "{}", 0, NULL);
	t_ok(o != NULL && json_array_size(json_object_get(o, "feeds")) == 1,
	    "a sighting in another feed does not rewrite the event");
	t_inteq(count("SELECT count(*) FROM sightings WHERE feed = 'f2'"), 1,
	    "the sighting is kept apart");
	t_inteq(json_integer_value(json_object_get(o, "v")), 1, "event v 1");
	t_inteq(json_integer_value(json_object_get(o, "seq")), 1, "event seq");
	t_streq(json_string_value(json_object_get(o, "publisher")),
	    store_publisher(s), "event publisher");
	t_streq(json_string_value(json_object_get(o, "type")), "item",
	    "event type");
	t_ok(json_string_value(json_object_get(o, "ts")) != NULL &&
	    strchr(json_string_value(json_object_get(o, "ts")), 'Z') != NULL,
	    "event ts is RFC 3339 UTC");
	t_streq(json_string_value(json_object_get(json_object_get(o, "item"),
	    "id")), "g1", "event carries the item");
	t_streq(c.topic[0], "news", "stored topic");
	json_decref(o);
	collect_free(&c);

	t_inteq(put(s, "f1", "g2", "Two", "https://example.org/2?utm_source=x",
	    NULL), 1, "second item");
	t_inteq(put(s, "f1", "g2-regenerated", "Two",
	    "https://EXAMPLE.org/2#top", NULL), 1,
	    "another GUID in the same feed: another item, same link and title");
	t_inteq(put(s, "f1", "g2-regenerated", "Two", "https://x.org/9",
	    NULL), 0, "the regenerated GUID is now a key");
	t_inteq(put(s, "f1", "g3", "Three", "https://example.org/2", NULL), 1,
	    "same page, other title: a different item");
	t_inteq(put(s, "f1", "g4", "Home", "https://example.org/", NULL), 1,
	    "link to the feed's home page");
	t_inteq(put(s, "f1", "g5", "Home 2", "https://example.org/", NULL), 1,
	    "the home page is no key");
	t_inteq(put(s, "f1", NULL, "No id", NULL, NULL), 1,
	    "no GUID, no link: new");
	t_inteq(put(s, "f2", NULL, "No id", NULL, NULL), 0,
	    "no GUID, no link: content hash dedups");
}

static void
test_feed_state(struct store *s)
{
	struct feed_state	 fs, got;
	struct collect		 c = { 0 };
	int64_t			 seq = 0;
	json_t			*o, *f;

	memset(&fs, 0, sizeof(fs));
	fs.url = "https://example.org/feed";
	fs.etag = "\"abc\"";
	fs.body_hash = 0xfedcba9876543210ULL;
	fs.next_due = 1700000000;
	fs.failures = 3;
	fs.health = FEED_FAILING;
	t_inteq(store_feed_load(s, "ofac", &got), 0, "unknown feed: none");
	t_inteq(store_feed_save(s, "ofac", &fs), 0, "feed saved");
	t_inteq(store_feed_load(s, "ofac", &got), 1, "feed loaded");
	t_streq(got.url, fs.url, "feed url");
	t_streq(got.etag, fs.etag, "feed etag");
	t_streq(got.last_modified, NULL, "feed last-modified absent");
	t_ok(got.body_hash == fs.body_hash, "feed body hash, all 64 bits");
	t_inteq(got.failures, 3, "feed failures");
	t_inteq(got.health, FEED_FAILING, "feed health");
	free(got.url);
	free(got.etag);
	free(got.last_modified);

	t_inteq(store_feed_event(s, "ofac", fs.url, "failing", "HTTP 503 from "
	    "https://example.org/feed", &seq), 0, "feed event stored");
	t_inteq(seq, store_last_seq(s), "feed event seq is the last");
	store_events_since(s, seq - 1, NULL, 10, collect_cb, &c);
	t_inteq(c.n, 1, "feed event replayed");
	t_streq(c.n ? c.topic[0] : NULL, "feed.failing", "feed event topic");
	o = json_loads(c.n ? c.json[0] : "{}", 0, NULL);
	f = json_object_get(o, "feed");
	t_streq(json_string_value(json_object_get(o, "type")), "feed",
	    "feed event type");
	t_streq(json_string_value(json_object_get(f, "name")), "ofac",
	    "feed event names the feed");
	t_streq(json_string_value(json_object_get(f, "url")), fs.url,
	    "feed event has its url");
	t_streq(json_string_value(json_object_get(o, "state")), "failing",
	    "feed event state");
	json_decref(o);
	collect_free(&c);
}

static void
test_replay_query(struct store *s)
{
	struct strlist		 topics;
	struct collect		 c = { 0 };
	struct feed_meta	 m = { "F", NULL, "u", -1 };
	struct sanctions	 sn;
	struct item		 it;
	int			 i;

	sanctions_init(&sn);
	sn.relevant = 1;
	sn.action = ACTION_LIFT;
	strlist_add(&sn.authorities, "EU");
	for (i = 0; i < 3; i++) {
		char	 id[16];

		snprintf(id, sizeof(id), "lift%d", i);
		mkitem(&it, id, id, NULL);
		store_item(s, "eu", &m, &it, &sn, NULL);
		item_free(&it);
	}
	sanctions_free(&sn);
	strlist_init(&topics);
	strlist_add(&topics, "sanctions.lift.");
	strlist_add(&topics, "feed.");
	store_events_since(s, 0, &topics, 100, collect_cb, &c);
	t_inteq(c.n, 4, "topic filter: 3 lifts and 1 feed event");
	t_streq(c.n ? c.topic[0] : NULL, "feed.failing", "in seq order");
	t_streq(c.n > 1 ? c.topic[1] : NULL, "sanctions.lift.EU",
	    "lift topic");
	collect_free(&c);
	store_events_since(s, 0, &topics, 2, collect_cb, &c);
	t_inteq(c.n, 2, "limit is obeyed");
	collect_free(&c);
	strlist_free(&topics);
	strlist_add(&topics, "sanctions.lift.EU_x");
	store_events_since(s, 0, &topics, 10, collect_cb, &c);
	t_inteq(c.n, 0, "a longer prefix matches nothing");
	collect_free(&c);
	strlist_free(&topics);
}

/* Events committed but never published come back, with their seq. */
static void
test_outbox(void)
{
	struct store	*s;
	struct collect	 c = { 0 };
	int64_t		 last, a = 0, b = 0, items, events, items2, events2;
	char		*err = NULL, pub[64];

	s = store_open(path, &err);
	snprintf(pub, sizeof(pub), "%s", store_publisher(s));
	store_unpublished(s, collect_cb, &c);
	store_mark_published(s, store_last_seq(s));
	collect_free(&c);
	last = store_last_seq(s);
	store_batch_begin(s);
	put(s, "f1", "crash1", "Crash 1", NULL, &a);
	put(s, "f1", "crash2", "Crash 2", NULL, &b);
	store_events_since(s, last, NULL, 10, collect_cb, &c);
	t_inteq(c.n, 0, "replay does not see an open batch");
	collect_free(&c);
	t_inteq(store_batch_commit(s), 0, "batch committed");
	t_ok(a == last + 1 && b == last + 2, "batch seqs follow on");
	store_close(s);		/* "crash": never published */

	s = store_open(path, &err);
	t_streq(store_publisher(s), pub, "publisher id is stable");
	t_inteq(store_last_seq(s), last + 2, "seq kept across reopen");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 2, "unpublished events come back after a crash");
	t_ok(c.seq[0] == a && c.seq[1] == b, "with their original seq");
	collect_free(&c);
	t_inteq(store_mark_published(s, b), 0, "marked published");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 0, "nothing left to publish");
	collect_free(&c);
	store_counts(s, &items, &events);
	t_inteq(put(s, "f1", "after", "After", NULL, &a), 1, "new after reopen");
	t_inteq(a, b + 1, "seq continues");
	store_counts(s, &items2, &events2);
	t_ok(items2 == items + 1 && events2 == events + 1,
	    "counts follow: %lld items, %lld events", (long long)items2,
	    (long long)events2);
	store_close(s);
}

/* A process that dies without closing: seqs jump, never repeat. */
static void
test_crash_jump(void)
{
	struct store	*s;
	int64_t		 before, seq = 0;
	char		*err = NULL;
	pid_t		 pid;
	int		 status;

	s = store_open(path, &err);
	before = store_last_seq(s);
	store_close(s);
	if ((pid = fork()) == 0) {
		s = store_open(path, &err);
		put(s, "f1", "crashy1", "Crashy", NULL, NULL);
		_exit(0);	/* no store_close: a crash */
	}
	waitpid(pid, &status, 0);
	s = store_open(path, &err);
	t_ok(store_last_seq(s) >= before + 1000,
	    "after a crash the counter resumes past the reserved block");
	t_inteq(put(s, "f1", "crashy1", "Crashy", NULL, NULL), 0,
	    "what the crashed process committed is kept");
	put(s, "f1", "crashy2", "Crashy 2", NULL, &seq);
	t_ok(seq > before + 1000, "no seq is handed out twice");
	store_close(s);
	s = store_open(path, &err);
	t_inteq(store_last_seq(s), seq, "a clean close returns the reservation");
	store_close(s);
}

/* A write SQLite refuses, then a commit it refuses: nothing sticks. */
static void
test_rollback(void)
{
	struct store	*s;
	struct collect	 c = { 0 };
	int64_t		 last, seq = 0;
	char		*err = NULL;

	sql("CREATE TRIGGER poison BEFORE INSERT ON events"
	    " WHEN NEW.json LIKE '%Poison%'"
	    " BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
	s = store_open(path, &err);
	last = store_last_seq(s);
	store_mark_published(s, last);
	store_batch_begin(s);
	t_inteq(put(s, "f1", "ok1", "Fine", NULL, NULL), 1, "good item");
	t_inteq(put(s, "f1", "bad", "Poison", NULL, NULL), -1,
	    "refused write fails");
	store_batch_rollback(s);
	t_inteq(store_last_seq(s), last, "rollback: last seq unchanged");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 0, "rollback: nothing to publish");
	collect_free(&c);
	store_close(s);

	/* A deferred foreign key fails only at COMMIT. */
	sql("DROP TRIGGER poison;"
	    "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
	    "CREATE TABLE child (p INTEGER REFERENCES parent (id)"
	    " DEFERRABLE INITIALLY DEFERRED);"
	    "CREATE TRIGGER late AFTER INSERT ON events"
	    " BEGIN INSERT INTO child VALUES (999); END;");
	s = store_open(path, &err);
	store_batch_begin(s);
	t_inteq(put(s, "f1", "ok1", "Fine", NULL, NULL), 1, "item in batch");
	t_inteq(store_batch_commit(s), -1, "failing commit is reported");
	t_inteq(store_last_seq(s), last, "failed commit: last seq unchanged");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 0, "failed commit: nothing to publish");
	collect_free(&c);
	store_close(s);

	sql("DROP TRIGGER late;");
	s = store_open(path, &err);
	t_inteq(put(s, "f1", "ok1", "Fine", NULL, &seq), 1,
	    "the refused item is retried as new");
	t_inteq(seq, last + 1, "and gets the next seq");
	store_close(s);
}

static void
test_open_errors(void)
{
	char	*err = NULL, bad[300];
	FILE	*f;

	snprintf(bad, sizeof(bad), "%s/garbage.db", dir);
	f = fopen(bad, "w");
	fputs("this is not a database, not even close, but long enough\n", f);
	fclose(f);
	t_ok(store_open(bad, &err) == NULL, "garbage file refused");
	t_ok(err != NULL && strstr(err, bad) != NULL, "error names the file");
	free(err);
	err = NULL;
	snprintf(bad, sizeof(bad), "%s/no/such/dir.db", dir);
	t_ok(store_open(bad, &err) == NULL && err != NULL &&
	    strstr(err, bad) != NULL, "unopenable path refused, named");
	free(err);
	err = NULL;
	sql("PRAGMA user_version = 99");
	t_ok(store_open(path, &err) == NULL && err != NULL &&
	    strstr(err, "version") != NULL, "newer schema refused");
	free(err);
}

int
main(void)
{
	struct store	*s;
	char		*err = NULL, rm[300];

	log_init(LOG_TO_STDERR, 7 /* LOG_DEBUG */);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/state.db", dir);
	test_canonical();
	test_topics();
	s = store_open(path, &err);
	if (!t_ok(s != NULL, "store opened: %s", err ? err : "ok"))
		return t_done();
	t_inteq(strlen(store_publisher(s)), 32, "publisher id made");
	test_dedup(s);
	test_feed_state(s);
	test_replay_query(s);
	store_close(s);
	test_outbox();
	test_crash_jump();
	test_rollback();
	test_open_errors();
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	if (system(rm) != 0)
		return 1;
	return t_done();
}
