/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_classify.c: the sanctions classifier (parsers/classify*.c) on
 * arbitrary items.
 *
 * The input is split at the first two NUL bytes into title, summary and
 * content.  Besides crashes and leaks, it checks what the classifier
 * promises: an announcement is relevant and scores above 0.5, anything
 * else scores below; a non-relevant item has action "none" and empty
 * lists; evidence is at most two capped quotes, folded text in valid UTF-8
 * when the input was; countries are two capital letters; and the same item always gives
 * the same answer.  A broken promise aborts, so libFuzzer keeps the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parsers/parsers.h"
#include "fuzz_util.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct classifier	*cls;

static void
broken(const char *what)
{
	fprintf(stderr, "fuzz_classify: %s\n", what);
	abort();
}

static void
check(const struct sanctions *s, double t, int utf8)
{
	size_t	 i;

	/* t: the model's threshold, from which an item is an announcement. */
	if (s->announcement && (!s->relevant || s->score < t))
		broken("an announcement that is not relevant or scores below "
		    "the threshold");
	if (!s->announcement && s->score >= t)
		broken("no announcement, yet a score at the threshold");
	if (s->score < 0 || s->score > 1)
		broken("score out of [0, 1]");
	if (!s->relevant && (s->action != ACTION_NONE || s->authorities.n ||
	    s->countries.n || s->named.n || s->evidence.n))
		broken("a non-relevant item with an action or lists");
	if (s->evidence.n > 2)
		broken("more than two evidence quotes");
	for (i = 0; i < s->evidence.n; i++) {
		if (strlen(s->evidence.v[i]) > 310)
			broken("evidence too long");
		if (utf8)	/* folded, valid UTF-8: aborts if not */
			fuzz_check_text(s->evidence.v[i]);
	}
	for (i = 0; i < s->countries.n; i++)
		if (strlen(s->countries.v[i]) != 2 ||
		    s->countries.v[i][0] < 'A' || s->countries.v[i][0] > 'Z')
			broken("a country that is not an ISO code");
}

static int
same(const struct sanctions *a, const struct sanctions *b)
{
	size_t	 i;

	if (a->relevant != b->relevant || a->announcement != b->announcement ||
	    a->score != b->score || a->action != b->action ||
	    a->count != b->count || a->countries.n != b->countries.n ||
	    a->authorities.n != b->authorities.n ||
	    a->evidence.n != b->evidence.n)
		return 0;
	for (i = 0; i < a->evidence.n; i++)
		if (strcmp(a->evidence.v[i], b->evidence.v[i]) != 0)
			return 0;
	return 1;
}

/*
 * Load once, here: the pattern compile takes seconds on a loaded machine,
 * and in the first input it counted against libFuzzer's -timeout.
 */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*err = NULL;

	(void)argc;
	(void)argv;
	if ((cls = classifier_load(NULL, &err)) == NULL) {
		fprintf(stderr, "fuzz_classify: %s\n", err);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sanctions	 a, b;
	struct item		 it;
	char			*buf, *p[3] = { NULL, NULL, NULL };
	size_t			 i, k = 0;
	int			 utf8;

	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	p[0] = buf;
	for (i = 0; i < size && k < 2; i++)
		if (buf[i] == '\0')
			p[++k] = buf + i + 1;
	utf8 = fuzz_utf8_ok(p[0]) && (!p[1] || fuzz_utf8_ok(p[1])) &&
	    (!p[2] || fuzz_utf8_ok(p[2]));
	item_init(&it);
	it.title = p[0];
	it.summary = p[1];
	it.content = p[2];
	classify(cls, &it, &a);
	classify(cls, &it, &b);
	check(&a, classifier_threshold(cls), utf8);
	if (!same(&a, &b))
		broken("the same item gave two answers");
	sanctions_free(&a);
	sanctions_free(&b);
	free(buf);
	return 0;
}
