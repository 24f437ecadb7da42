/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_config.c: the configuration file.  Every class of error must name the
 * file, the line and the key, and all of them must be reported at once.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static char	 dir[] = "/tmp/test_config.XXXXXX";
static char	 path[512];

static void
write_conf(const char *text, mode_t mode)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static struct daemon_conf *
load(const char *text, struct strlist *errs)
{
	write_conf(text, 0600);
	strlist_init(errs);
	return config_load(path, errs);
}

/* errs holds exactly one error, and it is "path:line: key: ..." */
static void
want_error(const char *text, int line, const char *key, const char *what)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	char			 prefix[700];

	c = load(text, &errs);
	snprintf(prefix, sizeof(prefix), "%s:%d: %s: ", path, line, key);
	if (!t_ok(c == NULL && errs.n == 1 &&
	    strncmp(errs.v[0], prefix, strlen(prefix)) == 0, "%s", what) &&
	    errs.n > 0)
		printf("#   got: %s\n#   want prefix: %s\n", errs.v[0], prefix);
	config_free(c);
	strlist_free(&errs);
}

static void
test_good(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	const struct feed_conf	*f;

	c = load("; comment\n"
	    "[daemon]\n"
	    "state = /tmp/x.db\n"
	    "publish = tcp://127.0.0.1:9000   ; inline comment\n"
	    "allow_private_addresses = yes\n"
	    "interval = 15m\n"
	    "user_agent = test/1.0\n"
	    "host_rate = 0.5\n"
	    "host_connections = 2\n"
	    "max_body = 2M\n"
	    "connect_timeout = 5s\n"
	    "timeout = 1m\n"
	    "log_level = debug\n"
	    "stale_after = 2h\n"
	    "node = worker-1.eu_2\n"
	    "lease = 3s\n"
	    "control = /run/sanctiond/n1.ctl\n"
	    "retention = 0\n"
	    "\n"
	    "[feed ofac]\n"
	    "url = https://example.org/a.xml?x=1;y=2\n"
	    "interval = 90s\n"
	    "stale_after = 1d\n"
	    "[feed un.press-2]\n"
	    "  url = http://example.org/b.xml\n", &errs);
	t_ok(c != NULL && errs.n == 0, "a good config loads");
	if (c == NULL) {
		strlist_free(&errs);
		return;
	}
	t_streq(c->state, "/tmp/x.db", "state");
	t_streq(c->publish, "tcp://127.0.0.1:9000", "publish, inline comment "
	    "stripped");
	t_streq(c->replay, "tcp://127.0.0.1:9001", "replay defaults to "
	    "publish port + 1");
	t_inteq(c->engine.allow_private, 1, "allow_private_addresses");
	t_inteq(c->engine.default_interval, 900, "interval 15m");
	t_streq(c->engine.user_agent, "test/1.0", "user_agent");
	t_ok(c->engine.host_rate == 0.5, "host_rate");
	t_inteq(c->engine.host_conns, 2, "host_connections");
	t_inteq(c->engine.max_body, 2 * 1024 * 1024, "max_body 2M");
	t_inteq(c->engine.connect_timeout, 5, "connect_timeout");
	t_inteq(c->engine.total_timeout, 60, "timeout");
	t_inteq(c->log_level, LOG_DEBUG, "log_level");
	t_streq(c->node, "worker-1.eu_2", "node");
	t_inteq(c->lease, 3, "lease 3s");
	t_streq(c->control, "/run/sanctiond/n1.ctl", "control");
	t_inteq(c->retention, 0, "retention = 0: kept for ever");
	t_inteq(c->nfeeds, 2, "two feeds");
	f = config_feed(c, "ofac");
	t_ok(f != NULL, "feed ofac found by name");
	if (f != NULL) {
		t_streq(f->url, "https://example.org/a.xml?x=1;y=2",
		    "a ';' without a blank before it stays in the url");
		t_inteq(f->interval, 90, "per-feed interval 90s");
		t_inteq(f->stale_after, 86400, "per-feed stale_after 1d");
	}
	f = config_feed(c, "un.press-2");
	t_ok(f != NULL && f->interval == 900, "no interval in the feed: "
	    "[daemon] interval");
	t_ok(f != NULL && f->stale_after == 7200, "no stale_after in the "
	    "feed: [daemon] stale_after");
	t_ok(f != NULL && strcmp(f->url, "http://example.org/b.xml") == 0,
	    "an indented key is a key");
	config_free(c);
	strlist_free(&errs);
}

static void
test_defaults(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;

	c = load("[daemon]\n", &errs);
	t_ok(c != NULL, "an empty [daemon] loads");
	if (c == NULL)
		return;
	t_streq(c->state, CONF_DEFAULT_STATE, "default state");
	t_ok(c->node == NULL, "no node: the host name, in cluster mode");
	t_inteq(c->lease, 10, "default lease 10s");
	t_streq(c->publish, "tcp://127.0.0.1:7750", "default publish");
	t_streq(c->replay, "tcp://127.0.0.1:7751", "default replay");
	t_inteq(c->engine.allow_private, 0, "private addresses refused by "
	    "default");
	t_inteq(c->engine.default_interval, 0, "interval adaptive by default");
	t_inteq(c->log_level, LOG_INFO, "log level info by default");
	t_inteq(c->retention, 90 * 86400, "retention 90 days by default");
	t_inteq(c->nfeeds, 0, "no feeds");
	config_free(c);
	strlist_free(&errs);

	c = load("[feed a]\nurl = http://a/\n", &errs);
	t_ok(c != NULL && c->feeds[0].interval == 0, "no interval anywhere: "
	    "adaptive");
	config_free(c);
	strlist_free(&errs);
}

static void
test_errors(void)
{
	want_error("[daemon]\nbogus = 1\n", 2, "bogus", "unknown key");
	want_error("[daemon]\n[nonsense]\nx = 1\n", 2, "[section]",
	    "unknown section, its keys not reported again");
	want_error("url = http://a/\n", 1, "url", "key outside a section");
	want_error("[daemon]\ninterval = 5x\n", 2, "interval", "bad duration");
	want_error("[daemon]\nstale_after = soon\n", 2, "stale_after",
	    "bad stale_after");
	want_error("[daemon]\nnode = a b\n", 2, "node", "a node name with "
	    "a blank");
	want_error("[daemon]\nlease = 0s\n", 2, "lease", "a lease of 0s");
	want_error("[daemon]\ncontrol = n1.ctl\n", 2, "control",
	    "a relative control path");
	want_error("[feed a]\nurl = http://a/\nstale_after = 0s\n", 3,
	    "stale_after", "stale_after of 0s");
	want_error("[daemon]\ninterval = 0s\n", 2, "interval",
	    "zero interval");
	want_error("[daemon]\nallow_private_addresses = maybe\n", 2,
	    "allow_private_addresses", "bad boolean");
	want_error("[daemon]\nmax_body = lots\n", 2, "max_body", "bad size");
	want_error("[daemon]\nhost_rate = -1\n", 2, "host_rate", "bad rate");
	want_error("[daemon]\nhost_connections = 0\n", 2, "host_connections",
	    "bad connection count");
	want_error("[daemon]\nlog_level = loud\n", 2, "log_level",
	    "bad log level");
	want_error("[daemon]\npublish = http://x\n", 2, "publish",
	    "bad endpoint");
	want_error("[daemon]\nstate =\n", 2, "state", "empty state");
	want_error("[daemon]\ninterval = 1m\ninterval = 2m\n", 3, "interval",
	    "a key given twice");
	want_error("[feed a]\nurl = http://a/\n\n[feed a]\nurl = http://b/\n",
	    4, "[feed]", "duplicate feed");
	want_error("[daemon]\n\n[feed nourl]\ninterval = 5m\n", 3, "url",
	    "missing url names the section's line");
	want_error("[feed a]\nurl = ftp://a/x\n", 2, "url", "ftp url");
	want_error("[feed a]\nurl = file:///etc/passwd\n", 2, "url",
	    "file url");
	want_error("[feed a b]\nurl = http://a/\n", 1, "[feed]",
	    "feed name with a blank");
	want_error("[feed ../x]\nurl = http://a/\n", 1, "[feed]",
	    "feed name with a slash");
	want_error("[daemon\n", 1, "[section]", "unterminated section header");
	want_error("[daemon]\njust words\n", 2, "line", "a line that is not "
	    "key = value");
	want_error("[daemon]\npublish = tcp://127.0.0.1:65535\n", 2, "replay",
	    "no replay port after 65535");
}

/* The userinfo leaves the URL when the config is read, decoded. */
static void
test_userinfo(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	const struct feed_conf	*f;
	size_t			 i;
	int			 shown = 0;

	c = load("[feed a]\nurl = http://us%65r:p%40ss@example.org:8080/f.xml"
	    "?q=1\n[feed b]\nurl = https://example.org/@user/feed\n"
	    "[feed c]\nurl = http://only@example.org/x\n", &errs);
	t_ok(c != NULL && errs.n == 0, "feeds with userinfo load");
	f = c != NULL ? config_feed(c, "a") : NULL;
	t_ok(f != NULL && strcmp(f->url, "http://example.org:8080/f.xml?q=1")
	    == 0, "the URL loses its userinfo (%s)", f ? f->url : "-");
	t_ok(f != NULL && f->user != NULL && strcmp(f->user, "user") == 0 &&
	    f->password != NULL && strcmp(f->password, "p@ss") == 0,
	    "user and password are kept apart, decoded");
	f = c != NULL ? config_feed(c, "b") : NULL;
	t_ok(f != NULL && strcmp(f->url, "https://example.org/@user/feed") == 0
	    && f->user == NULL && f->password == NULL,
	    "an @ in the path is no userinfo; the URL is untouched");
	f = c != NULL ? config_feed(c, "c") : NULL;
	t_ok(f != NULL && strcmp(f->url, "http://example.org/x") == 0 &&
	    f->user != NULL && strcmp(f->user, "only") == 0 &&
	    f->password == NULL, "a user name alone leaves the URL too");
	config_free(c);
	strlist_free(&errs);
	c = load("[feed a]\nurl = ftp://u:hunter2@example.org/x\n", &errs);
	for (i = 0; i < errs.n; i++)
		if (strstr(errs.v[i], "hunter2") != NULL)
			shown = 1;
	t_ok(c == NULL && errs.n == 1 && !shown,
	    "an error about a URL with a password does not show it");
	config_free(c);
	strlist_free(&errs);
}

static void
test_curve(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	char			 text[1024], keyfile[600];
	FILE			*f;

	/* A key pair as sanctionctl keygen writes it (made for this test). */
	snprintf(keyfile, sizeof(keyfile), "%s/server.key", dir);
	if ((f = fopen(keyfile, "w")) == NULL)
		return;
	fputs("public = Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID\n"
	    "secret = D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs\n", f);
	fclose(f);
	chmod(keyfile, 0600);
	snprintf(text, sizeof(text), "[daemon]\ncurve_key = %s\n"
	    "curve_allow = Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID  "
	    "rq:rM>}U?@Lns47E1%%kR.o@n%%FcmmsL/@{H8]yf7\n", keyfile);
	c = load(text, &errs);
	t_ok(c != NULL && c->curve_secret != NULL &&
	    strcmp(c->curve_secret, "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs")
	    == 0, "curve_key reads the secret from the key file");
	t_ok(c != NULL && c->curve_allow.n == 2, "curve_allow takes a "
	    "blank-separated list");
	config_free(c);
	strlist_free(&errs);

	want_error("[daemon]\ncurve_key = /nonexistent/key\n"
	    "curve_allow = Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID\n", 2,
	    "curve_key", "a missing key file");
	snprintf(text, sizeof(text), "[daemon]\ncurve_key = %s\n"
	    "curve_allow = notakey\n", keyfile);
	want_error(text, 3, "curve_allow", "a bad public key");
	snprintf(text, sizeof(text), "[daemon]\ncurve_key = %s\n", keyfile);
	want_error(text, 2, "curve_allow", "curve_key without curve_allow");
	want_error("[daemon]\n"
	    "curve_allow = Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID\n", 2,
	    "curve_key", "curve_allow without curve_key");
	unlink(keyfile);
}

static void
test_all_errors(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;

	c = load("[daemon]\n"
	    "interval = never\n"
	    "colour = blue\n"
	    "[feed x]\n"
	    "[feed y]\n"
	    "url = gopher://y\n", &errs);
	t_ok(c == NULL, "a config with errors is refused");
	t_inteq(errs.n, 4, "every error is reported, not only the first");
	if (errs.n == 4) {
		t_ok(strstr(errs.v[0], ":2: interval:") != NULL, "line 2");
		t_ok(strstr(errs.v[1], ":3: colour:") != NULL, "line 3");
		t_ok(strstr(errs.v[2], ":6: url:") != NULL, "line 6");
		t_ok(strstr(errs.v[3], ":4: url:") != NULL &&
		    strstr(errs.v[3], "[feed x]") != NULL,
		    "feed x without url, named by its header line");
	}
	strlist_free(&errs);
}

static void
test_long_line(void)
{
	struct buf	 b;

	buf_init(&b);
	buf_adds(&b, "[daemon]\nuser_agent = ");
	while (b.len < 10000)
		buf_addc(&b, 'x');
	buf_adds(&b, "\n");
	want_error(b.d, 2, "line", "an over-long line is an error, not "
	    "truncated");
	buf_free(&b);
}

static void
test_permissions(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;

	write_conf("[daemon]\n", 0620);
	strlist_init(&errs);
	c = config_load(path, &errs);
	t_ok(c == NULL && errs.n == 1 && strstr(errs.v[0], path) != NULL &&
	    strstr(errs.v[0], "writable by group") != NULL,
	    "a group-writable config is refused, naming the file");
	config_free(c);
	strlist_free(&errs);

	write_conf("[daemon]\n", 0602);
	c = config_load(path, &errs);
	t_ok(c == NULL && errs.n == 1, "a world-writable config is refused");
	config_free(c);
	strlist_free(&errs);

	write_conf("[daemon]\n", 0644);
	c = config_load(path, &errs);
	t_ok(c != NULL && errs.n == 0, "a 0644 config is accepted");
	config_free(c);
	strlist_free(&errs);

	unlink(path);
	c = config_load(path, &errs);
	t_ok(c == NULL && errs.n == 1 && strstr(errs.v[0], path) != NULL,
	    "a missing config is an error naming the file");
	config_free(c);
	strlist_free(&errs);
}

static void
write_file(const char *name, const char *text, mode_t mode)
{
	char	 p[600];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if ((f = fopen(p, "w")) == NULL) {
		perror(p);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	chmod(p, mode);
}

/* Does any error show this string? */
static int
errs_show(const struct strlist *errs, const char *s)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		if (strstr(errs->v[i], s) != NULL)
			return 1;
	return 0;
}

/* proxy, user_agent, header, http2: parsed, and resolved per feed. */
static void
test_fetch_keys(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	const struct feed_conf	*f;

	c = load("[daemon]\nproxy = http://127.0.0.1:3128\n"
	    "[feed a]\nurl = http://example.org/a\n"
	    "header = X-Token: abc def\nheader = Accept:text/xml\n"
	    "user_agent = feedreader/2 (ops@example.org)\nhttp2 = no\n"
	    "[feed b]\nurl = http://example.org/b\nproxy = none\n"
	    "[feed c]\nurl = http://example.org/c\n"
	    "proxy = socks5h://[::1]:1080\n", &errs);
	t_ok(c != NULL && errs.n == 0, "the fetch keys load (%s)",
	    errs.n ? errs.v[0] : "");
	f = c != NULL ? config_feed(c, "a") : NULL;
	t_streq(f ? f->proxy : NULL, "http://127.0.0.1:3128",
	    "a feed without proxy takes [daemon]'s");
	t_ok(f != NULL && f->headers.n == 2 &&
	    strcmp(f->headers.v[0], "X-Token: abc def") == 0 &&
	    strcmp(f->headers.v[1], "Accept: text/xml") == 0,
	    "header is repeatable, kept in order as \"Name: value\"");
	t_streq(f ? f->user_agent : NULL, "feedreader/2 (ops@example.org)",
	    "a feed's own user_agent");
	t_ok(f != NULL && f->http1 == 1, "http2 = no: HTTP/1.1 only");
	f = c != NULL ? config_feed(c, "b") : NULL;
	t_ok(f != NULL && f->proxy == NULL && f->user_agent == NULL &&
	    f->http1 == 0 && f->headers.n == 0,
	    "proxy = none overrides [daemon]; the rest are defaults");
	f = c != NULL ? config_feed(c, "c") : NULL;
	t_streq(f ? f->proxy : NULL, "socks5h://[::1]:1080",
	    "a feed's own proxy overrides [daemon]'s");
	config_free(c);
	strlist_free(&errs);

	want_error("[daemon]\nproxy = 127.0.0.1:3128\n", 2, "proxy",
	    "a proxy without a scheme");
	want_error("[feed a]\nurl = http://a/\nproxy = ftp://p:21\n", 3,
	    "proxy", "a proxy of another scheme");
	want_error("[feed a]\nurl = http://a/\nproxy = http://p\n", 3,
	    "proxy", "a proxy without a port");
	want_error("[feed a]\nurl = http://a/\nproxy = http://p:8/x\n", 3,
	    "proxy", "a proxy with a path");
	c = load("[daemon]\nproxy = http://u:hunter2@p:8\n", &errs);
	t_ok(c == NULL && errs.n == 1 && !errs_show(&errs, "hunter2"),
	    "a proxy with credentials is refused without showing them");
	config_free(c);
	strlist_free(&errs);
	want_error("[feed a]\nurl = http://a/\nheader = X-Token abc\n", 3,
	    "header", "a header without a colon");
	want_error("[feed a]\nurl = http://a/\nheader = X Token: abc\n", 3,
	    "header", "a header name with a blank");
	want_error("[feed a]\nurl = http://a/\nheader = X-Token:\n", 3,
	    "header", "a header with an empty value");
	want_error("[feed a]\nurl = http://a/\nheader = Host: evil\n", 3,
	    "header", "a header sanctiond sets itself");
	want_error("[feed a]\nurl = http://a/\nheader = X-A: a\rb\n", 3,
	    "header", "a header with a CR in its value");
	c = load("[feed a]\nurl = http://a/\nheader = X-A: tok3n\x01x\n",
	    &errs);
	t_ok(c == NULL && errs.n == 1 && !errs_show(&errs, "tok3n"),
	    "a bad header's value is not shown");
	config_free(c);
	strlist_free(&errs);
	want_error("[feed a]\nurl = http://a/\nuser_agent = a\x01\n", 3,
	    "user_agent", "a user_agent with a control character");
	want_error("[feed a]\nurl = http://a/\nhttp2 = maybe\n", 3, "http2",
	    "http2 is yes or no");
}

/* username + password_file: the file read with care, never shown. */
static void
test_password_file(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	const struct feed_conf	*f;
	char			 text[2048];

	write_file("pw", "s3cret pass\n", 0600);
	snprintf(text, sizeof(text), "[feed a]\nurl = http://example.org/a\n"
	    "password_file = %s/pw\nusername = reader\n", dir);
	c = load(text, &errs);
	f = c != NULL ? config_feed(c, "a") : NULL;
	t_ok(f != NULL && f->user != NULL && strcmp(f->user, "reader") == 0 &&
	    f->password != NULL && strcmp(f->password, "s3cret pass") == 0,
	    "username + password_file: the file's one line, in any order");
	config_free(c);
	strlist_free(&errs);

	write_file("pw", "s3cret pass\n", 0640);
	snprintf(text, sizeof(text), "[feed a]\nurl = http://example.org/a\n"
	    "username = reader\npassword_file = %s/pw\n", dir);
	want_error(text, 4, "password_file", "a group-readable password file");
	write_file("pw", "s3cret pass\nmore\n", 0600);
	c = load(text, &errs);
	t_ok(c == NULL && errs.n == 1 && errs_show(&errs, "not one line") &&
	    !errs_show(&errs, "s3cret"), "a password file of two lines is "
	    "refused without showing it");
	config_free(c);
	strlist_free(&errs);
	write_file("pw", "", 0600);
	want_error(text, 4, "password_file", "an empty password file");
	snprintf(text, sizeof(text), "[feed a]\nurl = http://example.org/a\n"
	    "username = reader\npassword_file = %s\n", dir);
	want_error(text, 4, "password_file", "a directory as password file");
	write_file("pw", "x\n", 0600);
	snprintf(text, sizeof(text), "[feed a]\nurl = http://example.org/a\n"
	    "password_file = %s/pw\n", dir);
	want_error(text, 1, "password_file", "a password without a username");
	snprintf(text, sizeof(text), "[feed a]\nusername = me\n"
	    "url = http://u:p@example.org/a\n");
	want_error(text, 3, "url", "a user name in the url and in username");
	want_error("[feed a]\nurl = http://u@example.org/a\nusername = me\n",
	    3, "username", "username after a url with a user name");
	want_error("[feed a]\nurl = http://a/\nusername = a:b\n", 3,
	    "username", "a colon in a user name");
	snprintf(text, sizeof(text), "%s/pw", dir);
	unlink(text);
}

/* include: sorted files of [feed] sections, errors naming them. */
static void
test_include(void)
{
	struct strlist		 errs;
	struct daemon_conf	*c;
	char			 text[2048], want[700];

	mkdir(strcat(strcpy(text, dir), "/conf.d"), 0700);
	write_file("conf.d/20-b.conf", "[feed b]\nurl = http://b/\n", 0600);
	write_file("conf.d/10-a.conf", "; first\n[feed a]\nurl = http://a/\n"
	    "[feed a2]\nurl = http://a2/\n", 0600);
	write_file("conf.d/notes.txt", "junk\n", 0600);
	c = load("[daemon]\ninclude = conf.d/*.conf\n[feed main]\n"
	    "url = http://m/\n", &errs);
	t_ok(c != NULL && c->nfeeds == 4 &&
	    strcmp(c->feeds[0].name, "main") == 0 &&
	    strcmp(c->feeds[1].name, "a") == 0 &&
	    strcmp(c->feeds[2].name, "a2") == 0 &&
	    strcmp(c->feeds[3].name, "b") == 0,
	    "include: the main file's feeds, then each file's in sorted order "
	    "(relative to the config's directory)");
	config_free(c);
	strlist_free(&errs);

	write_file("conf.d/20-b.conf", "[feed b]\nurl = http://b/\n"
	    "bogus = 1\n", 0600);
	c = load("[daemon]\ninclude = conf.d/*.conf\n", &errs);
	snprintf(want, sizeof(want), "%s/conf.d/20-b.conf:3: bogus: ", dir);
	t_ok(c == NULL && errs.n == 1 && strncmp(errs.v[0], want,
	    strlen(want)) == 0, "an error in an included file names it, "
	    "line and key (%s)", errs.n ? errs.v[0] : "");
	config_free(c);
	strlist_free(&errs);

	write_file("conf.d/20-b.conf", "[daemon]\nstate = /x\n", 0600);
	c = load("[daemon]\ninclude = conf.d/*.conf\n", &errs);
	snprintf(want, sizeof(want), "%s/conf.d/20-b.conf:1: [daemon]: ", dir);
	t_ok(c == NULL && errs.n == 1 && strncmp(errs.v[0], want,
	    strlen(want)) == 0, "[daemon] in an included file is an error "
	    "naming the file (%s)", errs.n ? errs.v[0] : "");
	config_free(c);
	strlist_free(&errs);

	write_file("conf.d/20-b.conf", "[feed a]\nurl = http://b/\n", 0600);
	c = load("[daemon]\ninclude = conf.d/*.conf\n", &errs);
	t_ok(c == NULL && errs.n == 1 && errs_show(&errs, "20-b.conf:1: ") &&
	    errs_show(&errs, "10-a.conf:2)"),
	    "a feed in two files: both files named (%s)",
	    errs.n ? errs.v[0] : "");
	config_free(c);
	strlist_free(&errs);

	write_file("conf.d/20-b.conf", "[feed b]\nurl = http://b/\n", 0660);
	c = load("[daemon]\ninclude = conf.d/*.conf\n", &errs);
	t_ok(c == NULL && errs.n == 1 && errs_show(&errs, "20-b.conf") &&
	    errs_show(&errs, "writable by group"),
	    "an included file is checked like the config");
	config_free(c);
	strlist_free(&errs);

	want_error("[daemon]\ninclude = nowhere/*.conf\n", 2, "include",
	    "include of a directory that does not exist");
	c = load("[daemon]\ninclude = conf.d/*.none\n", &errs);
	t_ok(c != NULL && errs.n == 0 && c->nfeeds == 0,
	    "include with no match is fine");
	config_free(c);
	strlist_free(&errs);
	want_error("[feed x]\nurl = http://x/\ninclude = conf.d/*.conf\n", 3,
	    "include", "include is a [daemon] key");
	strcat(strcpy(text, dir), "/conf.d/10-a.conf");
	unlink(text);
	strcat(strcpy(text, dir), "/conf.d/20-b.conf");
	unlink(text);
	strcat(strcpy(text, dir), "/conf.d/notes.txt");
	unlink(text);
	strcat(strcpy(text, dir), "/conf.d");
	rmdir(text);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/sanctiond.conf", dir);
	test_good();
	test_defaults();
	test_errors();
	test_userinfo();
	test_curve();
	test_all_errors();
	test_long_line();
	test_permissions();
	test_fetch_keys();
	test_password_file();
	test_include();
	unlink(path);
	rmdir(dir);
	return t_done();
}
