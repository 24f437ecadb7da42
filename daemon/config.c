/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * config.c: the INI configuration.  inih splits lines into keys and values;
 * we feed it one line at a time through our own reader so that every error
 * names the file, the line and the key, and so that every error is
 * reported, not only the first.  Sections are recognised in the reader
 * (inih does not tell the handler about empty sections, and a feed without
 * keys still needs its "url is missing").
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <ini.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"

#define CONF_MAX_SIZE	(16 * 1024 * 1024)
#define CONF_MAX_LINE	8192
#define FEED_NAME_MAX	64
#define SECRET_MAX	4096	/* a password file */
#define FEED_HEADERS_MAX 32
#define PROXY_NONE	"none"	/* per feed: no proxy, whatever [daemon] says */

enum section {
	SEC_NONE,		/* before the first section header */
	SEC_DAEMON,
	SEC_FEED,
	SEC_BAD			/* unknown or duplicate: its keys are skipped */
};

struct parse {
	struct daemon_conf	*conf;
	struct strlist		*errors;
	const char		*path;
	const char		*text;
	size_t			 len;
	size_t			 off;
	int			 lineno;
	enum section		 section;
	unsigned int		 daemon_seen;	/* bit per key, for duplicates */
	unsigned int		 feed_seen;
	int			*feed_line;	/* header line of each feed */
	const char		**feed_file;	/* and its file */
	int			 included;	/* in a file of include */
	char			*include;	/* [daemon] include, a pattern */
	int			 include_line;
	char			*proxy;		/* [daemon] proxy */
	size_t			 feeds_cap;	/* of conf->feeds, feed_line */
	struct strindex		 names;		/* feed name -> index */
	int			 publish_line;
	int			 curve_line;
	int			 curve_key_seen;	/* even when bad */
	int			 curve_allow_seen;
};

struct key {
	const char	*name;
	int		(*set)(struct parse *, const char *, const char *);
};

static void PRINTFLIKE(3, 4)
perr(struct parse *p, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *line;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	xasprintf(&line, "%s:%d: %s: %s", p->path, p->lineno, key, msg);
	strlist_add(p->errors, line);
	free(line);
	free(msg);
}

static int
parse_bool(const char *v, int *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcasecmp(v, "off") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

/* "512k", "10M", "1G" or a plain number of bytes. */
static int
parse_size(const char *v, size_t *out)
{
	char			*end;
	unsigned long long	 n, mult = 1;

	if (!isdigit((unsigned char)*v))
		return -1;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case '\0':
		break;
	case 'k':
		mult = 1024;
		end++;
		break;
	case 'm':
		mult = 1024 * 1024;
		end++;
		break;
	case 'g':
		mult = 1024 * 1024 * 1024;
		end++;
		break;
	default:
		return -1;
	}
	if (*end != '\0' || n == 0 || n > SIZE_MAX / mult)
		return -1;
	*out = n * mult;
	return 0;
}

static int
parse_level(const char *v, int *out)
{
	static const struct {
		const char	*name;
		int		 level;
	} levels[] = {
		{ "debug", LOG_DEBUG }, { "info", LOG_INFO },
		{ "notice", LOG_NOTICE }, { "warning", LOG_WARNING },
		{ "error", LOG_ERR },
	};
	size_t	 i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcasecmp(v, levels[i].name) == 0) {
			*out = levels[i].level;
			return 0;
		}
	return -1;
}

/* A duration in whole seconds, at least min. */
static int
set_duration(struct parse *p, const char *key, const char *v, long long min,
    long long *out)
{
	if (parse_duration(v, out) == -1) {
		perr(p, key, "\"%s\" is not a duration (90s, 15m, 2h, 1d)", v);
		return -1;
	}
	if (*out < min) {
		perr(p, key, "\"%s\" is shorter than %llds", v, min);
		return -1;
	}
	return 0;
}

static int
valid_endpoint(const char *v)
{
	const char	*colon;

	if (strncmp(v, "ipc://", 6) == 0)
		return v[6] != '\0';
	if (strncmp(v, "tcp://", 6) != 0)
		return 0;
	colon = strrchr(v + 6, ':');
	return colon != NULL && colon != v + 6 && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1);
}

static int
set_string(struct parse *p, const char *key, const char *v, char **out)
{
	if (*v == '\0') {
		perr(p, key, "empty value");
		return -1;
	}
	free(*out);
	*out = xstrdup(v);
	return 0;
}

static int
set_state(struct parse *p, const char *key, const char *v)
{
	return set_string(p, key, v, &p->conf->state);
}

/* Cluster mode: this node's name among those sharing the database. */
static int
set_node(struct parse *p, const char *key, const char *v)
{
	if (strlen(v) > 64 || strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != strlen(v)) {
		perr(p, key, "\"%s\" is not a node name (letters, digits, "
		    "'.', '-', '_'; at most 64)", v);
		return -1;
	}
	return set_string(p, key, v, &p->conf->node);
}

/* The control socket (sanctionctl status); default control_path()'s. */
static int
set_control(struct parse *p, const char *key, const char *v)
{
	if (*v != '/') {
		perr(p, key, "\"%s\" is not an absolute path", v);
		return -1;
	}
	return set_string(p, key, v, &p->conf->control);
}

static int
set_lease(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	p->conf->lease = secs;
	return 0;
}

static int
set_endpoint(struct parse *p, const char *key, const char *v, char **out)
{
	if (!valid_endpoint(v)) {
		perr(p, key, "\"%s\" is not tcp://HOST:PORT or ipc://PATH", v);
		return -1;
	}
	return set_string(p, key, v, out);
}

static int
set_publish(struct parse *p, const char *key, const char *v)
{
	p->publish_line = p->lineno;
	return set_endpoint(p, key, v, &p->conf->publish);
}

static int
set_replay(struct parse *p, const char *key, const char *v)
{
	return set_endpoint(p, key, v, &p->conf->replay);
}

static int
set_allow_private(struct parse *p, const char *key, const char *v)
{
	if (parse_bool(v, &p->conf->engine.allow_private) == -1) {
		perr(p, key, "\"%s\" is not yes or no", v);
		return -1;
	}
	return 0;
}

static int
set_interval(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	p->conf->engine.default_interval = secs;
	return 0;
}

/* fetch_article: flagged, yes or no (SPEC "Articles"). */
static int
parse_article_mode(struct parse *p, const char *key, const char *v, int *out)
{
	if (strcmp(v, "flagged") == 0)
		*out = ARTICLE_FLAGGED;
	else if (strcmp(v, "yes") == 0)
		*out = ARTICLE_YES;
	else if (strcmp(v, "no") == 0)
		*out = ARTICLE_NO;
	else {
		perr(p, key, "\"%s\" is not flagged, yes or no", v);
		return -1;
	}
	return 0;
}

static int
set_fetch_article(struct parse *p, const char *key, const char *v)
{
	return parse_article_mode(p, key, v, &p->conf->fetch_article);
}

static int
set_article_wait(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	p->conf->article_wait = secs;
	return 0;
}

static int
set_stale_after(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	p->conf->stale_after = secs;
	return 0;
}

/* How long the store keeps events and gone items; 0: for ever. */
static int
set_retention(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 0, &secs) == -1)
		return -1;
	p->conf->retention = secs;
	return 0;
}

static int
no_controls(struct parse *p, const char *key, const char *v)
{
	const char	*s;

	for (s = v; *s != '\0'; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f) {
			perr(p, key, "control character in the value");
			return -1;
		}
	return 0;
}

static int
set_user_agent(struct parse *p, const char *key, const char *v)
{
	if (no_controls(p, key, v) == -1 ||
	    set_string(p, key, v, &p->conf->user_agent) == -1)
		return -1;
	p->conf->engine.user_agent = p->conf->user_agent;
	return 0;
}

static int
set_host_rate(struct parse *p, const char *key, const char *v)
{
	char	*end;
	double	 r;

	errno = 0;
	r = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !isfinite(r) ||
	    r <= 0 || r > 1000000) {
		perr(p, key, "\"%s\" is not a rate between 0 and 1000000 "
		    "requests per second", v);
		return -1;
	}
	p->conf->engine.host_rate = r;
	return 0;
}

static int
set_host_conns(struct parse *p, const char *key, const char *v)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 1 || n > 64) {
		perr(p, key, "\"%s\" is not a number from 1 to 64", v);
		return -1;
	}
	p->conf->engine.host_conns = (int)n;
	return 0;
}

static int
set_max_body(struct parse *p, const char *key, const char *v)
{
	if (parse_size(v, &p->conf->engine.max_body) == -1) {
		perr(p, key, "\"%s\" is not a size (512k, 10M, 1G)", v);
		return -1;
	}
	return 0;
}

/* Timeouts: whole seconds, at least one. */
static int
set_timeout_field(struct parse *p, const char *key, const char *v, long *out)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	if (secs > LONG_MAX) {
		perr(p, key, "\"%s\" is too long", v);
		return -1;
	}
	*out = (long)secs;
	return 0;
}

static int
set_connect_timeout(struct parse *p, const char *key, const char *v)
{
	return set_timeout_field(p, key, v, &p->conf->engine.connect_timeout);
}

static int
set_timeout(struct parse *p, const char *key, const char *v)
{
	return set_timeout_field(p, key, v, &p->conf->engine.total_timeout);
}

static int
set_log_level(struct parse *p, const char *key, const char *v)
{
	if (parse_level(v, &p->conf->log_level) == -1) {
		perr(p, key, "\"%s\" is not debug, info, notice, warning or "
		    "error", v);
		return -1;
	}
	return 0;
}

static struct feed_conf *
cur_feed(struct parse *p)
{
	return &p->conf->feeds[p->conf->nfeeds - 1];
}

static void
feed_creds_free(struct feed_conf *fc)
{
	free(fc->user);
	if (fc->password != NULL)
		explicit_bzero(fc->password, strlen(fc->password));
	free(fc->password);
	fc->user = fc->password = NULL;
}

/*
 * The userinfo leaves the URL here, once: from now on the URL goes into
 * logs, events and link bases, the credentials only into the transfer.
 * An error message never shows them either.
 */
static int
set_feed_url(struct parse *p, const char *key, const char *v)
{
	struct feed_conf	*fc = cur_feed(p);
	char			*url, *user, *pw;

	free(fc->url);
	/* Kept even when bad, so that "has no url" is not said as well. */
	if (config_url_split(v, &url, &user, &pw) == -1) {
		if (strchr(v, '@') != NULL) {
			perr(p, key, "not a URL (not shown: it may hold a "
			    "password)");
			fc->url = xstrdup("-");
		} else {
			perr(p, key, "\"%s\" is not an http or https URL", v);
			fc->url = xstrdup(v);
		}
		return -1;
	}
	fc->url = url;
	if (user != NULL && (fc->user != NULL || fc->password != NULL)) {
		perr(p, key, "user name and password both in the url and in "
		    "username or password_file");
		free(user);
		if (pw != NULL)
			explicit_bzero(pw, strlen(pw));
		free(pw);
		return -1;
	}
	if (user != NULL) {
		fc->user = user;
		fc->password = pw;
	}
	if (!config_valid_url(url)) {
		perr(p, key, "\"%s\" is not an http or https URL", url);
		feed_creds_free(fc);
		return -1;
	}
	return 0;
}

static int
set_feed_interval(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	cur_feed(p)->interval = secs;
	return 0;
}

static int
set_feed_fetch_article(struct parse *p, const char *key, const char *v)
{
	return parse_article_mode(p, key, v, &cur_feed(p)->fetch_article);
}

static int
set_feed_stale_after(struct parse *p, const char *key, const char *v)
{
	long long	 secs;

	if (set_duration(p, key, v, 1, &secs) == -1)
		return -1;
	cur_feed(p)->stale_after = secs;
	return 0;
}

/* A key file as sanctionctl keygen writes it; we need its secret. */
static int
set_curve_key(struct parse *p, const char *key, const char *v)
{
	char	 sec[41], *err = NULL;

	p->curve_key_seen = 1;
	p->curve_line = p->lineno;
	if (curve_keyfile_read(v, NULL, sec, &err) == -1) {
		perr(p, key, "%s", err);
		free(err);
		return -1;
	}
	free(p->conf->curve_secret);
	p->conf->curve_secret = xstrdup(sec);
	explicit_bzero(sec, sizeof(sec));
	return 0;
}

/* Z85 public keys of the subscribers allowed in, blank-separated. */
static int
set_curve_allow(struct parse *p, const char *key, const char *v)
{
	uint8_t		 k[32];
	const char	*s = v;
	size_t		 n, nkeys = 0;
	char		*one;
	int		 rv = 0;

	p->curve_allow_seen = 1;
	p->curve_line = p->lineno;
	for (;;) {
		s += strspn(s, " \t");
		if ((n = strcspn(s, " \t")) == 0)
			break;
		one = xstrndup(s, n);
		if (curve_key_decode(one, k) == -1) {
			perr(p, key, "\"%s\" is not a Z85 public key", one);
			rv = -1;
		} else {
			strlist_add(&p->conf->curve_allow, one);
			nkeys++;
		}
		free(one);
		s += n;
	}
	if (nkeys == 0 && rv == 0) {
		perr(p, key, "no keys");
		rv = -1;
	}
	return rv;
}

/*
 * "no" turns the metrics off; otherwise HOST:PORT to listen on.  An
 * address other than loopback has to be written, never defaulted to.
 */
static int
set_metrics(struct parse *p, const char *key, const char *v)
{
	struct daemon_conf	*c = p->conf;
	char			*host, *port;
	int			 on;

	if (parse_bool(v, &on) == 0 && !on) {
		free(c->metrics_host);
		free(c->metrics_port);
		c->metrics_host = c->metrics_port = NULL;
		return 0;
	}
	if (config_hostport(v, &host, &port) == -1) {
		perr(p, key, "\"%s\" is not HOST:PORT (127.0.0.1:7752, "
		    "[::1]:7752) or no", v);
		return -1;
	}
	free(c->metrics_host);
	free(c->metrics_port);
	c->metrics_host = host;
	c->metrics_port = port;
	c->metrics_set = 1;
	return 0;
}

/* "none", or a proxy URL as config_valid_proxy has it. */
static int
set_proxy_url(struct parse *p, const char *key, const char *v, char **out)
{
	const char	*why;

	if (strcmp(v, PROXY_NONE) != 0 &&
	    (why = config_valid_proxy(v)) != NULL) {
		/* A value with "@" may hold a password: not shown. */
		if (strchr(v, '@') != NULL)
			perr(p, key, "%s (not shown)", why);
		else
			perr(p, key, "\"%s\": %s", v, why);
		return -1;
	}
	return set_string(p, key, v, out);
}

static int
set_proxy(struct parse *p, const char *key, const char *v)
{
	return set_proxy_url(p, key, v, &p->proxy);
}

static int
set_include(struct parse *p, const char *key, const char *v)
{
	p->include_line = p->lineno;
	return set_string(p, key, v, &p->include);
}

static int
set_feed_proxy(struct parse *p, const char *key, const char *v)
{
	return set_proxy_url(p, key, v, &cur_feed(p)->proxy);
}

static int
set_feed_user_agent(struct parse *p, const char *key, const char *v)
{
	if (no_controls(p, key, v) == -1)
		return -1;
	return set_string(p, key, v, &cur_feed(p)->user_agent);
}

static int
set_feed_http2(struct parse *p, const char *key, const char *v)
{
	int	 b;

	if (parse_bool(v, &b) == -1) {
		perr(p, key, "\"%s\" is not yes or no", v);
		return -1;
	}
	cur_feed(p)->http1 = !b;
	return 0;
}

static int
set_username(struct parse *p, const char *key, const char *v)
{
	struct feed_conf	*fc = cur_feed(p);

	if (fc->user != NULL) {
		perr(p, key, "the url has a user name already");
		return -1;
	}
	if (no_controls(p, key, v) == -1)
		return -1;
	if (strchr(v, ':') != NULL) {
		perr(p, key, "\":\" in a user name (Basic authentication "
		    "cannot send it)");
		return -1;
	}
	return set_string(p, key, v, &fc->user);
}

/*
 * A password file: a regular file that only its owner (root or us) can
 * read, holding one line.  Its content is never shown, not even in an
 * error.
 */
static int
read_secret(const char *path, char **out, char **err)
{
	struct stat	 st;
	char		 b[SECRET_MAX + 2];
	ssize_t		 n;
	size_t		 len = 0;
	int		 fd;

	*out = NULL;
	if ((fd = config_open_file(path, &st, err)) == -1)
		return -1;
	if (st.st_mode & (S_IRWXG | S_IRWXO))
		xasprintf(err, "%s: readable or writable by group or others "
		    "(mode %03o); refusing it", path,
		    (unsigned int)(st.st_mode & 0777));
	else if (st.st_uid != 0 && st.st_uid != getuid())
		xasprintf(err, "%s: owned by uid %u, not by root or us; "
		    "refusing it", path, (unsigned int)st.st_uid);
	else {
		while (len < sizeof(b) && (n = read(fd, b + len,
		    sizeof(b) - len)) > 0)
			len += n;
		if (len == sizeof(b))
			xasprintf(err, "%s: longer than %d bytes", path,
			    SECRET_MAX);
		else if (len > 0 && b[len - 1] == '\n')
			len--;
		if (*err == NULL && len > 0 && b[len - 1] == '\r')
			len--;
		if (*err == NULL && len == 0)
			xasprintf(err, "%s: empty", path);
		else if (*err == NULL && (memchr(b, '\n', len) != NULL ||
		    memchr(b, '\r', len) != NULL || memchr(b, '\0', len) !=
		    NULL))
			xasprintf(err, "%s: not one line", path);
	}
	close(fd);
	if (*err == NULL)
		*out = xstrndup(b, len);
	explicit_bzero(b, sizeof(b));
	return *err == NULL ? 0 : -1;
}

static int
set_password_file(struct parse *p, const char *key, const char *v)
{
	struct feed_conf	*fc = cur_feed(p);
	char			*err;

	if (fc->password != NULL) {
		perr(p, key, "the url has a password already");
		return -1;
	}
	if (read_secret(v, &fc->password, &err) == -1) {
		perr(p, key, "%s", err);
		free(err);
		return -1;
	}
	return 0;
}

/*
 * "Name: value", sent as is.  Headers that the transfer itself sets, or
 * that frame the message, are not the config's to change.
 */
static int
set_header(struct parse *p, const char *key, const char *v)
{
	static const char *const ours[] = {
		"host", "content-length", "transfer-encoding", "connection",
		"te", "upgrade", "expect", "user-agent", "accept-encoding",
		"if-none-match", "if-modified-since", "proxy-connection",
	};
	struct feed_conf	*fc = cur_feed(p);
	size_t			 n, i;
	char			*name, *h;
	const char		*val, *s;

	n = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789!#$%&'*+-.^_`|~");
	if (n == 0 || v[n] != ':') {
		perr(p, key, "not \"Name: value\" (a name is letters, digits "
		    "and !#$%%&'*+-.^_`|~, then \":\")");
		return -1;
	}
	name = xstrndup(v, n);
	for (val = v + n + 1; *val == ' ' || *val == '\t'; val++)
		;
	for (s = val; *s != '\0'; s++)
		if (((unsigned char)*s < ' ' && *s != '\t') || *s == 0x7f)
			break;
	for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		if (strcasecmp(name, ours[i]) == 0)
			break;
	/* Never the value in a message: it may be a token. */
	if (*s != '\0')
		perr(p, key, "%s: control character in the value", name);
	else if (*val == '\0')
		perr(p, key, "%s: empty value", name);
	else if (i < sizeof(ours) / sizeof(ours[0]))
		perr(p, key, "%s: set by sanctiond itself%s", name,
		    strcasecmp(name, "user-agent") == 0 ?
		    " (use user_agent)" : "");
	else if (fc->headers.n == FEED_HEADERS_MAX)
		perr(p, key, "more than %d headers", FEED_HEADERS_MAX);
	else {
		xasprintf(&h, "%s: %s", name, val);
		strlist_add(&fc->headers, h);
		explicit_bzero(h, strlen(h));
		free(h);
		free(name);
		return 0;
	}
	free(name);
	return -1;
}

static const struct key daemon_keys[] = {
	{ "state", set_state },
	{ "node", set_node },
	{ "lease", set_lease },
	{ "control", set_control },
	{ "publish", set_publish },
	{ "replay", set_replay },
	{ "allow_private_addresses", set_allow_private },
	{ "interval", set_interval },
	{ "user_agent", set_user_agent },
	{ "host_rate", set_host_rate },
	{ "host_connections", set_host_conns },
	{ "max_body", set_max_body },
	{ "connect_timeout", set_connect_timeout },
	{ "timeout", set_timeout },
	{ "log_level", set_log_level },
	{ "curve_key", set_curve_key },
	{ "curve_allow", set_curve_allow },
	{ "metrics", set_metrics },
	{ "stale_after", set_stale_after },
	{ "retention", set_retention },
	{ "proxy", set_proxy },
	{ "include", set_include },
	{ "fetch_article", set_fetch_article },
	{ "article_wait", set_article_wait },
};

static const struct key feed_keys[] = {
	{ "url", set_feed_url },
	{ "interval", set_feed_interval },
	{ "stale_after", set_feed_stale_after },
	{ "proxy", set_feed_proxy },
	{ "username", set_username },
	{ "password_file", set_password_file },
	{ "header", set_header },	/* repeatable */
	{ "user_agent", set_feed_user_agent },
	{ "http2", set_feed_http2 },
	{ "fetch_article", set_feed_fetch_article },
};

static void
set_key(struct parse *p, const struct key *keys, size_t n,
    unsigned int *seen, const char *name, const char *value)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i].name, name) == 0)
			break;
	if (i == n) {
		perr(p, name, "unknown key");
		return;
	}
	if ((*seen & (1U << i)) && keys[i].set != set_header) {
		perr(p, name, "given twice in one section");
		return;
	}
	*seen |= 1U << i;
	keys[i].set(p, name, value);
}

static int
handler(void *arg, const char *section, const char *name, const char *value)
{
	struct parse	*p = arg;

	(void)section;	/* the reader keeps its own, with line numbers */
	switch (p->section) {
	case SEC_NONE:
		perr(p, name, "key outside a section");
		break;
	case SEC_DAEMON:
		set_key(p, daemon_keys, sizeof(daemon_keys) /
		    sizeof(daemon_keys[0]), &p->daemon_seen, name, value);
		break;
	case SEC_FEED:
		set_key(p, feed_keys, sizeof(feed_keys) / sizeof(feed_keys[0]),
		    &p->feed_seen, name, value);
		break;
	case SEC_BAD:
		break;
	}
	return 1;	/* errors are collected, not inih's business */
}

static int
valid_feed_name(const char *name)
{
	size_t	 len = strlen(name);

	return len > 0 && len <= FEED_NAME_MAX &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == len;
}

static void
new_feed(struct parse *p, const char *name)
{
	struct daemon_conf	*c = p->conf;
	size_t			 i;

	/* Indexed and grown by doubling: 100k feeds must not be quadratic. */
	if ((i = strindex_get(&p->names, name)) != (size_t)-1) {
		if (p->feed_file[i] == p->path)
			perr(p, "[feed]", "duplicate feed \"%s\" (first at "
			    "line %d)", name, p->feed_line[i]);
		else
			perr(p, "[feed]", "duplicate feed \"%s\" (first at "
			    "%s:%d)", name, p->feed_file[i], p->feed_line[i]);
		p->section = SEC_BAD;
		return;
	}
	if (c->nfeeds == p->feeds_cap) {
		p->feeds_cap = p->feeds_cap ? p->feeds_cap * 2 : 16;
		c->feeds = xreallocarray(c->feeds, p->feeds_cap,
		    sizeof(*c->feeds));
		p->feed_line = xreallocarray(p->feed_line, p->feeds_cap,
		    sizeof(*p->feed_line));
		p->feed_file = xreallocarray(p->feed_file, p->feeds_cap,
		    sizeof(*p->feed_file));
	}
	memset(&c->feeds[c->nfeeds], 0, sizeof(c->feeds[0]));
	c->feeds[c->nfeeds].name = xstrdup(name);
	p->feed_line[c->nfeeds] = p->lineno;
	p->feed_file[c->nfeeds] = p->path;
	strindex_add(&p->names, c->feeds[c->nfeeds].name, c->nfeeds);
	c->nfeeds++;
	p->section = SEC_FEED;
	p->feed_seen = 0;
}

/* A "[...]" line, already trimmed of leading blanks. */
static void
section_line(struct parse *p, const char *line)
{
	const char	*end;
	char		*name, *s;

	if ((end = strchr(line, ']')) == NULL) {
		perr(p, "[section]", "section header without \"]\"");
		p->section = SEC_BAD;
		return;
	}
	name = xstrndup(line + 1, end - line - 1);
	if (strcmp(name, "daemon") == 0 && p->included) {
		perr(p, "[daemon]", "only [feed NAME] sections in a file of "
		    "include");
		p->section = SEC_BAD;
	} else if (strcmp(name, "daemon") == 0)
		p->section = SEC_DAEMON;
	else if (strncmp(name, "feed", 4) == 0 &&
	    isspace((unsigned char)name[4])) {
		for (s = name + 4; isspace((unsigned char)*s); s++)
			;
		if (!valid_feed_name(s)) {
			perr(p, "[feed]", "bad feed name \"%s\" (letters, "
			    "digits, \".\", \"_\", \"-\"; at most %d)", s,
			    FEED_NAME_MAX);
			p->section = SEC_BAD;
		} else
			new_feed(p, s);
	} else {
		perr(p, "[section]", "unknown section \"%s\"", name);
		p->section = SEC_BAD;
	}
	free(name);
}

/*
 * inih's reader: hand over one line and track sections.  Lines inih would
 * reject (no "=") are reported here and replaced by an empty line, so inih
 * never stops on them and every error gets its own line number.
 */
static char *
reader(char *str, int num, void *arg)
{
	struct parse	*p = arg;
	const char	*line, *nl, *s;
	size_t		 len, n;

	if (p->off >= p->len)
		return NULL;
	line = p->text + p->off;
	nl = memchr(line, '\n', p->len - p->off);
	len = nl != NULL ? (size_t)(nl - line) + 1 : p->len - p->off;
	p->off += len;
	p->lineno++;
	str[0] = '\n';
	str[1] = '\0';
	if (len >= (size_t)num - 1 || memchr(line, '\0', len) != NULL) {
		perr(p, "line", "longer than %d bytes or binary", num - 2);
		return str;
	}
	for (s = line; s < line + len && isspace((unsigned char)*s); s++)
		;
	n = line + len - s;
	if (n == 0 || *s == ';' || *s == '#')
		return str;
	if (*s == '[') {
		char	*hdr = xstrndup(s, n);

		section_line(p, hdr);
		free(hdr);
	} else if (memchr(s, '=', n) == NULL && memchr(s, ':', n) == NULL) {
		perr(p, "line", "not \"key = value\" or \"[section]\"");
		return str;
	}
	memcpy(str, line, len);
	str[len] = '\0';
	return str;
}

/*
 * Open a file named in the configuration (or the configuration itself)
 * for reading.  O_NONBLOCK first: open(2) of a FIFO with no writer would
 * block the daemon (start-up, SIGHUP reload, SIGTERM too) for ever; then
 * anything but a regular file is refused.  Returns the descriptor, in
 * blocking mode, or -1 with *errstr naming path.
 */
int
config_open_file(const char *path, struct stat *st, char **errstr)
{
	int	 fd, fl;

	*errstr = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, st) == -1)
		xasprintf(errstr, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st->st_mode))
		xasprintf(errstr, "%s: not a regular file", path);
	else if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1)
		xasprintf(errstr, "%s: fcntl: %s", path, strerror(errno));
	if (*errstr != NULL) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
read_file(const char *path, struct buf *b, struct strlist *errors)
{
	struct stat	 st;
	char		 chunk[8192], *msg;
	ssize_t		 n;
	int		 fd;

	/* Whoever can write the config decides what we fetch and where. */
	if ((fd = config_open_file(path, &st, &msg)) == -1)
		goto fail;
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		xasprintf(&msg, "%s: writable by group or others (mode %03o); "
		    "refusing it", path, (unsigned int)(st.st_mode & 0777));
		goto fail;
	}
	if (st.st_uid != 0 && st.st_uid != getuid()) {
		xasprintf(&msg, "%s: owned by uid %u, not by root or us; "
		    "refusing it", path, (unsigned int)st.st_uid);
		goto fail;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		if (b->len + n > CONF_MAX_SIZE) {
			xasprintf(&msg, "%s: larger than %d bytes", path,
			    CONF_MAX_SIZE);
			goto fail;
		}
		buf_add(b, chunk, n);
	}
	if (n == -1) {
		xasprintf(&msg, "%s: %s", path, strerror(errno));
		goto fail;
	}
	close(fd);
	return 0;
fail:
	strlist_add(errors, msg);
	free(msg);
	if (fd != -1)
		close(fd);
	return -1;
}

static void
check_conf(struct parse *p, const char *path)
{
	struct daemon_conf	*c = p->conf;
	struct feed_conf	*fc;
	size_t			 i;

	for (i = 0; i < c->nfeeds; i++) {
		fc = &c->feeds[i];
		p->lineno = p->feed_line[i];
		p->path = p->feed_file[i];
		if (fc->url == NULL)
			perr(p, "url", "[feed %s] has no url", fc->name);
		if (fc->password != NULL && fc->user == NULL)
			perr(p, "password_file", "[feed %s] has a password "
			    "but no username", fc->name);
		/* [daemon] proxy unless the feed says otherwise. */
		if (fc->proxy == NULL && p->proxy != NULL)
			fc->proxy = xstrdup(p->proxy);
		if (fc->proxy != NULL && strcmp(fc->proxy, PROXY_NONE) == 0) {
			free(fc->proxy);
			fc->proxy = NULL;
		}
		/*
		 * [daemon] interval is written in the config too, so it is
		 * obeyed; per feed, so that a reload can change it.
		 */
		if (c->feeds[i].interval == 0)
			c->feeds[i].interval = c->engine.default_interval;
		if (c->feeds[i].stale_after == 0)
			c->feeds[i].stale_after = c->stale_after;
		if (c->feeds[i].fetch_article == ARTICLE_INHERIT)
			c->feeds[i].fetch_article = c->fetch_article;
	}
	p->path = path;
	p->lineno = p->publish_line;
	if (c->replay == NULL &&
	    (c->replay = wire_replay_endpoint(c->publish)) == NULL) {
		perr(p, "replay", "no default for publish \"%s\"; set replay",
		    c->publish);
	}
	if (c->replay != NULL && strcmp(c->replay, c->publish) == 0)
		perr(p, "replay", "same endpoint as publish");
	p->lineno = p->curve_line;
	if (p->curve_key_seen && !p->curve_allow_seen)
		perr(p, "curve_allow", "curve_key without curve_allow would "
		    "let no subscriber in");
	if (!p->curve_key_seen && p->curve_allow_seen)
		perr(p, "curve_key", "curve_allow needs the daemon's own "
		    "curve_key");
}

static void
conf_defaults(struct daemon_conf *c, const char *path)
{
	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	c->state = xstrdup(CONF_DEFAULT_STATE);
	c->lease = CONF_DEFAULT_LEASE;
	c->publish = xstrdup(CONF_DEFAULT_PUBLISH);
	c->metrics_host = xstrdup(CONF_DEFAULT_METRICS_HOST);
	c->metrics_port = xstrdup(CONF_DEFAULT_METRICS_PORT);
	c->log_level = LOG_INFO;
	c->fetch_article = ARTICLE_FLAGGED;
	c->article_wait = CONF_DEFAULT_ARTICLE_WAIT;
	c->retention = CONF_DEFAULT_RETENTION;
	engine_conf_defaults(&c->engine);
	/* SPEC: adaptive where no interval is written. */
	c->engine.default_interval = 0;
}

static void
parse_text(struct parse *p, const char *path, const char *text, size_t len)
{
	p->path = path;
	p->text = text;
	p->len = len;
	p->off = 0;
	p->lineno = 0;
	p->section = SEC_NONE;
	ini_max_line = CONF_MAX_LINE;
	ini_allow_multiline = 0;	/* an indented key is still a key */
	ini_parse_stream(reader, p, handler, p);
}

/*
 * [daemon] include: a glob(3) pattern, relative to the directory of the
 * main file, whose files (in sorted order) hold [feed NAME] sections.  A
 * directory that does not exist is an error (a typo would drop feeds
 * silently); an existing one with no match is not (an empty conf.d).
 */
static void
parse_includes(struct parse *p, const char *main, glob_t *g)
{
	struct stat	 st;
	struct buf	 b;
	const char	*slash;
	char		*pat, *dir;
	size_t		 i;
	int		 rc;

	p->path = main;
	p->lineno = p->include_line;
	if (p->include[0] == '/' || (slash = strrchr(main, '/')) == NULL)
		pat = xstrdup(p->include);
	else
		xasprintf(&pat, "%.*s/%s", (int)(slash - main), main,
		    p->include);
	slash = strrchr(pat, '/');
	dir = slash == NULL ? xstrdup(".") : slash == pat ? xstrdup("/") :
	    xstrndup(pat, slash - pat);
	if (strpbrk(dir, "*?[") == NULL) {
		if (stat(dir, &st) == -1) {
			perr(p, "include", "%s: %s", dir, strerror(errno));
			goto out;
		}
		if (!S_ISDIR(st.st_mode)) {
			perr(p, "include", "%s: not a directory", dir);
			goto out;
		}
	}
	if ((rc = glob(pat, GLOB_ERR, NULL, g)) != 0 && rc != GLOB_NOMATCH) {
		perr(p, "include", "%s: %s", pat, rc == GLOB_NOSPACE ?
		    "out of memory" : "cannot read the directory");
		goto out;
	}
	p->included = 1;
	for (i = 0; i < g->gl_pathc; i++) {
		buf_init(&b);
		if (read_file(g->gl_pathv[i], &b, p->errors) == 0)
			parse_text(p, g->gl_pathv[i], b.d, b.len);
		buf_free(&b);
	}
out:
	free(dir);
	free(pat);
}

static struct daemon_conf *
parse_conf(const char *path, const char *text, size_t len,
    struct strlist *errors, int includes)
{
	struct daemon_conf	*c;
	struct parse		 p;
	glob_t			 g;
	size_t			 nerr = errors->n;

	c = xmalloc(sizeof(*c));
	conf_defaults(c, path);
	memset(&p, 0, sizeof(p));
	memset(&g, 0, sizeof(g));
	p.conf = c;
	p.errors = errors;
	parse_text(&p, path, text, len);
	if (includes && p.include != NULL)
		parse_includes(&p, path, &g);
	check_conf(&p, path);
	free(p.feed_line);
	free(p.feed_file);
	free(p.include);
	free(p.proxy);
	strindex_free(&p.names);
	globfree(&g);	/* the paths named the feeds' errors until now */
	if (errors->n > nerr) {
		config_free(c);
		return NULL;
	}
	return c;
}

/*
 * Check len bytes of text as if read from path (which only names it in
 * errors).  Returns the configuration, or NULL with one line per problem
 * added to errors.  Separate from the file so that it can be fuzzed: an
 * include is checked but not read.
 */
struct daemon_conf *
config_parse(const char *path, const char *text, size_t len,
    struct strlist *errors)
{
	return parse_conf(path, text, len, errors, 0);
}

/* Read and check path, and the files it includes; as config_parse. */
struct daemon_conf *
config_load(const char *path, struct strlist *errors)
{
	struct daemon_conf	*c;
	struct buf		 b;

	buf_init(&b);
	if (read_file(path, &b, errors) == -1) {
		buf_free(&b);
		return NULL;
	}
	c = parse_conf(path, b.d, b.len, errors, 1);
	buf_free(&b);
	return c;
}

const struct feed_conf *
config_feed(const struct daemon_conf *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nfeeds; i++)
		if (strcmp(c->feeds[i].name, name) == 0)
			return &c->feeds[i];
	return NULL;
}

void
config_free(struct daemon_conf *c)
{
	size_t	 i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nfeeds; i++) {
		free(c->feeds[i].name);
		free(c->feeds[i].url);
		feed_creds_free(&c->feeds[i]);
		free(c->feeds[i].proxy);
		free(c->feeds[i].user_agent);
		for (j = 0; j < c->feeds[i].headers.n; j++)
			explicit_bzero(c->feeds[i].headers.v[j],
			    strlen(c->feeds[i].headers.v[j]));
		strlist_free(&c->feeds[i].headers);
	}
	free(c->feeds);
	free(c->path);
	free(c->state);
	free(c->node);
	free(c->control);
	free(c->publish);
	free(c->replay);
	free(c->metrics_host);
	free(c->metrics_port);
	free(c->user_agent);
	if (c->curve_secret != NULL)
		explicit_bzero(c->curve_secret, strlen(c->curve_secret));
	free(c->curve_secret);
	strlist_free(&c->curve_allow);
	free(c);
}

/* A libpq connection URI: cluster mode. */
int
store_is_pg(const char *state)
{
	return strncmp(state, "postgresql://", 13) == 0 ||
	    strncmp(state, "postgres://", 11) == 0;
}

/*
 * The control socket's path.  Here, not in control.c, so that sanctionctl
 * status links none of the daemon's loop (libpq, libsystemd) for it.
 */
char *
control_path(const struct daemon_conf *conf)
{
	char	*p;

	if (conf->control != NULL)
		return xstrdup(conf->control);
	if (store_is_pg(conf->state))
		return xstrdup(CONF_DEFAULT_CONTROL_PG);
	xasprintf(&p, "%s.ctl", conf->state);
	return p;
}
