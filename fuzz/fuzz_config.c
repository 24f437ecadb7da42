/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_config.c: the daemon's configuration parser (daemon/config.c), from
 * memory through config_parse().
 *
 * Besides crashes and leaks, it checks what the parser promises: a config
 * is either accepted with no error or refused with at least one; every
 * error names the file and a line that exists; an accepted config holds
 * only values the daemon can use; and the same bytes always give the same
 * errors.  A broken promise aborts, so libFuzzer keeps the input.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../daemon/daemon.h"

int	LLVMFuzzerTestOneInput(const unsigned char *, size_t);

#define FUZZ_PATH	"fuzz.conf"

static void
broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_config: %s: %s\n", what, detail);
	abort();
}

static size_t
count_lines(const char *text, size_t len)
{
	size_t	 n = 1, i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	return n;
}

/* "fuzz.conf:LINE: KEY: why", LINE within the input. */
static void
check_error(const char *e, size_t lines)
{
	const char	*p;
	char		*end;
	unsigned long	 line;

	if (strncmp(e, FUZZ_PATH ":", sizeof(FUZZ_PATH)) != 0)
		broken("error does not name the file", e);
	p = e + sizeof(FUZZ_PATH);
	if (!isdigit((unsigned char)*p))
		broken("error does not name a line", e);
	line = strtoul(p, &end, 10);
	if (line > lines || strncmp(end, ": ", 2) != 0)
		broken("error names a line past the end", e);
	if (strchr(end + 2, ':') == NULL)
		broken("error does not name a key", e);
}

static void
check_conf(const struct daemon_conf *c)
{
	const struct engine_conf	*e = &c->engine;
	size_t				 i, j;

	if (c->state == NULL || c->publish == NULL || c->replay == NULL)
		broken("accepted", "an endpoint or the state is missing");
	if (strcmp(c->publish, c->replay) == 0)
		broken("accepted", "replay is the publish endpoint");
	if (e->host_rate <= 0 || e->host_rate > 1000000 || e->host_conns < 1 ||
	    e->host_conns > 64 || e->max_body == 0)
		broken("accepted", "an engine value out of range");
	for (i = 0; i < c->nfeeds; i++) {
		if (c->feeds[i].url == NULL ||
		    !config_valid_url(c->feeds[i].url))
			broken("accepted a feed without a good url",
			    c->feeds[i].name);
		if (c->feeds[i].interval < 0)
			broken("accepted a negative interval",
			    c->feeds[i].name);
		for (j = 0; j < i; j++)
			if (strcmp(c->feeds[i].name, c->feeds[j].name) == 0)
				broken("accepted a duplicate feed",
				    c->feeds[i].name);
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct daemon_conf	*c, *again;
	struct strlist		 errs, errs2;
	size_t			 i, lines;

	lines = count_lines((const char *)data, size);
	strlist_init(&errs);
	strlist_init(&errs2);
	c = config_parse(FUZZ_PATH, (const char *)data, size, &errs);
	if (c == NULL && errs.n == 0)
		broken("refused", "no error given");
	if (c != NULL && errs.n != 0)
		broken("accepted with an error", errs.v[0]);
	for (i = 0; i < errs.n; i++)
		check_error(errs.v[i], lines);
	if (c != NULL)
		check_conf(c);
	again = config_parse(FUZZ_PATH, (const char *)data, size, &errs2);
	if ((again == NULL) != (c == NULL) || errs2.n != errs.n)
		broken("not deterministic", "a second parse differs");
	for (i = 0; i < errs.n; i++)
		if (strcmp(errs.v[i], errs2.v[i]) != 0)
			broken("not deterministic", errs2.v[i]);
	config_free(again);
	config_free(c);
	strlist_free(&errs2);
	strlist_free(&errs);
	return 0;
}
