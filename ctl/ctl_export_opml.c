/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_export_opml.c: "sanctionctl export-opml [-c FILE]" writes the feeds
 * of a configuration as an OPML 2.0 subscription list on standard output.
 * libxml2's writer does the escaping.  The name of each feed is its title,
 * so that import-opml gives the same sections back; the URLs are those of
 * the config without userinfo (credentials never leave the config).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "ctl.h"

static int
usage(void)
{
	fprintf(stderr, "usage: sanctionctl export-opml [-c FILE]\n");
	return 2;
}

static int
write_opml(xmlTextWriterPtr w, const struct daemon_conf *c)
{
	const struct feed_conf	*f;
	char			 date[64];
	time_t			 now = time(NULL);
	size_t			 i;
	int			 rc = 0;

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT",
	    gmtime(&now));
	rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "opml") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "version",
	    BAD_CAST "2.0") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "head") < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "title",
	    BAD_CAST "sanctiond feeds") < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "dateCreated",
	    BAD_CAST date) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "body") < 0;
	for (i = 0; i < c->nfeeds && rc == 0; i++) {
		f = &c->feeds[i];
		rc |= xmlTextWriterStartElement(w, BAD_CAST "outline") < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type",
		    BAD_CAST "rss") < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "text",
		    BAD_CAST f->name) < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "title",
		    BAD_CAST f->name) < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlUrl",
		    BAD_CAST f->url) < 0;
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	rc |= xmlTextWriterEndDocument(w) < 0;	/* closes body and opml */
	return rc ? -1 : 0;
}

int
ctl_export_opml(int argc, char **argv)
{
	struct daemon_conf	*c;
	struct strlist		 errs;
	xmlBufferPtr		 b;
	xmlTextWriterPtr	 w;
	const char		*path = CONF_DEFAULT_PATH;
	size_t			 i;
	int			 rc = 0;

	if (argc == 3 && strcmp(argv[1], "-c") == 0)
		path = argv[2];
	else if (argc != 1)
		return usage();
	strlist_init(&errs);
	if ((c = config_load(path, &errs)) == NULL) {
		for (i = 0; i < errs.n; i++)
			fprintf(stderr, "sanctionctl: %s\n", errs.v[i]);
		strlist_free(&errs);
		return 1;
	}
	strlist_free(&errs);
	if ((b = xmlBufferCreate()) == NULL ||
	    (w = xmlNewTextWriterMemory(b, 0)) == NULL)
		fatalx("xmlNewTextWriterMemory");
	xmlTextWriterSetIndent(w, 1);
	if (write_opml(w, c) == -1) {
		fprintf(stderr, "sanctionctl: export-opml: cannot write the "
		    "document\n");
		rc = 1;
	}
	xmlFreeTextWriter(w);
	if (rc == 0 && (fwrite(xmlBufferContent(b), 1, xmlBufferLength(b),
	    stdout) != (size_t)xmlBufferLength(b) || fflush(stdout) != 0)) {
		fprintf(stderr, "sanctionctl: export-opml: standard output: "
		    "write error\n");
		rc = 1;
	}
	xmlBufferFree(b);
	config_free(c);
	return rc;
}
