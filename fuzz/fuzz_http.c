/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_http.c: the HTTP response path.  Whole fetches go through the real
 * engine (fetchers/) into the real feedsink (parser and classifier), with
 * the server's replies injected the way curl's own fuzzer (curl-fuzzer)
 * does it: the engine's test_socket hook hands libcurl one end of a
 * socketpair, and we write a reply from the input into the other end, in
 * pieces, from the same event loop.
 *
 * Input: two option bytes, then the replies, separated by SEPARATOR; a
 * connection past the last reply gets none.
 *   byte 0, bit 0: the feed has validators from an earlier fetch, so the
 *           request is conditional (304 path);
 *           bits 1-2: fetch 1 to 4 times on the same engine, each time
 *           from the state the one before left (validators, body hash, a
 *           permanent redirect's new URL): whatever one transfer leaves
 *           behind in libcurl meets the next reply (curl issue 11101:
 *           a reused handle unfolded into a freed header);
 *           bit 3: keep-alive: a connection answers each request on it
 *           with the next reply and stays open, so that later fetches
 *           (and redirects) reuse it from the multi handle's cache; an
 *           empty reply closes it.  Otherwise each connection gets one
 *           reply, then EOF.  (libcurl 7.88 reuses no socket that came
 *           connected, "still name resolving"; later ones do.)
 *   byte 1: bytes per write, 16 to 4096, so that replies are cut at
 *           varied places (status line, headers, chunk sizes, gzip).
 *
 * Besides crashes and leaks it checks the report the engine gives: a
 * message that starts with the feed's URL, an "ok" only for a 200 feed
 * that parsed, no more new items than items; and that every item becomes
 * JSON with all of its text (valid UTF-8).
 */
/*
 * Not _GNU_SOURCE: its transparent union in connect()'s prototype would
 * not match the plain one we define below.
 */
#undef _GNU_SOURCE
#define _DEFAULT_SOURCE

#include <sys/socket.h>
#include <sys/syscall.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "../daemon/daemon.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const unsigned char *, size_t);

#define FUZZ_URL	"http://127.0.0.1:8080/feed.xml"
#define SEPARATOR	"\n--next--\n"
#define MAX_CONNS	16
#define MAX_BODY	(256 * 1024)	/* a small cap that a bomb reaches */

struct fuzz;

struct peer {
	int			 fd;
	struct event		*ev;
	const char		*data;
	size_t			 len;
	size_t			 off;
	int			 shut;	/* all written, write side closed */
	size_t			 chunk;
	struct fuzz		*fz;
	int			 keepalive;
	size_t			 requests;	/* complete ones read */
	size_t			 replies;	/* handed to this connection */
	int			 crlf;		/* of "\r\n\r\n" seen */
};

struct fuzz {
	const char		*in;	/* the replies not yet handed out */
	size_t			 inlen;
	size_t			 chunk;
	struct peer		 peers[MAX_CONNS];
	size_t			 npeers;
	int			 fetches_left;
	int			 keepalive;
	char			*url;	/* the feed's, when the fetch began */
	struct fetch_engine	*eng;
	struct fetch_feed	*feed;
};

static struct event_base	*base;
static struct classifier	*cls;

static void
broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, detail);
	abort();
}

/*
 * libcurl 7.88 calls connect() even on a socket that its sockopt callback
 * said was connected (curl issue 10626, fixed in 8.0).  Ours are the only
 * AF_UNIX sockets libcurl sees here, and they are connected: say yes to
 * them, and pass every other connect() on to the kernel.
 */
int
connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	int		 domain;
	socklen_t	 dlen = sizeof(domain);

	if (sa != NULL && sa->sa_family != AF_UNIX &&
	    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dlen) == 0 &&
	    domain == AF_UNIX)
		return 0;
	return (int)syscall(SYS_connect, fd, sa, len);
}

static const char *
find_separator(const char *s, size_t len)
{
	size_t	 n = sizeof(SEPARATOR) - 1, i;

	for (i = 0; i + n <= len; i++)
		if (s[i] == SEPARATOR[0] && memcmp(s + i, SEPARATOR, n) == 0)
			return s + i;
	return NULL;
}

/* The next connection's reply: up to the separator, or the rest. */
static void
next_reply(struct fuzz *fz, struct peer *p)
{
	const char	*sep;

	p->data = fz->in;
	p->off = 0;
	if (fz->in == NULL) {
		p->len = 0;
		return;
	}
	sep = find_separator(fz->in, fz->inlen);
	if (sep == NULL) {
		p->len = fz->inlen;
		fz->in = NULL;
		return;
	}
	p->len = sep - fz->in;
	fz->inlen -= p->len + sizeof(SEPARATOR) - 1;
	fz->in = sep + sizeof(SEPARATOR) - 1;
}

static void
peer_close(struct peer *p)
{
	if (p->ev != NULL)
		event_free(p->ev);
	if (p->fd != -1)
		close(p->fd);
	p->ev = NULL;
	p->fd = -1;
}

static void	peer_io(evutil_socket_t, short, void *);
static void	next_reply(struct fuzz *, struct peer *);

static void
peer_watch(struct peer *p, short what)
{
	event_del(p->ev);
	event_assign(p->ev, base, p->fd, what | EV_PERSIST, peer_io, p);
	event_add(p->ev, NULL);
}

/*
 * A reply is out.  Keep-alive: a request waiting gets the next reply, or
 * EOF when none is left; with none waiting, wait.  Otherwise EOF at once.
 */
static void
peer_done(struct peer *p)
{
	if (p->keepalive && p->len > 0 && p->requests <= p->replies &&
	    p->fz->in != NULL) {
		peer_watch(p, EV_READ);
		return;
	}
	if (p->keepalive && p->len > 0 && p->fz->in != NULL) {
		p->replies++;
		next_reply(p->fz, p);
		peer_watch(p, EV_READ | EV_WRITE);
		return;
	}
	shutdown(p->fd, SHUT_WR);
	p->shut = 1;
	peer_watch(p, EV_READ);
}

/* Count the requests read: each ends with an empty line (GET only). */
static void
count_requests(struct peer *p, const char *d, size_t n)
{
	static const char	 end[] = "\r\n\r\n";
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (d[i] == end[p->crlf])
			p->crlf++;
		else
			p->crlf = d[i] == '\r';
		if (p->crlf == 4) {
			p->requests++;
			p->crlf = 0;
		}
	}
}

static void
peer_write(struct peer *p)
{
	size_t	 len = p->len - p->off;
	ssize_t	 n;

	if (len > p->chunk)
		len = p->chunk;
	if (len > 0) {
		n = send(p->fd, p->data + p->off, len, MSG_NOSIGNAL);
		if (n == -1 && errno != EAGAIN && errno != EINTR) {
			peer_close(p);
			return;
		}
		if (n > 0)
			p->off += n;
	}
	if (p->off < p->len)
		return;
	peer_done(p);
}

/* Read and drop the request; write the next piece of the reply. */
static void
peer_io(evutil_socket_t fd, short what, void *arg)
{
	struct peer	*p = arg;
	char		 req[4096];
	ssize_t		 n;

	if (what & EV_READ) {
		n = read(fd, req, sizeof(req));
		if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
			peer_close(p);
			return;
		}
		if (n > 0)
			count_requests(p, req, n);
		/* Keep-alive, between replies: a new request came. */
		if (p->keepalive && !p->shut && p->off == p->len &&
		    p->requests > p->replies)
			peer_done(p);
	}
	if ((what & EV_WRITE) && !p->shut)
		peer_write(p);
}

/* The engine's test_socket hook: a new connection, already connected. */
static int
test_socket(void *arg)
{
	struct fuzz	*fz = arg;
	struct peer	*p;
	int		 sv[2];

	if (fz->npeers == MAX_CONNS)
		return -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		fatal("socketpair");
	evutil_make_socket_nonblocking(sv[1]);
	p = &fz->peers[fz->npeers++];
	memset(p, 0, sizeof(*p));
	p->fd = sv[1];
	p->chunk = fz->chunk;
	p->fz = fz;
	p->keepalive = fz->keepalive;
	p->replies = 1;
	next_reply(fz, p);
	p->ev = event_new(base, p->fd, EV_READ | EV_WRITE | EV_PERSIST,
	    peer_io, p);
	event_add(p->ev, NULL);
	return sv[0];
}

static void
check_utf8(const char *s, const char *field)
{
	json_t	*j;

	if (s == NULL)
		return;
	if ((j = json_string(s)) == NULL)
		broken("item text is not UTF-8", field);
	json_decref(j);
}

/* Every item must become JSON, with none of its text dropped. */
static int
on_item(struct fetch_feed *f, const struct feed_meta *m,
    const struct item *it, const struct sanctions *s, void *arg)
{
	json_t	*o;
	char	*line = NULL;

	(void)f;
	(void)arg;
	if (it != NULL) {
		check_utf8(it->id, "id");
		check_utf8(it->title, "title");
		check_utf8(it->link, "link");
		check_utf8(it->author, "author");
		check_utf8(it->summary, "summary");
		check_utf8(it->content, "content");
	}
	check_utf8(m->title, "feed title");
	o = item_json(m, it, it != NULL ? s : NULL);
	if (o == NULL || (line = json_line(o)) == NULL)
		broken("item", "no JSON");
	free(line);
	json_decref(o);
	return 1;
}

static void
check_report(const struct fuzz *fz, const struct fetch_report *r)
{
	size_t	 n = strlen(fz->url);

	if (strlen(r->message) < n && strlen(r->message) >= 400)
		n = strlen(r->message);	/* a long URL, cut short */
	if (strncmp(r->message, fz->url, n) != 0)
		broken("report does not name the URL", r->message);
	if (strcmp(fetch_status_name(r->status), "unknown") == 0)
		broken("report has no status", r->message);
	if (r->status == FETCH_OK && (r->http_code != 200 ||
	    !r->sink.is_feed || (r->sink.parse_error && !r->sink.recovered)))
		broken("ok for what is not a parsed feed", r->message);
	if (r->sink.new_items > r->sink.items)
		broken("more new items than items", r->message);
}

static void
start_fetch(struct fuzz *fz)
{
	free(fz->url);
	fz->url = xstrdup(feed_state(fz->feed)->url);
	engine_fetch_now(fz->eng, fz->feed);
}

static void
on_done(struct fetch_feed *f, const struct fetch_report *r, void *arg)
{
	struct fuzz	*fz = arg;

	(void)f;
	check_report(fz, r);
	if (--fz->fetches_left > 0)
		start_fetch(fz);
	else
		event_base_loopbreak(base);
}

/* A feed fetched before: validators and a schedule. */
static void
earlier_state(struct feed_state *st)
{
	static char	 etag[] = "\"v1\"";
	static char	 lm[] = "Mon, 02 Jan 2006 15:04:05 GMT";
	int64_t		 now = time(NULL);

	memset(st, 0, sizeof(*st));
	st->etag = etag;
	st->last_modified = lm;
	st->last_fetch = st->last_ok = now - 60;
	st->next_due = now + 900;
	st->interval = 900;
	st->health = FEED_OK;
}

static void
fuzz_conf(struct engine_conf *ec, struct fuzz *fz)
{
	engine_conf_defaults(ec);
	ec->allow_private = 1;	/* every host is 127.0.0.1 under test */
	ec->host_rate = 0;
	ec->max_body = MAX_BODY;
	ec->connect_timeout = 2;	/* a backstop: replies never stall */
	ec->total_timeout = 3;
	ec->test_socket = test_socket;
	ec->test_socket_arg = fz;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*err = NULL;

	(void)argc;
	(void)argv;
	/* Held for the whole run, so that each engine_free is cheap. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatalx("curl_global_init");
	log_setlevel(getenv("FUZZ_LOG") != NULL ? LOG_DEBUG : LOG_CRIT);
	parsers_init();
	if ((cls = classifier_load(NULL, &err)) == NULL)
		fatalx("classifier: %s", err);
	if ((base = event_base_new()) == NULL)
		fatalx("event_base_new");
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct fuzz		 fz;
	struct engine_conf	 ec;
	struct fetch_sink	 sink;
	struct feed_conf	 fc;
	struct feed_state	 st;
	size_t			 i;

	if (size < 2)
		return 0;
	memset(&fz, 0, sizeof(fz));
	fz.in = (const char *)data + 2;
	fz.inlen = size - 2;
	fz.chunk = 16 * (1 + (size_t)data[1]);
	fz.fetches_left = 1 + ((data[0] >> 1) & 3);
	fz.keepalive = (data[0] & 8) != 0;
	fuzz_conf(&ec, &fz);
	feedsink_init(&sink, cls, on_item, &fz);
	fz.eng = engine_new(base, &ec, &sink, on_done, &fz);
	memset(&fc, 0, sizeof(fc));
	fc.name = "fuzz";
	fc.url = FUZZ_URL;
	if (data[0] & 1)
		earlier_state(&st);
	fz.feed = engine_add(fz.eng, &fc, (data[0] & 1) ? &st : NULL);
	start_fetch(&fz);
	event_base_dispatch(base);
	engine_free(fz.eng);
	feedsink_free(&sink);
	for (i = 0; i < fz.npeers; i++)
		peer_close(&fz.peers[i]);
	free(fz.url);
	return 0;
}
