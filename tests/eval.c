/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * eval.c: the classifier against a labelled set (tests/eval/NAME.jsonl).
 *
 * usage: eval [-v] [-l LABELS] [-H FRACTION | -T FRACTION] FILE ...
 *        eval -d TITLE TEXT
 * With -l (repeatable), the labels come from TSV files (id, relevant, announcement,
 * action, authorities, targets: the shape of shared/realnews) and every
 * item of FILE without a label line is a negative; without it, from each
 * JSON line itself.  -H scores only the last FRACTION of each file's items
 * (by order, which is time order in our sets): the part held out from
 * training (tests/eval/sets.txt).  -T scores only the rest, the training
 * part: its misses are the ones to read when choosing a fix.
 * For each file: precision, recall and F1 of relevant and announcement,
 * accuracy of action, authorities and target countries (exact sets, over
 * the items labelled relevant), false alerts per 10,000 items that are not
 * announcements, and a calibration table of score against the labels.
 * -v lists every item the classifier got wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../parsers/parsers.h"

#define NBINS	5

struct tally {
	int	 rel_tp, rel_fp, rel_fn;
	int	 ann_tp, ann_fp, ann_fn, non_ann;
	int	 nrel, act_ok, auth_ok, ctry_ok, n;
	int	 auth_tp, auth_fp, auth_fn, ctry_tp, ctry_fp, ctry_fn;
	int	 bin_n[NBINS], bin_pos[NBINS];
};

static int	 verbose;
static json_t	*labels;	/* -l: id -> label object */
static double	 held = 0;	/* -H or -T: the last part's share */
static int	 trainpart;	/* -T: score only what precedes it */

/* "US,EU" -> ["US","EU"] */
static json_t *
code_list(const char *s)
{
	json_t		*a = json_array();
	const char	*p = s, *e;

	while (*p != '\0') {
		e = p + strcspn(p, ",");
		if (e > p)
			json_array_append_new(a, json_stringn(p, e - p));
		p = *e ? e + 1 : e;
	}
	return a;
}

static int
labels_load(const char *path)
{
	FILE	*f;
	char	*line = NULL, *col[6], *p;
	size_t	 cap = 0, lineno = 0;
	int	 i;
	json_t	*o;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	if (labels == NULL)
		labels = json_object();
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (lineno == 1 && strncmp(line, "id\t", 3) == 0)
			continue;
		for (i = 0, p = line; i < 6; i++) {
			col[i] = p;
			p += strcspn(p, "\t");
			if (*p != '\0')
				*p++ = '\0';
		}
		if (*col[0] == '\0')
			continue;
		o = json_pack("{s:b,s:b,s:s,s:o,s:o}",
		    "relevant", atoi(col[1]) == 1,
		    "announcement", atoi(col[2]) == 1,
		    "action", *col[3] ? col[3] : "none",
		    "authorities", code_list(col[4]),
		    "countries", code_list(col[5]));
		json_object_set_new(labels, col[0], o);
	}
	free(line);
	fclose(f);
	return 0;
}

/* Micro counts of a code set against the wanted one. */
static void
set_counts(json_t *want, const struct strlist *got, int *tp, int *fp,
    int *fn)
{
	size_t	 i, nw = json_is_array(want) ? json_array_size(want) : 0;
	int	 hit = 0;
	json_t	*v;

	if (nw > 0)
		json_array_foreach(want, i, v)
			if (json_is_string(v) &&
			    strlist_has(got, json_string_value(v)))
				hit++;
	*tp += hit;
	*fn += (int)nw - hit;
	*fp += (int)got->n - hit;
}

static int
set_equal(json_t *want, const struct strlist *got)
{
	size_t	 i;
	json_t	*v;

	if (!json_is_array(want))
		return got->n == 0;
	if (json_array_size(want) != got->n)
		return 0;
	json_array_foreach(want, i, v)
		if (!json_is_string(v) || !strlist_has(got, json_string_value(v)))
			return 0;
	return 1;
}

static const char *
jstr(json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static void
show(json_t *o, const struct sanctions *s, const char *why)
{
	size_t	 i;

	printf("  %s%s %s: %s\n    want rel=%d ann=%d %s auth=%s ctry=%s\n"
	    "    got  rel=%d ann=%d %s score=%.2f auth=", why,
	    json_is_true(json_object_get(o, "unlabelled")) ? " UNLABELLED" : "",
	    jstr(o, "id"),
	    jstr(o, "title"), json_is_true(json_object_get(o, "relevant")),
	    json_is_true(json_object_get(o, "announcement")),
	    jstr(o, "action"),
	    json_dumps(json_object_get(o, "authorities"), JSON_COMPACT),
	    json_dumps(json_object_get(o, "countries"), JSON_COMPACT),
	    s->relevant, s->announcement, action_name(s->action), s->score);
	for (i = 0; i < s->authorities.n; i++)
		printf("%s%s", i ? "," : "", s->authorities.v[i]);
	printf(" ctry=");
	for (i = 0; i < s->countries.n; i++)
		printf("%s%s", i ? "," : "", s->countries.v[i]);
	for (i = 0; i < s->evidence.n; i++)
		printf("\n    ev: %s", s->evidence.v[i]);
	printf("\n");
}

static void
score_item(struct tally *t, json_t *o, const struct sanctions *s)
{
	int	 rel, ann, bin, act_ok, auth_ok, ctry_ok;

	rel = json_is_true(json_object_get(o, "relevant"));
	ann = json_is_true(json_object_get(o, "announcement"));
	t->n++;
	t->rel_tp += rel && s->relevant;
	t->rel_fp += !rel && s->relevant;
	t->rel_fn += rel && !s->relevant;
	t->ann_tp += ann && s->announcement;
	t->ann_fp += !ann && s->announcement;
	t->ann_fn += ann && !s->announcement;
	t->non_ann += !ann;
	bin = (int)(s->score * NBINS);
	bin = bin < 0 ? 0 : bin >= NBINS ? NBINS - 1 : bin;
	t->bin_n[bin]++;
	t->bin_pos[bin] += ann;
	act_ok = strcmp(jstr(o, "action"), action_name(s->action)) == 0;
	auth_ok = set_equal(json_object_get(o, "authorities"), &s->authorities);
	ctry_ok = set_equal(json_object_get(o, "countries"), &s->countries);
	if (rel) {
		set_counts(json_object_get(o, "authorities"), &s->authorities,
		    &t->auth_tp, &t->auth_fp, &t->auth_fn);
		set_counts(json_object_get(o, "countries"), &s->countries,
		    &t->ctry_tp, &t->ctry_fp, &t->ctry_fn);
		t->nrel++;
		t->act_ok += act_ok;
		t->auth_ok += auth_ok;
		t->ctry_ok += ctry_ok;
	}
	if (!verbose)
		return;
	if (rel != s->relevant || ann != s->announcement)
		show(o, s, !ann && s->announcement ? "FALSE-ALERT" :
		    rel != s->relevant ? "RELEVANT" : "ANNOUNCE");
	else if (rel && (!act_ok || !auth_ok || !ctry_ok))
		show(o, s, "ROLES");
}

static void
prf(const char *what, int tp, int fp, int fn)
{
	double	 p, r, f;

	p = tp + fp ? (double)tp / (tp + fp) : 0;
	r = tp + fn ? (double)tp / (tp + fn) : 0;
	f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("  %-13s precision %.3f  recall %.3f  F1 %.3f  (tp %d fp %d "
	    "fn %d)\n", what, p, r, f, tp, fp, fn);
}

static void
report(const char *name, const struct tally *t)
{
	int	 b;

	printf("%s: %d items, %d relevant\n", name, t->n, t->nrel);
	prf("relevant", t->rel_tp, t->rel_fp, t->rel_fn);
	prf("announcement", t->ann_tp, t->ann_fp, t->ann_fn);
	if (t->nrel > 0)
		printf("  accuracy on relevant items: action %.3f  "
		    "authorities %.3f  targets %.3f\n",
		    (double)t->act_ok / t->nrel, (double)t->auth_ok / t->nrel,
		    (double)t->ctry_ok / t->nrel);
	if (t->nrel > 0) {
		prf("authorities", t->auth_tp, t->auth_fp, t->auth_fn);
		prf("target ctry", t->ctry_tp, t->ctry_fp, t->ctry_fn);
	}
	if (t->non_ann > 0)
		printf("  false alerts per 10,000 non-announcements: %.0f "
		    "(%d of %d)\n", 10000.0 * t->ann_fp / t->non_ann,
		    t->ann_fp, t->non_ann);
	printf("  calibration (score bin: items, share announcements):");
	for (b = 0; b < NBINS; b++)
		if (t->bin_n[b] > 0)
			printf(" [%.1f,%.1f) %d %.2f", (double)b / NBINS,
			    (double)(b + 1) / NBINS, t->bin_n[b],
			    (double)t->bin_pos[b] / t->bin_n[b]);
	printf("\n");
}

/* Copy the label of o's id into o; no label line: a negative. */
static void
label_join(json_t *o)
{
	json_t	*l = json_object_get(labels, jstr(o, "id"));

	if (l != NULL) {
		json_object_update(o, l);
		return;
	}
	json_object_set_new(o, "relevant", json_false());
	json_object_set_new(o, "announcement", json_false());
	json_object_set_new(o, "action", json_string("none"));
	json_object_set_new(o, "unlabelled", json_true());
}

static int
eval_file(const struct classifier *c, const char *path)
{
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, lineno = 0, total = 0;
	struct tally	 t;
	struct item	 it;
	struct sanctions s;
	json_t		*o;
	json_error_t	 je;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	memset(&t, 0, sizeof(t));
	while (held > 0 && getline(&line, &cap, f) != -1)
		total++;
	rewind(f);
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		if (held > 0 && ((double)(lineno - 1) < total * (1 - held)) !=
		    trainpart)
			continue;
		if ((o = json_loads(line, 0, &je)) == NULL) {
			fprintf(stderr, "%s:%zu: %s\n", path, lineno, je.text);
			continue;
		}
		item_texts(&it, json_string_value(json_object_get(o, "title")),
		    json_string_value(json_object_get(o, "text")));
		if (labels != NULL)
			label_join(o);
		classify(c, &it, &s);
		item_free(&it);
		score_item(&t, o, &s);
		sanctions_free(&s);
		json_decref(o);
	}
	free(line);
	fclose(f);
	if (held > 0 && trainpart)
		printf("(training part: the first %.0f%%) ",
		    (1 - held) * 100);
	else if (held > 0)
		printf("(held-out part: the last %.0f%%) ", held * 100);
	report(path, &t);
	return 0;
}

/* -d TITLE TEXT: the classifier's reasons, for one item. */
static int
explain(const char *title, const char *text)
{
	struct classifier	*c;
	struct item		 it;
	struct buf		 b;
	char			*err;

	if ((c = classifier_load(NULL, &err)) == NULL) {
		fprintf(stderr, "eval: %s\n", err);
		free(err);
		return 1;
	}
	item_texts(&it, title, text);
	buf_init(&b);
	classify_explain(c, &it, &b);
	item_free(&it);
	fputs(b.d, stdout);
	buf_free(&b);
	classifier_free(c);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct classifier	*c;
	char			*err;
	int			 i, rv = 0;

	if (argc == 4 && strcmp(argv[1], "-d") == 0)
		return explain(argv[2], argv[3]);
	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		argc--;
		argv++;
	}
	/* -l may be given again: a later file's line for an id wins. */
	while (argc > 2 && strcmp(argv[1], "-l") == 0) {
		if (labels_load(argv[2]) == -1)
			return 1;
		argc -= 2;
		argv += 2;
	}
	if (argc > 2 && (strcmp(argv[1], "-H") == 0 ||
	    strcmp(argv[1], "-T") == 0)) {
		trainpart = argv[1][1] == 'T';
		held = atof(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if ((c = classifier_load(NULL, &err)) == NULL) {
		fprintf(stderr, "eval: %s\n", err);
		free(err);
		return 1;
	}
	for (i = 1; i < argc; i++)
		if (eval_file(c, argv[i]) == -1)
			rv = 1;
	classifier_free(c);
	json_decref(labels);
	return rv;
}
