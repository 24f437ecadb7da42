/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * signals.c: signals arrive as events on the loop, so their handlers run
 * between callbacks, never in signal context, and may do anything.
 */
#include <signal.h>
#include <string.h>

#include <event2/event.h>

#include "daemon.h"

static struct event	*sig_ev[3];

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct sanctiond	*sd = arg;

	(void)what;
	switch (sig) {
	case SIGHUP:
		daemon_reload(sd);
		break;
	case SIGTERM:
	case SIGINT:
		log_info("%s: stopping", strsignal(sig));
		daemon_shutdown(sd);
		break;
	}
}

void
signals_init(struct event_base *base, struct sanctiond *sd)
{
	static const int	 sigs[] = { SIGHUP, SIGTERM, SIGINT };
	size_t			 i;

	/* A subscriber or server that hangs up must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sig_ev[i] = evsignal_new(base, sigs[i], on_signal, sd);
		evsignal_add(sig_ev[i], NULL);
	}
}

void
signals_free(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(sig_ev) / sizeof(sig_ev[0]); i++) {
		if (sig_ev[i] != NULL)
			event_free(sig_ev[i]);
		sig_ev[i] = NULL;
	}
}
