/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * event.c: what goes on the wire.  An event is the SPEC's item object (or a
 * feed's health change) plus the envelope every subscriber relies on: "v",
 * "seq", "publisher", "type" and "ts".  Its topic decides who receives it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon.h"

/*
 * "sanctions.<action>.<FIRST AUTHORITY>" for an announcement, so that a
 * subscription to "sanctions." is the alerts alone; "background.<action>.
 * <FIRST AUTHORITY>" for the rest of the sanctions coverage; "news" for
 * everything else.  Dots and blanks in an authority would break prefix
 * matching, so they become '_'.
 */
char *
event_topic(const struct sanctions *s)
{
	struct buf	 b;
	const char	*a, *p;

	if (s == NULL || !s->relevant)
		return xstrdup("news");
	buf_init(&b);
	buf_printf(&b, "%s.%s.", s->announcement ? "sanctions" : "background",
	    action_name(s->action));
	a = s->authorities.n > 0 ? s->authorities.v[0] : "";
	if (*a == '\0')
		a = "XX";
	for (p = a; *p != '\0'; p++)
		buf_addc(&b, *p == '.' || *p == ' ' ? '_' : *p);
	return buf_release(&b);
}

/* Now, as RFC 3339 in UTC. */
void
event_now(char *out, size_t len)
{
	date_format((int64_t)time(NULL), out, len);
}

static json_t *
envelope(const char *publisher, int64_t seq, const char *type)
{
	json_t	*o;
	char	 ts[64];

	event_now(ts, sizeof(ts));
	o = json_object();
	json_object_set_new(o, "v", json_integer(1));
	json_object_set_new(o, "seq", json_integer(seq));
	json_object_set_new(o, "publisher", json_string(publisher));
	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "ts", json_string(ts));
	return o;
}

/*
 * An item event; "feeds" names the feed that published it.  A later
 * sighting in another feed is the store's to record: a published event is
 * never rewritten.  A revision (2, 3, ...) of an item its feed rewrote says
 * so in the item object, beside the id it shares with the first.
 */
json_t *
event_item_json(const char *publisher, int64_t seq, const char *feed,
    const struct feed_meta *m, const struct item *it,
    const struct sanctions *s, int64_t revision)
{
	json_t	*o, *body, *feeds, *item;

	o = envelope(publisher, seq, "item");
	body = item_json(m, it, s);
	if (revision > 1 && (item = json_object_get(body, "item")) != NULL &&
	    json_is_object(item))
		json_object_set_new(item, "revision", json_integer(revision));
	json_object_update(o, body);
	json_decref(body);
	feeds = json_array();
	if (feed != NULL)
		json_array_append_new(feeds, json_string(feed));
	json_object_set_new(o, "feeds", feeds);
	return o;
}

/*
 * The same event's text, written directly (json.c's jw_*): the bytes
 * json_line(event_item_json(...)) gives, without the tree.  The store
 * keeps these bytes and the publisher sends them as they are.
 */
char *
event_item_text(const char *publisher, int64_t seq, const char *feed,
    const struct feed_meta *m, const struct item *it,
    const struct sanctions *s, int64_t revision)
{
	struct buf	 b;
	char		 ts[64];

	event_now(ts, sizeof(ts));
	buf_init(&b);
	buf_addc(&b, '{');
	jw_int(&b, "v", 1);
	jw_int(&b, "seq", seq);
	jw_str(&b, "publisher", publisher);
	jw_str(&b, "type", "item");
	jw_str(&b, "ts", ts);
	jw_item(&b, m, it, s, revision);
	jw_key(&b, "feeds");
	buf_addc(&b, '[');
	if (feed != NULL && jw_valid(feed))
		jw_str_value(&b, feed);
	buf_adds(&b, "]}");
	return buf_release(&b);
}

/* A feed's health changed. */
json_t *
event_feed_json(const char *publisher, int64_t seq, const char *feed,
    const char *url, const char *state, const char *message)
{
	json_t	*o, *f;

	o = envelope(publisher, seq, "feed");
	f = json_object();
	json_object_set_new(f, "name", json_string(feed));
	if (url != NULL)
		json_object_set_new(f, "url", json_string(url));
	json_object_set_new(o, "feed", f);
	json_object_set_new(o, "state", json_string(state));
	if (message != NULL)
		json_object_set_new(o, "message", json_string(message));
	return o;
}
