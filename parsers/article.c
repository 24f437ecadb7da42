/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * article.c: the main text of a news page, without its navigation,
 * headers, footers, related lists, share bars, comments or banners.
 *
 * libxml2's HTML parser builds the tree (no network, scripts never run).
 * One pass counts, per element, the text under it and the part of it in
 * links, and drops what is never article text: scripts, forms' controls,
 * <nav>, <aside>, <footer>, hidden elements and those whose class or id
 * says boilerplate (comment, share, related, cookie, ...).  Paragraphs
 * (the inline text of one block) score their ancestors as Readability
 * does: commas and length, discounted by link density and weighted by
 * class and id.  The best ancestor and the siblings that look like it are
 * the article; inside it, link lists and link-heavy paragraphs are pruned
 * (jusText's "bad" paragraphs), precision first as trafilatura does.  The
 * page's JSON-LD articleBody is the fallback when the tree gives little.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article_int.h"

#define ARTICLE_MAX_LEN	(8 * 1024 * 1024)
#define PARA_MIN	25	/* shorter paragraphs score nothing */
#define ITEMPROP_BODY	50	/* the page says: this is the article */
#define LINKY_PROSE	150	/* bytes outside links: prose all the same */
#define LINKED_SENTENCE	80	/* bytes: a sentence with a link in it */
#define LINKY_OWN	40	/* bytes outside its link */
#define LEAD_MAX	1000	/* characters of lead before the body */
#define LEAD_UP		3	/* levels above the body a lead is looked for */
#define STACK_MIN	400	/* characters: an <article> this long is a
				   story, shorter a teaser */
#define FRAME_LINKS	0.33	/* link density of a page's frame */
#define THIN_TEXT	500	/* bytes of prose: a blurb, not a story */
#define THIN_MIN	150	/* under it, the story is its siblings */
#define TEASER_HEAD	16	/* characters of its headline, at least */
#define TEASER_MAX	400	/* characters of a teaser, headline too */
#define TEASER_NAMED	1000	/* the same, of one whose class says so */
#define TAIL_AFTER	200	/* bytes of story before a tail heading */
#define DATELINE_MAX	80	/* bytes: a longer paragraph is prose */
#define NUMERIC_DATE	20	/* bytes of a date in figures alone */
#define COPYRIGHT_MAX	300
#define CAPTION_MAX	250	/* bytes: a longer paragraph is prose */
#define CREDIT_TAIL	60	/* bytes of a caption's credit */
#define PROMO_MAX	200	/* bytes: a longer paragraph is the story's */
#define BAR_ITEM	40	/* bytes: a longer item is prose */
#define DESC_MIN	160	/* bytes: a shorter description, no lead */
#define DESC_KEY	40	/* its letters and digits looked for */
#define HEADLINE_MIN	12	/* letters and digits: shorter, a word */
#define SECTION_MIN	500	/* characters: a section of the article */
#define CAPTION_MAX	250	/* characters under an image: a caption */
#define HEAD_MAX	160	/* bytes of a heading kept to end the text */
#define NOSCRIPT_MIN	200	/* characters: a <noscript> read */
#define ARTICLE_MIN	200	/* less text, no article metadata and not
				   most of the page: no article; a page with
				   less text in all is tiny */

enum {
	F_SKIP = 1,		/* never article text */
	F_BLOCK = 2,		/* starts a paragraph */
	F_SCORED = 4,		/* a candidate: score is set */
	F_LINK = 8,		/* <a> */
	F_OPEN = 16,		/* its children were read */
	F_SOFT = 32,		/* boilerplate, unless the article is inside */
	F_CLASS = 64,		/* skipped for its class or id */
	F_HEADER = 128,		/* a <header> is under it */
	F_FIGURE = 256		/* an image first: a caption if short */
};

struct anode {
	double		 score;
	uint32_t	 text;		/* characters under it, skips excluded */
	uint32_t	 links;		/* of which inside links */
	uint32_t	 all;		/* characters under it, soft ones too */
	uint32_t	 own;		/* its own paragraph's characters */
	uint32_t	 commas;	/* under it */
	uint32_t	 owncommas;
	uint32_t	 mark;		/* own characters at the last br */
	uint32_t	 pend;		/* and at the last <br><br> */
	uint16_t	 parts;		/* br br-set paragraphs before */
	uint32_t	 prev;		/* enclosing block (index + 1) */
	int16_t		 weight;	/* class and id */
	uint16_t	 tag;		/* T_* of its name */
	int8_t		 base;		/* Readability's score of its name */
	uint16_t	 flags;
	uint8_t		 arts;		/* stories: long <article> elements,
					   it and under it */
};

struct extract {
	struct anode	*v;
	size_t		 n, cap;
	uint32_t	 block;		/* current block (index + 1) */
	int		 in_link;
	int		 strict;	/* class and id may drop elements */
	int		 misnested;	/* a soft element may hold the page (1),
					   any soft element the article (2) */
	struct buf	 para;		/* the paragraph being written */
	size_t		 para_links;
	struct buf	 out;
	size_t		 article;	/* characters of the best candidate */
	size_t		 all;		/* characters of text, soft ones too */
	xmlNodePtr	 alt[5];	/* the best candidates, best first */
	size_t		 nalt;
	size_t		 dropped;	/* characters under class-skipped ones */
	xmlNodePtr	 big;		/* the largest of those */
	size_t		 bigchars;
	xmlNodePtr	 exempt[4];	/* read whatever their class says */
	size_t		 nexempt;
	int		 ended;		/* at the comments' anchor */
	char		 head[HEAD_MAX];	/* the last heading read */
	size_t		 headlen;
	int		 whole;		/* no candidate: a tiny page's body */
};

/*
 * libxml2's HTML parser lowercases element and attribute names: they are
 * compared with strcmp.  Values keep their case and are compared without.
 */

/* What a tag is, whatever its attributes say. */
#define T_SKIP		0x001	/* content never article text */
#define T_SOFT		0x002	/* boilerplate, read all the same (below) */
#define T_BLOCK		0x004	/* starts a paragraph */
#define T_CONTAINER	0x008	/* html, body, article, main */
#define T_TABLE		0x010	/* table parts, code: never dropped by class */
#define T_NOSCORE	0x020	/* its paragraph scores nothing */
#define T_PRUNE		0x040	/* dropped inside the article when link-heavy */
#define T_LIST		0x080
#define T_LINK		0x100
#define T_ARTICLE	0x200	/* article */
#define T_HEADER	0x400	/* header */
#define T_BREAK		0x800	/* br */

/*
 * Sorted by strcmp, looked up once per element.  T_SOFT: libxml2's parser
 * predates HTML5 and leaves a <header> it cannot close around the rest of
 * the page; the text of these never counts for what encloses them and is
 * never printed, but the article may be found inside them.  The base is
 * Readability's score by tag.  "slantheaders" is a table's head, not the
 * page's: table parts are never dropped for their class.  <rt> and
 * <rp> are the reading set above ruby text (furigana): read as words,
 * they would cut every word of a Japanese page in two.  <math> is
 * read: its MathML is a formula's text (MathJax keeps it beside the
 * glyphs it draws with CSS).
 */
static const struct tag {
	const char	*name;
	uint16_t	 bits;
	int8_t		 base;
} tags[] = {
	{ "a", T_LINK, 0 },
	{ "address", T_BLOCK, -3 },
	{ "article", T_BLOCK | T_CONTAINER | T_ARTICLE, 5 },
	{ "aside", T_SOFT | T_BLOCK, 0 },
	{ "blockquote", T_BLOCK, 3 },
	{ "body", T_BLOCK | T_CONTAINER | T_NOSCORE, 0 },
	{ "br", T_BLOCK | T_BREAK, 0 },
	{ "button", T_SKIP, 0 },
	{ "canvas", T_SKIP, 0 },
	{ "caption", T_BLOCK, 0 },
	{ "center", T_BLOCK | T_PRUNE, 0 },
	{ "code", T_TABLE, 0 },
	{ "datalist", T_SKIP, 0 },
	{ "dd", T_BLOCK | T_NOSCORE, -3 },
	{ "details", T_BLOCK, 0 },
	{ "dialog", T_SKIP, 0 },
	{ "div", T_BLOCK | T_PRUNE, 5 },
	{ "dl", T_BLOCK | T_PRUNE, -3 },
	{ "dt", T_BLOCK | T_NOSCORE, -3 },
	{ "embed", T_SKIP, 0 },
	{ "fieldset", T_BLOCK, 0 },
	{ "figcaption", T_SKIP | T_BLOCK, 0 },
	{ "figure", T_BLOCK, 0 },
	{ "footer", T_SOFT | T_BLOCK, 0 },
	{ "form", T_BLOCK | T_PRUNE, -3 },
	{ "h1", T_BLOCK | T_NOSCORE, -5 },
	{ "h2", T_BLOCK, -5 },
	{ "h3", T_BLOCK, -5 },
	{ "h4", T_BLOCK, -5 },
	{ "h5", T_BLOCK, -5 },
	{ "h6", T_BLOCK, -5 },
	{ "head", T_SKIP, 0 },
	{ "header", T_SOFT | T_BLOCK | T_HEADER, 0 },
	{ "hr", T_BLOCK, 0 },
	{ "html", T_BLOCK | T_CONTAINER | T_NOSCORE, 0 },
	{ "iframe", T_SKIP, 0 },
	{ "input", T_SKIP, 0 },
	{ "label", T_SKIP, 0 },
	{ "li", T_BLOCK | T_NOSCORE, -3 },
	{ "link", T_SKIP, 0 },
	{ "main", T_BLOCK | T_CONTAINER, 0 },
	{ "map", T_SKIP, 0 },
	{ "menu", T_SOFT | T_BLOCK, 0 },
	{ "meta", T_SKIP, 0 },
	{ "nav", T_SOFT | T_BLOCK, 0 },
	{ "noscript", T_SKIP, 0 },
	{ "object", T_SKIP, 0 },
	{ "ol", T_BLOCK | T_PRUNE | T_LIST, -3 },
	{ "option", T_SKIP, 0 },
	{ "p", T_BLOCK, 0 },
	{ "pre", T_BLOCK | T_TABLE, 3 },
	{ "rp", T_SKIP, 0 },
	{ "rt", T_SKIP, 0 },
	{ "script", T_SKIP, 0 },
	{ "section", T_BLOCK | T_PRUNE, 0 },
	{ "select", T_SKIP, 0 },
	{ "style", T_SKIP, 0 },
	{ "summary", T_BLOCK, 0 },
	{ "svg", T_SKIP, 0 },
	{ "table", T_BLOCK | T_TABLE | T_PRUNE, 0 },
	{ "tbody", T_BLOCK | T_TABLE, 0 },
	{ "td", T_BLOCK | T_TABLE, 3 },
	{ "template", T_SKIP, 0 },
	{ "textarea", T_SKIP, 0 },
	{ "tfoot", T_BLOCK | T_TABLE, 0 },
	{ "th", T_BLOCK | T_TABLE | T_NOSCORE, -5 },
	{ "thead", T_BLOCK | T_TABLE, 0 },
	{ "title", T_SKIP, 0 },
	{ "tr", T_BLOCK | T_TABLE, 0 },
	{ "ul", T_BLOCK | T_PRUNE | T_LIST, -3 },
};

/*
 * Words of class and id, as substrings: Readability's "unlikely
 * candidates" and a few more of today's (W_UNLIKELY: dropped unless a
 * W_MAYBE word is there too), its negative and positive weights.  One
 * table sorted by first byte, so that one walk of the class string finds
 * every set's words.  W_TOKEN words count only where a class begins:
 * "widget widget_text" is a sidebar's, but page builders wrap every block
 * of the article in "elementor-widget-container".  W_PLACE words
 * (header, footer) drop too, but they name where a block sits, and
 * themes wrap the whole post in one ("above-footer"): extract_try reads
 * such a block when it holds more text than the rest of the page.
 * W_STRONG words drop whatever W_MAYBE word is there ("comment-article",
 * "MainFooter", "related-content"), read as W_PLACE ones are when they
 * hold the page.  An author's box is strong too: "bmg-content-box
 * bmg-author-box" is no article for its "content".  "mathjax" is
 * Readability's too: a formula's container also names its context
 * menu ("MathJax CtxtMenu_Attached_0", camelCase "math_jax").
 */
#define W_UNLIKELY	1
#define W_MAYBE		2
#define W_NEGATIVE	4
#define W_POSITIVE	8
#define W_TOKEN		16	/* only where a class or id begins */
#define W_PLACE		32	/* unlikely, unless it wraps the page */
#define W_STRONG	64	/* unlikely, whatever W_MAYBE word is there */
#define W_NOTE		128	/* the article's notes: not negative */
#define W_AUTHOR	256	/* an author's box when author_box() says */
#define W_TICKER	512	/* nothing in a live ticker's class word */
/* unlikely[], maybe[], negative[] and positive[] as one table, by first byte. */
static const struct cword {
	const char	*w;
	uint8_t		 len;
	uint16_t	 sets;
} cwords[] = {
	{ "-ad-", 4, W_UNLIKELY | W_NEGATIVE },
	{ "ad-break", 8, W_UNLIKELY },
	{ "agegate", 7, W_UNLIKELY },
	{ "and", 3, W_MAYBE },
	{ "article", 7, W_MAYBE | W_POSITIVE },
	{ "author", 6, W_AUTHOR },
	{ "banner", 6, W_UNLIKELY | W_NEGATIVE },
	{ "blog", 4, W_POSITIVE },
	{ "body", 4, W_MAYBE | W_POSITIVE },
	{ "breadcrumb", 10, W_UNLIKELY },
	{ "column", 6, W_MAYBE },
	{ "com-", 4, W_NEGATIVE },
	{ "combx", 5, W_UNLIKELY | W_NEGATIVE },
	{ "comment", 7, W_UNLIKELY | W_NEGATIVE | W_STRONG | W_TICKER },
	{ "community", 9, W_UNLIKELY | W_STRONG },
	{ "consent", 7, W_UNLIKELY },
	{ "contact", 7, W_NEGATIVE },
	{ "content", 7, W_MAYBE | W_POSITIVE },
	{ "cookie", 6, W_UNLIKELY },
	{ "disqus", 6, W_UNLIKELY },
	{ "entry", 5, W_POSITIVE },
	{ "foot", 4, W_NEGATIVE },
	{ "footer", 6, W_PLACE | W_STRONG },
	{ "footnote", 8, W_NOTE },
	{ "gdpr", 4, W_UNLIKELY },
	{ "h-entry", 7, W_POSITIVE },
	{ "header", 6, W_PLACE },
	{ "hentry", 6, W_POSITIVE },
	{ "legends", 7, W_UNLIKELY },
	{ "main", 4, W_MAYBE | W_POSITIVE },
	{ "masthead", 8, W_NEGATIVE },
	{ "math_jax", 8, W_MAYBE },
	{ "mathjax", 7, W_MAYBE },
	{ "media", 5, W_NEGATIVE },
	{ "menu", 4, W_UNLIKELY },
	{ "meta", 4, W_NEGATIVE },
	{ "newsletter", 10, W_UNLIKELY },
	{ "outbrain", 8, W_NEGATIVE },
	{ "page", 4, W_POSITIVE },
	{ "pager", 5, W_UNLIKELY },
	{ "pagination", 10, W_UNLIKELY },
	{ "paywall", 7, W_UNLIKELY },
	{ "popup", 5, W_UNLIKELY },
	{ "post", 4, W_POSITIVE },
	{ "promo", 5, W_UNLIKELY | W_NEGATIVE },
	{ "related", 7, W_UNLIKELY | W_NEGATIVE | W_STRONG },
	{ "remark", 6, W_UNLIKELY },
	{ "replies", 7, W_UNLIKELY },
	{ "rss", 3, W_UNLIKELY },
	{ "scroll", 6, W_NEGATIVE },
	{ "shadow", 6, W_MAYBE },
	{ "share", 5, W_UNLIKELY | W_NEGATIVE },
	{ "sharing", 7, W_UNLIKELY },
	{ "shopping", 8, W_NEGATIVE },
	{ "shoutbox", 8, W_UNLIKELY | W_NEGATIVE },
	{ "sidebar", 7, W_UNLIKELY | W_NEGATIVE },
	{ "skyscraper", 10, W_UNLIKELY | W_NEGATIVE },
	{ "social", 6, W_UNLIKELY | W_STRONG },
	{ "sponsor", 7, W_UNLIKELY | W_NEGATIVE },
	{ "story", 5, W_POSITIVE },
	{ "subscribe", 9, W_UNLIKELY },
	{ "supplemental", 12, W_UNLIKELY },
	{ "tags", 4, W_NEGATIVE },
	{ "text", 4, W_POSITIVE },
	{ "tool", 4, W_NEGATIVE },
	{ "toolbar", 7, W_UNLIKELY },
	{ "widget", 6, W_NEGATIVE | W_TOKEN },
	{ "yom-remote", 10, W_UNLIKELY },
};
static const uint8_t cstart[28] = {	/* "-", then a to z */
	0, 1, 6, 10, 19, 20, 21, 24, 25, 28, 28, 28, 28, 29, 36, 37, 38,
	45, 45, 49, 62, 66, 66, 66, 67, 67, 68, 68
};

/*
 * The same, as whole words of class and id: "media__caption", a star
 * rating widget's "post-ratings" ("operating" is not one), a sign-in
 * box's "b-dialog" (an <article class=registration-modal> in it is a
 * container, never dropped for its class), a video player's menus
 * ("yvp-settings-container": quality, captions' style), a shop's or
 * sponsor's notes ("ad-disclosure", "aawp-disclaimer", "affiliate-text"),
 * a picture's legend in a <div> ("legend", "mainContent__legend"), a
 * table of contents ("toc_container", "ez-toc-title"), a call to action
 * ("c-letters-cta": write to us, sign up, subscribe).
 */
static const char *const unlikely_words[] = {
	"affiliate", "caption", "credit", "cta", "dialog", "disclaimer",
	"disclosure", "legend", "modal", "rating", "ratings", "settings",
	"toc"
};
/* A standfirst: the paragraph a page sets between headline and body. */
static const char *const lead_words[] = {
	"abstract", "chapo", "deck", "excerpt", "intro", "lead", "sommario",
	"standfirst", "subheadline", "summary", "teaser", "vorspann"
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Is n an element of this (lower-case) name? */
static inline int
is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
name_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
in_set(const xmlChar *name, const char *const *set, size_t n)
{
	return bsearch(name, set, n, sizeof(*set), name_cmp) != NULL;
}

/*
 * "author" at p (in s) names an author's box, not a byline: author-bio,
 * author-box, authorbox, author-info, author-description,
 * author-profile, about-author.
 */
static int
author_box(const char *s, const char *p)
{
	static const char *const tails[] = {
		"-bio", "-box", "-description", "-info", "-profile", "bio",
		"box"
	};
	size_t	 i;

	if (p - s >= 6 && strncmp(p - 6, "about-", 6) == 0)
		return 1;
	for (i = 0; i < NITEMS(tails); i++)
		if (strncmp(p + 6, tails[i], strlen(tails[i])) == 0)
			return 1;
	return 0;
}

/*
 * "comment" at p (in s) in the same word as "live" before it: a live
 * ticker's entries ("live-match-comment", "liveblog-comment"), the
 * story itself, not readers' comments.
 */
static int
live_word(const char *s, const char *p)
{
	const char	*q;

	for (q = p; q - s >= 4 && q[-1] != ' '; q--)
		if (strncmp(q - 4, "live", 4) == 0)
			return 1;
	return 0;
}

/* The W_* sets whose words occur in s (lowercased class and id). */
static int
class_words(const char *s)
{
	const struct cword	*w, *end;
	const char		*start = s;
	int			 k, sets = 0;

	for (; *s != '\0'; s++) {
		if (*s == '-')
			k = 0;
		else if (*s >= 'a' && *s <= 'z')
			k = *s - 'a' + 1;
		else
			continue;
		end = &cwords[cstart[k + 1]];
		for (w = &cwords[cstart[k]]; w < end; w++)
			if ((sets & w->sets) !=
			    (w->sets & ~(W_TOKEN | W_TICKER)) &&
			    s[1] == w->w[1] && strncmp(s, w->w, w->len) == 0 &&
			    (!(w->sets & W_TOKEN) || s == start || s[-1] == ' ')) {
				if (w->sets & W_AUTHOR) {
					if (author_box(start, s))
						sets |= W_UNLIKELY | W_STRONG;
				} else if (!(w->sets & W_TICKER) ||
				    !live_word(start, s))
					sets |= w->sets & ~(W_TOKEN | W_TICKER);
			}
	}
	return sets;
}

/*
 * s lowercased into b from i, up to lim: a word's capital after a small
 * letter starts a word of its own ("sectionRating" is "section_rating",
 * "authorBox" "author_box"), so that whole words are found in camelCase.
 */
static size_t
fold_words_of(const char *s, char *b, size_t i, size_t lim)
{
	for (; s != NULL && *s != '\0' && i < lim; s++) {
		if (*s >= 'A' && *s <= 'Z' && i > 0 && b[i - 1] >= 'a' &&
		    b[i - 1] <= 'z' && s[1] >= 'a' && s[1] <= 'z')
			b[i++] = '_';
		b[i++] = *s >= 'A' && *s <= 'Z' ? *s + 32 : *s;
	}
	return i;
}

/* class and id, lowercased, into b; 0 when the element has neither. */
static int
fold_class_id(const char *c, const char *id, char *b, size_t size)
{
	size_t		 i;

	if (c == NULL && id == NULL)
		return 0;
	i = fold_words_of(c, b, 0, size / 2);
	b[i++] = ' ';
	i = fold_words_of(id, b, i, size - 2);
	b[i] = '\0';
	return 1;
}

static int
class_id(xmlNodePtr n, char *b, size_t size)
{
	return fold_class_id(article_attr(n, "class"), article_attr(n, "id"),
	    b, size);
}

/*
 * One of the words of s (runs of letters and digits) is in the sorted
 * set: "article__lead" is a lead, utility classes ("leading-130") are
 * not.
 */
static int
word_of(const char *s, const char *const *set, size_t n)
{
	char		 w[32];
	size_t		 i;

	while (*s != '\0') {
		for (i = 0; (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9');
		    s++)
			if (i < sizeof(w) - 1)
				w[i++] = *s;
		w[i] = '\0';
		if (i > 0 && in_set((const xmlChar *)w, set, n))
			return 1;
		if (*s != '\0')
			s++;
	}
	return 0;
}

/* The attributes the extractor reads, in one walk of the list. */
struct attrs {
	const char	*class, *id, *role, *itemprop, *style, *aria_hidden;
	int		 hidden, href, name;
};

static void
attrs_read(xmlNodePtr n, struct attrs *t)
{
	xmlAttrPtr	 a;
	const char	*k, *v, **slot;

	memset(t, 0, sizeof(*t));
	for (a = n->properties; a != NULL; a = a->next) {
		k = (const char *)a->name;
		switch (k[0]) {
		case 'a':
			slot = strcmp(k, "aria-hidden") == 0 ? &t->aria_hidden :
			    NULL;
			break;
		case 'c':
			slot = strcmp(k, "class") == 0 ? &t->class : NULL;
			break;
		case 'h':
			if (strcmp(k, "hidden") == 0)
				t->hidden = 1;
			else if (strcmp(k, "href") == 0)
				t->href = a->children == NULL ||
				    a->children->content == NULL ||
				    strncasecmp((const char *)
				    a->children->content, "javascript:", 11) != 0 ?
				    1 : 2;
			continue;
		case 'n':
			if (strcmp(k, "name") == 0)
				t->name = 1;
			continue;
		case 'i':
			slot = strcmp(k, "id") == 0 ? &t->id :
			    strcmp(k, "itemprop") == 0 ? &t->itemprop : NULL;
			break;
		case 'r':
			slot = strcmp(k, "role") == 0 ? &t->role : NULL;
			break;
		case 's':
			slot = strcmp(k, "style") == 0 ? &t->style : NULL;
			break;
		default:
			continue;
		}
		if (slot == NULL || *slot != NULL)
			continue;	/* the first one counts */
		v = a->children == NULL || a->children->content == NULL ? "" :
		    (const char *)a->children->content;
		*slot = v;
	}
}

/* The style sets property to value ("display : none" as "display:none"). */
static int
style_is(const char *style, const char *property, const char *value)
{
	const char	*p, *q;
	size_t		 n = strlen(property), v = strlen(value);

	for (p = style; (p = strcasestr(p, property)) != NULL; p += n) {
		q = p + n;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q++ != ':')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, value, v) == 0)
			return 1;
	}
	return 0;
}

/* hidden, aria-hidden="true", style="display:none": never shown. */
static int
attrs_hidden(const struct attrs *t)
{
	return t->hidden || (t->aria_hidden != NULL &&
	    strcasecmp(t->aria_hidden, "true") == 0) || (t->style != NULL &&
	    (style_is(t->style, "display", "none") ||
	    style_is(t->style, "visibility", "hidden")));
}

static int
role_skipped(const char *r)
{
	if (r == NULL)
		return 0;
	return strcasecmp(r, "navigation") == 0 ||
	    strcasecmp(r, "complementary") == 0 ||
	    strcasecmp(r, "menu") == 0 || strcasecmp(r, "menubar") == 0 ||
	    strcasecmp(r, "dialog") == 0 ||
	    strcasecmp(r, "alertdialog") == 0 ||
	    strcasecmp(r, "contentinfo") == 0 ||
	    strcasecmp(r, "banner") == 0;
}

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static const struct tag *
tag_of(const xmlChar *name)
{
	return bsearch(name, tags, NITEMS(tags), sizeof(tags[0]), tag_cmp);
}

/* Read whatever its class says: it held most of the page (count_pass). */
static int
exempt(const struct extract *x, xmlNodePtr n)
{
	size_t	 i;

	for (i = 0; i < x->nexempt; i++)
		if (x->exempt[i] == n)
			return 1;
	return 0;
}

/*
 * A <title> never closed: libxml2 sets the rest of the page inside it,
 * and inside <head>.  Either holding a <div>, <p> or <table> is read.  So
 * is a <head> holding an element that has no place there (a stray
 * "<mbox>" before the page's tables): a browser ends the head at it and
 * shows the rest as the body, libxml2 keeps it all in the head.
 */
static const char *const head_elems[] = {
	"base", "link", "meta", "noscript", "script", "style", "template",
	"title"
};

static int
misnested_head(xmlNodePtr n)
{
	xmlNodePtr	 c;
	int		 head;

	if (strcmp((const char *)n->name, "title") != 0 &&
	    strcmp((const char *)n->name, "head") != 0)
		return 0;
	head = n->name[0] == 'h';
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "div") == 0 ||
		    strcmp((const char *)c->name, "p") == 0 ||
		    strcmp((const char *)c->name, "table") == 0 ||
		    misnested_head(c) || (head && !in_set(c->name,
		    head_elems, NITEMS(head_elems))))
			return 1;
	}
	return 0;
}

static size_t	 subtree_chars(xmlNodePtr);

/*
 * A <noscript> holding paragraphs of prose is the page as a browser
 * without scripts shows it: blogs that render the post from a <script
 * type=text/template> set the same post there.  Read; its short notices
 * ("enable JavaScript"), tracking pixels and a gallery's one caption are
 * not.
 */
static int
noscript_prose(xmlNodePtr n)
{
	xmlNodePtr	 c = n->children;
	size_t		 sum = 0, paras = 0;

	if (strcmp((const char *)n->name, "noscript") != 0)
		return 0;
	while (c != NULL && c != n) {
		if (is_element(c, "p")) {
			paras++;
			sum += subtree_chars(c);
		} else if (c->type == XML_ELEMENT_NODE && c->children != NULL) {
			c = c->children;
			continue;
		}
		while (c != n && c->next == NULL)
			c = c->parent;
		if (c != n)
			c = c->next;
	}
	return paras >= 2 && sum >= NOSCRIPT_MIN;
}

/* A block element with text among n's children. */
static int
holds_block(xmlNodePtr n)
{
	const struct tag	*t;
	xmlNodePtr		 c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (t = tag_of(c->name)) != NULL && (t->bits & T_BLOCK) &&
		    !(t->bits & T_BREAK) && subtree_chars(c) > 0)
			return 1;
	return 0;
}

/*
 * n a <div> inside an <article>: a theme's "sidebar-wrapper" set in the
 * post around its text and its sidebar both.  Such a block, like a W_PLACE
 * one, is read when it holds more text than the rest of the page
 * (extract_try).  Not one that holds <article>s (a sidebar of teasers)
 * nor a list (a gallery's "legends", its captions).
 */
static int
in_article(xmlNodePtr n)
{
	if (strcmp((const char *)n->name, "div") != 0)
		return 0;
	for (n = n->parent; n != NULL; n = n->parent)
		if (is_element(n, "article"))
			return 1;
	return 0;
}

/* What an element is, before its content is seen. */
static void
classify_node(struct extract *x, xmlNodePtr n, struct anode *a)
{
	const struct tag	*t;
	struct attrs		 at;
	char			 ci[256];
	int			 body, sets, unlikely;

	if ((t = tag_of(n->name)) != NULL) {
		a->tag = t->bits;
		a->base = t->base;
	}
	if ((a->tag & T_SKIP) && !misnested_head(n) && !noscript_prose(n)) {
		a->flags |= F_SKIP;
		return;
	}
	if (n->properties != NULL)
		attrs_read(n, &at);
	else
		memset(&at, 0, sizeof(at));
	if (attrs_hidden(&at)) {
		a->flags |= F_SKIP;
		return;
	}
	if (a->tag & T_SOFT) {
		a->flags |= F_SOFT | F_BLOCK;
		return;
	}
	if (a->tag & T_BLOCK)
		a->flags |= F_BLOCK;
	if (role_skipped(at.role)) {
		a->flags |= F_SOFT;
		return;
	}
	/*
	 * <a name=...> without href is a place to link to (a question's
	 * anchor in an interview), not a link.  Without a name, an <a> with
	 * no href is a script's link (onclick, data-target): a link.  So is
	 * href=javascript:..., a share or mail button, unless it wraps
	 * blocks of text: a script's click handler around the story's
	 * paragraphs, which are no link list (Readability reads them as
	 * text).
	 */
	if ((a->tag & T_LINK) && (at.href == 1 || (at.href == 2 &&
	    !holds_block(n)) || (!at.href && !at.name)))
		a->flags |= F_LINK;
	body = at.itemprop != NULL && strcasecmp(at.itemprop,
	    "articleBody") == 0;
	if (body)
		a->weight += ITEMPROP_BODY;
	if (fold_class_id(at.class, at.id, ci, sizeof(ci)) == 0)
		return;
	/* The page's own word beats a widget's id ("share-container"). */
	sets = class_words(ci);
	unlikely = (sets & W_UNLIKELY) ||
	    word_of(ci, unlikely_words, NITEMS(unlikely_words));
	if (x->strict && !body &&
	    !(a->tag & (T_CONTAINER | T_TABLE | T_LINK)) &&
	    (((((unlikely || (sets & W_PLACE)) && !exempt(x, n)) ||
	    (unlikely && (sets & W_PLACE))) &&
	    !(sets & W_MAYBE)) || ((sets & W_STRONG) && !exempt(x, n)))) {
		a->flags |= F_SKIP;
		if (!unlikely || (sets & W_MAYBE) ||
		    (!(sets & W_STRONG) && in_article(n)))
			a->flags |= F_CLASS;
		return;
	}
	/* "footnotes" holds "foot", but notes are the article's own. */
	if ((sets & W_NEGATIVE) && !(sets & W_NOTE))
		a->weight -= 25;
	if (sets & W_POSITIVE)
		a->weight += 25;
}

static double	 link_density(const struct anode *);

static struct anode *
anode_of(struct extract *x, xmlNodePtr n)
{
	uintptr_t	 i = (uintptr_t)n->_private;

	return i == 0 || i > x->n ? NULL : &x->v[i - 1];
}

static struct anode *
anode_new(struct extract *x, xmlNodePtr n)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->v = reallocarray(x->v, x->cap, sizeof(*x->v));
		if (x->v == NULL)
			fatal("article");
	}
	memset(&x->v[x->n], 0, sizeof(x->v[0]));
	n->_private = (void *)(uintptr_t)++x->n;
	return &x->v[x->n - 1];
}

/* Characters of text, each run of white space one. */
static uint32_t
text_chars(const xmlChar *s, uint32_t *commas)
{
	uint32_t	 n = 0;
	int		 sp = 1;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (!sp)
				n++;
			sp = 1;
			continue;
		}
		sp = 0;
		if ((*s & 0xc0) != 0x80)
			n++;
		if (*s == ',')
			(*commas)++;
	}
	return n;
}

static void
on_text(struct extract *x, xmlNodePtr t)
{
	struct anode	*e, *b;
	uint32_t	 n, commas = 0;

	if (t->content == NULL || t->parent == NULL ||
	    (e = anode_of(x, t->parent)) == NULL)
		return;
	n = text_chars(t->content, &commas);
	x->all += n;
	e->all += n;
	e->text += n;
	e->commas += commas;
	if (x->in_link)
		e->links += n;
	if (x->block != 0) {
		b = &x->v[x->block - 1];
		b->own += n;
		b->owncommas += commas;
	}
}

/*
 * Two <br> in a row after a paragraph's worth of text end one: pages
 * that set their story as text and <br><br> in one cell score as the
 * several paragraphs Readability makes of them, not as one.  A single
 * <br> is a line break.
 */
static void
br_part(struct anode *b)
{
	if (b->own == b->mark && b->own >= b->pend + PARA_MIN &&
	    b->parts < UINT16_MAX) {
		b->parts++;
		b->pend = b->own;
	}
	b->mark = b->own;
}

static int
blank(xmlNodePtr c)
{
	const xmlChar	*s;

	if (c->type == XML_COMMENT_NODE)
		return 1;
	if (c->type != XML_TEXT_NODE)
		return 0;
	for (s = c->content; s != NULL && (*s == ' ' || *s == '\n' ||
	    *s == '\t' || *s == '\r'); s++)
		;
	return s == NULL || *s == '\0';
}

/*
 * What follows the image c, on its own line: a <br> or a <div> next
 * to it (or to the link around it, up to n).
 */
static int
image_line(xmlNodePtr n, xmlNodePtr c)
{
	for (; c != NULL && c != n; c = c->parent) {
		while (c->next != NULL && blank(c->next))
			c = c->next;
		if (c->next != NULL)
			return c->next->type == XML_ELEMENT_NODE &&
			    (strcmp((const char *)c->next->name, "br") == 0 ||
			    strcmp((const char *)c->next->name, "div") == 0);
	}
	return 0;
}

/*
 * The block's content opens with an image (<a><img>, <picture>) set on
 * a line of its own: "<p><img><br><em>Figure 4: ...</em></p>".  An
 * image floated beside a paragraph's text is not a figure.
 */
static int
image_first(xmlNodePtr n)
{
	xmlNodePtr	 c;
	int		 depth = 0;

	for (c = n->children; c != NULL; ) {
		if (c->type == XML_TEXT_NODE || c->type == XML_COMMENT_NODE) {
			if (!blank(c))
				return 0;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (strcmp((const char *)c->name, "img") == 0 ||
			    strcmp((const char *)c->name, "picture") == 0)
				return image_line(n, c);
			if ((strcmp((const char *)c->name, "a") != 0 &&
			    strcmp((const char *)c->name, "span") != 0) ||
			    ++depth > 3)
				return 0;
			c = c->children;
			continue;
		}
		c = c->next;
	}
	return 0;
}

/* A short text under an image, no paragraph of its own: a caption. */
static int
caption(xmlNodePtr n, const struct anode *a)
{
	xmlNodePtr	 c;

	if (!(a->flags & F_FIGURE) || a->text > CAPTION_MAX)
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (is_element(c, "p"))
			return 0;
	return 1;
}

static void
on_enter(struct extract *x, xmlNodePtr n)
{
	struct anode	*a;
	uint32_t	 self;

	a = anode_new(x, n);
	classify_node(x, n, a);
	self = (uint32_t)x->n;
	if ((a->tag & T_BREAK) && x->block != 0)
		br_part(&x->v[x->block - 1]);
	if (a->flags & F_BLOCK) {
		a->prev = x->block;
		x->block = self;
		if (!(a->flags & (F_SKIP | F_SOFT)) &&
		    !(a->tag & (T_CONTAINER | T_TABLE)) && image_first(n))
			a->flags |= F_FIGURE;
	}
	if (a->flags & F_LINK)
		x->in_link++;
}

/*
 * A <header> holding most of its <article>'s text is the article's body
 * set in it (a component's "description"), not a header: read.
 */
static void
header_body(struct extract *x, xmlNodePtr art, struct anode *a)
{
	xmlNodePtr	 c;
	struct anode	*h;

	for (c = art->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (h = anode_of(x, c)) == NULL || !(h->tag & T_HEADER) ||
		    (h->flags & F_SKIP) ||
		    !(h->flags & F_SOFT) || h->text < STACK_MIN ||
		    (size_t)h->all * 2 <= a->all || link_density(h) > 0.25)
			continue;
		h->flags &= ~F_SOFT;
		a->text += h->text;
		a->links += h->links;
		a->commas += h->commas;
	}
}

/*
 * A <header> holding a heading and nothing else, with the part it heads
 * after it (an accordion's "<header><h3>Vorteile ...</h3></header><div>
 * ...</div>", a <section>'s own header): the heading of a part of the
 * story, read.  A page's header has its menu and logo beside its
 * heading, or links in it.
 */
static void
part_header(struct extract *x, xmlNodePtr n, struct anode *a)
{
	xmlNodePtr	 c, h = NULL;
	struct anode	*ha;

	if (!(a->tag & T_HEADER) || !(a->flags & F_SOFT) || a->all == 0)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		if (blank(c))
			continue;
		if (c->type != XML_ELEMENT_NODE || h != NULL ||
		    c->name[0] != 'h' || c->name[1] < '2' || c->name[1] > '6' ||
		    c->name[2] != '\0')
			return;
		h = c;
	}
	if (h == NULL || (ha = anode_of(x, h)) == NULL ||
	    (ha->flags & F_SKIP) || ha->text == 0 || ha->links > 0)
		return;
	for (c = n->next; c != NULL && blank(c); c = c->next)
		;
	if (c != NULL && c->type == XML_ELEMENT_NODE)
		a->flags &= ~F_SOFT;
}

static void
on_leave(struct extract *x, xmlNodePtr n)
{
	struct anode	*a, *p;

	if ((a = anode_of(x, n)) == NULL)
		return;
	if (a->flags & F_BLOCK)
		x->block = a->prev;
	if (a->flags & F_LINK)
		x->in_link--;
	if (caption(n, a))
		a->flags |= F_SKIP;
	if (a->flags & F_SKIP)
		return;
	part_header(x, n, a);
	if ((a->tag & T_ARTICLE) && !(a->flags & F_SOFT))
		header_body(x, n, a);
	if ((a->tag & T_ARTICLE) && a->text >= STACK_MIN)
		a->arts++;
	if (n->parent != NULL && (p = anode_of(x, n->parent)) != NULL) {
		if ((a->flags & F_HEADER) || (a->tag & T_HEADER))
			p->flags |= F_HEADER;
		p->all += a->all;
		p->arts = p->arts + a->arts > UINT8_MAX ? UINT8_MAX :
		    p->arts + a->arts;
	}
	if (a->flags & F_SOFT)
		return;
	if (n->parent != NULL && (p = anode_of(x, n->parent)) != NULL) {
		p->text += a->text;
		p->links += a->links;
		p->commas += a->commas;
	}
}

/* Characters of text under n, as on_text counts them, without a tree. */
static size_t
subtree_chars(xmlNodePtr top)
{
	const struct tag	*t;
	xmlNodePtr		 n = top;
	size_t			 sum = 0;
	uint32_t		 commas = 0;

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			sum += text_chars(n->content, &commas);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
		    ((t = tag_of(n->name)) == NULL || !(t->bits & T_SKIP))) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	return sum;
}

/* Text its class drops: how much, and the largest block of it. */
static void
on_dropped(struct extract *x, xmlNodePtr n)
{
	size_t	 c = subtree_chars(n);

	x->dropped += c;
	if (c > x->bigchars) {
		x->big = n;
		x->bigchars = c;
	}
}

/*
 * Every element in document order, within the caps, without recursion:
 * counts and classes.  -1 when the page has more nodes than the cap.
 */
static int
count_pass(struct extract *x, xmlNodePtr root)
{
	xmlNodePtr	 n = root;
	struct anode	*a;
	int		 depth = 0, down;

	while (n != NULL) {
		down = 0;
		if (n->type == XML_ELEMENT_NODE) {
			if (x->n >= ARTICLE_MAX_NODES)
				return -1;
			on_enter(x, n);
			a = &x->v[x->n - 1];
			down = !(a->flags & F_SKIP) && n->children != NULL &&
			    depth < ARTICLE_MAX_DEPTH;
			if (down)
				a->flags |= F_OPEN;
			else {
				if ((a->flags & F_CLASS) && n->children != NULL)
					on_dropped(x, n);
				on_leave(x, n);
			}
		} else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			on_text(x, n);
		if (down) {
			n = n->children;
			depth++;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			depth--;
			on_leave(x, n);
		}
		if (n == root)
			break;
		n = n->next;
	}
	return 0;
}

/* A soft element holding most of the page is a parser's misnesting. */
static int
soft_small(const struct extract *x, const struct anode *a)
{
	return (a->flags & F_SOFT) && x->misnested < 2 &&
	    (!x->misnested || (size_t)a->all * 2 <= x->all);
}

/* Inside boilerplate: a paragraph of a small soft element. */
static int
in_soft(struct extract *x, xmlNodePtr n)
{
	struct anode	*a;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if ((a = anode_of(x, n)) != NULL && soft_small(x, a))
			return 1;
	return 0;
}

static double
link_density(const struct anode *a)
{
	return a->text == 0 ? 0 : (double)a->links / a->text;
}

/*
 * A paragraph scores its parent, half to its grandparent, less above.
 * Paragraphs set with <br><br> in one block score it as the <p>s that
 * Readability makes of them would, and they would be its children.
 */
static void
score_paragraph(struct extract *x, xmlNodePtr n, const struct anode *a)
{
	struct anode	*c;
	xmlNodePtr	 p;
	double		 s;
	uint32_t	 k;
	int		 level;

	k = a->parts + (a->own >= a->pend + PARA_MIN);
	if (k == 0)
		k = 1;
	s = k + a->owncommas + (a->own / 100 > 3 * k ? 3 * k : a->own / 100);
	for (p = k > 1 ? n : n->parent, level = 0; p != NULL && level < 5 &&
	    p->type == XML_ELEMENT_NODE; p = p->parent, level++) {
		if ((c = anode_of(x, p)) == NULL || (c->flags & F_SKIP))
			break;
		if (!(c->flags & F_SCORED)) {
			c->flags |= F_SCORED;
			c->score = c->base + c->weight;
		}
		c->score += level == 0 ? s : level == 1 ? s / 2 :
		    s / (level * 3);
	}
}

/* The five best candidates, for the choice of their common ancestor. */
static void
keep_alt(struct extract *x, xmlNodePtr n, double f)
{
	size_t	 i, j;

	for (i = 0; i < x->nalt; i++)
		if (f > anode_of(x, x->alt[i])->score)
			break;
	if (i == sizeof(x->alt) / sizeof(x->alt[0]))
		return;
	if (x->nalt < sizeof(x->alt) / sizeof(x->alt[0]))
		x->nalt++;
	for (j = x->nalt - 1; j > i; j--)
		x->alt[j] = x->alt[j - 1];
	x->alt[i] = n;
}

/* Score every paragraph, then the best candidate; NULL when none. */
static xmlNodePtr
best_candidate(struct extract *x, xmlNodePtr root)
{
	xmlNodePtr	 n = root, best = NULL;
	struct anode	*a;
	double		 top = 0, f;

	for (n = root; n != NULL; ) {
		a = n->type == XML_ELEMENT_NODE ? anode_of(x, n) : NULL;
		if (a != NULL && !(a->flags & (F_SKIP | F_SOFT)) &&
		    (a->flags & F_BLOCK) && a->own >= PARA_MIN &&
		    !(a->tag & T_NOSCORE) && !in_soft(x, n))
			score_paragraph(x, n, a);
		if (a != NULL && (a->flags & F_OPEN)) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	for (n = root; n != NULL; ) {
		a = n->type == XML_ELEMENT_NODE ? anode_of(x, n) : NULL;
		if (a != NULL && (a->flags & F_SCORED)) {
			f = a->score * (1 - link_density(a));
			a->score = f;
			keep_alt(x, n, f);
			if (best == NULL || f > top) {
				best = n;
				top = f;
			}
		}
		if (a != NULL && (a->flags & F_OPEN)) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	return best;
}

static int
same_class(xmlNodePtr a, xmlNodePtr b)
{
	const char	*ca = article_attr(a, "class"), *cb = article_attr(b,
			    "class");

	return ca != NULL && cb != NULL && *ca != '\0' && strcmp(ca, cb) == 0;
}

/* Readability's siblings: those scoring near the best, and plain text. */
static int
sibling_joins(struct extract *x, xmlNodePtr top, xmlNodePtr s)
{
	struct anode	*t = anode_of(x, top), *a = anode_of(x, s);
	double		 limit, bonus = 0;

	if (s == top)
		return 1;
	if (a == NULL || (a->flags & F_SKIP) || soft_small(x, a) ||
	    a->text == 0)
		return 0;
	/* Infinite scroll: the next story is not part of this one. */
	if (a->arts > 0 && t->arts > 0)
		return 0;
	limit = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
	if (same_class(top, s))
		bonus = t->score * 0.2;
	if ((a->flags & F_SCORED) && a->score + bonus >= limit)
		return 1;
	if (a->text > 200 && link_density(a) < 0.1 &&
	    (a->weight >= 0 || (a->flags & F_SCORED)))
		return 1;
	if (strcmp((const char *)s->name, "p") == 0) {
		if (a->text > 80 && link_density(a) < 0.25)
			return 1;
		if (a->text <= 80 && a->links == 0 && a->text >= PARA_MIN)
			return 1;
	}
	return 0;
}

static int
block_tag(xmlNodePtr s)
{
	const struct tag	*t;

	return s->type == XML_ELEMENT_NODE && (t = tag_of(s->name)) != NULL &&
	    (t->bits & T_BLOCK);
}

/*
 * The link that n's text opens with, when a line break follows it: a
 * teaser's headline (<a>Title</a><br>summary, or a link around the
 * title's block); NULL otherwise.  A link of images before it (the
 * teaser's picture) is passed over.
 */
static xmlNodePtr
head_link(struct extract *x, xmlNodePtr n)
{
	xmlNodePtr	 c = n->children, l = NULL, s;
	struct anode	*a;

	while (c != NULL) {
		if (c->type == XML_TEXT_NODE && !blank(c))
			break;
		if (c->type == XML_ELEMENT_NODE && c->children != NULL &&
		    ((a = anode_of(x, c)) == NULL || !(a->flags & F_SKIP))) {
			if (c->name[0] == 'a' && c->name[1] == '\0')
				l = c;
			c = c->children;
			continue;
		}
		while (c != n && c->next == NULL) {
			c = c->parent;
			if (c == l)
				l = NULL;	/* a link of images: the next */
		}
		if (c == n)
			return NULL;
		c = c->next;
	}
	if (c == NULL || l == NULL)
		return NULL;
	/* A block inside the link, or a <br> or a block after it. */
	for (s = l->children; s != NULL; s = s->next)
		if (block_tag(s))
			return l;
	for (s = l->next; s != NULL && blank(s); s = s->next)
		;
	if (s == NULL && l->parent != n && block_tag(l->parent))
		return l;	/* <h4><a>Title</a></h4>summary */
	return s != NULL && block_tag(s) ? l : NULL;
}

/* One teaser of a grid: a headline link, then max or less of summary. */
static int
teaser_shape(struct extract *x, xmlNodePtr n, uint32_t max)
{
	struct anode	*a = anode_of(x, n), *h;
	xmlNodePtr	 l;

	if (a == NULL || !(a->flags & F_BLOCK) || (a->tag & T_CONTAINER) ||
	    a->text > max || a->text < a->links + PARA_MIN ||
	    (l = head_link(x, n)) == NULL || (h = anode_of(x, l)) == NULL)
		return 0;
	return h->text >= TEASER_HEAD;
}

static int
teaser_like(struct extract *x, xmlNodePtr n, xmlNodePtr s)
{
	return s != NULL && s->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)s->name, (const char *)n->name) == 0 &&
	    teaser_shape(x, s, TEASER_MAX);
}

/*
 * A teaser of a grid of them, other stories' headlines and summaries:
 * another of the same shape stands beside it, or in the next row (a
 * table's cells, one teaser a row).
 */
static int
teaser(struct extract *x, xmlNodePtr n)
{
	static const char *const words[] = { "teaser", "teasers" };
	xmlNodePtr	 r, c;
	char		 ci[256];

	/* One the page calls a teaser needs no other beside it. */
	if (class_id(n, ci, sizeof(ci)) &&
	    word_of(ci, words, NITEMS(words)) &&
	    teaser_shape(x, n, TEASER_NAMED))
		return 1;
	if (!teaser_shape(x, n, TEASER_MAX))
		return 0;
	if (teaser_like(x, n, xmlPreviousElementSibling(n)) ||
	    teaser_like(x, n, xmlNextElementSibling(n)))
		return 1;
	if ((r = n->parent) == NULL || r->type != XML_ELEMENT_NODE)
		return 0;
	r = xmlNextElementSibling(r) != NULL ? xmlNextElementSibling(r) :
	    xmlPreviousElementSibling(r);
	for (c = r != NULL ? r->children : NULL; c != NULL; c = c->next)
		if (same_class(n, c) && teaser_like(x, n, c))
			return 1;
	return 0;
}

/* Link lists and boilerplate blocks inside the article (Readability). */
static int
pruned(struct extract *x, const struct anode *a)
{
	double		 ld;

	if ((a->flags & F_SKIP) || soft_small(x, a))
		return 1;
	/*
	 * Mostly links and little else, as flush() judges a paragraph, but
	 * over the whole block when a <br> cuts it: a teaser's headline,
	 * <br>, then its source and date is one item of a link list, not a
	 * link and a line.
	 */
	if (a->mark > 0 && !(a->tag & T_CONTAINER) &&
	    (size_t)a->links * 2 > a->text && a->text - a->links < LINKY_PROSE)
		return 1;
	if (!(a->tag & T_PRUNE))
		return 0;
	/*
	 * Most of the article is the article, whatever its class says: page
	 * builders wrap every block in a "widget" (elementor-widget-wrap)
	 * that Readability's words weigh down.
	 */
	if (a->weight < 0 && !(a->flags & F_SCORED && a->score > 0) &&
	    (size_t)a->text * 2 <= x->article)
		return 1;
	if (a->commas >= 10)
		return 0;
	ld = link_density(a);
	/*
	 * A list inside the article is read item by item: an item that is
	 * only a link is dropped where it is flushed, one with prose of
	 * its own is kept (Readability's lists).
	 */
	if (a->weight < 25 && (a->tag & T_LIST))
		return 0;
	return (a->weight < 25 && ld > 0.33) || (a->weight >= 25 && ld > 0.5);
}

/*
 * A sentence of prose with a link in it, however long the link: words of
 * its own before it and a full stop at the end ("X replaces Y, <a>who
 * held the post for eight months.</a>").  A link list's items are
 * headlines, with no full stop.
 */
static int
linked_sentence(const struct buf *p, size_t links)
{
	size_t	 n = p->len;

	while (n > 0 && (p->d[n - 1] == ' ' || p->d[n - 1] == '\n'))
		n--;
	return n >= LINKED_SENTENCE && p->len - links >= LINKY_OWN &&
	    (p->d[n - 1] == '.' || p->d[n - 1] == '!' || p->d[n - 1] == '?');
}

/* The paragraph so far, folded, unless it is mostly links. */
static void
flush(struct extract *x)
{
	struct buf	*p = &x->para;
	size_t		 start = x->out.len, i;

	/* Mostly links and little else: a link list, not prose. */
	if (p->len > 0 && (x->para_links * 2 <= p->len ||
	    p->len - x->para_links >= LINKY_PROSE ||
	    linked_sentence(p, x->para_links))) {
		if (x->out.len > 0)
			buf_add(&x->out, "\n\n", 2);
		start = x->out.len;
		text_clean(p->d, p->len, &x->out, 1);
		for (i = start; i < x->out.len && x->out.d[i] == ' '; i++)
			;
		if (i > start) {
			memmove(x->out.d + start, x->out.d + i,
			    x->out.len - i + 1);
			x->out.len -= i - start;
		}
		while (x->out.len > start && x->out.d[x->out.len - 1] == ' ')
			x->out.d[--x->out.len] = '\0';
		if (x->out.len == start) {
			x->out.len = start >= 2 ? start - 2 : 0;
			x->out.d[x->out.len] = '\0';
		}
	}
	buf_reset(p);
	x->para_links = 0;
}

/*
 * An empty <a name=comments> (or id): the target of the page's "jump to
 * the comments" link, where the readers' comments begin.  The story has
 * ended there, whatever the blocks below it are called.
 */
static int
comments_anchor(struct extract *x, xmlNodePtr n, const struct anode *a)
{
	const char	*v;

	if (!(a->tag & T_LINK) || a->all != 0 || x->out.len < TAIL_AFTER)
		return 0;
	if ((v = article_attr(n, "name")) == NULL &&
	    (v = article_attr(n, "id")) == NULL)
		return 0;
	return strcasecmp(v, "comments") == 0 || strcasecmp(v, "comment") == 0;
}

static int
is_heading(xmlNodePtr n)
{
	return n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' &&
	    n->name[2] == '\0';
}

/*
 * The paragraph of the block n, left: a heading's text is kept, to be
 * left out if nothing follows it in the end (lonely_head).
 */
static void
flush_block(struct extract *x, xmlNodePtr n)
{
	size_t	 start = x->out.len, l;

	flush(x);
	if (x->out.len == start || !is_heading(n))
		return;
	if (start > 0)
		start += 2;
	l = x->out.len - start;
	x->headlen = l < sizeof(x->head) ? l : 0;
	memcpy(x->head, x->out.d + start, x->headlen);
}

/* The text under n, one paragraph per block. */
static void
emit(struct extract *x, xmlNodePtr top)
{
	xmlNodePtr	 n = top;
	struct anode	*a;
	int		 links = 0, down;

	while (n != NULL && !x->ended) {
		down = 0;
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL) {
				size_t	 l = strlen((char *)n->content);

				buf_add(&x->para, n->content, l);
				if (links)
					x->para_links += l;
			}
		} else if (n->type == XML_ELEMENT_NODE &&
		    (a = anode_of(x, n)) != NULL && comments_anchor(x, n, a)) {
			x->ended = 1;
			break;
		} else if (n->type == XML_ELEMENT_NODE &&
		    (a = anode_of(x, n)) != NULL &&
		    (n == top || (!pruned(x, a) && !teaser(x, n)))) {
			if (a->flags & F_BLOCK)
				flush(x);
			if (a->flags & F_LINK)
				links++;
			down = (a->flags & F_OPEN) != 0;
			if (!down && (a->flags & F_LINK))
				links--;
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != top && n->next == NULL) {
			n = n->parent;
			if ((a = anode_of(x, n)) != NULL) {
				if (a->flags & F_BLOCK)
					flush_block(x, n);
				if (a->flags & F_LINK)
					links--;
			}
		}
		if (n == top)
			break;
		n = n->next;
	}
	flush(x);
}

/* html, body, article, main: where the climbs stop. */
static int
container(struct extract *x, xmlNodePtr n)
{
	struct anode	*a = anode_of(x, n);

	return a == NULL || (a->tag & T_CONTAINER);
}

/*
 * Two stories or more: a feed (infinite scroll sets the next stories
 * below the one asked for), not one article cut in sections.  Teasers and
 * images set in <article> elements are short and do not count.
 */
static int
stacked(struct extract *x, xmlNodePtr n)
{
	struct anode	*a = anode_of(x, n);

	return a != NULL && a->arts >= 2;
}

static int
is_ancestor(xmlNodePtr a, xmlNodePtr n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/*
 * Readability's climb: an article cut in sections scores each section;
 * when three of the nearly-as-good candidates share an ancestor with the
 * best, that ancestor is the article; and a parent scoring more than its
 * child (and not much less than the best) is too.  Neither climbs to what
 * holds two stories (stacked()).
 */
static xmlNodePtr
climb(struct extract *x, xmlNodePtr top)
{
	struct anode	*t = anode_of(x, top), *a;
	xmlNodePtr	 p;
	double		 last, floor;
	size_t		 i, k;

	for (p = top->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !container(x, p) && !stacked(x, p); p = p->parent) {
		for (i = 1, k = 0; i < x->nalt; i++)
			if (anode_of(x, x->alt[i])->score >= 0.75 * t->score &&
			    is_ancestor(p, x->alt[i]))
				k++;
		if (k >= 3) {
			top = p;
			break;
		}
	}
	t = anode_of(x, top);
	last = t->score;
	floor = last / 3;
	for (p = top->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !container(x, p) && !stacked(x, p); p = p->parent) {
		if ((a = anode_of(x, p)) == NULL || !(a->flags & F_SCORED))
			continue;
		if (a->score < floor)
			break;
		if (a->score > last) {
			top = p;
			break;
		}
		last = a->score;
	}
	return top;
}

/* The best candidate's parent holds the article when it is all of it. */
static xmlNodePtr
widen(struct extract *x, xmlNodePtr top)
{
	struct anode	*a, *p;

	while (top->parent != NULL && top->parent->type == XML_ELEMENT_NODE &&
	    !container(x, top->parent)) {
		a = anode_of(x, top);
		p = anode_of(x, top->parent);
		if (a == NULL || p == NULL || p->text != a->text)
			break;
		top = top->parent;
	}
	return top;
}

/* The <article> element holding the text, near it; NULL when none. */
static xmlNodePtr
article_of(xmlNodePtr top)
{
	xmlNodePtr	 p;
	int		 level;

	for (p = top->parent, level = 0; p != NULL && level < 8 &&
	    p->type == XML_ELEMENT_NODE; p = p->parent, level++)
		if (strcmp((const char *)p->name, "article") == 0)
			return p;
	return NULL;
}

/*
 * Where to look for the lead when no <article> holds the text: the
 * block LEAD_UP levels above it, below <body>.
 */
static xmlNodePtr
lead_scope(xmlNodePtr top)
{
	xmlNodePtr	 p = top->parent;
	int		 level;

	for (level = 1; level < LEAD_UP && p->parent != NULL &&
	    p->parent->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)p->parent->name, "body") != 0 &&
	    strcmp((const char *)p->parent->name, "html") != 0; level++)
		p = p->parent;
	return p;
}

/* n, or what encloses it up to the article, is called a lead. */
static int
lead_named(xmlNodePtr n, xmlNodePtr art)
{
	char	 ci[256];

	if (strcmp((const char *)n->name, "h1") == 0)
		return 0;
	for (; n != NULL && n != art; n = n->parent)
		if (class_id(n, ci, sizeof(ci)) &&
		    word_of(ci, lead_words, NITEMS(lead_words)))
			return 1;
	return 0;
}

/* Part of the text already: the best candidate or a sibling joining it. */
static int
emitted(struct extract *x, xmlNodePtr top, xmlNodePtr n)
{
	return n == top || (n->parent == top->parent &&
	    sibling_joins(x, top, n));
}

/* Inside a <header> that emit() prunes, below body. */
static int
in_header(struct extract *x, xmlNodePtr n, xmlNodePtr body)
{
	struct anode	*a;

	for (; n != NULL && n != body; n = n->parent)
		if ((a = anode_of(x, n)) != NULL && (a->tag & T_HEADER) &&
		    soft_small(x, a))
			return 1;
	return 0;
}

/*
 * The lead: news pages set it in the article's header, above the body
 * that wins the scoring, in an element the page calls a lead, teaser,
 * standfirst or summary.  Prose of its own, few links, before the text.
 * A header inside the body itself is boilerplate that emit() prunes:
 * the lead is looked for there too (the walk goes down only where a
 * header is), then the walk ends.  Without an <article>, the walk is
 * over the block LEAD_UP levels above the body (lead_scope()): further
 * up, a page's teasers of other stories are near.  An <article> with no
 * lead inside may have its header just before it, as a sibling: the
 * lead is looked for there too.
 */
/* The lead in art, before top's text: the characters emitted. */
static size_t
lead_in(struct extract *x, xmlNodePtr top, xmlNodePtr art)
{
	xmlNodePtr	 n, body = NULL;
	struct anode	*a;
	size_t		 got = 0;

	for (n = art->children; n != NULL && got < LEAD_MAX; ) {
		a = n->type == XML_ELEMENT_NODE ? anode_of(x, n) : NULL;
		if (a != NULL && body == NULL && emitted(x, top, n)) {
			if (!(a->flags & F_OPEN) || !(a->flags & F_HEADER))
				break;
			body = n;
			n = n->children;
			continue;
		}
		if (a != NULL && !(a->flags & F_SKIP) && (a->flags & F_BLOCK) &&
		    a->own >= PARA_MIN && a->all == a->text &&
		    link_density(a) < 0.2 &&
		    (body == NULL || in_header(x, n, body)) &&
		    lead_named(n, art)) {
			emit(x, n);
			got += a->own;
		} else if (a != NULL && (a->flags & F_OPEN) &&
		    !(a->flags & F_SKIP) && (body == NULL ||
		    (a->flags & F_HEADER) || in_header(x, n, body))) {
			n = n->children;
			continue;
		}
		while (n != art && n != body && n->next == NULL)
			n = n->parent;
		if (n == art || n == body)
			break;
		n = n->next;
	}
	return got;
}

static void
emit_lead(struct extract *x, xmlNodePtr top)
{
	xmlNodePtr	 art, h;
	struct anode	*a;

	if ((art = article_of(top)) == NULL) {
		lead_in(x, top, lead_scope(top));
		return;
	}
	if (lead_in(x, top, art) > 0)
		return;
	/* The <article>'s header set before it, beside it: the lead there. */
	if ((h = xmlPreviousElementSibling(art)) != NULL &&
	    (a = anode_of(x, h)) != NULL && (a->tag & T_HEADER) &&
	    !(a->flags & F_SKIP))
		lead_in(x, top, h);
}

/*
 * A best candidate mostly links is a page's frame (a layout table, the
 * article in one cell, link lists in the others), and pruning its link
 * lists can take the article's cell with them.  A candidate inside it,
 * scoring half as well or better, with few links and a quarter of the
 * frame's text outside links, is the article.
 */
static xmlNodePtr
frame_article(struct extract *x, xmlNodePtr top)
{
	struct anode	*t = anode_of(x, top), *a;
	size_t		 i;

	if (link_density(t) <= FRAME_LINKS)
		return top;
	for (i = 0; i < x->nalt; i++) {
		a = anode_of(x, x->alt[i]);
		if (x->alt[i] != top && a->score >= 0.5 * t->score &&
		    link_density(a) < 0.25 &&
		    (size_t)a->text * 4 >= t->text - t->links &&
		    is_ancestor(top, x->alt[i]))
			return widen(x, x->alt[i]);
	}
	return top;
}

/*
 * A best candidate that wins by its class's weight ("futer_content" holds
 * "content") with a paragraph or two of a site's blurb loses to one,
 * elsewhere on the page and scoring half as well or better, with four
 * times its prose outside links: that one is the story.  A winner of
 * fewer than THIN_MIN bytes is no blurb: the story is in its siblings,
 * which join it.
 */
static xmlNodePtr
thin_best(struct extract *x, xmlNodePtr top)
{
	struct anode	*t = anode_of(x, top), *a;
	size_t		 i;

	if (t->weight <= 0 || t->text - t->links >= THIN_TEXT ||
	    t->text - t->links < THIN_MIN)
		return top;
	for (i = 0; i < x->nalt; i++) {
		a = anode_of(x, x->alt[i]);
		if (x->alt[i] != top && a->score >= 0.5 * t->score &&
		    a->text - a->links >= 4 * (t->text - t->links) &&
		    !is_ancestor(top, x->alt[i]) && !is_ancestor(x->alt[i], top))
			return x->alt[i];
	}
	return top;
}

/*
 * What holds the best candidate, up to the container: the article's
 * section of the page, whose siblings may hold the rest of it.
 */
static xmlNodePtr
section_of(struct extract *x, xmlNodePtr top)
{
	while (top->parent != NULL && top->parent->type == XML_ELEMENT_NODE &&
	    !container(x, top->parent))
		top = top->parent;
	return top;
}

/* A sibling of the section that is prose too: more of the article. */
static int
section_joins(struct extract *x, xmlNodePtr top, xmlNodePtr s)
{
	struct anode	*t = anode_of(x, top), *a = anode_of(x, s);

	if (a == NULL || (a->flags & (F_SKIP | F_SOFT)) || soft_small(x, a) ||
	    !(a->flags & F_SCORED) || a->weight < 0)
		return 0;
	if (a->arts > 0 && t->arts > 0)
		return 0;
	return a->text > SECTION_MIN && link_density(a) < 0.1 &&
	    a->commas * 200 >= a->text;
}

/* The nearest story (a long <article>) holding n; NULL when none. */
static xmlNodePtr
story_of(struct extract *x, xmlNodePtr n)
{
	struct anode	*a;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if ((a = anode_of(x, n)) != NULL && (a->tag & T_ARTICLE) &&
		    !(a->flags & F_SKIP) && a->text >= STACK_MIN)
			return n;
	return NULL;
}

/*
 * The next element after n in document order under top, n's subtree
 * skipped when down is 0 or it was not read; NULL at the end.
 */
static xmlNodePtr
walk_next(struct extract *x, xmlNodePtr top, xmlNodePtr n, int down)
{
	struct anode	*a;

	if (down && n->type == XML_ELEMENT_NODE &&
	    (a = anode_of(x, n)) != NULL && (a->flags & F_OPEN))
		return n->children;
	while (n != top && n->next == NULL)
		n = n->parent;
	return n == top ? NULL : n->next;
}

/*
 * Infinite scroll sets the next stories below the one asked for: in a
 * feed of stories, the best candidate of the first story, not the best
 * of them all (a longer story further down).
 */
static xmlNodePtr
first_story(struct extract *x, xmlNodePtr top)
{
	xmlNodePtr	 art, feed, n, best = NULL;
	struct anode	*a;

	if ((art = story_of(x, top)) == NULL)
		return top;
	for (feed = art->parent; feed != NULL &&
	    feed->type == XML_ELEMENT_NODE && !stacked(x, feed);
	    feed = feed->parent)
		;
	if (feed == NULL || feed->type != XML_ELEMENT_NODE)
		return top;
	for (n = feed->children; n != NULL; n = walk_next(x, feed, n, 1))
		if (n->type == XML_ELEMENT_NODE && story_of(x, n) == n)
			break;
	if (n == NULL || n == art || is_ancestor(n, art))
		return top;
	art = n;
	for (n = art->children; n != NULL; n = walk_next(x, art, n, 1))
		if (n->type == XML_ELEMENT_NODE &&
		    (a = anode_of(x, n)) != NULL && (a->flags & F_SCORED) &&
		    (best == NULL || a->score > anode_of(x, best)->score))
			best = n;
	return best != NULL && anode_of(x, best)->score > 0 ? best : top;
}

/* The first word of n's class and its length (0 when none). */
static size_t
class_head(xmlNodePtr n, const char **w)
{
	const char	*c = article_attr(n, "class");
	size_t		 len;

	if (c == NULL)
		return 0;
	c += strspn(c, " \t\n");
	len = strcspn(c, " \t\n");
	*w = c;
	return len;
}

/* An <article> of n's kind: the first word of their classes is one. */
static int
same_part(xmlNodePtr n, xmlNodePtr s)
{
	const char	*a, *b;
	size_t		 la, lb;

	if (s->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)s->name, "article") != 0 ||
	    (la = class_head(n, &a)) == 0 || (lb = class_head(s, &b)) != la)
		return 0;
	return strncmp(a, b, la) == 0;
}

/* An <h1> read under n. */
static int
holds_h1(struct extract *x, xmlNodePtr n)
{
	xmlNodePtr	 c;

	for (c = n->children; c != NULL; c = walk_next(x, n, c, 1))
		if (is_element(c, "h1"))
			return 1;
	return 0;
}

/*
 * Sibling <article>s of one kind, none with a headline (<h1>) of its
 * own, are the parts of one text, not a feed of stories: a CMS's
 * content elements (TYPO3's "contentElement"), a forum thread's posts
 * (XenForo's "message").  The outermost <article> holding the best
 * candidate, when it is one of them; NULL when not.
 */
static xmlNodePtr
parts_of(struct extract *x, xmlNodePtr top)
{
	xmlNodePtr	 p, art = NULL, s;
	size_t		 k = 0;

	for (p = top; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (strcmp((const char *)p->name, "article") == 0)
			art = p;
	if (art == NULL || art->parent == NULL)
		return NULL;
	for (s = art->parent->children; s != NULL; s = s->next)
		if (same_part(art, s)) {
			if (holds_h1(x, s))
				return NULL;
			k++;
		}
	return k >= 2 ? art : NULL;
}

/* Another part of the text: read, and prose. */
static int
part_joins(struct extract *x, xmlNodePtr art, xmlNodePtr s)
{
	struct anode	*a;

	return s != art && same_part(art, s) &&
	    (a = anode_of(x, s)) != NULL && !(a->flags & (F_SKIP | F_SOFT)) &&
	    a->text > 0 && a->weight >= 0 && link_density(a) < 0.33;
}

/*
 * The part of s that the best candidate is of art: the element of its
 * name and class (a post's text, not its author's card); all of s when
 * none is.
 */
static void
emit_part(struct extract *x, xmlNodePtr art, xmlNodePtr top, xmlNodePtr s)
{
	const char	*c = article_attr(top, "class"), *d;
	xmlNodePtr	 n;

	for (n = s->children; top != art && c != NULL && n != NULL;
	    n = walk_next(x, s, n, 1))
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, (const char *)top->name) == 0 &&
		    (d = article_attr(n, "class")) != NULL && strcmp(c, d) == 0) {
			emit(x, n);
			return;
		}
	emit(x, s);
}

/*
 * A tiny page (a note, a test page, a stub) may hold no paragraph long
 * enough to score: its body is its text, as Readability reads it, unless
 * it is mostly links (a menu alone is no article).
 */
static xmlNodePtr
tiny_body(struct extract *x, xmlNodePtr root)
{
	struct anode	*a;
	xmlNodePtr	 n;

	if (x->all >= ARTICLE_MIN)
		return NULL;
	for (n = root->children; n != NULL; n = n->next)
		if (is_element(n, "body"))
			break;
	if (n == NULL || (a = anode_of(x, n)) == NULL ||
	    (a->flags & F_SKIP) || a->text == 0 || link_density(a) > 0.5)
		return NULL;
	return n;
}

static void
extract_text(struct extract *x, xmlNodePtr root)
{
	xmlNodePtr	 top, s, sec, art;

	if ((top = best_candidate(x, root)) == NULL) {
		if ((top = tiny_body(x, root)) != NULL) {
			x->whole = 1;
			emit(x, top);
		}
		return;
	}
	top = first_story(x, thin_best(x, top));
	top = widen(x, climb(x, top));
	top = frame_article(x, top);
	x->article = anode_of(x, top)->text;
	if (top->parent == NULL || top->parent->type != XML_ELEMENT_NODE) {
		emit(x, top);
		return;
	}
	art = parts_of(x, top);
	for (s = art != NULL ? art->parent->children : NULL; s != NULL &&
	    s != art; s = s->next)
		if (part_joins(x, art, s))
			emit_part(x, art, top, s);
	sec = section_of(x, top);
	for (s = sec == top ? NULL : sec->parent->children; s != NULL &&
	    s != sec; s = s->next)
		if (s->type == XML_ELEMENT_NODE && section_joins(x, top, s))
			emit(x, s);
	emit_lead(x, top);
	for (s = top->parent->children; s != NULL; s = s->next)
		if (s->type == XML_ELEMENT_NODE && sibling_joins(x, top, s))
			emit(x, s);
	for (s = sec == top ? NULL : sec->next; s != NULL; s = s->next)
		if (s->type == XML_ELEMENT_NODE && section_joins(x, top, s))
			emit(x, s);
	for (s = art != NULL ? art->next : NULL; s != NULL; s = s->next)
		if (part_joins(x, art, s))
			emit_part(x, art, top, s);
}

/*
 * One try over the tree, by mode: 5 strict (class and id drop), 4
 * lenient, 3 strict reading a misnested <header> or <nav> that holds most
 * of the page, 2 lenient and reading it, 1 and 0 reading every soft
 * element (a page that sets its article in an <aside>).
 */
static int
count_try(struct extract *x, xmlNodePtr root, int mode, int clear)
{
	xmlNodePtr	 n;

	/* Clear what an earlier try left in the tree (a new one is clear). */
	for (n = clear ? root : NULL; n != NULL; ) {
		n->_private = NULL;
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	x->n = 0;
	x->all = 0;
	x->nalt = 0;
	x->block = 0;
	x->in_link = 0;
	x->dropped = 0;
	x->big = NULL;
	x->bigchars = 0;
	x->strict = mode & 1;
	x->misnested = mode < 2 ? 2 : mode < 4;
	return count_pass(x, root);
}

/*
 * One try over the tree, by mode: 5 strict (class and id drop), 4
 * lenient, 3 strict reading a misnested <header> or <nav> that holds most
 * of the page, 2 lenient and reading it, 1 and 0 reading every soft
 * element (a page that sets its article in an <aside>).  A block that its
 * class drops but that holds more text than all the rest of the page is
 * a wrapper ("above-footer", "legends"), not boilerplate: it is read.
 */
static int
extract_try(struct extract *x, xmlNodePtr root, int mode)
{
	x->nexempt = 0;
	if (count_try(x, root, mode, mode != 5) == -1)
		return -1;
	while (x->big != NULL && x->bigchars * 2 > x->all + x->dropped &&
	    x->nexempt < NITEMS(x->exempt)) {
		x->exempt[x->nexempt++] = x->big;
		if (count_try(x, root, mode, 1) == -1)
			return -1;
	}
	buf_reset(&x->out);
	buf_reset(&x->para);
	x->para_links = 0;
	x->ended = 0;
	x->whole = 0;
	x->headlen = 0;
	extract_text(x, root);
	return 0;
}

/*
 * Headings after which a page's text is no longer the story: its
 * comments (comment_heads), or lists of other stories (list_heads).
 * Lowercased, without digits or punctuation, sorted.  Not "related" nor
 * "recommended": sites set boxes so named inside the story.
 */
static const char *const comment_heads[] = {
	"add a comment", "add your comment", "comentarios",
	"commentaires", "comments", "comments are closed",
	"comments are now closed for this story", "have your say",
	"join the discussion", "kommentar schreiben",
	"kommentar verfassen", "kommentare", "leave a comment",
	"leave a reply", "post a comment", "reader comments",
	"readers comments", "schreibe einen kommentar",
	"tell us what you think", "user comments", "your comments"
};
/* What opens a comment form or its rules, whatever follows. */
static const char *const comment_starts[] = {
	"add your comment", "comment blog", "the following are comments",
	"your name will appear below your comment"
};
static const char *const list_heads[] = {
	"ahnliche artikel", "ahnliche beitrage", "also in the news",
	"das konnte dich auch interessieren",
	"das konnte sie auch interessieren", "external links",
	"from our partners", "latest news", "lust auf mehr",
	"mehr themen", "mehr zum thema", "more news", "more stories",
	"most popular", "most read", "other news", "related articles",
	"related coverage", "related links", "related posts",
	"related stories", "sponsored links", "top stories",
	"weitere artikel", "you may also like", "you might also like",
	"zum weiterlesen"
};
/*
 * What opens a list of other stories or a promotion, whatever follows
 * ("Mehr zum Thema Gesundheit:", "Lust auf mehr? Lass dir ..."): only
 * near the end of the text, where it is no box inside the story.
 */
static const char *const list_starts[] = {
	"diese artikel konnten", "lust auf mehr", "mehr zu diesem thema",
	"mehr zum thema", "weitere artikel", "weitere beitrage",
	"weitere infos", "weitere informationen finden",
	"weitere informationen unter", "weitere informationen zu"
};
#define LIST_START	40	/* bytes of a paragraph that list_starts
				   are looked for in */
/*
 * What heads a press release's or a report's furniture after the text:
 * whom to call, the author's box, how to cite the piece ("Pour citer cet
 * article :", the reference and the site's notes under it).  Only in the
 * last quarter, as "Weitere Informationen" may head a part of the story
 * itself.
 */
static const char *const contact_heads[] = {
	"ansprechpartner", "ansprechpartnerin", "cite this article",
	"contact", "contacts", "how to cite this article", "kontakt",
	"media contact", "media contacts", "medienkontakt",
	"pour citer cet article", "press contact", "press contacts",
	"pressekontakt", "uber den autor", "uber die autorin",
	"weitere informationen", "zitiervorschlag"
};

/*
 * The letters of UTF-8's C3 80 to C3 BF (Latin-1's accented ones) without
 * their accents, "s" for sharp s (ss); "." for the rest.
 */
static const char latin1[] =
    "aaaaaa.ceeeeiiii" ".nooooo.ouuuuy.s"
    "aaaaaa.ceeeeiiii" ".nooooo.ouuuuy.y";

/*
 * p (n bytes) lowercased into w, letters and single spaces only ("12
 * Comments:" is "comments", "Ähnliche Beiträge" "ahnliche beitrage"):
 * its length, or -1 when too long or not in Latin letters.
 */
static int
fold_words(const char *p, size_t n, char *w, size_t size)
{
	size_t	 i, k = 0;
	char	 c;

	if (n >= size * 2)
		return -1;
	for (i = 0; i < n && k < size - 1; i++) {
		if (p[i] >= 'A' && p[i] <= 'Z')
			w[k++] = p[i] + 32;
		else if ((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] == ' ' && k > 0 && w[k - 1] != ' '))
			w[k++] = p[i];
		else if ((unsigned char)p[i] == 0xc3 && i + 1 < n &&
		    (unsigned char)p[i + 1] >= 0x80 &&
		    (unsigned char)p[i + 1] <= 0xbf &&
		    (c = latin1[(unsigned char)p[i + 1] - 0x80]) != '.') {
			w[k++] = c;
			if (c == 's' && (p[i + 1] & 0x3f) == 0x1f &&
			    k < size - 1)
				w[k++] = 's';
			i++;
		} else if ((unsigned char)p[i] >= 0x80)
			return -1;
	}
	while (k > 0 && w[k - 1] == ' ')
		k--;
	w[k] = '\0';
	return (int)k;
}

/* The paragraph opens as a list or a promotion does (list_starts). */
static int
list_start(const char *p, size_t n)
{
	char	 w[LIST_START + 1];
	size_t	 i;
	int	 k;

	if ((k = fold_words(p, n < LIST_START ? n : LIST_START, w,
	    sizeof(w))) <= 0)
		return 0;
	for (i = 0; i < NITEMS(list_starts); i++)
		if (strncmp(w, list_starts[i], strlen(list_starts[i])) == 0)
			return 1;
	return 0;
}

/*
 * p (n bytes) is such a heading ("12 Comments", "Comments (3)"): 1 for
 * comments, 2 for a list, 3 for a desk's list ("... Headlines"), 4 for
 * what opens a list or a promotion (list_starts) or heads a contact
 * (contact_heads), 0 for neither.
 */
static int
tail_head(const char *p, size_t n)
{
	char	 w[96];
	size_t	 i;
	int	 k;

	if ((k = fold_words(p, n, w, sizeof(w))) <= 0)
		return list_start(p, n) ? 4 : 0;
	/* "Have your say on this story" */
	if (k > 14 && strcmp(w + k - 14, " on this story") == 0)
		w[k -= 14] = '\0';
	else if (k > 16 && strcmp(w + k - 16, " on this article") == 0)
		w[k -= 16] = '\0';
	if (k > 0 && in_set((const xmlChar *)w, comment_heads,
	    NITEMS(comment_heads)))
		return 1;
	for (i = 0; i < NITEMS(comment_starts); i++)
		if (strncmp(w, comment_starts[i], strlen(comment_starts[i])) == 0)
			return 1;
	/* "Also in UK News": a desk's list, not a sentence. */
	if (k <= 30 && strncmp(w, "also in ", 8) == 0)
		return 2;
	/* A desk's teasers: "Sports Headlines", "B.C. Headlines". */
	if (k >= 9 && strcmp(w + k - 9, "headlines") == 0 &&
	    (k == 9 || w[k - 10] == ' ') && k <= 30)
		return 3;
	if (in_set((const xmlChar *)w, list_heads, NITEMS(list_heads)))
		return 2;
	if (in_set((const xmlChar *)w, contact_heads, NITEMS(contact_heads)))
		return 4;
	/* "Das könnte Sie auch interessieren" and its kin. */
	if (k >= 18 && k <= 60 && strcmp(w + k - 18, "auch interessieren") == 0)
		return 4;
	return list_start(p, n) ? 4 : 0;
}

/*
 * The text cut at the first heading that qualifies (only a desk's list
 * when desks is set): the kind of heading cut, or 0.
 */
static int
cut_tail_once(struct buf *out, int desks)
{
	char	*p, *e, *end;
	int	 k;

	if (out->len == 0)	/* d may be NULL: no arithmetic on it */
		return 0;
	end = out->d + out->len;
	for (p = out->d; p < end; p = e + 2) {
		if ((e = strstr(p, "\n\n")) == NULL)
			e = end;
		if (p - out->d >= TAIL_AFTER && (k = tail_head(p, e - p)) != 0 &&
		    (!desks || k == 3) &&
		    (k == 1 || (size_t)(p - out->d) * 2 >= out->len) &&
		    (k != 4 || (size_t)(p - out->d) * 4 >= out->len * 3)) {
			out->len = p - out->d >= 2 ? p - out->d - 2 : 0;
			out->d[out->len] = '\0';
			return k;
		}
		if (e == end)
			break;
	}
	return 0;
}

/*
 * Comments and link lists set after the story in blocks that no class
 * names (table layouts) join it as siblings: the text ends at a heading
 * that opens them, when it comes after the first paragraphs (comments,
 * often longer than the story) or in the second half of the text (a
 * list, which a site may also set as a box inside the story).  Desks'
 * lists come one under another ("B.C. Headlines", then "Canada
 * Headlines") and fill the second half between them: once the last is
 * cut, an earlier one may stand in the second half of what is left.
 * Only desks' lists so: a "More stories" box inside the story is no
 * list of the "Top stories" below it.
 */
static void
cut_tail(struct buf *out)
{
	if (cut_tail_once(out, 0) != 3)
		return;
	while (cut_tail_once(out, 1) == 3)
		continue;
}

static int
starts(const char *p, size_t n, const char *w)
{
	size_t	 l = strlen(w);

	return n >= l && strncasecmp(p, w, l) == 0;
}

static int
has_digit(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] >= '0' && p[i] <= '9')
			return 1;
	return 0;
}

/*
 * A paragraph of the page's furniture, not of the story: a dateline
 * ("Last Updated: 11:11am GMT 10/01/2008", "Friday 28th December, 2007")
 * or a copyright notice.  Bylines are kept: dropping "By ..." lines
 * lowered as many pages as it raised.
 */
/*
 * Words of a date or time: months, weekdays, zones, ordinals' tails, and
 * the agencies that head a dateline ("Associated Press - January 2, 2008
 * 7:33 AM ET").
 */
static const char *const date_words[] = {
	"a", "afp", "ago", "am", "ap", "apr", "april", "associated",
	"at", "aug", "august", "bst", "central", "cet", "cst", "day",
	"days", "dec", "december", "eastern", "edt", "est", "et",
	"feb", "february", "fri", "friday", "gmt", "hour", "hours",
	"ist", "jan", "january", "jul", "july", "jun", "june", "m",
	"mar", "march", "may", "minute", "minutes", "mon", "monday",
	"nd", "nov", "november", "oct", "october", "p", "pacific",
	"pm", "press", "pst", "rd", "reuters", "sat", "saturday",
	"sep", "sept", "september", "st", "sun", "sunday", "th", "thu",
	"thursday", "tue", "tues", "tuesday", "updated", "us", "utc",
	"wed", "wednesday"
};

/*
 * A date or time in figures alone: "23.10.2018", "2019/05/04", "20:37",
 * "(14/01/2008)".  A separator is needed, so that a year standing alone
 * stays, and no dash nor space: a career's "1990-1994", a gallery's
 * "1 / 5" stay.  With a time in it, a date and time set as databases
 * write them ("2008-01-12 11:31:01 -") is one too.
 */
static int
numeric_date(const char *p, size_t n)
{
	size_t	 i, seps = 0;
	int	 time;

	if (n >= 2 && p[0] == '(' && p[n - 1] == ')')
		p++, n -= 2;
	time = memchr(p, ':', n) != NULL;
	if (n > NUMERIC_DATE + (time ? 4 : 0))
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] == '.' || p[i] == '/' || p[i] == ':' ||
		    (time && (p[i] == '-' || p[i] == ' ')))
			seps++;
		else if (p[i] < '0' || p[i] > '9')
			return 0;
	return seps > 0;
}

/* Nothing but a date and time: "Friday 28th December, 2007". */
static int
date_only(const char *p, size_t n)
{
	char	 w[16];
	size_t	 i = 0, k;
	int	 words = 0, digits = 0;

	while (i < n) {
		if (p[i] >= '0' && p[i] <= '9') {
			digits = 1;
			i++;
			continue;
		}
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z'))) {
			if ((unsigned char)p[i] >= 0x80)
				return 0;	/* a letter of another script */
			i++;
			continue;
		}
		for (k = 0; i < n && ((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z')); i++)
			if (k < sizeof(w) - 1)
				w[k++] = p[i] | 0x20;
		w[k] = '\0';
		if (!in_set((const xmlChar *)w, date_words, NITEMS(date_words)))
			return 0;
		words++;
	}
	return digits && (words > 0 || numeric_date(p, n));
}

/*
 * Labels a page sets as paragraphs of their own: where an advertisement
 * goes ("Advertisement" between every two of a story's), what its share
 * and print buttons say, and its gallery's, rating's, source list's and
 * download's ("Quellen ausblenden", "Als PDF herunterladen").  Folded as
 * fold_words() does, sorted.
 */
static const char *const labels[] = {
	"advertisement", "advertisements", "advertorial",
	"als pdf herunterladen",
	"anzeige", "article continues below",
	"article continues below advertisement", "artikel bewerten",
	"artikel drucken", "artikel teilen", "beitrag teilen",
	"bild anzeigen", "bild anzeigen bild schliessen",
	"brought to you by", "click photo to enlarge", "compartir",
	"continue reading below", "continue reading the main story",
	"dieses skript als pdf herunterladen", "download pdf",
	"drucken", "drukuj", "email", "font", "font size",
	"hier konnen sie den artikel bewerten", "imprimer", "imprimir",
	"jetzt teilen", "originalartikel", "page of", "partager",
	"print", "print email", "printer friendly page",
	"quellen ausblenden", "quellen einblenden", "release date",
	"send this article to friends by email", "share", "share this",
	"share this article", "share this article what is this",
	"share this story", "story continues below",
	"story continues below advertisement", "teilen",
	"tekst se nastavlja ispod oglasa", "text size",
	"vorschau auf den nachsten artikel", "werbung"
};

static int
label(const char *p, size_t n)
{
	char	 w[48];

	return fold_words(p, n, w, sizeof(w)) > 0 &&
	    in_set((const xmlChar *)w, labels, NITEMS(labels));
}

/*
 * Agencies' and sites' terms set under the story: "This material may not
 * be published, broadcast, rewritten or redistributed", "Reliance on the
 * information this site contains is at your own risk", "Alle Angaben
 * ohne Gewähr", a "Creative Commons" licence, named or by its mark
 * ("Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND",
 * "... stehen Inhalte dieser Website unter CC BY 4.0").
 */
static const char *const terms_words[] = {
	"affiliate link", "affiliate-link", "affiliatelink",
	"all rights reserved", "alle rechte vorbehalten", "at your own risk",
	"cc by ", "cc by-", "cc-by", "creative commons",
	"is expressly prohibited", "may earn a commission",
	"may not be published", "may not be redistributed",
	"may not be reproduced", "ohne gew\xc3\xa4hr"
};

/*
 * The site asking for a follow or a subscription ("Follow us on ...",
 * a paywall's "To view the full story ...", "Already a subscriber?"),
 * for a log-in before a comment ("Du musst eingeloggt sein, um
 * Kommentare zu schreiben"), or giving a reporter's address ("To
 * contact the reporter on this story: ...", "... can be reached at ...").
 */
static const char *const promo_words[] = {
	"already a subscriber", "can be reached at", "download our app",
	"follow us on", "folgen sie uns", "logged in to comment",
	"logged in to leave a comment", "logged in to post a comment",
	"please subscribe", "s\xc3\xadguenos en", "sein um kommentare",
	"sein, um kommentare", "sein, um einen kommentar", "subscribe now",
	"subscribe to our", "suscr\303\255bete", "to contact the editor",
	"to contact the reporter", "to continue reading",
	"to read the full story", "to view the full story"
};

/* p (n bytes, shorter than COPYRIGHT_MAX) holds one of words. */
static int
holds(const char *p, size_t n, const char *const *words, size_t nwords)
{
	char	 b[COPYRIGHT_MAX];
	size_t	 i;

	if (n >= sizeof(b))
		return 0;
	for (i = 0; i < n; i++)
		b[i] = (p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i];
	b[n] = '\0';
	for (i = 0; i < nwords; i++)
		if (strstr(b, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * A short paragraph asking for a follow on a network ("Follow the Daily
 * on X and Instagram @daily", up to COPYRIGHT_MAX with the desk's phone
 * and mail after it) or to join the site's own channel there ("¡Mira
 * lo que tiene nuestro canal de YouTube!"), or for the site's app
 * ("download our apps for iOS and Android"), however the site names
 * itself.
 */
static int
follow_us(const char *p, size_t n)
{
	static const char *const networks[] = {
		"facebook", "instagram", "telegram", "twitter", "whatsapp",
		"youtube"
	};
	/*
	 * Not "App Store" nor "Google Play" alone: a story on an app's
	 * release says where to download it.
	 */
	static const char *const stores[] = { "ios and android" };
	static const char *const ours[] = {
		"nuestro canal", "our channel", "tenemos canal", "unserem kanal",
		"unseren kanal"
	};

	if (n >= COPYRIGHT_MAX)
		return 0;
	if (starts(p, n, "follow ") &&
	    holds(p, n, networks, NITEMS(networks)))
		return 1;
	if (n >= PROMO_MAX)
		return 0;
	if (holds(p, n, ours, NITEMS(ours)) &&
	    holds(p, n, networks, NITEMS(networks)))
		return 1;
	return holds(p, n, (const char *const[]){ "download" }, 1) &&
	    holds(p, n, stores, NITEMS(stores));
}

/*
 * A short paragraph opening with the advertiser's mark the law asks for
 * ("*Werbung. Dieser Beitrag ...", "Anzeige, enthält Affiliate Links",
 * "Sponsored: ..."): the notice, or the advertisement itself.
 */
static int
ad_marked(const char *p, size_t n)
{
	static const char *const marks[] = {
		"advertisement", "advertorial", "anzeige", "sponsored",
		"werbung"
	};
	size_t	 i, l;

	if (n >= PROMO_MAX)
		return 0;
	/* "– Anzeige: ... –": a dash (ASCII, en or em) and space first */
	while (n > 0 && (*p == '-' || *p == ' '))
		p++, n--;
	if (n > 3 && (unsigned char)p[0] == 0xe2 &&
	    (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
		p += 3, n -= 3;
		while (n > 0 && *p == ' ')
			p++, n--;
	}
	if (n > 0 && (*p == '*' || *p == '['))
		p++, n--;
	for (i = 0; i < NITEMS(marks); i++) {
		l = strlen(marks[i]);
		/* the mark, then punctuation: "Anzeige Hamburg" is prose */
		if (n > l + 1 && starts(p, n, marks[i]) &&
		    (strchr(".,:*]", p[l]) != NULL || (p[l] == ' ' &&
		    (p[l + 1] == '-' || (unsigned char)p[l + 1] == 0xe2))))
			return 1;
	}
	return 0;
}

/*
 * The site's note on its affiliate links, above or below the story: by
 * name ("... sind Affiliate-Links", terms_words; not "affiliate" alone, a
 * group's affiliate is news), or the links and the site's commission
 * ("Dieser Artikel kann Links zu Anbietern enthalten, von denen ... eine
 * Provision erhält").
 */
static int
affiliate(const char *p, size_t n)
{
	return holds(p, n, (const char *const[]){ "provision" }, 1) &&
	    holds(p, n, (const char *const[]){ "link" }, 1);
}

static int
terms(const char *p, size_t n)
{
	return holds(p, n, terms_words, NITEMS(terms_words)) ||
	    affiliate(p, n) ||
	    (n < PROMO_MAX && holds(p, n, promo_words, NITEMS(promo_words))) ||
	    follow_us(p, n) || ad_marked(p, n);
}

/*
 * A photograph's credit left as a paragraph once its caption is gone:
 * "Photo: Jane Doe/Agency", "STAFF PHOTO BY ...".
 */
static const char *const credit_starts[] = {
	"(photo", "beitragsbild:", "bild:", "bildquelle:", "credit:",
	"cr\xc3\xa9" "dit photo", "cr\xc3\xa9" "dits photo", "foto:", "fotos:",
	"image:", "photo credit", "photo:", "photograph:", "photos:",
	"picture:", "quelle:", "source:", "sources:", "staff photo",
	"titelbild:"
};

static int
credit(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < NITEMS(credit_starts); i++)
		if (starts(p, n, credit_starts[i]))
			return 1;
	return 0;
}

/*
 * A bar of links flattened into one line: "Digg | Facebook | E-mail |
 * Print", "Home > World > Europe": three short items or more, cut by the
 * same mark.
 */
static int
bar(const char *p, size_t n)
{
	static const char *const marks[] = { "|", " > ", "\xc2\xbb" };
	size_t	 i, k, l, item, longest, cuts, empty;

	if (n >= COPYRIGHT_MAX)
		return 0;
	for (k = 0; k < NITEMS(marks); k++) {
		l = strlen(marks[k]);
		item = longest = cuts = empty = 0;
		for (i = 0; i < n; i++) {
			if (i + l <= n && memcmp(p + i, marks[k], l) == 0) {
				/* "|-- bin/ | |-- lib/": a tree, not a bar */
				if (cuts > 0 && item == 0)
					empty++;
				cuts++;
				item = 0;
				i += l - 1;
			} else if (p[i] != ' ' && ++item > longest)
				longest = item;
		}
		if (cuts >= 2 && empty == 0 && longest <= BAR_ITEM &&
		    n <= (cuts + 1) * 20)
			return 1;
	}
	return 0;
}

/*
 * A picture's caption closing with its credit: "Marco Odermatt in
 * Bormio. (c) AFP / Jane Roe", the copyright sign (C2 A9) in the last
 * CREDIT_TAIL bytes of a short paragraph, after some of its words.
 */
static int
credited_caption(const char *p, size_t n)
{
	size_t	 i;

	if (n >= CAPTION_MAX)
		return 0;
	for (i = n > CREDIT_TAIL ? n - CREDIT_TAIL : 0; i + 1 < n; i++)
		if ((unsigned char)p[i] == 0xc2 &&
		    (unsigned char)p[i + 1] == 0xa9)
			return i > 0;
	return 0;
}

static int
furniture(const char *p, size_t n)
{
	if (label(p, n) || terms(p, n) || bar(p, n))
		return 1;
	if (n < DATELINE_MAX && has_digit(p, n) &&
	    (starts(p, n, "last updated") || starts(p, n, "updated") ||
	    starts(p, n, "published") || starts(p, n, "posted") ||
	    starts(p, n, "last modified")))
		return 1;
	if (n < DATELINE_MAX && date_only(p, n))
		return 1;
	if (n < DATELINE_MAX && credit(p, n))
		return 1;
	if (credited_caption(p, n))
		return 1;
	return n < COPYRIGHT_MAX && (starts(p, n, "copyright") ||
	    starts(p, n, "\xc2\xa9") || starts(p, n, "(\xc2\xa9") ||
	    starts(p, n, "(c) "));
}

/*
 * The site asking for a sign-up at the end of the text ("Abonnieren Sie
 * jetzt den ...-Newsletter", "Sign up here", "Stay up-to-date on our
 * work", "Zapraszamy do subskrypcji"), or pointing to its other pages
 * ("Alles über ... findest du hier.", "Mehr dazu finden Sie hier"):
 * only in its last tenth, as
 * a story may tell of newsletters and subscriptions, and a site may set
 * its newsletter button above the story.
 */
static const char *const signup_words[] = {
	"abonnier", "findest du hier", "findet ihr hier", "finden sie hier",
	"newsletter", "sign up", "stay up to date",
	"stay up-to-date", "subscribe", "subskrypcj"
};

/*
 * Or for money, opening the paragraph ("Unterstütze uns mit ...",
 * "Support our work"): "... die Opfer unterstützen" ends a story.
 */
static const char *const appeal_starts[] = {
	"support our ", "support us ", "unterst\xc3\xbctze ",
	"unterst\xc3\xbctzen sie ", "unterst\xc3\xbctzt uns"
};

static int
signup(const char *p, size_t n)
{
	size_t	 i;

	if (n >= PROMO_MAX)
		return 0;
	for (i = 0; i < NITEMS(appeal_starts); i++)
		if (starts(p, n, appeal_starts[i]))
			return 1;
	return holds(p, n, signup_words, NITEMS(signup_words));
}

/*
 * A post's tags or categories under it ("Tags: Politics, World",
 * "Category : Press Releases"): a label, a colon and a short list.
 */
static const char *const tag_labels[] = {
	"categories", "category", "filed under", "kategorie", "kategorien",
	"schlagw\xc3\xb6rter", "stichw\xc3\xb6rter", "tags"
};

static int
tag_line(const char *p, size_t n)
{
	size_t	 i, l;

	if (n >= PROMO_MAX)
		return 0;
	for (i = 0; i < NITEMS(tag_labels); i++) {
		if (!starts(p, n, tag_labels[i]))
			continue;
		for (l = strlen(tag_labels[i]); l < n && p[l] == ' '; l++)
			;
		if (l < n && p[l] == ':')
			return 1;
	}
	return 0;
}

/*
 * The text ending with the last heading it read ("Auch auf ...", "Weitere
 * Tourentipps in ..."): the head of a list of links, or of boxes, that
 * were left out; it heads nothing of the story.  Not a sentence: a
 * subhead over the part of the story a paywall keeps ("... Es stützt
 * seine Version.").
 */
static void
lonely_head(struct buf *out, const char *head, size_t len)
{
	if (len == 0 || head[len - 1] == '.' ||
	    out->len < TAIL_AFTER + len + 2 ||
	    memcmp(out->d + out->len - len, head, len) != 0 ||
	    memcmp(out->d + out->len - len - 2, "\n\n", 2) != 0)
		return;
	out->len -= len + 2;
	out->d[out->len] = '\0';
}

/* The text without its furniture paragraphs. */
static void
drop_furniture(struct buf *out)
{
	struct buf	 b;
	char		*p, *e, *end;

	if (out->len == 0)	/* d may be NULL: no arithmetic on it */
		return;
	end = out->d + out->len;
	buf_init(&b);
	for (p = out->d; p < end; p = e + 2) {
		if ((e = strstr(p, "\n\n")) == NULL)
			e = end;
		if (!furniture(p, e - p) && !((size_t)(p - out->d) * 10 >=
		    out->len * 9 && (signup(p, e - p) || tag_line(p, e - p)))) {
			if (b.len > 0)
				buf_add(&b, "\n\n", 2);
			buf_add(&b, p, e - p);
		}
		if (e == end)
			break;
	}
	buf_reset(out);
	buf_add(out, b.d, b.len);
	buf_free(&b);
}

/*
 * A drop cap set in a block of its own, then the rest of its word in the
 * first paragraph ("T" and "urkey, Poland and ..."): one word again.
 * Only a lone capital before a lowercase letter: "A" before "Cabinet
 * minister said" is a paragraph's word, not half of one.
 */
static void
join_dropcaps(struct buf *out)
{
	char	*p = out->d, *end;

	if (out->len == 0)	/* d may be NULL: no arithmetic on it */
		return;
	end = out->d + out->len;
	for (; p + 4 <= end; p++) {
		if ((p != out->d && (p < out->d + 2 || p[-1] != '\n' ||
		    p[-2] != '\n')) || *p < 'A' || *p > 'Z' ||
		    p[1] != '\n' || p[2] != '\n' || p[3] < 'a' || p[3] > 'z')
			continue;
		memmove(p + 1, p + 3, end - (p + 3) + 1);
		out->len -= 2;
		end -= 2;
	}
}

/* s (n bytes), letters and digits only, lowercased: its length in b. */
static size_t
fold_alnum(const char *s, size_t n, char *b, size_t size)
{
	size_t	 i, k = 0;

	for (i = 0; i < n && k < size - 1; i++) {
		unsigned char	 c = s[i];

		if (c >= 'A' && c <= 'Z')
			b[k++] = c + 32;
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80)
			b[k++] = c;
	}
	b[k] = '\0';
	return k;
}

/*
 * The headline, set above the story inside what holds it, is the page's
 * title, not its text: one of the first paragraphs that the title holds
 * ("Ships seized - Example News" holds "Ships seized") is left out, if
 * it is half the title or more, or the title opens with it and it is no
 * mere word or two: sites add their sections and name after the
 * headline ("... - Soccer - Sport - Breaking News - <site>").
 */
static void
drop_headline(struct buf *out, const char *title)
{
	char	 t[512], w[512], *p, *e, *end;
	size_t	 tn, wn;
	int	 i;

	if (title == NULL || out->len == 0 ||
	    (tn = fold_alnum(title, strlen(title), t, sizeof(t))) < HEADLINE_MIN)
		return;
	end = out->d + out->len;	/* d may be NULL when len is 0 */
	for (p = out->d, i = 0; p < end && i < 3; p = e + 2, i++) {
		if ((e = strstr(p, "\n\n")) == NULL)
			e = end;
		wn = fold_alnum(p, e - p, w, sizeof(w));
		if ((size_t)(e - p) < sizeof(w) && wn >= HEADLINE_MIN &&
		    ((wn * 2 >= tn && strstr(t, w) != NULL) ||
		    (wn >= HEADLINE_MIN * 2 && strncmp(t, w, wn) == 0))) {
			if (e == end)
				return;	/* the headline is all there is */
			memmove(p, e + 2, end - (e + 2) + 1);
			out->len -= (e + 2) - p;
			return;
		}
		if (e == end)
			break;
	}
}

/*
 * The page's own description (og:description, twitter:description) is
 * most often its standfirst, which sites set in the page's header, far
 * from the body, or the opening of a story the page draws by script:
 * put before the text when the text holds neither its first letters
 * nor as many from its middle (an excerpt of the body opening with an
 * advertiser's mark that the text leaves out).  A short one is a slogan
 * or a teaser's line, which the stories people label leave out as they
 * do the headline.  A plain <meta name=description> is not read: older
 * sites fill it with the same words on every page.
 */
static void
lead_desc(struct buf *out, const char *desc)
{
	char		 head[DESC_KEY + 1], mid[DESC_KEY + 1], *f, *t;
	size_t		 fn, dn;
	struct buf	 b;
	int		 held;

	if (desc == NULL || (dn = strlen(desc)) < DESC_MIN)
		return;
	f = xmalloc(dn + 1);
	if ((fn = fold_alnum(desc, dn, f, dn + 1)) < DESC_KEY * 2) {
		free(f);
		return;
	}
	memcpy(head, f, DESC_KEY);
	head[DESC_KEY] = '\0';
	memcpy(mid, f + fn / 2, DESC_KEY);
	mid[DESC_KEY] = '\0';
	free(f);
	t = xmalloc(out->len + 1);
	fold_alnum(out->len ? out->d : "", out->len, t, out->len + 1);
	held = strstr(t, head) != NULL || strstr(t, mid) != NULL;
	free(t);
	if (held)
		return;
	buf_init(&b);
	buf_add(&b, desc, dn);
	if (out->len > 0) {
		buf_add(&b, "\n\n", 2);
		buf_add(&b, out->d, out->len);
	}
	buf_reset(out);
	buf_add(out, b.d, b.len);
	buf_free(&b);
}

static char *
opt_dup(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

/* Addresses come from attributes and arguments: valid UTF-8 for JSON. */
static char *
url_dup(const char *s)
{
	return s == NULL ? NULL : text_plain(s, strlen(s));
}

/*
 * "</html><body>" leaves the body in a second root element: one tree,
 * so that every pass sees the whole page.
 */
static void
one_root(xmlNodePtr root)
{
	xmlNodePtr	 n, next, c;

	for (n = root->next; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlUnlinkNode(n);
		while ((c = n->children) != NULL) {
			xmlUnlinkNode(c);
			xmlAddChild(root, c);
		}
		xmlFreeNode(n);
	}
}

static int
extract_doc(xmlDocPtr doc, const char *url, struct article *a)
{
	struct extract		 x;
	struct article_meta	 m;
	struct buf		 keep;
	xmlNodePtr		 root;
	char			 when[32];
	int			 rv = 0, mode, whole = 0;

	if ((root = xmlDocGetRootElement(doc)) == NULL)
		return -1;
	one_root(root);
	memset(&x, 0, sizeof(x));
	buf_init(&x.out);
	buf_init(&x.para);
	article_meta_read(root, url, &m);
	buf_init(&keep);
	for (mode = 5; mode >= 0 && rv == 0; mode--) {
		if (extract_try(&x, root, mode) == -1)
			rv = -1;
		else if (x.out.len >= ARTICLE_MIN)
			break;
		/*
		 * Short all the same: the strictest reading that gave some
		 * text, unless a later one gives an article.
		 */
		if (keep.len == 0 && x.out.len > 0) {
			buf_add(&keep, x.out.d, x.out.len);
			whole = x.whole;
		}
	}
	if (rv == 0 && x.out.len < ARTICLE_MIN && keep.len > 0) {
		buf_reset(&x.out);
		buf_add(&x.out, keep.d, keep.len);
		x.whole = whole;
	}
	buf_free(&keep);
	if (rv == 0)
		cut_tail(&x.out);
	if (rv == 0)
		drop_furniture(&x.out);
	if (rv == 0)
		lonely_head(&x.out, x.head, x.headlen);
	if (rv == 0)
		join_dropcaps(&x.out);
	if (rv == 0)
		drop_headline(&x.out, m.title);
	if (rv == 0 && m.body != NULL && strlen(m.body) > x.out.len * 2)
		a->text = xstrdup(m.body);
	else if (rv == 0 && (x.out.len >= ARTICLE_MIN ||
	    (x.out.len > 0 && (m.is_article || x.whole)) ||
	    (x.out.len >= PARA_MIN && x.n > 0 &&
	    x.out.len * 2 >= x.v[0].text))) {
		lead_desc(&x.out, m.desc);
		a->text = buf_release(&x.out);
	} else {
		a->text = xstrdup("");
		if (rv == 0)
			rv = 1;
	}
	a->url = url_dup(m.url != NULL ? m.url : url);
	a->title = opt_dup(m.title);
	a->author = opt_dup(m.author);
	if (m.published != DATE_NONE) {
		date_format(m.published, when, sizeof(when));
		a->published = xstrdup(when);
	}
	article_meta_free(&m);
	buf_free(&x.out);
	buf_free(&x.para);
	free(x.v);
	return rv;
}

/* Whole valid UTF-8 (ASCII included): the bytes, not the page, decide. */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	uint64_t	 w;
	size_t		 i = 0, k, need;

	while (i < n) {
		/* Pages are mostly ASCII: eight bytes at a time. */
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			need = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			need = 2;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			need = 3;
		else
			return 0;
		if (n - i <= need)
			return 0;
		for (k = 1; k <= need; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		i += need + 1;
	}
	return 1;
}

/* Encoding errors are the page's, not ours to print. */
static void
silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static xmlDocPtr
parse(const char *html, size_t len, const char *url, int recover)
{
	xmlGenericErrorFunc	 olderr;
	void			*oldctx;
	xmlDocPtr		 doc;

	/*
	 * Pages saved or served as UTF-8 often still declare the charset
	 * they were written in; bytes that are valid UTF-8 are UTF-8.
	 */
	olderr = xmlGenericError;
	oldctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	doc = htmlReadMemory(html, (int)len, url,
	    utf8_valid((const unsigned char *)html, len) ? "UTF-8" : NULL,
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    (recover ? HTML_PARSE_RECOVER : 0) | HTML_PARSE_COMPACT);
	xmlSetGenericErrorFunc(oldctx, olderr);
	return doc;
}

int
article_extract(const char *html, size_t len, const char *url,
    struct article *a)
{
	struct article	 b;
	xmlDocPtr	 doc;
	char		*copy = NULL;
	size_t		 i;
	int		 rv;

	memset(a, 0, sizeof(*a));
	if (len > ARTICLE_MAX_LEN || len > INT32_MAX) {
		a->text = xstrdup("");
		a->url = url_dup(url);
		return -1;
	}
	/* libxml2 stops at a NUL; browsers read on. */
	if (len > 0 && memchr(html, '\0', len) != NULL) {
		copy = xmalloc(len);
		for (i = 0; i < len; i++)
			copy[i] = html[i] != '\0' ? html[i] : ' ';
		html = copy;
	}
	if ((doc = parse(html, len, url, 1)) == NULL) {
		free(copy);
		a->text = xstrdup("");
		a->url = url_dup(url);
		return -1;
	}
	rv = extract_doc(doc, url, a);
	xmlFreeDoc(doc);
	/*
	 * libxml2's relaxed parsing (HTML_PARSE_RECOVER) reads a tag broken
	 * early in the page (an attribute never closed) into a tree that
	 * loses most of it; its plain parsing keeps it.  Relaxed is better
	 * on most pages: the plain one is tried when it finds no article.
	 */
	if (rv == 1 && (doc = parse(html, len, url, 0)) != NULL) {
		memset(&b, 0, sizeof(b));
		if (extract_doc(doc, url, &b) == 0) {
			article_clear(a);
			*a = b;
			rv = 0;
		} else
			article_clear(&b);
		xmlFreeDoc(doc);
	}
	free(copy);
	if (a->text == NULL) {
		a->text = xstrdup("");
		a->url = url_dup(url);
	}
	return rv;
}

void
article_clear(struct article *a)
{
	free(a->url);
	free(a->title);
	free(a->text);
	free(a->published);
	free(a->author);
	memset(a, 0, sizeof(*a));
}
