/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * relay_template.c: the bodies "sanctionctl relay --template NAME" posts
 * instead of the event's JSON: "slack" (an incoming webhook's {"text"}),
 * "teams" (a Teams workflow's message with one adaptive card) and "ntfy"
 * (plain text, with the headline in a Title header).  Every string in
 * them comes from a feed, so JSON is built by jansson, Slack's three
 * markup characters are escaped, and a header value loses its control
 * characters and is RFC 2047-encoded when it is not ASCII.
 */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "ctl.h"

#define TMPL_TITLE_MAX	200	/* bytes of a headline in a header */

/* "Sanctions alert (impose, US): TITLE" and the like. */
static void
headline(struct buf *b, json_t *ev)
{
	json_t		*sn = json_object_get(ev, "sanctions");
	struct buf	 who;

	if (strcmp(json_str(ev, "type"), "feed") == 0) {
		buf_printf(b, "Feed %s: %s", json_str(json_object_get(ev, "feed"),
		    "name"), json_str(ev, "state"));
		return;
	}
	if (!json_is_true(json_object_get(sn, "relevant"))) {
		buf_printf(b, "News: %s", json_str(json_object_get(ev, "item"),
		    "title"));
		return;
	}
	buf_init(&who);
	json_join(&who, json_object_get(sn, "authorities"), ", ");
	buf_printf(b, "%s (%s, %s): %s",
	    json_is_true(json_object_get(sn, "announcement")) ?
	    "Sanctions alert" : "Sanctions background", json_str(sn, "action"),
	    who.len > 0 ? who.d : "?", json_str(json_object_get(ev, "item"),
	    "title"));
	buf_free(&who);
}

/* Targets, the link and the seq, one per line (nl: the line break). */
static void
details(struct buf *b, json_t *ev, const char *nl)
{
	json_t		*t = json_object_get(json_object_get(ev, "sanctions"),
			    "targets");
	struct buf	 who;

	buf_init(&who);
	json_join(&who, json_object_get(t, "countries"), ", ");
	json_join(&who, json_object_get(t, "named"), ", ");
	if (who.len > 0)
		buf_printf(b, "Targets: %s%s", who.d, nl);
	buf_free(&who);
	if (strcmp(json_str(ev, "type"), "feed") == 0 && *json_str(ev, "message"))
		buf_printf(b, "%s%s", json_str(ev, "message"), nl);
	if (*json_str(json_object_get(ev, "item"), "link") != '\0')
		buf_printf(b, "%s%s", json_str(json_object_get(ev, "item"),
		    "link"), nl);
	buf_printf(b, "seq %lld",
	    (long long)json_integer_value(json_object_get(ev, "seq")));
}

/* Slack reads &, < and > as markup (api.slack.com, "formatting"). */
static void
slack_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else
			buf_addc(b, *s);
	}
}

static json_t *
slack(json_t *ev, const char *head, const char *body)
{
	struct buf	 t;
	json_t		*o;

	(void)ev;
	buf_init(&t);
	buf_adds(&t, "*");
	slack_escape(&t, head);
	buf_adds(&t, "*\n");
	slack_escape(&t, body);
	o = json_pack("{s:s}", "text", t.d);
	buf_free(&t);
	return o;
}

static json_t *
teams(json_t *ev, const char *head, const char *body)
{
	const char	*link = json_str(json_object_get(ev, "item"), "link");
	json_t		*card, *actions;

	card = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:b},"
	    " {s:s, s:s, s:b}]}",
	    "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
	    "type", "AdaptiveCard", "version", "1.4", "body",
	    "type", "TextBlock", "text", head, "weight", "Bolder",
	    "size", "Medium", "wrap", 1,
	    "type", "TextBlock", "text", body, "wrap", 1);
	if (*link != '\0') {
		actions = json_pack("[{s:s, s:s, s:s}]", "type",
		    "Action.OpenUrl", "title", "Open", "url", link);
		json_object_set_new(card, "actions", actions);
	}
	return json_pack("{s:s, s:[{s:s, s:n, s:o}]}", "type", "message",
	    "attachments", "contentType",
	    "application/vnd.microsoft.card.adaptive", "contentUrl",
	    "content", card);
}

/*
 * A header value from feed text: control characters (CR, LF above all)
 * become blanks; UTF-8 is sent as an RFC 2047 encoded word, which ntfy
 * decodes.
 */
static void
header_value(struct buf *b, const char *name, const char *v)
{
	struct buf	 clean;
	unsigned char	*enc;
	size_t		 i, n;
	int		 ascii = 1;

	buf_init(&clean);
	n = strlen(v) > TMPL_TITLE_MAX ? TMPL_TITLE_MAX : strlen(v);
	for (i = 0; i < n; i++) {
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			buf_addc(&clean, ' ');
		else
			buf_addc(&clean, v[i]);
		if ((unsigned char)v[i] >= 0x80)
			ascii = 0;
	}
	buf_adds(&clean, "");
	if (ascii) {
		buf_printf(b, "%s: %s", name, clean.d);
	} else {
		enc = xmalloc(4 * ((clean.len + 2) / 3) + 1);
		EVP_EncodeBlock(enc, (unsigned char *)clean.d, clean.len);
		buf_printf(b, "%s: =?UTF-8?B?%s?=", name, enc);
		free(enc);
	}
	buf_free(&clean);
}

static struct curl_slist *
add_header(struct curl_slist *h, const char *name, const char *v)
{
	struct buf	 b;

	buf_init(&b);
	header_value(&b, name, v);
	h = curl_slist_append(h, b.d);
	buf_free(&b);
	return h;
}

/* 1 when name is a template; the names are for the usage line. */
int
relay_template_known(const char *name)
{
	return strcmp(name, "slack") == 0 || strcmp(name, "teams") == 0 ||
	    strcmp(name, "ntfy") == 0;
}

/*
 * The body for one event under template name, and its headers (with its
 * Content-Type) appended to *h.  -1 when the event is not JSON.
 */
int
relay_template(const char *name, const char *json, struct buf *out,
    struct curl_slist **h)
{
	json_t		*ev, *o = NULL;
	struct buf	 head, body;
	const char	*link;
	char		*s;

	if ((ev = json_loads(json, 0, NULL)) == NULL)
		return -1;
	buf_init(&head);
	buf_init(&body);
	buf_adds(&head, "");
	headline(&head, ev);
	/* A card's TextBlock is Markdown: a line break is a blank line. */
	details(&body, ev, strcmp(name, "teams") == 0 ? "\n\n" : "\n");
	if (strcmp(name, "ntfy") == 0) {
		buf_add(out, body.d, body.len);
		*h = curl_slist_append(*h,
		    "Content-Type: text/plain; charset=utf-8");
		*h = add_header(*h, "Title", head.d);
		link = json_str(json_object_get(ev, "item"), "link");
		if (*link != '\0')
			*h = add_header(*h, "Click", link);
		if (json_is_true(json_object_get(json_object_get(ev,
		    "sanctions"), "announcement")))
			*h = curl_slist_append(*h, "Tags: rotating_light");
	} else {
		o = strcmp(name, "slack") == 0 ? slack(ev, head.d, body.d) :
		    teams(ev, head.d, body.d);
		s = json_dumps(o, JSON_COMPACT);
		buf_adds(out, s);
		free(s);
		json_decref(o);
		*h = curl_slist_append(*h, "Content-Type: application/json");
	}
	buf_free(&head);
	buf_free(&body);
	json_decref(ev);
	return 0;
}
