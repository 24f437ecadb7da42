/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * reload.c: SIGHUP.  The new file is read and checked in full first; a bad
 * one is refused and the running configuration stays.  A good one changes
 * the feeds in place: added, removed, or updated through the engine, which
 * lets a fetch already in flight finish.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

static int
str_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

static int
strlist_equal(const struct strlist *a, const struct strlist *b)
{
	size_t	 i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static void
swap_str(char **a, char **b)
{
	char	*t = *a;

	*a = *b;
	*b = t;
}

/*
 * The state file, the sockets and the engine's own settings are fixed at
 * start; a change to them is reported and ignored, so that the running
 * configuration keeps saying what is really in use.
 */
static void
keep_restart_keys(struct daemon_conf *old, struct daemon_conf *nc)
{
	const struct engine_conf	*oe = &old->engine, *ne = &nc->engine;
	int64_t				 interval = ne->default_interval;
	int				 ua_ours;
	struct strlist			 allow;

	if (str_differs(old->state, nc->state) ||
	    str_differs(old->publish, nc->publish) ||
	    str_differs(old->replay, nc->replay) ||
	    str_differs(old->curve_secret, nc->curve_secret) ||
	    !strlist_equal(&old->curve_allow, &nc->curve_allow))
		log_warnx("%s: state, publish, replay and curve keys change "
		    "only on a restart", nc->path);
	if (str_differs(old->metrics_host, nc->metrics_host) ||
	    str_differs(old->metrics_port, nc->metrics_port))
		log_warnx("%s: metrics changes only on a restart", nc->path);
	if (str_differs(old->node, nc->node) || old->lease != nc->lease)
		log_warnx("%s: node and lease change only on a restart",
		    nc->path);
	swap_str(&old->node, &nc->node);
	nc->lease = old->lease;
	if (oe->allow_private != ne->allow_private ||
	    str_differs(old->user_agent, nc->user_agent) ||
	    oe->max_body != ne->max_body ||
	    oe->connect_timeout != ne->connect_timeout ||
	    oe->total_timeout != ne->total_timeout ||
	    oe->host_rate != ne->host_rate || oe->host_conns != ne->host_conns)
		log_warnx("%s: allow_private_addresses, user_agent, max_body, "
		    "timeouts and host limits change only on a restart",
		    nc->path);
	ua_ours = old->user_agent != NULL &&
	    old->engine.user_agent == old->user_agent;
	swap_str(&old->state, &nc->state);
	swap_str(&old->publish, &nc->publish);
	swap_str(&old->replay, &nc->replay);
	swap_str(&old->metrics_host, &nc->metrics_host);
	swap_str(&old->metrics_port, &nc->metrics_port);
	swap_str(&old->user_agent, &nc->user_agent);
	swap_str(&old->curve_secret, &nc->curve_secret);
	allow = old->curve_allow;
	old->curve_allow = nc->curve_allow;
	nc->curve_allow = allow;
	nc->engine = old->engine;
	if (ua_ours)
		nc->engine.user_agent = nc->user_agent;
	nc->engine.default_interval = interval;
}

/* A new user name or password is a change too (and is not logged). */
static int
same_cred(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* How a feed is fetched: proxy, user agent, headers, HTTP version, articles. */
static int
fetch_opts_differ(const struct feed_conf *a, const struct feed_conf *b)
{
	return str_differs(a->proxy, b->proxy) ||
	    str_differs(a->user_agent, b->user_agent) ||
	    !strlist_equal(&a->headers, &b->headers) || a->http1 != b->http1 ||
	    a->fetch_article != b->fetch_article;
}

static void
apply_feeds(struct sanctiond *sd, struct daemon_conf *nc)
{
	struct fetch_feed	**nf;
	const struct feed_conf	*fc, *oc;
	struct strindex		 old;
	char			*kept;
	size_t			 i, j;
	int			 batch;

	/* By name through an index: a reload of 50k feeds is no stall. */
	strindex_init(&old);
	for (j = 0; j < sd->nfeeds; j++)
		strindex_add(&old, sd->conf->feeds[j].name, j);
	nf = xcalloc(nc->nfeeds ? nc->nfeeds : 1, sizeof(*nf));
	kept = xcalloc(sd->nfeeds ? sd->nfeeds : 1, 1);
	/* The added feeds' states in one read transaction (see loop.c). */
	batch = sd->cluster == NULL && store_batch_begin(sd->store) == 0;
	for (i = 0; i < nc->nfeeds; i++) {
		fc = &nc->feeds[i];
		if ((j = strindex_get(&old, fc->name)) == (size_t)-1) {
			nf[i] = daemon_add_feed(sd, fc);
			log_info("feed %s: added (%s)", fc->name, fc->url);
			continue;
		}
		oc = &sd->conf->feeds[j];
		nf[i] = sd->feeds[j];
		kept[j] = 1;
		if (strcmp(oc->url, fc->url) != 0 ||
		    !same_cred(oc->user, fc->user) ||
		    !same_cred(oc->password, fc->password) ||
		    fetch_opts_differ(oc, fc) ||
		    oc->interval != fc->interval ||
		    oc->stale_after != fc->stale_after) {
			engine_update(sd->engine, nf[i], fc);
			log_info("feed %s: changed (%s, every %llds)", fc->name,
			    fc->url, (long long)fc->interval);
		}
	}
	if (batch)
		store_batch_commit(sd->store);
	for (j = 0; j < sd->nfeeds; j++)
		if (!kept[j]) {
			log_info("feed %s: removed", sd->conf->feeds[j].name);
			engine_remove(sd->engine, sd->feeds[j]);
		}
	strindex_free(&old);
	free(kept);
	free(sd->feeds);
	sd->feeds = nf;
	sd->nfeeds = nc->nfeeds;
}

void
daemon_reload(struct sanctiond *sd)
{
	struct daemon_conf	*nc;
	struct strlist		 errs;
	size_t			 i;

	if (sd->stopping || sd->once)
		return;
	notify_reloading();
	log_info("%s: reloading", sd->conf->path);
	strlist_init(&errs);
	if ((nc = config_load(sd->conf->path, &errs)) == NULL) {
		for (i = 0; i < errs.n; i++)
			log_warnx("%s", errs.v[i]);
		log_warnx("%s: reload refused; the running configuration "
		    "stays", sd->conf->path);
		strlist_free(&errs);
		notify_ready();
		return;
	}
	strlist_free(&errs);
	daemon_save_states(sd);		/* before feeds can go away */
	keep_restart_keys(sd->conf, nc);
	apply_feeds(sd, nc);
	if (sd->cluster != NULL)
		cluster_feeds(sd->cluster);
	log_setlevel(nc->log_level);
	config_free(sd->conf);
	sd->conf = nc;
	log_info("%s: reloaded, %zu feeds", nc->path, nc->nfeeds);
	notify_ready();
	daemon_status(sd);
}
