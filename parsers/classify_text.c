/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_text.c: sentences and words, for the classifier's rules.
 *
 * A sentence ends at a blank line or newline, or at '.', '!' or '?' that is
 * followed by space and a capital, a digit or a quote, unless the word
 * before the stop is an abbreviation ("U.S.", "Mr.", "Co.").  Good enough
 * for news copy, and one linear pass.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"

/*
 * A sentence longer than this is cut at a space, and one without a space
 * at SENTENCE_HARD: the rules cost more than linear in a sentence's
 * length, so run-on text must come in bounded pieces.  News sentences are
 * under 400 bytes.
 */
#define SENTENCE_MAX	1200
#define SENTENCE_HARD	2400

static const char *const abbrevs_words[] = {
	"mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "corp", "no", "gen",
	"sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt", "jr", "sr",
	"jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
	"vs", "etc", "fig", "art", "para", "sec", "prof", "adm", "cmdr", "pres",
	"messrs", "llc", "plc", "bros", "dept", "est", "approx", NULL
};
static struct wordlist abbrevs = WORDLIST(abbrevs_words);

/* Is the word that ends at text[end] (exclusive) an abbreviation? */
static int
is_abbrev(const char *text, size_t start, size_t end)
{
	size_t	 b = end;

	while (b > start && (is_word_byte((unsigned char)text[b - 1]) ||
	    text[b - 1] == '.'))
		b--;
	if (end - b == 1 && isupper((unsigned char)text[b]))
		return 1;	/* an initial: "John F. Kennedy" */
	if (memchr(text + b, '.', end - b) != NULL)
		return 1;	/* "U.S.", "e.g." */
	return word_in(text, b, end, &abbrevs);
}

static int
starts_sentence(int c)
{
	return isupper(c) || isdigit(c) || c == '"' || c == '\'' ||
	    c == 0xe2 || c == '(' || c == '[';
}

static void
add_span(struct span **v, size_t *n, size_t *cap, size_t from, size_t to,
    const char *text)
{
	while (from < to && isspace((unsigned char)text[from]))
		from++;
	while (to > from && isspace((unsigned char)text[to - 1]))
		to--;
	if (from == to)
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].from = (uint32_t)from;
	(*v)[*n].to = (uint32_t)to;
	(*n)++;
}

/*
 * Split text into sentences; returns how many, *out to free(), and adds
 * to *work how many bytes it examined.  One pass: the next byte that can
 * end a sentence is looked for once and kept until it is passed, and a
 * sentence longer than SENTENCE_MAX is cut at its next space, one with no
 * space at SENTENCE_HARD, so that the rules never see a longer one.
 */
size_t
sentence_split(const char *text, size_t len, struct span **out,
    size_t *work)
{
	struct span	*v = NULL;
	size_t		 n = 0, cap = 0, start = 0, i, j, stop = 0;
	int		 c, end, found = 0;

	for (i = 0; i < len; i++) {
		if (!found || stop < i) {
			stop = i + strcspn(text + i, ".!?\n");
			*work += stop - i + 1;
			found = 1;
		}
		if (stop < len && stop - start < SENTENCE_MAX)
			i = stop;
		else if (len - start <= SENTENCE_MAX)
			break;		/* the rest is one sentence */
		else if (i - start < SENTENCE_MAX)
			i = start + SENTENCE_MAX;	/* no stop in reach */
		(*work)++;
		c = (unsigned char)text[i];
		end = 0;
		if (c == '\n')
			end = 1;
		else if ((c == '.' || c == '!' || c == '?') && i + 1 < len) {
			j = i + 1;
			while (j < len && (text[j] == '"' || text[j] == '\'' ||
			    text[j] == ')'))
				j++;
			if (j < len && (text[j] == ' ' || text[j] == '\t')) {
				while (j < len && text[j] == ' ')
					j++;
				if (j < len &&
				    starts_sentence((unsigned char)text[j]) &&
				    (c != '.' || !is_abbrev(text, start, i)))
					end = 1;
			}
			*work += j - i;
		}
		if (!end && i - start >= SENTENCE_MAX && (c == ' ' ||
		    i - start >= SENTENCE_HARD))
			end = 1;
		if (end) {
			add_span(&v, &n, &cap, start, i + 1, text);
			start = i + 1;
		}
	}
	add_span(&v, &n, &cap, start, len, text);
	*out = v;
	return n;
}

const unsigned char word_bytes[256] = {
	['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['_'] = 1, ['a' ... 'z'] = 1
};

/*
 * A word's bytes with the apostrophe it may hold ("don't", "Iran's"), for
 * prev_word() and next_word() to look up rather than test twice: they run
 * over every word the rules read (callgrind, dense classify_bench over
 * 2 MB: next_word() 12.9 M instructions -> 10.8 M).
 */
static const unsigned char word_quote_bytes[256] = {
	['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['_'] = 1, ['a' ... 'z'] = 1,
	['\''] = 1
};

/* The word before position pos (not before lo): its start, *end its end. */
size_t
prev_word(const char *text, size_t lo, size_t pos, size_t *end)
{
	const unsigned char	*t = (const unsigned char *)text;
	size_t			 e = pos, b;

	while (e > lo && !word_quote_bytes[t[e - 1]])
		e--;
	b = e;
	while (b > lo && word_quote_bytes[t[b - 1]])
		b--;
	*end = e;
	return b;
}

/* The word at or after pos (before hi): its start, *end its end. */
size_t
next_word(const char *text, size_t pos, size_t hi, size_t *end)
{
	const unsigned char	*t = (const unsigned char *)text;
	size_t			 b = pos, e;

	while (b < hi && !word_bytes[t[b]])
		b++;
	e = b;
	while (e < hi && word_quote_bytes[t[e]])
		e++;
	*end = e;
	return b;
}

static inline int
word_eq(const char *text, size_t b, size_t e, const char *w)
{
	size_t	 n;

	/* Most words differ in the first letter: no strlen for them. */
	if (b >= e || w[0] == '\0' || (text[b] | 0x20) != (w[0] | 0x20))
		return 0;
	/*
	 * Nor for most of the rest, which differ in the second: a word's
	 * bytes differ case-blind when they differ or'ed with 0x20, and a
	 * NUL in w is then only the end of a shorter word.  The libc calls
	 * were half of word_is's time (perf, dense classify_bench).
	 */
	if (e - b == 1)
		return strncasecmp(text + b, w, 1) == 0 && w[1] == '\0';
	if ((text[b + 1] | 0x20) != (w[1] | 0x20))
		return 0;
	n = strlen(w);
	return e - b == n && strncasecmp(text + b, w, n) == 0;
}

/* word_is() past the first letter (classify_int.h). */
int
word_is_rest(const char *text, size_t b, size_t e, const char *w)
{
	return word_eq(text, b, e, w);
}

/*
 * A word list's index: per first byte (& 31, the same for either case of a
 * letter) the lengths of its entries, and its entries in order, so that a
 * word is compared only with the entries of its first letter and length
 * rather than with every one.  Comparing each word with every entry was
 * 24 M of classify()'s 248 M instructions on the dense classify_bench
 * (callgrind, BENCH_MB=1; word_eq's first-letter test alone 16 M); with
 * the index classify() takes 220 M, the rules' pass 25 M, not 43 M.  The
 * lists are constant, so is the index: the first caller builds it, and a
 * caller that finds it being built reads the list as before.
 */
#define WL_BUILDING	1
#define WL_READY	2

static void
wordlist_build(struct wordlist *wl)
{
	size_t		 i, n, k, len;
	uint8_t		 at[33];

	memset(wl->lens, 0, sizeof(wl->lens));
	memset(at, 0, sizeof(at));
	for (n = 0; wl->v[n] != NULL; n++) {
		/* Longer lists and words stay unindexed: read as before. */
		if (n == WORDLIST_MAX || (len = strlen(wl->v[n])) > 200)
			return;
		if (len > 0)
			at[((unsigned char)wl->v[n][0] & 31) + 1]++;
	}
	for (k = 1; k <= 32; k++)
		at[k] += at[k - 1];
	memcpy(wl->start, at, sizeof(wl->start));
	/* Counting sort: within a first byte, the entries keep their order. */
	for (i = 0; i < n; i++) {
		if ((len = strlen(wl->v[i])) == 0)
			continue;
		k = (unsigned char)wl->v[i][0] & 31;
		wl->order[at[k]++] = (uint8_t)i;
		wl->len[i] = (uint8_t)len;
		wl->lens[k] |= 1u << (len < 31 ? len : 31);
	}
	atomic_store_explicit(&wl->state, WL_READY, memory_order_release);
}

static int
wordlist_ready(struct wordlist *wl)
{
	int	 s = atomic_load_explicit(&wl->state, memory_order_acquire);

	if (s == 0 && atomic_compare_exchange_strong(&wl->state, &s,
	    WL_BUILDING)) {
		wordlist_build(wl);
		s = atomic_load_explicit(&wl->state, memory_order_acquire);
	}
	return s == WL_READY;
}

/*
 * The index of the first entry of wl that text[b..e) is, case-blind, or
 * -1: word_eq() of each entry in turn, which is a length and a
 * strncasecmp() (a word that matches also matches in its first byte).
 */
int
word_at(const char *text, size_t b, size_t e, struct wordlist *wl)
{
	size_t	 n = e - b, k, j, i;

	if (b >= e)
		return -1;
	if (!wordlist_ready(wl)) {
		for (i = 0; wl->v[i] != NULL; i++)
			if (word_eq(text, b, e, wl->v[i]))
				return (int)i;
		return -1;
	}
	k = (unsigned char)text[b] & 31;
	if (!(wl->lens[k] & 1u << (n < 31 ? n : 31)))
		return -1;
	for (j = wl->start[k]; j < wl->start[k + 1]; j++) {
		i = wl->order[j];
		if (wl->len[i] == n && strncasecmp(text + b, wl->v[i], n) == 0)
			return (int)i;
	}
	return -1;
}

int
word_in(const char *text, size_t b, size_t e, struct wordlist *wl)
{
	return word_at(text, b, e, wl) >= 0;
}

/*
 * Does text[a..b) hold the bytes of w, as memmem() would find them?  The
 * rules ask it of a sentence, a few thousand times per megabyte of
 * sanctions news, and memmem() sets up for a long search every call: its
 * first byte by memchr(), then the rest (callgrind, dense classify_bench
 * over 2 MB: roles_duration() 4.7 M instructions -> 2.6 M).
 */
int
text_has(const char *text, size_t a, size_t b, const char *w)
{
	const char	*p = text + a, *end = text + b;
	size_t		 n = strlen(w);

	if (n == 0)
		return 1;
	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, w[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p + 1, w + 1, n - 1) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Is any word of text[a..b) in wl? */
int
words_any(const char *text, size_t a, size_t b, struct wordlist *wl)
{
	size_t	 wb, we;

	for (wb = next_word(text, a, b, &we); wb < we;
	    wb = next_word(text, we, b, &we))
		if (word_in(text, wb, we, wl))
			return 1;
	return 0;
}

/* How many words lie between two positions of one sentence. */
size_t
words_between(const char *text, size_t a, size_t b)
{
	size_t	 n = 0, i;
	int	 in = 0;

	for (i = a; i < b; i++) {
		if (is_word_byte((unsigned char)text[i])) {
			if (!in)
				n++;
			in = 1;
		} else
			in = 0;
	}
	return n;
}

/* words_between(), but it stops counting past max (returns max + 1). */
size_t
words_within(const char *text, size_t a, size_t b, size_t max)
{
	size_t	 n = 0, i;
	int	 in = 0;

	for (i = a; i < b; i++) {
		if (is_word_byte((unsigned char)text[i])) {
			if (!in && ++n > max)
				break;
			in = 1;
		} else
			in = 0;
	}
	return n;
}

/* text[from..to) trimmed, at most max bytes, cut at a UTF-8 boundary. */
char *
text_snippet(const char *text, size_t from, size_t to, size_t max)
{
	struct buf	 b;
	size_t		 n;

	while (from < to && isspace((unsigned char)text[from]))
		from++;
	while (to > from && isspace((unsigned char)text[to - 1]))
		to--;
	n = to - from;
	buf_init(&b);
	if (n <= max) {
		buf_add(&b, text + from, n);
		return buf_release(&b);
	}
	n = max;
	while (n > 0 && ((unsigned char)text[from + n] & 0xc0) == 0x80)
		n--;
	while (n > max / 2 && text[from + n - 1] != ' ')
		n--;
	buf_add(&b, text + from, n);
	while (b.len > 0 && (b.d[b.len - 1] == ' ' || b.d[b.len - 1] == ','))
		b.len--;
	b.d[b.len] = '\0';
	buf_adds(&b, " ...");
	return buf_release(&b);
}
