/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_conn.c: a sanctionctl client socket's connection to the daemon,
 * watched, so that a client says what is wrong instead of waiting in
 * silence.
 *
 * ZeroMQ connects lazily and retries for ever; zmq_connect() succeeds
 * whether or not anything listens.  So we check the endpoint's form and
 * resolve its host ourselves first, then read the socket's monitor: a
 * handshake that succeeds means the daemon is there; a CURVE refusal is
 * reported by libzmq (>= 4.3) as a handshake event, a ZAP status 400 when
 * our key is not on the allow-list; a wrong server key (or CURVE on one
 * side only) shows only as the daemon hanging up mid-handshake, every
 * time.  Nothing of the kind within the caller's time: we try one plain
 * TCP connection to name the reason (refused, unreachable, no answer).
 *
 * After the first handshake, ctl_conn_event() turns the monitor's events
 * into "lost" (once per loss) and "up" again; ZeroMQ itself keeps
 * reconnecting.  A subcommand (sub; status, relay) does:
 *
 *	if ((c = ctl_conn_open(ctx, sock, ep, curve, &err, &rc)) == NULL)
 *		print err, exit rc;
 *	if ((rc = ctl_conn_wait(c, 3000, &err)) > 0)
 *		print err, exit rc;		(-1: a signal came)
 *	zmq_poll() ctl_conn_monitor(c) with its sockets; on POLLIN,
 *	ctl_conn_event(c, &err): CTL_CONN_LOST, CTL_CONN_UP, CTL_CONN_FAILED;
 *	ctl_conn_close(c), then zmq_close(sock).
 *
 * The rc are the CTL_EXIT_* codes (daemon.h); "status --check" maps
 * CTL_EXIT_UNREACHABLE to its own 2, as the SPEC says.
 */
#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <zmq.h>

#include "ctl.h"

#define CONN_EVENTS	(ZMQ_EVENT_CONNECTED | ZMQ_EVENT_DISCONNECTED | \
			 ZMQ_EVENT_HANDSHAKE_SUCCEEDED | \
			 ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | \
			 ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | \
			 ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
#define PROBE_MS	500
#define HANGUPS_MAX	2	/* hung up mid-handshake: not a fluke */

struct ctl_conn {
	void		*sock;
	void		*mon;
	char		*endpoint;
	char		*host;		/* tcp: for the probe */
	char		*port;
	int		 curve;
	int		 up;		/* handshake done, not lost since */
	int		 tcp;		/* TCP connected since last handshake */
	int		 hangups;	/* in a row, mid-handshake */
};

/* "localhost:7750" and the like: what tcp:// would make an endpoint. */
static int
looks_hostport(const char *s)
{
	const char	*colon;

	if ((colon = strrchr(s, ':')) == NULL || colon == s ||
	    colon[1] == '\0')
		return 0;
	return strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
	    strchr(s, '/') == NULL;
}

/*
 * The form of a connect endpoint: tcp://HOST:PORT or ipc://PATH.  For tcp,
 * the host and port come from the curl URL API (it knows IPv6 brackets).
 * Returns 0, or -1 with *err a message naming the endpoint.
 */
static int
endpoint_parse(const char *ep, char **host, char **port, char **err)
{
	CURLU		*u;
	CURLUcode	 uc;
	const char	*sep;
	char		*h = NULL, *p = NULL, *path = NULL;
	int		 rv = -1;

	*err = NULL;
	if (host != NULL)
		*host = NULL;
	if (port != NULL)
		*port = NULL;
	if (*ep == '\0') {
		*err = xstrdup("empty endpoint (try tcp://HOST:PORT)");
		return -1;
	}
	if ((sep = strstr(ep, "://")) == NULL) {
		if (looks_hostport(ep))
			xasprintf(err, "%s: missing tcp:// (try tcp://%s)", ep,
			    ep);
		else
			xasprintf(err, "%s: not an endpoint (try "
			    "tcp://HOST:PORT)", ep);
		return -1;
	}
	if (strncmp(ep, "ipc://", 6) == 0) {
		if (ep[6] != '\0')
			return 0;
		xasprintf(err, "%s: missing path (try ipc:///PATH)", ep);
		return -1;
	}
	if (strncmp(ep, "tcp://", 6) != 0) {
		xasprintf(err, "%s: unknown scheme \"%.*s\" (try tcp://%s)", ep,
		    (int)(sep - ep), ep, sep + 3);
		return -1;
	}
	if ((u = curl_url()) == NULL)
		fatalx("curl_url: out of memory");
	uc = curl_url_set(u, CURLUPART_URL, ep, CURLU_NON_SUPPORT_SCHEME);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_HOST, &h, 0);
	if (uc == CURLUE_NO_HOST || (uc != CURLUE_OK && ep[6] == ':'))
		xasprintf(err, "%s: missing host (try tcp://127.0.0.1%s)", ep,
		    ep + 6);
	else if (uc == CURLUE_BAD_PORT_NUMBER)
		xasprintf(err, "%s: bad port (a number from 1 to 65535)", ep);
	else if (uc != CURLUE_OK)
		xasprintf(err, "%s: not tcp://HOST:PORT (%s)", ep,
		    curl_url_strerror(uc));
	else if (curl_url_get(u, CURLUPART_PORT, &p, 0) != CURLUE_OK)
		xasprintf(err, "%s: missing port (try %s:7750)", ep, ep);
	else if (curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK &&
	    strcmp(path, "/") != 0)
		xasprintf(err, "%s: not tcp://HOST:PORT (no path after the "
		    "port)", ep);
	else if (strcmp(p, "0") == 0)
		xasprintf(err, "%s: port 0 is not a port", ep);
	else {
		/* curl keeps IPv6 brackets; getaddrinfo wants none. */
		if (host != NULL)
			xasprintf(host, "%.*s", (int)strcspn(h + (*h == '['),
			    "]"), h + (*h == '['));
		if (port != NULL)
			*port = xstrdup(p);
		rv = 0;
	}
	curl_free(h);
	curl_free(p);
	curl_free(path);
	curl_url_cleanup(u);
	return rv;
}

/* The endpoint's form only (for one we do not connect yet). */
int
ctl_endpoint_check(const char *ep, char **err)
{
	return endpoint_parse(ep, NULL, NULL, err);
}

static int
resolve(const char *ep, const char *host, const char *port, char **err)
{
	struct addrinfo	 hints, *res;
	int		 rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		xasprintf(err, "cannot reach %s: unknown host %s (%s)", ep,
		    host, gai_strerror(rc));
		return -1;
	}
	freeaddrinfo(res);
	return 0;
}

/*
 * Check, resolve, then connect the socket with its monitor.  NULL with
 * *err and *exitcode (CTL_EXIT_USAGE for the endpoint's form,
 * CTL_EXIT_UNREACHABLE for its host) when it cannot even be tried.
 */
struct ctl_conn *
ctl_conn_open(void *ctx, void *sock, const char *ep, int curve, char **err,
    int *exitcode)
{
	struct ctl_conn	*c;
	char		 inproc[64];

	c = xcalloc(1, sizeof(*c));
	if (endpoint_parse(ep, &c->host, &c->port, err) == -1) {
		*exitcode = CTL_EXIT_USAGE;
		goto fail;
	}
	if (c->host != NULL && resolve(ep, c->host, c->port, err) == -1) {
		*exitcode = CTL_EXIT_UNREACHABLE;
		goto fail;
	}
	c->sock = sock;
	c->endpoint = xstrdup(ep);
	c->curve = curve;
	snprintf(inproc, sizeof(inproc), "inproc://ctl-conn-%p", sock);
	if (zmq_socket_monitor(sock, inproc, CONN_EVENTS) == -1)
		fatalx("zmq_socket_monitor: %s", zmq_strerror(errno));
	/* Connected before the socket is: the first events are ours. */
	if ((c->mon = zmq_socket(ctx, ZMQ_PAIR)) == NULL ||
	    zmq_connect(c->mon, inproc) == -1)
		fatalx("monitor %s: %s", inproc, zmq_strerror(errno));
	if (zmq_connect(sock, ep) == -1) {
		xasprintf(err, "%s: %s", ep, zmq_strerror(errno));
		*exitcode = CTL_EXIT_USAGE;
		ctl_conn_close(c);
		return NULL;
	}
	return c;
fail:
	free(c->host);
	free(c->port);
	free(c);
	return NULL;
}

void *
ctl_conn_monitor(struct ctl_conn *c)
{
	return c->mon;
}

static const char *
refusal(const struct ctl_conn *c, int event, unsigned value, char *buf,
    size_t len)
{
	if (event == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH && value == 400)
		return "the daemon refused our CURVE key (not in its "
		    "allow-list)";
	if (event == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
		snprintf(buf, len, "the daemon refused our CURVE key (ZAP "
		    "status %u)", value);
		return buf;
	}
	if (value == ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC)
		return "the CURVE handshake failed: the server key does not "
		    "match";
	if (value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH ||
	    event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
		return c->curve ? "the CURVE handshake failed: the server key "
		    "does not match (or the daemon does not use CURVE)" :
		    "the daemon hangs up on our handshake: it may require "
		    "CURVE (give --key and --server-key)";
	snprintf(buf, len, "the handshake failed (ZeroMQ protocol error "
	    "0x%x)", value);
	return buf;
}

/*
 * One monitor event, if one is waiting.  CTL_CONN_UP when a handshake
 * succeeded, CTL_CONN_LOST once when an established connection went,
 * CTL_CONN_FAILED with *err when the daemon refused us for good.
 */
enum ctl_conn_event
ctl_conn_event(struct ctl_conn *c, char **err)
{
	zmq_msg_t	 ev, addr;
	uint16_t	 id = 0;
	uint32_t	 value = 0;
	char		 buf[128];

	zmq_msg_init(&ev);
	zmq_msg_init(&addr);
	if (zmq_msg_recv(&ev, c->mon, ZMQ_DONTWAIT) != -1 &&
	    zmq_msg_recv(&addr, c->mon, ZMQ_DONTWAIT) != -1 &&
	    zmq_msg_size(&ev) >= 6) {
		memcpy(&id, zmq_msg_data(&ev), sizeof(id));
		memcpy(&value, (char *)zmq_msg_data(&ev) + 2, sizeof(value));
	}
	zmq_msg_close(&ev);
	zmq_msg_close(&addr);
	switch (id) {
	case ZMQ_EVENT_CONNECTED:
		c->tcp = 1;
		break;
	case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
		c->up = 1;
		c->hangups = 0;
		return CTL_CONN_UP;
	case ZMQ_EVENT_DISCONNECTED:
		c->tcp = 0;
		if (!c->up)
			break;
		c->up = 0;
		return CTL_CONN_LOST;
	case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
		/* Once may be a daemon dying mid-handshake; again is not. */
		if (++c->hangups < HANGUPS_MAX)
			break;
		/* FALLTHROUGH */
	case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
		xasprintf(err, "%s: %s", c->endpoint, refusal(c, id, value, buf,
		    sizeof(buf)));
		return CTL_CONN_FAILED;
	}
	return CTL_CONN_NONE;
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * ZeroMQ does not say why a connect failed: one TCP connection of our own
 * does.  Returns the reason, or NULL when it got through (the daemon may
 * have come up meanwhile).
 */
static const char *
probe(const struct ctl_conn *c)
{
	static char	 why[128];
	struct addrinfo	 hints, *res;
	struct pollfd	 pfd;
	socklen_t	 len = sizeof(int);
	int		 fd, e = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (c->host == NULL || getaddrinfo(c->host, c->port, &hints, &res))
		return "no answer";
	fd = socket(res->ai_family, res->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, res->ai_protocol);
	if (fd == -1) {
		freeaddrinfo(res);
		return "no answer";
	}
	if (connect(fd, res->ai_addr, res->ai_addrlen) == -1)
		e = errno;
	freeaddrinfo(res);
	if (e == EINPROGRESS) {
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, PROBE_MS) != 1)
			e = ETIMEDOUT;
		else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) == -1)
			e = errno;
	}
	close(fd);
	if (e == 0)
		return NULL;
	if (e == ETIMEDOUT)
		return "no answer";
	if (e == ECONNREFUSED)
		return "connection refused (is sanctiond running?)";
	snprintf(why, sizeof(why), "%s", strerror(e));
	return why;
}

/*
 * Wait up to ms milliseconds (-1: for ever) for the first handshake.
 * Returns 0 when connected; CTL_EXIT_REFUSED or CTL_EXIT_UNREACHABLE with
 * *err; -1 when a signal interrupted the wait.
 */
int
ctl_conn_wait(struct ctl_conn *c, int ms, char **err)
{
	zmq_pollitem_t	 pi;
	const char	*why;
	int64_t		 end = now_ms() + ms, left;

	*err = NULL;
	while (!c->up) {
		left = ms < 0 ? -1 : end - now_ms();
		if (ms >= 0 && left <= 0)
			break;
		pi = (zmq_pollitem_t){ c->mon, 0, ZMQ_POLLIN, 0 };
		if (zmq_poll(&pi, 1, (long)left) == -1) {
			if (errno == EINTR)
				return -1;
			fatalx("zmq_poll: %s", zmq_strerror(errno));
		}
		if ((pi.revents & ZMQ_POLLIN) &&
		    ctl_conn_event(c, err) == CTL_CONN_FAILED)
			return CTL_EXIT_REFUSED;
	}
	if (c->up)
		return 0;
	if (c->tcp)
		why = "it accepts connections but does not answer the "
		    "ZeroMQ handshake (is that the daemon's endpoint?)";
	else if ((why = probe(c)) == NULL)
		why = "no answer";
	xasprintf(err, "cannot reach %s: %s", c->endpoint, why);
	return CTL_EXIT_UNREACHABLE;
}

/* Stop watching; the caller closes its socket. */
void
ctl_conn_close(struct ctl_conn *c)
{
	if (c == NULL)
		return;
	zmq_socket_monitor(c->sock, NULL, 0);
	zmq_close(c->mon);
	free(c->endpoint);
	free(c->host);
	free(c->port);
	free(c);
}
