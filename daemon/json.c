/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * json.c: serialize items and their sanctions events as SPEC fixes them.
 * Absent values are omitted, never invented.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon.h"

static void
set_str(json_t *o, const char *key, const char *val)
{
	/* jansson refuses invalid UTF-8: such a value is dropped, not sent. */
	if (val != NULL)
		json_object_set_new(o, key, json_string(val));
}

static void
set_date(json_t *o, const char *key, int64_t t)
{
	char	 s[64];

	if (t == DATE_NONE)
		return;
	date_format(t, s, sizeof(s));
	json_object_set_new(o, key, json_string(s));
}

static json_t *
strlist_json(const struct strlist *l)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

static json_t *
feed_json(const struct feed_meta *m)
{
	json_t	*o;

	o = json_object();
	if (m != NULL) {
		set_str(o, "title", m->title);
		set_str(o, "link", m->link);
		set_str(o, "url", m->url);
	}
	return o;
}

static json_t *
enclosures_json(const struct item *it)
{
	json_t			*a, *e;
	const struct enclosure	*en;
	size_t			 i;

	a = json_array();
	for (i = 0; i < it->nenclosures; i++) {
		en = &it->enclosures[i];
		e = json_object();
		set_str(e, "url", en->url);
		set_str(e, "type", en->type);
		if (en->length >= 0)
			json_object_set_new(e, "length",
			    json_integer(en->length));
		json_array_append_new(a, e);
	}
	return a;
}

/* The page behind the item, when one was fetched. */
static void
article_json(json_t *o, const struct item *it)
{
	json_t	*a;

	if (it->article_status == NULL)
		return;
	a = json_object();
	set_str(a, "url", it->article_url);
	set_str(a, "status", it->article_status);
	set_str(a, "text", it->article_text != NULL ? it->article_text : "");
	json_object_set_new(o, "article", a);
}

static json_t *
entry_json(const struct item *it)
{
	json_t	*o;

	o = json_object();
	set_str(o, "id", it->id);
	set_str(o, "title", it->title);
	set_str(o, "link", it->link);
	set_date(o, "published", it->published);
	set_date(o, "updated", it->updated);
	set_str(o, "author", it->author);
	set_str(o, "summary", it->summary);
	set_str(o, "content", it->content);
	json_object_set_new(o, "categories", strlist_json(&it->categories));
	json_object_set_new(o, "enclosures", enclosures_json(it));
	article_json(o, it);
	return o;
}

static json_t *
sanctions_json(const struct sanctions *s)
{
	json_t	*o, *t;

	o = json_object();
	json_object_set_new(o, "relevant", json_boolean(s->relevant));
	json_object_set_new(o, "announcement", json_boolean(s->announcement));
	json_object_set_new(o, "score", json_real(s->score));
	json_object_set_new(o, "action",
	    json_string(action_name(s->action)));
	json_object_set_new(o, "authorities", strlist_json(&s->authorities));
	t = json_object();
	json_object_set_new(t, "countries", strlist_json(&s->countries));
	json_object_set_new(t, "named", strlist_json(&s->named));
	if (s->count >= 0)
		json_object_set_new(t, "count", json_integer(s->count));
	json_object_set_new(o, "targets", t);
	json_object_set_new(o, "legal_basis", strlist_json(&s->legal_basis));
	json_object_set_new(o, "measures", strlist_json(&s->measures));
	if (s->duration != NULL)
		json_object_set_new(o, "duration", json_string(s->duration));
	json_object_set_new(o, "evidence", strlist_json(&s->evidence));
	return o;
}

json_t *
item_json(const struct feed_meta *m, const struct item *it,
    const struct sanctions *s)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "feed", feed_json(m));
	json_object_set_new(o, "item", it ? entry_json(it) : json_null());
	if (s != NULL)
		json_object_set_new(o, "sanctions", sanctions_json(s));
	return o;
}

char *
json_line(json_t *o)
{
	char	*s;

	/* Scores print as 0.947, not 0.94699999999999995. */
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(6));
	if (s == NULL)
		fatalx("json_dumps failed");
	return s;
}

/* A member's string, "" when it is absent or not a string. */
const char *
json_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* The strings of an array appended to b, joined with sep. */
void
json_join(struct buf *b, json_t *a, const char *sep)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		if (b->len > 0)
			buf_adds(b, sep);
		buf_adds(b, json_string_value(v));
	}
}
