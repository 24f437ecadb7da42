/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * page.c: one-shot fetches of a page (an item's article).  A page is a
 * fetch_feed that is never scheduled: it joins its host's queue at once,
 * so it waits for the same tokens and connection slots as the feeds of
 * that host, goes through the same transfer (guard, caps, proxy), and
 * ends here instead of in the scheduler.
 */
#include <stdlib.h>
#include <string.h>

#include "fetchers.h"
#include "internal.h"

/*
 * The feed's way to the network (proxy, user agent, HTTP version), none
 * of its secrets: no credentials and no headers, which may be tokens for
 * the feed's server alone.
 */
struct fetch_page *
engine_fetch_page(struct fetch_engine *eng, const struct feed_conf *fc,
    const char *url, page_done_cb cb, void *arg)
{
	struct fetch_feed	*f;
	struct feed_conf	 c;
	char			*host, *u;

	memset(&c, 0, sizeof(c));
	c.name = fc->name;
	c.url = u = xstrdup(url);	/* feed_set_conf copies it */
	c.proxy = fc->proxy;
	c.user_agent = fc->user_agent;
	c.http1 = fc->http1;
	f = xcalloc(1, sizeof(*f));
	f->eng = eng;
	f->heap_idx = SIZE_MAX;
	f->page_cb = cb;
	f->page_arg = arg;
	feed_set_conf(f, &c);
	free(u);
	f->st.url = xstrdup(url);
	f->st.health = FEED_NEW;
	host = host_of_url(url);
	f->host = host_get(eng, host);
	free(host);
	TAILQ_INSERT_TAIL(&eng->pages, f, entry);
	host_enqueue(f->host, f);
	host_dispatch(f->host);
	return (struct fetch_page *)f;
}

static void
page_free(struct fetch_engine *eng, struct fetch_feed *f)
{
	TAILQ_REMOVE(&eng->pages, f, entry);
	feed_state_free(&f->st);
	feed_conf_free(&f->conf);
	free(f);
}

/* Before its end, queued or running: nothing is reported. */
void
engine_cancel_page(struct fetch_engine *eng, struct fetch_page *p)
{
	struct fetch_feed	*f = (struct fetch_feed *)p;
	struct host		*h = f->host;

	feed_cancel(eng, f);
	host_dequeue(h, f);
	page_free(eng, f);
	if (!eng->stopped)
		host_dispatch(h);
}

/* The transfer is done: report, and let the host start its next one. */
void
page_finish(struct fetch_engine *eng, struct transfer *x, CURLcode rc)
{
	struct fetch_feed	*f = x->feed;
	struct host		*h = f->host;
	struct fetch_report	 r;
	struct page_report	 pr;
	char			*eff = NULL;

	transfer_finish(x, rc, &r);
	memset(&pr, 0, sizeof(pr));
	pr.status = r.status;
	pr.http_code = r.http_code;
	pr.seconds = r.seconds;
	memcpy(pr.message, r.message, sizeof(pr.message));
	pr.body = x->body.d != NULL ? x->body.d : "";
	pr.len = x->body.len;
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff) !=
	    CURLE_OK || eff == NULL)
		eff = f->st.url;
	pr.url = eff;
	f->xfer = NULL;
	eng->running--;
	h->active--;
	f->page_cb(&pr, f->page_arg);
	transfer_free(x);
	page_free(eng, f);
	if (!eng->stopped)
		host_dispatch(h);
}

void
page_free_all(struct fetch_engine *eng)
{
	struct fetch_feed	*f;

	while ((f = TAILQ_FIRST(&eng->pages)) != NULL)
		engine_cancel_page(eng, (struct fetch_page *)f);
}
