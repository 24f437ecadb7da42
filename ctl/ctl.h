/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl.h: sanctionctl, the client.  It reads the daemon's configuration
 * with the daemon's own parser (daemon.h) and speaks the wire contract
 * both sides include (wire.h); the rest is here, a section per file.
 */
#ifndef CTL_H
#define CTL_H

#include "../daemon/daemon.h"
#include "../daemon/wire.h"

/* sub_out.c: how "sanctionctl sub" shows and hands on each event. */
int		 sub_print(const char *, int);
int		 sub_exec(const char *, const char *, long long);

/* sub_filter.c: the item filters of "sanctionctl sub" and "relay". */
struct sub_filter;
struct sub_filter *sub_filter_new(void);
void		 sub_filter_free(struct sub_filter *);
int		 sub_filter_option(struct sub_filter *, const char *,
		    const char *, char **);
void		 sub_filter_topics(struct sub_filter *, const struct strlist *);
int		 sub_filter_active(const struct sub_filter *);
int		 sub_filter_pass(const struct sub_filter *, json_t *);

/* ctl_sub.c: a subscription that misses nothing, for sub and relay. */
struct sub;
struct option;
typedef int	(*sub_output_fn)(const char *, const char *, int64_t, void *);
typedef int	(*sub_option_fn)(int, const char *, void *);
struct sub	*sub_new(int, char **, const char *, const struct option *,
		    sub_option_fn, void *);
void		 sub_output(struct sub *, sub_output_fn, void *, int);
void		 sub_resume(struct sub *, int64_t, const char *);
int64_t		 sub_last(const struct sub *);
const char	*sub_publisher(const struct sub *);
int		 sub_run(struct sub *);
void		 sub_free(struct sub *);
int		 sub_quitting(void);

/* relay_template.c: "relay --template" bodies for Slack, Teams, ntfy. */
struct curl_slist;
int		 relay_template_known(const char *);
int		 relay_template(const char *, const char *, struct buf *,
		    struct curl_slist **);
/*
 * ctl_conn.c: a sanctionctl client socket's connection to the daemon,
 * watched: the endpoint's form and host, the handshake, CURVE refusals,
 * and losses later.  Open, wait (ms, -1 for ever), then poll the monitor
 * socket and read its events.  The exit codes every subcommand uses:
 */
#define CTL_EXIT_USAGE		2	/* bad arguments, malformed endpoint */
#define CTL_EXIT_UNREACHABLE	3	/* no daemon answers at the endpoint */
#define CTL_EXIT_REFUSED	4	/* it refused our CURVE handshake */
enum ctl_conn_event {
	CTL_CONN_NONE, CTL_CONN_UP, CTL_CONN_LOST, CTL_CONN_FAILED
};
struct ctl_conn;
int		 ctl_endpoint_check(const char *, char **);
struct ctl_conn	*ctl_conn_open(void *, void *, const char *, int, char **,
		    int *);
int		 ctl_conn_wait(struct ctl_conn *, int, char **);
void		*ctl_conn_monitor(struct ctl_conn *);
enum ctl_conn_event ctl_conn_event(struct ctl_conn *, char **);
void		 ctl_conn_close(struct ctl_conn *);

/* sanctionctl subcommands, one file each (ctl_NAME.c). */
int		 ctl_parse(int, char **);
int		 ctl_fetch(int, char **);
int		 ctl_sub(int, char **);
int		 ctl_keygen(int, char **);
int		 ctl_import_opml(int, char **);
int		 ctl_status(int, char **);
int		 ctl_relay(int, char **);
int		 ctl_export_opml(int, char **);
int		 ctl_article(int, char **);
int		 ctl_backup(int, char **);

#endif
