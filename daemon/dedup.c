/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * dedup.c: what an item is known by.  Within its feed, its GUID; across
 * feeds, its canonical link with its title, or without a link a hash of its
 * text (the store decides how these combine).  And what its classification
 * says, so that a rewrite that changes it is told from one that does not.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "daemon.h"

/* Tracking parameters name a campaign, not a document. */
static int
tracking_param(const char *p, size_t len)
{
	return len >= 4 && strncasecmp(p, "utm_", 4) == 0;
}

static void
add_query(struct buf *b, const char *q, const char *end)
{
	const char	*p, *amp;
	int		 first = 1;

	for (p = q; p < end; p = amp + 1) {
		amp = memchr(p, '&', end - p);
		if (amp == NULL)
			amp = end;
		if (amp > p && !tracking_param(p, amp - p)) {
			buf_addc(b, first ? '?' : '&');
			buf_add(b, p, amp - p);
			first = 0;
		}
		if (amp == end)
			break;
	}
}

/*
 * The link with its fragment and utm_* parameters removed and its scheme
 * and host in lower case.  NULL when there is no link.
 */
char *
canonical_link(const char *link)
{
	struct buf	 b;
	const char	*p, *host, *q, *end;

	if (link == NULL || *link == '\0')
		return NULL;
	end = strchr(link, '#');
	if (end == NULL)
		end = link + strlen(link);
	buf_init(&b);
	/* Scheme and host are case-insensitive; the path is not. */
	host = strstr(link, "://");
	if (host == NULL || host > end)
		host = link;
	else
		host += 3;
	for (p = host; host != link && p < end && *p != '/' && *p != '?'; p++)
		;
	if (host == link)
		p = link;
	for (q = link; q < p; q++)
		buf_addc(&b, tolower((unsigned char)*q));
	q = memchr(p, '?', end - p);
	if (q == NULL) {
		buf_add(&b, p, end - p);
		return buf_release(&b);
	}
	buf_add(&b, p, q - p);
	add_query(&b, q + 1, end);
	return buf_release(&b);
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	if (s != NULL)
		for (; *s != '\0'; s++) {
			h ^= (unsigned char)*s;
			h *= 0x100000001b3ULL;
		}
	/* A separator, so ("ab", "c") and ("a", "bc") differ. */
	h ^= 0xff;
	h *= 0x100000001b3ULL;
	return h;
}

/* A hash of what the item says, as 16 hex digits. */
void
content_hash(const struct item *it, char *out, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, it->title);
	h = fnv1a(h, it->summary);
	h = fnv1a(h, it->content);
	snprintf(out, len, "%016llx", (unsigned long long)h);
}

static uint64_t
fnv1a_list(uint64_t h, const struct strlist *l)
{
	char	 n[32];
	size_t	 i;

	/* The length first, so that ("a", "b") ("c") and ("a") ("b", "c") differ. */
	snprintf(n, sizeof(n), "%zu", l->n);
	h = fnv1a(h, n);
	for (i = 0; i < l->n; i++)
		h = fnv1a(h, l->v[i]);
	return h;
}

/*
 * A hash of what a subscriber is alerted by: relevance, announcement,
 * action, authorities, targets, and an announcement's evidence; as 16 hex
 * digits.  Not the score, which moves with any word of the text.  NULL
 * sanctions are those of an item about nothing.
 */
void
class_fingerprint(const struct sanctions *sn, char *out, size_t len)
{
	struct sanctions	 none;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	char			 n[32];

	if (sn == NULL) {
		sanctions_init(&none);
		sn = &none;
	}
	h = fnv1a(h, sn->relevant ? "relevant" : "-");
	h = fnv1a(h, sn->announcement ? "announcement" : "-");
	h = fnv1a(h, action_name(sn->action));
	h = fnv1a_list(h, &sn->authorities);
	h = fnv1a_list(h, &sn->countries);
	h = fnv1a_list(h, &sn->named);
	snprintf(n, sizeof(n), "%lld", sn->count);
	h = fnv1a(h, n);
	if (sn->announcement)
		h = fnv1a_list(h, &sn->evidence);
	snprintf(out, len, "%016llx", (unsigned long long)h);
}
