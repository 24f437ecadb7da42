/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_model.c: the learned decision (parsers/classify_model.c): the model
 * file's loader and its errors, its cache (model.bin, written by make:
 * used when it holds model.txt's bytes, ignored with the reason
 * otherwise, never written at run time, the same weights either way), the
 * features an item gives, and that the shipped model is what classify()
 * weighs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../parsers/classify_int.h"
#include "../test.h"

static char	 dir[] = "/tmp/test_model.XXXXXX";

static char *
write_model(const char *body)
{
	char	*p;
	FILE	*f;

	xasprintf(&p, "%s/model.txt", dir);
	if ((f = fopen(p, "w")) == NULL)
		return p;
	fputs(body, f);
	fclose(f);
	return p;
}

static const char heads[] =
    "model relevant -1 1 0 0.5\nmodel announcement -2 1 0 0.5\n"
    "model authority 0 1 0 0.5\nmodel target 0 1 0 0.5\n";

static void
expect_error(const char *what, const char *body, const char *needle)
{
	char		*p, *err = NULL, *text;
	struct model	*m;

	xasprintf(&text, "%s%s", heads, body);
	p = write_model(text);
	m = model_load(p, &err);
	t_ok(m == NULL && err != NULL && strstr(err, p) != NULL &&
	    strstr(err, needle) != NULL, "%s", what);
	if (err != NULL)
		printf("# %s\n", err);
	model_free(m);
	free(err);
	free(p);
	free(text);
}

static void
test_loader(void)
{
	char		*p, *err = NULL;
	struct model	*m;
	struct features	 f = { 0 };
	double		 pr;

	p = write_model(heads);
	free(p);
	xasprintf(&p, "%s/none.txt", dir);
	t_ok(model_load(p, &err) == NULL && err == NULL,
	    "an absent file is NULL with no error (the caller names it)");
	free(p);
	expect_error("a feature with one weight names file and line",
	    "w:embargo\t1.5\n", "model.txt:5:");
	expect_error("a weight that is not a number", "w:embargo\t1 x 0 0\n",
	    "four weights");
	expect_error("a feature listed twice", "w:a\t1 0 0 0\nw:a\t1 0 0 0\n",
	    "twice");
	expect_error("an unknown model name", "model other 0 1 0 0.5\n",
	    "unknown model");
	expect_error("a line without a tab", "w:embargo 1 0 0 0\n",
	    "FEATURE<tab>");
	p = write_model("model relevant 0 1 0 0.5\n");
	m = model_load(p, &err);
	t_ok(m == NULL && err != NULL && strstr(err, "no model line") != NULL,
	    "every output needs its model line");
	free(err);
	err = NULL;
	free(p);

	p = write_model("model relevant -1 1 0 0.5\nmodel announcement -2 1 0 "
	    "0.6\nmodel authority 0 1 0 0.5\nmodel target 0 1 0 0.5\n"
	    "w:embargo\t3 2 0 0\nt:sanctions\t1 4 0 0\n");
	m = model_load(p, &err);
	free(p);
	if (!t_ok(m != NULL, "a good file loads")) {
		printf("# %s\n", err);
		free(err);
		return;
	}
	t_inteq((long long)model_size(m), 2, "two features");
	features_begin(&f, m);
	features_add(&f, "w:embargo");
	features_add(&f, "w:unknown");
	features_add(&f, "w:embargo");
	pr = model_prob(m, &f, MODEL_RELEVANT);
	t_ok(pr > 0.8806 && pr < 0.8808, "P(relevant) = sigmoid(-1 + 3): a "
	    "feature emitted twice counts once, an unknown one not at all");
	pr = model_prob(m, &f, MODEL_ANNOUNCEMENT);
	t_ok(pr > 0.4999 && pr < 0.5001, "P(announcement) = sigmoid(-2 + 2)");
	t_ok(model_threshold(m, MODEL_ANNOUNCEMENT) == 0.6,
	    "the threshold is read");
	features_begin(&f, m);
	features_add(&f, "t:sanctions");
	pr = model_prob(m, &f, MODEL_ANNOUNCEMENT);
	t_ok(pr > 0.8807 && pr < 0.8808, "a new set starts from nothing");
	features_free(&f);
	model_free(m);
}

static int
has(const struct strlist *l, const char *s)
{
	return strlist_has(l, s);
}

static void
test_features(void)
{
	struct classifier	*c;
	struct item		 it;
	struct strlist		 names;
	char			*err;

	if ((c = classifier_load(NULL, &err)) == NULL) {
		t_ok(0, "the shipped data loads: %s", err);
		free(err);
		return;
	}
	item_init(&it);
	it.title = "U.S. blacklists China's Huawei";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(names.n > 0, "a headline with a sanctions word reaches the model");
	t_ok(has(&names, "t:blacklists") && has(&names, "w:huawei"),
	    "title words and all words, lowercased");
	t_ok(has(&names, "b:blacklists_china's"), "word pairs");
	t_ok(has(&names, "r:headline_only"), "a headline alone says so");
	t_ok(has(&names, "@") && has(&names, "US") && has(&names, "CN"),
	    "each state named gets its mention features");
	t_ok(has(&names, "m:code:US") && has(&names, "m:title:in"),
	    "mention features: the code, where it stands");
	t_ok(has(&names, "bv:impose") && has(&names, "bv:next:china's") &&
	    has(&names, "bx:impose:state_subject"),
	    "the deciding verb, the word after it, a state as its subject");
	t_ok(has(&names, "ts:announce") && has(&names, "bx:impose:title"),
	    "the headline's own findings, the step crossed with where it is");
	t_ok(has(&names, "m:title:before_verb:impose") &&
	    has(&names, "m:title:after_verb:impose") &&
	    has(&names, "m:best_actor:usual") &&
	    has(&names, "m:best_actor:announce"),
	    "mention features: side of the verb by step, the rules' role");
	strlist_free(&names);

	it.title = "Senators urge sanctions on Russia";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "t0:senators") && has(&names, "m:prev2:sanctions_on"),
	    "the headline's first word; the two words before a mention");
	strlist_free(&names);

	/* "No" before a number is "number": the sentence is not negated. */
	it.title = "Brussels widens its restrictive measures";
	it.content = "The Council amended Regulation (EU) No 269/2014 to "
	    "freeze the assets of nine more officials.";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(names.n > 0 && !has(&names, "s:negated") &&
	    !has(&names, "bx:impose:negated"),
	    "\"Regulation (EU) No 269/2014\" negates nothing");
	t_ok(has(&names, "r:legal"), "a regulation by number is a legal basis");
	strlist_free(&names);

	it.title = "President signs an executive order on sanctions";
	it.content = "The order blocks the property of two ministers of Mali.";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(names.n > 0 && !has(&names, "r:legal"),
	    "the bare words \"executive order\" are not a legal basis");
	strlist_free(&names);
	it.content = "Executive Order 14024 blocks the property of two "
	    "ministers of Mali.";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "r:legal"), "an executive order by number is one");
	strlist_free(&names);

	/* The President's notice to Congress is not readers' letters. */
	it.title = "Letter to the Speaker on the Continuation of the National "
	    "Emergency With Respect to Syria";
	it.content = "I have continued the sanctions on the Government of "
	    "Syria for one year.";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(names.n > 0 && !has(&names, "r:genre"),
	    "a letter to the Speaker is no opinion headline");
	strlist_free(&names);
	it.title = "Letters: sanctions on Syria have failed its people";
	it.content = NULL;
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "r:genre"), "readers' letters are");
	strlist_free(&names);

	/* The State Department's visa bars name no sanctions word. */
	it.title = "Public Designation of Two Paraguayan Officials Due to "
	    "Involvement in Significant Corruption";
	it.content = "The Department is publicly designating two former "
	    "ministers under Section 7031(c).";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(names.n > 0 && has(&names, "r:legal"),
	    "a public designation under 7031(c) reaches the model");
	strlist_free(&names);
	it.content = NULL;

	/* Weighing a step is speculation, not a threat. */
	it.title = "Norway is considering imposing sanctions on Belarus";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "best:hypo") && !has(&names, "best:future") &&
	    !has(&names, "best:act:threaten"),
	    "\"is considering imposing\": hypothetical, no threat");
	strlist_free(&names);

	it.title = "Latvia and Estonia discuss tightening sanctions on Belarus";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "best:hypo") && !has(&names, "r:announcement"),
	    "\"discuss tightening\": talk, no step");
	strlist_free(&names);

	/* A press conference: the question recites, the answer acts. */
	it.title = "Spokesperson's regular press conference";
	it.content = "Q: The US said on Monday that it would impose sanctions "
	    "on two Chinese shipping firms. What is your comment? A: We "
	    "firmly oppose unilateral sanctions.";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "best:asked") && has(&names, "bx:threaten:asked"),
	    "a step recited in a question, crossed with the step");
	strlist_free(&names);
	it.content = "Q: Is there any update? A: China has decided to impose "
	    "sanctions on three US defence firms.";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(names.n > 0 && !has(&names, "best:asked"),
	    "a step the answer announces is not asked");
	strlist_free(&names);
	it.content = NULL;

	it.title = "Oil prices rise on weak dollar";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_inteq((long long)names.n, 0, "news without a sanctions word never "
	    "reaches the model");
	strlist_free(&names);

	it.title = "Treasury sanctions 1987 vessels";
	strlist_init(&names);
	classify_features(c, &it, &names);
	t_ok(has(&names, "w:#4") && !has(&names, "w:1987"),
	    "numbers by their digit count");
	strlist_free(&names);
	classifier_free(c);
}

static void
test_missing(void)
{
	char			*p, *err = NULL;
	struct classifier	*c;

	xasprintf(&p, "cp %s/*.txt %s && rm %s/model.txt",
	    classifier_default_datadir(), dir, dir);
	t_ok(system(p) == 0, "copied the data files without model.txt");
	free(p);
	c = classifier_load(dir, &err);
	t_ok(c == NULL && err != NULL && strstr(err, "model.txt") != NULL &&
	    strstr(err, dir) != NULL, "a missing model.txt is named");
	if (err != NULL)
		printf("# %s\n", err);
	free(err);
	err = NULL;
	p = write_model("model relevant zero\n");
	free(p);
	c = classifier_load(dir, &err);
	t_ok(c == NULL && err != NULL && strstr(err, "model.txt:1:") != NULL,
	    "a malformed model.txt fails the load, naming the line");
	free(err);
	classifier_free(c);
}

/* Run a shell command, each %s of fmt dir (four at most); its status. */
static int
shf(const char *fmt)
{
	char	*cmd;
	int	 rv;

	xasprintf(&cmd, fmt, dir, dir, dir, dir);
	rv = system(cmd);
	free(cmd);
	return rv;
}

/* The shipped model.txt, copied into dir. */
static void
copy_model(void)
{
	char	*cmd;

	xasprintf(&cmd, "cp %s/model.txt %s/", classifier_default_datadir(),
	    dir);
	if (system(cmd) != 0)
		t_ok(0, "%s", cmd);
	free(cmd);
}

/* Patch len bytes at off of dir/model.bin. */
static void
patch_bin(long off, const void *p, size_t len)
{
	FILE	*f;
	char	*path;

	xasprintf(&path, "%s/model.bin", dir);
	if ((f = fopen(path, "r+")) == NULL || fseek(f, off, SEEK_SET) == -1 ||
	    fwrite(p, 1, len, f) != len)
		t_ok(0, "patching %s", path);
	if (f != NULL)
		fclose(f);
	free(path);
}

/* dir/model.txt through dir/model.bin: its state, or the load's error. */
static const char *
cached_state(struct model **out)
{
	static char	 st[256];
	struct model	*m;
	char		*p, *c, *err = NULL;

	xasprintf(&p, "%s/model.txt", dir);
	xasprintf(&c, "%s/model.bin", dir);
	if ((m = model_load_cached(p, c, &err)) == NULL)
		snprintf(st, sizeof(st), "load failed: %s", err ? err : "absent");
	else
		snprintf(st, sizeof(st), "%s", model_cache_state(m));
	if (out != NULL)
		*out = m;
	else
		model_free(m);
	free(err);
	free(c);
	free(p);
	return st;
}

static void
check_cached(const char *want, const char *what)
{
	const char	*st = cached_state(NULL);

	if (!t_ok(strstr(st, want) != NULL, "%s", what))
		printf("#   got:  %s\n#   want: %s\n", st, want);
}

/* A cache written afresh for the shipped model.txt copied into dir. */
static void
fresh_cache(void)
{
	char	*err = NULL;

	copy_model();
	if (model_cache_write(dir, &err) == -1) {
		t_ok(0, "cache written: %s", err);
		free(err);
	}
}

/*
 * Does every feature of model.txt weigh the same in a and b, and every
 * output's bias, calibration and threshold?  A feature absent from both
 * weighs nothing in both; one the cache lost would show here.
 */
static size_t
weights_differ(struct model *a, struct model *b, size_t *n)
{
	struct features	 fa = { 0 }, fb = { 0 };
	char		*p, *line = NULL, *tab;
	size_t		 cap = 0, differ = 0, o;
	FILE		*f;

	xasprintf(&p, "%s/model.txt", dir);
	f = fopen(p, "r");
	free(p);
	*n = 0;
	if (f == NULL)
		return 1;
	while (getline(&line, &cap, f) != -1) {
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		features_begin(&fa, a);
		features_begin(&fb, b);
		features_add(&fa, line);
		features_add(&fb, line);
		differ += memcmp(fa.iz, fb.iz, sizeof(fa.iz)) != 0;
		(*n)++;
	}
	for (o = 0; o < MODEL_NOUT; o++) {
		features_begin(&fa, a);
		features_begin(&fb, b);
		differ += model_prob(a, &fa, o) != model_prob(b, &fb, o) ||
		    model_threshold(a, o) != model_threshold(b, o);
	}
	free(line);
	fclose(f);
	return differ;
}

static void
test_cache_round_trip(void)
{
	struct classifier	*c;
	struct model		*a = NULL, *b;
	char			*p, *err = NULL;
	size_t			 n = 0, differ;

	if ((c = classifier_load(NULL, &err)) != NULL) {
		t_streq(model_cache_state(c->model), "loaded",
		    "the source tree's model.bin (make) is used");
		classifier_free(c);
	} else {
		t_ok(0, "the shipped data loads: %s", err);
		free(err);
		err = NULL;
	}
	shf("rm -f %s/model.bin");
	copy_model();
	check_cached("no cache", "no cache: parsed, and says so");
	fresh_cache();
	check_cached("loaded", "a fresh cache is used");
	cached_state(&a);
	xasprintf(&p, "%s/model.txt", dir);
	b = model_load(p, &err);
	free(p);
	if (!t_ok(a != NULL && b != NULL, "cached and parsed both load")) {
		model_free(a);
		model_free(b);
		free(err);
		return;
	}
	t_inteq((long long)model_size(a), (long long)model_size(b),
	    "as many features from the cache as from model.txt");
	differ = weights_differ(a, b, &n);
	t_ok(n > 1000 && differ == 0, "every one of %zu features and every "
	    "output weighs the same from the cache (%zu differ)", n, differ);
	model_free(a);
	model_free(b);
}

/*
 * The shipped model.txt with the last digit of its first feature's
 * weights one more: as many bytes, so only the comparison can tell.
 */
static void
bump_first_weight(void)
{
	shf("awk -F'\\t' 'BEGIN { OFS = \"\\t\" } !d && NF == 2 { "
	    "i = match($2, /[0-9][^0-9]*$/); c = substr($2, i, 1); "
	    "$2 = substr($2, 1, i - 1) ((c + 1) % 10) substr($2, i + 1); "
	    "d = 1 } 1' %s/model.txt >%s/model.new && "
	    "mv %s/model.new %s/model.txt");
}

static void
test_cache_stale(void)
{
	struct model	*a = NULL, *b;
	char		*p, *err = NULL;
	size_t		 n = 0;
	uint32_t	 v;

	fresh_cache();
	shf("echo '# a comment' >>%s/model.txt");
	check_cached("cache stale: model.txt changed",
	    "a comment added to model.txt: stale, parsed, reason given");

	/* A weight changed: the parse's weight, not the cache's. */
	fresh_cache();
	bump_first_weight();
	xasprintf(&p, "a=%s/model.txt b=%s/model.txt; ! cmp -s $a $b && "
	    "test $(wc -c <$a) = $(wc -c <$b)", classifier_default_datadir(),
	    dir);
	t_ok(system(p) == 0, "a weight changed, as many bytes");
	free(p);
	check_cached("cache stale: model.txt changed",
	    "a weight changed, the file as long: stale, reason given");
	cached_state(&a);
	xasprintf(&p, "%s/model.txt", dir);
	b = model_load(p, &err);
	free(p);
	t_ok(a != NULL && b != NULL && weights_differ(a, b, &n) == 0 &&
	    n > 1000, "a weight changed: the new weight is used");
	model_free(a);
	model_free(b);
	free(err);
	err = NULL;

	/* model.txt broken under a cache of the good one: still an error. */
	fresh_cache();
	shf("echo 'w:embargo 1 0 0 0' >>%s/model.txt");
	check_cached("model.txt:", "a malformed model.txt under a fresh "
	    "cache fails the load, naming the file and line");
	t_ok(model_cache_write(dir, &err) == -1 && err != NULL &&
	    strstr(err, "model.txt:") != NULL,
	    "the build step refuses a malformed model.txt, naming the line");
	free(err);

	fresh_cache();
	v = 17;
	patch_bin(12, &v, sizeof(v));
	check_cached("cache stale: built by another layout",
	    "another build's slot layout: stale, reason given");
}

static void
test_cache_corrupt(void)
{
	uint64_t	 big = 3;

	fresh_cache();
	patch_bin(8384 + 1000, "\x55\xaa\x55\xaa", 4);
	check_cached("cache stale: checksum mismatch",
	    "corrupt bytes in the table: stale, reason given");
	fresh_cache();
	patch_bin(64, "\x55\xaa\x55\xaa", 4);
	check_cached("cache stale: checksum mismatch",
	    "corrupt bytes in a bias: stale, reason given");
	fresh_cache();
	patch_bin(0, "XXXX", 4);
	check_cached("cache stale: not a model cache",
	    "another file: stale, reason given");
	fresh_cache();
	patch_bin(32, &big, sizeof(big));
	check_cached("cache stale: corrupt header",
	    "a table size that is no power of two: stale, reason given");
	fresh_cache();
	shf("truncate -s 5000 %s/model.bin");
	check_cached("cache stale: truncated", "a cut-short cache: stale");
	shf("truncate -s 20 %s/model.bin");
	check_cached("cache stale: truncated header", "a cut-short header");
	shf(": >%s/model.bin");
	check_cached("cache stale: truncated header", "an empty cache file");
	fresh_cache();
	shf("printf x >>%s/model.bin");
	check_cached("cache stale: corrupt header", "a byte too many");

	/* Stale in a read-only directory: parsed, nothing written. */
	fresh_cache();
	patch_bin(0, "XXXX", 4);
	shf("cp %s/model.bin %s/before.bin && chmod a-w %s");
	check_cached("cache stale", "read-only and stale: still loads");
	t_ok(shf("cmp -s %s/model.bin %s/before.bin") == 0,
	    "a load never rewrites the cache");
	shf("chmod u+w %s && rm -f %s/before.bin %s/model.bin");
}

/*
 * A model that finds nothing relevant: the EU's own release, naming the
 * act that takes the step, still is, with its legal basis; other news is
 * not.
 */
static void
test_eu_floor(void)
{
	char			*p, *err = NULL;
	struct classifier	*c;
	struct item		 it;
	struct sanctions	 s;

	xasprintf(&p, "cp %s/*.txt %s", classifier_default_datadir(), dir);
	t_ok(system(p) == 0, "copied the data files");
	free(p);
	p = write_model("model relevant -30 1 0 0.5\nmodel announcement -30 1 "
	    "0 0.5\nmodel authority -30 1 0 0.5\nmodel target -30 1 0 0.5\n");
	free(p);
	if ((c = classifier_load(dir, &err)) == NULL) {
		t_ok(0, "a model that sees nothing loads: %s", err);
		free(err);
		return;
	}
	item_init(&it);
	it.title = "Belarus: Council prolongs its restrictive measures";
	it.content = "The Council today amended Council Regulation (EU) No "
	    "765/2006, freezing the assets of seven more Belarusian "
	    "officials.";
	classify(c, &it, &s);
	t_ok(s.relevant && strlist_has(&s.legal_basis,
	    "EU Regulation 765/2006"),
	    "an EU act by number is relevant whatever the weights");
	sanctions_free(&s);
	it.title = "Washington blacklists five Iranian shipping firms";
	it.content = NULL;
	classify(c, &it, &s);
	t_ok(!s.relevant, "other news follows the weights");
	sanctions_free(&s);
	classifier_free(c);
}

int
main(void)
{
	char	*p;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_loader();
	test_cache_round_trip();
	test_cache_stale();
	test_cache_corrupt();
	test_features();
	test_missing();
	test_eu_floor();
	xasprintf(&p, "rm -rf %s", dir);
	if (system(p) != 0)
		fprintf(stderr, "test_model: could not remove %s\n", dir);
	free(p);
	return t_done();
}
