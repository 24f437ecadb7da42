/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_article.c: sanctionctl article [--url URL] [FILE ...]
 *
 * The daemon's article extractor on saved pages: one JSON object per page,
 * {"url", "title", "text", "published", "author"}, null where the page says
 * nothing.  A page with no article still prints its object, with "text"
 * "", and is named on stderr; so is a page that cannot be read or parsed,
 * which makes the exit status 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

/* The extractor's own cap, plus one byte to tell "over it". */
#define PAGE_MAX	(8 * 1024 * 1024 + 1)

static json_t *
str_or_null(const char *s)
{
	json_t	*v;

	if (s == NULL || (v = json_string(s)) == NULL)
		return json_null();
	return v;
}

static void
print_article(const struct article *a)
{
	json_t	*o;
	char	*line;

	o = json_object();
	json_object_set_new(o, "url", str_or_null(a->url));
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "text", json_string(a->text));
	json_object_set_new(o, "published", str_or_null(a->published));
	json_object_set_new(o, "author", str_or_null(a->author));
	line = json_line(o);
	puts(line);
	free(line);
	json_decref(o);
}

/* The whole page, up to one byte over the cap; -1 on a read error. */
static int
read_page(int fd, struct buf *b)
{
	char	 chunk[65536];
	ssize_t	 n;

	while (b->len < PAGE_MAX) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		buf_add(b, chunk, (size_t)n);
	}
	return 0;
}

static int
article_path(const char *path, const char *url)
{
	struct article	 a;
	struct buf	 b;
	int		 fd, rv;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		fprintf(stderr, "sanctionctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	if (read_page(fd, &b) == -1) {
		fprintf(stderr, "sanctionctl: %s: %s\n", path, strerror(errno));
		if (fd != STDIN_FILENO)
			close(fd);
		buf_free(&b);
		return -1;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	rv = article_extract(b.d, b.len, url, &a);
	print_article(&a);
	if (rv == 1)
		fprintf(stderr, "sanctionctl: %s: not an article\n", path);
	else if (rv == -1)
		fprintf(stderr, "sanctionctl: %s: not parseable as HTML or "
		    "over the caps (8 MiB)\n", path);
	article_clear(&a);
	buf_free(&b);
	return rv == -1 ? -1 : 0;
}

int
ctl_article(int argc, char **argv)
{
	const char	*url = NULL;
	int		 i, status = 0, nfiles = 0, dashdash = 0;

	parsers_init();
	for (i = 1; i < argc && !dashdash; i++) {
		if (strcmp(argv[i], "--") == 0)
			dashdash = 1;
		else if (strcmp(argv[i], "--url") == 0) {
			if (++i == argc) {
				fprintf(stderr, "sanctionctl: article: --url "
				    "needs a URL\n");
				return 2;
			}
			url = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "sanctionctl: article: unknown option "
			    "%s\n", argv[i]);
			return 2;
		}
	}
	for (i = 1, dashdash = 0; i < argc; i++) {
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && strcmp(argv[i], "--url") == 0) {
			i++;
			continue;
		}
		nfiles++;
		if (article_path(argv[i], url) == -1)
			status = 1;
	}
	if (nfiles == 0 && article_path("-", url) == -1)
		status = 1;
	fflush(stdout);
	return status;
}
