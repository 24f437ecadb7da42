/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * transfer.c: one fetch on one easy handle.  Per-transfer options and caps,
 * the response headers we care about (per hop: only the final response's
 * count), the write callback with the decompressed-size cap, and the
 * translation of how it ended into a fetch_report.
 *
 * A 200's body is buffered (within the cap) and hashed as it comes; none
 * of it is parsed inside libcurl's callbacks.  When the transfer is done,
 * the engine hands the buffer to the sink a step at a time
 * (transfer_parse_step), between the loop's other events.  One without
 * validators, or with the very ones we sent, is compared by hash first: if
 * the hash equals the last body's, it is not parsed at all.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "fetchers.h"
#include "internal.h"

#define LOW_SPEED_BYTES	100	/* per second, over LOW_SPEED_SECS */
#define LOW_SPEED_SECS	15

static void
set_str(char **dst, const char *v, size_t len)
{
	free(*dst);
	*dst = xstrndup(v, len);
}

/* Forget the headers we kept from a response. */
static void
headers_clear(struct transfer *x)
{
	free(x->etag);
	free(x->last_modified);
	free(x->retry_after);
	free(x->cache_control);
	free(x->expires);
	free(x->charset);
	x->etag = x->last_modified = x->retry_after = NULL;
	x->cache_control = x->expires = x->charset = NULL;
}

/* A new status line: a new hop.  Forget the previous response's headers. */
static void
header_status(struct transfer *x, const char *line)
{
	const char	*p = strchr(line, ' ');
	long		 prev = x->code;

	if (p == NULL)
		return;
	x->code = strtol(p + 1, NULL, 10);
	if (x->code >= 100 && x->code < 200)
		return;
	if (x->hops > 0 && prev != 301 && prev != 308)
		x->all_permanent = 0;
	x->hops++;
	headers_clear(x);
}

static void
header_charset(struct transfer *x, const char *v, size_t len)
{
	const char	*p, *end = v + len;
	size_t		 n;

	for (p = v; p + 8 <= end; p++)
		if (strncasecmp(p, "charset=", 8) == 0)
			break;
	if (p + 8 > end)
		return;
	p += 8;
	if (p < end && *p == '"')
		p++;
	for (n = 0; p + n < end && (isalnum((unsigned char)p[n]) ||
	    strchr("-_.:", p[n]) != NULL); n++)
		;
	if (n > 0 && n < 64)
		set_str(&x->charset, p, n);
}

static int	same_origin(const char *, const char *);

/*
 * Through a proxy the guard never sees the feed host's address; a host
 * written as a non-public address (or "localhost") is refused by URL.
 */
static int
proxy_refused(struct transfer *x, const char *url)
{
	const char	*why;

	if (!x->proxy.set || x->feed->eng->conf.allow_private ||
	    (why = guard_url_class(url)) == NULL)
		return 0;
	snprintf(x->refused, sizeof(x->refused), "refused to fetch through "
	    "the proxy: the host is a %s address", why);
	return 1;
}

/*
 * A redirect's target, checked before libcurl follows it: by URL when a
 * proxy resolves it, and never to another origin with the feed's own
 * headers (libcurl would send them there; they may be tokens).
 */
static int
redirect_refused(struct transfer *x, const char *v, size_t vlen)
{
	const struct feed_conf	*fc = &x->feed->conf;
	CURLU			*u;
	char			*cur = NULL, *loc, *target = NULL;
	int			 refused = 0;

	if (!x->proxy.set && fc->headers.n == 0)
		return 0;
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	loc = xstrndup(v, vlen);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &cur);
	/* Relative to the URL of this hop, as libcurl will resolve it. */
	if (cur == NULL || curl_url_set(u, CURLUPART_URL, cur, 0) !=
	    CURLUE_OK || curl_url_set(u, CURLUPART_URL, loc, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &target, 0) != CURLUE_OK)
		goto out;	/* libcurl will say what is wrong with it */
	if (proxy_refused(x, target))
		refused = 1;
	else if (fc->headers.n > 0 && !same_origin(target, fc->url)) {
		snprintf(x->refused, sizeof(x->refused), "refused to follow a "
		    "redirect to another origin with the feed's headers");
		refused = 1;
	}
out:
	curl_free(target);
	free(loc);
	curl_url_cleanup(u);
	return refused;
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} keep[] = {
		{ "etag", offsetof(struct transfer, etag) },
		{ "last-modified", offsetof(struct transfer, last_modified) },
		{ "retry-after", offsetof(struct transfer, retry_after) },
		{ "cache-control", offsetof(struct transfer, cache_control) },
		{ "expires", offsetof(struct transfer, expires) }
	};
	struct transfer	*x = arg;
	size_t		 len = size * n, nlen, vlen, i;
	const char	*colon, *v;
	char		 line[32];

	if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
		snprintf(line, sizeof(line), "%.*s", (int)(len < 31 ? len : 31),
		    data);
		header_status(x, line);
		return len;
	}
	if ((colon = memchr(data, ':', len)) == NULL)
		return len;
	nlen = colon - data;
	v = colon + 1;
	vlen = len - (v - data);
	while (vlen > 0 && (*v == ' ' || *v == '\t'))
		v++, vlen--;
	while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' ||
	    v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (nlen == 12 && strncasecmp(data, "content-type", 12) == 0) {
		header_charset(x, v, vlen);
		return len;
	}
	if (nlen == 8 && strncasecmp(data, "location", 8) == 0 &&
	    x->code >= 300 && x->code < 400 && redirect_refused(x, v, vlen))
		return 0;	/* before libcurl follows it */
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		if (strlen(keep[i].name) == nlen &&
		    strncasecmp(data, keep[i].name, nlen) == 0) {
			set_str((char **)((char *)x + keep[i].off), v, vlen);
			break;
		}
	}
	return len;
}

static void
sink_begin(struct transfer *x)
{
	const struct fetch_sink	*s = &x->feed->eng->sink;

	x->began = 1;
	if (s->begin != NULL)
		x->sinkctx = s->begin(x->feed, x->charset, s->arg);
}

static int
sink_data(struct transfer *x, const char *p, size_t len)
{
	const struct fetch_sink	*s = &x->feed->eng->sink;

	if (s->data == NULL || len == 0)
		return 0;
	return s->data(x->sinkctx, p, len);
}

/*
 * Parse without comparing only when the validators promise a new body:
 * some servers answer our If-None-Match with a 200 and the very ETag we
 * sent.  Those bodies, and bodies without validators, are compared by hash.
 */
static int
validators_fresh(const struct transfer *x)
{
	const struct feed_state	*st = &x->feed->st;

	if (x->etag == NULL && x->last_modified == NULL)
		return 0;
	if (x->etag != NULL && st->etag != NULL &&
	    strcmp(x->etag, st->etag) == 0)
		return 0;
	if (x->etag == NULL && st->last_modified != NULL &&
	    strcmp(x->last_modified, st->last_modified) == 0)
		return 0;
	return 1;
}

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer	*x = arg;
	size_t		 len = size * n;

	x->bytes += len;
	if (x->bytes > x->feed->eng->conf.max_body) {
		x->too_large = 1;
		return 0;
	}
	if (x->code != 200)
		return len;	/* an error page: counted, not kept */
	XXH3_64bits_update(x->hash, data, len);
	if (!x->decided) {
		x->decided = 1;
		/* A page is kept whole for its owner: no sink, no hash. */
		x->buffering = x->feed->page_cb != NULL || !validators_fresh(x);
	}
	buf_add(&x->body, data, len);
	return len;
}

/*
 * CURLOPT_OPENSOCKETFUNCTION: every connection, every hop, with the address
 * libcurl resolved.  Refusing here makes libcurl try the next address, so a
 * name with one private and one public address still works.
 */
static curl_socket_t
on_opensocket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct transfer			*x = arg;
	const struct engine_conf	*c = &x->feed->eng->conf;
	const char			*why;
	char				 addr[64];

	(void)purpose;
	if (x->refuse_all)
		return CURL_SOCKET_BAD;
	/*
	 * The operator's proxy may well be on a private address: that hop,
	 * and only that one, is exempt.  The feed's own host is the proxy's
	 * to resolve; what we can judge of it is judged by URL (proxy_refused).
	 */
	if (!c->allow_private && !guard_is_proxy(&x->proxy, &a->addr) &&
	    (why = guard_class(&a->addr)) != NULL) {
		guard_addr_string(&a->addr, addr, sizeof(addr));
		snprintf(x->refused, sizeof(x->refused),
		    "refused to connect to %s: %s address", addr, why);
		return CURL_SOCKET_BAD;
	}
	if (c->test_socket != NULL)
		return c->test_socket(c->test_socket_arg);
	return socket(a->family, a->socktype, a->protocol);
}

/* A test's socket is connected already: libcurl must not connect it. */
static int
on_test_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	(void)arg;
	(void)fd;
	(void)purpose;
	return CURL_SOCKOPT_ALREADY_CONNECTED;
}

/*
 * With a test's sockets every host is "127.0.0.1", so that no name (a
 * redirect's, say) is ever looked up: any host, any port, same port.
 */
static char		 test_connect_to_any[] = "::127.0.0.1:";
static struct curl_slist test_connect_to = { test_connect_to_any, NULL };

/* Scheme, host and port of a URL, as curl sees them ("" when it cannot). */
static void
origin_of(const char *url, char *out, size_t len)
{
	CURLU	*u;
	char	*scheme = NULL, *host = NULL, *port = NULL;

	out[0] = '\0';
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK)
		snprintf(out, len, "%s://%s:%s", scheme, host, port);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
}

/*
 * The config's credentials are for the config's origin: after a permanent
 * redirect elsewhere they are not sent (libcurl, too, sends none to
 * another host on a redirect).
 */
static int
same_origin(const char *a, const char *b)
{
	char	 oa[512], ob[512];

	origin_of(a, oa, sizeof(oa));
	origin_of(b, ob, sizeof(ob));
	return oa[0] != '\0' && strcasecmp(oa, ob) == 0;
}

static void
add_header(struct transfer *x, const char *name, const char *value)
{
	char	*h;

	xasprintf(&h, "%s: %s", name, value);
	x->hdrs = curl_slist_append(x->hdrs, h);
	free(h);
	if (x->hdrs == NULL)
		fatalx("curl_slist_append");
}

/*
 * The proxy the config names, or none: never one from the environment
 * (http_proxy, no_proxy), which would take connections past the guard
 * and the config alike.
 */
static void
set_proxy(struct transfer *x)
{
	const struct feed_conf	*fc = &x->feed->conf;
	CURL			*e = x->easy;

	curl_easy_setopt(e, CURLOPT_NOPROXY, "");
	if (fc->proxy == NULL) {
		curl_easy_setopt(e, CURLOPT_PROXY, "");
		return;
	}
	curl_easy_setopt(e, CURLOPT_PROXY, fc->proxy);
	if (guard_proxy_init(&x->proxy, fc->proxy) == -1)
		x->refuse_all = 1;	/* the config checked it: cannot be */
	/* No socket at all: not even the proxy hears of this host. */
	if (proxy_refused(x, x->feed->st.url)) {
		x->refuse_all = 1;
		curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
	}
}

/*
 * The feed's own headers, to the origin the config names only (as its
 * credentials).  Returns whether they include an Accept of their own.
 */
static int
feed_headers(struct transfer *x)
{
	const struct feed_conf	*fc = &x->feed->conf;
	size_t			 i;
	int			 accept = 0;

	if (fc->headers.n == 0 || !same_origin(x->feed->st.url, fc->url))
		return 0;
	for (i = 0; i < fc->headers.n; i++) {
		if (strncasecmp(fc->headers.v[i], "accept:", 7) == 0)
			accept = 1;
		if ((x->hdrs = curl_slist_append(x->hdrs,
		    fc->headers.v[i])) == NULL)
			fatalx("curl_slist_append");
	}
	return accept;
}

struct transfer *
transfer_new(struct fetch_feed *f)
{
	const struct engine_conf	*c = &f->eng->conf;
	struct transfer			*x;
	CURL				*e;

	x = xcalloc(1, sizeof(*x));
	x->feed = f;
	x->all_permanent = 1;
	/*
	 * XXH3, not zlib's crc32 and adler32 side by side: those two were
	 * 3.9% of a cold cycle's instructions (callgrind, bench_daemon's 500
	 * feeds: 136 M of 3.51 G); XXH3 takes 18 M there, the cycle 3.39 G.
	 * A state written by the old hash reads as changed once: the body
	 * is parsed again and its items found in the store, not alerted.
	 */
	if ((x->hash = XXH3_createState()) == NULL ||
	    XXH3_64bits_reset(x->hash) == XXH_ERROR)
		fatal("XXH3_createState");
	x->started = mono_now();
	buf_init(&x->body);
	/*
	 * A new handle every time, never one reused or reset: libcurl 7.88
	 * keeps a pointer to the last header of a handle's previous transfer
	 * (through curl_easy_reset too) and a reply that starts with a
	 * folded line unfolds into that freed header (curl issue 11101).
	 * Connections and DNS stay cached in the multi handle, TLS sessions
	 * in the engine's share.
	 */
	if ((e = x->easy = curl_easy_init()) == NULL)
		fatalx("curl_easy_init");
	curl_easy_setopt(e, CURLOPT_SHARE, f->eng->share);
	curl_easy_setopt(e, CURLOPT_URL, f->st.url);
	/* Only here: the URL we log and publish has no userinfo. */
	if (f->conf.user != NULL && same_origin(f->st.url, f->conf.url)) {
		curl_easy_setopt(e, CURLOPT_USERNAME, f->conf.user);
		if (f->conf.password != NULL)
			curl_easy_setopt(e, CURLOPT_PASSWORD,
			    f->conf.password);
	}
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->conf.user_agent != NULL ?
	    f->conf.user_agent : c->user_agent);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, c->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, c->total_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_BYTES);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
	    c->total_timeout < LOW_SPEED_SECS ? c->total_timeout :
	    (long)LOW_SPEED_SECS);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, f->conf.http1 ?
	    (long)CURL_HTTP_VERSION_1_1 : (long)CURL_HTTP_VERSION_2TLS);
	/*
	 * Over TLS, wait to multiplex on HTTP/2 rather than open a second
	 * connection; cleartext is HTTP/1.1, where waiting only serializes.
	 */
	if (!f->conf.http1 && strncasecmp(f->st.url, "https:", 6) == 0)
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	set_proxy(x);
	if (!c->allow_private || c->test_socket != NULL) {
		curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_opensocket);
		curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
	}
	if (c->test_socket != NULL) {
		curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, on_test_sockopt);
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, &test_connect_to);
	}
	if (f->page_cb != NULL)
		add_header(x, "Accept", "text/html, application/xhtml+xml, "
		    "*/*;q=0.5");
	else if (!feed_headers(x))
		add_header(x, "Accept", "application/rss+xml, "
		    "application/atom+xml, application/rdf+xml;q=0.9, "
		    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
	/* Validators go back byte for byte, both of them. */
	if (f->st.etag != NULL)
		add_header(x, "If-None-Match", f->st.etag);
	if (f->st.last_modified != NULL)
		add_header(x, "If-Modified-Since", f->st.last_modified);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	return x;
}

void
transfer_free(struct transfer *x)
{
	if (x == NULL)
		return;
	curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->hdrs);
	headers_clear(x);
	buf_free(&x->body);
	XXH3_freeState(x->hash);
	free(x);
}

/*
 * The transfer dies before its end (an error part way, a cancel): the
 * items of what came are still kept, as when a body with fresh validators
 * streamed into the sink; the feed's state is not touched, so the next
 * fetch brings the rest.  Then the sink cleans up.
 */
void
transfer_abort_sink(struct transfer *x)
{
	const struct fetch_sink	*s = &x->feed->eng->sink;
	struct sink_result	 res;

	if (!x->began && x->decided && !x->buffering && x->body.len > 0)
		sink_begin(x);
	if (x->began && !x->sink_failed && x->parsed < x->body.len &&
	    sink_data(x, x->body.d + x->parsed, x->body.len - x->parsed) == -1)
		x->sink_failed = 1;
	x->parsed = x->body.len;
	if (x->began && s->end != NULL) {
		memset(&res, 0, sizeof(res));
		s->end(x->sinkctx, 0, &res);
	}
	x->began = 0;
}

static long
response_code(struct transfer *x)
{
	long	 code = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

static enum fetch_status
status_of_curl(struct transfer *x, CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		return FETCH_ERR_DNS;
	case CURLE_COULDNT_CONNECT:
		return x->refused[0] ? FETCH_ERR_REFUSED : FETCH_ERR_CONNECT;
	case CURLE_COULDNT_RESOLVE_PROXY:
		return FETCH_ERR_DNS;
	case CURLE_OPERATION_TIMEDOUT:
		return FETCH_ERR_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return FETCH_ERR_TLS;
	case CURLE_TOO_MANY_REDIRECTS:
		return FETCH_ERR_REDIRECT;
	case CURLE_UNSUPPORTED_PROTOCOL:
		/*
		 * A redirect to another scheme, which came with a status code;
		 * libcurl 7.88 says the same of a reply whose status line is
		 * not HTTP at all (no code), which is no refusal of ours.
		 */
		if (x->refused[0] == '\0' && response_code(x) == 0 &&
		    strncmp(x->feed->st.url, "http", 4) == 0)
			return FETCH_ERR_OTHER;
		return FETCH_ERR_REFUSED;
	case CURLE_WRITE_ERROR:
		if (x->refused[0])
			return FETCH_ERR_REFUSED;	/* a redirect's target */
		if (x->too_large)
			return FETCH_ERR_TOO_LARGE;
		return x->sink_failed ? FETCH_ERR_PARSE : FETCH_ERR_OTHER;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
		return FETCH_ERR_CONNECT;
	default:
		return FETCH_ERR_OTHER;
	}
}

static enum fetch_status
status_of_http(long code)
{
	if (code == 200)
		return FETCH_OK;
	if (code == 304)
		return FETCH_NOT_MODIFIED;
	if (code == 410)
		return FETCH_ERR_GONE;
	if (code == 429)
		return FETCH_ERR_HTTP_429;
	if (code >= 400 && code < 500)
		return FETCH_ERR_HTTP_4XX;
	if (code >= 500 && code < 600)
		return FETCH_ERR_HTTP_5XX;
	return FETCH_ERR_OTHER;	/* 1xx, 3xx without Location, 2xx != 200 */
}

static uint64_t
body_hash(const struct transfer *x)
{
	uint64_t	 h = XXH3_64bits_digest(x->hash);

	return h ? h : 1;	/* 0 means "none" */
}

/* The body is the same bytes as the last one: not parsed again. */
static int
body_unchanged(struct transfer *x)
{
	if (!x->decided)
		x->buffering = 1;	/* an empty body */
	return x->buffering && x->feed->st.body_hash == body_hash(x) &&
	    x->bytes > 0;
}

/*
 * The next step of a finished transfer's parse: at most max bytes of its
 * body into the sink.  Returns 1 while some is left, 0 when the body is
 * all in, or when there is nothing to parse (an error, a page, a body
 * unchanged): then transfer_finish() ends it.
 */
int
transfer_parse_step(struct transfer *x, CURLcode rc, size_t max)
{
	size_t	 n;

	if (rc != CURLE_OK || x->feed->page_cb != NULL ||
	    response_code(x) != 200 || x->sink_failed)
		return 0;
	if (!x->began) {
		if (body_unchanged(x))
			return 0;
		sink_begin(x);
	}
	n = x->body.len - x->parsed;
	if (n > max)
		n = max;
	if (n > 0 && sink_data(x, x->body.d + x->parsed, n) == -1)
		x->sink_failed = 1;
	x->parsed += n;
	return !x->sink_failed && x->parsed < x->body.len;
}

/* A 200: hand the body to the sink (unless unchanged) and judge it. */
static void
finish_body(struct transfer *x, struct fetch_report *r)
{
	const struct fetch_sink	*s = &x->feed->eng->sink;
	struct feed_state	*st = &x->feed->st;

	if (x->feed->page_cb != NULL)
		return;		/* the owner judges a page */
	if (!x->began && body_unchanged(x)) {
		r->status = FETCH_UNCHANGED;
		return;
	}
	st->body_hash = body_hash(x);
	/* What the steps have not taken yet (none were made, in tests). */
	while (transfer_parse_step(x, CURLE_OK, SIZE_MAX) == 1)
		;
	if (s->end != NULL)
		s->end(x->sinkctx, 1, &r->sink);
	x->began = 0;
	if (x->bytes == 0) {
		r->status = FETCH_ERR_NOT_FEED;
		snprintf(r->sink.error, sizeof(r->sink.error), "empty body");
	} else if (!r->sink.is_feed)
		r->status = FETCH_ERR_NOT_FEED;
	else if (r->sink.not_kept)
		r->status = FETCH_ERR_LOCAL;
	else if ((r->sink.parse_error && !r->sink.recovered) ||
	    x->sink_failed)
		r->status = FETCH_ERR_PARSE;	/* a warning keeps the feed ok */
}

/* The reason in words, after the URL. */
static void
describe(struct transfer *x, CURLcode rc, struct fetch_report *r)
{
	const char	*url = x->feed->st.url, *why;
	char		 reason[400];

	if (x->feed->page_cb != NULL && r->status == FETCH_OK) {
		snprintf(r->message, sizeof(r->message), "%s: %zu bytes", url,
		    x->bytes);
		return;
	}
	switch (r->status) {
	case FETCH_OK:
	case FETCH_ERR_PARSE:
		snprintf(reason, sizeof(reason), "%zu items (%zu new)%s%s",
		    r->sink.items, r->sink.new_items,
		    r->status == FETCH_ERR_PARSE ? ", parse error: " : "",
		    r->status == FETCH_ERR_PARSE ? r->sink.error : "");
		break;
	case FETCH_NOT_MODIFIED:
		snprintf(reason, sizeof(reason), "not modified (304)");
		break;
	case FETCH_UNCHANGED:
		snprintf(reason, sizeof(reason), "unchanged body");
		break;
	case FETCH_ERR_LOCAL:
		snprintf(reason, sizeof(reason), "%zu items, %s",
		    r->sink.items, r->sink.error);
		break;
	case FETCH_ERR_NOT_FEED:
		snprintf(reason, sizeof(reason), "not a feed%s%s",
		    r->sink.error[0] ? ": " : "", r->sink.error);
		break;
	case FETCH_ERR_TOO_LARGE:
		snprintf(reason, sizeof(reason), "too large: more than %zu "
		    "bytes after decompression", x->feed->eng->conf.max_body);
		break;
	case FETCH_ERR_REFUSED:
		why = x->refused[0] ? x->refused : x->errbuf[0] ? x->errbuf :
		    curl_easy_strerror(rc);
		snprintf(reason, sizeof(reason), "%s%s", why,
		    rc == CURLE_UNSUPPORTED_PROTOCOL ?
		    " (only http and https are fetched)" : "");
		break;
	default:
		if (rc == CURLE_OK && x->retry_after != NULL)
			snprintf(reason, sizeof(reason), "HTTP status %ld "
			    "(Retry-After: %.64s)", r->http_code,
			    x->retry_after);
		else if (rc == CURLE_OK)
			snprintf(reason, sizeof(reason), "HTTP status %ld",
			    r->http_code);
		else if (rc == CURLE_BAD_FUNCTION_ARGUMENT && x->code != 0)
			/* libcurl 7.88's word for a folded first header */
			snprintf(reason, sizeof(reason), "malformed response "
			    "header (a folded line with no header before it)");
		else
			snprintf(reason, sizeof(reason), "%s",
			    x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		break;
	}
	snprintf(r->message, sizeof(r->message), "%s: %s", url, reason);
}

static void
take(char **dst, char **src)
{
	free(*dst);
	*dst = *src;
	*src = NULL;
}

/*
 * Keep the final response's validators, byte for byte.  A 200 replaces
 * both (one it lacks is gone); a 304 may repeat only some of them, and
 * updates only those.
 */
static void
keep_validators(struct transfer *x, int partial)
{
	struct feed_state	*st = &x->feed->st;

	if (!partial || x->etag != NULL)
		take(&st->etag, &x->etag);
	if (!partial || x->last_modified != NULL)
		take(&st->last_modified, &x->last_modified);
}

/*
 * Translate how the transfer ended into a report.  The feed's state is
 * updated with validators and the body hash; scheduling is the engine's.
 */
void
transfer_finish(struct transfer *x, CURLcode rc, struct fetch_report *r)
{
	memset(r, 0, sizeof(*r));
	r->sink.ttl = -1;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->http_code);
	r->bytes = x->bytes;
	r->seconds = mono_now() - x->started;
	if (rc == CURLE_OK) {
		r->status = status_of_http(r->http_code);
		if (r->status == FETCH_OK)
			finish_body(x, r);
		/*
		 * A body that failed must be parsed again next time, not
		 * answered with a 304 or skipped as unchanged.
		 */
		if (r->status == FETCH_ERR_PARSE ||
		    r->status == FETCH_ERR_NOT_FEED ||
		    r->status == FETCH_ERR_LOCAL)
			x->feed->st.body_hash = 0;
		else if (r->status == FETCH_OK || r->status == FETCH_UNCHANGED ||
		    r->status == FETCH_NOT_MODIFIED)
			keep_validators(x, r->status == FETCH_NOT_MODIFIED);
	} else {
		r->status = status_of_curl(x, rc);
		transfer_abort_sink(x);
	}
	describe(x, rc, r);
}
