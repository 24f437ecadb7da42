/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * daemon.h: the loop and its life cycle, the store, publishing, replay and
 * sanctionctl.  One section per source file.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <jansson.h>

#include "../common/common.h"
#include "../fetchers/fetchers.h"
#include "../parsers/parsers.h"
#include "wire.h"

struct event_base;
struct store;
struct publisher;
struct replay;

/* json.c: the SPEC's item object. */
json_t		*item_json(const struct feed_meta *, const struct item *,
		    const struct sanctions *);
char		*json_line(json_t *);	/* compact, one line, no newline */
const char	*json_str(json_t *, const char *);
void		 json_join(struct buf *, json_t *, const char *);
void		 item_json_write(struct buf *, const struct feed_meta *,
		    const struct item *, const struct sanctions *);
void		 jw_item(struct buf *, const struct feed_meta *,
		    const struct item *, const struct sanctions *, int64_t);
void		 jw_key(struct buf *, const char *);
void		 jw_str(struct buf *, const char *, const char *);
void		 jw_str_value(struct buf *, const char *);
void		 jw_int(struct buf *, const char *, long long);
int		 jw_valid(const char *);

/*
 * feedsink.c: the fetch_sink that runs a push parser over each body as it
 * arrives and classifies every item; used by sanctiond and sanctionctl fetch.
 * Items are kept until the document ends, then handed over in one go,
 * bracketed by the optional batch hooks, so that the daemon can store one
 * fetch in one transaction although transfers interleave.
 *
 * The item hook returns 1 for an item never seen before (or a revision of
 * one, see store_item()), 0 for one seen, -1 on error.  A feed with no items is reported once with item NULL.  The
 * batch end hook gets ok = 0 when an item hook failed; it returns -1 when
 * the batch could not be kept (then new_items is reported as 0).
 */
typedef int	(*sink_item_cb)(struct fetch_feed *, const struct feed_meta *,
		    const struct item *, const struct sanctions *, void *);
typedef int	(*sink_begin_cb)(struct fetch_feed *, void *);
typedef int	(*sink_end_cb)(struct fetch_feed *, int, void *);
void		 feedsink_init(struct fetch_sink *, const struct classifier *,
		    sink_item_cb, void *);
void		 feedsink_set_batch(struct fetch_sink *, sink_begin_cb,
		    sink_end_cb);
void		 feedsink_free(struct fetch_sink *);
typedef const struct classifier *(*classifier_loader)(void *);
void		 feedsink_set_loader(struct fetch_sink *, classifier_loader,
		    void *);

/* event.c: an event's topic and JSON (SPEC "Events on ZeroMQ"). */
char		*event_topic(const struct sanctions *);
void		 event_now(char *, size_t);
json_t		*event_item_json(const char *, int64_t, const char *,
		    const struct feed_meta *, const struct item *,
		    const struct sanctions *, int64_t);
char		*event_item_text(const char *, int64_t, const char *,
		    const struct feed_meta *, const struct item *,
		    const struct sanctions *, int64_t);
json_t		*event_feed_json(const char *, int64_t, const char *,
		    const char *, const char *, const char *);

/* dedup.c: what an item is known by, and what its classification says. */
char		*canonical_link(const char *);
void		 content_hash(const struct item *, char *, size_t);
void		 class_fingerprint(const struct sanctions *, char *, size_t);

/*
 * store.c: SQLite (WAL, one writer: the loop) or PostgreSQL (cluster).  Feeds with their state, the
 * seen-item keys, and the event log with seq and a stable publisher id.
 * A fetch's items and their events are written in one transaction
 * (store_batch_*); events are published only after it commits (outbox).
 */
struct store	*store_open(const char *, char **);
void		 store_close(struct store *);
int		 store_bg_checkpoints(struct store *);
const char	*store_publisher(const struct store *);
int64_t		 store_last_seq(const struct store *);
int		 store_feed_load(struct store *, const char *, struct feed_state *);
int		 store_feed_save(struct store *, const char *,
		    const struct feed_state *);
int		 store_batch_begin(struct store *);
int		 store_item(struct store *, const char *, const struct feed_meta *,
		    const struct item *, const struct sanctions *, int64_t *);
int		 store_feed_event(struct store *, const char *, const char *,
		    const char *, const char *, int64_t *);
int		 store_batch_commit(struct store *);
void		 store_batch_rollback(struct store *);
int		 store_group_begin(struct store *);
int		 store_group_commit(struct store *);
typedef int	(*event_cb)(int64_t, const char *, const char *, void *);
int		 store_unpublished(struct store *, event_cb, void *);
int		 store_mark_published(struct store *, int64_t);
int		 store_events_since(struct store *, int64_t,
		    const struct strlist *, size_t, event_cb, void *);
int		 store_events_scan(struct store *, int64_t,
		    const struct strlist *, size_t, event_cb, void *, int64_t *);
int		 store_counts(struct store *, int64_t *, int64_t *);
int64_t		 store_errors(const struct store *);
/* store.c, items held for their article (artwait.c). */
int		 store_item_hold(struct store *, const char *,
		    const struct feed_meta *, const struct item *,
		    const struct sanctions *, const char *, int64_t *,
		    int64_t *);
int		 store_item_release(struct store *, int64_t, const char *,
		    const struct feed_meta *, const struct item *,
		    const struct sanctions *, int64_t *);
typedef int	(*held_cb)(int64_t, const char *, int64_t, const char *,
		    void *);
int		 store_held(struct store *, held_cb, void *);
int		 store_feed_parsed(struct store *, const char *);
int		 store_prune(struct store *, int64_t, int64_t, int64_t *,
		    int64_t *);
int64_t		 store_pruned_seq(const struct store *);
int64_t		 store_oldest_seq(struct store *);

/*
 * retention.c: [daemon] retention.  The SQLite side (retain_*, called by
 * store_sqlite.c, schema version 4) and the loop's timer (retention_*).
 */
struct sqlite3;
struct retain;
extern const char *retain_schema;
struct retain	*retain_open(struct sqlite3 *);
int		 retain_load(struct retain *);
void		 retain_close(struct retain *);
int		 retain_seen(struct retain *, int64_t, const char *, int64_t);
int		 retain_parsed(struct retain *, const char *, int64_t);
int		 retain_step(struct retain *, int64_t, int64_t, int64_t,
		    int64_t, int64_t *, int64_t *);
int64_t		 retain_pruned_seq(const struct retain *);
int64_t		 retain_oldest_seq(struct retain *);
struct sanctiond;
struct retention *retention_start(struct sanctiond *);
void		 retention_stop(struct retention *);
void		 retention_once(struct sanctiond *);
int		 store_tick(struct store *);

/*
 * The store's two engines behind the functions above: store_sqlite.c (the
 * default) and store_pg.c (cluster mode, state = postgresql://...).  They
 * only persist; ingest.c decides what is new and what event it makes.
 * next_seq 0: the engine stamps "seq" into the event at commit.
 */
struct item_row {
	int64_t	 id;
	char	*feed;		/* the feed that first carried it */
	char	*guid;		/* its GUID there, NULL: none (or unknown) */
	char	*class;		/* NULL: stored before schema version 2 */
	int64_t	 revision;
};
struct store_ops {
	void	(*close)(struct store *);
	int	(*feed_load)(struct store *, const char *, struct feed_state *);
	int	(*feed_save)(struct store *, const char *,
		    const struct feed_state *);
	int	(*begin)(struct store *);
	int	(*commit)(struct store *);
	void	(*rollback)(struct store *);
	int64_t	(*next_seq)(struct store *);
	int64_t	(*key_find)(struct store *, const char *);
	int	(*key_add)(struct store *, const char *, int64_t);
	int	(*item_add)(struct store *, int64_t, const char *,
		    const char *, const char *, int64_t *);
	int	(*item_get)(struct store *, int64_t, struct item_row *);
	int	(*item_set)(struct store *, int64_t, const char *, int64_t,
		    const char *);
	int	(*sight_add)(struct store *, int64_t, const char *,
		    const char *);
	int	(*sight_guid)(struct store *, int64_t, const char *, char **);
	int	(*event_add)(struct store *, int64_t, const char *,
		    const char *);
	int	(*unpublished)(struct store *, event_cb, void *);
	int	(*mark_published)(struct store *, int64_t);
	int	(*events_since)(struct store *, int64_t,
		    const struct strlist *, size_t, event_cb, void *);
	int	(*events_scan)(struct store *, int64_t,
		    const struct strlist *, size_t, event_cb, void *,
		    int64_t *);
	int64_t	(*last_seq)(const struct store *);
	int	(*counts)(struct store *, int64_t *, int64_t *);
	int64_t	(*errors)(const struct store *);
	int	(*tick)(struct store *);	/* NULL: nothing to do */
	/* Items held for their article, retention: NULL, unsupported. */
	int	(*hold_has)(struct store *, int64_t);
	int	(*hold_add)(struct store *, int64_t, const char *,
		    const char *);
	int	(*hold_del)(struct store *, int64_t);
	int	(*item_seq)(struct store *, int64_t, int64_t);
	int	(*held)(struct store *, held_cb, void *);
	int	(*seen)(struct store *, int64_t, const char *);
	int	(*parsed)(struct store *, const char *);
	int	(*prune)(struct store *, int64_t, int64_t, int64_t *,
		    int64_t *);
	int64_t	(*pruned_seq)(const struct store *);
	int64_t	(*oldest_seq)(struct store *);
	/* Batches as savepoints of one transaction: NULL, each commits. */
	int	(*group_begin)(struct store *);
	int	(*group_commit)(struct store *);
	/* Checkpoints off the caller's thread: NULL, none to move. */
	int	(*bg_checkpoints)(struct store *);
};
struct store {
	const struct store_ops	*ops;
	char		 publisher[33];
	int		 inbatch;
	const char	*feed;		/* whose write this is, for the log */
	char		*batch_feed;	/* whose items the open batch holds */
	const char	*hold;		/* store_item_hold's JSON */
	int64_t		 held;		/* the item it held */
};
struct store	*store_sqlite_open(const char *, char **);
struct store	*store_pg_open(const char *, const char *, char **);
int		 store_pg_socket(struct store *);
const char	*store_pg_node(const struct store *);
void		 store_pg_set_lease(struct store *, int64_t);
int		 store_pg_feeds(struct store *, const char *const *,
		    const char *const *, size_t);
int		 store_pg_leases(struct store *, struct strlist *,
		    struct strlist *);
void		 store_pg_drop(struct store *, struct strlist *);
void		 store_pg_release(struct store *);
int		 store_pg_owns(const struct store *, const char *);
double		 store_pg_turn(struct store *, const char *, double, int);
void		 store_pg_hosts(const struct store *, struct strlist *);
int		 store_pg_online(const struct store *);
void		 item_row_free(struct item_row *);
int		 store_is_pg(const char *);

/* publish.c: ZeroMQ PUB, topic frame + JSON frame; never blocks. */
struct publisher *publisher_open(void *, const char *, char **);
int		 publisher_send(struct publisher *, const char *, const char *);
void		 publisher_close(struct publisher *);
int		 outbox_flush(struct store *, struct publisher *);
int		 outbox_flush_for(struct store *, struct publisher *, double);
char		*publisher_endpoint(const struct publisher *);
struct publisher *publisher_open_curve(void *, const char *, const char *,
		    char **);

/* replay.c: ROUTER socket serving "sanctionctl sub --since". */
struct replay	*replay_open(struct event_base *, void *, const char *,
		    struct store *, char **);
void		 replay_close(struct replay *);
char		*replay_endpoint(const struct replay *);
struct replay	*replay_open_curve(struct event_base *, void *, const char *,
		    struct store *, const char *, char **);

/*
 * zap.c: CURVE for the publish and replay sockets.  zap_start() once per
 * ZeroMQ context with the allowed client public keys (Z85), then open the
 * sockets with the server's secret key (sanctionctl keygen makes pairs).
 */
struct zap;
struct zap	*zap_start(void *, const struct strlist *, char **);
void		 zap_stop(struct zap *);
int		 curve_server(void *, const char *, char **);

/* zsock.c: what the daemon's ZeroMQ server sockets share. */
void		*zsock_server(void *, int, const char *, const char *,
		    const char *, const int *, char **);
struct zmq_msg_t;
int		 zsock_recv(void *, struct zmq_msg_t *, int, int);
char		*zmq_bound_endpoint(void *);

/* config.c: the INI file; every error names file:line: key. */
#define CONF_DEFAULT_PATH	"/etc/sanctiond/sanctiond.conf"
#define CONF_DEFAULT_STATE	"/var/lib/sanctiond/state.db"
#define CONF_DEFAULT_PUBLISH	WIRE_PUBLISH_DEFAULT
#define CONF_DEFAULT_METRICS_HOST	"127.0.0.1"
#define CONF_DEFAULT_METRICS_PORT	"7752"
#define CONF_DEFAULT_LEASE	10	/* seconds; cluster mode */
#define CONF_DEFAULT_CONTROL_PG	"/var/lib/sanctiond/cluster.ctl"
#define CONF_DEFAULT_ARTICLE_WAIT	10	/* seconds */
/* fetch_article, per feed (struct feed_conf) and in [daemon]. */
enum article_mode {
	ARTICLE_INHERIT,	/* a feed that does not say: [daemon]'s */
	ARTICLE_FLAGGED,
	ARTICLE_YES,
	ARTICLE_NO
};
#define CONF_DEFAULT_RETENTION	(90 * 86400)	/* seconds */
struct daemon_conf {
	char			*path;
	char			*state;
	char			*node;		/* cluster mode; NULL: host name */
	int64_t			 lease;		/* cluster mode, seconds */
	char			*control;	/* NULL: control_path()'s */
	char			*publish;
	char			*replay;	/* default: publish port + 1 */
	char			*user_agent;	/* NULL: the engine's */
	int			 log_level;	/* LOG_DEBUG ... LOG_ERR */
	char			*curve_secret;	/* Z85; NULL: no CURVE */
	struct strlist		 curve_allow;	/* Z85 subscriber keys */
	char			*metrics_host;	/* NULL: metrics = no */
	char			*metrics_port;
	int			 metrics_set;	/* written, not the default */
	int64_t			 stale_after;	/* [daemon]; 0: learned */
	int			 fetch_article;	/* [daemon]: enum article_mode */
	int64_t			 article_wait;	/* seconds */
	int64_t			 retention;	/* seconds; 0: forever */
	struct engine_conf	 engine;
	struct feed_conf	*feeds;
	size_t			 nfeeds;
};
struct daemon_conf *config_load(const char *, struct strlist *);
struct daemon_conf *config_parse(const char *, const char *, size_t,
		    struct strlist *);
const struct feed_conf *config_feed(const struct daemon_conf *, const char *);
int		 config_valid_url(const char *);
int		 config_url_split(const char *, char **, char **, char **);
int		 config_hostport(const char *, char **, char **);
const char	*config_valid_proxy(const char *);
void		 config_free(struct daemon_conf *);
struct stat;
int		 config_open_file(const char *, struct stat *, char **);

/* loop.c: the daemon's event loop and everything it wires together. */
struct sanctiond {
	struct event_base	*base;
	struct daemon_conf	*conf;
	struct classifier	*cls;
	struct store		*store;
	void			*zmq;
	struct publisher	*pub;
	struct replay		*replay;
	struct zap		*zap;		/* CURVE allow-list, or NULL */
	struct fetch_sink	 sink;
	struct fetch_engine	*engine;
	struct fetch_feed	**feeds;	/* parallel to conf->feeds */
	size_t			 nfeeds;
	struct event		*grace;		/* the 5 s after SIGTERM */
	struct event		*save_ev;	/* saves dirty feed states */
	struct event		*status_ev;	/* coalesces STATUS updates */
	struct event		*pub_ev;	/* publishes a group's rest */
	struct fetch_feed	**dirty;	/* fetched, state not saved */
	size_t			 ndirty;
	size_t			 dirtycap;
	int			 grouped;	/* a store group is open */
	int			 stopping;
	int			 once;
	size_t			 once_done;	/* feeds reported so far */
	int			 once_failed;
	struct lag		*lag;		/* loop lag, for the log */
	int			 lockfd;	/* STATE.lock, held for life */
	struct metrics		*metrics;	/* [daemon] metrics, or NULL */
	struct control		*ctl;		/* STATE.ctl, for status */
	struct cluster		*cluster;	/* cluster mode, or NULL */
	struct retention	*retention;	/* prunes the store */
	int64_t			 started;	/* unix seconds */
	struct artwait_list	*articles;	/* items waiting (artwait.c) */
};
int		 daemon_run(struct daemon_conf *, int);
struct fetch_feed *daemon_add_feed(struct sanctiond *, const struct feed_conf *);
void		 daemon_status(struct sanctiond *);
void		 daemon_shutdown(struct sanctiond *);
void		 daemon_save_states(struct sanctiond *);
void		 daemon_stopped(struct sanctiond *);
const struct classifier *daemon_classifier(struct sanctiond *);
void		 artwait_settled(struct sanctiond *);

/*
 * artwait.c: new items held for their article (fetch_article), fetched
 * through the engine, classified on the whole text and published once when
 * the page is in or article_wait is over; held in the store meanwhile.
 */
int		 article_wanted(const struct sanctiond *,
		    const struct feed_conf *, const struct item *,
		    const struct sanctions *);
char		*article_pending_json(const struct feed_meta *,
		    const struct item *);
void		 artwait_add(struct sanctiond *, int64_t, const char *,
		    const struct feed_meta *, const struct item *);
void		 artwait_batch_end(struct sanctiond *, int);
void		 artwait_resume(struct sanctiond *);
size_t		 artwait_count(const struct sanctiond *);
void		 artwait_free_all(struct sanctiond *);

/*
 * control.c: the local control socket, STATE.ctl (mode 0600): one request
 * line ("status"), one JSON reply, then the connection is closed.
 */
struct control;
char		*control_path(const struct daemon_conf *);
struct control	*control_open(struct sanctiond *, char **);
void		 control_close(struct control *);
json_t		*control_status_json(struct sanctiond *);

/* lag.c: event loop lag, logged when the loop ends. */
struct lag;
struct lag	*lag_start(struct event_base *);
void		 lag_stop(struct lag *);
size_t		 lag_histogram(const struct lag *, const unsigned long **,
		    unsigned long *, double *);

/*
 * metrics.c: Prometheus text exposition (0.0.4) at http://[daemon]
 * metrics/metrics, served by evhttp on the loop.  Counters are bumped
 * where things happen (struct counters); gauges are read when scraped.
 */
#define METRICS_STATUSES	32	/* more than enum fetch_status has */
#define METRICS_ARTICLES	4	/* ok, failed, timeout, not_article */
struct counters {
	uint64_t	 fetches[METRICS_STATUSES];	/* by fetch_status */
	uint64_t	 items;		/* in the documents parsed */
	uint64_t	 new_items;
	uint64_t	 events_item;	/* published */
	uint64_t	 events_feed;
	uint64_t	 replay_requests;
	uint64_t	 replay_clients;	/* a gauge: with requests pending */
	uint64_t	 articles[METRICS_ARTICLES];	/* metrics_article() */
};
extern struct counters counters;
struct metrics;
int		 metrics_start(struct sanctiond *);
void		 metrics_stop(struct metrics *);
void		 metrics_fetch(const struct fetch_report *);
void		 metrics_article(const char *);
void		 metrics_articles_json(json_t *);
void		 metrics_render(struct sanctiond *, struct buf *);
void		 prom_head(struct buf *, const char *, const char *,
		    const char *);
void		 prom_int(struct buf *, const char *, const char *,
		    const char *, int64_t);
void		 prom_num(struct buf *, const char *, const char *,
		    const char *, double);

/* cluster.c: cluster mode's leases and other nodes' events, on the loop. */
struct cluster;
struct cluster	*cluster_start(struct sanctiond *);
int		 cluster_feeds(struct cluster *);
json_t		*cluster_json(const struct cluster *);
void		 cluster_stop(struct cluster *);

/* reload.c: SIGHUP. */
void		 daemon_reload(struct sanctiond *);

/* statelock.c: one daemon per state file. */
int		 statelock_take(const char *, char **);
void		 statelock_release(int);

/* signals.c */
void		 signals_init(struct event_base *, struct sanctiond *);
void		 signals_free(void);

/* notify.c: sd_notify; no-ops outside systemd. */
void		 notify_init(struct event_base *);
void		 notify_free(void);
void		 notify_ready(void);
void		 notify_reloading(void);
void		 notify_stopping(void);
void		 notify_status(size_t, size_t, long long, long long, long long);

#endif
