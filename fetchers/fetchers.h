/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fetchers.h: keep many feeds current from one thread.  One libevent base
 * drives libcurl's multi-socket API; a schedule decides when each feed is
 * due; per-host politeness decides when it may go.
 *
 * This room knows nothing about XML, SQLite or ZeroMQ.  Response bytes are
 * handed to whoever the daemon plugs in (struct fetch_sink), and every
 * outcome is reported upward as data (struct fetch_report).
 */
#ifndef FETCHERS_H
#define FETCHERS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"

struct event_base;

enum feed_health {
	FEED_NEW,		/* never fetched */
	FEED_OK,
	FEED_FAILING,		/* transient errors, backing off */
	FEED_GONE,		/* 410: no longer polled */
	FEED_STALE		/* answers, but no new item for stale_after */
};

/* Why a feed's next poll is when it is (status shows it). */
enum due_reason {
	DUE_NEW,		/* never fetched: at once */
	DUE_START,		/* spread over its interval after a start */
	DUE_INTERVAL,		/* the interval written in the config */
	DUE_ADAPTIVE,		/* the adaptive interval */
	DUE_TTL,		/* raised by the feed's RSS <ttl> */
	DUE_CACHE,		/* raised by Cache-Control max-age or Expires */
	DUE_RETRY_AFTER,	/* the server's Retry-After */
	DUE_BACKOFF,		/* after transient failures */
	DUE_OUTAGE,		/* our network is down: its interval, no blame */
	DUE_NOW,		/* asked for now */
	DUE_NONE		/* gone: never again */
};

enum fetch_status {
	FETCH_OK,		/* 200, body handed to the sink */
	FETCH_NOT_MODIFIED,	/* 304 */
	FETCH_UNCHANGED,	/* 200 with the same body hash: not parsed */
	FETCH_ERR_DNS,
	FETCH_ERR_CONNECT,
	FETCH_ERR_TLS,
	FETCH_ERR_TIMEOUT,
	FETCH_ERR_HTTP_4XX,
	FETCH_ERR_HTTP_5XX,
	FETCH_ERR_HTTP_429,
	FETCH_ERR_GONE,		/* 410 */
	FETCH_ERR_TOO_LARGE,
	FETCH_ERR_NOT_FEED,
	FETCH_ERR_PARSE,
	FETCH_ERR_REFUSED,	/* scheme, or a non-public address */
	FETCH_ERR_REDIRECT,	/* too many, or a loop */
	FETCH_ERR_OTHER,
	FETCH_ERR_LOCAL		/* fetched, but the owner could not keep the
				   items (state disk full): not the feed's
				   fault, and the body must come again */
};

/*
 * What the scheduler knows about a feed.  The daemon persists it and hands
 * it back at start-up; the engine updates it after every fetch.
 */
struct feed_state {
	char		*url;		/* current; a 301/308 rewrites it */
	char		*etag;		/* byte for byte as the server sent it */
	char		*last_modified;
	uint64_t	 body_hash;	/* of the last 200 body, 0 = none */
	int64_t		 next_due;	/* unix seconds */
	int64_t		 last_fetch;
	int64_t		 last_ok;
	int64_t		 interval;	/* adaptive interval in use, seconds */
	int		 failures;	/* consecutive transient failures */
	enum feed_health health;
	enum due_reason	 due_why;
	/*
	 * Staleness: the last successful fetch that brought new items (or
	 * the first success, when the clock starts), the usual gap between
	 * such fetches as learned (sched_learn_gap; 0: not yet), and how
	 * many new items the feed brought in all.
	 */
	int64_t		 last_new;
	int64_t		 gap;
	int64_t		 items_seen;
	int64_t		 last_error;	/* when the last failure was, 0: never */
	char		*error;		/* what it said (names the URL) */
};

/*
 * Per-feed configuration, from the daemon's config.  The URL carries no
 * userinfo: a user name and password go to the transfer alone, never into
 * a log, an event or the base of a relative link.
 */
struct feed_conf {
	char		*name;
	char		*url;
	char		*user;		/* NULL: none */
	char		*password;	/* NULL: none */
	int64_t		 interval;	/* written in the config; 0 = adaptive */
	int64_t		 stale_after;	/* written; 0 = from the learned gap */
	char		*proxy;		/* URL of the proxy; NULL: direct */
	char		*user_agent;	/* NULL: the engine's */
	struct strlist	 headers;	/* "Name: value" lines, sent as is */
	int		 http1;		/* HTTP/1.1 only (http2 = no) */
	int		 fetch_article;	/* the daemon's; the engine ignores it */
};

/* Engine-wide configuration. */
struct engine_conf {
	int		 allow_private;
	char		*user_agent;
	size_t		 max_body;		/* after decompression */
	long		 connect_timeout;	/* seconds */
	long		 total_timeout;
	double		 host_rate;		/* requests/s per host; 0: no limit */
	int		 host_conns;		/* connections per host; 0: no limit */
	int64_t		 default_interval;	/* 0 = adaptive */
	/*
	 * Tests and fuzzers only (NULL in the programs): every connection
	 * that passes the guard takes its socket from here, already
	 * connected (one end of a socketpair), as curl's own fuzzer does.
	 */
	int		(*test_socket)(void *);
	void		*test_socket_arg;
	/*
	 * Tests only (0 in the programs: 5 ms): how long one slice of the
	 * done queue's drain may run (engine.c).  A tiny one makes every
	 * step a slice of its own.
	 */
	double		 drain_slice;
};

/* What the sink reports back about a body it parsed. */
struct sink_result {
	int		 is_feed;	/* the document was a feed */
	int		 parse_error;	/* it was, but broken (items may exist) */
	int		 recovered;	/* that error is a warning: items read */
	int		 not_kept;	/* the items could not be kept (stored) */
	size_t		 items;		/* items in the document */
	size_t		 new_items;	/* of which never seen before */
	long long	 ttl;		/* RSS <ttl> in seconds, -1 = none */
	char		 error[256];	/* parser's message, when any */
};

struct fetch_feed;

/*
 * How response bytes leave the engine.  begin() is called when a 200 body
 * starts (charset from Content-Type, or NULL); data() with each decompressed
 * chunk as it arrives; end() once, with complete = 0 when the transfer
 * failed part way.  A sink returns -1 from data() to abort the transfer.
 */
struct fetch_sink {
	void	*(*begin)(struct fetch_feed *, const char *, void *);
	int	 (*data)(void *, const char *, size_t);
	void	 (*end)(void *, int, struct sink_result *);
	void	 *arg;
};

/* One completed fetch, reported upward after the state was updated. */
struct fetch_report {
	enum fetch_status	 status;
	long			 http_code;
	char			 message[512];	/* names the URL */
	double			 seconds;
	size_t			 bytes;
	enum feed_health	 old_health;	/* differs from new: a change */
	enum feed_health	 new_health;
	int			 url_changed;	/* permanent redirect followed */
	struct sink_result	 sink;
};

typedef void	(*fetch_done_cb)(struct fetch_feed *, const struct fetch_report *,
		    void *);

/* engine.c */
struct fetch_engine *engine_new(struct event_base *, const struct engine_conf *,
		    const struct fetch_sink *, fetch_done_cb, void *);
void		 engine_free(struct fetch_engine *);
struct fetch_feed *engine_add(struct fetch_engine *, const struct feed_conf *,
		    const struct feed_state *);	/* state may be NULL: new */
void		 engine_update(struct fetch_engine *, struct fetch_feed *,
		    const struct feed_conf *);	/* on reload; keeps in-flight */
void		 engine_remove(struct fetch_engine *, struct fetch_feed *);
void		 engine_fetch_now(struct fetch_engine *, struct fetch_feed *);
/* Cluster mode: a held feed is not fetched; resumed from the given state. */
void		 engine_hold(struct fetch_engine *, struct fetch_feed *);
void		 engine_resume(struct fetch_engine *, struct fetch_feed *,
		    const struct feed_state *);
const char	*feed_host(const struct fetch_feed *);	/* politeness key */
/*
 * Cluster mode: before a request to a host that other nodes may ask too
 * (page says whether it is a page's), claim says how many seconds until
 * this node's turn in the cluster, one turn each interval; negative: ask
 * now, the local bucket alone holds.  Called once a request, after the
 * host's own token was taken.
 */
typedef double	(*host_claim_cb)(const char *, double, int, void *);
void		 engine_set_host_claim(struct fetch_engine *, host_claim_cb,
		    void *);
void		 engine_stop(struct fetch_engine *);	/* no new fetches */
size_t		 engine_inflight(const struct fetch_engine *);	/* running */
const struct feed_state *feed_state(const struct fetch_feed *);
const struct feed_conf *feed_conf(const struct fetch_feed *);
void		*feed_udata(const struct fetch_feed *);
void		 feed_set_udata(struct fetch_feed *, void *);
const char	*fetch_status_name(enum fetch_status);
const char	*feed_health_name(enum feed_health);
const char	*due_reason_name(enum due_reason);

/*
 * page.c: one page fetched once, for an article.  The same engine, guard,
 * caps, proxy and per-host politeness as feeds (the page's host is a host
 * like any other); the body is kept whole and handed to the callback.
 * The handle is valid until the callback has returned or the page is
 * cancelled (then nothing is reported).  A stopped engine starts no page.
 */
struct fetch_page;
struct page_report {
	enum fetch_status	 status;	/* FETCH_OK: body is the page */
	long			 http_code;
	const char		*body;		/* NUL-terminated */
	size_t			 len;
	const char		*url;		/* the final URL */
	char			 message[512];	/* names the URL */
	double			 seconds;
};
typedef void	(*page_done_cb)(const struct page_report *, void *);
struct fetch_page *engine_fetch_page(struct fetch_engine *,
		    const struct feed_conf *, const char *, page_done_cb,
		    void *);
void		 engine_cancel_page(struct fetch_engine *, struct fetch_page *);

/* sched.c: staleness, for the engine and for status. */
int64_t		 sched_learn_gap(int64_t, int64_t);
int64_t		 sched_stale_after(int64_t, int64_t);
void		 feed_state_free(struct feed_state *);	/* members only */
void		 engine_conf_defaults(struct engine_conf *);

#endif
