/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_import_opml.c: "sanctionctl import-opml FILE" turns an OPML
 * subscription list into [feed NAME] sections for sanctiond.conf.
 *
 * The file is parsed with the network off and no entity expansion: an OPML
 * file comes from anywhere.  Names are the outline's title (or text) when
 * the config takes it as it is (export-opml's names do), else reduced to
 * what a section name may hold, else (untitled) the URL's host; made
 * unique with "-2", "-3".  A URL the config would refuse is skipped, and
 * so is one already seen (the same after curl's URL API normalized both).
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ctl.h"

#define NAME_MAX_LEN	48	/* and "-N" on a collision: within the 64 */

/* What the walk has seen so far. */
struct import {
	const char	*path;
	struct strlist	 names;
	struct strlist	 urls;		/* normalized, for duplicates */
	struct strindex	 url_idx;	/* normalized URL -> its line */
	int		 skipped;
	int		 dups;
};

/* "U.S. Treasury — OFAC!" becomes "u-s-treasury-ofac"; "" when nothing. */
static char *
slug(const char *title, int keep_dots)
{
	struct buf	 b;
	const char	*s;
	int		 dash = 0;

	buf_init(&b);
	buf_adds(&b, "");
	for (s = title ? title : ""; *s != '\0' && b.len < NAME_MAX_LEN; s++) {
		if (isalnum((unsigned char)*s) || (keep_dots && *s == '.' &&
		    b.len > 0 && !dash)) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = 0;
			buf_addc(&b, tolower((unsigned char)*s));
		} else
			dash = 1;
	}
	while (b.len > 0 && b.d[b.len - 1] == '.')
		b.d[--b.len] = '\0';
	return buf_release(&b);
}

/* What [feed NAME] takes as it is (the names export-opml writes). */
static int
config_name(const char *s)
{
	size_t	 len = s != NULL ? strlen(s) : 0;

	return len > 0 && len <= NAME_MAX_LEN && strspn(s,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	    "._-") == len;
}

/*
 * The feed's name: its title when the config takes it as it is, else the
 * title reduced to what it takes, else (untitled) the URL's host.
 */
static char *
unique_name(struct strlist *names, const char *title, const char *host)
{
	char	*base, *name;
	int	 n;

	if (config_name(title))
		base = xstrdup(title);
	else if (*(base = slug(title, 0)) == '\0') {
		free(base);
		if (*(base = slug(host, 1)) == '\0') {
			free(base);
			base = xstrdup("feed");
		}
	}
	name = xstrdup(base);
	for (n = 2; strlist_has(names, name); n++) {
		free(name);
		xasprintf(&name, "%s-%d", base, n);
	}
	free(base);
	strlist_add(names, name);
	return name;
}

/*
 * The URL as curl's URL API writes it back (scheme and host in lower
 * case, no default port, "/" for an empty path), and its host; -1 when it
 * is not one the config would take.
 */
static int
normalize(const char *in, char **norm, char **hostp)
{
	CURLU	*u;
	char	*url, *user, *pw, *s = NULL, *host = NULL, *p;
	int	 rc = -1;

	*norm = *hostp = NULL;
	if (config_url_split(in, &url, &user, &pw) == -1)
		return -1;
	free(user);
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	if (!config_valid_url(url)) {
		free(url);
		return -1;
	}
	if ((u = curl_url()) == NULL)
		fatalx("curl_url");
	if (curl_url_set(u, CURLUPART_URL, in, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		for (p = host; *p != '\0'; p++)
			*p = tolower((unsigned char)*p);
		if (curl_url_set(u, CURLUPART_HOST, host, 0) == CURLUE_OK &&
		    curl_url_get(u, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT) ==
		    CURLUE_OK) {
			*norm = xstrdup(s);
			*hostp = xstrdup(host);
			rc = 0;
		}
	}
	curl_free(s);
	curl_free(host);
	curl_url_cleanup(u);
	free(url);
	return rc;
}

static char *
prop(xmlNode *n, const char *attr)
{
	xmlChar	*v;
	char	*s;

	if ((v = xmlGetProp(n, (const xmlChar *)attr)) == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* An outline's title, for a terminal: escaped. */
static void
say(struct import *im, xmlNode *n, const char *what, const char *title)
{
	struct buf	 b;

	buf_init(&b);
	log_escape(&b, title);
	fprintf(stderr, "sanctionctl: %s:%ld: skipping \"%s\": %s\n",
	    im->path, xmlGetLineNo(n), b.d, what);
	buf_free(&b);
}

static void
emit(struct import *im, xmlNode *n)
{
	char	*url, *title, *name, *norm, *host, *what;
	size_t	 first;

	if ((url = prop(n, "xmlUrl")) == NULL)
		return;
	if ((title = prop(n, "title")) == NULL || *title == '\0') {
		free(title);
		title = prop(n, "text");
	}
	if (normalize(url, &norm, &host) == -1) {
		/* Not the URL itself: it may hold a password. */
		say(im, n, "not an http or https URL", title ? title :
		    "(untitled)");
		im->skipped++;
	} else if ((first = strindex_get(&im->url_idx, norm)) != (size_t)-1) {
		xasprintf(&what, "the same URL as line %zu", first);
		say(im, n, what, title ? title : host);
		free(what);
		im->dups++;
	} else {
		strlist_add(&im->urls, norm);
		strindex_add(&im->url_idx, im->urls.v[im->urls.n - 1],
		    (size_t)xmlGetLineNo(n));
		name = unique_name(&im->names, title, host);
		printf("\n[feed %s]\nurl = %s\n", name, url);
		free(name);
	}
	free(norm);
	free(host);
	free(title);
	free(url);
}

static void
walk(struct import *im, xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"outline") == 0)
			emit(im, n);
		walk(im, n->children);
	}
}

int
ctl_import_opml(int argc, char **argv)
{
	xmlDoc		*doc;
	xmlNode		*root;
	const xmlError	*err;
	const char	*msg;
	struct import	 im;
	struct stat	 st;
	char		*why;
	int		 fd;

	if (argc != 2) {
		fprintf(stderr, "usage: sanctionctl import-opml FILE\n");
		return 2;
	}
	/* A FIFO by mistake is an error, not a hang. */
	if ((fd = config_open_file(argv[1], &st, &why)) == -1) {
		fprintf(stderr, "sanctionctl: %s\n", why);
		free(why);
		return 1;
	}
	/* No XML_PARSE_NOENT or DTDLOAD: entities stay unexpanded. */
	doc = xmlReadFd(fd, argv[1], NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	close(fd);
	if (doc == NULL) {
		err = xmlGetLastError();
		msg = err && err->message ? err->message : "cannot parse\n";
		fprintf(stderr, "sanctionctl: %s:%d: %.*s\n", argv[1],
		    err ? err->line : 0, (int)strcspn(msg, "\n"), msg);
		return 1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || xmlStrcmp(root->name, (const xmlChar *)"opml")) {
		fprintf(stderr, "sanctionctl: %s: not an OPML document\n",
		    argv[1]);
		xmlFreeDoc(doc);
		return 1;
	}
	memset(&im, 0, sizeof(im));
	im.path = argv[1];
	strindex_init(&im.url_idx);
	printf("; imported from %s by sanctionctl import-opml\n", argv[1]);
	walk(&im, root->children);
	if (im.dups > 0)
		fprintf(stderr, "sanctionctl: %s: %d duplicate URL%s dropped\n",
		    argv[1], im.dups, im.dups == 1 ? "" : "s");
	if (im.names.n == 0)
		fprintf(stderr, "sanctionctl: %s: no feeds in it\n", argv[1]);
	strindex_free(&im.url_idx);
	strlist_free(&im.urls);
	strlist_free(&im.names);
	xmlFreeDoc(doc);
	return 0;
}
