/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * pubdrive.c: the daemon's store, publisher and replay server without the
 * daemon, driven line by line from standard input, so that "sanctionctl
 * sub" can be tested against exactly the events we choose.
 *
 * usage: pubdrive -s STATE -p PUB_ENDPOINT -r REPLAY_ENDPOINT
 *                 [-K SERVER_KEYFILE -A CLIENT_KEYFILE ...]
 *
 * With -K, both sockets require CURVE and only the public keys of the -A
 * key files ("sanctionctl keygen" output) may connect.
 *
 * At start, like sanctiond, it publishes what the store holds unpublished
 * (a crash between commit and publish), then prints "ready last=SEQ".
 * Commands, each answered with "ok CMD last=SEQ":
 *   add N [mixed|sanctions|news|background]
 *                                  store N new items in one batch (mixed:
 *                                  odd ones sanctions.impose.US/EU/UK;
 *                                  background: background.condemn.CN)
 *   item AUTHS ACTION SCORE ANN COUNTRIES NAMED
 *                                  store one sanctions item classified so:
 *                                  lists comma-separated, "-" for none, '_'
 *                                  in NAMED a blank; ANN 1 an announcement
 *   drop N                         the next N events are marked published
 *                                  but never sent: a gap on the wire
 *   flush                          publish the outbox
 *   feed NAME STATE                store a feed health event
 *   quit                           exit (so does EOF or SIGTERM)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <zmq.h>

#include "../daemon/daemon.h"

struct drive {
	struct event_base	*base;
	struct store		*store;
	struct publisher	*pub;
	int			 drop;
	struct buf		 in;
};

static void
add_items(struct drive *d, int n, const char *kind)
{
	static const char	*who[] = { "US", "EU", "UK" };
	struct feed_meta	 m = { "Drive", "https://example.org/", "drive",
				    -1 };
	struct sanctions	 sn;
	struct item		 it;
	int64_t			 base = store_last_seq(d->store);
	int			 i;

	store_batch_begin(d->store);
	for (i = 1; i <= n; i++) {
		item_init(&it);
		sanctions_init(&sn);
		xasprintf(&it.id, "pd-%lld", (long long)(base + i));
		xasprintf(&it.title, "Item %lld", (long long)(base + i));
		xasprintf(&it.link, "https://example.org/item/%lld",
		    (long long)(base + i));
		sn.relevant = strcmp(kind, "sanctions") == 0 ||
		    (strcmp(kind, "mixed") == 0 && (base + i) % 2 == 1);
		if (sn.relevant) {
			sn.announcement = 1;
			sn.action = ACTION_IMPOSE;
			strlist_add(&sn.authorities, who[(base + i) % 3]);
			strlist_add(&sn.countries, "RU");
			strlist_add(&sn.named, "Acme Shipping LLC");
		} else if (strcmp(kind, "background") == 0) {
			sn.relevant = 1;
			sn.action = ACTION_CONDEMN;
			strlist_add(&sn.authorities, "CN");
			strlist_add(&sn.countries, "US");
		}
		if (store_item(d->store, "drive", &m, &it, &sn, NULL) != 1)
			fatalx("pubdrive: item %d not stored", i);
		item_free(&it);
		sanctions_free(&sn);
	}
	if (store_batch_commit(d->store) == -1)
		fatalx("pubdrive: commit failed");
}

static void
split(struct strlist *l, const char *v, int blanks)
{
	char	*c, *p, *tok, *save = NULL;

	if (strcmp(v, "-") == 0)
		return;
	c = xstrdup(v);
	for (tok = strtok_r(c, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (p = tok; blanks && *p != '\0'; p++)
			if (*p == '_')
				*p = ' ';
		strlist_add(l, tok);
	}
	free(c);
}

/* "item AUTHS ACTION SCORE ANN COUNTRIES NAMED": one item, as classified. */
static void
add_classified(struct drive *d, const char *line)
{
	struct feed_meta	 m = { "Drive", "https://example.org/", "drive",
				    -1 };
	struct sanctions	 sn;
	struct item		 it;
	char			 auths[256], action[32], countries[256];
	char			 named[1024];
	double			 score;
	int			 ann, a;
	int64_t			 seq = store_last_seq(d->store) + 1;

	if (sscanf(line, "item %255s %31s %lf %d %255s %1023s", auths, action,
	    &score, &ann, countries, named) != 6) {
		fprintf(stderr, "pubdrive: bad item line: %s\n", line);
		return;
	}
	item_init(&it);
	sanctions_init(&sn);
	xasprintf(&it.id, "pd-%lld", (long long)seq);
	xasprintf(&it.title, "Item %lld", (long long)seq);
	xasprintf(&it.link, "https://example.org/item/%lld", (long long)seq);
	sn.relevant = 1;
	sn.announcement = ann;
	sn.score = score;
	for (a = 0; a <= ACTION_ENFORCE; a++)
		if (strcmp(action, action_name(a)) == 0)
			sn.action = a;
	split(&sn.authorities, auths, 0);
	split(&sn.countries, countries, 0);
	split(&sn.named, named, 1);
	store_batch_begin(d->store);
	if (store_item(d->store, "drive", &m, &it, &sn, NULL) != 1 ||
	    store_batch_commit(d->store) == -1)
		fatalx("pubdrive: item not stored");
	item_free(&it);
	sanctions_free(&sn);
}

static int
send_or_drop(int64_t seq, const char *topic, const char *json, void *arg)
{
	struct drive	*d = arg;

	(void)seq;
	if (d->drop > 0) {
		d->drop--;
		return 0;
	}
	return publisher_send(d->pub, topic, json) == -1;
}

static void
flush(struct drive *d)
{
	if (d->drop == 0) {
		outbox_flush(d->store, d->pub);
		return;
	}
	store_unpublished(d->store, send_or_drop, d);
	store_mark_published(d->store, store_last_seq(d->store));
}

static void
command(struct drive *d, char *line)
{
	char	 kind[32] = "mixed", name[64], state[32];
	int	 n;

	if (sscanf(line, "add %d %31s", &n, kind) >= 1)
		add_items(d, n, kind);
	else if (strncmp(line, "item ", 5) == 0)
		add_classified(d, line);
	else if (sscanf(line, "drop %d", &n) == 1)
		d->drop = n;
	else if (strcmp(line, "flush") == 0)
		flush(d);
	else if (sscanf(line, "feed %63s %31s", name, state) == 2)
		store_feed_event(d->store, name, NULL, state, "driven", NULL);
	else if (strcmp(line, "quit") == 0)
		event_base_loopbreak(d->base);
	else
		fprintf(stderr, "pubdrive: unknown command: %s\n", line);
	printf("ok %s last=%lld\n", line, (long long)store_last_seq(d->store));
	fflush(stdout);
}

static void
on_stdin(int fd, short what, void *arg)
{
	struct drive	*d = arg;
	char		 buf[4096], *nl;
	ssize_t		 n;

	(void)what;
	n = read(fd, buf, sizeof(buf));
	if (n <= 0) {
		if (n == -1 && errno == EINTR)
			return;
		event_base_loopbreak(d->base);
		return;
	}
	buf_add(&d->in, buf, n);
	while ((nl = memchr(d->in.d, '\n', d->in.len)) != NULL) {
		*nl = '\0';
		command(d, d->in.d);
		n = nl + 1 - d->in.d;
		memmove(d->in.d, nl + 1, d->in.len - n + 1);
		d->in.len -= n;
	}
}

static void
on_signal(int sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopbreak(arg);
}

int
main(int argc, char **argv)
{
	struct drive	 d;
	struct replay	*r;
	struct event	*ev, *sigterm, *sigint;
	const char	*state = NULL, *pubep = NULL, *repep = NULL;
	const char	*keyfile = NULL;
	char		*err = NULL, pub[41], sec[41], *secret = NULL;
	struct strlist	 allow;
	struct zap	*zap = NULL;
	void		*ctx;
	int		 ch;

	log_init(LOG_TO_STDERR, 6);
	log_setprefix("pubdrive");
	strlist_init(&allow);
	while ((ch = getopt(argc, argv, "s:p:r:K:A:")) != -1) {
		switch (ch) {
		case 's': state = optarg; break;
		case 'p': pubep = optarg; break;
		case 'r': repep = optarg; break;
		case 'K': keyfile = optarg; break;
		case 'A':
			if (curve_keyfile_read(optarg, pub, NULL, &err) == -1)
				fatalx("%s", err);
			strlist_add(&allow, pub);
			break;
		default: goto usage;
		}
	}
	if (state == NULL || pubep == NULL || repep == NULL)
		goto usage;
	memset(&d, 0, sizeof(d));
	buf_init(&d.in);
	d.base = event_base_new();
	ctx = zmq_ctx_new();
	if (keyfile != NULL) {
		if (curve_keyfile_read(keyfile, NULL, sec, &err) == -1 ||
		    (zap = zap_start(ctx, &allow, &err)) == NULL)
			fatalx("%s", err);
		secret = sec;
	}
	if ((d.store = store_open(state, &err)) == NULL ||
	    (d.pub = publisher_open_curve(ctx, pubep, secret, &err)) == NULL ||
	    (r = replay_open_curve(d.base, ctx, repep, d.store, secret,
	    &err)) == NULL)
		fatalx("%s", err);
	outbox_flush(d.store, d.pub);
	printf("ready last=%lld\n", (long long)store_last_seq(d.store));
	fflush(stdout);
	ev = event_new(d.base, STDIN_FILENO, EV_READ | EV_PERSIST, on_stdin,
	    &d);
	sigterm = evsignal_new(d.base, SIGTERM, on_signal, d.base);
	sigint = evsignal_new(d.base, SIGINT, on_signal, d.base);
	event_add(ev, NULL);
	event_add(sigterm, NULL);
	event_add(sigint, NULL);
	event_base_dispatch(d.base);
	event_free(ev);
	event_free(sigterm);
	event_free(sigint);
	replay_close(r);
	publisher_close(d.pub);
	zap_stop(zap);
	strlist_free(&allow);
	store_close(d.store);
	zmq_ctx_term(ctx);
	event_base_free(d.base);
	buf_free(&d.in);
	return 0;
usage:
	fprintf(stderr, "usage: pubdrive -s STATE -p PUB -r REPLAY "
	    "[-K KEYFILE -A KEYFILE ...]\n");
	return 2;
}
