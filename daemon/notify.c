/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * notify.c: tell systemd how we are (sd_notify).  Without NOTIFY_SOCKET
 * every call is a no-op, so the daemon calls these unconditionally.
 *
 * The watchdog is fed from a timer on the main loop itself: if the loop is
 * stuck, the pings stop and systemd restarts us.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>
#include <systemd/sd-daemon.h>

#include "daemon.h"

static struct event	*watchdog_ev;

static void
watchdog_ping(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	sd_notify(0, "WATCHDOG=1");
}

void
notify_init(struct event_base *base)
{
	struct timeval	 tv;
	uint64_t	 usec;

	if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
		return;
	/* Half the period, so one late turn of the loop is not fatal. */
	usec /= 2;
	tv.tv_sec = usec / 1000000;
	tv.tv_usec = usec % 1000000;
	watchdog_ev = event_new(base, -1, EV_PERSIST, watchdog_ping, NULL);
	event_add(watchdog_ev, &tv);
	log_debug("watchdog: ping every %llu ms",
	    (unsigned long long)(usec / 1000));
}

void
notify_free(void)
{
	if (watchdog_ev != NULL)
		event_free(watchdog_ev);
	watchdog_ev = NULL;
}

void
notify_ready(void)
{
	sd_notify(0, "READY=1");
}

/* systemd >= 253 wants the monotonic time with RELOADING=1. */
void
notify_reloading(void)
{
	struct timespec	 ts;
	unsigned long long usec;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	usec = (unsigned long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu", usec);
}

void
notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

/* Store errors show only when there are any: each was logged with its feed. */
void
notify_status(size_t ok, size_t failing, long long items, long long events,
    long long store_errors)
{
	if (store_errors > 0)
		sd_notifyf(0, "STATUS=feeds: %zu ok, %zu failing; %lld items, "
		    "%lld events; %lld store errors (see the log)", ok,
		    failing, items, events, store_errors);
	else
		sd_notifyf(0, "STATUS=feeds: %zu ok, %zu failing; %lld items, "
		    "%lld events", ok, failing, items, events);
}
