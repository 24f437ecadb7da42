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
#define LEAD_MAX	1000	/* characters of lead before the body */
#define ARTICLE_MIN	200	/* less text, no article metadata and not
				   most of the page: no article */

enum {
	F_SKIP = 1,		/* never article text */
	F_BLOCK = 2,		/* starts a paragraph */
	F_SCORED = 4,		/* a candidate: score is set */
	F_LINK = 8,		/* <a> */
	F_OPEN = 16,		/* its children were read */
	F_SOFT = 32		/* boilerplate, unless the article is inside */
};

struct anode {
	double		 score;
	uint32_t	 text;		/* characters under it, skips excluded */
	uint32_t	 links;		/* of which inside links */
	uint32_t	 all;		/* characters under it, soft ones too */
	uint32_t	 own;		/* its own paragraph's characters */
	uint32_t	 commas;	/* under it */
	uint32_t	 owncommas;
	uint32_t	 prev;		/* enclosing block (index + 1) */
	int16_t		 weight;	/* class and id */
	uint8_t		 flags;
};

struct extract {
	struct anode	*v;
	size_t		 n, cap;
	uint32_t	 block;		/* current block (index + 1) */
	int		 in_link;
	int		 strict;	/* class and id may drop elements */
	int		 misnested;	/* a soft element may hold the page */
	struct buf	 para;		/* the paragraph being written */
	size_t		 para_links;
	struct buf	 out;
	size_t		 all;		/* characters of text, soft ones too */
	xmlNodePtr	 alt[5];	/* the best candidates, best first */
	size_t		 nalt;
};

/*
 * libxml2's HTML parser lowercases element and attribute names: they are
 * compared with strcmp.  Values keep their case and are compared without.
 */

/* Tags whose content is never article text. */
static const char *const skip_tags[] = {
	"button", "canvas", "datalist", "dialog", "embed", "figcaption", "head",
	"iframe", "input", "label", "link", "map", "math", "meta",
	"noscript", "object", "option", "script", "select", "style", "svg",
	"template", "textarea", "title"
};

/*
 * Boilerplate by name, but read all the same: libxml2's parser predates
 * HTML5 and leaves a <header> it cannot close around the rest of the
 * page.  Their text never counts for what encloses them and is never
 * printed, but the article may be found inside them.
 */
static const char *const soft_tags[] = {
	"aside", "footer", "header", "menu", "nav"
};

static const char *const block_tags[] = {
	"address", "article", "blockquote", "body", "br", "caption",
	"center", "dd", "details", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
	"hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
	"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"
};

/* Readability's "unlikely candidates", and a few more of today's. */
static const char *const unlikely[] = {
	"-ad-", "ad-break", "agegate", "banner", "breadcrumb", "combx",
	"comment", "community", "consent", "cookie", "disqus", "footer",
	"gdpr", "header", "legends", "menu", "newsletter", "pagination",
	"pager", "paywall", "popup", "promo", "related", "remark",
	"replies", "rss", "share", "sharing", "shoutbox", "sidebar",
	"skyscraper", "social", "sponsor", "subscribe", "supplemental",
	"toolbar", "yom-remote"
};
/* The same, as whole words of class and id: "media__caption". */
static const char *const unlikely_words[] = {
	"caption", "credit", "modal"
};
static const char *const maybe[] = {
	"and", "article", "body", "column", "content", "main", "shadow"
};
static const char *const negative[] = {
	"-ad-", "banner", "combx", "comment", "com-", "contact", "foot",
	"masthead", "media", "meta", "outbrain", "promo", "related",
	"scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
	"shopping", "tags", "tool", "widget"
};
static const char *const positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "post", "text", "blog", "story"
};

/* A standfirst: the paragraph a page sets between headline and body. */
static const char *const lead_words[] = {
	"abstract", "chapo", "deck", "excerpt", "intro", "lead", "sommario",
	"standfirst", "subheadline", "summary", "teaser", "vorspann"
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

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

static int
any_of(const char *s, const char *const *set, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strstr(s, set[i]) != NULL)
			return 1;
	return 0;
}

/* class and id, lowercased, into b; 0 when the element has neither. */
static int
class_id(xmlNodePtr n, char *b, size_t size)
{
	const char	*c = article_attr(n, "class"), *id = article_attr(n,
			    "id");
	size_t		 i = 0;

	if (c == NULL && id == NULL)
		return 0;
	for (; c != NULL && *c != '\0' && i < size / 2; c++)
		b[i++] = *c >= 'A' && *c <= 'Z' ? *c + 32 : *c;
	b[i++] = ' ';
	for (; id != NULL && *id != '\0' && i < size - 1; id++)
		b[i++] = *id >= 'A' && *id <= 'Z' ? *id + 32 : *id;
	b[i] = '\0';
	return 1;
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

static int
role_skipped(xmlNodePtr n)
{
	const char	*r;

	if ((r = article_attr(n, "role")) == NULL)
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
is_container(const xmlChar *name)
{
	return strcmp((const char *)name, "html") == 0 ||
	    strcmp((const char *)name, "body") == 0 ||
	    strcmp((const char *)name, "article") == 0 ||
	    strcmp((const char *)name, "main") == 0;
}

/* Table parts: "slantheaders" is a table's head, not the page's. */
static int
in_table(const xmlChar *name)
{
	const char	*s = (const char *)name;

	return strcmp(s, "table") == 0 || strcmp(s, "thead") == 0 ||
	    strcmp(s, "tbody") == 0 || strcmp(s, "tfoot") == 0 ||
	    strcmp(s, "tr") == 0 || strcmp(s, "td") == 0 ||
	    strcmp(s, "th") == 0 || strcmp(s, "code") == 0 ||
	    strcmp(s, "pre") == 0;
}

/* What an element is, before its content is seen. */
static void
classify_node(struct extract *x, xmlNodePtr n, struct anode *a)
{
	const char	*v;
	char		 ci[256];
	int		 has, body;

	if (in_set(n->name, skip_tags, NITEMS(skip_tags)) ||
	    article_is_hidden(n)) {
		a->flags |= F_SKIP;
		return;
	}
	if (in_set(n->name, soft_tags, NITEMS(soft_tags))) {
		a->flags |= F_SOFT | F_BLOCK;
		return;
	}
	if (in_set(n->name, block_tags, NITEMS(block_tags)))
		a->flags |= F_BLOCK;
	if (role_skipped(n)) {
		a->flags |= F_SOFT;
		return;
	}
	if (strcmp((const char *)n->name, "a") == 0)
		a->flags |= F_LINK;
	body = (v = article_attr(n, "itemprop")) != NULL &&
	    strcasecmp(v, "articleBody") == 0;
	if (body)
		a->weight += ITEMPROP_BODY;
	if ((has = class_id(n, ci, sizeof(ci))) == 0)
		return;
	/* The page's own word beats a widget's id ("share-container"). */
	if (x->strict && !body && !is_container(n->name) &&
	    !in_table(n->name) &&
	    strcmp((const char *)n->name, "a") != 0 &&
	    (any_of(ci, unlikely, NITEMS(unlikely)) ||
	    word_of(ci, unlikely_words, NITEMS(unlikely_words))) &&
	    !any_of(ci, maybe, NITEMS(maybe))) {
		a->flags |= F_SKIP;
		return;
	}
	if (any_of(ci, negative, NITEMS(negative)))
		a->weight -= 25;
	if (any_of(ci, positive, NITEMS(positive)))
		a->weight += 25;
}

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

static void
on_enter(struct extract *x, xmlNodePtr n)
{
	struct anode	*a;
	uint32_t	 self;

	a = anode_new(x, n);
	classify_node(x, n, a);
	self = (uint32_t)x->n;
	if (a->flags & F_BLOCK) {
		a->prev = x->block;
		x->block = self;
	}
	if (a->flags & F_LINK)
		x->in_link++;
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
	if (a->flags & F_SKIP)
		return;
	if (n->parent != NULL && (p = anode_of(x, n->parent)) != NULL)
		p->all += a->all;
	if (a->flags & F_SOFT)
		return;
	if (n->parent != NULL && (p = anode_of(x, n->parent)) != NULL) {
		p->text += a->text;
		p->links += a->links;
		p->commas += a->commas;
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
			else
				on_leave(x, n);
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
	return (a->flags & F_SOFT) &&
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

static double
tag_base(const xmlChar *name)
{
	const char	*s = (const char *)name;

	if (strcmp(s, "div") == 0 || strcmp(s, "article") == 0)
		return 5;
	if (strcmp(s, "pre") == 0 || strcmp(s, "td") == 0 ||
	    strcmp(s, "blockquote") == 0)
		return 3;
	if (strcmp(s, "address") == 0 || strcmp(s, "ol") == 0 ||
	    strcmp(s, "ul") == 0 || strcmp(s, "dl") == 0 ||
	    strcmp(s, "dd") == 0 || strcmp(s, "dt") == 0 ||
	    strcmp(s, "li") == 0 || strcmp(s, "form") == 0)
		return -3;
	if (s[0] == 'h' && s[1] >= '1' && s[1] <= '6' &&
	    s[2] == '\0')
		return -5;
	if (strcmp(s, "th") == 0)
		return -5;
	return 0;
}

static int
scores_paragraph(const xmlChar *name)
{
	const char	*s = (const char *)name;

	return strcmp(s, "li") != 0 && strcmp(s, "dt") != 0 &&
	    strcmp(s, "dd") != 0 && strcmp(s, "th") != 0 &&
	    strcmp(s, "h1") != 0 && strcmp(s, "body") != 0 &&
	    strcmp(s, "html") != 0;
}

/* A paragraph scores its parent, half to its grandparent, less above. */
static void
score_paragraph(struct extract *x, xmlNodePtr n, const struct anode *a)
{
	struct anode	*c;
	xmlNodePtr	 p;
	double		 s;
	int		 level;

	s = 1 + a->owncommas + (a->own / 100 > 3 ? 3 : a->own / 100);
	for (p = n->parent, level = 0; p != NULL && level < 5 &&
	    p->type == XML_ELEMENT_NODE; p = p->parent, level++) {
		if ((c = anode_of(x, p)) == NULL || (c->flags & F_SKIP))
			break;
		if (!(c->flags & F_SCORED)) {
			c->flags |= F_SCORED;
			c->score = tag_base(p->name) + c->weight;
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
		    scores_paragraph(n->name) && !in_soft(x, n))
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

/* Link lists and boilerplate blocks inside the article (Readability). */
static int
pruned(struct extract *x, xmlNodePtr n, const struct anode *a)
{
	const char	*s = (const char *)n->name;
	double		 ld;

	if ((a->flags & F_SKIP) || soft_small(x, a))
		return 1;
	if (strcmp(s, "div") != 0 && strcmp(s, "section") != 0 &&
	    strcmp(s, "ul") != 0 && strcmp(s, "ol") != 0 &&
	    strcmp(s, "table") != 0 && strcmp(s, "form") != 0 &&
	    strcmp(s, "dl") != 0 && strcmp(s, "center") != 0)
		return 0;
	if (a->weight < 0 && !(a->flags & F_SCORED && a->score > 0))
		return 1;
	if (a->commas >= 10)
		return 0;
	ld = link_density(a);
	/*
	 * A list inside the article is read item by item: an item that is
	 * only a link is dropped where it is flushed, one with prose of
	 * its own is kept (Readability's lists).
	 */
	if (a->weight < 25 && (strcmp(s, "ul") == 0 || strcmp(s, "ol") == 0))
		return 0;
	return (a->weight < 25 && ld > 0.33) || (a->weight >= 25 && ld > 0.5);
}

/* The paragraph so far, folded, unless it is mostly links. */
static void
flush(struct extract *x)
{
	struct buf	*p = &x->para;
	size_t		 start = x->out.len, i;

	/* Mostly links and little else: a link list, not prose. */
	if (p->len > 0 && (x->para_links * 2 <= p->len ||
	    p->len - x->para_links >= LINKY_PROSE)) {
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

/* The text under n, one paragraph per block. */
static void
emit(struct extract *x, xmlNodePtr top)
{
	xmlNodePtr	 n = top;
	struct anode	*a;
	int		 links = 0, down;

	while (n != NULL) {
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
		    (a = anode_of(x, n)) != NULL &&
		    (n == top || !pruned(x, n, a))) {
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
					flush(x);
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
 * child (and not much less than the best) is too.
 */
static xmlNodePtr
climb(struct extract *x, xmlNodePtr top)
{
	struct anode	*t = anode_of(x, top), *a;
	xmlNodePtr	 p;
	double		 last, floor;
	size_t		 i, k;

	for (p = top->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !is_container(p->name); p = p->parent) {
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
	    !is_container(p->name); p = p->parent) {
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
	    !is_container(top->parent->name)) {
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

/*
 * The lead: news pages set it in the article's header, above the body
 * that wins the scoring, in an element the page calls a lead, teaser,
 * standfirst or summary.  Prose of its own, few links, before the text.
 */
static void
emit_lead(struct extract *x, xmlNodePtr top)
{
	xmlNodePtr	 art, n;
	struct anode	*a;
	size_t		 got = 0;

	if ((art = article_of(top)) == NULL)
		return;
	for (n = art->children; n != NULL && got < LEAD_MAX; ) {
		a = n->type == XML_ELEMENT_NODE ? anode_of(x, n) : NULL;
		if (a != NULL && emitted(x, top, n))
			break;
		if (a != NULL && !(a->flags & F_SKIP) && (a->flags & F_BLOCK) &&
		    a->own >= PARA_MIN && a->all == a->text &&
		    link_density(a) < 0.2 && lead_named(n, art)) {
			emit(x, n);
			got += a->own;
		} else if (a != NULL && (a->flags & F_OPEN) &&
		    !(a->flags & F_SKIP)) {
			n = n->children;
			continue;
		}
		while (n != art && n->next == NULL)
			n = n->parent;
		if (n == art)
			break;
		n = n->next;
	}
}

static void
extract_text(struct extract *x, xmlNodePtr root)
{
	xmlNodePtr	 top, s;

	if ((top = best_candidate(x, root)) == NULL)
		return;
	top = widen(x, climb(x, top));
	if (top->parent == NULL || top->parent->type != XML_ELEMENT_NODE) {
		emit(x, top);
		return;
	}
	emit_lead(x, top);
	for (s = top->parent->children; s != NULL; s = s->next)
		if (s->type == XML_ELEMENT_NODE && sibling_joins(x, top, s))
			emit(x, s);
}

/*
 * One try over the tree, by mode: 3 strict (class and id drop), 2
 * lenient, 1 strict reading a misnested <header> or <nav> that holds most
 * of the page, 0 lenient and reading it.
 */
static int
extract_try(struct extract *x, xmlNodePtr root, int mode)
{
	xmlNodePtr	 n;

	/* Clear what an earlier try left in the tree. */
	for (n = root; n != NULL; ) {
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
	x->strict = mode & 1;
	x->misnested = mode < 2;
	buf_reset(&x->out);
	buf_reset(&x->para);
	x->para_links = 0;
	if (count_pass(x, root) == -1)
		return -1;
	extract_text(x, root);
	return 0;
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
	xmlNodePtr		 root;
	char			 when[32];
	int			 rv = 0, mode;

	if ((root = xmlDocGetRootElement(doc)) == NULL)
		return -1;
	one_root(root);
	memset(&x, 0, sizeof(x));
	buf_init(&x.out);
	buf_init(&x.para);
	article_meta_read(root, url, &m);
	for (mode = 3; mode >= 0 && rv == 0; mode--) {
		if (extract_try(&x, root, mode) == -1)
			rv = -1;
		else if (x.out.len >= ARTICLE_MIN)
			break;
	}
	if (rv == 0 && m.body != NULL && strlen(m.body) > x.out.len * 2)
		a->text = xstrdup(m.body);
	else if (rv == 0 && (x.out.len >= ARTICLE_MIN ||
	    (x.out.len > 0 && m.is_article) ||
	    (x.out.len >= PARA_MIN && x.n > 0 &&
	    x.out.len * 2 >= x.v[0].text)))
		a->text = buf_release(&x.out);
	else {
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
	size_t	 i = 0, k, need;

	while (i < n) {
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

int
article_extract(const char *html, size_t len, const char *url,
    struct article *a)
{
	xmlGenericErrorFunc	 olderr;
	void			*oldctx;
	xmlDocPtr		 doc;
	char			*copy = NULL;
	size_t			 i;
	int			 rv;

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
	    HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
	xmlSetGenericErrorFunc(oldctx, olderr);
	free(copy);
	if (doc == NULL) {
		a->text = xstrdup("");
		a->url = url_dup(url);
		return -1;
	}
	rv = extract_doc(doc, url, a);
	if (a->text == NULL) {
		a->text = xstrdup("");
		a->url = url_dup(url);
	}
	xmlFreeDoc(doc);
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
