/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * internal.h: what the files of fetchers/ share with each other (and with
 * their unit tests), and nobody else.  One section per source file.
 */
#ifndef FETCHERS_INTERNAL_H
#define FETCHERS_INTERNAL_H

#include <sys/queue.h>
#include <sys/socket.h>

#include <stdint.h>

#include <curl/curl.h>

#include "fetchers.h"

struct event;

/* sched.c: seconds throughout. */
#define SCHED_DEFAULT_INTERVAL	900	/* adaptive start: 15 min */
#define SCHED_MIN_ADAPTIVE	300
#define SCHED_MAX_INTERVAL	86400
#define SCHED_MAX_RETRY_AFTER	(7 * 86400)	/* a sane bound, logged */
#define SCHED_OUTAGE_WINDOW	32
#define SCHED_OUTAGE_SECS	120
#define SCHED_OUTAGE_MIN	8
#define SCHED_STALE_GAPS	8	/* stale after 8 usual gaps ... */
#define SCHED_STALE_MIN		86400	/* ... and at least a day */
#define SCHED_GAP_MAX		(90 * 86400)	/* one sample's sway */

/* What the last fetch told the scheduler. */
struct sched_input {
	enum fetch_status	 status;
	int64_t			 now;
	int64_t			 conf_interval;	/* 0: adaptive */
	int64_t			 retry_at;	/* absolute; 0 or -1: none */
	int64_t			 freshness;	/* max-age/Expires; -1: none */
	long long		 ttl;		/* RSS <ttl>; -1: none */
	size_t			 new_items;
	int			 outage;	/* local outage: no blame */
	int64_t			 stale_after;	/* written; 0: learned */
};

/* The recent completions, to tell a local outage from broken feeds. */
struct outage {
	int64_t		 when[SCHED_OUTAGE_WINDOW];
	unsigned char	 net[SCHED_OUTAGE_WINDOW];
	uint32_t	 host[SCHED_OUTAGE_WINDOW];
	size_t		 head;
	size_t		 n;
};

int64_t		 sched_jitter(int64_t, double);
int64_t		 sched_adapt(int64_t, size_t, int64_t);
int64_t		 sched_backoff(int64_t, int);
int64_t		 sched_retry_after(const char *, int64_t);
int64_t		 sched_freshness(const char *, const char *, int64_t);
int		 sched_is_success(enum fetch_status);
int		 sched_is_network(enum fetch_status);
enum feed_health sched_after_fetch(struct feed_state *,
		    const struct sched_input *, double);
int64_t		 sched_initial_due(const struct feed_state *, int64_t, int64_t,
		    double);
void		 outage_record(struct outage *, int64_t, int, uint32_t);
int		 outage_active(const struct outage *, int64_t);

/* guard.c */
const char	*guard_class4(uint32_t);
const char	*guard_class6(const unsigned char *);
const char	*guard_class(const struct sockaddr *);
void		 guard_addr_string(const struct sockaddr *, char *, size_t);
struct guard_proxy {
	int		 set;
	unsigned short	 port;
	int		 family;	/* AF_UNSPEC: the proxy is a name */
	unsigned char	 addr[16];
};
int		 guard_proxy_init(struct guard_proxy *, const char *);
int		 guard_is_proxy(const struct guard_proxy *,
		    const struct sockaddr *);
const char	*guard_url_class(const char *);

/* host.c: per-host politeness in our own queue. */
struct host {
	char			*name;
	uint32_t		 hash;
	struct host		*next;		/* hash chain */
	int			 active;	/* transfers running */
	double			 tokens;
	double			 refilled;	/* monotonic seconds */
	TAILQ_HEAD(, fetch_feed) queue;
	struct event		*ev;		/* waits for a token */
	struct fetch_engine	*eng;
};

struct host	*host_get(struct fetch_engine *, const char *);
void		 host_enqueue(struct host *, struct fetch_feed *);
void		 host_dequeue(struct host *, struct fetch_feed *);
void		 host_dispatch(struct host *);
void		 host_free_all(struct fetch_engine *);
char		*host_of_url(const char *);

/* transfer.c: one fetch on one easy handle. */
struct transfer {
	struct fetch_feed	*feed;
	CURL			*easy;
	struct curl_slist	*hdrs;
	char			 errbuf[CURL_ERROR_SIZE];
	long			 code;		/* of the current hop */
	int			 hops;
	int			 all_permanent;	/* every redirect 301/308 */
	char			*etag;		/* of the final response */
	char			*last_modified;
	char			*retry_after;
	char			*cache_control;
	char			*expires;
	char			*charset;
	size_t			 bytes;		/* after decompression */
	int			 too_large;
	int			 sink_failed;
	char			 refused[160];	/* the guard's reason */
	int			 refuse_all;	/* no socket at all */
	struct guard_proxy	 proxy;		/* the hop we may connect to */
	int			 decided;	/* compare by hash or not */
	int			 buffering;	/* compare by hash */
	struct buf		 body;
	size_t			 parsed;	/* of body, into the sink */
	CURLcode		 rc;		/* done: how it ended */
	TAILQ_ENTRY(transfer)	 dentry;	/* done: engine's queue */
	int			 done;		/* in that queue */
	void			*sinkctx;
	int			 began;
	struct XXH3_state_s	*hash;		/* of the 200 body, as it comes */
	double			 started;
};

struct transfer	*transfer_new(struct fetch_feed *);
void		 transfer_free(struct transfer *);
void		 transfer_finish(struct transfer *, CURLcode,
		    struct fetch_report *);
void		 transfer_abort_sink(struct transfer *);
int		 transfer_parse_step(struct transfer *, CURLcode, size_t);

/* page.c */
void		 page_finish(struct fetch_engine *, struct transfer *,
		    CURLcode);
void		 page_free_all(struct fetch_engine *);

/* engine.c */
struct fetch_feed {
	struct fetch_engine	*eng;
	struct feed_conf	 conf;
	struct feed_state	 st;
	void			*udata;
	double			 due;		/* next_due, to the microsecond */
	size_t			 heap_idx;	/* SIZE_MAX: not scheduled */
	struct host		*host;
	int			 queued;	/* waiting in host->queue */
	TAILQ_ENTRY(fetch_feed)	 qentry;
	struct transfer		*xfer;		/* while in flight */
	TAILQ_ENTRY(fetch_feed)	 entry;		/* engine's list of all */
	page_done_cb		 page_cb;	/* non-NULL: a page (page.c) */
	void			*page_arg;
	int			 claimed;	/* its cluster turn is taken */
	double			 turn;		/* ... at this time (mono) */
};

struct fetch_engine {
	struct event_base	*base;
	struct engine_conf	 conf;
	struct fetch_sink	 sink;
	fetch_done_cb		 done;
	void			*arg;
	CURLM			*multi;
	struct event		*curl_timer;
	struct event		*due_timer;
	struct event		*drain;		/* works through doneq */
	TAILQ_HEAD(, transfer)	 doneq;		/* transfers to finish, FIFO */
	size_t			 queued;	/* in doneq */
	unsigned long		 slices;	/* of the drain, for tests */
	struct fetch_feed	**heap;
	size_t			 nheap;
	size_t			 heapcap;
	struct host		**hosts;
	size_t			 nbuckets;
	size_t			 nhosts;
	size_t			 running;
	int			 stopped;
	struct outage		 outage;
	TAILQ_HEAD(, fetch_feed) feeds;
	TAILQ_HEAD(, fetch_feed) pages;		/* one-shot fetches */
	CURLSH			*share;		/* TLS sessions, for every handle */
	host_claim_cb		 claim;		/* cluster mode, or NULL */
	void			*claim_arg;
};

void		 engine_start_transfer(struct fetch_engine *, struct fetch_feed *);
void		 feed_cancel(struct fetch_engine *, struct fetch_feed *);
void		 feed_set_conf(struct fetch_feed *, const struct feed_conf *);
void		 feed_conf_free(struct feed_conf *);
double		 engine_random(void);
const char	*feed_label(const struct fetch_feed *);

#endif
