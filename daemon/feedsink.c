/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * feedsink.c: where fetched bytes meet the parser and the classifier.
 *
 * Bytes go into the push parser a step at a time once the transfer is
 * done (the engine's drain, fetchers/engine.c).  Each completed item is
 * classified at once and kept; when the document ends the items are handed
 * to the owner in document order, between the batch hooks.  Keeping them
 * until the end costs at most the parser's item and field caps, and lets
 * the daemon write one fetch as one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

struct feedsink {
	const struct classifier	*cls;
	classifier_loader	 load;		/* when cls is NULL */
	void			*load_arg;
	sink_item_cb		 item_cb;
	sink_begin_cb		 begin_cb;
	sink_end_cb		 end_cb;
	void			*arg;
};

struct kept_item {
	struct item		 item;
	struct sanctions	 sanctions;
};

/* One transfer's parse. */
struct sink_ctx {
	struct feedsink		*fs;
	struct fetch_feed	*feed;
	struct feed_parser	*parser;
	struct kept_item	*items;
	size_t			 nitems;
	size_t			 cap;
};

static void
keep_item(const struct feed_meta *meta, const struct item *it, void *arg)
{
	struct sink_ctx		*ctx = arg;
	struct kept_item	*k;

	(void)meta;
	if (ctx->nitems == ctx->cap) {
		ctx->cap = ctx->cap ? ctx->cap * 2 : 16;
		ctx->items = xreallocarray(ctx->items, ctx->cap,
		    sizeof(*ctx->items));
	}
	k = &ctx->items[ctx->nitems++];
	item_copy(&k->item, it);
	sanctions_init(&k->sanctions);
	/* Loading the classifier is costly; a cycle of 304s never needs it. */
	if (ctx->fs->cls == NULL)
		ctx->fs->cls = ctx->fs->load(ctx->fs->load_arg);
	classify(ctx->fs->cls, &k->item, &k->sanctions);
}

static void *
sink_begin(struct fetch_feed *feed, const char *charset, void *arg)
{
	struct sink_ctx	*ctx;

	ctx = xcalloc(1, sizeof(*ctx));
	ctx->fs = arg;
	ctx->feed = feed;
	ctx->parser = feed_parser_new(feed_state(feed)->url, charset,
	    keep_item, ctx);
	return ctx;
}

static int
sink_data(void *arg, const char *buf, size_t len)
{
	struct sink_ctx	*ctx = arg;

	feed_parse_chunk(ctx->parser, buf, len);
	return 0;
}

/* Hand the kept items over; returns how many were new, or -1. */
static long
deliver(struct sink_ctx *ctx, const struct feed_meta *meta)
{
	struct feedsink	*fs = ctx->fs;
	size_t		 i;
	long		 fresh = 0;
	int		 ok = 1, rv;

	if (fs->item_cb == NULL)
		return 0;
	if (fs->begin_cb != NULL && fs->begin_cb(ctx->feed, fs->arg) == -1)
		return -1;
	for (i = 0; i < ctx->nitems && ok; i++) {
		rv = fs->item_cb(ctx->feed, meta, &ctx->items[i].item,
		    &ctx->items[i].sanctions, fs->arg);
		if (rv == -1)
			ok = 0;
		else
			fresh += rv;
	}
	if (ctx->nitems == 0)
		fs->item_cb(ctx->feed, meta, NULL, NULL, fs->arg);
	if (fs->end_cb != NULL && fs->end_cb(ctx->feed, ok, fs->arg) == -1)
		return -1;
	return ok ? fresh : -1;
}

static void
sink_end(void *arg, int complete, struct sink_result *res)
{
	struct sink_ctx		*ctx = arg;
	const struct feed_meta	*meta;
	const char		*err;
	long			 fresh;
	size_t			 i;

	feed_parse_end(ctx->parser);
	meta = feed_parser_meta(ctx->parser);
	memset(res, 0, sizeof(*res));
	res->is_feed = feed_parser_is_feed(ctx->parser);
	res->items = ctx->nitems;
	res->ttl = meta->ttl;
	if ((err = feed_parser_error(ctx->parser)) != NULL) {
		res->parse_error = 1;
		res->recovered = feed_parser_recovered(ctx->parser);
		/* The count and first lines, so the log says how broken. */
		feed_parser_summary(ctx->parser, res->error,
		    sizeof(res->error));
	}
	/* A cut-off transfer still yields the items read before the cut. */
	(void)complete;
	if (res->is_feed) {
		fresh = deliver(ctx, meta);
		res->new_items = fresh > 0 ? fresh : 0;
		/*
		 * Items the store refused (disk full) must come again; the
		 * engine keeps the old validators and blames nobody.
		 */
		if (fresh == -1) {
			res->not_kept = 1;
			snprintf(res->error, sizeof(res->error),
			    "not stored here; fetched again next poll");
		}
	}
	for (i = 0; i < ctx->nitems; i++) {
		item_free(&ctx->items[i].item);
		sanctions_free(&ctx->items[i].sanctions);
	}
	free(ctx->items);
	feed_parser_free(ctx->parser);
	free(ctx);
}

void
feedsink_init(struct fetch_sink *sink, const struct classifier *cls,
    sink_item_cb cb, void *arg)
{
	struct feedsink	*fs;

	fs = xcalloc(1, sizeof(*fs));
	fs->cls = cls;
	fs->item_cb = cb;
	fs->arg = arg;
	sink->begin = sink_begin;
	sink->data = sink_data;
	sink->end = sink_end;
	sink->arg = fs;
}

void
feedsink_set_batch(struct fetch_sink *sink, sink_begin_cb begin,
    sink_end_cb end)
{
	struct feedsink	*fs = sink->arg;

	fs->begin_cb = begin;
	fs->end_cb = end;
}

/* With a NULL classifier at init: load it on the first item. */
void
feedsink_set_loader(struct fetch_sink *sink, classifier_loader load,
    void *arg)
{
	struct feedsink	*fs = sink->arg;

	fs->load = load;
	fs->load_arg = arg;
}

void
feedsink_free(struct fetch_sink *sink)
{
	free(sink->arg);
	sink->arg = NULL;
}
