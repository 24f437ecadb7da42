/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * loop.c: the daemon's one event loop and what it wires together.
 *
 *   engine ─► feedsink (parse, classify) ─► store batch ─► outbox ─► PUB
 *      ▲                                        │
 *      └──────── feed states, saved per group ◄─┘
 *
 * A fetch's items and their events are written in one store batch (the
 * feedsink brackets them); the batches of GROUP_MS are one transaction
 * (a group: each batch a savepoint), committed before the feed states are
 * saved.  Only after the commit are events published, by outbox_flush, so
 * a crash between the two republishes them on restart with their original
 * seq, and a crash before it fetches them again (their states unsaved).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <zmq.h>

#include "daemon.h"

#define STOP_GRACE_SECS	5
#define GROUP_MS	25	/* see mark_dirty() */
#define PUB_SLICE	0.004	/* seconds: see publish_group() */

static const struct classifier *load_classifier(void *);

/*
 * feedsink hooks: one fetch, one batch.  The batches of one turn of the
 * loop are savepoints of one transaction (a group), committed with the
 * feed states (daemon_save_states) before anything of them is published.
 */
static int
batch_begin(struct fetch_feed *ff, void *arg)
{
	struct sanctiond	*sd = arg;
	int			 g;

	if ((g = store_group_begin(sd->store)) == -1)
		return -1;
	if (g == 1)
		sd->grouped = 1;
	if (store_batch_begin(sd->store) == -1)
		return -1;
	/* What this parse does not carry is gone from the feed (retention). */
	if (store_feed_parsed(sd->store, feed_conf(ff)->name) == -1) {
		store_batch_rollback(sd->store);
		return -1;
	}
	return 0;
}

/* A new item that wants its article is held (artwait.c); 2 from the store. */
static int
hold_item(struct sanctiond *sd, const char *name, const struct feed_meta *meta,
    const struct item *it, const struct sanctions *sn, int64_t *seq)
{
	char	*pending;
	int64_t	 id = 0;
	int	 rv;

	pending = article_pending_json(meta, it);
	rv = store_item_hold(sd->store, name, meta, it, sn, pending, &id, seq);
	free(pending);
	if (rv != 2)
		return rv;
	log_info("feed %s: new item, waiting for its article %s: %s", name,
	    it->link, it->title ? it->title : "(untitled)");
	artwait_add(sd, id, name, meta, it);
	return 2;
}

static int
batch_item(struct fetch_feed *ff, const struct feed_meta *meta,
    const struct item *it, const struct sanctions *sn, void *arg)
{
	struct sanctiond	*sd = arg;
	const char		*name = feed_conf(ff)->name;
	int64_t			 seq = 0;
	int			 rv;

	if (it == NULL)		/* a feed with no items */
		return 0;
	if (article_wanted(sd, feed_conf(ff), it, sn)) {
		if ((rv = hold_item(sd, name, meta, it, sn, &seq)) == 2)
			return 1;
	} else
		rv = store_item(sd->store, name, meta, it, sn, &seq);
	/* Cluster mode stamps seqs at commit: 0 here. */
	if (rv == 1 && seq > 0)
		log_info("feed %s: new item, seq %lld, %s: %s", name,
		    (long long)seq, sn->relevant ? action_name(sn->action) :
		    "news", it->title ? it->title : "(untitled)");
	else if (rv == 1)
		log_info("feed %s: new item, %s: %s", name,
		    sn->relevant ? action_name(sn->action) : "news",
		    it->title ? it->title : "(untitled)");
	return rv;
}

static int
batch_end(struct fetch_feed *ff, int ok, void *arg)
{
	struct sanctiond	*sd = arg;
	int			 rv;

	if (!ok) {
		log_warnx("feed %s: storing items failed; they will be "
		    "retried", feed_conf(ff)->name);
		store_batch_rollback(sd->store);
		artwait_batch_end(sd, 0);
		return -1;
	}
	rv = store_batch_commit(sd->store);
	artwait_batch_end(sd, rv == 0);
	return rv;
}

static int
fetch_failed(enum fetch_status st)
{
	return st != FETCH_OK && st != FETCH_NOT_MODIFIED &&
	    st != FETCH_UNCHANGED;
}

/* The engine logs health changes and moves; we log the rest. */
static void
log_fetch(const char *name, const struct fetch_report *r)
{
	if (fetch_failed(r->status)) {
		if (r->old_health == r->new_health)
			log_warnx("feed %s: %s: %s", name,
			    fetch_status_name(r->status), r->message);
	} else if (r->status == FETCH_OK)
		log_info("feed %s: %zu items, %zu new (%.2fs, %zu bytes)",
		    name, r->sink.items, r->sink.new_items, r->seconds,
		    r->bytes);
	else
		log_debug("feed %s: %s", name, fetch_status_name(r->status));
	if (r->sink.parse_error)
		log_warnx("feed %s: %s", name, r->sink.error);
}

/*
 * A health change is an event of its own (feed.ok, feed.failing, ...).
 * A new feed turning ok is not news.
 */
static void
health_event(struct sanctiond *sd, struct fetch_feed *ff,
    const struct fetch_report *r)
{
	const char	*name = feed_conf(ff)->name;
	int64_t		 seq;

	if (r->old_health == r->new_health ||
	    (r->old_health == FEED_NEW && r->new_health == FEED_OK))
		return;
	if (store_batch_begin(sd->store) == -1)
		return;
	if (store_feed_event(sd->store, name, feed_state(ff)->url,
	    feed_health_name(r->new_health), r->message, &seq) == -1) {
		store_batch_rollback(sd->store);
		return;
	}
	store_batch_commit(sd->store);
}

void
daemon_status(struct sanctiond *sd)
{
	int64_t	 items = 0, events = 0;
	size_t	 i, ok = 0, failing = 0;

	for (i = 0; i < sd->nfeeds; i++) {
		switch (feed_state(sd->feeds[i])->health) {
		case FEED_OK:
			ok++;
			break;
		case FEED_FAILING:
		case FEED_GONE:
		case FEED_STALE:	/* needs a look as much */
			failing++;
			break;
		case FEED_NEW:
			break;
		}
	}
	store_counts(sd->store, &items, &events);
	notify_status(ok, failing, (long long)items, (long long)events,
	    (long long)store_errors(sd->store));
}

/* In --once mode, the first report of every feed counts. */
static void
once_report(struct sanctiond *sd, struct fetch_feed *ff,
    const struct fetch_report *r)
{
	if (feed_udata(ff) != NULL)
		return;
	feed_set_udata(ff, sd);
	if (fetch_failed(r->status))
		sd->once_failed = 1;
	/* Items waiting for their article are done first (artwait_settled). */
	if (++sd->once_done == sd->nfeeds && artwait_count(sd) == 0)
		daemon_shutdown(sd);
}

/* An item waiting for its article was finished. */
void
artwait_settled(struct sanctiond *sd)
{
	if (sd->stopping)
		daemon_stopped(sd);
	else if (sd->once && sd->once_done == sd->nfeeds &&
	    artwait_count(sd) == 0)
		daemon_shutdown(sd);
}

/*
 * A group that failed to commit took its fetches' items with it; their
 * feeds forget the validators, so that the next poll fetches and stores
 * them again rather than hearing "not modified".
 */
static void
forget_validators(struct sanctiond *sd, struct fetch_feed *ff)
{
	const struct feed_state	*cur = feed_state(ff);
	struct feed_state	 st;

	st = *cur;
	st.url = cur->url != NULL ? xstrdup(cur->url) : NULL;
	st.error = cur->error != NULL ? xstrdup(cur->error) : NULL;
	st.etag = st.last_modified = NULL;
	st.body_hash = 0;
	engine_resume(sd->engine, ff, &st);
	feed_state_free(&st);
}

/* The open group's commit; 0 or -1 (logged: the fetches come again). */
static int
group_commit(struct sanctiond *sd)
{
	size_t	 i;

	if (!sd->grouped)
		return 0;
	sd->grouped = 0;
	if (store_group_commit(sd->store) == 0)
		return 0;
	if (sd->engine == NULL) {
		log_warnx("storing the last fetches failed; they will be "
		    "retried");
		return -1;
	}
	for (i = 0; i < sd->ndirty; i++) {
		log_warnx("feed %s: local: the store's commit failed: not "
		    "stored here; fetched again next poll",
		    feed_conf(sd->dirty[i])->name);
		forget_validators(sd, sd->dirty[i]);
	}
	return -1;
}

/*
 * A committed group's events go out PUB_SLICE at a time, the rest from a
 * zero timer, after whatever else is ready: ZeroMQ's PUB hands each event
 * to every subscriber's pipe in our thread, and with 100 subscribers a
 * group of 70-90 events took 15-26 ms in one callback (bench_load).  In
 * seq order still, and each slice is marked published after it is sent,
 * as a whole flush is.
 */
static void
publish_group(struct sanctiond *sd)
{
	static const struct timeval	 now = { 0, 0 };

	if (sd->pub == NULL)
		return;
	if (sd->pub_ev == NULL) {
		outbox_flush(sd->store, sd->pub);
		return;
	}
	if (outbox_flush_for(sd->store, sd->pub, PUB_SLICE) == 1 &&
	    !evtimer_pending(sd->pub_ev, NULL))
		evtimer_add(sd->pub_ev, &now);
}

static void
publish_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	publish_group(arg);
}

/*
 * Feed states are saved in one transaction per turn of the loop rather
 * than one each: a cycle of 2000 304s is otherwise mostly SQLite locking.
 * A crash before the save costs a refetch, whose items are already seen.
 * The turn's group is committed first, then what it holds is published.
 */
void
daemon_save_states(struct sanctiond *sd)
{
	size_t		 i;
	const char	*name;
	int		 batch, flush = sd->grouped;

	group_commit(sd);
	if (flush)
		publish_group(sd);
	if (sd->ndirty == 0)
		return;
	batch = store_batch_begin(sd->store) == 0;
	for (i = 0; i < sd->ndirty; i++) {
		name = feed_conf(sd->dirty[i])->name;
		if (store_feed_save(sd->store, name,
		    feed_state(sd->dirty[i])) == -1)
			log_warnx("feed %s: its state was not saved", name);
	}
	if (batch)
		store_batch_commit(sd->store);
	sd->ndirty = 0;
}

static void
save_states_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	daemon_save_states(arg);
}

static void
mark_dirty(struct sanctiond *sd, struct fetch_feed *ff)
{
	struct timeval	 now = { 0, 0 };

	if (sd->ndirty == sd->dirtycap) {
		sd->dirtycap = sd->dirtycap ? sd->dirtycap * 2 : 64;
		sd->dirty = xreallocarray(sd->dirty, sd->dirtycap,
		    sizeof(*sd->dirty));
	}
	sd->dirty[sd->ndirty++] = ff;
	/*
	 * A group gathers the fetches of GROUP_MS before its commit: a
	 * burst's pages are written once per group, not once per turn.
	 */
	if (sd->grouped)
		now.tv_usec = GROUP_MS * 1000;
	if (sd->ndirty == 1)
		evtimer_add(sd->save_ev, &now);
}

/*
 * STATUS= walks every feed and counts the store: with thousands of feeds,
 * doing that after every fetch would make a cycle quadratic.  Fetches only
 * arm a timer, so the status is refreshed at most once a second.
 */
static const struct timeval status_delay = { 1, 0 };

static void
status_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	daemon_status(arg);
}

static void
fetch_done(struct fetch_feed *ff, const struct fetch_report *r, void *arg)
{
	struct sanctiond	*sd = arg;
	const char		*name = feed_conf(ff)->name;

	log_fetch(name, r);
	metrics_fetch(r);
	mark_dirty(sd, ff);
	health_event(sd, ff, r);
	/* A group's events are published when it is committed. */
	if (!sd->grouped)
		outbox_flush(sd->store, sd->pub);
	if (sd->once)
		once_report(sd, ff, r);
	else if (!evtimer_pending(sd->status_ev, NULL))
		evtimer_add(sd->status_ev, &status_delay);
	if (sd->stopping)
		daemon_stopped(sd);
}

/* Add one configured feed to the engine, with its stored state. */
struct fetch_feed *
daemon_add_feed(struct sanctiond *sd, const struct feed_conf *fc)
{
	struct feed_state	 st;
	struct fetch_feed	*ff;
	int			 found;

	found = store_feed_load(sd->store, fc->name, &st);
	if (found == 1 && st.url != NULL && strcmp(st.url, fc->url) != 0) {
		/*
		 * The config names another URL (or a 301 moved it): start
		 * from the config's, without the old validators.
		 */
		feed_state_free(&st);
		found = 0;
	}
	ff = engine_add(sd->engine, fc, found == 1 ? &st : NULL);
	if (found == 1)
		feed_state_free(&st);
	if (sd->once)
		engine_fetch_now(sd->engine, ff);
	return ff;
}

static int
open_sockets(struct sanctiond *sd)
{
	const struct daemon_conf	*c = sd->conf;
	char				*err = NULL;

	if ((sd->zmq = zmq_ctx_new()) == NULL) {
		log_warnx("zmq_ctx_new: %s", zmq_strerror(zmq_errno()));
		return -1;
	}
	/* With curve_key, both sockets admit only the allowed keys. */
	if (c->curve_secret != NULL &&
	    (sd->zap = zap_start(sd->zmq, &c->curve_allow, &err)) == NULL) {
		log_warnx("%s: curve_allow: %s", c->path, err ? err : "failed");
		free(err);
		return -1;
	}
	if ((sd->pub = publisher_open_curve(sd->zmq, c->publish,
	    c->curve_secret, &err)) == NULL) {
		log_warnx("%s: %s", c->publish, err ? err : "failed");
		free(err);
		return -1;
	}
	/* --once is for cron and benchmarks: nobody asks it for replays. */
	if (!sd->once && (sd->replay = replay_open_curve(sd->base, sd->zmq,
	    c->replay, sd->store, c->curve_secret, &err)) == NULL) {
		log_warnx("%s: %s", c->replay, err ? err : "failed");
		free(err);
		return -1;
	}
	return 0;
}

const struct classifier *
daemon_classifier(struct sanctiond *sd)
{
	return sd->cls != NULL ? sd->cls : load_classifier(sd);
}

static const struct classifier *
load_classifier(void *arg)
{
	struct sanctiond	*sd = arg;
	char			*err = NULL;

	if ((sd->cls = classifier_load(classifier_default_datadir(),
	    &err)) == NULL)
		fatalx("classifier: %s", err ? err : "failed");
	return sd->cls;
}

static int
daemon_start(struct sanctiond *sd)
{
	char	*err = NULL;
	size_t	 i;
	int	 batch, pg;

	/*
	 * The daemon loads the classifier now, so that bad data stops it at
	 * once; --once only when a feed has changed.
	 */
	/*
	 * The state, its WAL and SHM, the lock: ours alone (0600), as the
	 * unit's UMask=0077 makes them, even when started from a shell.
	 */
	umask(077);
	pg = store_is_pg(sd->conf->state);
	/* Which feeds are this node's is the cluster's to say, over time. */
	if (pg && sd->once) {
		log_warnx("%s: --once polls every feed, which a cluster node "
		    "does not do: not in cluster mode", sd->conf->path);
		return -1;
	}
	/* A cluster's database is shared by design: nothing to lock. */
	if (!pg && (sd->lockfd = statelock_take(sd->conf->state, &err)) ==
	    -1) {
		log_warnx("%s", err);
		free(err);
		return -1;
	}
	if (!sd->once)
		load_classifier(sd);
	sd->store = pg ? store_pg_open(sd->conf->state, sd->conf->node, &err) :
	    store_open(sd->conf->state, &err);
	if (sd->store == NULL) {
		/* A URI may carry a password: the log names no more than this. */
		log_warnx("%s: %s", pg ? "postgresql" : sd->conf->state,
		    err ? err : "failed");
		free(err);
		return -1;
	}
	/* No checkpoint of a burst's WAL in the loop's commits. */
	store_bg_checkpoints(sd->store);
	if (open_sockets(sd) == -1)
		return -1;
	if (!sd->once && metrics_start(sd) == -1)
		return -1;
	/* Whatever a crash left stored but unpublished goes out first. */
	outbox_flush(sd->store, sd->pub);
	/* Without it the daemon still works; status says why it cannot. */
	if (!sd->once && (sd->ctl = control_open(sd, &err)) == NULL) {
		log_warnx("control socket: %s", err);
		free(err);
	}
	/* Cluster mode too: one node at a time prunes (store_pg_prune.c). */
	if (!sd->once)
		sd->retention = retention_start(sd);
	sd->save_ev = evtimer_new(sd->base, save_states_cb, sd);
	sd->status_ev = evtimer_new(sd->base, status_cb, sd);
	sd->pub_ev = evtimer_new(sd->base, publish_cb, sd);
	feedsink_init(&sd->sink, sd->cls, batch_item, sd);
	feedsink_set_batch(&sd->sink, batch_begin, batch_end);
	feedsink_set_loader(&sd->sink, load_classifier, sd);
	sd->engine = engine_new(sd->base, &sd->conf->engine, &sd->sink,
	    fetch_done, sd);
	sd->nfeeds = sd->conf->nfeeds;
	sd->feeds = xcalloc(sd->nfeeds ? sd->nfeeds : 1, sizeof(*sd->feeds));
	/*
	 * One read transaction for every feed's state: 100,000 reads on
	 * their own take a lock each (fcntl, fstat, the WAL index), half the
	 * start-up.
	 */
	batch = !pg && store_batch_begin(sd->store) == 0;
	for (i = 0; i < sd->nfeeds; i++)
		sd->feeds[i] = daemon_add_feed(sd, &sd->conf->feeds[i]);
	if (batch)
		store_batch_commit(sd->store);
	if (pg && (sd->cluster = cluster_start(sd)) == NULL)
		return -1;
	artwait_resume(sd);
	log_info("started: %zu feeds, publishing on %s, replay on %s, "
	    "state %s, publisher %s, last seq %lld", sd->nfeeds,
	    sd->conf->publish, sd->once ? "(none)" : sd->conf->replay,
	    pg ? "postgresql" : sd->conf->state, store_publisher(sd->store),
	    (long long)store_last_seq(sd->store));
	return 0;
}

static void
grace_expired(evutil_socket_t fd, short what, void *arg)
{
	struct sanctiond	*sd = arg;

	(void)fd;
	(void)what;
	log_warnx("%zu fetches still running after %ds; abandoning them",
	    engine_inflight(sd->engine), STOP_GRACE_SECS);
	event_base_loopbreak(sd->base);
}

/* Ends the loop once nothing is in flight; called after each fetch. */
static void
drained(evutil_socket_t fd, short what, void *arg)
{
	struct sanctiond	*sd = arg;

	(void)fd;
	(void)what;
	if (engine_inflight(sd->engine) == 0)
		event_base_loopbreak(sd->base);
}

void
daemon_stopped(struct sanctiond *sd)
{
	struct timeval	 now = { 0, 0 };

	/* Later, when the engine has let go of the transfer just done. */
	event_base_once(sd->base, -1, EV_TIMEOUT, drained, sd, &now);
}

/* SIGTERM, SIGINT, or --once done: no new fetches, 5 s for the rest. */
void
daemon_shutdown(struct sanctiond *sd)
{
	struct timeval	 grace = { STOP_GRACE_SECS, 0 };

	if (sd->stopping)
		return;
	sd->stopping = 1;
	notify_stopping();
	engine_stop(sd->engine);
	/* Held in the store: the next start fetches them again. */
	artwait_free_all(sd);
	sd->grace = evtimer_new(sd->base, grace_expired, sd);
	evtimer_add(sd->grace, &grace);
	daemon_stopped(sd);
}

static void
daemon_finish(struct sanctiond *sd)
{
	/* Transfers cut short still store what they had; publish it too. */
	if (sd->store != NULL)
		daemon_save_states(sd);
	cluster_stop(sd->cluster);
	artwait_free_all(sd);	/* still held in the store: the next run's */
	if (sd->engine != NULL)
		engine_free(sd->engine);
	sd->engine = NULL;
	if (sd->store != NULL)
		group_commit(sd);	/* what the cut transfers stored */
	if (sd->store != NULL && sd->pub != NULL)
		outbox_flush(sd->store, sd->pub);
	if (sd->store != NULL && sd->once)
		retention_once(sd);
	if (sd->sink.arg != NULL)
		feedsink_free(&sd->sink);
	if (sd->grace != NULL)
		event_free(sd->grace);
	if (sd->save_ev != NULL)
		event_free(sd->save_ev);
	if (sd->status_ev != NULL)
		event_free(sd->status_ev);
	if (sd->pub_ev != NULL)
		event_free(sd->pub_ev);
	free(sd->dirty);
	metrics_stop(sd->metrics);
	control_close(sd->ctl);
	if (sd->replay != NULL)
		replay_close(sd->replay);
	if (sd->pub != NULL)
		publisher_close(sd->pub);
	zap_stop(sd->zap);
	retention_stop(sd->retention);
	if (sd->zmq != NULL)
		zmq_ctx_term(sd->zmq);
	if (sd->store != NULL)
		store_close(sd->store);
	statelock_release(sd->lockfd);	/* after the store is closed */
	if (sd->cls != NULL)
		classifier_free(sd->cls);
	free(sd->feeds);
	config_free(sd->conf);
}

/*
 * The loop must answer its timers, subscribers and the watchdog while a
 * burst of fetches completes (issue 14).  Three priorities: the fetch
 * engine takes the lowest (fetchers/engine.c), the rest the default one
 * in the middle; and after 10 ms of low-priority callbacks libevent looks
 * for ready events again, so a timer waits for one fetch callback at most,
 * not for every socket that was ready with it.
 */
static struct event_base *
loop_base(void)
{
	struct event_config	*cfg;
	struct event_base	*base;
	struct timeval		 tv = { 0, 10000 };

	if ((cfg = event_config_new()) == NULL)
		return NULL;
	event_config_set_max_dispatch_interval(cfg, &tv, -1, 2);
	base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	if (base != NULL && event_base_priority_init(base, 3) == -1) {
		event_base_free(base);
		return NULL;
	}
	return base;
}

/*
 * Run until stopped.  Takes the configuration over.  Returns the exit
 * status: 0, or with --once 1 when any feed failed.
 */
int
daemon_run(struct daemon_conf *conf, int once)
{
	struct sanctiond	 sd;
	int			 status = 0;

	memset(&sd, 0, sizeof(sd));
	sd.lockfd = -1;
	sd.conf = conf;
	sd.once = once;
	sd.started = (int64_t)time(NULL);
	parsers_init();
	if ((sd.base = loop_base()) == NULL)
		fatalx("event_base_new failed");
	/* Cluster mode: its lease timer first, before any fetch (cluster.c). */
	if (store_is_pg(conf->state) && event_base_priority_init(sd.base, 2))
		fatalx("event_base_priority_init failed");
	if (daemon_start(&sd) == -1) {
		daemon_finish(&sd);
		event_base_free(sd.base);
		return 1;
	}
	signals_init(sd.base, &sd);
	notify_init(sd.base);
	notify_ready();
	if (once && sd.nfeeds == 0)
		daemon_shutdown(&sd);
	else if (!once)
		daemon_status(&sd);
	if (!once)
		sd.lag = lag_start(sd.base);
	event_base_dispatch(sd.base);
	if (once && (sd.once_failed || sd.once_done < sd.nfeeds))
		status = 1;
	lag_stop(sd.lag);
	log_info("stopped");
	notify_free();
	signals_free();
	daemon_finish(&sd);
	event_base_free(sd.base);
	return status;
}
