/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_store.c: the store on real SQLite files under /tmp: dedup across
 * feeds and unstable GUIDs, seq continuity across close/reopen, the outbox
 * after a simulated crash, and rollback when SQLite refuses a write or a
 * commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../daemon/daemon.h"
#include "../test.h"
#include "../sqlq.h"

static char	 dir[] = "/tmp/test_store.XXXXXX";

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

/* One integer from the store file, through a connection of its own. */
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
	t_streq(t, "background.none.XX",
	    "topic: relevant, not an announcement, unknown action, authority");
	free(t);
	s.action = ACTION_CONDEMN;
	strlist_add(&s.authorities, "CN");
	t = event_topic(&s);
	t_streq(t, "background.condemn.CN", "topic: background, authority");
	free(t);
	strlist_free(&s.authorities);
	s.announcement = 1;
	t = event_topic(&s);
	t_streq(t, "sanctions.condemn.XX", "topic: announcement, no authority");
	free(t);
	s.action = ACTION_IMPOSE;
	strlist_add(&s.authorities, "US");
	strlist_add(&s.authorities, "EU");
	t = event_topic(&s);
	t_streq(t, "sanctions.impose.US", "topic: announcement, first authority");
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


/* Store one item with its summary and sanctions; store_item's result. */
static int
put_sn(struct store *s, const char *feed, const char *id, const char *title,
    const char *summary, const struct sanctions *sn, int64_t *seq)
{
	struct feed_meta	 m = { "Feed", "https://example.org/", "u", -1 };
	struct item		 it;
	char			 link[256];
	int			 r;

	snprintf(link, sizeof(link), "https://example.org/%s/%s", feed, id);
	mkitem(&it, id, title, link);
	free(it.summary);
	it.summary = xstrdup(summary);
	r = store_item(s, feed, &m, &it, sn, seq);
	item_free(&it);
	return r;
}

static int
held_cb_count(int64_t id, const char *feed, int64_t since, const char *json,
    void *arg)
{
	(void)id;
	(void)since;
	if (strcmp(feed, "hold") == 0 && strcmp(json, "{\"x\":1}") == 0)
		(*(int *)arg)++;
	return 0;
}

/*
 * An item held for its article (artwait.c): stored and known, but no event
 * and no seq until it is released; released once, whatever comes again.
 */
static void
test_hold(struct store *s)
{
	struct feed_meta	 m = { "Feed", "https://example.org/", "u", -1 };
	struct sanctions	 sn;
	struct collect		 c;
	struct item		 it;
	int64_t			 id = 0, id2 = 0, seq = 0, last, sseq;
	int			 n = 0;

	sanctions_init(&sn);
	last = store_last_seq(s);
	mkitem(&it, "h1", "Held one", "https://example.org/hold/h1");
	t_inteq(store_item_hold(s, "hold", &m, &it, &sn, "{\"x\":1}", &id,
	    &seq), 2, "hold: a new item is held");
	t_ok(id > 0, "hold: its item id is given");
	t_inteq(store_last_seq(s), last, "hold: no seq taken");
	t_inteq(store_held(s, held_cb_count, &n), 1, "hold: listed");
	t_inteq(n, 1, "hold: with its feed and JSON");
	t_inteq(store_item_hold(s, "hold", &m, &it, &sn, "{}", &id2, &seq), 0,
	    "hold: seen again, it is not new");
	t_inteq(put_sn(s, "hold", "h1", "Held one", "Rewritten", &sn, &seq), 0,
	    "hold: no revision while held");
	t_inteq(store_last_seq(s), last, "hold: still no event");
	t_inteq(put(s, "hold", "h2", "Plain", "https://example.org/hold/h2",
	    &sseq), 1, "hold: a plain item after it");
	t_inteq(store_item_release(s, id, "hold", &m, &it, &sn, &seq), 1,
	    "release: the event is stored");
	t_ok(seq > sseq, "release: under the next seq, after the plain item");
	t_inteq(store_item_release(s, id, "hold", &m, &it, &sn, &seq), 0,
	    "release again: nothing twice");
	t_inteq(store_last_seq(s), seq, "release again: no event");
	n = 0;
	t_inteq(store_held(s, held_cb_count, &n), 0, "release: no longer held");
	memset(&c, 0, sizeof(c));
	store_events_since(s, last, NULL, 10, collect_cb, &c);
	t_inteq(c.n, 2, "two events: the plain item and the released one");
	collect_free(&c);
	item_free(&it);
	sanctions_free(&sn);
}

/* A GUID names an item within its feed; distinct GUIDs are distinct items. */
static void
test_guid_scope(struct store *s)
{
	t_inteq(put(s, "ga", "1", "Alpha one", "https://a.org/1", NULL), 1,
	    "feed ga, GUID 1");
	t_inteq(put(s, "ga", "2", "Alpha two", "https://a.org/2", NULL), 1,
	    "feed ga, GUID 2");
	t_inteq(put(s, "gb", "1", "Beta one", "https://b.org/1", NULL), 1,
	    "GUID 1 in another feed, another story: new");
	t_inteq(put(s, "gb", "2", "Beta two", "https://b.org/2", NULL), 1,
	    "GUID 2 in another feed, another story: new");
	t_inteq(put(s, "gb", "1", "Beta one", "https://b.org/1", NULL), 0,
	    "feed gb's GUID 1 again: seen");
	t_inteq(put(s, "gc", "x1", "Same", "https://c.org/p", NULL), 1,
	    "one document: first GUID");
	t_inteq(put(s, "gc", "x2", "Same", "https://c.org/p", NULL), 1,
	    "one document: second GUID, same link and title: its own item");
	t_inteq(put(s, "gd", "zz", "Same", "https://c.org/p#x", NULL), 0,
	    "across feeds, same canonical link and title: the same story");
	t_inteq(put(s, "gd", "zz", "Same", "https://c.org/p", NULL), 0,
	    "and its GUID there is now a key");
	t_inteq(put(s, "gd", "zz2", "Same", "https://c.org/p", NULL), 1,
	    "that feed's next GUID with the same link and title: its own item");
	t_inteq(put(s, "ge", NULL, "Same", "https://c.org/p", NULL), 0,
	    "no GUID, same link and title as another feed's: the same story");
}

/* An item rewritten under its GUID: a revision when its class changes. */
static void
test_revision(struct store *s)
{
	struct sanctions	 ofac;
	struct collect		 c = { 0 };
	int64_t			 a = 0, b = 0, d = 0, seq = 0;
	json_t			*o;

	sanctions_init(&ofac);
	ofac.relevant = ofac.announcement = 1;
	ofac.action = ACTION_IMPOSE;
	strlist_add(&ofac.authorities, "US");
	strlist_add(&ofac.countries, "IR");
	strlist_add(&ofac.evidence, "OFAC designated 12 entities.");
	t_inteq(put_sn(s, "rv", "pr1", "Press release", "A statement.", NULL,
	    &a), 1, "revision: first version published");
	t_inteq(put_sn(s, "rv", "pr1", "Press release", "A statement.", NULL,
	    NULL), 0, "revision: unchanged, not again");
	t_inteq(put_sn(s, "rv", "pr1", "Press release", "A  statement. ",
	    NULL, NULL), 0, "revision: changed text, same class, not again");
	t_inteq(put_sn(s, "rv", "pr1", "Treasury designates 12 entities",
	    "OFAC designated 12 entities.", &ofac, &b), 1,
	    "revision: rewritten into a designation, published again");
	t_ok(b > a, "revision: its own new seq (%lld after %lld)",
	    (long long)b, (long long)a);
	store_events_since(s, b - 1, NULL, 10, collect_cb, &c);
	t_streq(c.n ? c.topic[0] : NULL, "sanctions.impose.US",
	    "revision: topic from the new classification");
	o = json_loads(c.n ? c.json[0] : "{}", 0, NULL);
	t_inteq(json_integer_value(json_object_get(json_object_get(o, "item"),
	    "revision")), 2, "revision: \"revision\": 2 in the item object");
	t_streq(json_string_value(json_object_get(json_object_get(o, "item"),
	    "id")), "pr1", "revision: the same item.id");
	json_decref(o);
	collect_free(&c);
	t_inteq(put_sn(s, "rv", "pr1", "Treasury designates 12 entities",
	    "OFAC designated 12 entities.", &ofac, NULL), 0,
	    "revision: the designation again, not again");
	t_inteq(put_sn(s, "rv", "pr1", "Press release", "A statement.", NULL,
	    NULL), 0, "revision: back to a version already published: not again");
	t_inteq(put_sn(s, "other", "pr1", "Press release", "Other feed's.",
	    &ofac, NULL), 1, "revision: GUID pr1 of another feed is its own item");
	strlist_add(&ofac.evidence, "It also designated 3 vessels.");
	t_inteq(put_sn(s, "rv", "pr1", "Treasury designates 12 entities",
	    "OFAC designated 12 entities and 3 vessels.", &ofac, &d), 1,
	    "revision: new announcement evidence, published again");
	store_events_since(s, d - 1, NULL, 10, collect_cb, &c);
	o = json_loads(c.n ? c.json[0] : "{}", 0, NULL);
	t_inteq(json_integer_value(json_object_get(json_object_get(o, "item"),
	    "revision")), 3, "revision: then 3");
	json_decref(o);
	collect_free(&c);
	ofac.announcement = 0;
	t_inteq(put_sn(s, "rv", "pr1", "Treasury designations analysed",
	    "What the 12 designations mean.", &ofac, &d), 1,
	    "revision: no longer an announcement, published again");
	store_events_since(s, d - 1, NULL, 10, collect_cb, &c);
	t_streq(c.n ? c.topic[0] : NULL, "background.impose.US",
	    "revision: then on the background topic of its new class");
	collect_free(&c);
	store_events_since(s, a - 1, NULL, 1, collect_cb, &c);
	o = json_loads(c.n ? c.json[0] : "{}", 0, NULL);
	t_ok(o != NULL && json_object_get(json_object_get(o, "item"),
	    "revision") == NULL, "revision: the first event has none");
	json_decref(o);
	collect_free(&c);
	(void)seq;
	sanctions_free(&ofac);
}

/*
 * A store written by schema version 1 (global GUID keys): after the
 * upgrade nothing it had seen is new, and GUIDs are per feed.
 */
static void
test_migration(void)
{
	struct feed_state	 fs;
	struct store	*s;
	char		*err = NULL, keep[256];

	snprintf(keep, sizeof(keep), "%s", path);
	snprintf(path, sizeof(path), "%s/v1.db", dir);
	sql("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE feeds (name TEXT PRIMARY KEY, url TEXT, etag TEXT,"
	    " last_modified TEXT, body_hash INTEGER, next_due INTEGER,"
	    " last_fetch INTEGER, last_ok INTEGER, interval INTEGER,"
	    " failures INTEGER, health INTEGER);"
	    "CREATE TABLE items (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL,"
	    " first_seen INTEGER NOT NULL, feed TEXT NOT NULL);"
	    "CREATE TABLE item_keys (key TEXT PRIMARY KEY, item INTEGER NOT NULL)"
	    " WITHOUT ROWID;"
	    "CREATE TABLE sightings (item INTEGER NOT NULL, feed TEXT NOT NULL,"
	    " PRIMARY KEY (item, feed)) WITHOUT ROWID;"
	    "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	    " topic TEXT NOT NULL, json TEXT NOT NULL);"
	    "PRAGMA user_version = 1;"
	    "INSERT INTO meta VALUES ('publisher', 'p1'), ('published_seq', 2);"
	    "INSERT INTO items VALUES (1, 1, 0, 'ma'), (2, 2, 0, 'ma');"
	    "INSERT INTO item_keys VALUES ('g:1', 1), ('g:2', 2);"
	    /* mb carried GUID 2 too: v1 took it for ma's item 2 */
	    "INSERT INTO sightings VALUES (2, 'mb');"
	    "INSERT INTO feeds (name, url, health) VALUES"
	    " ('ma', 'https://ma.org/feed', 1);"
	    "INSERT INTO events VALUES (1, 'news', '{\"seq\":1}'),"
	    " (2, 'news', '{\"seq\":2}');");
	s = store_open(path, &err);
	if (!t_ok(s != NULL, "version 1 store opened: %s", err ? err : "ok")) {
		free(err);
		snprintf(path, sizeof(path), "%s", keep);
		return;
	}
	t_inteq(count("PRAGMA user_version"), 6, "migrated to version 6");
	t_inteq(count("SELECT count(*) FROM articles"), 0,
	    "migrated: no item waits for its article");
	memset(&fs, 0, sizeof(fs));
	t_inteq(store_feed_load(s, "ma", &fs), 1, "migrated: feed state kept");
	t_inteq(fs.items_seen, 2, "migrated: items seen counted from its items");
	t_inteq(fs.gap, 0, "migrated: no gap learned yet");
	feed_state_free(&fs);
	t_inteq(count("SELECT count(*) FROM item_keys WHERE key LIKE 'g:%'"),
	    0, "no global GUID key left");
	t_inteq(put(s, "ma", "1", "One", "https://ma.org/1", NULL), 0,
	    "migrated: an item seen before is not new");
	t_inteq(put(s, "ma", "2", "Two", "https://ma.org/2", NULL), 0,
	    "migrated: nor the next");
	t_inteq(put(s, "mb", "2", "Two", "https://mb.org/2", NULL), 0,
	    "migrated: nor the other feed's sighting of it");
	t_inteq(put(s, "mb", "1", "Other", "https://mb.org/1", NULL), 1,
	    "migrated: GUID 1 in another feed is now another item");
	t_inteq(put_sn(s, "ma", "1", "One rewritten", "Changed", NULL, NULL), 0,
	    "migrated: a first rewrite is adopted, not published");
	t_inteq(store_last_seq(s), 3, "seq goes on after the migrated events");
	store_close(s);
	snprintf(path, sizeof(path), "%s", keep);
}

/*
 * Events stored before announcements had "sanctions." to themselves keep
 * the topic they were published under: replay filters on the stored topic
 * and returns the stored bytes, so an old background item still answers
 * "sanctions.", and a new one answers "background." only.
 */
static void
test_old_topics(void)
{
	static const char	*old = "{\"v\":1,\"seq\":1,\"type\":\"item\","
				    "\"sanctions\":{\"relevant\":true,"
				    "\"announcement\":false}}";
	struct feed_meta	 m = { "F", NULL, "u", -1 };
	struct sanctions	 sn;
	struct strlist		 topics;
	struct collect		 c = { 0 };
	struct store		*s;
	struct item		 it;
	char			*err = NULL, keep[256], *q;

	snprintf(keep, sizeof(keep), "%s", path);
	snprintf(path, sizeof(path), "%s/old-topics.db", dir);
	if ((s = store_open(path, &err)) != NULL)
		store_close(s);
	xasprintf(&q, "INSERT INTO events VALUES (1, 'sanctions.none.XX', "
	    "'%s'); UPDATE meta SET value = '1' WHERE key = 'published_seq';",
	    old);
	sql(q);
	free(q);
	s = store_open(path, &err);
	if (!t_ok(s != NULL, "old topics: store opened: %s",
	    err ? err : "ok")) {
		free(err);
		snprintf(path, sizeof(path), "%s", keep);
		return;
	}
	sanctions_init(&sn);
	sn.relevant = 1;
	mkitem(&it, "bg-new", "Analysis of sanctions", NULL);
	store_item(s, "f", &m, &it, &sn, NULL);
	item_free(&it);
	sanctions_free(&sn);
	strlist_init(&topics);
	strlist_add(&topics, "sanctions.");
	store_events_since(s, 0, &topics, 10, collect_cb, &c);
	t_ok(c.n == 1 && strcmp(c.topic[0], "sanctions.none.XX") == 0 &&
	    strcmp(c.json[0], old) == 0,
	    "old topics: an event stored under the old scheme keeps its topic "
	    "and bytes (%d)", c.n);
	collect_free(&c);
	strlist_free(&topics);
	strlist_add(&topics, "background.");
	store_events_since(s, 0, &topics, 10, collect_cb, &c);
	t_streq(c.n == 1 ? c.topic[0] : NULL, "background.none.XX",
	    "old topics: a new background item is on background. alone");
	collect_free(&c);
	strlist_free(&topics);
	store_close(s);
	snprintf(path, sizeof(path), "%s", keep);
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
	fs.due_why = DUE_RETRY_AFTER;
	fs.last_new = 1699990000;
	fs.gap = 7200;
	fs.items_seen = 42;
	fs.last_error = 1699999999;
	fs.error = "https://example.org/feed: HTTP status 503";
	t_inteq(store_feed_load(s, "ofac", &got), 0, "unknown feed: none");
	t_inteq(store_feed_save(s, "ofac", &fs), 0, "feed saved");
	t_inteq(store_feed_load(s, "ofac", &got), 1, "feed loaded");
	t_streq(got.url, fs.url, "feed url");
	t_streq(got.etag, fs.etag, "feed etag");
	t_streq(got.last_modified, NULL, "feed last-modified absent");
	t_ok(got.body_hash == fs.body_hash, "feed body hash, all 64 bits");
	t_inteq(got.failures, 3, "feed failures");
	t_inteq(got.health, FEED_FAILING, "feed health");
	t_inteq(got.due_why, DUE_RETRY_AFTER, "why the next poll is due");
	t_inteq(got.last_new, 1699990000, "last fetch with new items");
	t_inteq(got.gap, 7200, "the learned gap");
	t_inteq(got.items_seen, 42, "items seen");
	t_inteq(got.last_error, 1699999999, "last error time");
	t_streq(got.error, fs.error, "last error reason");
	feed_state_free(&got);

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
	int64_t			 before = store_last_seq(s);
	int			 i;

	sanctions_init(&sn);
	sn.relevant = sn.announcement = 1;
	sn.action = ACTION_LIFT;
	strlist_add(&sn.authorities, "EU");
	for (i = 0; i < 4; i++) {
		char	 id[16];

		/* The last one is coverage of a lifting, not an alert. */
		sn.announcement = i < 3;
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
	t_inteq(c.n, 4, "topic filter: 3 lift announcements and 1 feed event");
	t_streq(c.n ? c.topic[0] : NULL, "feed.failing", "in seq order");
	t_streq(c.n > 1 ? c.topic[1] : NULL, "sanctions.lift.EU",
	    "lift topic");
	collect_free(&c);
	strlist_free(&topics);
	strlist_add(&topics, "background.");
	store_events_since(s, before, &topics, 100, collect_cb, &c);
	t_inteq(c.n, 1, "topic filter: background. is the one that is not an "
	    "announcement");
	t_streq(c.n ? c.topic[0] : NULL, "background.lift.EU",
	    "background topic");
	collect_free(&c);
	strlist_free(&topics);
	strlist_add(&topics, "sanctions.lift.");
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

/*
 * Retention on a clock of our own (store_prune is given the time): an item
 * no polled feed carries goes after the window, with its keys; one in its
 * polled feed's last parse stays however old, and goes once a parse no
 * longer carries it; events go once published and older than the window.
 */
static void
test_retention(void)
{
	struct feed_state	 fs;
	struct store		*s;
	struct collect		 c = { 0 };
	char			 keep[sizeof(path)], *err = NULL;
	int64_t			 t = (int64_t)time(NULL), items, events;
	int64_t			 seq = 0, last = 0;

	snprintf(keep, sizeof(keep), "%s", path);
	snprintf(path, sizeof(path), "%s/retention.db", dir);
	if (!t_ok((s = store_open(path, &err)) != NULL, "opened: %s",
	    err ? err : "ok")) {
		free(err);
		snprintf(path, sizeof(path), "%s", keep);
		return;
	}
	memset(&fs, 0, sizeof(fs));
	fs.url = "https://kept.org/feed";
	fs.last_fetch = t + 1000;	/* polled throughout */
	store_feed_save(s, "kept", &fs);
	store_batch_begin(s);
	store_feed_parsed(s, "kept");
	put(s, "kept", "k1", "Kept", "https://kept.org/1", NULL);
	store_batch_commit(s);
	put(s, "gone", "g1", "Gone", "https://gone.org/1", &seq);
	store_mark_published(s, seq);
	t_inteq(store_prune(s, t + 5, 10, &items, &events), 0,
	    "within the window: no more to do");
	t_ok(items == 0 && events == 0, "within the window: nothing pruned");
	store_prune(s, t + 100, 10, &items, &events);
	t_inteq(items, 1, "the item no polled feed carries is pruned");
	t_inteq(count("SELECT count(*) FROM item_keys WHERE item NOT IN"
	    " (SELECT id FROM items)"), 0, "with every key of it");
	t_inteq(events, 2, "the published events older than the window go");
	t_inteq(store_pruned_seq(s), seq, "pruned_seq: the last deleted");
	store_counts(s, &items, &events);
	t_ok(items == 1 && events == 0, "counts follow (%lld items, %lld "
	    "events)", (long long)items, (long long)events);
	t_inteq(store_events_scan(s, 0, NULL, 10, collect_cb, &c, &last), 0,
	    "replay from 0: nothing left");
	collect_free(&c);
	t_inteq(put(s, "kept", "k1", "Kept", "https://kept.org/1", NULL), 0,
	    "an item still in its feed is not new, however old");
	t_inteq(put(s, "gone", "g1", "Gone", "https://gone.org/1", &seq), 1,
	    "the pruned item is new again");
	store_prune(s, t + 400, 10, &items, &events);
	t_inteq(events, 0, "an event not yet published is never pruned");
	t_inteq(items, 1, "its item goes (no polled feed carries it)");
	/* A later parse of "kept" without k1. */
	store_batch_begin(s);
	store_feed_parsed(s, "kept");
	store_batch_commit(s);
	sql("UPDATE parses SET at = at + 1");
	store_prune(s, t + 500, 10, &items, &events);
	t_inteq(items, 1, "gone from its feed's last parse: pruned too");
	store_counts(s, &items, &events);
	t_ok(items == 0 && events == 1, "counts follow (%lld items, %lld "
	    "events)", (long long)items, (long long)events);
	store_close(s);
	snprintf(path, sizeof(path), "%s", keep);
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
	t_inteq(store_errors(s), 1, "the store error is counted");
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

/*
 * A group (store_group_begin): each batch a part of one transaction.  A
 * batch's commit is not the group's: its events are neither committed
 * nor published until the group is; a batch's rollback undoes its part
 * alone, its seqs given out again; a failed group commit loses them all.
 */
static void
test_group(void)
{
	struct store	*s;
	struct collect	 c = { 0 };
	int64_t		 last, a = 0, b = 0;
	char		*err = NULL;

	sql("CREATE TRIGGER poison BEFORE INSERT ON events"
	    " WHEN NEW.json LIKE '%Poison%'"
	    " BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
	s = store_open(path, &err);
	last = store_last_seq(s);
	store_mark_published(s, last);
	t_inteq(store_group_begin(s), 1, "group opened");
	t_inteq(store_batch_begin(s), 0, "first batch of the group");
	t_inteq(put(s, "g1", "a", "Group A", NULL, &a), 1, "item a");
	t_inteq(store_batch_commit(s), 0, "first batch ends");
	t_inteq(store_last_seq(s), last, "a batch's end commits nothing");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 0, "nothing to publish before the group's commit");
	collect_free(&c);
	t_inteq(store_batch_begin(s), 0, "second batch");
	t_inteq(put(s, "g2", "x", "Poison", NULL, NULL), -1, "refused write");
	store_batch_rollback(s);
	t_inteq(store_batch_begin(s), 0, "third batch");
	t_inteq(put(s, "g3", "b", "Group B", NULL, &b), 1, "item b");
	t_inteq(store_batch_commit(s), 0, "third batch ends");
	t_inteq(store_group_commit(s), 0, "group committed");
	t_ok(a == last + 1 && b == last + 2, "the rolled-back batch's seq is "
	    "given out again: %lld %lld", (long long)a, (long long)b);
	t_inteq(store_last_seq(s), last + 2, "the group's events committed");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 2, "and published after the group's commit");
	collect_free(&c);
	store_mark_published(s, last + 2);
	t_inteq(put(s, "g1", "a", "Group A", NULL, NULL), 0, "a is kept");
	store_close(s);
	s = store_open(path, &err);
	t_inteq(put(s, "g2", "x", "Fine now", NULL, NULL), 1,
	    "the rolled-back batch's item is new");
	store_close(s);

	/* A group whose commit fails loses every batch in it. */
	sql("DROP TRIGGER poison;"
	    "CREATE TRIGGER late AFTER INSERT ON events"
	    " BEGIN INSERT INTO child VALUES (999); END;");
	s = store_open(path, &err);
	last = store_last_seq(s);
	store_mark_published(s, last);
	store_group_begin(s);
	store_batch_begin(s);
	t_inteq(put(s, "g4", "c", "Group C", NULL, NULL), 1, "item c");
	store_batch_commit(s);
	store_batch_begin(s);
	t_inteq(put(s, "g5", "d", "Group D", NULL, NULL), 1, "item d");
	store_batch_commit(s);
	t_inteq(store_group_commit(s), -1, "failing group commit reported");
	t_inteq(store_last_seq(s), last, "failed group: last seq unchanged");
	store_unpublished(s, collect_cb, &c);
	t_inteq(c.n, 0, "failed group: nothing to publish");
	collect_free(&c);
	store_close(s);
	sql("DROP TRIGGER late;");
	s = store_open(path, &err);
	t_inteq(put(s, "g4", "c", "Group C", NULL, NULL), 1, "c is new again");
	t_inteq(put(s, "g5", "d", "Group D", NULL, NULL), 1, "d is new again");
	store_close(s);
}

/*
 * The daemon's checkpoints on a thread of their own: a WAL taken well past
 * the 1000 pages that wake it, a batch at a time as a burst's groups do,
 * loses nothing, and the close still checkpoints and removes the WAL.
 */
static void
test_bg_checkpoints(void)
{
	struct store	*s;
	struct stat	 sb;
	char		 p[300], wal[310], id[32], *err = NULL;
	int64_t		 items0 = 0, events0 = 0, items = 0, events = 0;
	int		 i, b, ok = 1;

	snprintf(p, sizeof(p), "%s/ckpt.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", p);
	s = store_open(p, &err);
	t_inteq(store_bg_checkpoints(s), 0, "checkpoint thread started");
	t_inteq(store_bg_checkpoints(s), 0, "a second ask changes nothing");
	store_counts(s, &items0, &events0);
	for (b = 0; b < 60; b++) {
		store_batch_begin(s);
		for (i = 0; i < 50; i++) {
			snprintf(id, sizeof(id), "c%d-%d", b, i);
			if (put(s, "ckpt", id, id, NULL, NULL) != 1)
				ok = 0;
		}
		if (store_batch_commit(s) == -1)
			ok = 0;
	}
	t_ok(ok, "3000 items stored in 60 batches meanwhile");
	store_close(s);
	t_ok(stat(wal, &sb) == -1, "the close checkpointed and removed the WAL");
	s = store_open(p, &err);
	store_counts(s, &items, &events);
	t_inteq(items - items0, 3000, "every item is there after a reopen");
	t_inteq(events - events0, 3000, "and every event");
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
	test_guid_scope(s);
	test_revision(s);
	test_feed_state(s);
	test_replay_query(s);
	test_hold(s);
	store_close(s);
	test_outbox();
	test_crash_jump();
	test_retention();
	test_rollback();
	test_group();
	test_bg_checkpoints();
	test_migration();
	test_old_topics();
	test_open_errors();
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	if (system(rm) != 0)
		return 1;
	return t_done();
}
