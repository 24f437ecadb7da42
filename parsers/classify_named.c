/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_named.c: named targets ("Luo Dingwen", "Rosneft") and the
 * labels of legal bases.
 *
 * A name is a run of capitalised words in a target position: after "on" or
 * "against" or a sanctioning verb, in a parenthesised list after one, or
 * after "include".  Titles before a name ("General", "Advisor") are
 * dropped; a run that is only a country's name is a country, not a name.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"

#define NAMED_MAX	24
#define NAME_LEN	120

static const char *const connectors_words[] = {
	"of", "and", "de", "del", "da", "al", "bin", "ibn", "van", "von",
	"der", "la", "le", "for", "&", NULL
};
static struct wordlist connectors = WORDLIST(connectors_words);

static const char *const suffixes_words[] = {
	"Ltd", "Inc", "LLC", "Co", "Limited", "PLC", "GmbH", "JSC", "PJSC",
	"OJSC", "Corp", "Corporation", "SA", "AG", "LLP", "FZE", "FZCO", NULL
};
static struct wordlist suffixes = WORDLIST(suffixes_words);

static const char *const titles_words[] = {
	"General", "Gen", "President", "Minister", "Secretary", "Advisor",
	"Adviser", "Chairman", "Chairwoman", "Director", "Commander", "Chief",
	"Ambassador", "Senator", "Sen", "Rep", "Governor", "Mayor", "Judge",
	"Admiral", "Colonel", "Deputy", "Prime", "Mr", "Mrs", "Ms", "Dr",
	"Lieutenant", "Major", "Brigadier", "CEO", "Staff", "Spokesman",
	"Spokeswoman", "Speaker", "Envoy", "Head", "Officer", "former", NULL
};
static struct wordlist titles = WORDLIST(titles_words);

/* Words that start a capitalised run without being a name. */
static const char *const not_names_words[] = {
	"The", "A", "An", "This", "These", "Those", "It", "They", "He", "She",
	"Its", "Their", "His", "Her", "Both", "All", "Some", "Several", "Other",
	"New", "Further", "Additional", "In", "On", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
	"February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", "Treasury", "State",
	"Department", "Office", "Council", "Commission", "Congress", "Mr",
	NULL
};
static struct wordlist not_names = WORDLIST(not_names_words);

static int
is_cap(const char *text, size_t b)
{
	return isupper((unsigned char)text[b]) || isdigit((unsigned char)text[b]);
}

/* The end of a capitalised run starting at b, or b when none. */
static size_t
name_run(const char *text, size_t b, size_t hi)
{
	size_t	 wb, we, end = b, last = b, nb, ne;

	for (wb = next_word(text, b, hi, &we); wb < we;
	    wb = next_word(text, we, hi, &we)) {
		if (wb > last + 2 && last > b)
			break;		/* more than ", " between words */
		if (end > b && memchr(text + end, ',', wb - end) != NULL &&
		    !word_in(text, wb, we, &suffixes))
			break;
		if (is_cap(text, wb)) {
			end = last = we;
			if (we < hi && text[we] == '.' &&
			    word_in(text, wb, we, &suffixes))
				end = last = we + 1;
			continue;
		}
		if (end == b || !word_in(text, wb, we, &connectors))
			break;
		nb = next_word(text, we, hi, &ne);
		if (nb >= ne || !is_cap(text, nb))
			break;
		last = we;	/* "Import and Export": the connector joins */
	}
	return end;
}

/* Drop "General", "former White House National Security Advisor". */
static size_t
after_titles(const char *text, size_t b, size_t e)
{
	size_t	 wb, we, start = b;

	for (wb = next_word(text, b, e, &we); wb < we;
	    wb = next_word(text, we, e, &we))
		if (word_in(text, wb, we, &titles))
			start = we;
	return start;
}

struct classifier_hits_view {
	const struct hits	*hs;
	const struct sent	*s;
	const char		*text;
	size_t			 len;
	int			 title_case;
	struct classify_work	*work;
};

static int
is_entity_span(const struct classifier_hits_view *v, size_t b, size_t e)
{
	size_t	 i;

	for (i = v->s->h0; i < v->s->h1; i++) {
		const struct hit *h = &v->hs->v[i];

		if ((h->kind == LK_COUNTRY || h->kind == LK_AUTHORITY) &&
		    h->from <= b && h->to >= e)
			return 1;
		/* Part of a law's name: "Iran, North Korea, and Syria ... Act". */
		if (h->kind == LK_LEGAL && h->from < e && h->to > b)
			return 1;
	}
	return 0;
}

/* "Russia and Turkey": every word is a country's or a connector. */
static int
only_entities(const char *text, const struct classifier_hits_view *v,
    size_t b, size_t e)
{
	size_t	 wb, we;

	for (wb = next_word(text, b, e, &we); wb < we;
	    wb = next_word(text, we, e, &we))
		if (!word_in(text, wb, we, &connectors) &&
		    !is_entity_span(v, wb, we))
			return 0;
	return 1;
}

/*
 * A headline in Title Case ("Treasury Sanctions Procurement Network
 * Supplying Drone Components") capitalises every word, so a capitalised
 * run there is not evidence of a name: most words of four letters or more
 * are capitalised.
 */
static int
title_case(const char *text, const struct sent *s)
{
	size_t	 wb, we, words = 0, caps = 0;

	if (s->index != 0)
		return 0;
	for (wb = next_word(text, s->from, s->to, &we); wb < we;
	    wb = next_word(text, we, s->to, &we)) {
		if (we - wb < 4)
			continue;
		words++;
		if (isupper((unsigned char)text[wb]))
			caps++;
	}
	return words >= 3 && caps * 4 >= words * 3;
}

/*
 * Does the name text[b..e) appear as written after position from?  A
 * search of the whole text, so only LOOKUPS_MAX of them per item.
 */
static int
written_after(const struct classifier_hits_view *v, size_t from, size_t b,
    size_t e)
{
	const char	*p, *text = v->text;
	size_t		 len = e - b, at = from;

	if (v->work->lookups >= LOOKUPS_MAX)
		return 0;
	v->work->lookups++;
	while (at < v->len && (p = memmem(text + at, v->len - at, text + b,
	    len)) != NULL) {
		if (!is_word_byte((unsigned char)p[len]))
			return 1;
		at = (size_t)(p - text) + 1;
	}
	return 0;
}

static void
add_name(const char *text, const struct classifier_hits_view *v,
    size_t b, size_t e, struct strlist *out)
{
	size_t	 wb, we;

	if (out->n >= NAMED_MAX)
		return;
	b = after_titles(text, b, e);
	while (b < e && !is_word_byte((unsigned char)text[b]))
		b++;
	while (e > b && (text[e - 1] == ' ' || text[e - 1] == ','))
		e--;
	if (e - b > 2 && strncmp(text + e - 2, "'s", 2) == 0)
		e -= 2;		/* "Iran's defence ministry": a possessive */
	if (b < e && !isupper((unsigned char)text[b]))
		return;
	if (e - b < 3 || e - b > NAME_LEN || out->n >= NAMED_MAX)
		return;
	wb = next_word(text, b, e, &we);
	if (we == e && word_in(text, wb, we, &not_names))
		return;
	if (word_in(text, wb, we, &not_names) || is_entity_span(v, b, e) ||
	    only_entities(text, v, b, e))
		return;
	/* In a Title-Case headline, only a name the body writes so. */
	if (v->title_case && !written_after(v, v->s->to, b, e))
		return;
	strlist_addn(out, text + b, e - b);
	if (strlist_has(out, out->v[out->n - 1]) &&
	    out->n > 1) {
		size_t i;

		for (i = 0; i + 1 < out->n; i++)
			if (strcmp(out->v[i], out->v[out->n - 1]) == 0) {
				free(out->v[--out->n]);
				break;
			}
	}
}

/* Names listed from position p: "A, B and C", up to the clause's end. */
static void
name_list(const char *text, const struct classifier_hits_view *v,
    size_t p, size_t hi, struct strlist *out)
{
	size_t	 wb, we, e;

	while (p < hi && v->work->names < NAMES_MAX) {
		wb = next_word(text, p, hi, &we);
		if (wb >= we)
			return;
		if (word_is(text, wb, we, "and") || word_is(text, wb, we,
		    "former") || word_is(text, wb, we, "the")) {
			p = we;
			continue;
		}
		if (!is_cap(text, wb))
			return;
		e = name_run(text, wb, hi);
		v->work->names++;
		add_name(text, v, wb, e, out);
		/* Skip an apposition: ", chairman of the Joint Chiefs," */
		p = e;
		while (p < hi && (text[p] == ' ' || text[p] == ','))
			p++;
		wb = next_word(text, p, hi, &we);
		if (wb < we && is_clause_break(text, wb, we))
			return;
		if (wb < we && !is_cap(text, wb) && !word_is(text, wb, we,
		    "and") && !word_is(text, wb, we, "former")) {
			const char *comma = memchr(text + p, ',', hi - p);

			if (comma == NULL)
				return;
			p = (size_t)(comma - text) + 1;
		}
	}
}

void
roles_named(const char *text, size_t len, const struct hits *hs,
    const struct sent *s, struct strlist *out, struct classify_work *w)
{
	struct classifier_hits_view	 v = { hs, s, text, len, 0, w };
	size_t				 from, wb, we, nb, ne;
	const char			*open, *close;

	v.title_case = title_case(text, s);
	from = s->verb >= 0 ? hs->v[s->verb].to : s->from;
	/* Parenthesised lists: "in China (Luo Dingwen, ...)". */
	for (open = memchr(text + from, '(', s->to - from); open != NULL;
	    open = memchr(close, '(', s->to - (size_t)(close - text))) {
		if ((close = memchr(open, ')', s->to - (size_t)(open -
		    text))) == NULL)
			break;
		name_list(text, &v, (size_t)(open - text) + 1,
		    (size_t)(close - text), out);
	}
	for (wb = next_word(text, s->from, s->to, &we); wb < we &&
	    w->names < NAMES_MAX; wb = next_word(text, we, s->to, &we)) {
		if (wb < from && !word_is(text, wb, we, "include") &&
		    !word_is(text, wb, we, "includes"))
			continue;
		if (!word_is(text, wb, we, "on") && !word_is(text, wb, we,
		    "against") && !word_is(text, wb, we, "include") &&
		    !word_is(text, wb, we, "includes") && !word_is(text, wb,
		    we, "including") && !(s->verb >= 0 &&
		    wb == hs->v[s->verb].to + 1 && hs->v[s->verb].kind ==
		    LK_CORE))
			continue;
		nb = next_word(text, we, s->to, &ne);
		if (s->verb >= 0 && wb == hs->v[s->verb].to + 1)
			nb = wb, ne = we;
		if (nb < ne && is_cap(text, nb))
			name_list(text, &v, nb, s->to, out);
	}
}

/*
 * "EO #" with "Executive Order 13224" -> "EO 13224": the number is the run
 * of digits and '/' that ends the match at text[to] (from text[lo] on).
 */
char *
legal_label(const char *key, const char *text, size_t lo, size_t to)
{
	const char	*hash = strchr(key, '#');
	size_t		 i;
	struct buf	 b;

	if (hash == NULL)
		return xstrdup(key);
	for (i = to; i > lo && (isdigit((unsigned char)text[i - 1]) ||
	    text[i - 1] == '/'); i--)
		;
	buf_init(&b);
	buf_add(&b, key, (size_t)(hash - key));
	buf_add(&b, text + i, to - i);
	buf_adds(&b, hash + 1);
	return buf_release(&b);
}

/* A numbered executive order makes the bare "executive order" redundant. */
void
legal_prune(struct strlist *l)
{
	size_t	 i, n = 0;
	int	 numbered = 0;

	for (i = 0; i < l->n; i++)
		if (strncmp(l->v[i], "EO ", 3) == 0)
			numbered = 1;
	for (i = 0; i < l->n; i++) {
		if (numbered && strcmp(l->v[i], "executive order") == 0) {
			free(l->v[i]);
			continue;
		}
		l->v[n++] = l->v[i];
	}
	l->n = n;
}
