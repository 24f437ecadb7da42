/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_parse.c: sanctionctl parse [--sanctions-only] [--url URL] [FILE ...]
 *
 * Parse feed documents, classify every item and print the SPEC's JSON Lines.
 * A file that cannot be read or parsed is named on stderr; the others are
 * still processed, and the exit status is 1.  A feed read in spite of
 * recoverable errors (a bare '&', the item cap) is a warning on stderr: its
 * items are printed and the status stays 0.  --url reads the documents as
 * if fetched from URL: it is their feed.url and the base of relative links,
 * as the daemon does with the address it fetched.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"

struct parse_ctx {
	const struct classifier	*cls;
	const char		*url;		/* --url, or NULL */
	int			 sanctions_only;
	size_t			 printed;
	struct buf		 line;		/* reused for each item */
};

static char	 outbuf[65536];	/* stdout's, when not a terminal */

static void
print_item(const struct feed_meta *m, const struct item *it, void *arg)
{
	struct parse_ctx	*ctx = arg;
	struct sanctions	 s;

	sanctions_init(&s);
	if (it != NULL)
		classify(ctx->cls, it, &s);
	if (ctx->sanctions_only && !s.relevant) {
		sanctions_free(&s);
		return;
	}
	/* One buffer for every line: no tree, no allocation per item. */
	buf_reset(&ctx->line);
	item_json_write(&ctx->line, m, it, it ? &s : NULL);
	buf_addc(&ctx->line, '\n');
	fwrite(ctx->line.d, 1, ctx->line.len, stdout);
	sanctions_free(&s);
	ctx->printed++;
}

static int
parse_fd(struct parse_ctx *ctx, int fd, const char *name)
{
	struct feed_parser	*p;
	char			 buf[65536], why[1024];
	ssize_t			 n;
	int			 rv = 0, end;

	p = feed_parser_new(ctx->url != NULL ? ctx->url : name, NULL,
	    print_item, ctx);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fprintf(stderr, "sanctionctl: %s: %s\n", name,
			    strerror(errno));
			rv = -1;
			break;
		}
		if (n == 0)
			break;
		feed_parse_chunk(p, buf, n);
	}
	end = feed_parse_end(p);
	/* One line per document: the error count and the first few. */
	feed_parser_summary(p, why, sizeof(why));
	if (rv == 0 && end == 1) {
		fprintf(stderr, "sanctionctl: %s: warning: %s\n", name, why);
	} else if (rv == 0 && !feed_parser_is_feed(p)) {
		fprintf(stderr, "sanctionctl: %s: %s\n", name,
		    why[0] != '\0' ? why : "not a feed");
		rv = -1;
	} else if (rv == 0 && feed_parser_error(p) != NULL) {
		/* The items that could be read were printed. */
		fprintf(stderr, "sanctionctl: %s: %s\n", name, why);
		rv = -1;
	}
	if (feed_parser_is_feed(p) && feed_parser_nitems(p) == 0 &&
	    !ctx->sanctions_only)
		print_item(feed_parser_meta(p), NULL, ctx);
	feed_parser_free(p);
	return rv;
}

static int
parse_path(struct parse_ctx *ctx, const char *path)
{
	int	 fd, rv;

	if (strcmp(path, "-") == 0)
		return parse_fd(ctx, STDIN_FILENO, "-");
	if ((fd = open(path, O_RDONLY)) == -1) {
		fprintf(stderr, "sanctionctl: %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	rv = parse_fd(ctx, fd, path);
	close(fd);
	return rv;
}

int
ctl_parse(int argc, char **argv)
{
	struct parse_ctx	 ctx;
	struct classifier	*cls;
	char			*err = NULL;
	int			 i, status = 0, nfiles = 0, dashdash = 0;

	memset(&ctx, 0, sizeof(ctx));
	buf_init(&ctx.line);
	/*
	 * Lines of KBs each: 64 KB writes rather than stdio's 4 KB (2048
	 * write calls for 200 feeds).  glibc ignores the size without a
	 * buffer of ours.  A terminal stays line-buffered.
	 */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	parsers_init();
	if ((cls = classifier_load(NULL, &err)) == NULL) {
		fprintf(stderr, "sanctionctl: classifier: %s\n", err);
		free(err);
		return 1;
	}
	ctx.cls = cls;
	/* Options may stand anywhere before "--"; the rest are files. */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--sanctions-only") == 0)
			ctx.sanctions_only = 1;
		else if (strcmp(argv[i], "--url") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sanctionctl: parse: --url "
				    "needs a URL\n");
				classifier_free(cls);
				return 2;
			}
			ctx.url = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "sanctionctl: parse: unknown option "
			    "%s\n", argv[i]);
			classifier_free(cls);
			return 2;
		}
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && strcmp(argv[i], "--sanctions-only") == 0)
			continue;
		if (!dashdash && strcmp(argv[i], "--url") == 0) {
			i++;
			continue;
		}
		nfiles++;
		if (parse_path(&ctx, argv[i]) == -1)
			status = 1;
	}
	if (nfiles == 0 && parse_path(&ctx, "-") == -1)
		status = 1;
	fflush(stdout);
	buf_free(&ctx.line);
	classifier_free(cls);
	return status;
}
