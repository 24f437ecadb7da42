/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * artwait.c: items waiting for their article (SPEC "Articles").
 *
 * A new item that wants its article is stored first, held (store.c keeps
 * it, with this file's JSON of it, in the articles table) and not
 * published.  Its page is fetched through the engine like a feed (same
 * guard, caps, proxy and per-host politeness).  When the page is in, or
 * has failed, or article_wait is over, the item is classified once, on
 * title + feed text + article text, and its event is written in the
 * transaction that ends the hold: it gets the next seq then, and goes out
 * through the outbox in seq order like every other event.  A crash leaves
 * the hold in the store; the next start fetches again, within
 * article_wait.  Nothing is published twice: the event is written by the
 * release that deletes the hold, or not at all.
 */
#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <jansson.h>

#include "daemon.h"

/*
 * "flagged": feed text under ARTICLE_SHORT bytes, and the classifier's
 * gates do not rule the item out: a core sanctions phrase in its text
 * (classify_candidate() >= CANDIDATE_CORE), whatever the model then says.
 * Measured on the labelled real sets (tests/eval/article_flag.py 500:
 * 232,590 items, 207,796 of them with under 500 bytes of text, 1,359
 * relevant and 676 announcements among those): it flags 96.8% of the
 * short relevant items and 95.6% of the short announcements, and fetches
 * 1,880 pages, 0.81% of all items.  Stricter gates cost recall for little
 * (statecraft: 94.6% / 93.8%, 0.71%; relevant alone: 92.8% / 91.9%,
 * 0.51%); the quick look's word alone fetches three times as many pages
 * (2.39%) for 0.3 points more.  Pooling labelled only items with a
 * sanctions word, so these recalls are of those.
 */
#define ARTICLE_SHORT	500
/* An article's text in the event: as much as the classifier reads. */
#define ARTICLE_TEXT_MAX	(256 * 1024)

struct artwait {
	struct sanctiond	*sd;
	int64_t			 id;		/* the held item */
	char			*feed;
	struct feed_meta	 meta;
	struct item		 item;
	struct fetch_page	*page;		/* while fetching */
	struct event		*timer;		/* article_wait */
	int			 started;	/* committed: may fetch */
	TAILQ_ENTRY(artwait)	 entry;
};

TAILQ_HEAD(artwait_list, artwait);

static size_t
text_len(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

int
article_wanted(const struct sanctiond *sd, const struct feed_conf *fc,
    const struct item *it, const struct sanctions *sn)
{
	size_t	 n;

	if (it->link == NULL || (strncmp(it->link, "http://", 7) != 0 &&
	    strncmp(it->link, "https://", 8) != 0))
		return 0;
	switch (fc->fetch_article) {
	case ARTICLE_NO:
		return 0;
	case ARTICLE_YES:
		return 1;
	default:
		break;
	}
	n = text_len(it->summary);
	if (text_len(it->content) > n)
		n = text_len(it->content);
	if (n >= ARTICLE_SHORT || sd->cls == NULL)
		return 0;
	return sn->relevant ||
	    classify_candidate(sd->cls, it) >= CANDIDATE_CORE;
}

/* What finishing a held item needs, as the store keeps it. */
static void
jset(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

static const char *
jget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static char *
jdup(json_t *o, const char *key)
{
	const char	*v = jget(o, key);

	return v != NULL ? xstrdup(v) : NULL;
}

char *
article_pending_json(const struct feed_meta *m, const struct item *it)
{
	json_t	*o, *a, *e;
	char	*s;
	size_t	 i;

	o = json_object();
	jset(o, "feed_title", m != NULL ? m->title : NULL);
	jset(o, "feed_link", m != NULL ? m->link : NULL);
	jset(o, "feed_url", m != NULL ? m->url : NULL);
	jset(o, "id", it->id);
	jset(o, "title", it->title);
	jset(o, "link", it->link);
	jset(o, "author", it->author);
	jset(o, "summary", it->summary);
	jset(o, "content", it->content);
	json_object_set_new(o, "published", json_integer(it->published));
	json_object_set_new(o, "updated", json_integer(it->updated));
	a = json_array();
	for (i = 0; i < it->categories.n; i++)
		json_array_append_new(a, json_string(it->categories.v[i]));
	json_object_set_new(o, "categories", a);
	a = json_array();
	for (i = 0; i < it->nenclosures; i++) {
		e = json_object();
		jset(e, "url", it->enclosures[i].url);
		jset(e, "type", it->enclosures[i].type);
		json_object_set_new(e, "length",
		    json_integer(it->enclosures[i].length));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "enclosures", a);
	s = json_line(o);
	json_decref(o);
	return s;
}

static int
pending_parse(const char *s, struct feed_meta *m, struct item *it)
{
	json_t		*o, *a, *e;
	size_t		 i;

	memset(m, 0, sizeof(*m));
	m->ttl = -1;
	item_init(it);
	if (s == NULL || (o = json_loads(s, 0, NULL)) == NULL)
		return -1;
	m->title = jdup(o, "feed_title");
	m->link = jdup(o, "feed_link");
	m->url = jdup(o, "feed_url");
	it->id = jdup(o, "id");
	it->title = jdup(o, "title");
	it->link = jdup(o, "link");
	it->author = jdup(o, "author");
	it->summary = jdup(o, "summary");
	it->content = jdup(o, "content");
	it->published = json_integer_value(json_object_get(o, "published"));
	it->updated = json_integer_value(json_object_get(o, "updated"));
	a = json_object_get(o, "categories");
	for (i = 0; i < json_array_size(a); i++)
		if (json_string_value(json_array_get(a, i)) != NULL)
			strlist_add(&it->categories,
			    json_string_value(json_array_get(a, i)));
	a = json_object_get(o, "enclosures");
	if (json_array_size(a) > 0) {
		it->enclosures = xcalloc(json_array_size(a),
		    sizeof(*it->enclosures));
		for (i = 0; i < json_array_size(a); i++) {
			e = json_array_get(a, i);
			it->enclosures[i].url = jdup(e, "url");
			it->enclosures[i].type = jdup(e, "type");
			it->enclosures[i].length = json_integer_value(
			    json_object_get(e, "length"));
		}
		it->nenclosures = json_array_size(a);
	}
	json_decref(o);
	return 0;
}

static void
meta_copy(struct feed_meta *dst, const struct feed_meta *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->ttl = -1;
	if (src == NULL)
		return;
	dst->title = src->title != NULL ? xstrdup(src->title) : NULL;
	dst->link = src->link != NULL ? xstrdup(src->link) : NULL;
	dst->url = src->url != NULL ? xstrdup(src->url) : NULL;
	dst->ttl = src->ttl;
}

static void
meta_free(struct feed_meta *m)
{
	free(m->title);
	free(m->link);
	free(m->url);
}

/* Cut s to at most max bytes, on a UTF-8 character boundary. */
static void
text_cut(char *s, size_t max)
{
	size_t	 n = strlen(s);

	if (n <= max)
		return;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
}

static struct artwait_list *
list(struct sanctiond *sd)
{
	if (sd->articles == NULL) {
		sd->articles = xcalloc(1, sizeof(*sd->articles));
		TAILQ_INIT(sd->articles);
	}
	return sd->articles;
}

static void
aw_free(struct artwait *aw)
{
	struct sanctiond	*sd = aw->sd;

	if (aw->page != NULL && sd->engine != NULL)
		engine_cancel_page(sd->engine, aw->page);
	if (aw->timer != NULL)
		event_free(aw->timer);
	TAILQ_REMOVE(sd->articles, aw, entry);
	free(aw->feed);
	meta_free(&aw->meta);
	item_free(&aw->item);
	free(aw);
}

/*
 * Classify once on the whole text, write the event as the hold ends, and
 * publish.  text is the article's, or NULL.
 */
static void
aw_finish(struct artwait *aw, const char *status, const char *url,
    const char *text)
{
	struct sanctiond	*sd = aw->sd;
	struct item		*it = &aw->item, c;
	struct sanctions	 sn;
	struct buf		 b;
	int64_t			 seq = 0;
	int			 rv;

	it->article_status = xstrdup(status);
	metrics_article(status);
	it->article_url = xstrdup(url != NULL ? url : it->link);
	it->article_text = xstrdup(text != NULL ? text : "");
	text_cut(it->article_text, ARTICLE_TEXT_MAX);
	text = text != NULL ? it->article_text : NULL;
	/* The feed's text, then the article's: one text to classify. */
	c = *it;
	buf_init(&b);
	if (it->content != NULL) {
		buf_adds(&b, it->content);
		buf_adds(&b, "\n\n");
	}
	if (text != NULL)
		buf_adds(&b, text);
	c.content = b.len > 0 ? b.d : NULL;
	classify(daemon_classifier(sd), &c, &sn);
	buf_free(&b);
	rv = store_item_release(sd->store, aw->id, aw->feed, &aw->meta, it,
	    &sn, &seq);
	if (rv == 1)
		log_info("feed %s: new item, seq %lld, %s (article %s): %s",
		    aw->feed, (long long)seq, sn.relevant ?
		    action_name(sn.action) : "news", status,
		    it->title ? it->title : "(untitled)");
	else if (rv == -1)
		log_warnx("feed %s: %s: the item waiting for its article was "
		    "not stored; it is finished at the next start", aw->feed,
		    it->link);
	sanctions_free(&sn);
	aw_free(aw);
	outbox_flush(sd->store, sd->pub);
	artwait_settled(sd);
}

static void
page_done(const struct page_report *pr, void *arg)
{
	struct artwait	*aw = arg;
	struct article	 a;
	int		 rv;

	aw->page = NULL;	/* the engine frees it */
	if (pr->status != FETCH_OK) {
		log_warnx("feed %s: article not fetched: %s", aw->feed,
		    pr->message);
		aw_finish(aw, "failed", pr->url, NULL);
		return;
	}
	rv = article_extract(pr->body, pr->len, pr->url, &a);
	if (rv == 0)
		aw_finish(aw, "ok", a.url != NULL ? a.url : pr->url, a.text);
	else {
		log_info("feed %s: %s: %s", aw->feed, pr->url, rv == 1 ?
		    "not an article" : "unreadable page");
		aw_finish(aw, rv == 1 ? "not_article" : "failed", pr->url,
		    NULL);
	}
	article_clear(&a);
}

static void
wait_over(evutil_socket_t fd, short what, void *arg)
{
	struct artwait	*aw = arg;

	(void)fd;
	(void)what;
	log_info("feed %s: %s: no article after %llds; published as the "
	    "feed gave it", aw->feed, aw->item.link,
	    (long long)aw->sd->conf->article_wait);
	aw_finish(aw, "timeout", NULL, NULL);
}

/* The feed's way to the network, or none when it is no longer configured. */
static void
aw_start(struct artwait *aw)
{
	struct sanctiond	*sd = aw->sd;
	const struct feed_conf	*fc;
	struct feed_conf	 none;
	struct timeval		 tv = { 0, 0 };

	/* Stopping: it stays held, for the next start. */
	if (sd->stopping) {
		aw_free(aw);
		return;
	}
	tv.tv_sec = (time_t)sd->conf->article_wait;
	aw->started = 1;
	aw->timer = evtimer_new(sd->base, wait_over, aw);
	evtimer_add(aw->timer, &tv);
	if ((fc = config_feed(sd->conf, aw->feed)) == NULL) {
		memset(&none, 0, sizeof(none));
		none.name = aw->feed;
		fc = &none;
	}
	aw->page = engine_fetch_page(sd->engine, fc, aw->item.link,
	    page_done, aw);
}

static struct artwait *
aw_new(struct sanctiond *sd, int64_t id, const char *feed)
{
	struct artwait	*aw;

	aw = xcalloc(1, sizeof(*aw));
	aw->sd = sd;
	aw->id = id;
	aw->feed = xstrdup(feed);
	TAILQ_INSERT_TAIL(list(sd), aw, entry);
	return aw;
}

/* A held item of the open batch; its page is asked for after the commit. */
void
artwait_add(struct sanctiond *sd, int64_t id, const char *feed,
    const struct feed_meta *m, const struct item *it)
{
	struct artwait	*aw;

	aw = aw_new(sd, id, feed);
	meta_copy(&aw->meta, m);
	item_copy(&aw->item, it);
}

/* The batch is committed (ok) or rolled back: its held items go or vanish. */
void
artwait_batch_end(struct sanctiond *sd, int ok)
{
	struct artwait	*aw, *next;

	if (sd->articles == NULL)
		return;
	for (aw = TAILQ_FIRST(sd->articles); aw != NULL; aw = next) {
		next = TAILQ_NEXT(aw, entry);
		if (aw->started)
			continue;
		if (ok)
			aw_start(aw);
		else
			aw_free(aw);
	}
}

struct resume {
	struct sanctiond	*sd;
	size_t			 n;
};

static int
resume_one(int64_t id, const char *feed, int64_t since, const char *json,
    void *arg)
{
	struct resume	*r = arg;
	struct artwait	*aw;

	(void)since;
	/* Cluster mode asks again at each takeover: one wait per item. */
	TAILQ_FOREACH(aw, list(r->sd), entry)
		if (aw->id == id)
			return 0;
	aw = aw_new(r->sd, id, feed != NULL ? feed : "");
	if (pending_parse(json, &aw->meta, &aw->item) == -1 ||
	    aw->item.link == NULL) {
		log_warnx("feed %s: held item %lld is unreadable; left held",
		    aw->feed, (long long)id);
		aw_free(aw);
		return 0;
	}
	r->n++;
	return 0;
}

/*
 * At start: the items a crash or a stop left waiting are fetched again,
 * each with a whole article_wait (a restart finishes or gives up on them
 * within it).  Cluster mode: also when this node takes a host over, for
 * the items its last owner left held (store_held() gives this node's).
 */
void
artwait_resume(struct sanctiond *sd)
{
	struct resume	 r = { sd, 0 };

	if (store_held(sd->store, resume_one, &r) == -1)
		return;
	if (r.n > 0)
		log_info("%zu items waiting for their article since the last "
		    "run", r.n);
	artwait_batch_end(sd, 1);
}

size_t
artwait_count(const struct sanctiond *sd)
{
	struct artwait	*aw;
	size_t		 n = 0;

	if (sd->articles == NULL)
		return 0;
	TAILQ_FOREACH(aw, sd->articles, entry)
		n++;
	return n;
}

/* At the end: what still waits stays held in the store for the next run. */
void
artwait_free_all(struct sanctiond *sd)
{
	if (sd->articles == NULL)
		return;
	while (!TAILQ_EMPTY(sd->articles))
		aw_free(TAILQ_FIRST(sd->articles));
	free(sd->articles);
	sd->articles = NULL;
}
