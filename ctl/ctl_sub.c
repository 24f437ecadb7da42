/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_sub.c: sanctionctl sub [-e ENDPOINT] [-r ENDPOINT] [-t PREFIX ...]
 *            [--since SEQ] [--exec CMD]
 *
 * Subscribe first, then replay what was asked for with --since, then go
 * live; print every seq once.  A gap in seq (the daemon restarted, or our
 * receive queue overflowed) is filled from the replay endpoint with the
 * same topic filters; with filters, most gaps are events we did not ask
 * for, and the replay simply returns none.  After the SUB socket
 * reconnects we also ask the replay endpoint what we missed, so a daemon
 * restart costs a subscriber nothing.
 *
 * --key FILE (a "sanctionctl keygen" pair) and --server-key KEY (the
 * daemon's public key, or a key file holding it) speak CURVE to a daemon
 * that requires it, on both the publish and the replay endpoint.
 *
 * The item filters (sub_filter.c) are applied after the seq is counted:
 * an event they drop is handled, not missing, so it is never asked for
 * again.  "sanctionctl relay" runs the same subscription with its own
 * output (sub_new with extra options, sub_output, sub_run); its output may
 * refuse an event, which then stays unhandled, and it may not skip a gap
 * that the replay endpoint cannot fill yet ("strict"): it waits instead.
 * The publish connection is watched (ctl_conn.c): a daemon that does not
 * answer within SUB_CONNECT_MS, or refuses our key, is one line and an
 * exit status (CTL_EXIT_*), not a silent wait; --wait waits for it.  Once
 * connected, a daemon that goes away is said once, and we reconnect.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zmq.h>

#include "ctl.h"

#define SUB_RCVHWM		100000
#define REPLAY_TIMEOUT_MS	3000
#define REPLAY_RETRY_SECS	30
/* Long options of sub's own past any letter: a caller's stay free. */
#define OPT_WAIT		0x0ff
#define OPT_FILTER		0x100	/* + index in filter_opts */
#define SUB_CONNECT_MS		3000	/* the first handshake, unless --wait */

struct sub {
	void		*ctx;
	void		*sub;		/* live events */
	struct ctl_conn	*conn;		/* the SUB socket's connection */
	int		 wait;		/* --wait: for the daemon, for ever */
	int		 lost;		/* said so; say when it is back */
	int		 failed;	/* a CTL_EXIT_* code */
	void		*rep;		/* replay requests */
	const char	*endpoint;
	char		*replay_ep;
	struct strlist	 topics;
	const char	*exec;
	int		 tty;
	int64_t		 last;		/* last seq handled, -1 none yet */
	char		*publisher;
	int		 replay_down;	/* warned once */
	time_t		 replay_retry;	/* while down, gaps wait until then */
	int		 out_failed;	/* 1 write error, 2 reader gone, */
					/* or what the output returned */
	int		 curve;
	struct sub_filter *filter;
	sub_output_fn	 output;
	void		*output_arg;
	int		 strict;	/* never skip a gap */
	uint8_t		 pub[32], sec[32], server[32];
};

static volatile sig_atomic_t	 quit;

static void
on_signal(int sig)
{
	(void)sig;
	quit = 1;
}

static const char *filter_opts[] = {
	"country", "authority", "action", "min-score", "named", "announcements"
};

#define SUB_USAGE	"[-e ENDPOINT] [-r ENDPOINT] [-t PREFIX] [--since SEQ]" \
	"\n\t[--key FILE --server-key KEY] [--wait] [--country CC] [--authority CODE]" \
	"\n\t[--action NAME] [--min-score F] [--named REGEX] [--announcements]"

static void
usage(const char *cmd)
{
	if (cmd == NULL)
		fprintf(stderr, "usage: sanctionctl sub " SUB_USAGE
		    " [--exec CMD]\n");
	else
		fprintf(stderr, "usage: sanctionctl %s\n\t" SUB_USAGE "\n",
		    cmd);
	exit(CTL_EXIT_USAGE);
}

int
sub_quitting(void)
{
	return quit;
}

static void *
socket_new(struct sub *s, int type)
{
	void	*sock;
	int	 zero = 0;

	if ((sock = zmq_socket(s->ctx, type)) == NULL)
		fatalx("zmq_socket: %s", zmq_strerror(errno));
	zmq_setsockopt(sock, ZMQ_LINGER, &zero, sizeof(zero));
	if (s->curve && (zmq_setsockopt(sock, ZMQ_CURVE_SERVERKEY, s->server,
	    32) == -1 || zmq_setsockopt(sock, ZMQ_CURVE_PUBLICKEY, s->pub,
	    32) == -1 || zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, s->sec,
	    32) == -1))
		fatalx("CURVE: %s", zmq_strerror(errno));
	return sock;
}

static void
replay_connect(struct sub *s)
{
	if (s->rep != NULL)
		zmq_close(s->rep);
	s->rep = socket_new(s, ZMQ_DEALER);
	if (zmq_connect(s->rep, s->replay_ep) == -1)
		fatalx("replay endpoint %s: %s", s->replay_ep,
		    zmq_strerror(errno));
}

/*
 * A publisher we have not seen before is a new state file: its seq starts
 * anew, so what we counted no longer applies.
 */
static void
check_publisher(struct sub *s, const char *pub)
{
	if (pub == NULL)
		return;
	if (s->publisher != NULL && strcmp(s->publisher, pub) != 0) {
		log_warnx("%s: publisher changed (%s, was %s): following "
		    "its events from seq 1", s->endpoint, pub, s->publisher);
		s->last = 0;
	}
	if (s->publisher == NULL || strcmp(s->publisher, pub) != 0) {
		free(s->publisher);
		s->publisher = xstrdup(pub);
	}
}

/* sub's own output: print, and run --exec. */
static int
print_event(const char *topic, const char *json, int64_t seq, void *arg)
{
	struct sub	*s = arg;
	int		 rv = 0;

	(void)topic;
	if (sub_print(json, s->tty) == -1)
		rv = errno == EPIPE ? 2 : 1;
	if (s->exec != NULL)
		sub_exec(s->exec, json, (long long)seq);
	return rv;
}

/*
 * Handle one event, from the wire or from replay; skip what we had.  One
 * the filters drop is handled all the same: no gap, never asked for again.
 */
static void
deliver(struct sub *s, zmq_msg_t *topic, zmq_msg_t *body)
{
	json_t		*o;
	int64_t		 seq = -1;
	char		*text, *t;
	int		 pass = 0, rv = 0;

	if (s->out_failed)
		return;
	text = xstrndup(zmq_msg_data(body), zmq_msg_size(body));
	t = xstrndup(zmq_msg_data(topic), zmq_msg_size(topic));
	if ((o = json_loads(text, 0, NULL)) != NULL) {
		seq = json_integer_value(json_object_get(o, "seq"));
		check_publisher(s, json_string_value(json_object_get(o,
		    "publisher")));
		pass = sub_filter_pass(s->filter, o);
		json_decref(o);
	}
	if (seq <= 0) {
		log_warnx("%s: event without a seq ignored", s->endpoint);
	} else if (seq > s->last) {
		if (pass)
			rv = s->output(t, text, seq, s->output_arg);
		if (rv == 0)
			s->last = seq;
		else
			s->out_failed = rv;
	}
	free(t);
	free(text);
}

static int
send_request(struct sub *s)
{
	json_t	*o, *t;
	char	*req;
	size_t	 i;
	int	 rv;

	o = json_object();
	json_object_set_new(o, "since", json_integer(s->last));
	t = json_array();
	for (i = 0; i < s->topics.n; i++)
		json_array_append_new(t, json_string(s->topics.v[i]));
	json_object_set_new(o, "topics", t);
	req = json_line(o);
	json_decref(o);
	rv = zmq_send(s->rep, req, strlen(req), ZMQ_DONTWAIT);
	free(req);
	return rv == -1 ? -1 : 0;
}

/* Wait for a reply: 1 ready, 0 timed out or interrupted. */
static int
await_reply(struct sub *s)
{
	zmq_pollitem_t	 pi = { s->rep, 0, ZMQ_POLLIN, 0 };

	if (zmq_poll(&pi, 1, REPLAY_TIMEOUT_MS) > 0)
		return 1;
	if (!quit && !s->replay_down) {
		log_warnx("replay endpoint %s did not answer: events after "
		    "seq %lld may be missing", s->replay_ep,
		    (long long)s->last);
		s->replay_down = 1;
	}
	/* A stale request must not be answered later. */
	replay_connect(s);
	s->replay_retry = time(NULL) + REPLAY_RETRY_SECS;
	return 0;
}

/* The end object of a reply: 1 more to ask for, 0 done, -1 error. */
static int
reply_end(struct sub *s, zmq_msg_t *m)
{
	json_t	*o;
	int	 rv = -1;

	o = json_loadb(zmq_msg_data(m), zmq_msg_size(m), 0, NULL);
	if (json_string_value(json_object_get(o, "error")) != NULL)
		log_warnx("replay endpoint %s: %s", s->replay_ep,
		    json_string_value(json_object_get(o, "error")));
	else if (json_is_true(json_object_get(o, "end"))) {
		check_publisher(s, json_string_value(json_object_get(o,
		    "publisher")));
		if (json_is_true(json_object_get(o, "truncated")))
			log_warnx("replay endpoint %s: events after seq %lld "
			    "up to seq %lld are past the daemon's retention "
			    "and were pruned; replaying what is left",
			    s->replay_ep, (long long)s->last,
			    (long long)json_integer_value(json_object_get(o,
			    "pruned")));
		/* Everything up to "last" that we asked for has come. */
		if (json_integer_value(json_object_get(o, "last")) > s->last)
			s->last = json_integer_value(json_object_get(o,
			    "last"));
		rv = json_is_true(json_object_get(o, "more"));
	} else
		log_warnx("replay endpoint %s: a reply without an end",
		    s->replay_ep);
	json_decref(o);
	return rv;
}

/* Read one reply, deliver its events; as reply_end. */
static int
read_reply(struct sub *s)
{
	zmq_msg_t	 topic, body;
	int		 rv = -1;

	for (;;) {
		zmq_msg_init(&topic);
		zmq_msg_init(&body);
		if (zmq_msg_recv(&topic, s->rep, 0) == -1 ||
		    !zmq_msg_more(&topic) ||
		    zmq_msg_recv(&body, s->rep, 0) == -1)
			break;
		if (zmq_msg_size(&topic) == 0) {
			rv = s->out_failed ? -1 : reply_end(s, &body);
			break;
		}
		deliver(s, &topic, &body);
		zmq_msg_close(&topic);
		zmq_msg_close(&body);
	}
	zmq_msg_close(&topic);
	zmq_msg_close(&body);
	return rv;
}

/* Everything stored after s->last that our filters take, batch by batch. */
static int
catch_up(struct sub *s)
{
	int	 more = 1;

	if (s->replay_down && time(NULL) < s->replay_retry)
		return -1;
	while (more == 1 && !quit && !s->out_failed) {
		if (send_request(s) == -1 || !await_reply(s))
			return -1;
		s->replay_down = 0;
		more = read_reply(s);
	}
	return more == -1 ? -1 : 0;
}

/* Sleep up to secs, or less when a signal comes. */
static void
nap(int secs)
{
	struct timespec	 ts = { secs, 0 };

	if (!quit)
		nanosleep(&ts, NULL);
}

/*
 * A gap before this live event.  A strict subscriber waits until the
 * replay endpoint fills it, since going on would skip what lies between.
 */
static void
fill_gap(struct sub *s)
{
	if (catch_up(s) == 0 || !s->strict)
		return;
	while (!quit && !s->out_failed && catch_up(s) == -1)
		nap(1);
}

static void
live_message(struct sub *s)
{
	zmq_msg_t	 topic, body;
	json_t		*o;
	int64_t		 seq;

	zmq_msg_init(&topic);
	zmq_msg_init(&body);
	if (zmq_msg_recv(&topic, s->sub, ZMQ_DONTWAIT) == -1 ||
	    !zmq_msg_more(&topic) ||
	    zmq_msg_recv(&body, s->sub, ZMQ_DONTWAIT) == -1)
		goto out;
	/* A gap: fetch what lies between before printing this one. */
	o = json_loadb(zmq_msg_data(&body), zmq_msg_size(&body), 0, NULL);
	seq = json_integer_value(json_object_get(o, "seq"));
	check_publisher(s, json_string_value(json_object_get(o,
	    "publisher")));
	json_decref(o);
	if (s->last >= 0 && seq > s->last + 1)
		fill_gap(s);
	deliver(s, &topic, &body);
out:
	/* Frames beyond the second are not ours to read. */
	while (zmq_msg_more(&body) &&
	    zmq_msg_recv(&body, s->sub, ZMQ_DONTWAIT) != -1)
		;
	zmq_msg_close(&topic);
	zmq_msg_close(&body);
}

/*
 * The SUB socket's connection changed.  Back after a loss: what was
 * published meanwhile is stored, so ask for it.
 */
static void
conn_event(struct sub *s)
{
	char	*err = NULL;

	switch (ctl_conn_event(s->conn, &err)) {
	case CTL_CONN_LOST:
		log_warnx("lost %s; reconnecting", s->endpoint);
		s->lost = 1;
		break;
	case CTL_CONN_UP:
		if (s->lost)
			log_warnx("%s: connected again", s->endpoint);
		s->lost = 0;
		if (s->last >= 0)
			fill_gap(s);
		break;
	case CTL_CONN_FAILED:
		log_warnx("%s", err);
		s->failed = CTL_EXIT_REFUSED;
		break;
	case CTL_CONN_NONE:
		break;
	}
	free(err);
}

static void
run(struct sub *s)
{
	zmq_pollitem_t	 pi[2] = {
		{ s->sub, 0, ZMQ_POLLIN, 0 },
		{ ctl_conn_monitor(s->conn), 0, ZMQ_POLLIN, 0 }
	};
	int		 i;

	while (!quit && !s->out_failed && !s->failed) {
		if (zmq_poll(pi, 2, 1000) <= 0)
			continue;
		if (pi[1].revents & ZMQ_POLLIN)
			conn_event(s);
		for (i = 0; i < 100 && !quit && !s->out_failed; i++) {
			pi[0].revents = 0;
			if (zmq_poll(pi, 1, 0) <= 0)
				break;
			live_message(s);
		}
	}
}

/* Connect and wait for the daemon: 0, -1 interrupted, or a CTL_EXIT_*. */
static int
sub_open(struct sub *s)
{
	size_t	 i;
	char	*err = NULL;
	int	 hwm = SUB_RCVHWM, rv;

	s->sub = socket_new(s, ZMQ_SUB);
	zmq_setsockopt(s->sub, ZMQ_RCVHWM, &hwm, sizeof(hwm));
	if (s->topics.n == 0)
		zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, "", 0);
	for (i = 0; i < s->topics.n; i++)
		zmq_setsockopt(s->sub, ZMQ_SUBSCRIBE, s->topics.v[i],
		    strlen(s->topics.v[i]));
	if ((s->conn = ctl_conn_open(s->ctx, s->sub, s->endpoint, s->curve,
	    &err, &rv)) == NULL) {
		log_warnx("%s", err);
		free(err);
		return rv;
	}
	replay_connect(s);
	rv = ctl_conn_wait(s->conn, s->wait ? -1 : SUB_CONNECT_MS, &err);
	if (rv > 0)
		log_warnx("%s", err);
	free(err);
	return rv;
}

static void
sub_close(struct sub *s)
{
	ctl_conn_close(s->conn);
	zmq_close(s->sub);
	if (s->rep != NULL)
		zmq_close(s->rep);
	zmq_ctx_term(s->ctx);
}

/* --key FILE and --server-key KEY|FILE: both or neither. */
static void
curve_keys(struct sub *s, const char *keyfile, const char *server)
{
	char	 pub[41], sec[41], *err = NULL;

	if (keyfile == NULL && server == NULL)
		return;
	if (keyfile == NULL || server == NULL)
		fatalx("CURVE needs both --key FILE and --server-key KEY");
	if (curve_keyfile_read(keyfile, pub, sec, &err) == -1)
		fatalx("--key %s", err);
	curve_key_decode(pub, s->pub);
	curve_key_decode(sec, s->sec);
	if (curve_key_decode(server, s->server) == -1) {
		if (curve_keyfile_read(server, pub, NULL, &err) == -1)
			fatalx("--server-key: neither a key nor a key file: %s",
			    err);
		curve_key_decode(pub, s->server);
	}
	s->curve = 1;
}

/* The filter options and the caller's, after sub's own. */
static struct option *
all_options(const struct option *extra)
{
	static const struct option own[] = {
		{ "since", required_argument, NULL, 'S' },
		{ "key", required_argument, NULL, 'K' },
		{ "server-key", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ "wait", no_argument, NULL, OPT_WAIT },
	};
	struct option	*o;
	size_t		 n = 0, nown = sizeof(own) / sizeof(own[0]), i;
	size_t		 nf = sizeof(filter_opts) / sizeof(filter_opts[0]);

	while (extra[n].name != NULL)
		n++;
	o = xcalloc(nown + nf + n + 1, sizeof(*o));
	memcpy(o, own, sizeof(own));
	for (i = 0; i < nf; i++) {
		o[nown + i].name = filter_opts[i];
		o[nown + i].has_arg = strcmp(filter_opts[i],
		    "announcements") == 0 ? no_argument : required_argument;
		o[nown + i].val = OPT_FILTER + i;
	}
	memcpy(o + nown + nf, extra, n * sizeof(*o));
	return o;
}

static void
parse_args(struct sub *s, int argc, char **argv, const char *cmd,
    const struct option *extra, sub_option_fn extra_fn, void *arg)
{
	struct option	*longopts = all_options(extra);
	const char	*replay = NULL, *keyfile = NULL, *server = NULL;
	char		*end, *err = NULL;
	long long	 since;
	int		 ch;

	while ((ch = getopt_long(argc, argv, "+e:r:t:", longopts,
	    NULL)) != -1) {
		if (ch >= OPT_FILTER && ch < OPT_FILTER + (int)(sizeof(
		    filter_opts) / sizeof(filter_opts[0]))) {
			if (sub_filter_option(s->filter, filter_opts[ch -
			    OPT_FILTER], optarg, &err) == -1) {
				fprintf(stderr, "sanctionctl %.*s: %s\n",
				    (int)strcspn(cmd, " "), cmd, err);
				exit(2);
			}
			continue;
		}
		switch (ch) {
		case 'e':
			s->endpoint = optarg;
			break;
		case 'r':
			replay = optarg;
			break;
		case 't':
			strlist_add(&s->topics, optarg);
			break;
		case 'S':
			errno = 0;
			since = strtoll(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    since < 0)
				fatalx("--since %s: not a seq", optarg);
			s->last = since;
			break;
		case 'K':
			keyfile = optarg;
			break;
		case 'k':
			server = optarg;
			break;
		case OPT_WAIT:
			s->wait = 1;
			break;
		default:
			if (ch == '?' || ch == 'h' || extra_fn == NULL ||
			    extra_fn(ch, optarg, arg) == -1)
				usage(strcmp(cmd, "sub") == 0 ? NULL : cmd);
		}
	}
	free(longopts);
	if (optind != argc)
		usage(strcmp(cmd, "sub") == 0 ? NULL : cmd);
	sub_filter_topics(s->filter, &s->topics);
	curve_keys(s, keyfile, server);
	/* A malformed endpoint is named before anything is derived from it. */
	if (ctl_endpoint_check(s->endpoint, &err) == -1 ||
	    (replay != NULL && ctl_endpoint_check(replay, &err) == -1)) {
		log_warnx("%s", err);
		exit(CTL_EXIT_USAGE);
	}
	if (replay != NULL)
		s->replay_ep = xstrdup(replay);
	else if ((s->replay_ep = wire_replay_endpoint(s->endpoint)) == NULL)
		fatalx("cannot derive a replay endpoint from %s: give -r",
		    s->endpoint);
}

/*
 * A subscription from the command line: sub's options, the filters, and
 * the caller's extra options, whose values extra_fn takes (-1: usage).
 */
struct sub *
sub_new(int argc, char **argv, const char *cmd, const struct option *extra,
    sub_option_fn extra_fn, void *arg)
{
	static const struct option	 none[] = { { NULL, 0, NULL, 0 } };
	struct sub			*s;

	s = xcalloc(1, sizeof(*s));
	s->endpoint = WIRE_PUBLISH_DEFAULT;
	s->last = -1;
	s->output = print_event;
	s->output_arg = s;
	s->filter = sub_filter_new();
	strlist_init(&s->topics);
	parse_args(s, argc, argv, cmd, extra != NULL ? extra : none,
	    extra_fn, arg);
	return s;
}

/*
 * Where the events go instead of stdout: fn returns 0 when it handled one
 * (the seq then counts as done), else a non-zero status that ends sub_run.
 * Strict: a gap the replay endpoint cannot fill is waited out, not skipped.
 */
void
sub_output(struct sub *s, sub_output_fn fn, void *arg, int strict)
{
	s->output = fn;
	s->output_arg = arg;
	s->strict = strict;
}

/* Start after seq last of this publisher (NULL: whichever answers). */
void
sub_resume(struct sub *s, int64_t last, const char *publisher)
{
	s->last = last;
	free(s->publisher);
	s->publisher = publisher != NULL ? xstrdup(publisher) : NULL;
}

int64_t
sub_last(const struct sub *s)
{
	return s->last;
}

const char *
sub_publisher(const struct sub *s)
{
	return s->publisher;
}

/*
 * Until a signal or the output stops it: the output's status, 0, or a
 * CTL_EXIT_* code when the daemon cannot be reached or refuses us.
 */
int
sub_run(struct sub *s)
{
	struct sigaction	 sa;
	int			 rv;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: zmq_poll returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	s->ctx = zmq_ctx_new();
	if ((rv = sub_open(s)) == 0) {
		if (s->last >= 0)
			fill_gap(s);
		run(s);
		rv = s->failed ? s->failed : s->out_failed;
	} else if (rv == -1)
		rv = 0;		/* a signal while we waited */
	sub_close(s);
	return rv;
}

void
sub_free(struct sub *s)
{
	strlist_free(&s->topics);
	sub_filter_free(s->filter);
	free(s->replay_ep);
	free(s->publisher);
	free(s);
}

static int
sub_option(int ch, const char *arg, void *exec)
{
	if (ch != 'X')
		return -1;
	*(const char **)exec = arg;
	return 0;
}

int
ctl_sub(int argc, char **argv)
{
	static const struct option	 exec[] = {
		{ "exec", required_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 }
	};
	struct sub			*s;
	const char			*cmd = NULL;
	int				 rv;

	s = sub_new(argc, argv, "sub", exec, sub_option, &cmd);
	s->exec = cmd;
	s->tty = isatty(STDOUT_FILENO);
	rv = sub_run(s);
	sub_free(s);
	if (rv == CTL_EXIT_UNREACHABLE || rv == CTL_EXIT_REFUSED)
		return rv;
	return rv == 1;
}
