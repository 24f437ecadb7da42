/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * storefill.c: a state file with many stored events, written through the
 * daemon's own store, for integration tests that need a big event log
 * (tests/integration/replay_flood.sh, replay_memory.sh).
 *
 * usage: storefill -s STATE -n COUNT [-b BYTES]
 *
 * Stores COUNT items of feed "bulk", each with a summary of BYTES bytes
 * (default 1000), every third a sanctions item (topic "sanctions.impose.EU"),
 * the others "news".  The events count as published, so a daemon started
 * on the file does not send them on its PUB socket.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../daemon/daemon.h"

#define FILL_BATCH	5000

static void
fill(struct store *s, int count, int bytes)
{
	struct feed_meta	 m = { "Bulk", NULL, "http://127.0.0.1/bulk", -1 };
	struct sanctions	 sn;
	struct item		 it;
	char			 id[32], *summary;
	int64_t			 seq = 0;
	int			 i;

	summary = xmalloc(bytes + 1);
	memset(summary, 'x', bytes);
	summary[bytes] = '\0';
	sanctions_init(&sn);
	sn.action = ACTION_IMPOSE;
	strlist_add(&sn.authorities, "EU");
	for (i = 0; i < count; i++) {
		if (i % FILL_BATCH == 0 && store_batch_begin(s) == -1)
			fatalx("storefill: batch");
		item_init(&it);
		snprintf(id, sizeof(id), "bulk-%d", i);
		it.id = xstrdup(id);
		it.title = xstrdup(id);
		it.summary = xstrdup(summary);
		sn.relevant = sn.announcement = i % 3 == 0;
		if (store_item(s, "bulk", &m, &it, &sn, &seq) == -1)
			fatalx("storefill: item %d", i);
		item_free(&it);
		if ((i + 1) % FILL_BATCH == 0 || i + 1 == count)
			if (store_batch_commit(s) == -1)
				fatalx("storefill: commit");
	}
	if (seq > 0 && store_mark_published(s, seq) == -1)
		fatalx("storefill: mark published");
	sanctions_free(&sn);
	free(summary);
}

int
main(int argc, char **argv)
{
	struct store	*s;
	const char	*path = NULL;
	char		*err = NULL;
	int		 ch, count = 0, bytes = 1000;

	log_init(LOG_TO_STDERR, 1);
	while ((ch = getopt(argc, argv, "s:n:b:")) != -1) {
		switch (ch) {
		case 's': path = optarg; break;
		case 'n': count = atoi(optarg); break;
		case 'b': bytes = atoi(optarg); break;
		default:
			path = NULL;
			count = 0;
			break;
		}
	}
	if (path == NULL || count <= 0 || bytes < 0) {
		fprintf(stderr, "usage: storefill -s STATE -n COUNT "
		    "[-b BYTES]\n");
		return 2;
	}
	if ((s = store_open(path, &err)) == NULL)
		fatalx("storefill: %s", err);
	fill(s, count, bytes);
	store_close(s);
	return 0;
}
