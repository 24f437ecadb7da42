/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * tcpproxy.c: a TCP relay between a daemon and its database, for the
 * tests of a network partition (tests/integration/cluster_ops.sh).
 *
 * usage: tcpproxy -P PORTFILE -t PORT
 *
 * Listens on 127.0.0.1 (a free port, written to PORTFILE) and relays each
 * connection to 127.0.0.1:PORT.  SIGUSR1 cuts the link: every connection
 * is closed and new ones are refused until SIGUSR2 listens again on the
 * same port.  (SIGSTOP is the silent partition: the kernel still accepts
 * and buffers, nothing goes through.)
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#define MAXCONN	256

struct side {
	struct bufferevent	*a, *b;
};

static struct event_base	*base;
static struct evconnlistener	*lev;
static struct side		*conns[MAXCONN];
static struct sockaddr_in	 here, there;

static void
pair_free(struct side *p)
{
	size_t	 i;

	for (i = 0; i < MAXCONN; i++)
		if (conns[i] == p)
			conns[i] = NULL;
	bufferevent_free(p->a);
	bufferevent_free(p->b);
	free(p);
}

static void
relay(struct bufferevent *bev, void *arg)
{
	struct side	*p = arg;
	struct bufferevent *to = bev == p->a ? p->b : p->a;

	evbuffer_add_buffer(bufferevent_get_output(to),
	    bufferevent_get_input(bev));
}

static void
event_cb(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		pair_free(arg);
}

static void
accepted(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct side	*p;
	size_t		 i;

	(void)l;
	(void)sa;
	(void)salen;
	(void)arg;
	for (i = 0; i < MAXCONN && conns[i] != NULL; i++)
		;
	if (i == MAXCONN) {
		close(fd);
		return;
	}
	p = calloc(1, sizeof(*p));
	p->a = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
	p->b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	if (p->a == NULL || p->b == NULL || bufferevent_socket_connect(p->b,
	    (struct sockaddr *)&there, sizeof(there)) == -1) {
		fprintf(stderr, "tcpproxy: cannot connect\n");
		close(fd);
		free(p);
		return;
	}
	bufferevent_setcb(p->a, relay, NULL, event_cb, p);
	bufferevent_setcb(p->b, relay, NULL, event_cb, p);
	bufferevent_enable(p->a, EV_READ | EV_WRITE);
	bufferevent_enable(p->b, EV_READ | EV_WRITE);
	conns[i] = p;
}

static void
listen_again(void)
{
	if (lev != NULL)
		return;
	lev = evconnlistener_new_bind(base, accepted, NULL,
	    LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_FREE, 16,
	    (struct sockaddr *)&here, sizeof(here));
	if (lev == NULL) {
		fprintf(stderr, "tcpproxy: cannot listen\n");
		exit(1);
	}
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	size_t	 i;

	(void)what;
	(void)arg;
	if (sig == SIGUSR2) {
		listen_again();
		return;
	}
	if (lev != NULL)
		evconnlistener_free(lev);
	lev = NULL;
	for (i = 0; i < MAXCONN; i++)
		if (conns[i] != NULL)
			pair_free(conns[i]);
}

int
main(int argc, char **argv)
{
	struct event	*e1, *e2;
	socklen_t	 len = sizeof(here);
	const char	*portfile = NULL;
	FILE		*f;
	int		 ch, port = 0;

	while ((ch = getopt(argc, argv, "P:t:")) != -1) {
		switch (ch) {
		case 'P':
			portfile = optarg;
			break;
		case 't':
			port = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (portfile == NULL || port <= 0)
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	base = event_base_new();
	memset(&here, 0, sizeof(here));
	here.sin_family = AF_INET;
	here.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	there = here;
	there.sin_port = htons((unsigned short)port);
	listen_again();
	getsockname(evconnlistener_get_fd(lev), (struct sockaddr *)&here,
	    &len);
	e1 = evsignal_new(base, SIGUSR1, on_signal, NULL);
	e2 = evsignal_new(base, SIGUSR2, on_signal, NULL);
	event_add(e1, NULL);
	event_add(e2, NULL);
	if ((f = fopen(portfile, "w")) == NULL)
		return 1;
	fprintf(f, "%d\n", ntohs(here.sin_port));
	fclose(f);
	event_base_dispatch(base);
	return 0;
usage:
	fprintf(stderr, "usage: tcpproxy -P PORTFILE -t PORT\n");
	return 2;
}
