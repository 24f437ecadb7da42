/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_relay.c: sanctionctl relay --webhook URL [--secret-file F]
 *              [--state FILE] [--template slack|teams|ntfy] + sub's options
 *
 * The subscription of "sanctionctl sub" (ctl_sub.c: replay, gaps, filters),
 * with each event POSTed to URL instead of printed: at least once and in
 * seq order.  One event at a time; until it is delivered (a 2xx answer)
 * nothing after it is sent, and what arrives meanwhile waits in the SUB
 * socket's queue, or, when that overflows, in the daemon's store, where
 * the gap brings it back from.  A failure is retried with exponential
 * backoff up to RELAY_MAX_BACKOFF, or after the server's Retry-After; it
 * is never skipped.  That holds for a 4xx too: skipping would lose an
 * alert for good, while a fixed URL or credential lets it through, so the
 * log line says the request was refused and we keep trying.
 *
 * --state FILE keeps the last seq handled (delivered, or dropped by a
 * filter) and the daemon's publisher id, written atomically after every
 * delivery; a restart resumes there with a replay.  Only the event in
 * flight when the relay is killed can be delivered twice.
 *
 * With --secret-file, header X-Sanctiond-Signature: sha256=HEX carries the
 * HMAC-SHA256 of the exact body under the file's content (one trailing
 * newline dropped); X-Sanctiond-Seq: N is always sent.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "ctl.h"

#define RELAY_FIRST_BACKOFF	1
#define RELAY_MAX_BACKOFF	300		/* 5 min */
#define RELAY_MAX_RETRY_AFTER	86400		/* a sane bound on a server */
#define RELAY_TIMEOUT		30
#define RELAY_CONNECT_TIMEOUT	10
#define RELAY_SECRET_MAX	4096
#define RELAY_STOPPED		100		/* a signal came: not an error */

struct relay {
	struct sub	*sub;
	CURL		*curl;
	const char	*url;
	char		*shown;		/* url without userinfo, for logs */
	const char	*secret_file;
	struct buf	 secret;
	const char	*state;
	const char	*tmpl;
	int64_t		 saved;		/* seq in the state file */
};

static void
relay_option_fail(const char *opt, const char *v, const char *why)
{
	fprintf(stderr, "sanctionctl relay: %s %s: %s\n", opt, v, why);
	exit(2);
}

static int
relay_option(int ch, const char *v, void *arg)
{
	struct relay	*r = arg;

	switch (ch) {
	case 'W':
		r->url = v;
		break;
	case 'F':
		r->secret_file = v;
		break;
	case 'T':
		r->state = v;
		break;
	case 'P':
		if (!relay_template_known(v))
			relay_option_fail("--template", v,
			    "not a template (slack, teams, ntfy)");
		r->tmpl = v;
		break;
	default:
		return -1;
	}
	return 0;
}

/* An http or https URL, and its form without user and password. */
static void
check_url(struct relay *r)
{
	CURLU	*u = curl_url();
	char	*scheme = NULL, *shown = NULL;

	if (curl_url_set(u, CURLUPART_URL, r->url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		relay_option_fail("--webhook", r->url, "not a URL");
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		relay_option_fail("--webhook", r->url, "not http or https");
	curl_url_set(u, CURLUPART_USER, NULL, 0);
	curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
	if (curl_url_get(u, CURLUPART_URL, &shown, 0) != CURLUE_OK)
		relay_option_fail("--webhook", r->url, "not a URL");
	r->shown = xstrdup(shown);
	curl_free(shown);
	curl_free(scheme);
	curl_url_cleanup(u);
}

/* The secret, like a key: ours alone to read. */
static void
read_secret(struct relay *r)
{
	struct stat	 st;
	char		 chunk[1024], *err = NULL;
	ssize_t		 n;
	int		 fd;

	if ((fd = config_open_file(r->secret_file, &st, &err)) == -1)
		relay_option_fail("--secret-file", r->secret_file, err);
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(chunk, sizeof(chunk), "open to group or others "
		    "(mode %03o); chmod 600 it", (unsigned int)(st.st_mode &
		    0777));
		relay_option_fail("--secret-file", r->secret_file, chunk);
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 &&
	    r->secret.len + n <= RELAY_SECRET_MAX)
		buf_add(&r->secret, chunk, n);
	close(fd);
	if (n != 0)
		relay_option_fail("--secret-file", r->secret_file, n == -1 ?
		    strerror(errno) : "larger than 4096 bytes");
	if (r->secret.len > 0 && r->secret.d[r->secret.len - 1] == '\n')
		r->secret.len--;
	if (r->secret.len > 0 && r->secret.d[r->secret.len - 1] == '\r')
		r->secret.len--;
	if (r->secret.len == 0)
		relay_option_fail("--secret-file", r->secret_file, "empty");
}

/* {"seq": N, "publisher": "..."}; none yet is fine, garbage is not. */
static void
state_read(struct relay *r)
{
	json_error_t	 e;
	json_t		*o, *seq;
	char		 why[300];

	if (access(r->state, F_OK) == -1 && errno == ENOENT)
		return;
	if ((o = json_load_file(r->state, 0, &e)) == NULL) {
		snprintf(why, sizeof(why), "unreadable: %s", e.text);
		relay_option_fail("--state", r->state, why);
	}
	seq = json_object_get(o, "seq");
	if (!json_is_integer(seq) || json_integer_value(seq) < 0)
		relay_option_fail("--state", r->state, "no \"seq\" in it");
	r->saved = json_integer_value(seq);
	sub_resume(r->sub, r->saved, json_string_value(json_object_get(o,
	    "publisher")));
	json_decref(o);
}

/* tmp + fsync + rename + fsync of the directory: old or new, never half. */
static int
state_write(struct relay *r, int64_t seq)
{
	json_t		*o;
	char		*tmp, *dir, *s, *slash;
	int		 fd, rv = -1;

	if (r->state == NULL || seq == r->saved)
		return 0;
	o = json_pack("{s:I}", "seq", (json_int_t)seq);
	if (sub_publisher(r->sub) != NULL)
		json_object_set_new(o, "publisher",
		    json_string(sub_publisher(r->sub)));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	xasprintf(&tmp, "%s.tmp", r->state);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		goto out;
	if (write(fd, s, strlen(s)) != (ssize_t)strlen(s) ||
	    write(fd, "\n", 1) != 1 || fsync(fd) == -1) {
		close(fd);
		goto out;
	}
	close(fd);
	if (rename(tmp, r->state) == -1)
		goto out;
	dir = xstrdup(r->state);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir ? 1 : 0] = '\0';
	if ((fd = open(slash != NULL ? dir : ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	r->saved = seq;
	rv = 0;
out:
	if (rv == -1) {
		log_warn("--state %s: cannot write seq %lld", r->state,
		    (long long)seq);
		unlink(tmp);
	}
	free(tmp);
	free(s);
	return rv;
}

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

static struct curl_slist *
headers(struct relay *r, const struct buf *body, int64_t seq,
    struct curl_slist *h)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0, i;
	char		 line[64 + 2 * EVP_MAX_MD_SIZE];
	size_t		 off;

	snprintf(line, sizeof(line), "X-Sanctiond-Seq: %lld", (long long)seq);
	h = curl_slist_append(h, line);
	/* No 100-continue round trip: a webhook reads the body anyway. */
	h = curl_slist_append(h, "Expect:");
	if (r->secret_file == NULL)
		return h;
	if (HMAC(EVP_sha256(), r->secret.d, (int)r->secret.len,
	    (const unsigned char *)body->d, body->len, md, &mdlen) == NULL)
		fatalx("HMAC-SHA256 failed");
	off = snprintf(line, sizeof(line), "X-Sanctiond-Signature: sha256=");
	for (i = 0; i < mdlen; i++)
		off += snprintf(line + off, sizeof(line) - off, "%02x", md[i]);
	return curl_slist_append(h, line);
}

/*
 * One POST: 0 delivered, else the seconds to wait before the next try
 * (the server's Retry-After, or 0 for our backoff) in *wait, and the
 * reason in why.
 */
static int
post(struct relay *r, const struct buf *body, struct curl_slist *h,
    long *wait, char *why, size_t len)
{
	char		 err[CURL_ERROR_SIZE] = "";
	curl_off_t	 ra = 0;
	long		 code = 0;
	CURLcode	 rc;

	curl_easy_setopt(r->curl, CURLOPT_POSTFIELDS, body->d);
	curl_easy_setopt(r->curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)body->len);
	curl_easy_setopt(r->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(r->curl, CURLOPT_ERRORBUFFER, err);
	rc = curl_easy_perform(r->curl);
	curl_easy_setopt(r->curl, CURLOPT_ERRORBUFFER, NULL);
	*wait = 0;
	if (rc != CURLE_OK) {
		snprintf(why, len, "%s", *err ? err : curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(r->curl, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 200 && code < 300)
		return 0;
	if (curl_easy_getinfo(r->curl, CURLINFO_RETRY_AFTER, &ra) ==
	    CURLE_OK && ra > 0)
		*wait = ra > RELAY_MAX_RETRY_AFTER ? RELAY_MAX_RETRY_AFTER :
		    (long)ra;
	if (*wait > 0)
		snprintf(why, len, "HTTP %ld (Retry-After %lds)", code, *wait);
	else if (code >= 400 && code < 500 && code != 408 && code != 429)
		snprintf(why, len, "HTTP %ld: refused (check the URL and the "
		    "secret; kept, not skipped)", code);
	else
		snprintf(why, len, "HTTP %ld", code);
	return -1;
}

/* Sleep secs unless a signal comes first. */
static void
pause_for(long secs)
{
	struct timespec	 now, end, ts;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += secs;
	while (!sub_quitting()) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec &&
		    now.tv_nsec >= end.tv_nsec))
			break;
		ts.tv_sec = end.tv_sec - now.tv_sec;
		ts.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (ts.tv_nsec < 0) {
			ts.tv_sec--;
			ts.tv_nsec += 1000000000L;
		}
		nanosleep(&ts, NULL);
	}
}

/* The subscription's output: deliver this event, however long it takes. */
static int
deliver(const char *topic, const char *json, int64_t seq, void *arg)
{
	struct relay		*r = arg;
	struct curl_slist	*h = NULL;
	struct buf		 body;
	char			 why[CURL_ERROR_SIZE + 128];
	long			 backoff = RELAY_FIRST_BACKOFF, wait;

	(void)topic;
	buf_init(&body);
	if (r->tmpl == NULL || relay_template(r->tmpl, json, &body,
	    &h) == -1) {
		buf_reset(&body);
		buf_adds(&body, json);
		h = curl_slist_append(h, "Content-Type: application/json");
	}
	h = headers(r, &body, seq, h);
	while (!sub_quitting()) {
		if (post(r, &body, h, &wait, why, sizeof(why)) == 0)
			break;
		if (wait == 0) {
			wait = backoff;
			backoff = backoff * 2 > RELAY_MAX_BACKOFF ?
			    RELAY_MAX_BACKOFF : backoff * 2;
		}
		log_warnx("relay: seq %lld to %s: %s; retry in %lds",
		    (long long)seq, r->shown, why, wait);
		pause_for(wait);
	}
	curl_slist_free_all(h);
	buf_free(&body);
	if (sub_quitting())
		return RELAY_STOPPED;
	state_write(r, seq);
	return 0;
}

static void
curl_setup(struct relay *r)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (r->curl = curl_easy_init()) == NULL)
		fatalx("curl: cannot initialise");
	curl_easy_setopt(r->curl, CURLOPT_URL, r->url);
	curl_easy_setopt(r->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r->curl, CURLOPT_TIMEOUT, (long)RELAY_TIMEOUT);
	curl_easy_setopt(r->curl, CURLOPT_CONNECTTIMEOUT,
	    (long)RELAY_CONNECT_TIMEOUT);
	curl_easy_setopt(r->curl, CURLOPT_USERAGENT,
	    "sanctionctl-relay/" SANCTIOND_VERSION);
	curl_easy_setopt(r->curl, CURLOPT_WRITEFUNCTION, discard);
}

int
ctl_relay(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "webhook", required_argument, NULL, 'W' },
		{ "secret-file", required_argument, NULL, 'F' },
		{ "state", required_argument, NULL, 'T' },
		{ "template", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 }
	};
	struct relay			 r;
	int				 rv;

	memset(&r, 0, sizeof(r));
	buf_init(&r.secret);
	r.saved = -1;
	r.sub = sub_new(argc, argv, "relay --webhook URL [--secret-file F] "
	    "[--state FILE] [--template slack|teams|ntfy]", opts,
	    relay_option, &r);
	if (r.url == NULL) {
		fprintf(stderr, "sanctionctl relay: --webhook URL is "
		    "required\n");
		exit(2);
	}
	check_url(&r);
	if (r.secret_file != NULL)
		read_secret(&r);
	if (r.state != NULL)
		state_read(&r);
	curl_setup(&r);
	sub_output(r.sub, deliver, &r, 1);
	rv = sub_run(r.sub);
	/* What the filters dropped since the last delivery is done too. */
	if (sub_last(r.sub) > r.saved)
		state_write(&r, sub_last(r.sub));
	curl_easy_cleanup(r.curl);
	curl_global_cleanup();
	sub_free(r.sub);
	buf_free(&r.secret);
	free(r.shown);
	if (rv == CTL_EXIT_UNREACHABLE || rv == CTL_EXIT_REFUSED)
		return rv;
	return rv == RELAY_STOPPED ? 0 : rv != 0;
}
