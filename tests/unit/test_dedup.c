/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_dedup.c: the canonical link an item is known by across feeds (curl's
 * reading of the URL: host in lower case, default port dropped, userinfo
 * as given, no fragment, no utm_*), that it is its own canonical form, and
 * that a store whose link keys were made the old way is upgraded so that
 * nothing it had seen is new.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../../daemon/daemon.h"
#include "../test.h"
#include "../sqlq.h"

static const struct {
	const char	*link, *canon, *what;
} forms[] = {
	{ "HTTPS://Example.ORG/A/b?utm_source=rss&id=3&UTM_medium=x#frag",
	  "https://example.org/A/b?id=3",
	  "scheme and host lowered, path kept, utm_* and fragment gone" },
	{ "https://example.org/x?utm_campaign=1", "https://example.org/x",
	  "a query of utm_* only: no query" },
	{ "http://example.com/a?", "http://example.com/a", "an empty query" },
	{ "http://example.com/a?&&x=1&&utm_x=2&y", "http://example.com/a?x=1&y",
	  "empty parameters dropped, order kept" },
	{ "http://Example.com:80/a", "http://example.com/a",
	  "http's default port dropped" },
	{ "https://example.com:443/a", "https://example.com/a",
	  "https's default port dropped" },
	{ "ftp://Example.com:21/x", "ftp://example.com/x",
	  "ftp's default port dropped" },
	{ "http://example.com:8080/a", "http://example.com:8080/a",
	  "another port kept" },
	{ "https://example.com:80/a", "https://example.com:80/a",
	  "port 80 is not https's default" },
	{ "http://User:PassWord@Example.COM/P", "http://User:PassWord@example.com/P",
	  "userinfo untouched" },
	{ "http://example.com", "http://example.com/", "an empty path is /" },
	{ "http://example.com?x=1", "http://example.com/?x=1",
	  "an empty path before a query is /" },
	{ "http://example.com/a/../b/./c", "http://example.com/b/c",
	  "dot segments resolved" },
	{ "http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x",
	  "IPv6 host lowered, default port dropped" },
	{ "http://example.com/%7Efoo", "http://example.com/%7Efoo",
	  "percent-encoding as given" },
	{ "http://example.com/a#frag?x=1", "http://example.com/a",
	  "a ? after # is the fragment's" },
	{ "http://example.com/a b?c=d e", "http://example.com/a b?c=d e",
	  "spaces kept (curl reads them)" },
	{ "tag:Example.com,2020:Post?utm_a=1&b=2#x", "tag:Example.com,2020:Post?b=2",
	  "not a URL curl reads: only fragment and utm_* go" },
	{ "/relative/Path?utm_a=1#f", "/relative/Path",
	  "a path: only fragment and utm_* go" },
	{ "http://", "http://", "no host: as given" },
};

static void
test_forms(void)
{
	size_t	 i;
	char	*c, *cc;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		c = canonical_link(forms[i].link);
		t_streq(c, forms[i].canon, forms[i].what);
		cc = canonical_link(c);
		t_streq(cc, c, "  ... and that is its own canonical form");
		free(cc);
		free(c);
	}
	t_ok(canonical_link(NULL) == NULL && canonical_link("") == NULL,
	    "no link: none");
}

static char	 dir[] = "/tmp/test_dedup.XXXXXX";

static int
put(struct store *s, const char *feed, const char *id, const char *link)
{
	struct feed_meta	 m = { "Feed", "https://example.org/", "u", -1 };
	struct item		 it;
	int64_t			 seq;
	int			 r;

	item_init(&it);
	it.id = xstrdup(id);
	it.title = xstrdup("Assets frozen");
	it.link = xstrdup(link);
	r = store_item(s, feed, &m, &it, NULL, &seq);
	item_free(&it);
	return r;
}

/*
 * Version 3 lowered userinfo and kept default ports, empty paths and dot
 * segments: a key made so is rewritten, and the story it names, reached by
 * another feed under today's spelling, is not new.
 */
static void
test_migration(void)
{
	struct store	*s;
	char		*err = NULL;

	snprintf(path, sizeof(path), "%s/state.db", dir);
	if ((s = store_open(path, &err)) == NULL) {
		t_ok(0, "store opened: %s", err);
		free(err);
		return;
	}
	t_inteq(put(s, "fa", "1", "http://example.com:80/a/../b"), 1,
	    "an item stored");
	t_inteq(put(s, "fa", "2", "https://Example.com"), 1,
	    "another item stored");
	store_close(s);
	/* Its link keys the way version 3 made them. */
	sql("UPDATE item_keys SET key = 'l:http://example.com:80/a/../b'"
	    " || substr(key, -17) WHERE key LIKE 'l:http://example.com/b %';"
	    "UPDATE item_keys SET key = 'l:https://example.com'"
	    " || substr(key, -17) WHERE key LIKE 'l:https://example.com/ %';"
	    "INSERT INTO item_keys VALUES ('l:odd', 1);"
	    /* and without what versions 5 (articles) and 6 (retention) add */
	    "DROP TABLE articles; DROP INDEX items_last_seen;"
	    "DROP INDEX item_keys_item; DROP TABLE parses; DROP TABLE seq_marks;"
	    "ALTER TABLE items DROP COLUMN last_seen;"
	    "ALTER TABLE sightings DROP COLUMN last_seen;"
	    "PRAGMA user_version = 3;");
	t_inteq(count("SELECT count(*) FROM item_keys WHERE key LIKE"
	    " 'l:http://example.com:80/a/../b %' OR key LIKE"
	    " 'l:https://example.com %'"), 2, "version 3 keys in place");
	if ((s = store_open(path, &err)) == NULL) {
		t_ok(0, "version 3 store opened: %s", err);
		free(err);
		return;
	}
	t_inteq(count("PRAGMA user_version"), 6, "upgraded to version 6");
	t_inteq(count("SELECT count(*) FROM item_keys WHERE key LIKE 'l:%'"),
	    3, "as many link keys as before");
	t_inteq(count("SELECT count(*) FROM item_keys WHERE key = 'l:odd'"),
	    1, "a key not of the form LINK HASH left as it is");
	t_inteq(count("SELECT count(*) FROM item_keys WHERE key LIKE"
	    " 'l:http://example.com/b %' OR key LIKE"
	    " 'l:https://example.com/ %'"), 2, "both in today's form");
	t_inteq(put(s, "fb", "x", "http://example.com/b"), 0,
	    "upgraded: the story under today's link, from another feed, "
	    "is not new");
	t_inteq(put(s, "fb", "y", "https://example.com/#top"), 0,
	    "upgraded: nor the other");
	t_inteq(put(s, "fb", "z", "http://example.com/c"), 1,
	    "upgraded: another link is another story");
	store_close(s);
}

int
main(void)
{
	char	 rm[300];

	log_init(LOG_TO_STDERR, 7 /* LOG_DEBUG */);
	test_forms();
	if (mkdtemp(dir) == NULL)
		return 1;
	test_migration();
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	if (system(rm) != 0)
		return 1;
	return t_done();
}
