/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_status.c: sanctionctl status [-c FILE] [--json] [--check]
 *
 * Asks the running daemon, through the control socket its config implies
 * (STATE.ctl), for its state, and shows it: a table, the daemon's JSON
 * object with --json, or only an exit status with --check: 0 when every
 * feed is ok (one not fetched yet counts as ok), 1 when any is failing,
 * stale or gone, 2 when the daemon cannot be asked.  A daemon that does not
 * answer is given CTL_DEADLINE_MS in all, so that a monitor never hangs.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

#define CTL_DEADLINE_MS		4000
#define CTL_MAX_REPLY		(256 * 1024 * 1024)
#define EXIT_UNREACHABLE	2

static void
status_usage(void)
{
	fprintf(stderr, "usage: sanctionctl status [-c FILE] [--json] "
	    "[--check]\n");
	exit(EXIT_UNREACHABLE);
}

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for fd to be ready for ev before the deadline; -1: it passed. */
static int
wait_fd(int fd, short ev, int64_t deadline)
{
	struct pollfd	 pfd = { .fd = fd, .events = ev };
	int64_t		 left;
	int		 n;

	for (;;) {
		if ((left = deadline - mono_ms()) <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if ((n = poll(&pfd, 1, (int)left)) > 0)
			return 0;
		if (n == -1 && errno != EINTR)
			return -1;
	}
}

static int
ctl_connect(const char *path, int64_t deadline)
{
	struct sockaddr_un	 sun;
	int			 fd, err;
	socklen_t		 len = sizeof(err);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
		return fd;
	/* A full backlog: EAGAIN on a Unix socket, then wait like TCP. */
	if (errno != EINPROGRESS && errno != EAGAIN)
		goto fail;
	if (wait_fd(fd, POLLOUT, deadline) == -1)
		goto fail;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		goto fail;
	if (err != 0) {
		errno = err;
		goto fail;
	}
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/* Send "status", read the reply to EOF; NULL with errno on failure. */
static char *
ask(const char *path, size_t *lenp)
{
	static const char	 req[] = "status\n";
	struct buf		 b;
	int64_t			 deadline = mono_ms() + CTL_DEADLINE_MS;
	char			 chunk[65536];
	ssize_t			 n;
	size_t			 off = 0;
	int			 fd, err;

	if ((fd = ctl_connect(path, deadline)) == -1)
		return NULL;
	buf_init(&b);
	while (off < sizeof(req) - 1) {
		n = send(fd, req + off, sizeof(req) - 1 - off, MSG_NOSIGNAL);
		if (n > 0)
			off += (size_t)n;
		else if (n == -1 && errno != EAGAIN && errno != EINTR)
			goto fail;
		else if (wait_fd(fd, POLLOUT, deadline) == -1)
			goto fail;
	}
	for (;;) {
		n = recv(fd, chunk, sizeof(chunk), 0);
		if (n == 0)
			break;
		if (n > 0) {
			if (b.len + (size_t)n > CTL_MAX_REPLY) {
				errno = EMSGSIZE;
				goto fail;
			}
			buf_add(&b, chunk, (size_t)n);
		} else if (errno != EAGAIN && errno != EINTR)
			goto fail;
		else if (wait_fd(fd, POLLIN, deadline) == -1)
			goto fail;
	}
	close(fd);
	if (b.len == 0) {
		buf_free(&b);
		errno = ECONNRESET;
		return NULL;
	}
	*lenp = b.len;
	return buf_release(&b);
fail:
	err = errno;
	close(fd);
	buf_free(&b);
	errno = err;
	return NULL;
}

static const char *
jget_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "-";
}

/* An outside string, made safe for a terminal. */
static void
put_safe(struct buf *b, const char *s)
{
	log_escape(b, s);
}

/* "3m ago", "in 2h": an RFC 3339 time against now. */
static void
put_rel(struct buf *b, json_t *t)
{
	const char	*s = json_string_value(t);
	int64_t		 when, d;
	const char	*unit = "s";
	int		 future;

	if (s == NULL || (when = date_parse(s)) <= 0) {
		buf_adds(b, "-");
		return;
	}
	d = when - (int64_t)time(NULL);
	if ((future = d > 0) == 0)
		d = -d;
	if (d >= 86400 * 2) {
		d /= 86400;
		unit = "d";
	} else if (d >= 3600 * 2) {
		d /= 3600;
		unit = "h";
	} else if (d >= 120) {
		d /= 60;
		unit = "m";
	}
	if (future)
		buf_printf(b, "in %lld%s", (long long)d, unit);
	else
		buf_printf(b, "%lld%s ago", (long long)d, unit);
}

/* Cluster mode: which node this is, its leases, the hosts it polls. */
static void
put_cluster(struct buf *b, json_t *c)
{
	json_t	*h;
	size_t	 i;

	buf_adds(b, "cluster node ");
	put_safe(b, jget_str(c, "node"));
	buf_printf(b, ", leases %s", jget_str(c, "leases"));
	if (strcmp(jget_str(c, "leases"), "valid") == 0)
		buf_printf(b, " (%.1fs more)", json_number_value(
		    json_object_get(c, "valid_for")));
	buf_printf(b, ", database %s, polls %zu hosts",
	    jget_str(c, "database"), json_array_size(json_object_get(c,
	    "hosts")));
	json_array_foreach(json_object_get(c, "hosts"), i, h) {
		buf_adds(b, i == 0 ? ": " : " ");
		put_safe(b, json_string_value(h) != NULL ?
		    json_string_value(h) : "-");
	}
	buf_addc(b, '\n');
}

static void
print_table(json_t *o)
{
	json_t		*d = json_object_get(o, "daemon");
	json_t		*feeds = json_object_get(o, "feeds"), *f, *e, *c, *a;
	struct buf	 b, cell;
	size_t		 i;

	buf_init(&b);
	buf_init(&cell);
	buf_printf(&b, "sanctiond %s, pid %lld, up %llds, last seq %lld, "
	    "%lld events and %lld items stored\n", jget_str(d, "version"),
	    (long long)json_integer_value(json_object_get(d, "pid")),
	    (long long)json_integer_value(json_object_get(d, "uptime")),
	    (long long)json_integer_value(json_object_get(d, "last_seq")),
	    (long long)json_integer_value(json_object_get(d, "events")),
	    (long long)json_integer_value(json_object_get(d, "items")));
	if ((c = json_object_get(d, "cluster")) != NULL)
		put_cluster(&b, c);
	if ((a = json_object_get(d, "articles")) != NULL)
		buf_printf(&b, "articles: %lld ok, %lld failed, %lld timeout, "
		    "%lld not_article, %lld waiting\n",
		    (long long)json_integer_value(json_object_get(a, "ok")),
		    (long long)json_integer_value(json_object_get(a, "failed")),
		    (long long)json_integer_value(json_object_get(a,
		    "timeout")),
		    (long long)json_integer_value(json_object_get(a,
		    "not_article")),
		    (long long)json_integer_value(json_object_get(a,
		    "waiting")));
	buf_printf(&b, "%-20s %-8s %-10s %-10s %-24s %6s  %s\n", "FEED",
	    "HEALTH", "LAST OK", "LAST ERROR", "NEXT POLL", "ITEMS", "URL");
	json_array_foreach(feeds, i, f) {
		buf_reset(&cell);
		put_safe(&cell, jget_str(f, "name"));
		buf_printf(&b, "%-20s %-8s ", cell.d, jget_str(f, "health"));
		buf_reset(&cell);
		put_rel(&cell, json_object_get(f, "last_success"));
		buf_printf(&b, "%-10s ", cell.d);
		buf_reset(&cell);
		e = json_object_get(f, "last_error");
		put_rel(&cell, json_object_get(e, "time"));
		buf_printf(&b, "%-10s ", cell.d);
		buf_reset(&cell);
		e = json_object_get(f, "next_poll");
		put_rel(&cell, json_object_get(e, "time"));
		if (json_is_object(e))
			buf_printf(&cell, " (%s)", jget_str(e, "reason"));
		buf_printf(&b, "%-24s %6lld  ", cell.d, (long long)
		    json_integer_value(json_object_get(f, "items_seen")));
		put_safe(&b, jget_str(f, "url"));
		buf_addc(&b, '\n');
		e = json_object_get(f, "last_error");
		if (json_is_object(e) && strcmp(jget_str(f, "health"),
		    "ok") != 0) {
			buf_adds(&b, "    last error: ");
			put_safe(&b, jget_str(e, "reason"));
			buf_addc(&b, '\n');
		}
	}
	fputs(b.d, stdout);
	buf_free(&cell);
	buf_free(&b);
}

/* 0: every feed ok (or not fetched yet); 1: any failing, stale, gone. */
static int
check(json_t *o)
{
	json_t		*f, *c;
	struct buf	 b;
	const char	*h;
	size_t		 i;
	int		 bad = 0;

	buf_init(&b);
	c = json_object_get(json_object_get(o, "daemon"), "cluster");
	if (c != NULL && strcmp(jget_str(c, "leases"), "valid") != 0) {
		bad = 1;
		buf_reset(&b);
		put_safe(&b, jget_str(c, "node"));
		fprintf(stderr, "sanctionctl: status: cluster node %s: leases "
		    "%s (database %s): it polls nothing\n", b.d,
		    jget_str(c, "leases"), jget_str(c, "database"));
	}
	json_array_foreach(json_object_get(o, "feeds"), i, f) {
		/* Cluster mode: another node polls it, and says. */
		if (json_is_false(json_object_get(f, "polled_here")))
			continue;
		h = jget_str(f, "health");
		if (strcmp(h, "ok") == 0 || strcmp(h, "new") == 0)
			continue;
		bad = 1;
		buf_reset(&b);
		put_safe(&b, jget_str(f, "name"));
		fprintf(stderr, "sanctionctl: status: feed %s is %s\n", b.d, h);
	}
	buf_free(&b);
	return bad;
}

int
ctl_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "check", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*path = CONF_DEFAULT_PATH;
	struct daemon_conf	*conf;
	struct strlist		 errs;
	json_error_t		 jerr;
	json_t			*o;
	char			*sock, *reply;
	size_t			 i, len = 0;
	int			 ch, json = 0, chk = 0, rv = 0;

	while ((ch = getopt_long(argc, argv, "+c:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'C':
			chk = 1;
			break;
		default:
			status_usage();
		}
	}
	if (optind != argc)
		status_usage();
	strlist_init(&errs);
	if ((conf = config_load(path, &errs)) == NULL) {
		for (i = 0; i < errs.n; i++)
			fprintf(stderr, "sanctionctl: status: %s\n", errs.v[i]);
		strlist_free(&errs);
		return EXIT_UNREACHABLE;
	}
	strlist_free(&errs);
	sock = control_path(conf);
	config_free(conf);
	if ((reply = ask(sock, &len)) == NULL) {
		fprintf(stderr, "sanctionctl: status: %s: %s (is sanctiond "
		    "running?)\n", sock, strerror(errno));
		free(sock);
		return EXIT_UNREACHABLE;
	}
	o = json_loadb(reply, len, 0, &jerr);
	free(reply);
	if (o == NULL || !json_is_object(json_object_get(o, "daemon"))) {
		fprintf(stderr, "sanctionctl: status: %s: %s\n", sock,
		    o == NULL ? "the reply is not JSON" : json_string_value(
		    json_object_get(o, "error")) != NULL ? json_string_value(
		    json_object_get(o, "error")) : "not a status reply");
		json_decref(o);
		free(sock);
		return EXIT_UNREACHABLE;
	}
	free(sock);
	if (chk)
		rv = check(o);
	else if (json) {
		reply = json_line(o);
		puts(reply);
		free(reply);
	} else
		print_table(o);
	json_decref(o);
	return rv;
}
