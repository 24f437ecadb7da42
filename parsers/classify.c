/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify.c: an item -> its sanctions event (SPEC "sanctions").
 *
 * One Vectorscan pass over title, summary and content finds every lexicon
 * phrase; an item without a sanctions word stops there.  Otherwise the text
 * is split into sentences, the sentences holding a sanctions word are
 * judged (classify_sent.c, classify_roles.c), and the best of them decides
 * the event and is quoted as evidence.  No I/O, no global state: the same
 * item always gives the same answer.
 */
#include <limits.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify_int.h"

/* Calibration: P(announcement) = 1 / (1 + exp(-CAL_A * (r - CAL_R0))). */
#define CAL_A		1.6
#define CAL_R0		3.0
/* Evidence: at most this many sentences of at most this many bytes. */
#define EVIDENCE_MAX	2
#define EVIDENCE_LEN	300

struct classify_scratch {
	struct buf	 text;
	struct hits	 hits;
	struct sent	*sents;
	size_t		 cap;
	struct features	 feat;
	struct classify_work work;	/* what the last call examined */
};

static const char *action_names[] = {
	"none", "impose", "lift", "ease", "extend", "threaten", "demand",
	"condemn", "evade", "enforce"
};

const char *
action_name(enum sanction_action a)
{
	if ((size_t)a >= sizeof(action_names) / sizeof(action_names[0]))
		return "none";
	return action_names[a];
}

/*
 * data/model.txt is part of the data: missing is an error like malformed.
 * model.bin beside it, written by make, spares parsing it.
 */
static struct model *
model_open(const char *datadir, char **errstr)
{
	struct model	*m;
	char		*path, *cache;

	xasprintf(&path, "%s/model.txt", datadir);
	xasprintf(&cache, "%s/model.bin", datadir);
	if ((m = model_load_cached(path, cache, errstr)) == NULL &&
	    *errstr == NULL)
		xasprintf(errstr, "%s: missing (make train writes it)", path);
	free(cache);
	free(path);
	return m;
}

static int
has_data(const char *dir)
{
	char	*p;
	int	 ok;

	xasprintf(&p, "%s/core.txt", dir);
	ok = access(p, R_OK) == 0;
	free(p);
	return ok;
}

/*
 * $SANCTIOND_DATA; else the source tree's parsers/data when we run from it
 * (./sanctionctl or build/<tree>/...); else the installed DATADIR.
 */
const char *
classifier_default_datadir(void)
{
	static char	 dir[PATH_MAX + 32];
	char		 exe[PATH_MAX], *slash;
	const char	*env;
	ssize_t		 n;

	if ((env = getenv("SANCTIOND_DATA")) != NULL && *env != '\0')
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(dir, sizeof(dir), "%s/parsers/data", exe);
		if (has_data(dir))
			return dir;
		snprintf(dir, sizeof(dir), "%s/../../parsers/data", exe);
		if (has_data(dir))
			return dir;
		snprintf(dir, sizeof(dir), "%s/../../../parsers/data", exe);
		if (has_data(dir))
			return dir;
	}
	return DATADIR;
}

static unsigned int
neg_bit(const struct classifier *c, const char *name)
{
	int	 k = lexicon_key(&c->lx, LK_NEGATIVE, name);

	return k >= 0 && k < 32 ? 1u << k : 0;
}

static void
resolve_keys(struct classifier *c)
{
	size_t		 i, a;
	const char	*vetoes[] = { "sport", "regulator", "approve", "press",
			    "boycott", "military", "nonstate", "commerce",
			    NULL };

	c->core_strong = lexicon_key(&c->lx, LK_CORE, "strong");
	c->country_none = lexicon_key(&c->lx, LK_COUNTRY, "-");
	c->act_light = lexicon_key(&c->lx, LK_ACTION, "light");
	for (i = 0; i < 16; i++)
		c->act_of_key[i] = ACTION_NONE;
	for (i = 0; i < c->lx.keys[LK_ACTION].n && i < 16; i++)
		for (a = 0; a < sizeof(action_names) / sizeof(*action_names);
		    a++)
			if (strcmp(c->lx.keys[LK_ACTION].v[i],
			    action_names[a]) == 0)
				c->act_of_key[i] = a;
	for (i = 0; vetoes[i] != NULL; i++)
		c->veto_mask |= neg_bit(c, vetoes[i]);
	c->court_bit = neg_bit(c, "court");
	c->health_bit = neg_bit(c, "health");
	c->history_bit = neg_bit(c, "history");
	c->background_bit = neg_bit(c, "background");
	c->analysis_bit = neg_bit(c, "analysis");
	c->genre_key = lexicon_key(&c->lx, LK_NEGATIVE, "genre");
	c->commerce_key = lexicon_key(&c->lx, LK_NEGATIVE, "commerce");
	c->mod_neg = lexicon_key(&c->lx, LK_MODALITY, "negation");
	c->mod_hyp = lexicon_key(&c->lx, LK_MODALITY, "hypothetical");
	c->mod_fut = lexicon_key(&c->lx, LK_MODALITY, "future");
	c->mod_rep = lexicon_key(&c->lx, LK_MODALITY, "report");
}

struct classifier *
classifier_load(const char *datadir, char **errstr)
{
	struct classifier	*c;

	if (datadir == NULL)
		datadir = classifier_default_datadir();
	c = xcalloc(1, sizeof(*c));
	if (lexicon_load(&c->lx, datadir, errstr) == -1) {
		free(c);
		return NULL;
	}
	if (lexicon_key(&c->lx, LK_CORE, "strong") == -1 ||
	    lexicon_key(&c->lx, LK_CORE, "weak") == -1) {
		xasprintf(errstr, "%s/core.txt: needs keys strong and weak",
		    datadir);
		lexicon_free(&c->lx);
		free(c);
		return NULL;
	}
	resolve_keys(c);
	if (tables_load(c, datadir, errstr) == -1) {
		lexicon_free(&c->lx);
		free(c);
		return NULL;
	}
	if ((c->model = model_open(datadir, errstr)) == NULL) {
		tables_free(c);
		lexicon_free(&c->lx);
		free(c);
		return NULL;
	}
	features_keys(c);
	sflags_hash(c);
	mentions_hash(c);
	c->sc = xcalloc(1, sizeof(*c->sc));
	buf_init(&c->sc->text);
	return c;
}

void
classifier_free(struct classifier *c)
{
	if (c == NULL)
		return;
	lexicon_free(&c->lx);
	tables_free(c);
	model_free(c->model);
	features_keys_free(c);
	if (c->sc != NULL) {
		buf_free(&c->sc->text);
		free(c->sc->hits.v);
		free(c->sc->sents);
		features_free(&c->sc->feat);
		free(c->sc);
	}
	free(c);
}

void
sanctions_init(struct sanctions *s)
{
	memset(s, 0, sizeof(*s));
	s->count = -1;
	strlist_init(&s->authorities);
	strlist_init(&s->countries);
	strlist_init(&s->named);
	strlist_init(&s->legal_basis);
	strlist_init(&s->measures);
	strlist_init(&s->evidence);
}

void
sanctions_free(struct sanctions *s)
{
	strlist_free(&s->authorities);
	strlist_free(&s->countries);
	strlist_free(&s->named);
	strlist_free(&s->legal_basis);
	strlist_free(&s->measures);
	strlist_free(&s->evidence);
	free(s->duration);
	sanctions_init(s);
}

/*
 * Append s folded the way the lexicon expects it: one space between words,
 * a newline where a line ended, plain apostrophes and quotes.
 */
static int
fold_space(const unsigned char *p)
{
	return *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
	    (p[0] == 0xc2 && p[1] == 0xa0);
}

/*
 * Bytes copied as they are (FOLD_PLAIN: above ' ', not the lead byte of a
 * no-break space or of a curly quote) and those a single space may stand
 * before (FOLD_AFTER: above ' ', not a no-break space), looked up rather
 * than compared: the copy loop was 4.4% of the dense bench's instructions,
 * 3.0% with the table (callgrind).
 */
#define FOLD_PLAIN	1
#define FOLD_AFTER	2
static const unsigned char fold_class[256] = {
	[0x21 ... 0xc1] = FOLD_PLAIN | FOLD_AFTER,
	[0xc3 ... 0xe1] = FOLD_PLAIN | FOLD_AFTER,
	[0xe2] = FOLD_AFTER,
	[0xe3 ... 0xff] = FOLD_PLAIN | FOLD_AFTER,
};

#ifdef SWAR8

/*
 * Eight bytes at p, not the first of a run, that fold_append()'s byte loop
 * would copy: none below ' ', no 0xc2 or 0xe2 (no-break space, curly
 * quotes), no two spaces together and no space last.  (perf, "sanctionctl
 * parse" of bench_parse's 200 feeds: fold_append 3.1% of the time one
 * byte a turn, 1.4% with this.)
 */
static int
fold8(const unsigned char *p)
{
	uint64_t	 w, x, sp;

	memcpy(&w, p, sizeof(w));
	/*
	 * 0xc2 and 0xe2 are the two bytes that are 0xe2 once 0x20 is set in
	 * them: one test for both (callgrind, dense classify_bench over 2 MB:
	 * fold_append() 13.5 M instructions -> 11.4 M).
	 */
	if (((w - 0x20 * SWAR_ONES) & ~w & SWAR_HIGHS) != 0 ||
	    SWAR_HAS_BYTE(w | 0x20 * SWAR_ONES, 0xe2) != 0)
		return 0;
	x = w ^ (0x20 * SWAR_ONES);
	sp = ~(((x & SWAR_LOWS) + SWAR_LOWS) | x | SWAR_LOWS);
	return (sp & (sp >> 8)) == 0 && (sp >> 56) == 0;
}
#else
static int
fold8(const unsigned char *p)
{
	(void)p;
	return 0;
}
#endif

static void
fold_append(struct buf *b, const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s, *run, *lim;
	const unsigned char	*end = p + strlen(s), *stop;
	int			 nl;

	while (*p != '\0' && b->len < max) {
		/* Copy plain bytes and single spaces in one go: most text. */
		lim = p + (max - b->len);
		stop = lim < end ? lim : end;	/* fold8() reads no further */
		for (run = p; p < lim && ((fold_class[*p] & FOLD_PLAIN) ||
		    (*p == ' ' && p > run && (fold_class[p[1]] & FOLD_AFTER)));
		    p++)
			while (stop - p >= 9 && fold8(p + 1))
				p += 8;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (fold_space(p)) {
			for (nl = 0; fold_space(p); p += *p == 0xc2 ? 2 : 1)
				nl |= *p == '\n';
			if (b->len > 0 && *p != '\0')
				buf_addc(b, nl ? '\n' : ' ');
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 ||
		    p[2] == 0x99)) {
			buf_addc(b, '\'');
			p += 3;
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x9c ||
		    p[2] == 0x9d)) {
			buf_addc(b, '"');
			p += 3;
		} else
			buf_addc(b, *p++);
	}
}

/*
 * A text cut at CLASSIFY_TEXT_MAX ends at a space, or at least not inside
 * a UTF-8 sequence, so that the cut leaves no half word to match.
 */
static void
cut_text(struct buf *b)
{
	size_t	 n = CLASSIFY_TEXT_MAX;

	if (b->len <= n)
		return;
	while (n > CLASSIFY_TEXT_MAX - 256 && b->d[n] != ' ' &&
	    b->d[n] != '\n')
		n--;
	if (b->d[n] != ' ' && b->d[n] != '\n')
		for (n = CLASSIFY_TEXT_MAX; n > 0 &&
		    ((unsigned char)b->d[n] & 0xc0) == 0x80; n--)
			;
	b->len = n;
	b->d[n] = '\0';
}

/*
 * Title, summary and content as one text, of at most CLASSIFY_TEXT_MAX
 * bytes; returns where the title ends.
 */
static size_t
item_text(struct buf *b, const struct item *it)
{
	size_t	 title_end, max = CLASSIFY_TEXT_MAX + 1;

	buf_reset(b);
	if (it->title != NULL)
		fold_append(b, it->title, max);
	title_end = b->len;
	buf_adds(b, "\n\n");
	/* Feeds often repeat the summary as the start of the content. */
	if (it->summary != NULL && (it->content == NULL ||
	    strncmp(it->content, it->summary, strlen(it->summary)) != 0)) {
		fold_append(b, it->summary, max);
		buf_adds(b, "\n\n");
	}
	if (it->content != NULL)
		fold_append(b, it->content, max);
	cut_text(b);
	if (title_end > b->len)
		title_end = b->len;
	return title_end;
}

static int
has_negative(const struct hits *h, int key)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		if (h->v[i].kind == LK_NEGATIVE && h->v[i].key == key)
			return 1;
	return 0;
}

/*
 * Does a headline's word at p open it, or open a part of it after a colon
 * or a dash ("Explainer: ...", "Russia - what sanctions remain")?  "How",
 * "what" and "why" elsewhere are just words: "sanctions on 51 Americans
 * for what Iran said is their role ...".
 */
static int
opens_part(const char *text, size_t p)
{
	while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '"' ||
	    text[p - 1] == '\''))
		p--;
	return p == 0 || text[p - 1] == ':' || text[p - 1] == '-' ||
	    text[p - 1] == '|';
}

/*
 * A headline that opens analysis, history or opinion ("How ...", "Q&A"),
 * or asks a question.
 */
static int
title_genre(const struct classifier *c, const struct hits *h,
    const char *text, size_t title_end)
{
	size_t	 i, e = title_end;

	/* A question is not news of a step: "What sanctions remain?". */
	while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '"' ||
	    text[e - 1] == '\''))
		e--;
	if (e > 0 && text[e - 1] == '?')
		return 1;

	for (i = 0; i < h->n && h->v[i].from < title_end; i++)
		if (h->v[i].kind == LK_NEGATIVE &&
		    h->v[i].key == c->genre_key &&
		    opens_part(text, h->v[i].from))
			return 1;
	return 0;
}

/*
 * The quick look: a scan of the fields as they are, for the core phrases
 * and the words the core patterns end on.  Most news stops here, before
 * the text is even copied.
 */
static int
triggered(const struct classifier *c, const struct item *it)
{
	struct hits	*h = &c->sc->hits;

	h->n = 0;
	/* No further than item_text() copies. */
	if (it->title != NULL)
		lexicon_scan(&c->lx, it->title, strnlen(it->title,
		    CLASSIFY_TEXT_MAX), h, 1);
	if (h->n == 0 && it->summary != NULL)
		lexicon_scan(&c->lx, it->summary, strnlen(it->summary,
		    CLASSIFY_TEXT_MAX), h, 1);
	if (h->n == 0 && it->content != NULL)
		lexicon_scan(&c->lx, it->content, strnlen(it->content,
		    CLASSIFY_TEXT_MAX), h, 1);
	return h->n > 0;
}

static int
has_core(const struct hits *h)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		if (h->v[i].kind == LK_CORE)
			return 1;
	return 0;
}

/* Judge every sentence that holds a sanctions word; returns how many. */
static size_t
judge_sentences(const struct classifier *c, const char *text, size_t len,
    size_t title_end, struct classify_scratch *sc)
{
	struct span	*sp;
	struct sent	*s;
	size_t		 n, i, h = 0, ns = 0, h0;
	int		 body = 0, core;

	n = sentence_split(text, len, &sp, &sc->work.split);
	for (i = 0; i < n; i++) {
		if (sp[i].from >= title_end)
			body++;
		while (h < sc->hits.n && sc->hits.v[h].from < sp[i].from)
			h++;
		h0 = h;
		core = 0;
		while (h < sc->hits.n && sc->hits.v[h].from < sp[i].to) {
			if (sc->hits.v[h].to > sp[i].to)
				sc->hits.v[h].to = sp[i].to;
			core |= sc->hits.v[h].kind == LK_CORE;
			h++;
		}
		if (!core)
			continue;
		/* The caps (classify_int.h): the rest is not judged. */
		if (ns == JUDGE_MAX || sc->work.hits >= JUDGE_HITS_MAX)
			break;
		if (ns == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 16;
			sc->sents = xreallocarray(sc->sents, sc->cap,
			    sizeof(*sc->sents));
		}
		s = &sc->sents[ns++];
		memset(s, 0, sizeof(*s));
		s->from = sp[i].from;
		s->to = sp[i].to;
		s->h0 = h0;
		s->h1 = h - h0 > SENT_HITS_MAX ? h0 + SENT_HITS_MAX : h;
		s->index = sp[i].from < title_end ? 0 : body;
		sc->work.hits += s->h1 - s->h0;
		if (s->h1 - s->h0 > sc->work.hits_most)
			sc->work.hits_most = s->h1 - s->h0;
		sent_analyze(c, text, &sc->hits, s);
	}
	free(sp);
	sc->work.sentences += ns;
	return ns;
}

/*
 * The item is about sanctions when one sentence is, not only looking back,
 * and when fewer sentences give the word another sense (a league's
 * sanction, a press embargo) than the statecraft one, unless a strong
 * phrase settles it.
 */
static int
item_relevant(const struct classifier *c, struct sent *v, size_t n,
    int commerce, int *vetoed)
{
	size_t	 i, past = 0, veto = 0, plain = 0;
	int	 ctx = 0, strong = 0, says = 0;

	*vetoed = 0;
	for (i = 0; i < n; i++) {
		if (v[i].neg & c->veto_mask)
			veto++;
		else if (v[i].statecraft == 2)
			plain++;
		strong |= v[i].strong;
		says |= v[i].says;
	}
	if (veto > plain && !strong) {
		*vetoed = 1;
		return 0;
	}
	/* Tariffs in a trade deal, with no sanctions word anywhere. */
	if (commerce && !strong && !says)
		return 0;
	for (i = 0; i < n; i++) {
		if (v[i].statecraft != 2)
			continue;
		if (v[i].neg & c->history_bit)
			past++;
		else
			ctx = 1;
	}
	if (!ctx && past < 2)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i].statecraft == 1 && !ctx)
			v[i].statecraft = 0;
	return 1;
}

static void
add_evidence(struct sanctions *out, const char *text, const struct sent *s)
{
	char	*e;

	if (out->evidence.n >= EVIDENCE_MAX)
		return;
	e = text_snippet(text, s->from, s->to, EVIDENCE_LEN);
	strlist_add_unique(&out->evidence, e);
	free(e);
}

static void
collect_context(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *v, size_t n,
    struct sanctions *out)
{
	size_t		 i, j;
	const struct hit *h;
	char		*lb;

	for (i = 0; i < n; i++) {
		if (v[i].statecraft == 0)
			continue;
		for (j = v[i].h0; j < v[i].h1; j++) {
			h = &hs->v[j];
			if (h->kind == LK_MEASURE)
				strlist_add_unique(&out->measures,
				    c->lx.keys[LK_MEASURE].v[h->key]);
		}
	}
	for (j = 0; j < hs->n; j++) {
		h = &hs->v[j];
		if (h->kind != LK_LEGAL)
			continue;
		if (c->sc->work.legal == LEGAL_MAX)
			break;
		c->sc->work.legal++;
		lb = legal_label(c->lx.keys[LK_LEGAL].v[h->key], text,
		    h->to > 24 ? h->to - 24 : 0, h->to);
		strlist_add_unique(&out->legal_basis, lb);
		free(lb);
	}
	legal_prune(&out->legal_basis);
}

/*
 * A state does not sanction itself: when the same code came out as actor
 * and target ("sanctions on Burma's generals ... Burma"), the actor was a
 * mention of the target, not who acts.  A condemnation keeps both (the
 * target is who condemns).
 */
static void
not_own_target(struct sanctions *out)
{
	size_t	 i, n = 0;

	if (out->action == ACTION_CONDEMN)
		return;
	for (i = 0; i < out->authorities.n; i++) {
		if (strlist_has(&out->countries, out->authorities.v[i])) {
			free(out->authorities.v[i]);
			continue;
		}
		out->authorities.v[n++] = out->authorities.v[i];
	}
	out->authorities.n = n;
}

/*
 * Government and Council headlines lead with their topic: "Russia: new
 * listings over human rights violations", "Belarus: Council prolongs
 * restrictive measures".  When neither a sentence nor the role model
 * named a target, the first country of a short topic before the
 * headline's colon is the target.
 */
static void
topic_country(const struct classifier *c, const char *text,
    const struct hits *hs, struct sanctions *out)
{
	const char	*colon, *code;
	size_t		 j, end;

	if (out->countries.n > 0 || out->action == ACTION_NONE ||
	    out->action == ACTION_CONDEMN || out->action == ACTION_EVADE)
		return;
	end = strcspn(text, "\n");
	if ((colon = memchr(text, ':', end)) == NULL ||
	    words_between(text, 0, (size_t)(colon - text)) > 8)
		return;
	end = (size_t)(colon - text);
	for (j = 0; j < hs->n && hs->v[j].to <= end; j++) {
		if (hs->v[j].kind != LK_COUNTRY ||
		    (code = hit_code(c, &hs->v[j])) == NULL ||
		    strcmp(code, "EU") == 0 ||
		    strlist_has(&out->authorities, code))
			continue;
		strlist_add_unique(&out->countries, code);
		return;
	}
}

/*
 * "Huawei, sanctions and software", "Standard Chartered settles": a
 * well-known target (named.txt) in the deciding sentence or the headline
 * says whose firm or person is at stake where neither the rules nor the
 * model named a target.  Named targets never act, so the code is a target
 * even for a condemnation (who condemns is the target there).
 */
static void
named_country(const struct classifier *c, const struct hits *hs,
    const struct sent *v, size_t n, const struct sent *best,
    struct sanctions *out)
{
	const char	*code;
	size_t		 i, j;

	if (out->countries.n > 0)
		return;
	for (i = 0; i < n; i++) {
		if (&v[i] != best && v[i].index != 0)
			continue;
		for (j = v[i].h0; j < v[i].h1; j++) {
			if (hs->v[j].kind != LK_NAMED)
				continue;
			code = c->lx.keys[LK_NAMED].v[hs->v[j].key];
			if (!strlist_has(&out->authorities, code))
				strlist_add_unique(&out->countries, code);
		}
	}
}

/*
 * An announcement whose deciding sentence or headline names an office or
 * body that acts (authorities.txt: OFAC, the Security Council, the G7)
 * where neither the rules nor the role model named who acts: that office
 * acts.  Announcements only: in talk about sanctions an office is as often
 * the one appealed to ("calls on the G7") as the one acting.
 */
static void
institution_actor(const struct classifier *c, const struct hits *hs,
    const struct sent *v, size_t n, const struct sent *best,
    struct sanctions *out)
{
	const char	*code;
	size_t		 i, j;

	if (out->authorities.n > 0 || !out->announcement)
		return;
	for (i = 0; i < n; i++) {
		if (&v[i] != best && v[i].index != 0)
			continue;
		for (j = v[i].h0; j < v[i].h1; j++) {
			if (hs->v[j].kind != LK_AUTHORITY)
				continue;
			code = c->lx.keys[LK_AUTHORITY].v[hs->v[j].key];
			if (!strlist_has(&out->countries, code))
				strlist_add_unique(&out->authorities, code);
		}
	}
}

/*
 * A group acts for its members, and who watches sanctions watches the
 * states: "G7 agrees to cap the price of Russian oil" is a step of each
 * (the labels give their codes).  groups.txt names the members.
 */
static void
expand_groups(const struct classifier *c, struct sanctions *out)
{
	size_t	 i, j;

	for (i = 0; i < out->authorities.n; i++) {
		if (!strlist_has(&c->group_key, out->authorities.v[i]))
			continue;
		for (j = 0; j < c->group_key.n; j++)
			if (strcmp(c->group_key.v[j], out->authorities.v[i]) ==
			    0 && !strlist_has(&out->countries,
			    c->group_member.v[j]))
				strlist_add_unique(&out->authorities,
				    c->group_member.v[j]);
		free(out->authorities.v[i]);
		out->authorities.v[i] = out->authorities.v[--out->authorities.n];
		i--;
	}
}

/*
 * A legal basis that only one state or body uses names who acts where the
 * item names no one ("Blocking Property ... pursuant to E.O. 14024",
 * Federal Register notices): owners.txt, whose legal.txt keys match a
 * label up to their '#' ("EO #": "EO 14024").
 */
static void
legal_actor(const struct classifier *c, struct sanctions *out)
{
	const char	*basis;
	size_t		 i, j;

	if (out->authorities.n > 0)
		return;
	for (i = 0; i < out->legal_basis.n; i++)
		for (j = 0; j < c->owner_basis.n; j++) {
			basis = c->owner_basis.v[j];
			if (strncmp(out->legal_basis.v[i], basis,
			    strcspn(basis, "#")) != 0 ||
			    strlist_has(&out->countries, c->owner_code.v[j]))
				continue;
			strlist_add_unique(&out->authorities,
			    c->owner_code.v[j]);
			return;
		}
}

/*
 * Who acts and who is targeted, as the labels have it: for a condemnation,
 * the authorities are whose sanctions are condemned and the target is the
 * one condemning them ("China slams EU sanctions": EU on CN).
 */
static void
fill_roles(const struct sent *s, struct sanctions *out)
{
	size_t	 i;

	if (s->action == ACTION_CONDEMN) {
		for (i = 0; i < s->ntargets; i++)
			if (role_usual(s->targets[i]))
				strlist_add_unique(&out->authorities,
				    s->targets[i]);
			else
				strlist_add_unique(&out->countries,
				    s->targets[i]);
		for (i = 0; i < s->nactors; i++)
			if (!role_usual(s->actors[i]) &&
			    strlen(s->actors[i]) == 2)
				strlist_add_unique(&out->countries,
				    s->actors[i]);
		return;
	}
	for (i = 0; i < s->nactors; i++)
		strlist_add_unique(&out->authorities, s->actors[i]);
	for (i = 0; i < s->ntargets; i++)
		strlist_add_unique(&out->countries, s->targets[i]);
}

#define MENTION_MAX	32	/* states and bodies weighed per item */

/*
 * The step of an announcement the model found where the rules' best
 * sentence reports none: the first sentence that does report one, else
 * the first verb that is asserted (not negated, hypothetical, or a
 * purpose: "a new tool to enforce"), else an imposition.
 */
static enum sanction_action
step_action(const struct sent *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].announce && v[i].action != ACTION_NONE)
			return v[i].action;
	for (i = 0; i < n; i++)
		if (v[i].action != ACTION_NONE && !v[i].negated &&
		    !v[i].hypo && v[i].verb >= 0)
			return v[i].action;
	return ACTION_IMPOSE;
}

static void
fill_event(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *v, size_t n, const struct sent *b,
    struct sanctions *out)
{
	size_t	 i;

	out->action = b->action;
	fill_roles(b, out);
	out->count = roles_count(text, b, hs);
	roles_named(text, c->sc->text.len, hs, b, &out->named,
	    &c->sc->work);
	/* Lists of names often follow the lead: "Those sanctioned include". */
	for (i = 0; i < n; i++)
		if (&v[i] != b && v[i].statecraft == 2 &&
		    (v[i].verb < 0 || v[i].action == b->action) &&
		    !v[i].negated && !v[i].hypo && !v[i].background &&
		    !(v[i].neg & c->history_bit))
			roles_named(text, c->sc->text.len, hs, &v[i],
			    &out->named, &c->sc->work);
	add_evidence(out, text, b);
	for (i = 0; i < n; i++) {
		if (&v[i] == b || v[i].statecraft == 0)
			continue;
		if (out->duration == NULL && (v[i].action == b->action ||
		    v[i].index == 0))
			out->duration = roles_duration(text, &v[i]);
		/* A headline seldom counts; the lead below it does. */
		if (out->count < 0 && v[i].action == b->action &&
		    v[i].verb >= 0)
			out->count = roles_count(text, &v[i], hs);
		if (v[i].index == 0 && v[i].action == b->action) {
			add_evidence(out, text, &v[i]);
			fill_roles(&v[i], out);
		}
	}
	if (out->duration == NULL)
		out->duration = roles_duration(text, b);
	not_own_target(out);
	collect_context(c, text, hs, v, n, out);
}

/*
 * The rules' pass over an item that has a core word: sentences judged and
 * scored, the rules' own verdict in rv; returns the best sentence (a new
 * step outranks talk about one) or NULL.
 */
static struct sent *
rules_pass(const struct classifier *c, size_t title_end, size_t *np,
    struct rule_verdict *rv)
{
	struct classify_scratch	*sc = c->sc;
	struct sent		*best = NULL, *v;
	size_t			 n, i;
	double			 p;

	memset(rv, 0, sizeof(*rv));
	n = *np = judge_sentences(c, sc->text.d, sc->text.len, title_end, sc);
	rv->commerce = has_negative(&sc->hits, c->commerce_key);
	rv->genre = title_genre(c, &sc->hits, sc->text.d, title_end);
	rv->relevant = item_relevant(c, sc->sents, n, rv->commerce,
	    &rv->vetoed);
	for (i = 0; i < n; i++) {
		v = &sc->sents[i];
		sent_score(c, sc->text.d, &sc->hits, v);
		if (rv->relevant && v->statecraft == 0)
			continue;
		if (best == NULL || v->announce > best->announce ||
		    (v->announce == best->announce && v->score > best->score))
			best = v;
	}
	if (best == NULL)
		return NULL;
	p = 1 / (1 + exp(-CAL_A * (best->score - CAL_R0)));
	rv->score = p;
	rv->relevant = rv->relevant && best->statecraft != 0;
	rv->announcement = rv->relevant && best->announce && p > 0.5 &&
	    !rv->genre;
	return best;
}

/* The features of the item in the scratch text, names too when asked. */
static void
item_features(const struct classifier *c, size_t title_end,
    const struct sent *best, size_t n, const struct rule_verdict *rv,
    struct strlist *names)
{
	struct classify_scratch	*sc = c->sc;

	features_begin(&sc->feat, names == NULL ? c->model : NULL);
	sc->feat.names = names;
	features_build(c, sc->text.d, sc->text.len, title_end, &sc->hits,
	    sc->sents, n, best, rv, &sc->feat);
	sc->feat.names = NULL;
}

static void
mention_build(const struct classifier *c, size_t n, const struct sent *best,
    const char *code, struct strlist *names)
{
	struct classify_scratch	*sc = c->sc;

	features_begin(&sc->feat, names == NULL ? c->model : NULL);
	sc->feat.names = names;
	features_mention(c, sc->text.d, sc->text.len, &sc->hits, sc->sents, n,
	    best, code, &sc->feat);
	sc->feat.names = NULL;
}

/* Targets are countries (ISO codes, EU): not "ECOWAS" or "LAS". */
static int
is_country_code(const char *code)
{
	return strlen(code) == 2 && isupper((unsigned char)code[0]) &&
	    isupper((unsigned char)code[1]);
}

/* Keep of l only the codes that are not among codes[0..nc). */
static void
drop_mentioned(struct strlist *l, const char *const *codes, size_t nc)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < nc && !code_eq(l->v[i], codes[j]); j++)
			;
		if (j < nc)
			free(l->v[i]);
		else
			l->v[n++] = l->v[i];
	}
	l->n = n;
}

/*
 * Who acts and who is targeted: decided per state or body named, with the
 * rules' findings among the features.  The model decides for every state
 * or body named unless the deciding sentence announces a step and the
 * rules found both who takes it and on whom, or condemns someone's
 * sanctions on someone (fill_event reads whose and on whom).  There a
 * subject, its verb and its object read the sentence better than a few
 * thousand labelled mentions can teach ("Iran has imposed sanctions on 51
 * Americans": test_classify, samples.sh); a subject alone does not ("Syria
 * warns of sanctions": who warns is who fears them).  Cross-validated on
 * the labelled mentions of the real sets (tests/eval/train.py --report,
 * "cv roles"), per item authority F1 0.79 and target F1 0.84, against
 * 0.77 and 0.83 with the rules' subject standing on short items and their
 * roles on long ones, and 0.71 and 0.78 with the rules' roles always
 * first.  The likeliest sanctioner comes first: it names the topic.
 */
static void
model_roles(const struct classifier *c, size_t n, const struct sent *best,
    struct sanctions *out)
{
	struct classify_scratch	*sc = c->sc;
	const char		*codes[MENTION_MAX];
	double			 pa[MENTION_MAX], pt;
	size_t			 nc, i, j, order[MENTION_MAX], na = 0;
	int			 want_a, want_t;

	nc = mention_codes(c, &sc->hits, sc->text.len, codes, MENTION_MAX);
	want_a = out->authorities.n == 0;
	want_t = out->countries.n == 0;
	if (!(best->nactors > 0 && best->ntargets > 0 && (best->announce ||
	    best->action == ACTION_CONDEMN))) {
		drop_mentioned(&out->authorities, codes, nc);
		drop_mentioned(&out->countries, codes, nc);
		want_a = want_t = 1;
	}
	if (!want_a && !want_t)
		return;
	for (i = 0; i < nc; i++) {
		mention_build(c, n, best, codes[i], NULL);
		pa[i] = model_prob(c->model, &sc->feat, MODEL_AUTHORITY);
		pt = model_prob(c->model, &sc->feat, MODEL_TARGET);
		if (pa[i] >= model_threshold(c->model, MODEL_AUTHORITY) &&
		    pa[i] >= pt) {
			if (!want_a || strlist_has(&out->countries, codes[i]))
				continue;
			for (j = na++; j > 0 && pa[order[j - 1]] < pa[i]; j--)
				order[j] = order[j - 1];
			order[j] = i;
		} else if (want_t && pt >= model_threshold(c->model,
		    MODEL_TARGET) && is_country_code(codes[i]) &&
		    !strlist_has(&out->authorities, codes[i]))
			strlist_add_unique(&out->countries, codes[i]);
	}
	for (j = 0; j < na; j++)
		if (!strlist_has(&out->countries, codes[order[j]]))
			strlist_add_unique(&out->authorities, codes[order[j]]);
}

/*
 * Where the rules see no step and the deciding sentence says why (a
 * refusal, a condemnation, a clause that looks back or stands under
 * another), the model's words do not make one: a written hard case each
 * (test_classify), at 0.002 of cross-validated announcement F1 on the
 * real sets (tests/eval/train.py VETO, the same list).
 */
static int
rules_veto(const struct rule_verdict *rv, const struct sent *best)
{
	return !rv->announcement && (best->negated ||
	    best->action == ACTION_CONDEMN || best->relative ||
	    best->subordinate);
}

void
classify(const struct classifier *c, const struct item *it,
    struct sanctions *out)
{
	struct classify_scratch	*sc = c->sc;
	struct sent		*best;
	struct rule_verdict	 rv;
	size_t			 title_end, n;
	double			 prel, pann;
	int			 rel;

	sanctions_init(out);
	out->score = 0.01;
	memset(&sc->work, 0, sizeof(sc->work));
	if (!triggered(c, it))
		return;
	title_end = item_text(&sc->text, it);
	sc->work.text = sc->text.len;
	lexicon_scan(&c->lx, sc->text.d, sc->text.len, &sc->hits, 0);
	if (!has_core(&sc->hits))
		return;
	if ((best = rules_pass(c, title_end, &n, &rv)) == NULL)
		return;
	/*
	 * The word in another sense (a league's sanction, a judge's, a loan
	 * sanctioned, a press embargo) with no strong phrase to settle it:
	 * the rules know these senses better than a few thousand labelled
	 * items can teach.  So too a sanctions word with no state, body or
	 * measure near it in any sentence.
	 */
	if (rv.vetoed || best->statecraft == 0)
		return;
	item_features(c, title_end, best, n, &rv, NULL);
	prel = model_prob(c->model, &sc->feat, MODEL_RELEVANT);
	pann = model_prob(c->model, &sc->feat, MODEL_ANNOUNCEMENT);
	/* An announcement is about sanctions: one score, both bounds. */
	if (prel < pann)
		pann = prel;
	out->score = round(pann * 1000) / 1000;
	/*
	 * An item the rules find about sanctions that names the EU act
	 * taking the step (a Council Regulation or Decision by number) is
	 * relevant whatever the weights say: the labelled news holds next
	 * to no EU releases, and a retrain must not unlearn the EU's own
	 * voice (test_model).
	 */
	rel = prel >= model_threshold(c->model, MODEL_RELEVANT) ||
	    (rv.relevant && names_eu_act(c, &sc->hits));
	/*
	 * A headline that asks or analyses ("How Russian oil keeps
	 * flowing", "What sanctions remain?") does not report a step, however
	 * its body reads: too rare in the labelled news to be learned.
	 */
	out->announcement = rel && out->score >= classifier_threshold(c) &&
	    !rv.genre && !rules_veto(&rv, best);
	/* score >= the threshold exactly when the item is an announcement. */
	if (!out->announcement && out->score >= classifier_threshold(c))
		out->score = floor(classifier_threshold(c) * 100 - 1) / 100;
	if (!rel)
		return;
	out->relevant = 1;
	fill_event(c, sc->text.d, &sc->hits, sc->sents, n, best, out);
	model_roles(c, n, best, out);
	/* The headline's topic, when neither rules nor model named one. */
	topic_country(c, sc->text.d, &sc->hits, out);
	named_country(c, &sc->hits, sc->sents, n, best, out);
	institution_actor(c, &sc->hits, sc->sents, n, best, out);
	expand_groups(c, out);
	legal_actor(c, out);
	if (out->announcement && (out->action == ACTION_NONE ||
	    !best->announce))
		out->action = step_action(sc->sents, n);
	/* Background keeps only the stances: condemn, demand, evade. */
	if (!out->announcement && out->action != ACTION_CONDEMN &&
	    out->action != ACTION_DEMAND && out->action != ACTION_EVADE)
		out->action = ACTION_NONE;
}

/*
 * The features of one item as strings, for training (tests/featdump):
 * empty when the item never reaches the model.  Each state or body it
 * names follows as "@CODE" and that mention's features.
 */
void
classify_features(const struct classifier *c, const struct item *it,
    struct strlist *names)
{
	struct classify_scratch	*sc = c->sc;
	struct sent		*best;
	struct rule_verdict	 rv;
	const char		*codes[MENTION_MAX];
	size_t			 title_end, n, nc, i;

	memset(&sc->work, 0, sizeof(sc->work));
	if (!triggered(c, it))
		return;
	title_end = item_text(&sc->text, it);
	lexicon_scan(&c->lx, sc->text.d, sc->text.len, &sc->hits, 0);
	if (!has_core(&sc->hits))
		return;
	if ((best = rules_pass(c, title_end, &n, &rv)) == NULL ||
	    rv.vetoed || best->statecraft == 0)
		return;
	item_features(c, title_end, best, n, &rv, names);
	nc = mention_codes(c, &sc->hits, sc->text.len, codes, MENTION_MAX);
	for (i = 0; i < nc; i++) {
		strlist_add(names, "@");
		strlist_add(names, codes[i]);
		mention_build(c, n, best, codes[i], names);
	}
}

/*
 * The gates of classify() alone, without the model: what the daemon asks
 * of an item whose feed text is too short to judge (its article may be).
 */
enum candidate
classify_candidate(const struct classifier *c, const struct item *it)
{
	struct classify_scratch	*sc = c->sc;
	struct sent		*best;
	struct rule_verdict	 rv;
	size_t			 title_end, n;

	memset(&sc->work, 0, sizeof(sc->work));
	if (!triggered(c, it))
		return CANDIDATE_NONE;
	title_end = item_text(&sc->text, it);
	lexicon_scan(&c->lx, sc->text.d, sc->text.len, &sc->hits, 0);
	if (!has_core(&sc->hits))
		return CANDIDATE_WORD;
	if ((best = rules_pass(c, title_end, &n, &rv)) == NULL ||
	    rv.vetoed || best->statecraft == 0)
		return CANDIDATE_CORE;
	return CANDIDATE_STATECRAFT;
}

/* The score from which an item is an announcement (the model's). */
double
classifier_threshold(const struct classifier *c)
{
	return model_threshold(c->model, MODEL_ANNOUNCEMENT);
}

void
classify_work(const struct classifier *c, struct classify_work *w)
{
	*w = c->sc->work;
}

static const char *kind_names[LK_NKINDS] = {
	"country", "authority", "core", "action", "measure", "legal",
	"negative", "modality", "named"
};

/*
 * Why classify() decided as it did: every hit and every judged sentence,
 * as text in b.  For developers (tests/eval -d); no I/O here either.
 */
void
classify_explain(const struct classifier *c, const struct item *it,
    struct buf *b)
{
	struct classify_scratch	*sc = c->sc;
	struct sanctions	 s;
	const struct hit	*h;
	const struct sent	*v;
	size_t			 i, n, title_end;

	classify(c, it, &s);
	sanctions_free(&s);
	memset(&sc->work, 0, sizeof(sc->work));
	title_end = item_text(&sc->text, it);
	lexicon_scan(&c->lx, sc->text.d, sc->text.len, &sc->hits, 0);
	for (i = 0; i < sc->hits.n; i++) {
		h = &sc->hits.v[i];
		buf_printf(b, "hit %s/%s \"%.*s\"\n", kind_names[h->kind],
		    c->lx.keys[h->kind].v[h->key], (int)(h->to - h->from),
		    sc->text.d + h->from);
	}
	n = judge_sentences(c, sc->text.d, sc->text.len, title_end, sc);
	for (i = 0; i < n; i++) {
		v = &sc->sents[i];
		sent_score(c, sc->text.d, &sc->hits, &sc->sents[i]);
		buf_printf(b, "sentence %d: statecraft %d strong %d neg %#x "
		    "verb %d action %s neg %d hypo %d fut %d rel %d nom %d "
		    "sub %d actors %zu targets %zu announce %d score %.2f: "
		    "%.*s\n", v->index, v->statecraft, v->strong, v->neg,
		    v->verb, action_name(v->action), v->negated, v->hypo,
		    v->future, v->relative, v->nominal, v->subordinate,
		    v->nactors, v->ntargets, v->announce, v->score,
		    (int)(v->to - v->from), sc->text.d + v->from);
	}
}
