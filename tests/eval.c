/*
 * eval.c: the classifier against a labelled set (tests/eval/NAME.jsonl).
 *
 * usage: eval [-v] FILE ...
 *        eval -d TITLE TEXT
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
	int	 bin_n[NBINS], bin_pos[NBINS];
};

static int	 verbose;

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

	printf("  %s %s: %s\n    want rel=%d ann=%d %s auth=%s ctry=%s\n"
	    "    got  rel=%d ann=%d %s score=%.2f auth=", why, jstr(o, "id"),
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

static int
eval_file(const struct classifier *c, const char *path)
{
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, lineno = 0;
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
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		if ((o = json_loads(line, 0, &je)) == NULL) {
			fprintf(stderr, "%s:%zu: %s\n", path, lineno, je.text);
			continue;
		}
		item_init(&it);
		it.title = (char *)json_string_value(json_object_get(o,
		    "title"));
		it.summary = (char *)json_string_value(json_object_get(o,
		    "text"));
		classify(c, &it, &s);
		score_item(&t, o, &s);
		sanctions_free(&s);
		json_decref(o);
	}
	free(line);
	fclose(f);
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
	item_init(&it);
	it.title = (char *)title;
	it.summary = (char *)text;
	buf_init(&b);
	classify_explain(c, &it, &b);
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
	if ((c = classifier_load(NULL, &err)) == NULL) {
		fprintf(stderr, "eval: %s\n", err);
		free(err);
		return 1;
	}
	for (i = 1; i < argc; i++)
		if (eval_file(c, argv[i]) == -1)
			rv = 1;
	classifier_free(c);
	return rv;
}
