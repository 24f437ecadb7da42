/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_int.h: the parts of the sanctions classifier, shared by its
 * files (classify*.c) and by nobody else.
 *
 * The lexicon turns the data files into one Vectorscan database; a scan of
 * an item's text yields hits (kind, key, byte range).  Sentences are split
 * only where a sanctions word was hit, and the rules in classify_sent.c
 * and classify_roles.c look only at the hits inside one sentence.
 */
#ifndef CLASSIFY_INT_H
#define CLASSIFY_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <hs/hs.h>

#include "parsers.h"

/* One kind per data file. */
enum lex_kind {
	LK_COUNTRY,
	LK_AUTHORITY,
	LK_CORE,
	LK_ACTION,
	LK_MEASURE,
	LK_LEGAL,
	LK_NEGATIVE,
	LK_MODALITY,
	LK_NAMED,
	LK_NKINDS
};

struct lex_pattern {
	uint8_t		 kind;
	uint8_t		 prefix;	/* "word*": may run on into a word */
	uint8_t		 nosom;		/* only the end of a match is known */
	uint16_t	 len;		/* a literal's length; 0 for a regex */
	uint16_t	 key;
};

struct lexicon {
	/* Plain and "re:" phrases; then the core ones again, as a trigger. */
#define LEX_LIT		0
#define LEX_RE		1
#define LEX_TRIGGER_LIT	2
#define LEX_NDB		3
	hs_database_t		*db[LEX_NDB];
	/*
	 * One scratch per loaded classifier: classify() may run in one thread
	 * at a time per classifier (the daemon has one loop).
	 */
	hs_scratch_t		*scratch;
	struct lex_pattern	*pats;
	size_t			 npats;
	struct strlist		 keys[LK_NKINDS];
	int			 cached;	/* from lexicon.hsdb */
	char			 cache_why[256];	/* else why not */
};

struct hit {
	uint32_t	 from;
	uint32_t	 to;
	uint8_t		 kind;
	uint16_t	 key;
};

struct hits {
	struct hit	*v;
	size_t		 n;
	size_t		 cap;
};

/* The loaded classifier: the lexicon and the keys the rules look for. */
struct classify_scratch;
struct model;

struct classifier {
	struct lexicon		 lx;
	int			 core_strong;
	int			 country_none;	/* "-": a look-alike */
	int			 act_light;
	enum sanction_action	 act_of_key[16];
	unsigned int		 veto_mask;	/* negative.txt: other senses */
	unsigned int		 court_bit;
	unsigned int		 health_bit;
	unsigned int		 history_bit;
	unsigned int		 background_bit;
	unsigned int		 approve_bit;
	unsigned int		 analysis_bit;
	int			 genre_key;
	int			 commerce_key;
	int			 mod_neg, mod_hyp, mod_fut, mod_rep;
	struct model		*model;		/* data/model.txt */
	/* groups.txt and owners.txt: (key, value) pairs in file order. */
	struct strlist		 group_key, group_member;
	struct strlist		 owner_code, owner_basis;
	/* Per kind and key: "k:KEY" and "kt:KEY" hashed (features_build). */
	uint32_t		*key_hash[LK_NKINDS];
	/* The sentence flags of "s", "ts" and "best", hashed (the same). */
#define SFLAG_N		62
	uint32_t		 sflag_hash[3][SFLAG_N];
	/* Where a mention stands in its sentence, hashed (the same). */
#define MSENT_N		27
	uint32_t		 msent_hash[3][MSENT_N];
	struct classify_scratch	*sc;		/* per-call buffers */
};

/*
 * Caps on the work for one item (classify.c, classify_named.c).  Every
 * step is linear in the text, or in the hits of one sentence times a
 * reach, so a cap on each bounds the whole whatever the item; each is
 * several times what the longest real articles need (a 129 KB text made
 * of every labelled item at once: 428 sentences judged, 3051 hits, at
 * most 17 in one sentence, 130 names tried, 83 legal bases, 2 names looked up).
 */
#define CLASSIFY_TEXT_MAX	(256 * 1024)	/* bytes of folded text */
#define JUDGE_MAX		1024	/* sentences judged */
#define JUDGE_HITS_MAX		8192	/* hits in the sentences judged */
#define SENT_HITS_MAX		32	/* hits judged in one sentence */
#define NAMES_MAX		512	/* candidate names tried */
#define LOOKUPS_MAX		64	/* names looked for in the whole text */
#define LEGAL_MAX		256	/* legal bases looked at */

/* What the rules found in one sentence. */
#define ROLE_MAX	16

struct sent {
	uint32_t		 from, to;
	size_t			 h0, h1;	/* its hits */
	int			 index;		/* 0: the title; then 1, 2, ... */
	unsigned int		 neg;		/* negative.txt keys, as bits */
	int			 strong;
	int			 says;		/* "sanction(s)" or "embargo" */
	int			 statecraft;	/* 0 no, 1 if the item is, 2 yes */
	int			 verb;		/* hit index, or -1 */
	int			 core;		/* hit index of the nearest core */
	enum sanction_action	 action;
	int			 negated, hypo, future, report, passive;
	int			 relative;	/* "sanctions imposed in 2014" */
	int			 nominal;	/* "the imposition of" */
	int			 subordinate;	/* "after the US imposed" */
	int			 background;	/* "despite sanctions" */
	int			 announce;
	double			 score;
	const char		*actors[ROLE_MAX];
	size_t			 nactors;
	const char		*targets[ROLE_MAX];
	size_t			 ntargets;
};

/* What the rules alone decided, for the model to weigh. */
struct rule_verdict {
	int		 relevant;
	int		 announcement;
	int		 genre;		/* a headline of analysis or a question */
	int		 commerce;	/* trade-deal context */
	int		 vetoed;	/* the word in another sense */
	double		 score;
};

/* classify_model.c: the learned decision. */
#define MODEL_RELEVANT		0
#define MODEL_ANNOUNCEMENT	1
#define MODEL_AUTHORITY		2	/* per state or body named: acts */
#define MODEL_TARGET		3	/* ... or is the target */
#define MODEL_NOUT		4
struct features {
	struct model	*m;		/* weigh against it, or NULL */
	int32_t		 iz[MODEL_NOUT];	/* the weights so far, fixed point */
	struct strlist	*names;		/* when not NULL: the strings too */
};
uint32_t	 feature_hash(const char *, size_t);
struct model	*model_load(const char *, char **);
struct model	*model_load_cached(const char *, const char *, char **);
const char	*model_cache_state(const struct model *);
void		 model_free(struct model *);
double		 model_prob(const struct model *, const struct features *, int);
double		 model_threshold(const struct model *, int);
size_t		 model_size(const struct model *);
void		 features_build(const struct classifier *, const char *, size_t,
		    size_t, const struct hits *, const struct sent *, size_t,
		    const struct sent *, const struct rule_verdict *,
		    struct features *);
void		 features_mention(const struct classifier *, const char *,
		    size_t, const struct hits *, const struct sent *, size_t,
		    const struct sent *, const char *, struct features *);
size_t		 mention_codes(const struct classifier *, const struct hits *,
		    size_t, const char **, size_t);
int		 names_eu_act(const struct classifier *, const struct hits *);
void		 features_keys(struct classifier *);
void		 sflags_hash(struct classifier *);
void		 mentions_hash(struct classifier *);
void		 features_keys_free(struct classifier *);
void		 features_begin(struct features *, struct model *);
void		 features_add(struct features *, const char *);
void		 features_free(struct features *);

/* classify_sent.c */
void		 sent_analyze(const struct classifier *, const char *,
		    const struct hits *, struct sent *);
void		 sent_score(const struct classifier *, const char *,
		    const struct hits *, struct sent *);

/*
 * strcmp(a, b) == 0 for the codes of states and bodies, which the rules
 * and the mention features compare by the hundred per item: most differ
 * in the first byte, looked at here without a call (callgrind, dense
 * classify_bench over 2 MB: strcmp() 8.3 M instructions -> 1.8 M).
 */
static inline int
code_eq(const char *a, const char *b)
{
	return a[0] == b[0] && (a[0] == '\0' || strcmp(a + 1, b + 1) == 0);
}

/*
 * The code of the state or body a hit names, or NULL: inline, for the
 * mention features ask it of every hit once per state named (callgrind,
 * dense classify_bench over 2 MB: 257,000 calls; classify() 367.3 M
 * instructions -> 365.1 M).
 */
static inline const char *
hit_code(const struct classifier *c, const struct hit *h)
{
	if (h->kind == LK_COUNTRY && h->key != c->country_none)
		return c->lx.keys[LK_COUNTRY].v[h->key];
	if (h->kind == LK_AUTHORITY)
		return c->lx.keys[LK_AUTHORITY].v[h->key];
	return NULL;
}

/* classify_roles.c */
int		 is_clause_break(const char *, size_t, size_t);
int		 clause_break_between(const char *, size_t, size_t);
int		 role_usual(const char *);
void		 roles_find(const struct classifier *, const char *,
		    const struct hits *, struct sent *);
long long	 roles_count(const char *, const struct sent *,
		    const struct hits *);
char		*roles_duration(const char *, const struct sent *);

/* classify_named.c */
void		 roles_named(const char *, size_t, const struct hits *,
		    const struct sent *, struct strlist *,
		    struct classify_work *);
char		*legal_label(const char *, const char *, size_t, size_t);
void		 legal_prune(struct strlist *);

/* classify_tables.c */
int		 tables_load(struct classifier *, const char *, char **);
void		 tables_free(struct classifier *);

/* classify_lexicon.c */
int		 lexicon_load(struct lexicon *, const char *, char **);
void		 lexicon_free(struct lexicon *);
int		 lexicon_key(const struct lexicon *, enum lex_kind,
		    const char *);
void		 lexicon_scan(const struct lexicon *, const char *, size_t,
		    struct hits *, int);
typedef int	 (*data_line_fn)(void *, char *, const char *, char **);
int		 data_file_each(const char *, const char *, data_line_fn,
		    void *, char **);
/* Both caches in the data directory, the lexicon's and the model's. */
int		 cache_write_file(const char *, const struct buf *, char **);

/* classify_text.c: words and sentences. */
struct span {
	uint32_t	 from;
	uint32_t	 to;
};
size_t		 sentence_split(const char *, size_t, struct span **,
		    size_t *);
/*
 * Letters, digits and '_'; inline, for the rules test it on every byte,
 * and looked up (classify_text.c) rather than compared four times: 3% of
 * the dense bench's instructions (callgrind).
 */
extern const unsigned char word_bytes[256];
static inline int
is_word_byte(int c)
{
	return (unsigned int)c < 256 && word_bytes[c];
}
size_t		 prev_word(const char *, size_t, size_t, size_t *);
size_t		 next_word(const char *, size_t, size_t, size_t *);
int		 word_is_rest(const char *, size_t, size_t, const char *);
/*
 * Is text[b..e) the word w, case-blind?  Most words differ in the first
 * letter: that is looked at here, without a call (perf, dense
 * classify_bench: the calls were 6% of the instructions).
 */
static inline int
word_is(const char *text, size_t b, size_t e, const char *w)
{
	if (b >= e || w[0] == '\0' || (text[b] | 0x20) != (w[0] | 0x20))
		return 0;
	return word_is_rest(text, b, e, w);
}
/*
 * A constant list of words (NULL-terminated) for word_at(), word_in() and
 * words_any(), with an index built on its first use (classify_text.c):
 * WORDLIST(array) initializes one.
 */
#define WORDLIST_MAX	64
struct wordlist {
	const char *const	*v;
	atomic_int		 state;		/* 0, building, ready */
	/* Per first byte & 31: its entries' lengths, where in order[]. */
	uint32_t		 lens[32];
	uint8_t			 start[33];
	uint8_t			 order[WORDLIST_MAX];
	uint8_t			 len[WORDLIST_MAX];
};
#define WORDLIST(array)	{ .v = (array) }
int		 word_at(const char *, size_t, size_t, struct wordlist *);
int		 word_in(const char *, size_t, size_t, struct wordlist *);
size_t		 words_between(const char *, size_t, size_t);
size_t		 words_within(const char *, size_t, size_t, size_t);
int		 words_any(const char *, size_t, size_t, struct wordlist *);
int		 text_has(const char *, size_t, size_t, const char *);
char		*text_snippet(const char *, size_t, size_t, size_t);

#endif
