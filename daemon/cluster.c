/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * cluster.c: cluster mode on the loop (state = postgresql://...).  Every
 * node has every configured feed in its engine, held (not fetched) unless
 * this node holds the lease of the feed's host: one owner per host, so the
 * per-host politeness of one engine holds for the cluster.
 *
 * Leases are renewed every quarter lease with the database's clock
 * (store_pg_leases).  Our own clock says when they run out: a node that
 * was paused, or could not reach the database, stops every feed before it
 * fetches again, and takes them up only once the database says they are
 * still, or again, its own.  The lease timer runs at the loop's first
 * priority, so that after a pause it runs before any fetch timer does.
 *
 * Events other nodes commit are published here too, in seq order: a
 * notification (LISTEN) or the poll wakes us, the outbox sends them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "daemon.h"

#define POLL_MS		250	/* without a notification */

struct cluster {
	struct sanctiond	*sd;
	struct event		*lease_ev;
	struct event		*poll_ev;
	struct event		*sock_ev;
	int			 fd;
	double			 valid_until;	/* monotonic */
	int			 valid;
	int64_t			 errors;	/* store errors at the last resume */
};

/* Hold or take up every feed of the hosts in list. */
static size_t
feeds_of(struct cluster *cl, const struct strlist *hosts, int take)
{
	struct sanctiond	*sd = cl->sd;
	struct feed_state	 st;
	size_t			 i, n = 0;
	int			 found;

	for (i = 0; i < sd->nfeeds; i++) {
		if (!strlist_has(hosts, feed_host(sd->feeds[i])))
			continue;
		n++;
		if (!take) {
			engine_hold(sd->engine, sd->feeds[i]);
			continue;
		}
		/* The last owner's state: validators, when it is due. */
		found = store_feed_load(sd->store,
		    feed_conf(sd->feeds[i])->name, &st);
		engine_resume(sd->engine, sd->feeds[i],
		    found == 1 ? &st : NULL);
		if (found == 1)
			feed_state_free(&st);
	}
	return n;
}

static void
report(struct cluster *cl, const struct strlist *l, int take)
{
	size_t	 i, n;

	for (i = 0; i < l->n; i++) {
		n = feeds_of(cl, &(struct strlist){ &l->v[i], 1, 1 }, take);
		log_info("cluster: node %s %s host %s (%zu feeds)",
		    store_pg_node(cl->sd->store), take ? "polls" :
		    "no longer polls", l->v[i], n);
	}
}

static void
lease_cb(evutil_socket_t fd, short what, void *arg)
{
	struct cluster	*cl = arg;
	struct strlist	 gained, lost;
	double		 t0 = mono_now();
	int64_t		 lease = cl->sd->conf->lease;

	(void)fd;
	(void)what;
	memset(&gained, 0, sizeof(gained));
	memset(&lost, 0, sizeof(lost));
	if (cl->valid && t0 > cl->valid_until) {
		log_warnx("cluster: node %s: leases ran out before they were "
		    "renewed (paused, or the database unreachable); its "
		    "feeds wait", store_pg_node(cl->sd->store));
		store_pg_drop(cl->sd->store, &lost);
		cl->valid = 0;
	}
	report(cl, &lost, 0);
	strlist_free(&lost);
	if (store_pg_leases(cl->sd->store, &gained, &lost) == 0) {
		/* A margin for the two clocks' rates and the round trip. */
		cl->valid_until = t0 + (double)lease * 0.8;
		cl->valid = 1;
	}
	report(cl, &lost, 0);
	report(cl, &gained, 1);
	/*
	 * What the hosts' last owner left waiting for its article; and after
	 * store errors, what we held ourselves: a COMMIT whose answer was
	 * lost may have stored a hold that we dropped, a release that failed
	 * left its hold in place.
	 */
	if (cl->valid && (gained.n > 0 ||
	    store_errors(cl->sd->store) != cl->errors)) {
		cl->errors = store_errors(cl->sd->store);
		artwait_resume(cl->sd);
	}
	strlist_free(&gained);
	strlist_free(&lost);
}

static void
poll_cb(evutil_socket_t fd, short what, void *arg)
{
	struct cluster	*cl = arg;
	int		 nfd;

	(void)fd;
	(void)what;
	if (store_tick(cl->sd->store) > 0)
		outbox_flush(cl->sd->store, cl->sd->pub);
	/* A reconnection has a socket of its own. */
	if ((nfd = store_pg_socket(cl->sd->store)) != cl->fd) {
		if (cl->sock_ev != NULL)
			event_free(cl->sock_ev);
		cl->sock_ev = NULL;
		if ((cl->fd = nfd) >= 0) {
			cl->sock_ev = event_new(cl->sd->base, nfd,
			    EV_READ | EV_PERSIST, poll_cb, cl);
			event_add(cl->sock_ev, NULL);
		}
	}
}

/* Every configured feed's row and host, in the database. */
int
cluster_feeds(struct cluster *cl)
{
	struct sanctiond	*sd = cl->sd;
	const char		**names, **hosts;
	size_t			 i;
	int			 rv;

	names = xcalloc(sd->nfeeds + 1, sizeof(*names));
	hosts = xcalloc(sd->nfeeds + 1, sizeof(*hosts));
	for (i = 0; i < sd->nfeeds; i++) {
		names[i] = feed_conf(sd->feeds[i])->name;
		hosts[i] = feed_host(sd->feeds[i]);
		if (!store_pg_owns(sd->store, hosts[i]))
			engine_hold(sd->engine, sd->feeds[i]);
	}
	rv = store_pg_feeds(sd->store, names, hosts, sd->nfeeds);
	free(names);
	free(hosts);
	return rv;
}

/*
 * What "sanctionctl status" says of this node: its name, its lease, whether
 * it holds its leases now by its own clock ("valid", for how long more) or
 * not ("lapsed": paused or cut off, fetching nothing), the hosts it polls.
 */
json_t *
cluster_json(const struct cluster *cl)
{
	struct strlist	 hosts;
	json_t		*o, *a;
	double		 left = cl->valid_until - mono_now();
	size_t		 i;
	int		 valid = cl->valid && left > 0;

	strlist_init(&hosts);
	store_pg_hosts(cl->sd->store, &hosts);
	a = json_array();
	for (i = 0; i < hosts.n; i++)
		json_array_append_new(a, json_string(hosts.v[i]));
	strlist_free(&hosts);
	o = json_object();
	json_object_set_new(o, "node", json_string(store_pg_node(
	    cl->sd->store)));
	json_object_set_new(o, "lease", json_integer(cl->sd->conf->lease));
	json_object_set_new(o, "leases", json_string(valid ? "valid" :
	    "lapsed"));
	json_object_set_new(o, "valid_for", json_real(valid ?
	    floor(left * 10) / 10 : 0));
	json_object_set_new(o, "database", json_string(store_pg_online(
	    cl->sd->store) ? "connected" : "unreachable"));
	json_object_set_new(o, "hosts", a);
	return o;
}

/* A request to a host others may ask too waits for its cluster turn. */
static double
host_turn(const char *host, double interval, int page, void *arg)
{
	struct cluster	*cl = arg;

	return store_pg_turn(cl->sd->store, host, interval, page);
}

struct cluster *
cluster_start(struct sanctiond *sd)
{
	struct cluster	*cl;
	struct timeval	 tv, poll = { 0, POLL_MS * 1000 };
	int64_t		 ms;

	cl = xcalloc(1, sizeof(*cl));
	cl->sd = sd;
	cl->fd = -1;
	store_pg_set_lease(sd->store, sd->conf->lease);
	if (cluster_feeds(cl) == -1) {
		free(cl);
		return NULL;
	}
	ms = sd->conf->lease * 1000 / 4;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	cl->lease_ev = event_new(sd->base, -1, EV_PERSIST, lease_cb, cl);
	event_priority_set(cl->lease_ev, 0);
	event_add(cl->lease_ev, &tv);
	cl->poll_ev = event_new(sd->base, -1, EV_PERSIST, poll_cb, cl);
	event_add(cl->poll_ev, &poll);
	engine_set_host_claim(sd->engine, host_turn, cl);
	lease_cb(-1, 0, cl);
	poll_cb(-1, 0, cl);
	log_info("cluster: node %s, lease %llds, publisher %s",
	    store_pg_node(sd->store), (long long)sd->conf->lease,
	    store_publisher(sd->store));
	return cl;
}

void
cluster_stop(struct cluster *cl)
{
	if (cl == NULL)
		return;
	engine_set_host_claim(cl->sd->engine, NULL, NULL);
	if (cl->lease_ev != NULL)
		event_free(cl->lease_ev);
	if (cl->poll_ev != NULL)
		event_free(cl->poll_ev);
	if (cl->sock_ev != NULL)
		event_free(cl->sock_ev);
	free(cl);
}
