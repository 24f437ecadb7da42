/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * feed_int.h: what the feed parser's files share (feed.c: the SAX glue and
 * life cycle; feed_elem.c: elements to fields; feed_entity.c: entities and
 * attribute values; feed_link.c: xml:base and link resolution).
 */
#ifndef FEED_INT_H
#define FEED_INT_H

#include <libxml/parser.h>

#include "parsers.h"

/* Safety caps: hostile documents end early, with a clear error. */
#define FEED_MAX_DEPTH		100
#define FEED_MAX_ITEMS		20000
#define FEED_MAX_FIELD		(1024 * 1024)	/* bytes of one field */
#define FEED_MAX_ENTITY		(1024 * 1024)	/* one entity's expansion */
#define FEED_MAX_ENTITY_OUT	(8 * 1024 * 1024) /* all entity output */
#define FEED_MAX_ENTITY_REFS	100000		/* declared entity expansions */
#define FEED_MAX_LIST		100		/* categories, enclosures */

/* Namespaces we understand, matched by URI. */
enum feed_ns {
	NS_OTHER,
	NS_RSS,		/* no namespace, RSS 1.0/0.90, userland's RSS 2 */
	NS_RDF,
	NS_ATOM,	/* Atom 1.0 */
	NS_ATOM03,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_XHTML,
	NS_MEDIA,
	NS_ITUNES,
	NS_XML
};

/* Element names we act on. */
enum feed_el {
	EL_OTHER,
	EL_RSS, EL_RDF, EL_CHANNEL, EL_ITEM, EL_FEED, EL_ENTRY,
	EL_TITLE, EL_LINK, EL_DESCRIPTION, EL_GUID, EL_PUBDATE, EL_AUTHOR,
	EL_CREATOR, EL_CATEGORY, EL_SUBJECT, EL_ENCLOSURE, EL_CONTENT,
	EL_ENCODED, EL_SUMMARY, EL_ID, EL_PUBLISHED, EL_UPDATED, EL_ISSUED,
	EL_MODIFIED, EL_CREATED, EL_DATE, EL_NAME, EL_EMAIL, EL_TTL,
	EL_SOURCE, EL_BODY, EL_GROUP, EL_IDENTIFIER, EL_CONTRIBUTOR,
	EL_IMAGE, EL_TEXTINPUT, EL_PLAYER, EL_FULLITEM, EL_TAGS,
	EL_KEYWORDS
};

/* What an open element is to us. */
enum feed_role {
	R_IGNORE,	/* nothing inside matters */
	R_ROOT,		/* <rss>, <rdf:RDF> */
	R_CHANNEL,	/* <channel>, <atom:feed>: feed-level fields inside */
	R_ITEM,		/* <item>, <entry> */
	R_GROUP,	/* <media:group>: its children count as the item's */
	R_PERSON,	/* <atom:author>: name and email inside */
	R_FIELD,	/* a value being captured */
	R_MARKUP	/* an element inside a captured value */
};

/* How a captured value becomes text. */
enum feed_text {
	T_TEXT,		/* fold only: Atom type="text" */
	T_HTML,		/* HTML parser: RSS description, type="html" */
	T_AUTO,		/* RSS title and friends: HTML if it looks so */
	T_XHTML,	/* markup children: their text */
	T_RAW,		/* ids, links, dates: trimmed, cleaned */
	T_DROP,		/* out-of-line content: nothing */
	T_BINARY,	/* another media type: base64, kept if it is text */
	T_ATOM		/* the type attribute decides (atom_type()) */
};

/* Which field a captured value fills; see feed_elem.c. */
enum feed_field {
	F_NONE,
	F_TITLE, F_LINK, F_ID, F_AUTHOR, F_SUMMARY, F_CONTENT, F_PUBLISHED,
	F_UPDATED, F_CATEGORY, F_TTL, F_PERSON_NAME, F_PERSON_EMAIL,
	F_DESC,		/* summary, else content (RSS description, summary) */
	F_TAGS,		/* comma-separated categories */
	F_NFIELDS,
	/* Attribute-driven rows of the mapping (rule_start()). */
	F_A_LINK, F_A_PERSON, F_A_ENCLOSURE, F_A_TERM, F_A_TEXTCAT,
	F_A_GROUP, F_A_PLAYER
};

struct feed_frame {
	const xmlChar	*name;		/* interned by libxml2 */
	unsigned char	 role;
	unsigned char	 ns;
	unsigned char	 el;
	unsigned char	 level;		/* 0 feed, 1 item */
	int		 base;		/* index into bases, -1 none */
};

struct ns_cache {
	const xmlChar	*key;
	int		 id;
};

/* One kept parse error (the first FEED_MAX_ERRS of a document). */
struct feed_err {
	int		 line;		/* 0: unknown */
	char		*msg;		/* one line, bounded */
};

struct feed_parser {
	xmlParserCtxtPtr	 ctxt;
	feed_item_cb		 cb;
	void			*arg;
	struct feed_meta	 meta;
	char			*error;
	size_t			 nerrors;	/* all of them, counted */
	size_t			 nkept;
	struct feed_err		 errs[FEED_MAX_ERRS];
	int			 is_feed;
	int			 seen_root;
	int			 attr_amp;	/* this start tag lost a bare & */
	size_t			 nbytes;
	int			 stopped;
	int			 capped;	/* stopped at the item cap */
	int			 recovered;	/* the error is a warning */
	size_t			 nitems;

	struct feed_frame	 stack[FEED_MAX_DEPTH];
	int			 depth;
	int			 ignore_from;	/* depth inside an ignored tree */
	char			*bases[FEED_MAX_DEPTH];
	int			 nbases;

	/* The value being captured. */
	struct buf		 text;
	int			 capturing;
	int			 cap_depth;	/* frame depth of the field */
	enum feed_field		 cap_field;
	enum feed_text		 cap_type;
	int			 cap_prio;
	int			 cap_children;
	int			 cap_skip;	/* depth of a <script> in it, or 0 */
	int			 cap_truncated;
	int			 cap_level;	/* 0 feed, 1 item */
	int			 cap_base64;	/* Atom 0.3 mode="base64" */
	int			 next_base64;	/* atom_type() saw it */

	/* The item being built, and what has precedence over what. */
	struct item		 item;
	int			 in_item;
	int			 prio[F_NFIELDS];
	int			 meta_prio[F_NFIELDS];
	char			*guid_link;	/* a permalink guid */
	int			 guid_perma;
	char			*person_name;
	char			*person_email;
	char			*feed_author;	/* inherited by Atom entries */

	/* Entities (feed_entity.c). */
	void			*ent_text;	/* xmlHashTable */
	void			*ent_attr;
	size_t			 ent_out;
	size_t			 ent_refs;

	int			 plain_ns;	/* what no namespace means */
	const xmlChar		*rss_uri;	/* <rss xmlns="odd">: RSS */
	const xmlChar		*atom_uri;	/* <feed xmlns="odd">: Atom */
	struct ns_cache		 uri_cache[16];
	struct ns_cache		 name_cache[64];
	struct ns_cache		 markup_cache[32];
};

/* feed.c */
void		 feed_fail(struct feed_parser *, int, const char *, ...)
		    PRINTFLIKE(3, 4);
void		 feed_item_cap(struct feed_parser *);

/* feed_elem.c */
void		 elem_init(void);
void		 elem_start(struct feed_parser *, const xmlChar *,
		    const xmlChar *, int, const xmlChar **);
void		 elem_end(struct feed_parser *, const xmlChar *);
void		 elem_chars(struct feed_parser *, const xmlChar *, int);
void		 elem_free(struct feed_parser *);

/* feed_entity.c */
xmlEntityPtr	 entity_get(void *, const xmlChar *);
char		*attr_value(struct feed_parser *, const xmlChar *,
		    const xmlChar *);
char		*attr_raw(struct feed_parser *, const char *);
void		 entity_free(struct feed_parser *);

/* feed_link.c */
void		 base_push(struct feed_parser *, struct feed_frame *,
		    const char *);
void		 base_pop(struct feed_parser *, struct feed_frame *);
char		*link_resolve(struct feed_parser *, const char *);
int		 link_is_absolute(const char *);

#endif
