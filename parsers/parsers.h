/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * parsers.h: bytes -> items -> sanctions events.
 *
 * This room knows nothing about sockets or storage.  Its structs are plain
 * data owned by it; the daemon stores and serializes them.
 */
#ifndef PARSERS_H
#define PARSERS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"

/* A date the feed did not give, or gave in a form we could not read. */
#define DATE_NONE	INT64_MIN

struct enclosure {
	char		*url;
	char		*type;		/* NULL when absent */
	long long	 length;	/* -1 when absent */
};

/* One normalized entry.  Text fields are plain UTF-8 text or NULL. */
struct item {
	char		*id;
	char		*title;
	char		*link;
	char		*author;
	char		*summary;
	char		*content;
	int64_t		 published;	/* seconds since the epoch, or DATE_NONE */
	int64_t		 updated;
	struct strlist	 categories;
	struct enclosure *enclosures;
	size_t		 nenclosures;
	/*
	 * The page at link, when the daemon fetched it (SPEC "Articles"):
	 * status "ok", "failed", "timeout" or "not_article"; NULL: none.
	 */
	char		*article_url;
	char		*article_status;
	char		*article_text;
};

/* What the document says about itself. */
struct feed_meta {
	char		*title;
	char		*link;
	char		*url;		/* where the bytes came from */
	long long	 ttl;		/* RSS <ttl> in seconds, or -1 */
};

/* feed.c: the push parser. */
struct feed_parser;

/*
 * Called once per completed item.  Both pointers are valid only during the
 * call; the meta is what the document has said so far.
 */
typedef void	(*feed_item_cb)(const struct feed_meta *, const struct item *,
		    void *);

/*
 * feed_parse_end() returns 0 for a clean feed, 1 for a feed read with
 * recoverable errors (broken markup libxml2 read past, a cap hit: the items
 * are good, feed_parser_error() is a warning) and -1 when no usable feed
 * came of it (not XML, not a feed, cut short, stopped by a hostile-input
 * cap).  Every error is counted; the first FEED_MAX_ERRS are kept with
 * their lines (a hostile document's million errors are a number, not a
 * million strings), and feed_parser_summary() says them on one line.
 */
#define FEED_MAX_ERRS	5
struct feed_parser *feed_parser_new(const char *url, const char *charset,
		    feed_item_cb, void *);
int		 feed_parse_chunk(struct feed_parser *, const char *, size_t);
int		 feed_parse_end(struct feed_parser *);
const struct feed_meta *feed_parser_meta(const struct feed_parser *);
size_t		 feed_parser_nitems(const struct feed_parser *);
int		 feed_parser_is_feed(const struct feed_parser *);
const char	*feed_parser_error(const struct feed_parser *);
int		 feed_parser_recovered(const struct feed_parser *);
size_t		 feed_parser_nerrors(const struct feed_parser *);
size_t		 feed_parser_nkept(const struct feed_parser *);
const char	*feed_parser_error_at(const struct feed_parser *, size_t,
		    int *);
void		 feed_parser_summary(const struct feed_parser *, char *,
		    size_t);
void		 feed_parser_free(struct feed_parser *);
void		 parsers_init(void);	/* once per process: libxml2 safety */

/* date.c */
int64_t		 date_parse(const char *);
void		 date_format(int64_t, char *, size_t);	/* RFC 3339, UTC, Z */

/* text.c: HTML or text -> folded plain UTF-8 text. */
char		*html_to_text(const char *, size_t);
char		*text_plain(const char *, size_t);	/* fold, no markup */
void		 text_clean(const char *, size_t, struct buf *, int fold);
int		 text_looks_like_html(const char *, size_t);
int		 text_tag_kind(const char *, size_t);	/* 1 block, 2 skip */
void		 text_cleanup(void);	/* frees the reused HTML parser */

/*
 * article.c: the main text and metadata of a news page (HTML).
 * article_extract: 0 article text found; 1 the page is not an article
 * (text ""); -1 not parseable or over the caps.  It never touches the
 * network and never runs scripts.  article_clear frees the fields and is
 * safe on a zeroed struct.
 */
struct article {
	char	*url;		/* the canonical URL, else the given one */
	char	*title;		/* NULL when none */
	char	*text;		/* paragraphs separated by "\n\n"; "" when none */
	char	*published;	/* RFC 3339 UTC, NULL when none */
	char	*author;	/* NULL when none */
};
int		 article_extract(const char *, size_t, const char *,
		    struct article *);
void		 article_clear(struct article *);

/* item.c */
void		 item_init(struct item *);
void		 item_texts(struct item *, const char *, const char *);
void		 item_free(struct item *);
void		 item_copy(struct item *, const struct item *);

/* The sanctions event extracted from an item. */
enum sanction_action {
	ACTION_NONE,
	ACTION_IMPOSE,
	ACTION_LIFT,
	ACTION_EASE,
	ACTION_EXTEND,
	ACTION_THREATEN,
	ACTION_DEMAND,
	ACTION_CONDEMN,
	ACTION_EVADE,
	ACTION_ENFORCE
};

struct sanctions {
	int			 relevant;
	int			 announcement;
	double			 score;
	enum sanction_action	 action;
	struct strlist		 authorities;	/* "US", "EU", "UN", ... */
	struct strlist		 countries;	/* ISO 3166-1 alpha-2 targets */
	struct strlist		 named;		/* named targets */
	long long		 count;		/* number of targets, -1 unknown */
	struct strlist		 legal_basis;
	struct strlist		 measures;
	char			*duration;	/* ISO 8601 duration or NULL */
	struct strlist		 evidence;	/* deciding sentences */
};

/*
 * classify.c: the sanctions classifier.  classify() is a pure function of
 * the item and the loaded data, but keeps its scratch buffers in the
 * classifier: one thread at a time per loaded classifier.
 */
struct classifier;

struct classifier *classifier_load(const char *datadir, char **errstr);
void		 classifier_free(struct classifier *);
void		 classify(const struct classifier *, const struct item *,
		    struct sanctions *);
void		 sanctions_init(struct sanctions *);
void		 sanctions_free(struct sanctions *);
const char	*action_name(enum sanction_action);
const char	*classifier_default_datadir(void);
/* classify_lexicon.c: the compiled lexicon cached in the data directory. */
int		 classifier_cache_write(const char *datadir, char **errstr);
const char	*classifier_cache_state(const struct classifier *);
/* classify_model.c: the loaded model cached next to model.txt. */
int		 model_cache_write(const char *datadir, char **errstr);
void		 classify_features(const struct classifier *,
		    const struct item *, struct strlist *);
void		 classify_explain(const struct classifier *,
		    const struct item *, struct buf *);

/*
 * What the last classify() examined, to show its work is bounded by the
 * caps in classify.c whatever the item (tests/unit/test_classify.c).
 */
struct classify_work {
	size_t	 text;		/* bytes of folded text classified */
	size_t	 split;		/* bytes the sentence splitter examined */
	size_t	 sentences;	/* sentences judged (holding a core word) */
	size_t	 hits;		/* hits in the sentences judged */
	size_t	 hits_most;	/* hits in the fullest sentence judged */
	size_t	 names;		/* candidate names examined */
	size_t	 lookups;	/* names looked for in the whole text */
	size_t	 legal;		/* legal bases examined */
};
double		 classifier_threshold(const struct classifier *);
/*
 * How far an item got through the classifier's gates (the daemon's
 * "flagged" rule for fetching articles): CANDIDATE_NONE no sanctions word
 * at all, _WORD a word the quick look matches, _CORE a core phrase in the
 * item's text, _STATECRAFT one the rules read in the statecraft sense (not
 * vetoed, with a state, body or measure near it).
 */
enum candidate {
	CANDIDATE_NONE,
	CANDIDATE_WORD,
	CANDIDATE_CORE,
	CANDIDATE_STATECRAFT
};
enum candidate	 classify_candidate(const struct classifier *,
		    const struct item *);
void		 classify_work(const struct classifier *,
		    struct classify_work *);

#endif
