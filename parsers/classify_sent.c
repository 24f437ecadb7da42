/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_sent.c: the rules for one sentence.
 *
 * A sentence is about sanctions in the statecraft sense when it holds a
 * core word that no other sense claims (negative.txt) and that a state, a
 * body, a measure or a legal basis stands beside.  It reports a new step
 * when the verb nearest that word is a step (impose, lift, ease, extend,
 * threaten, enforce), is not negated, hypothetical or looking back, and
 * someone acts or is acted upon.
 */
#include <ctype.h>
#include <string.h>

#include "classify_int.h"

/* Sentences after this one are deep in the article. */
#define DEEP_SENTENCE	3
/* How far (in words) a verb may stand from the sanctions word it governs. */
#define VERB_REACH	12
/* How far (in bytes) before a verb its modality may stand. */
#define MODAL_REACH	48
#define NEGATION_REACH	110

static const char *const aux_passive_words[] = {
	"was", "were", "been", "be", "being", "is", "are", "get", "gets", "got",
	NULL
};
static struct wordlist aux_passive = WORDLIST(aux_passive_words);

/* After "X sanctions", these words show it is a verb: "sanctions 13". */
static const char *const object_next_words[] = {
	"more", "several", "a", "an", "the", "top", "senior", "key", "dozens",
	"scores", "officials", "firms", "companies", "entities", "individuals",
	"people", "banks", "ex", "former", "its", "his", "her", "their",
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"members", "network", "networks", "vessels", "ships", "tankers",
	"executives", "oligarchs", "lawmakers", "judges", "generals", NULL
};
static struct wordlist object_next = WORDLIST(object_next_words);

/* Words that open a clause whose verb is background, not the news. */
static const char *const subordinators_words[] = {
	"after", "since", "when", "before", "until", "once", "because",
	"following", "ahead", "amid", "despite", "although", "though",
	"while", "whereas", "if", "unless", "whether", NULL
};
static struct wordlist subordinators = WORDLIST(subordinators_words);

/* Words after which "blacklists", "bans" are verbs. */
static const char *const verb_before_words[] = {
	"to", "will", "would", "has", "have", "had", "was", "were", "is", "are",
	"also", "may", "then", "and", "formally", "officially", NULL
};
static struct wordlist verb_before = WORDLIST(verb_before_words);

/* A determiner makes the next word a noun: "the ban", "a freeze". */
static const char *const determiners_words[] = {
	"the", "a", "an", "this", "that", "its", "their", "his", "her", "our",
	"any", "no", "such", "whose", NULL
};
static struct wordlist determiners = WORDLIST(determiners_words);

/* After "sanctions", these words show it is a noun ("sanctions on"). */
static const char *const noun_next_words[] = {
	"on", "against", "over", "for", "relief", "regime", "regimes", "list",
	"lists", "package", "packages", "law", "laws", "policy", "program",
	"programme", "were", "are", "have", "had", "has", "will", "would",
	"could", "may", "might", "imposed", "and", "or", "targeting", "that",
	"which", "in", "to", "by", "is", "was", "as", "from", "of", "under",
	"at", "it", "they", "would", "include", "including", "also", "remain",
	"the", "a", "an", "this", "these", "its", "their", "his", "her", "s",
	NULL
};
static struct wordlist noun_next = WORDLIST(noun_next_words);

static int
core_is_sanction_word(const char *text, const struct hit *h)
{
	size_t	 n = h->to - h->from;

	return n >= 8 && n <= 11 && strncasecmp(text + h->from, "sanction",
	    8) == 0;
}

static int
hit_is_entity(const struct classifier *c, const struct hit *h)
{
	return (h->kind == LK_COUNTRY && h->key != c->country_none) ||
	    h->kind == LK_AUTHORITY;
}

/*
 * "Families to EU: Sanction Tunisian officials": "Sanction" opening a
 * headline or what follows its colon is a bidding, not a step.
 */
static int
sanction_imperative(const char *text, const struct sent *s,
    const struct hit *h)
{
	size_t	 p = h->from;

	if (h->to - h->from != 8 || text[h->from] != 'S')
		return 0;
	while (p > s->from && (text[p - 1] == ' ' || text[p - 1] == '"' ||
	    text[p - 1] == '\''))
		p--;
	return p == s->from || text[p - 1] == ':';
}

/*
 * "Treasury sanctions five banks", "the US sanctioned", "were sanctioned",
 * "plans to sanction": the core word used as a verb.
 */
static int
sanction_is_verb(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, size_t i)
{
	const struct hit	*h = &hs->v[i];
	size_t			 pb, pe, nb, ne;
	int			 after_entity = 0;
	char			 last;

	if (!core_is_sanction_word(text, h))
		return 0;
	if (sanction_imperative(text, s, h))
		return 1;
	pb = prev_word(text, s->from, h->from, &pe);
	nb = next_word(text, h->to, s->to, &ne);
	if (i > s->h0) {
		const struct hit *p = &hs->v[i - 1];

		/* "the Council unanimously sanctions": an adverb between. */
		after_entity = hit_is_entity(c, p) &&
		    (words_between(text, p->to, h->from) == 0 ||
		    (words_between(text, p->to, h->from) == 1 && pe > pb + 2 &&
		    strncasecmp(text + pe - 2, "ly", 2) == 0));
	}
	last = text[h->to - 1] | 0x20;
	if (last == 'd' || last == 'g') {	/* sanctioned, sanctioning */
		if (word_in(text, pb, pe, &aux_passive) || after_entity ||
		    word_is(text, pb, pe, "those") || word_is(text, pb, pe,
		    "has") || word_is(text, pb, pe, "have") ||
		    word_is(text, pb, pe, "had"))
			return 1;
		return word_is(text, nb, ne, "by");
	}
	if (word_is(text, pb, pe, "to") || word_is(text, pb, pe, "will") ||
	    word_is(text, pb, pe, "would") || word_is(text, pb, pe, "may"))
		return nb < ne && !word_in(text, nb, ne, &noun_next);
	if (!after_entity || nb == ne)
		return 0;
	return isupper((unsigned char)text[nb]) ||
	    isdigit((unsigned char)text[nb]) || word_in(text, nb, ne,
	    &object_next);
}

/* "sanction" alone, not a verb: approval or a penalty, rarely statecraft. */
static int
core_is_singular(const char *text, const struct hit *h)
{
	return h->to - h->from == 8 && strncasecmp(text + h->from,
	    "sanction", 8) == 0;
}

/* An action word that is a noun or part of a compound ("counter-ban"). */
static int
action_is_noun(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, size_t i)
{
	const struct hit	*h = &hs->v[i];
	size_t			 j, pb, pe;

	if (h->from > s->from && text[h->from - 1] == '-')
		return 1;
	/* "Joint Comprehensive Plan of Action": a name, outside headlines. */
	if (s->index > 0 && h->from > s->from &&
	    isupper((unsigned char)text[h->from]) &&
	    memchr(text + h->from, ' ', h->to - h->from) == NULL)
		return 1;
	/* "adding that", "warned that": speech, the step is in the clause. */
	pb = next_word(text, h->to, s->to, &pe);
	if (word_is(text, pb, pe, "that"))
		return 1;
	/* Part of a longer sanctions phrase ("export ban"); the same word
	 * ("blacklists") may still be the verb. */
	for (j = s->h0; j < s->h1; j++) {
		if (hs->v[j].kind != LK_CORE || hs->v[j].from > h->from ||
		    hs->v[j].to < h->to)
			continue;
		/* "bans entry", "freezes assets": a phrase led by its verb. */
		if (hs->v[j].to - hs->v[j].from > h->to - h->from)
			return hs->v[j].from != h->from;
		/* The same word: a verb only after its subject or an aux. */
		pb = prev_word(text, s->from, h->from, &pe);
		if (word_in(text, pb, pe, &verb_before))
			return 0;
		for (j = i; j-- > s->h0;)
			if (hs->v[j].to <= h->from && hit_is_entity(c, &hs->v[j]))
				return words_between(text, hs->v[j].to,
				    h->from) != 0;
		return 1;
	}
	pb = prev_word(text, s->from, h->from, &pe);
	return word_in(text, pb, pe, &determiners);
}

/* "imposition", "removal", "extension", "waiver": a step named, not taken. */
static int
action_is_nominal(const char *text, const struct hit *h)
{
	static const char *const ends[] = { "ion", "ions", "al", "als",
	    "ment", "ure", "ief", "er", "ers", NULL };
	size_t	 i, n, len = h->to - h->from;

	for (i = 0; ends[i] != NULL; i++) {
		n = strlen(ends[i]);
		if (len > n + 2 && strncasecmp(text + h->to - n, ends[i],
		    n) == 0)
			return 1;
	}
	return 0;
}

/*
 * "the EU said it would impose", "warned that Washington would
 * sanction": reported speech turns "will" into "would"; that is a
 * commitment, not a conjecture.
 */
static int
reported_will(const char *text, const struct sent *s, const struct hit *h)
{
	static const char *const said_words[] = { "said", "says", "announced",
	    "told", "stated", "declared", "confirmed", "warned", "warns",
	    "threatened", "vowed", "pledged", "promised", NULL };
	static struct wordlist said = WORDLIST(said_words);
	size_t	 wb, we, n = 0;

	if (!word_is(text, h->from, h->to, "would"))
		return 0;
	for (wb = prev_word(text, s->from, h->from, &we); wb < we && n < 6;
	    wb = prev_word(text, s->from, wb, &we), n++)
		if (word_in(text, wb, we, &said))
			return 1;
	return 0;
}

/*
 * "Regulation (EU) No 833/2014", "Executive Order No. 13224": "No" before
 * a number abbreviates "number"; it negates nothing.
 */
static int
number_sign(const char *text, const struct sent *s, const struct hit *h)
{
	size_t	 p = h->to;

	if (!word_is(text, h->from, h->to, "no"))
		return 0;
	if (p < s->to && text[p] == '.')
		p++;
	while (p < s->to && text[p] == ' ')
		p++;
	return p < s->to && text[p] >= '0' && text[p] <= '9';
}

/*
 * "sanctions against Russia: EU approves ...": "against" right after the
 * sanctions word names their target, it opposes nothing.  Only "voted
 * against", "came out against sanctions" negate.
 */
static int
target_against(const char *text, const struct hits *hs,
    const struct sent *s, size_t i)
{
	const struct hit	*h = &hs->v[i];
	size_t			 j;

	if (!word_is(text, h->from, h->to, "against"))
		return 0;
	for (j = i; j-- > s->h0;) {
		if (hs->v[j].to > h->from)
			continue;
		return hs->v[j].kind == LK_CORE &&
		    words_between(text, hs->v[j].to, h->from) == 0;
	}
	return 0;
}

/*
 * "vows not to block peace moves as the UN imposes", "there is no doubt
 * that the world will impose": a negation in another clause than the
 * verb's, or the idiom "no doubt", negates nothing.
 */
static int
negation_elsewhere(const char *text, const struct sent *s,
    const struct hit *h, const struct hit *v)
{
	static const char *const breaks_words[] = { "as", "while", "but",
	    "whereas", "when", "after", "since", "because", "though",
	    "although", NULL };
	static struct wordlist breaks = WORDLIST(breaks_words);
	size_t	 nb, ne;

	nb = next_word(text, h->to, s->to, &ne);
	if (word_is(text, h->from, h->to, "no") && word_is(text, nb, ne,
	    "doubt"))
		return 1;
	if (h->to > v->from)
		return 0;
	return words_any(text, h->to, v->from, &breaks) ||
	    memchr(text + h->to, ';', v->from - h->to) != NULL ||
	    memchr(text + h->to, ':', v->from - h->to) != NULL;
}

/*
 * "against" opposes only after a word of opposing ("voted against", "is
 * against", "came out against"); elsewhere it names whom a step or a
 * warning aims at: "warns firms against helping Russia", "moves against
 * Taylor aides", "retaliation against tightening EU sanctions".
 */
static int
against_aimed(const char *text, const struct sent *s, const struct hit *h)
{
	static const char *const opposing_words[] = { "vote", "votes",
	    "voted", "voting", "argue", "argues", "argued", "arguing",
	    "lobby", "lobbies", "lobbied", "lobbying", "campaign",
	    "campaigns", "campaigned", "campaigning", "out", "decide",
	    "decides", "decided", "rule", "rules", "ruled", "spoke", "speaks",
	    "caution", "cautions", "cautioned", "advise", "advises",
	    "advised", "warn", "warns", "warned", "warning", "is", "are",
	    "was", "were", "be", "been", "firmly", "strongly", "stood",
	    "stand", "stands", "position", "opposition", "resolutely", NULL };
	static struct wordlist opposing = WORDLIST(opposing_words);
	size_t	 pb, pe;

	if (!word_is(text, h->from, h->to, "against"))
		return 0;
	pb = prev_word(text, s->from, h->from, &pe);
	return !word_in(text, pb, pe, &opposing);
}

/* Does a state or body stand right before position p ("China to")? */
static int
after_subject(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, size_t p)
{
	size_t	 i;

	for (i = s->h1; i-- > s->h0;)
		if (hs->v[i].to <= p && hit_code(c, &hs->v[i]) != NULL)
			return words_between(text, hs->v[i].to, p) == 0;
	return 0;
}

/*
 * "agreed to extend", "voted to impose", "urged ... to impose": the "to"
 * before a verb belongs to a verb of deciding, asking or threatening.
 */
static int
governed(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, size_t to)
{
	size_t			 i;
	enum sanction_action	 a;

	for (i = s->h0; i < s->h1 && hs->v[i].from < to; i++) {
		if (hs->v[i].kind != LK_ACTION ||
		    words_between(text, hs->v[i].to, to) > 8)
			continue;
		if (hs->v[i].key == c->act_light)
			return 1;
		a = hs->v[i].key < 16 ? c->act_of_key[hs->v[i].key] :
		    ACTION_NONE;
		if (a == ACTION_THREATEN || a == ACTION_DEMAND ||
		    a == ACTION_CONDEMN)
			return 1;
	}
	return 0;
}

/* "OFAC designated": the core word names who acts, not the measures. */
static int
core_is_agency(const struct classifier *c, const struct hits *hs,
    const struct sent *s)
{
	const struct hit	*k = &hs->v[s->core];
	size_t			 i;

	for (i = s->h0; i < s->h1; i++)
		if (hit_code(c, &hs->v[i]) != NULL &&
		    hs->v[i].from <= k->from && hs->v[i].to >= k->to)
			return 1;
	return 0;
}

/*
 * "U.N. arms embargo imposed on Yemen's Houthis", "New sanctions imposed
 * by Canada": a headline drops the "was"; the participle, with its
 * target or its actor after it and no other verb, is the news.
 */
static int
headline_passive(const char *text, const struct hits *hs, const struct sent *s,
    const struct hit *v)
{
	static const char *const agent_words[] = { "on", "by", "against",
	    NULL };
	static struct wordlist agent = WORDLIST(agent_words);
	size_t	 nb, ne;

	if (s->index != 0 || (text[v->to - 1] | 0x20) != 'd')
		return 0;
	/*
	 * Only the headline's subject: "Putin expels diplomats in response
	 * to sanctions imposed by" has the news in another verb.
	 */
	if (s->core < 0 || words_between(text, s->from,
	    hs->v[s->core].from) > 5 || clause_break_between(text, s->from,
	    hs->v[s->core].from))
		return 0;
	nb = next_word(text, v->to, s->to, &ne);
	return word_in(text, nb, ne, &agent);
}

/*
 * "sanctions hit sales", "sanctions will cut": the sanctions are the
 * subject, so the verb tells what they do, not a step someone takes.
 * Only taking effect is news.
 */
static int
core_is_subject(const char *text, const struct hits *hs, size_t core_to,
    const struct hit *v, const struct sent *s)
{
	static const char *const aux_words[] = { "will", "would", "could", "may",
	    "might", "have", "has", "had", "are", "were", "to", NULL };
	static struct wordlist aux = WORDLIST(aux_words);
	size_t	 wb, we;

	if (v->from < core_to || v->kind != LK_ACTION)
		return 0;
	/*
	 * "announces sanctions, targets banks": a comma starts another
	 * clause of the same subject; a headline's "embargo imposed on X"
	 * drops its "was".
	 */
	if (memchr(text + core_to, ',', v->from - core_to) != NULL ||
	    headline_passive(text, hs, s, v))
		return 0;
	/*
	 * "US sanctions target Putin's daughters": in a headline, what the
	 * sanctions aim at is their news, not an effect.
	 */
	if (s->index == 0 && strncasecmp(text + v->from, "target", 6) == 0)
		return 0;
	wb = next_word(text, core_to, v->from, &we);
	if (wb < we && (!word_in(text, wb, we, &aux) ||
	    words_between(text, core_to, v->from) > 1))
		return 0;
	wb = next_word(text, v->to, s->to, &we);
	return !word_is(text, wb, we, "effect") &&
	    !word_is(text, wb, we, "force") &&
	    !text_has(text, v->from, v->to, "effect") &&
	    !text_has(text, v->from, v->to, "force");
}

/*
 * Is the clause holding the verb subordinate ("a decade after the UN
 * imposed", "when the US imposed")?  Look from the clause's start to its
 * subject.
 */
static int
clause_subordinate(const char *text, const struct sent *s, size_t subj)
{
	size_t	 a = subj;

	while (a > s->from && text[a - 1] != ',' && text[a - 1] != ';' &&
	    text[a - 1] != ':')
		a--;
	return words_any(text, a, subj, &subordinators);
}

static void
sent_collect(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s, int *nent, int *nctx)
{
	const struct hit	*h;
	size_t			 i;

	s->core = -1;
	for (i = s->h0; i < s->h1; i++) {
		h = &hs->v[i];
		switch (h->kind) {
		case LK_CORE:
			if (h->key == c->core_strong)
				s->strong = 1;
			else if (core_is_singular(text, h) &&
			    !sanction_is_verb(c, text, hs, s, i))
				break;
			if (s->core < 0)
				s->core = (int)i;
			break;
		case LK_NEGATIVE:
			s->neg |= 1u << h->key;
			break;
		case LK_COUNTRY:
		case LK_AUTHORITY:
			if (hit_is_entity(c, h))
				(*nent)++;
			break;
		case LK_MEASURE:
		case LK_LEGAL:
			(*nctx)++;
			break;
		default:
			break;
		}
	}
}

/*
 * "EU sanctions on Russian church leader": "sanctions" before "on" or
 * "against", or before a verb, is the noun, never a synod's or a
 * council's approval, so the approve sense found nearby does not apply to
 * it.  ("India sanctions
 * plan" may be either: it stays vetoed.)
 */
static int
sanctions_noun(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s)
{
	static const char *const on_words[] = { "on", "against", NULL };
	static struct wordlist on = WORDLIST(on_words);
	const struct hit	*h;
	size_t			 i, j, b, e;

	for (i = s->h0; i < s->h1; i++) {
		h = &hs->v[i];
		if (h->kind != LK_CORE || !core_is_sanction_word(text, h) ||
		    (text[h->to - 1] | 0x20) != 's')
			continue;
		b = next_word(text, h->to, s->to, &e);
		if (word_in(text, b, e, &on))
			return 1;
		/* "sanctions imposed as activists plan": a verb follows. */
		for (j = i + 1; j < s->h1 && hs->v[j].from <= b; j++)
			if (hs->v[j].from == b && hs->v[j].kind == LK_ACTION &&
			    hs->v[j].key != c->act_light)
				return 1;
	}
	return 0;
}

/* Does the sentence say "sanction(s)" or "embargo" in so many words? */
static int
says_sanctions(const char *text, const struct hits *hs, const struct sent *s)
{
	size_t	 i;

	for (i = s->h0; i < s->h1; i++)
		if (hs->v[i].kind == LK_CORE &&
		    (core_is_sanction_word(text, &hs->v[i]) ||
		    strncasecmp(text + hs->v[i].from, "embargo", 7) == 0))
			return 1;
	return 0;
}

/*
 * A court's or a debtor's context gives a freeze or a ban another sense;
 * it takes "sanctions" itself only where no state is named.  An epidemic's
 * gives curbs and bans theirs (the labelling guide's health bans).
 */
static int
statecraft(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, int nent, int nctx)
{
	if (s->core < 0)
		return 0;
	if ((s->neg & c->veto_mask) && !s->strong)
		return 0;
	if ((s->neg & c->court_bit) && !s->strong && (nent == 0 ||
	    !says_sanctions(text, hs, s)))
		return 0;
	/* "eases COVID curbs on flights": a health measure, unless so named. */
	if ((s->neg & c->health_bit) && !s->strong &&
	    !says_sanctions(text, hs, s))
		return 0;
	if (s->strong || nent > 0 || nctx > 0)
		return 2;
	return 1;
}

static int
has_subordinator(const char *text, size_t a, size_t b)
{
	return words_any(text, a, b, &subordinators);
}

/* The nearest core hit to hit i, in words; -1 when none is in reach. */
static int
core_near(const char *text, const struct hits *hs, const struct sent *s,
    size_t i, size_t *dist)
{
	size_t	 j, d, reach, best = (size_t)-1;
	int	 bj = -1;

	for (j = s->h0; j < s->h1 && best > 0; j++) {
		if (hs->v[j].kind != LK_CORE || j == i)
			continue;
		/*
		 * Distances are counted only as far as the reach, or as a
		 * nearer core already found, and the subordinator looked for
		 * only in a nearer span: a sentence dense with hits must not
		 * cost its hits squared times its length.  Only a nearer core
		 * counts, so none does once one is found at 0 words.
		 */
		reach = best <= VERB_REACH ? best - 1 : VERB_REACH;
		if (hs->v[j].from >= hs->v[i].to) {
			d = words_within(text, hs->v[i].to, hs->v[j].from,
			    reach);
			/*
			 * Hits are in order of start: every later core is at
			 * least as far (callgrind, dense classify_bench over
			 * 2 MB: core_near() 7.5 M instructions -> 6.4 M).
			 */
			if (d > reach)
				break;
			/* "vowed to ... after the expiry of an embargo". */
			if (has_subordinator(text, hs->v[i].to, hs->v[j].from))
				continue;
		} else if (hs->v[j].to <= hs->v[i].from)
			d = words_within(text, hs->v[j].to, hs->v[i].from,
			    reach);
		else
			d = 0;
		if (d < best) {
			best = d;
			bj = (int)j;
		}
	}
	*dist = best;
	return best <= VERB_REACH ? bj : -1;
}

static enum sanction_action
verb_action(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, size_t i)
{
	const struct hit	*h = &hs->v[i];

	if (h->kind == LK_CORE && sanction_imperative(text, s, h))
		return ACTION_DEMAND;
	if (h->kind == LK_CORE)
		return sanction_is_verb(c, text, hs, s, i) ? ACTION_IMPOSE :
		    ACTION_NONE;
	if (h->kind != LK_ACTION || h->key >= 16)
		return ACTION_NONE;
	return c->act_of_key[h->key];
}

/*
 * "vows not to block peace moves as the UN imposes an arms embargo": a
 * step verb does not govern a sanctions word that another step verb
 * stands before.  A verb of threatening, asking or condemning does: "vowed
 * to impose", "urged the EU to impose".
 */
static int
step_between(const struct classifier *c, const char *text,
    const struct hits *hs, const struct sent *s, size_t i, size_t cj,
    enum sanction_action a)
{
	size_t			 k;
	enum sanction_action	 b;

	if (a == ACTION_THREATEN || a == ACTION_DEMAND || a == ACTION_CONDEMN ||
	    hs->v[cj].from < hs->v[i].to)
		return 0;
	for (k = i + 1; k < cj; k++) {
		/* "hit X with sanctions": "with" stands for "hit". */
		if (hs->v[k].kind != LK_ACTION || hs->v[k].key == c->act_light ||
		    hs->v[k].from < hs->v[i].to ||
		    word_is(text, hs->v[k].from, hs->v[k].to, "with"))
			continue;
		b = verb_action(c, text, hs, s, k);
		if (b != ACTION_NONE && b != ACTION_EVADE &&
		    !action_is_noun(c, text, hs, s, k))
			return 1;
	}
	return 0;
}

/*
 * Pick the verb: enforcement wins where a breach is named; otherwise the
 * first verb in reach of a sanctions word, a light verb ("agreed to")
 * giving way to the one after it.
 */
static void
sent_verb(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s)
{
	size_t			 i, d;
	int			 light = -1, enforce = -1, evade = 0, cj;
	int			 breach = 0;
	enum sanction_action	 a;

	s->verb = -1;
	for (i = s->h0; i < s->h1; i++)
		if (hs->v[i].kind == LK_ACTION && hs->v[i].key < 16 &&
		    c->act_of_key[hs->v[i].key] == ACTION_EVADE &&
		    core_near(text, hs, s, i, &d) >= 0)
			breach = (int)i + 1;
	for (i = s->h0; i < s->h1; i++) {
		const struct hit *h = &hs->v[i];

		if (h->kind == LK_ACTION && action_is_noun(c, text, hs, s, i))
			continue;
		if (h->kind == LK_ACTION && h->key == c->act_light) {
			/* "announced new sanctions": the object follows. */
			if (light < 0 && (cj = core_near(text, hs, s, i, &d)) >= 0 &&
			    hs->v[cj].from > h->from && d <= 4)
				light = (int)i;
			continue;
		}
		if ((a = verb_action(c, text, hs, s, i)) == ACTION_NONE)
			continue;
		if (h->kind == LK_CORE)
			cj = (int)i;
		else if ((cj = core_near(text, hs, s, i, &d)) < 0 &&
		    !(a == ACTION_ENFORCE && breach && h->to <=
		    hs->v[breach - 1].from && !has_subordinator(text, h->to,
		    hs->v[breach - 1].from)))
			continue;
		if (h->kind != LK_CORE && cj >= 0 && step_between(c, text, hs,
		    s, i, (size_t)cj, a))
			continue;
		if (a == ACTION_EVADE)
			evade = 1;
		if (a == ACTION_ENFORCE) {
			if (enforce < 0)
				enforce = (int)i;
			continue;
		}
		if (s->verb < 0 && cj >= 0) {
			s->verb = (int)i;
			s->action = a;
			s->core = cj;
		}
	}
	if (enforce >= 0 && (evade || breach || s->strong)) {
		s->verb = enforce;
		s->action = ACTION_ENFORCE;
	} else if (s->verb >= 0 && s->action == ACTION_EVADE && enforce >= 0)
		s->verb = -1, s->action = ACTION_NONE;
	/*
	 * "agreed to extend sanctions": the verb between a light verb and its
	 * object says what was agreed.  One after the object ("start Russia
	 * sanctions, call the vote illegal") is another clause's.
	 */
	if (light >= 0 && (s->verb < 0 || hs->v[s->verb].from >
	    hs->v[light].to + 64)) {
		s->verb = light;
		s->action = ACTION_IMPOSE;
	}
}

static void
sent_modality(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s)
{
	const struct hit	*v = &hs->v[s->verb], *h;
	size_t			 i, pb, pe, lo, reach, subj;
	uint32_t		 core_from = hs->v[s->core].from;

	for (i = s->h0; i < s->h1; i++) {
		h = &hs->v[i];
		if (h->kind != LK_MODALITY)
			continue;
		if (h->key == c->mod_rep) {
			s->report = 1;
			continue;
		}
		reach = h->key == c->mod_fut ? MODAL_REACH : NEGATION_REACH;
		lo = v->from > s->from + reach ? v->from - reach : s->from;
		/* Before the verb, or between it and its object: "imposed no". */
		if (!((h->to <= v->from && h->from >= lo) ||
		    (h->from >= v->to && h->to <= core_from &&
		    h->key == c->mod_neg)))
			continue;
		if (h->key == c->mod_neg && (number_sign(text, s, h) ||
		    target_against(text, hs, s, i) ||
		    against_aimed(text, s, h) ||
		    negation_elsewhere(text, s, h, v)))
			continue;
		if (h->key == c->mod_neg)
			s->negated = 1;
		else if (h->key == c->mod_hyp && reported_will(text, s, h))
			s->future = 1;
		else if (h->key == c->mod_hyp)
			s->hypo = 1;
		else if (h->key == c->mod_fut)
			s->future = 1;
	}
	if (s->action == ACTION_THREATEN)
		s->future = 1;
	pb = prev_word(text, s->from, v->from, &pe);
	if (word_is(text, pb, pe, "to") && !s->future &&
	    !governed(c, text, hs, s, pb)) {
		if (after_subject(c, text, hs, s, pb))
			s->future = 1;	/* "EU to extend sanctions" */
		else
			s->hypo = 1;	/* "a tool to enforce": a purpose */
	}
	s->passive = word_in(text, pb, pe, &aux_passive);
	/* "sanctions imposed last year": a participle after its noun. */
	if (!s->passive && v->kind == LK_ACTION && s->core >= 0 &&
	    !core_is_agency(c, hs, s) &&
	    hs->v[s->core].to <= v->from &&
	    words_between(text, hs->v[s->core].to, v->from) == 0 &&
	    (text[v->to - 1] | 0x20) == 'd' && !headline_passive(text, hs, s, v))
		s->relative = 1;
	if (s->future && s->action == ACTION_IMPOSE)
		s->action = ACTION_THREATEN;
	/* A proposal is itself the news; other nominals name a step. */
	s->nominal = v->kind == LK_ACTION && action_is_nominal(text, v) &&
	    s->action != ACTION_THREATEN;
	if (core_is_subject(text, hs, hs->v[s->core].to, v, s) &&
	    !core_is_agency(c, hs, s))
		s->relative = 1;
	subj = v->from;
	for (i = (size_t)s->verb; i-- > s->h0;)
		if (hit_code(c, &hs->v[i]) != NULL) {
			subj = hs->v[i].from;
			break;
		}
	s->subordinate = clause_subordinate(text, s, subj);
}

/* "despite sanctions": background, when it holds the deciding word. */
static int
sent_background(const struct classifier *c, const struct hits *hs,
    const struct sent *s)
{
	const struct hit	*core;
	size_t			 i;

	if (!(s->neg & c->background_bit))
		return 0;
	if (s->verb < 0 || s->core < 0)
		return 1;
	core = &hs->v[s->core];
	for (i = s->h0; i < s->h1; i++)
		if (hs->v[i].kind == LK_NEGATIVE &&
		    (1u << hs->v[i].key) == c->background_bit &&
		    hs->v[i].from <= core->from && hs->v[i].to >= core->to)
			return 1;
	return 0;
}

void
sent_analyze(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s)
{
	int	 nent = 0, nctx = 0;

	sent_collect(c, text, hs, s, &nent, &nctx);
	if ((s->neg & c->approve_bit) && sanctions_noun(c, text, hs, s))
		s->neg &= ~c->approve_bit;
	s->says = says_sanctions(text, hs, s);
	s->statecraft = statecraft(c, text, hs, s, nent, nctx);
	if (s->statecraft == 0)
		return;
	sent_verb(c, text, hs, s);
	if (s->verb >= 0)
		sent_modality(c, text, hs, s);
	s->background = sent_background(c, hs, s);
	roles_find(c, text, hs, s);
}

static int
is_step(enum sanction_action a)
{
	return a == ACTION_IMPOSE || a == ACTION_LIFT || a == ACTION_EASE ||
	    a == ACTION_EXTEND || a == ACTION_THREATEN || a == ACTION_ENFORCE;
}

/*
 * The rule score of one sentence; classify.c maps the best one to a
 * probability.  The weights were set by hand on tests/eval/dev.jsonl.
 */
void
sent_score(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s)
{
	double	 r = 0;
	int	 back;

	(void)text;
	(void)hs;
	if (s->statecraft == 0) {
		s->score = -5;
		return;
	}
	back = s->negated || s->hypo || s->relative || s->subordinate ||
	    (s->nominal && s->index > 0) || s->background ||
	    (s->neg & c->history_bit);
	r += s->statecraft == 2 ? 1 : 0.3;
	r += s->strong ? 0.5 : 0;
	if (s->verb >= 0 && is_step(s->action))
		r += 1.5;
	else if (s->verb >= 0)
		r += 0.5;
	r += s->nactors > 0 ? 1 : 0;
	r += s->ntargets > 0 ? 0.5 : 0;
	r += s->index == 0 ? 0.8 : s->index <= 2 ? 0.4 : s->index > 5 ? -0.8 : 0;
	r += s->report ? 0.3 : 0;
	r -= (s->neg & c->analysis_bit) ? 0.8 : 0;
	r -= back ? 2.5 : 0;
	s->score = r;
	/*
	 * Deep in a long article a past step is usually background; there
	 * it must say it is new ("new sanctions", "on Monday", "has").
	 */
	s->announce = s->verb >= 0 && is_step(s->action) && !back &&
	    (s->nactors > 0 || s->ntargets > 0) &&
	    (s->index <= DEEP_SENTENCE || s->report);
}
