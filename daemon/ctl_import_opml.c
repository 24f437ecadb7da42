/*
 * ctl_import_opml.c: "sanctionctl import-opml FILE" turns an OPML
 * subscription list into [feed NAME] sections for sanctiond.conf.
 *
 * The file is parsed with the network off and no entity expansion: an OPML
 * file comes from anywhere.  Names are made from the outline's title (or
 * text), reduced to what a section name may hold, and made unique.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "daemon.h"

#define NAME_MAX_LEN	48

/* "U.S. Treasury — OFAC!" becomes "u-s-treasury-ofac". */
static char *
slug(const char *title)
{
	struct buf	 b;
	const char	*s;
	int		 dash = 0;

	buf_init(&b);
	for (s = title ? title : ""; *s != '\0' && b.len < NAME_MAX_LEN; s++) {
		if (isalnum((unsigned char)*s)) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = 0;
			buf_addc(&b, tolower((unsigned char)*s));
		} else
			dash = 1;
	}
	if (b.len == 0)
		buf_adds(&b, "feed");
	return buf_release(&b);
}

static char *
unique_name(struct strlist *names, const char *title)
{
	char	*base, *name;
	int	 n;

	base = slug(title);
	name = xstrdup(base);
	for (n = 2; strlist_has(names, name); n++) {
		free(name);
		xasprintf(&name, "%s-%d", base, n);
	}
	free(base);
	strlist_add(names, name);
	return name;
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

static void
emit(const char *path, xmlNode *n, struct strlist *names, int *skipped)
{
	char	*url, *title, *name;

	if ((url = prop(n, "xmlUrl")) == NULL)
		return;
	if ((title = prop(n, "title")) == NULL)
		title = prop(n, "text");
	if (!config_valid_url(url)) {
		fprintf(stderr, "sanctionctl: %s:%ld: skipping \"%s\": not an "
		    "http or https URL\n", path, xmlGetLineNo(n),
		    title ? title : url);
		(*skipped)++;
	} else {
		name = unique_name(names, title);
		printf("\n[feed %s]\nurl = %s\n", name, url);
		free(name);
	}
	free(title);
	free(url);
}

static void
walk(const char *path, xmlNode *n, struct strlist *names, int *skipped)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, (const xmlChar *)"outline") == 0)
			emit(path, n, names, skipped);
		walk(path, n->children, names, skipped);
	}
}

int
ctl_import_opml(int argc, char **argv)
{
	xmlDoc		*doc;
	xmlNode		*root;
	const xmlError	*err;
	const char	*msg;
	struct strlist	 names;
	struct stat	 st;
	char		*why;
	int		 skipped = 0, fd;

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
	strlist_init(&names);
	printf("; imported from %s by sanctionctl import-opml\n", argv[1]);
	walk(argv[1], root->children, &names, &skipped);
	if (names.n == 0)
		fprintf(stderr, "sanctionctl: %s: no feeds in it\n", argv[1]);
	strlist_free(&names);
	xmlFreeDoc(doc);
	return 0;
}
