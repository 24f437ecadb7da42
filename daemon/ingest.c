/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ingest.c: what a fetched item is to the store, whichever engine keeps
 * it: new (an item and its event), a revision of one (an event), one more
 * feed's sighting of a known story (no event), or nothing.  The engines
 * (store_sqlite.c, store_pg.c) only find and add rows, through s->ops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

/*
 * The keys an item is known by.  Its GUID names it within its feed only
 * ("f:FEED\nGUID"): another feed's GUID 1 is another story.  Across feeds
 * an item is the same story when its canonical link and title agree
 * ("l:"), or, without a usable link, its title and text ("h:"); a link
 * equal to the feed's own home page is no key.  "v:ITEM HASH" keys name
 * the versions of an item's text whose classification was published.
 */
struct item_keys {
	const char	*id;		/* the GUID itself, or NULL */
	char		*guid;
	char		*link;
	char		*hash;
	char		 text[17];	/* title, summary, content */
	char		 class[17];	/* class_fingerprint() */
	int		 weak_found;	/* keys_find() saw link or hash */
};

/*
 * The canonical home page of the feed whose items are stored: the same
 * for every item of a fetch, and curl's URL parse is dear (5% of a cold
 * cycle when made for each item).  NULL for none.
 */
static const char *
home_link(const char *link)
{
	static char	*from, *canon;

	if (link == NULL)
		return NULL;
	if (from == NULL || strcmp(from, link) != 0) {
		free(from);
		free(canon);
		from = xstrdup(link);
		canon = canonical_link(link);
	}
	return canon;
}

static void
keys_make(struct item_keys *k, const char *feed, const struct feed_meta *m,
    const struct item *it, const struct sanctions *sn)
{
	struct item	 t;
	const char	*home;
	char		*canon, th[17];

	memset(k, 0, sizeof(*k));
	if (it->id != NULL && *it->id != '\0') {
		k->id = it->id;
		xasprintf(&k->guid, "f:%s\n%s", feed, it->id);
	}
	content_hash(it, k->text, sizeof(k->text));
	class_fingerprint(sn, k->class, sizeof(k->class));
	canon = canonical_link(it->link);
	home = home_link(m != NULL ? m->link : NULL);
	if (canon != NULL && (home == NULL || strcmp(canon, home) != 0)) {
		item_init(&t);
		t.title = it->title;
		content_hash(&t, th, sizeof(th));
		xasprintf(&k->link, "l:%s %s", canon, th);
	}
	free(canon);
	/* Without a link, the text is all that is left to go by. */
	if (k->link == NULL)
		xasprintf(&k->hash, "h:%s", k->text);
}

static void
keys_free(struct item_keys *k)
{
	free(k->guid);
	free(k->link);
	free(k->hash);
}

void
item_row_free(struct item_row *r)
{
	free(r->feed);
	free(r->guid);
	free(r->class);
}

/*
 * 1 when the item already has a GUID in feed and it is not guid: then it
 * is another item, whatever its link and title say.  0 if not, -1 error.
 */
static int
other_guid(struct store *s, int64_t id, const char *feed, const char *guid)
{
	struct item_row	 r;
	char		*g = NULL;
	int		 rv = 0;

	if (s->ops->item_get(s, id, &r) == -1)
		return -1;
	if (strcmp(r.feed, feed) == 0)
		rv = r.guid != NULL && strcmp(r.guid, guid) != 0;
	else if ((rv = s->ops->sight_guid(s, id, feed, &g)) == 1)
		rv = g != NULL && strcmp(g, guid) != 0;
	free(g);
	item_row_free(&r);
	return rv;
}

/*
 * The item these keys name: > 0 found (*by_guid: by this feed's GUID),
 * 0 new, -1 error.
 */
static int64_t
keys_find(struct store *s, struct item_keys *k, const char *feed,
    int *by_guid)
{
	const char	*weak;
	int64_t		 id;
	int		 r;

	*by_guid = 0;
	if (k->guid != NULL && (id = s->ops->key_find(s, k->guid)) != 0) {
		*by_guid = id > 0;
		return id;
	}
	weak = k->link != NULL ? k->link : k->hash;
	if ((id = s->ops->key_find(s, weak)) <= 0 || k->guid == NULL)
		return id;
	k->weak_found = 1;
	if ((r = other_guid(s, id, feed, k->id)) == -1)
		return -1;
	if (r == 1) {
		log_debug("feed %s: GUID %s: same %s as another item of the "
		    "feed, but its own item", feed, k->id,
		    k->link != NULL ? "link and title" : "text");
		return 0;
	}
	return id;
}

/*
 * Adds the keys that are not there yet: 1 when every key keys_find() did
 * not see was added now, 0 when one of them was there after all (another
 * node committed it meanwhile), -1 on error.
 */
static int
keys_add(struct store *s, const struct item_keys *k, int64_t item)
{
	const char	*v[3] = { k->guid, k->link, k->hash };
	int		 i, r, rv = 1;

	for (i = 0; i < 3; i++) {
		if (v[i] == NULL)
			continue;
		if ((r = s->ops->key_add(s, v[i], item)) == -1)
			return -1;
		if (r == 0 && (i == 0 || !k->weak_found))
			rv = 0;
	}
	return rv;
}

/*
 * This version of the item's text: 1 known before, 0 now added, -1 error.
 * A new item's id is fresh, so its first version cannot be known: new
 * skips the look-up (15,000 statements of bench_daemon's cold cycle).
 */
static int
version_add(struct store *s, int64_t item, const struct item_keys *k,
    int new)
{
	char	*key;
	int64_t	 id = 0;
	int	 rv;

	xasprintf(&key, "v:%lld %s", (long long)item, k->text);
	if (new || (id = s->ops->key_find(s, key)) == 0)
		rv = s->ops->key_add(s, key, item) == -1 ? -1 : 0;
	else
		rv = id > 0 ? 1 : -1;
	free(key);
	return rv;
}

/* The item's event, revision 1 or later, under seq; 0 or -1. */
static int
event_store(struct store *s, int64_t seq, const char *feed,
    const struct feed_meta *m, const struct item *it,
    const struct sanctions *sn, int64_t revision, int64_t *seqp)
{
	char	*topic, *text;
	int	 rv;

	topic = event_topic(sn);
	/* Written once, straight to text: the row and the frame alike. */
	text = event_item_text(s->publisher, seq, feed, m, it, sn, revision);
	rv = s->ops->event_add(s, seq, topic, text);
	free(topic);
	free(text);
	if (rv == -1)
		return -1;
	if (seqp != NULL)
		*seqp = seq;
	return 0;
}

/*
 * An item its feed carries again under the same GUID.  It is published
 * again, as revision N, only when its classification changed with its
 * text: not for a new updated date or white space, not when a new
 * classifier reads the old text otherwise, and not for a version of the
 * text seen before (a feed flipping between two stories under one GUID).
 * Returns 1 when a revision was stored, 0 when not, -1 on error.
 */
static int
item_revise(struct store *s, const struct item_row *r,
    const struct item_keys *k, const char *feed, const struct feed_meta *m,
    const struct item *it, const struct sanctions *sn, int64_t *seqp)
{
	int64_t	 seq;
	int	 v;

	if (r->class != NULL && strcmp(r->class, k->class) == 0)
		return 0;
	if ((v = version_add(s, r->id, k, 0)) != 0)
		return v == 1 ? 0 : -1;
	/* Stored before fingerprints were kept: what it says now is known. */
	if (r->class == NULL)
		return s->ops->item_set(s, r->id, k->class, r->revision, k->id);
	if ((seq = s->ops->next_seq(s)) == -1 ||
	    s->ops->item_set(s, r->id, k->class, r->revision + 1,
	    k->id) == -1 ||
	    event_store(s, seq, feed, m, it, sn, r->revision + 1, seqp) == -1)
		return -1;
	/* Cluster mode stamps the seq at commit. */
	if (seq > 0)
		log_info("feed %s: item %s rewritten: revision %lld, seq %lld",
		    feed, k->id, (long long)r->revision + 1, (long long)seq);
	else
		log_info("feed %s: item %s rewritten: revision %lld", feed,
		    k->id, (long long)r->revision + 1);
	return 1;
}

/* 1 when the item waits for its article, 0 when not, -1 on error. */
static int
hold_has(struct store *s, int64_t id)
{
	if (s->ops->hold_has == NULL)
		return 0;
	return s->ops->hold_has(s, id);
}

static int
item_seen(struct store *s, int64_t id, const struct item_keys *k,
    int by_guid, const char *feed, const struct feed_meta *m,
    const struct item *it, const struct sanctions *sn, int64_t *seqp)
{
	struct item_row	 r;
	int		 rv;

	if (keys_add(s, k, id) == -1 || s->ops->item_get(s, id, &r) == -1)
		return -1;
	if (strcmp(r.feed, feed) != 0)
		rv = s->ops->sight_add(s, id, feed, k->id);
	else if (by_guid && (rv = hold_has(s, id)) != 0)
		rv = rv == 1 ? 0 : -1;	/* its first event is still to come */
	else if (by_guid)
		rv = item_revise(s, &r, k, feed, m, it, sn, seqp);
	else
		rv = 0;
	/* Still carried: retention keeps it (and its keys). */
	if (rv != -1 && s->ops->seen != NULL && s->ops->seen(s, id,
	    strcmp(r.feed, feed) == 0 ? NULL : feed) == -1)
		rv = -1;
	item_row_free(&r);
	return rv;
}

static int
item_new(struct store *s, const struct item_keys *k, const char *feed,
    const struct feed_meta *m, const struct item *it,
    const struct sanctions *sn, int64_t *seqp)
{
	int64_t		 seq, item;
	int		 rv;

	if ((seq = s->ops->next_seq(s)) == -1)
		return -1;
	/* A held item gets its seq with its event (store_item_release). */
	if (s->ops->item_add(s, s->hold != NULL ? 0 : seq, feed, k->id,
	    k->class, &item) == -1)
		return -1;
	if ((rv = keys_add(s, k, item)) == -1 ||
	    version_add(s, item, k, 1) == -1)
		return -1;
	if (rv == 1 && s->hold != NULL) {
		if (s->ops->hold_add(s, item, feed, s->hold) == -1)
			return -1;
		s->held = item;
		return 2;
	}
	if (rv == 1 && event_store(s, seq, feed, m, it, sn, 1, seqp) == -1)
		return -1;
	/*
	 * Its first key was added meanwhile by another node's commit (the
	 * engine waited for it): the item is not new.  The batch is undone
	 * and the next fetch finds it seen.
	 */
	if (rv == 0) {
		log_warnx("feed %s: item %s was stored meanwhile by another "
		    "node; the batch is retried", feed,
		    k->id != NULL ? k->id : "(no GUID)");
		return -1;
	}
	return 1;
}

/*
 * Run one write inside the open batch, or in a transaction of its own when
 * none is open.  Inside a batch, a failure leaves the batch to the caller,
 * who must roll it back.
 */
static int
autocommit_end(struct store *s, int own, int rv)
{
	if (!own)
		return rv;
	if (rv == -1) {
		store_batch_rollback(s);
		return -1;
	}
	if (store_batch_commit(s) == -1)
		return -1;
	return rv;
}

/* The batch's errors (its commit's too) name this feed. */
static void
batch_feed(struct store *s, const char *feed)
{
	if (s->batch_feed != NULL && strcmp(s->batch_feed, feed) == 0)
		return;
	free(s->batch_feed);
	s->batch_feed = xstrdup(feed);
}

/*
 * Writes for feed begin: inside the open batch, or in a transaction of
 * their own (*own set) that autocommit_end() finishes.
 */
static int
autocommit_begin(struct store *s, const char *feed, int *own)
{
	s->feed = feed;
	*own = 0;
	if (!s->inbatch) {
		if (store_batch_begin(s) == -1) {
			s->feed = NULL;
			return -1;
		}
		*own = 1;
	}
	batch_feed(s, feed);
	return 0;
}

/*
 * 1 new, or a new revision (its event stored, *seq set), 0 seen before,
 * -1 error.
 */
int
store_item(struct store *s, const char *feed, const struct feed_meta *m,
    const struct item *it, const struct sanctions *sn, int64_t *seqp)
{
	struct item_keys	 k;
	int64_t			 id;
	int			 own = 0, by_guid, rv;

	if (it == NULL)
		return 0;
	if (autocommit_begin(s, feed, &own) == -1)
		return -1;
	keys_make(&k, feed, m, it, sn);
	if ((id = keys_find(s, &k, feed, &by_guid)) == -1)
		rv = -1;
	else if (id > 0)
		rv = item_seen(s, id, &k, by_guid, feed, m, it, sn, seqp);
	else
		rv = item_new(s, &k, feed, m, it, sn, seqp);
	keys_free(&k);
	rv = autocommit_end(s, own, rv);
	s->feed = NULL;
	return rv;
}

/*
 * A feed's health changed to state ("ok", "failing", "gone", ...).  The
 * caller gives the URL: a new feed's state may not be saved yet.
 */
int
store_feed_event(struct store *s, const char *feed, const char *url,
    const char *state, const char *message, int64_t *seqp)
{
	json_t	*o;
	char	*topic, *text;
	int64_t	 seq;
	int	 own = 0, rv;

	if (autocommit_begin(s, feed, &own) == -1)
		return -1;
	if ((seq = s->ops->next_seq(s)) == -1) {
		rv = autocommit_end(s, own, -1);
		s->feed = NULL;
		return rv;
	}
	o = event_feed_json(s->publisher, seq, feed, url, state, message);
	text = json_line(o);
	json_decref(o);
	xasprintf(&topic, "feed.%s", state);
	rv = s->ops->event_add(s, seq, topic, text);
	free(topic);
	free(text);
	if (rv == 0 && seqp != NULL)
		*seqp = seq;
	rv = autocommit_end(s, own, rv);
	s->feed = NULL;
	return rv;
}

/*
 * store_item(), except that a new item is held for its article: stored and
 * known, with pending (the JSON to finish it with) instead of its event.
 * Returns 2 when held (*id set), else as store_item().  An engine that
 * cannot hold (cluster mode) stores the item's event now.
 */
int
store_item_hold(struct store *s, const char *feed, const struct feed_meta *m,
    const struct item *it, const struct sanctions *sn, const char *pending,
    int64_t *id, int64_t *seqp)
{
	int	 rv;

	s->hold = s->ops->hold_add != NULL ? pending : NULL;
	s->held = 0;
	rv = store_item(s, feed, m, it, sn, seqp);
	s->hold = NULL;
	*id = s->held;
	return rv;
}

/*
 * A held item's article is in (or given up on): its event, under the next
 * seq, in the transaction that ends the hold, so it is written once.
 * Returns 1 when the event was stored, 0 when the item was not held (any
 * more), -1 on error.
 */
int
store_item_release(struct store *s, int64_t id, const char *feed,
    const struct feed_meta *m, const struct item *it,
    const struct sanctions *sn, int64_t *seqp)
{
	int64_t	 seq;
	int	 own = 0, rv;

	if (s->ops->hold_del == NULL)
		return 0;
	if (autocommit_begin(s, feed, &own) == -1)
		return -1;
	if ((rv = s->ops->hold_del(s, id)) == 1) {
		if ((seq = s->ops->next_seq(s)) == -1 ||
		    s->ops->item_seq(s, id, seq) == -1 ||
		    event_store(s, seq, feed, m, it, sn, 1, seqp) == -1)
			rv = -1;
	}
	rv = autocommit_end(s, own, rv);
	s->feed = NULL;
	return rv;
}
