/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * httpd.c: the scriptable test HTTP server (libevent evhttp).
 *
 * usage: httpd -r ROOT [-a ADDR] [-p PORT] [-P PORTFILE] [-l LOGFILE]
 *              [-s SCRIPT] [-R RAWPORTFILE]
 *
 * Binds ADDR (default 127.0.0.1; any 127.x.y.z is loopback too, so a test
 * can play several hosts) on PORT (default 0: the kernel picks one) and writes the
 * chosen port to PORTFILE (atomically: tmp file, then rename).  Serves the
 * files under ROOT; tests may add or rewrite them while it runs.  Normal
 * files carry a strong ETag (size and mtime in nanoseconds) and a
 * Last-Modified, and a matching If-None-Match (or, without one, an
 * If-Modified-Since not older than the file) gets a 304.  SIGTERM or SIGINT
 * ends it cleanly.
 *
 * LOGFILE gets one line per request, tab separated, "-" for an absent header:
 *   TIME METHOD URI IF-NONE-MATCH IF-MODIFIED-SINCE USER-AGENT ACCEPT-ENCODING
 *   STATUS
 * where TIME is unix seconds with milliseconds (1700000000.123).
 *
 * RAWPORTFILE starts a second listener on a port of its own (written there
 * like PORTFILE) that speaks no HTTP at all: for a request line
 * "GET /PATH ..." it sends ROOT/PATH.raw byte for byte, then closes.  That
 * is how a test sends what evhttp never would (a folded first header
 * line, say).
 *
 * SCRIPT makes paths misbehave.  It is re-read whenever it changes, so a
 * test can change behaviour while the server runs.  One rule per line,
 * "PATH ACTION ARGS"; '#' starts a comment.  "{port}" in ARGS becomes the
 * server's port.  A path may have several lines: "header", "delay" and
 * "novalidators" add to the response; the last other action decides it.
 *
 *   PATH status N [SECS|@SECS]   status N; with Retry-After: SECS seconds, or
 *                                 (@SECS) an HTTP date SECS from now
 *   PATH redirect N URL          301/302/307/308 to URL
 *   PATH loop                    302 to PATH itself, forever
 *   PATH gzip MB                 Content-Encoding: gzip, MB MiB of spaces
 *                                 after an RSS prologue (a decompression bomb)
 *   PATH drip [BYTES]            200, chunked, one byte per second (default
 *                                 120 bytes)
 *   PATH big MB                  200, MB MiB: an RSS prologue and spaces
 *   PATH truncate                the file, Content-Length twice its size,
 *                                 half of it sent, then the connection closed
 *   PATH html                    200 text/html, a web page, not a feed
 *   PATH empty                   200 with an empty body
 *   PATH badutf8                 an RSS feed with invalid UTF-8 in a title
 *   PATH deep N                  an RSS feed with N nested elements
 *   PATH laughs                  a "billion laughs" entity expansion feed
 *   PATH delay SECS              wait SECS seconds first (a modifier)
 *   PATH header NAME VALUE...    add a response header (a modifier)
 *   PATH novalidators            no ETag / Last-Modified (a modifier)
 *   PATH noconditional           validators sent, but requests carrying them
 *                                 still get a 200 (a modifier)
 *   PATH auth USER:PASSWORD      401 unless the request carries Basic
 *                                 credentials USER:PASSWORD (a modifier)
 *   PATH require NAME VALUE...   400 unless the request has header NAME
 *                                 with exactly VALUE (a modifier)
 *   PATH proxied                 400 unless the request came as to a
 *                                 forward proxy, in absolute form ("GET
 *                                 http://HOST/PATH"; a modifier)
 *
 * A request in absolute form is served as one to PATH, whatever its host:
 * so the server is also the HTTP forward proxy of a test, and its log
 * shows the absolute URI of each request that went through it.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#define ZLIB_CONST		/* next_in is const */
#include <zlib.h>

#include "../common/common.h"

#define MAXRULES	256
#define MIB		(1024 * 1024)

enum action {
	A_NONE, A_STATUS, A_REDIRECT, A_LOOP, A_GZIP, A_DRIP, A_BIG,
	A_TRUNCATE, A_HTML, A_EMPTY, A_BADUTF8, A_DEEP, A_LAUGHS
};

struct rule {
	char		*path;
	char		*verb;
	char		*args;		/* the rest of the line, {port} done */
};

/* What the rules say about one request. */
struct plan {
	enum action	 action;
	const char	*args;
	double		 delay;
	int		 novalidators;
	int		 noconditional;
	const char	*auth;		/* USER:PASSWORD, or NULL */
	int		 proxied;	/* absolute form only */
	struct strlist	 headers;	/* "Name", "value" pairs */
	struct strlist	 require;	/* "Name", "value" pairs */
};

/* A response that waits (delay) or trickles (drip). */
struct pending {
	struct evhttp_request		*req;
	struct evhttp_connection	*evcon;
	struct event			*ev;
	struct plan			 plan;
	char				*path;
	int				 left;	/* drip: bytes still to send */
};

static struct event_base	*base;
static const char		*root;
static const char		*script_path;
static FILE			*logfp;
static int			 port;
static struct rule		 rules[MAXRULES];
static size_t			 nrules;
static struct timespec		 script_mtime;
static off_t			 script_size = -1;
static char			*gzip_cache;
static size_t			 gzip_cache_len, gzip_cache_mb;
static char			 spaces[65536];

static void	serve(struct evhttp_request *, const char *, struct plan *);

static void
usage(void)
{
	fprintf(stderr, "usage: httpd -r root [-a addr] [-p port] [-P portfile] "
	    "[-l logfile] [-s script] [-R rawportfile]\n");
	exit(2);
}

static void
rules_clear(void)
{
	size_t	 i;

	for (i = 0; i < nrules; i++) {
		free(rules[i].path);
		free(rules[i].verb);
		free(rules[i].args);
	}
	nrules = 0;
}

/* Replace each "{port}" with the port we listen on. */
static char *
expand_port(const char *s)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	buf_adds(&b, "");
	while ((p = strstr(s, "{port}")) != NULL) {
		buf_add(&b, s, p - s);
		buf_printf(&b, "%d", port);
		s = p + strlen("{port}");
	}
	buf_adds(&b, s);
	return buf_release(&b);
}

static void
rules_parse_line(char *line, int lineno)
{
	char	*path, *verb, *args, *nl;

	if ((nl = strchr(line, '#')) != NULL)
		*nl = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	path = strtok(line, " \t");
	verb = strtok(NULL, " \t");
	if (path == NULL)
		return;
	if (verb == NULL) {
		log_warnx("%s:%d: no action", script_path, lineno);
		return;
	}
	args = strtok(NULL, "");
	if (args == NULL)
		args = "";
	args += strspn(args, " \t");
	if (nrules == MAXRULES) {
		log_warnx("%s:%d: too many rules", script_path, lineno);
		return;
	}
	rules[nrules].path = xstrdup(path);
	rules[nrules].verb = xstrdup(verb);
	rules[nrules].args = expand_port(args);
	nrules++;
}

/* Re-read the script when it changed (or appeared, or vanished). */
static void
rules_reload(void)
{
	struct stat	 st;
	FILE		*f;
	char		 line[4096];
	int		 lineno = 0;

	if (script_path == NULL)
		return;
	if (stat(script_path, &st) == -1) {
		if (script_size != -1)
			rules_clear();
		script_size = -1;
		return;
	}
	if (st.st_size == script_size &&
	    st.st_mtim.tv_sec == script_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == script_mtime.tv_nsec)
		return;
	if ((f = fopen(script_path, "r")) == NULL) {
		log_warn("%s", script_path);
		return;
	}
	rules_clear();
	while (fgets(line, sizeof(line), f) != NULL)
		rules_parse_line(line, ++lineno);
	fclose(f);
	script_size = st.st_size;
	script_mtime = st.st_mtim;
}

static void
plan_for(const char *path, struct plan *pl)
{
	static const struct {
		const char	*verb;
		enum action	 action;
	} verbs[] = {
		{ "status", A_STATUS }, { "redirect", A_REDIRECT },
		{ "loop", A_LOOP }, { "gzip", A_GZIP }, { "drip", A_DRIP },
		{ "big", A_BIG }, { "truncate", A_TRUNCATE },
		{ "html", A_HTML }, { "empty", A_EMPTY },
		{ "badutf8", A_BADUTF8 }, { "deep", A_DEEP },
		{ "laughs", A_LAUGHS }
	};
	struct rule	*r;
	char		*name, *value;
	size_t		 i, j;

	memset(pl, 0, sizeof(*pl));
	strlist_init(&pl->headers);
	strlist_init(&pl->require);
	rules_reload();
	for (i = 0; i < nrules; i++) {
		r = &rules[i];
		if (strcmp(r->path, path) != 0)
			continue;
		if (strcmp(r->verb, "delay") == 0)
			pl->delay = atof(r->args);
		else if (strcmp(r->verb, "novalidators") == 0)
			pl->novalidators = 1;
		else if (strcmp(r->verb, "noconditional") == 0)
			pl->noconditional = 1;
		else if (strcmp(r->verb, "auth") == 0)
			pl->auth = r->args;
		else if (strcmp(r->verb, "proxied") == 0)
			pl->proxied = 1;
		else if (strcmp(r->verb, "header") == 0 ||
		    strcmp(r->verb, "require") == 0) {
			name = xstrdup(r->args);
			value = name + strcspn(name, " \t");
			if (*value != '\0')
				*value++ = '\0';
			value += strspn(value, " \t");
			strlist_add(r->verb[0] == 'h' ? &pl->headers :
			    &pl->require, name);
			strlist_add(r->verb[0] == 'h' ? &pl->headers :
			    &pl->require, value);
			free(name);
		} else {
			for (j = 0; j < sizeof(verbs) / sizeof(verbs[0]); j++)
				if (strcmp(r->verb, verbs[j].verb) == 0)
					break;
			if (j == sizeof(verbs) / sizeof(verbs[0])) {
				log_warnx("%s: unknown action %s", script_path,
				    r->verb);
				continue;
			}
			pl->action = verbs[j].action;
			pl->args = r->args;
		}
	}
}

static void
plan_free(struct plan *pl)
{
	strlist_free(&pl->headers);
	strlist_free(&pl->require);
}

static const char *
hdr(struct evhttp_request *req, const char *name)
{
	const char	*v;

	v = evhttp_find_header(evhttp_request_get_input_headers(req), name);
	return v ? v : "-";
}

static void
log_request(struct evhttp_request *req, int code)
{
	struct timespec	 ts;
	const char	*m;

	if (logfp == NULL)
		return;
	switch (evhttp_request_get_command(req)) {
	case EVHTTP_REQ_GET:
		m = "GET";
		break;
	case EVHTTP_REQ_HEAD:
		m = "HEAD";
		break;
	default:
		m = "OTHER";
		break;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(logfp, "%lld.%03ld\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n",
	    (long long)ts.tv_sec, ts.tv_nsec / 1000000, m,
	    evhttp_request_get_uri(req), hdr(req, "If-None-Match"),
	    hdr(req, "If-Modified-Since"), hdr(req, "User-Agent"),
	    hdr(req, "Accept-Encoding"), code);
	fflush(logfp);
}

static void
http_date(time_t t, char *out, size_t len)
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static void
set_header(struct evhttp_request *req, const char *name, const char *value)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);

	evhttp_remove_header(h, name);
	evhttp_add_header(h, name, value);
}

static void
reply(struct evhttp_request *req, struct plan *pl, int code,
    const char *reason, struct evbuffer *body)
{
	size_t	 i;

	for (i = 0; i + 1 < pl->headers.n; i += 2)
		set_header(req, pl->headers.v[i], pl->headers.v[i + 1]);
	log_request(req, code);
	evhttp_send_reply(req, code, reason, body);
}

static void
reply_text(struct evhttp_request *req, struct plan *pl, int code,
    const char *reason, const char *ctype, const char *text)
{
	struct evbuffer	*b = evbuffer_new();

	if (ctype != NULL)
		set_header(req, "Content-Type", ctype);
	evbuffer_add(b, text, strlen(text));
	reply(req, pl, code, reason, b);
	evbuffer_free(b);
}

static const char rss_prologue[] =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
    "<title>huge</title><link>http://127.0.0.1/</link>\n";

/* A gzip stream of an RSS prologue and MB MiB of spaces, made once. */
static void
gzip_make(size_t mb)
{
	z_stream	 z;
	size_t		 i, cap;
	int		 rc;

	if (gzip_cache != NULL && gzip_cache_mb == mb)
		return;
	free(gzip_cache);
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		fatalx("deflateInit2");
	cap = mb * 1100 + 4096;
	gzip_cache = xmalloc(cap);
	z.next_out = (unsigned char *)gzip_cache;
	z.avail_out = cap;
	z.next_in = (const unsigned char *)rss_prologue;
	z.avail_in = sizeof(rss_prologue) - 1;
	if (deflate(&z, Z_NO_FLUSH) != Z_OK)
		fatalx("deflate");
	for (i = 0; i < mb * (MIB / sizeof(spaces)); i++) {
		z.next_in = (unsigned char *)spaces;
		z.avail_in = sizeof(spaces);
		if (deflate(&z, Z_NO_FLUSH) != Z_OK || z.avail_out == 0)
			fatalx("deflate");
	}
	rc = deflate(&z, Z_FINISH);
	if (rc != Z_STREAM_END)
		fatalx("deflate finish");
	gzip_cache_len = cap - z.avail_out;
	gzip_cache_mb = mb;
	deflateEnd(&z);
}

static void
serve_gzip(struct evhttp_request *req, struct plan *pl)
{
	struct evbuffer	*b = evbuffer_new();

	gzip_make(strtoul(pl->args, NULL, 10));
	set_header(req, "Content-Type", "application/rss+xml");
	set_header(req, "Content-Encoding", "gzip");
	evbuffer_add_reference(b, gzip_cache, gzip_cache_len, NULL, NULL);
	reply(req, pl, 200, "OK", b);
	evbuffer_free(b);
}

static void
serve_big(struct evhttp_request *req, struct plan *pl)
{
	struct evbuffer	*b = evbuffer_new();
	size_t		 i, mb = strtoul(pl->args, NULL, 10);

	set_header(req, "Content-Type", "application/rss+xml");
	evbuffer_add(b, rss_prologue, sizeof(rss_prologue) - 1);
	for (i = 0; i < mb * (MIB / sizeof(spaces)); i++)
		evbuffer_add_reference(b, spaces, sizeof(spaces), NULL, NULL);
	reply(req, pl, 200, "OK", b);
	evbuffer_free(b);
}

static void
serve_status(struct evhttp_request *req, struct plan *pl)
{
	char		 ra[64], *end;
	const char	*a;
	long		 code;

	code = strtol(pl->args, &end, 10);
	if (code < 100 || code > 599)
		code = 500;
	a = end + strspn(end, " \t");
	if (*a == '@') {
		http_date(time(NULL) + atol(a + 1), ra, sizeof(ra));
		set_header(req, "Retry-After", ra);
	} else if (*a != '\0')
		set_header(req, "Retry-After", a);
	reply_text(req, pl, code, "Scripted", "text/plain", "scripted\n");
}

static void
serve_redirect(struct evhttp_request *req, struct plan *pl, const char *path)
{
	char	*end;
	long	 code;

	if (pl->action == A_LOOP) {
		set_header(req, "Location", path);
		code = 302;
	} else {
		code = strtol(pl->args, &end, 10);
		set_header(req, "Location", end + strspn(end, " \t"));
	}
	reply_text(req, pl, code, "Moved", "text/plain", "moved\n");
}

static void
serve_generated(struct evhttp_request *req, struct plan *pl)
{
	struct buf	 b;
	long		 i, n;

	buf_init(&b);
	switch (pl->action) {
	case A_HTML:
		reply_text(req, pl, 200, "OK", "text/html; charset=utf-8",
		    "<!DOCTYPE html>\n<html><head><title>Welcome</title>"
		    "</head><body><p>This is a web page.</p></body></html>\n");
		return;
	case A_EMPTY:
		reply_text(req, pl, 200, "OK", "application/rss+xml", "");
		return;
	case A_BADUTF8:
		buf_adds(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<rss version=\"2.0\"><channel><title>bad \xff\xfe"
		    " utf-8</title><item><title>caf\xc3\x28</title>"
		    "<guid>bad-1</guid></item></channel></rss>\n");
		break;
	case A_DEEP:
		n = strtol(pl->args, NULL, 10);
		buf_adds(&b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
		    "<channel><title>deep</title><item><title>");
		for (i = 0; i < n; i++)
			buf_adds(&b, "<d>");
		for (i = 0; i < n; i++)
			buf_adds(&b, "</d>");
		buf_adds(&b, "</title></item></channel></rss>\n");
		break;
	case A_LAUGHS:
		buf_adds(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		    "<!ENTITY l0 \"ha\">\n");
		for (i = 1; i < 10; i++)
			buf_printf(&b, "<!ENTITY l%ld \"&l%ld;&l%ld;&l%ld;&l%ld;"
			    "&l%ld;&l%ld;&l%ld;&l%ld;&l%ld;&l%ld;\">\n", i,
			    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
			    i - 1, i - 1, i - 1);
		buf_adds(&b, "]>\n<rss version=\"2.0\"><channel><title>&l9;"
		    "</title></channel></rss>\n");
		break;
	default:
		break;
	}
	reply_text(req, pl, 200, "OK", "application/rss+xml", b.d);
	buf_free(&b);
}

static const char *
content_type(const char *path)
{
	const char	*dot = strrchr(path, '.');

	if (dot == NULL)
		return "application/xml";
	if (strcmp(dot, ".rss") == 0)
		return "application/rss+xml";
	if (strcmp(dot, ".atom") == 0)
		return "application/atom+xml";
	if (strcmp(dot, ".html") == 0)
		return "text/html";
	if (strcmp(dot, ".txt") == 0)
		return "text/plain";
	return "application/xml";
}

/* Does the request's validator match the file?  (If-None-Match wins.) */
static int
not_modified(struct evhttp_request *req, const char *etag, time_t mtime)
{
	struct evkeyvalq	*in = evhttp_request_get_input_headers(req);
	const char		*inm, *ims;
	struct tm		 tm;

	if ((inm = evhttp_find_header(in, "If-None-Match")) != NULL)
		return strstr(inm, etag) != NULL || strcmp(inm, "*") == 0;
	if ((ims = evhttp_find_header(in, "If-Modified-Since")) != NULL) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm) == NULL)
			return 0;
		return timegm(&tm) >= mtime;
	}
	return 0;
}

static void
serve_file(struct evhttp_request *req, struct plan *pl, const char *path)
{
	struct evbuffer	*b;
	struct stat	 st;
	char		*file, etag[96], lm[64], cl[32];
	int		 fd;

	xasprintf(&file, "%s%s", root, path);
	fd = open(file, O_RDONLY);
	free(file);
	if (fd == -1 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		if (fd != -1)
			close(fd);
		reply_text(req, pl, 404, "Not Found", "text/plain",
		    "not found\n");
		return;
	}
	snprintf(etag, sizeof(etag), "\"%llx-%llx%09ld\"",
	    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
	    st.st_mtim.tv_nsec);
	http_date(st.st_mtim.tv_sec, lm, sizeof(lm));
	if (!pl->novalidators) {
		set_header(req, "ETag", etag);
		set_header(req, "Last-Modified", lm);
	}
	set_header(req, "Content-Type", content_type(path));
	if (!pl->novalidators && !pl->noconditional &&
	    not_modified(req, etag, st.st_mtim.tv_sec)) {
		close(fd);
		reply(req, pl, 304, "Not Modified", NULL);
		return;
	}
	b = evbuffer_new();
	if (pl->action == A_TRUNCATE) {
		/* Promise twice the size, send half, hang up. */
		snprintf(cl, sizeof(cl), "%lld", (long long)st.st_size * 2);
		set_header(req, "Content-Length", cl);
		set_header(req, "Connection", "close");
		evbuffer_add_file(b, fd, 0, st.st_size / 2);
	} else if (st.st_size > 0)
		evbuffer_add_file(b, fd, 0, st.st_size);
	else
		close(fd);
	reply(req, pl, 200, "OK", b);
	evbuffer_free(b);
}

static void
pending_free(struct pending *p)
{
	if (p->evcon != NULL)
		evhttp_connection_set_closecb(p->evcon, NULL, NULL);
	event_free(p->ev);
	plan_free(&p->plan);
	free(p->path);
	free(p);
}

/* The client hung up while we were waiting or dripping. */
static void
pending_closed(struct evhttp_connection *evcon, void *arg)
{
	struct pending	*p = arg;

	(void)evcon;
	/*
	 * libevent detaches a request whose client hung up mid-reply and
	 * leaves it to us; at shutdown it still owns (and frees) it.
	 */
	if (evhttp_request_get_connection(p->req) == NULL)
		evhttp_request_free(p->req);
	p->evcon = NULL;
	pending_free(p);
}

static void
drip_tick(evutil_socket_t fd, short what, void *arg)
{
	struct pending	*p = arg;
	struct evbuffer	*b;
	struct timeval	 tv = { 1, 0 };
	char		 c = p->left == 1 ? '\n' : ' ';

	(void)fd;
	(void)what;
	if (p->left == 0) {
		evhttp_send_reply_end(p->req);
		pending_free(p);
		return;
	}
	b = evbuffer_new();
	evbuffer_add(b, &c, 1);
	evhttp_send_reply_chunk(p->req, b);
	evbuffer_free(b);
	p->left--;
	evtimer_add(p->ev, &tv);
}

static void
drip_start(struct pending *p)
{
	struct timeval	 tv = { 1, 0 };
	int		 n = atoi(p->plan.args);

	p->left = n > 0 ? n : 120;
	set_header(p->req, "Content-Type", "application/rss+xml");
	log_request(p->req, 200);
	evhttp_send_reply_start(p->req, 200, "OK");
	event_free(p->ev);
	p->ev = evtimer_new(base, drip_tick, p);
	evtimer_add(p->ev, &tv);
}

static void
delay_done(evutil_socket_t fd, short what, void *arg)
{
	struct pending	*p = arg;

	(void)fd;
	(void)what;
	p->plan.delay = 0;
	if (p->plan.action == A_DRIP) {
		drip_start(p);
		return;
	}
	serve(p->req, p->path, &p->plan);
	pending_free(p);
}

/* Responses that take time keep their state until done or hung up. */
static void
defer(struct evhttp_request *req, const char *path, struct plan *pl)
{
	struct pending	*p = xcalloc(1, sizeof(*p));
	struct timeval	 tv;

	p->req = req;
	p->evcon = evhttp_request_get_connection(req);
	p->plan = *pl;
	p->path = xstrdup(path);
	evhttp_connection_set_closecb(p->evcon, pending_closed, p);
	p->ev = evtimer_new(base, delay_done, p);
	tv.tv_sec = (long)p->plan.delay;
	tv.tv_usec = (long)((p->plan.delay - tv.tv_sec) * 1e6);
	evtimer_add(p->ev, &tv);
}

static void
serve(struct evhttp_request *req, const char *path, struct plan *pl)
{
	switch (pl->action) {
	case A_STATUS:
		serve_status(req, pl);
		break;
	case A_REDIRECT:
	case A_LOOP:
		serve_redirect(req, pl, path);
		break;
	case A_GZIP:
		serve_gzip(req, pl);
		break;
	case A_BIG:
		serve_big(req, pl);
		break;
	case A_HTML:
	case A_EMPTY:
	case A_BADUTF8:
	case A_DEEP:
	case A_LAUGHS:
		serve_generated(req, pl);
		break;
	default:
		serve_file(req, pl, path);
		break;
	}
}

/* "Basic " and the base64 of USER:PASSWORD, as RFC 7617 has it. */
static char *
basic_auth(const char *userpass)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*s = (const unsigned char *)userpass;
	size_t			 n = strlen(userpass), i;
	struct buf		 b;
	unsigned long		 v;

	buf_init(&b);
	buf_adds(&b, "Basic ");
	for (i = 0; i < n; i += 3) {
		v = (unsigned long)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		buf_printf(&b, "%c%c%c%c", b64[v >> 18 & 63], b64[v >> 12 & 63],
		    i + 1 < n ? b64[v >> 6 & 63] : '=',
		    i + 2 < n ? b64[v & 63] : '=');
	}
	return buf_release(&b);
}

static int
authorized(struct evhttp_request *req, const struct plan *pl)
{
	char	*want;
	int	 ok;

	if (pl->auth == NULL)
		return 1;
	want = basic_auth(pl->auth);
	ok = strcmp(hdr(req, "Authorization"), want) == 0;
	free(want);
	return ok;
}

/* Why the request is not what the rules require, or NULL. */
static const char *
unmet(struct evhttp_request *req, const struct plan *pl)
{
	const struct evhttp_uri	*uri = evhttp_request_get_evhttp_uri(req);
	size_t			 i;

	if (pl->proxied && (uri == NULL || evhttp_uri_get_host(uri) == NULL))
		return "not a proxy request (absolute form)\n";
	for (i = 0; i + 1 < pl->require.n; i += 2)
		if (strcmp(hdr(req, pl->require.v[i]), pl->require.v[i + 1]))
			return "a required header is missing or wrong\n";
	return NULL;
}

static void
handle(struct evhttp_request *req, void *arg)
{
	const struct evhttp_uri	*uri = evhttp_request_get_evhttp_uri(req);
	struct plan		 pl;
	const char		*raw, *why;
	char			*path;

	(void)arg;
	raw = uri ? evhttp_uri_get_path(uri) : NULL;
	path = evhttp_uridecode(raw && *raw ? raw : "/", 0, NULL);
	if (path == NULL || strstr(path, "..") != NULL || path[0] != '/') {
		memset(&pl, 0, sizeof(pl));
		strlist_init(&pl.headers);
		strlist_init(&pl.require);
		reply_text(req, &pl, 400, "Bad Request", "text/plain",
		    "bad path\n");
		free(path);
		return;
	}
	plan_for(path, &pl);
	if (!authorized(req, &pl)) {
		set_header(req, "WWW-Authenticate", "Basic realm=\"test\"");
		reply_text(req, &pl, 401, "Unauthorized", "text/plain",
		    "who are you?\n");
		plan_free(&pl);
		free(path);
		return;
	}
	if ((why = unmet(req, &pl)) != NULL) {
		reply_text(req, &pl, 400, "Bad Request", "text/plain", why);
		plan_free(&pl);
		free(path);
		return;
	}
	if (pl.delay > 0 || pl.action == A_DRIP) {
		defer(req, path, &pl);	/* takes the plan */
		free(path);
		return;
	}
	serve(req, path, &pl);
	plan_free(&pl);
	free(path);
}

/* The raw listener: ROOT/PATH.raw as it is, whatever it says. */
static void
raw_written(struct bufferevent *bev, void *arg)
{
	(void)arg;
	if (evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		bufferevent_free(bev);
}

static void
raw_event(struct bufferevent *bev, short what, void *arg)
{
	(void)what;
	(void)arg;
	bufferevent_free(bev);
}

static void
raw_read(struct bufferevent *bev, void *arg)
{
	struct evbuffer	*in = bufferevent_get_input(bev);
	char		*line, *path, *file;
	size_t		 len;
	int		 fd;
	struct stat	 st;

	(void)arg;
	if (evbuffer_search(in, "\r\n\r\n", 4, NULL).pos == -1)
		return;		/* the whole request first */
	line = evbuffer_readln(in, &len, EVBUFFER_EOL_CRLF);
	evbuffer_drain(in, evbuffer_get_length(in));
	path = line != NULL ? strchr(line, ' ') : NULL;
	if (path != NULL) {
		path++;
		path[strcspn(path, " ")] = '\0';
	}
	bufferevent_disable(bev, EV_READ);
	if (path == NULL || path[0] != '/' || strstr(path, "..") != NULL) {
		free(line);
		bufferevent_free(bev);
		return;
	}
	xasprintf(&file, "%s%s.raw", root, path);
	if ((fd = open(file, O_RDONLY)) != -1 && fstat(fd, &st) == 0 &&
	    st.st_size > 0)
		evbuffer_add_file(bufferevent_get_output(bev), fd, 0,
		    st.st_size);
	else if (fd != -1)
		close(fd);
	free(file);
	if (logfp != NULL) {
		fprintf(logfp, "raw\tGET\t%s\n", path);
		fflush(logfp);
	}
	free(line);
	if (evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		bufferevent_free(bev);
	else
		bufferevent_enable(bev, EV_WRITE);
}

static void
raw_accept(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct bufferevent	*bev;

	(void)l;
	(void)sa;
	(void)salen;
	(void)arg;
	bev = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(bev, raw_read, raw_written, raw_event, NULL);
	bufferevent_enable(bev, EV_READ);	/* writes once there is a reply */
}

static struct evconnlistener *
raw_listen(const char *portfile)
{
	struct evconnlistener	*l;
	struct sockaddr_in	 sin;
	socklen_t		 slen = sizeof(sin);
	char			*tmp;
	FILE			*f;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = evconnlistener_new_bind(base, raw_accept, NULL,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, -1,
	    (struct sockaddr *)&sin, sizeof(sin));
	if (l == NULL)
		fatalx("cannot bind the raw listener");
	if (getsockname(evconnlistener_get_fd(l), (struct sockaddr *)&sin,
	    &slen) == -1)
		fatal("getsockname");
	xasprintf(&tmp, "%s.tmp", portfile);
	if ((f = fopen(tmp, "w")) == NULL)
		fatal("%s", tmp);
	fprintf(f, "%d\n", ntohs(sin.sin_port));
	if (fclose(f) != 0 || rename(tmp, portfile) == -1)
		fatal("%s", portfile);
	free(tmp);
	return l;
}

static void
write_portfile(const char *file)
{
	char	*tmp;
	FILE	*f;

	xasprintf(&tmp, "%s.tmp", file);
	if ((f = fopen(tmp, "w")) == NULL)
		fatal("%s", tmp);
	fprintf(f, "%d\n", port);
	if (fclose(f) != 0 || rename(tmp, file) == -1)
		fatal("%s", file);
	free(tmp);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	(void)arg;
	event_base_loopexit(base, NULL);
}

int
main(int argc, char **argv)
{
	struct evhttp			*http;
	struct evhttp_bound_socket	*bound;
	struct evconnlistener		*raw = NULL;
	struct event			*sigterm, *sigint;
	struct sockaddr_in		 sin;
	socklen_t			 slen = sizeof(sin);
	const char			*portfile = NULL, *logfile = NULL;
	const char			*rawportfile = NULL;
	const char			*addr = "127.0.0.1";
	int				 ch;

	log_init(LOG_TO_STDERR, 7);
	log_setprefix("httpd");
	while ((ch = getopt(argc, argv, "a:l:P:p:R:r:s:")) != -1) {
		switch (ch) {
		case 'a':
			addr = optarg;
			break;
		case 'l':
			logfile = optarg;
			break;
		case 'P':
			portfile = optarg;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'R':
			rawportfile = optarg;
			break;
		case 'r':
			root = optarg;
			break;
		case 's':
			script_path = optarg;
			break;
		default:
			usage();
		}
	}
	if (root == NULL || optind != argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	memset(spaces, ' ', sizeof(spaces));
	if (logfile != NULL && (logfp = fopen(logfile, "a")) == NULL)
		fatal("%s", logfile);
	base = event_base_new();
	http = evhttp_new(base);
	evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
	evhttp_set_gencb(http, handle, NULL);
	if ((bound = evhttp_bind_socket_with_handle(http, addr,
	    port)) == NULL)
		fatalx("cannot bind %s port %d", addr, port);
	if (getsockname(evhttp_bound_socket_get_fd(bound),
	    (struct sockaddr *)&sin, &slen) == -1)
		fatal("getsockname");
	port = ntohs(sin.sin_port);
	if (rawportfile != NULL)
		raw = raw_listen(rawportfile);
	if (portfile != NULL)
		write_portfile(portfile);
	sigterm = evsignal_new(base, SIGTERM, on_signal, NULL);
	sigint = evsignal_new(base, SIGINT, on_signal, NULL);
	evsignal_add(sigterm, NULL);
	evsignal_add(sigint, NULL);
	event_base_dispatch(base);
	event_free(sigterm);
	event_free(sigint);
	if (raw != NULL)
		evconnlistener_free(raw);
	evhttp_free(http);
	event_base_free(base);
	rules_clear();
	free(gzip_cache);
	if (logfp != NULL)
		fclose(logfp);
	return 0;
}
