/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * control.c: the daemon's local control socket, [daemon] control, by
 * default STATE.ctl next to the state file (in cluster mode, whose state is
 * a URI, CONF_DEFAULT_CONTROL_PG), so that "sanctionctl status -c FILE"
 * finds it from the same config; mode 0600: whoever may read the state may
 * ask.
 *
 * One request line, one JSON reply, then the connection is closed.  All of
 * it runs on the loop through bufferevents, so a client is never waited
 * for: a request is at most CTL_MAX_REQUEST bytes, a client that sends
 * none, or does not read its reply, within CTL_TIMEOUT_SECS is dropped,
 * and at most CTL_MAX_CLIENTS are served at once.
 *
 * The state lock (statelock.c) is taken before this socket is made, so a
 * socket file already there was left by a daemon that died: it is replaced.
 */
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "daemon.h"

#define CTL_MAX_REQUEST		256
#define CTL_MAX_CLIENTS		32
#define CTL_TIMEOUT_SECS	5

struct ctl_client {
	struct control		*ctl;
	struct bufferevent	*bev;
	long			 pid;		/* of the peer, for the log */
	int			 replied;
	TAILQ_ENTRY(ctl_client)	 entry;
};

struct control {
	struct sanctiond	*sd;
	struct evconnlistener	*lev;
	struct event		*resume;	/* after accept ran out of fds */
	char			*path;
	size_t			 nclients;
	TAILQ_HEAD(, ctl_client) clients;
};

static void	client_event(struct bufferevent *, short, void *);

/* Outside strings (URLs, error messages) as JSON, valid UTF-8 or not. */
static json_t *
jstr(const char *s)
{
	json_t	*j;
	char	*c, *p;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	c = xstrdup(s);
	for (p = c; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(c);
	free(c);
	return j;
}

static json_t *
jtime(int64_t t)
{
	char	 buf[64];

	if (t <= 0)
		return json_null();
	date_format(t, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *
feed_json(const struct fetch_feed *ff)
{
	const struct feed_conf	*fc = feed_conf(ff);
	const struct feed_state	*st = feed_state(ff);
	json_t			*o, *e;
	int64_t			 iv;

	o = json_object();
	json_object_set_new(o, "name", jstr(fc->name));
	json_object_set_new(o, "url", jstr(st->url));
	json_object_set_new(o, "health", json_string(
	    feed_health_name(st->health)));
	json_object_set_new(o, "last_fetch", jtime(st->last_fetch));
	json_object_set_new(o, "last_success", jtime(st->last_ok));
	if (st->last_error > 0) {
		e = json_object();
		json_object_set_new(e, "time", jtime(st->last_error));
		json_object_set_new(e, "reason", jstr(st->error));
		json_object_set_new(o, "last_error", e);
	} else
		json_object_set_new(o, "last_error", json_null());
	if (st->health != FEED_GONE) {
		e = json_object();
		json_object_set_new(e, "time", jtime(st->next_due));
		json_object_set_new(e, "reason", json_string(
		    due_reason_name(st->due_why)));
		json_object_set_new(o, "next_poll", e);
	} else
		json_object_set_new(o, "next_poll", json_null());
	iv = st->interval > 0 ? st->interval : fc->interval;
	json_object_set_new(o, "interval", iv > 0 ? json_integer(iv) :
	    json_null());
	json_object_set_new(o, "failures", json_integer(st->failures));
	json_object_set_new(o, "items_seen", json_integer(st->items_seen));
	json_object_set_new(o, "last_new_items", jtime(st->last_new));
	json_object_set_new(o, "usual_gap", st->gap > 0 ?
	    json_integer(st->gap) : json_null());
	json_object_set_new(o, "stale_after", json_integer(
	    sched_stale_after(fc->stale_after, st->gap)));
	return o;
}

/* What "sanctionctl status" shows: {"daemon": {...}, "feeds": [...]}. */
json_t *
control_status_json(struct sanctiond *sd)
{
	json_t	*o, *d, *f, *feeds, *a;
	int64_t	 items = 0, events = 0, now = (int64_t)time(NULL);
	size_t	 i;

	store_counts(sd->store, &items, &events);
	d = json_object();
	json_object_set_new(d, "version", json_string(SANCTIOND_VERSION));
	json_object_set_new(d, "pid", json_integer((json_int_t)getpid()));
	json_object_set_new(d, "started", jtime(sd->started));
	json_object_set_new(d, "uptime", json_integer(now - sd->started));
	json_object_set_new(d, "last_seq", json_integer(
	    store_last_seq(sd->store)));
	json_object_set_new(d, "events", json_integer(events));
	json_object_set_new(d, "items", json_integer(items));
	/* What [daemon] retention kept: replay reaches back to oldest_seq. */
	json_object_set_new(d, "oldest_seq", json_integer(
	    store_oldest_seq(sd->store)));
	json_object_set_new(d, "pruned_seq", json_integer(
	    store_pruned_seq(sd->store)));
	json_object_set_new(d, "store_errors", json_integer(
	    store_errors(sd->store)));
	json_object_set_new(d, "publisher", json_string(
	    store_publisher(sd->store)));
	json_object_set_new(d, "publish", jstr(sd->conf->publish));
	json_object_set_new(d, "replay", jstr(sd->conf->replay));
	/* A URI may carry a password: cluster mode names no more. */
	json_object_set_new(d, "state", jstr(sd->cluster != NULL ?
	    "postgresql" : sd->conf->state));
	if (sd->cluster != NULL)
		json_object_set_new(d, "cluster", cluster_json(sd->cluster));
	/* Items' waits for their article, ended since the start, by status. */
	a = json_object();
	metrics_articles_json(a);
	json_object_set_new(a, "waiting", json_integer(
	    (json_int_t)artwait_count(sd)));
	json_object_set_new(d, "articles", a);
	feeds = json_array();
	for (i = 0; i < sd->nfeeds; i++) {
		f = feed_json(sd->feeds[i]);
		if (sd->cluster != NULL)
			json_object_set_new(f, "polled_here", json_boolean(
			    store_pg_owns(sd->store,
			    feed_host(sd->feeds[i]))));
		json_array_append_new(feeds, f);
	}
	o = json_object();
	json_object_set_new(o, "daemon", d);
	json_object_set_new(o, "feeds", feeds);
	return o;
}

static void
client_free(struct ctl_client *c)
{
	TAILQ_REMOVE(&c->ctl->clients, c, entry);
	c->ctl->nclients--;
	bufferevent_free(c->bev);
	free(c);
}

static void
client_drop(struct ctl_client *c, const char *why)
{
	log_warnx("control %s: client pid %ld: %s; dropped", c->ctl->path,
	    c->pid, why);
	client_free(c);
}

static void
written(struct bufferevent *bev, void *arg)
{
	(void)bev;
	client_free(arg);	/* the whole reply is out */
}

static void
reply(struct ctl_client *c, const char *req)
{
	struct evbuffer	*out = bufferevent_get_output(c->bev);
	json_t		*o;
	char		*text;

	if (strcmp(req, "status") == 0)
		o = control_status_json(c->ctl->sd);
	else {
		/* Not echoed: it is whatever the client sent. */
		log_warnx("control %s: client pid %ld: unknown request",
		    c->ctl->path, c->pid);
		o = json_pack("{s:s}", "error", "unknown request");
	}
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text == NULL)
		fatalx("json_dumps");
	evbuffer_add(out, text, strlen(text));
	evbuffer_add(out, "\n", 1);
	free(text);
	c->replied = 1;
	bufferevent_disable(c->bev, EV_READ);
	bufferevent_setcb(c->bev, NULL, written, client_event, c);
}

static void
readable(struct bufferevent *bev, void *arg)
{
	struct ctl_client	*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);
	size_t			 n;
	char			*line;

	if ((line = evbuffer_readln(in, &n, EVBUFFER_EOL_CRLF)) == NULL) {
		if (evbuffer_get_length(in) > CTL_MAX_REQUEST)
			client_drop(c, "request longer than 256 bytes");
		return;
	}
	if (n > CTL_MAX_REQUEST)
		client_drop(c, "request longer than 256 bytes");
	else
		reply(c, line);
	free(line);
}

static void
client_event(struct bufferevent *bev, short what, void *arg)
{
	struct ctl_client	*c = arg;

	(void)bev;
	if (what & BEV_EVENT_TIMEOUT)
		client_drop(c, c->replied ? "did not read its reply in 5s" :
		    "no request in 5s");
	else if ((what & BEV_EVENT_ERROR) && c->replied)
		client_drop(c, "left before its reply was sent");
	else
		client_free(c);	/* gone before asking: nothing to say */
}

static long
peer_pid(evutil_socket_t fd)
{
	struct ucred	 cr;
	socklen_t	 len = sizeof(cr);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == -1)
		return -1;
	return (long)cr.pid;
}

static void
accepted(struct evconnlistener *lev, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct control		*ctl = arg;
	struct ctl_client	*c;
	struct timeval		 tmo = { CTL_TIMEOUT_SECS, 0 };

	(void)lev;
	(void)sa;
	(void)salen;
	if (ctl->nclients >= CTL_MAX_CLIENTS) {
		log_warnx("control %s: client pid %ld: %d clients already; "
		    "refused", ctl->path, peer_pid(fd), CTL_MAX_CLIENTS);
		evutil_closesocket(fd);
		return;
	}
	c = xcalloc(1, sizeof(*c));
	c->ctl = ctl;
	c->pid = peer_pid(fd);
	if ((c->bev = bufferevent_socket_new(ctl->sd->base, fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL)
		fatalx("bufferevent_socket_new");
	TAILQ_INSERT_TAIL(&ctl->clients, c, entry);
	ctl->nclients++;
	bufferevent_setcb(c->bev, readable, NULL, client_event, c);
	bufferevent_set_timeouts(c->bev, &tmo, &tmo);
	bufferevent_enable(c->bev, EV_READ);
}

static void
resume(evutil_socket_t fd, short what, void *arg)
{
	struct control	*ctl = arg;

	(void)fd;
	(void)what;
	evconnlistener_enable(ctl->lev);
}

/* Out of descriptors, say: pause a second rather than spin on accept. */
static void
accept_failed(struct evconnlistener *lev, void *arg)
{
	struct control	*ctl = arg;
	struct timeval	 sec = { 1, 0 };

	log_warn("control %s: accept", ctl->path);
	evconnlistener_disable(lev);
	evtimer_add(ctl->resume, &sec);
}

/* A daemon listens on sun (connect() succeeds at once on a live one). */
static int
in_use(const struct sockaddr_un *sun)
{
	int	 fd, rv;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return 0;
	rv = connect(fd, (const struct sockaddr *)sun, sizeof(*sun)) == 0 ||
	    errno == EAGAIN;
	close(fd);
	return rv;
}

/* Bind path afresh, replacing a socket a dead daemon left, mode 0600. */
static int
bind_path(const char *path, char **errstr)
{
	struct sockaddr_un	 sun;
	struct stat		 sb;
	mode_t			 old;
	int			 fd, rv;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		xasprintf(errstr, "%s: longer than %zu bytes, too long for a "
		    "socket", path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if (lstat(path, &sb) == 0) {
		/* Cluster mode takes no state lock: two nodes, one path. */
		if (S_ISSOCK(sb.st_mode) && in_use(&sun)) {
			xasprintf(errstr, "%s: another daemon answers on it; "
			    "set [daemon] control", path);
			return -1;
		}
		if (!S_ISSOCK(sb.st_mode)) {
			xasprintf(errstr, "%s: exists and is not a socket; "
			    "not replaced", path);
			return -1;
		}
		if (unlink(path) == -1) {
			xasprintf(errstr, "%s: %s", path, strerror(errno));
			return -1;
		}
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		xasprintf(errstr, "%s: socket: %s", path, strerror(errno));
		return -1;
	}
	old = umask(0177);	/* made 0600, never wider for a moment */
	rv = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(old);
	if (rv == -1 || chmod(path, 0600) == -1) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

struct control *
control_open(struct sanctiond *sd, char **errstr)
{
	struct control	*ctl;
	int		 fd;

	*errstr = NULL;
	ctl = xcalloc(1, sizeof(*ctl));
	ctl->sd = sd;
	ctl->path = control_path(sd->conf);
	TAILQ_INIT(&ctl->clients);
	if ((fd = bind_path(ctl->path, errstr)) == -1) {
		free(ctl->path);
		free(ctl);
		return NULL;
	}
	if ((ctl->lev = evconnlistener_new(sd->base, accepted, ctl,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 16, fd)) == NULL) {
		xasprintf(errstr, "%s: listen: %s", ctl->path,
		    strerror(errno));
		close(fd);
		unlink(ctl->path);
		free(ctl->path);
		free(ctl);
		return NULL;
	}
	evconnlistener_set_error_cb(ctl->lev, accept_failed);
	ctl->resume = evtimer_new(sd->base, resume, ctl);
	return ctl;
}

void
control_close(struct control *ctl)
{
	struct ctl_client	*c;

	if (ctl == NULL)
		return;
	while ((c = TAILQ_FIRST(&ctl->clients)) != NULL)
		client_free(c);
	evconnlistener_free(ctl->lev);
	event_free(ctl->resume);
	unlink(ctl->path);
	free(ctl->path);
	free(ctl);
}
