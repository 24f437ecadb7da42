/* feed.c: placeholder until the parser lands. */
#include <stdlib.h>

#include "parsers.h"

struct feed_parser {
	struct feed_meta	 meta;
};

void
parsers_init(void)
{
}

struct feed_parser *
feed_parser_new(const char *url, const char *charset, feed_item_cb cb,
    void *arg)
{
	struct feed_parser	*p;

	(void)charset;
	(void)cb;
	(void)arg;
	p = xcalloc(1, sizeof(*p));
	p->meta.url = xstrdup(url);
	p->meta.ttl = -1;
	return p;
}

int
feed_parse_chunk(struct feed_parser *p, const char *buf, size_t len)
{
	(void)p;
	(void)buf;
	(void)len;
	return 0;
}

int
feed_parse_end(struct feed_parser *p)
{
	(void)p;
	return -1;
}

const struct feed_meta *
feed_parser_meta(const struct feed_parser *p)
{
	return &p->meta;
}

size_t
feed_parser_nitems(const struct feed_parser *p)
{
	(void)p;
	return 0;
}

int
feed_parser_is_feed(const struct feed_parser *p)
{
	(void)p;
	return 0;
}

const char *
feed_parser_error(const struct feed_parser *p)
{
	(void)p;
	return "parser not built yet";
}

void
feed_parser_free(struct feed_parser *p)
{
	free(p->meta.url);
	free(p);
}
