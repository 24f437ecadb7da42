/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_lexicon.c: the compiled lexicon's cache (parsers/data/lexicon.hsdb,
 * written by make): used when it was built from these patterns by this
 * Vectorscan for this CPU, ignored with the reason otherwise, never written
 * at run time, and the classifier answers the same either way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../../parsers/parsers.h"
#include "../test.h"

static char	 tmp[] = "/tmp/test_lexicon.XXXXXX";

/* Run a command; with quiet, its failure is the caller's to report. */
static int
run(int quiet, const char *fmt, const char *a, const char *b)
{
	char	*cmd;
	int	 rv;

	xasprintf(&cmd, fmt, a, b);
	if ((rv = system(cmd)) != 0 && !quiet)
		t_ok(0, "%s", cmd);
	free(cmd);
	return rv;
}
#define sh(f, a, b)	run(0, f, a, b)

/* Load dir's classifier; return its cache state (a static copy). */
static const char *
state_of(const char *dir)
{
	static char		 st[512];
	struct classifier	*c;
	char			*err = NULL;

	if ((c = classifier_load(dir, &err)) == NULL) {
		snprintf(st, sizeof(st), "load failed: %s", err);
		free(err);
		return st;
	}
	snprintf(st, sizeof(st), "%s", classifier_cache_state(c));
	classifier_free(c);
	return st;
}

static void
check_state(const char *dir, const char *want, const char *what)
{
	const char	*st = state_of(dir);

	if (!t_ok(strstr(st, want) != NULL, "%s", what))
		printf("#   got:  %s\n#   want: %s\n", st, want);
}

/* Patch len bytes at off of the cache file in dir. */
static void
patch(const char *dir, long off, const void *p, size_t len)
{
	FILE	*f;
	char	*path;

	xasprintf(&path, "%s/lexicon.hsdb", dir);
	if ((f = fopen(path, "r+")) == NULL || fseek(f, off, off < 0 ?
	    SEEK_END : SEEK_SET) == -1 || fwrite(p, 1, len, f) != len)
		t_ok(0, "patching %s", path);
	if (f != NULL)
		fclose(f);
	free(path);
}

/* Read len bytes at off of the cache file in dir. */
static void
peek(const char *dir, long off, void *p, size_t len)
{
	FILE	*f;
	char	*path;

	memset(p, 0, len);
	xasprintf(&path, "%s/lexicon.hsdb", dir);
	if ((f = fopen(path, "r")) == NULL || fseek(f, off, SEEK_SET) == -1 ||
	    fread(p, 1, len, f) != len)
		t_ok(0, "reading %s", path);
	if (f != NULL)
		fclose(f);
	free(path);
}

/*
 * The layout of classify_lexicon.c's cache: a 112-byte header (magic,
 * format, the number of entries at 12, the version at 16), then entries of
 * 48 bytes (CPU features, then the offset of its databases).
 */
#define HDR_LEN		112
#define ENT_LEN		48

/* Patch every entry's features, or the bytes 1000 into its databases. */
static void
patch_entries(const char *dir, int features)
{
	uint32_t	 n, i;
	uint64_t	 off, feat = 0xffff0000;

	peek(dir, 12, &n, sizeof(n));
	for (i = 0; i < n && i < 8; i++) {
		if (features) {
			patch(dir, HDR_LEN + i * ENT_LEN, &feat, sizeof(feat));
			continue;
		}
		peek(dir, HDR_LEN + i * ENT_LEN + 8, &off, sizeof(off));
		patch(dir, (long)off + 1000, "\x55\xaa\x55\xaa", 4);
	}
}

/* A fresh copy of the data directory with a cache built for it. */
static void
fresh(const char *dir)
{
	char	*err = NULL;

	sh("rm -f %s/lexicon.hsdb%s", dir, "");
	if (classifier_cache_write(dir, &err) == -1) {
		t_ok(0, "cache written: %s", err);
		free(err);
	}
}

static void
test_fresh_and_stale(const char *data)
{
	char	*err = NULL, *p;
	FILE	*f;
	char	 v[64] = "0.0.1 other";

	check_state(data, "loaded", "the source tree's cache (make) is used");
	sh("cp %s/*.txt %s", data, tmp);
	check_state(tmp, "no cache", "no cache: compiled, and says so");
	t_ok(classifier_cache_write(tmp, &err) == 0, "cache written");
	free(err);
	check_state(tmp, "loaded", "a fresh cache is used");

	/* Comments are not patterns; a phrase is. */
	xasprintf(&p, "%s/measures.txt", tmp);
	f = fopen(p, "a");
	fputs("# a comment\n", f);
	fclose(f);
	check_state(tmp, "loaded", "a comment added: the cache still fits");
	f = fopen(p, "a");
	fputs("asset_freeze\tsequestration of holdings\n", f);
	fclose(f);
	free(p);
	check_state(tmp, "cache stale: the data files changed",
	    "a phrase added: stale, compiled, reason given");

	fresh(tmp);
	patch(tmp, 16, v, sizeof(v));
	check_state(tmp, "cache stale: built by Vectorscan 0.0.1 other",
	    "another Vectorscan's cache: stale, reason given");

	fresh(tmp);
	patch_entries(tmp, 1);
	check_state(tmp, "cache stale: not built for this CPU's features",
	    "another CPU's cache: stale, reason given");

	fresh(tmp);
	patch_entries(tmp, 0);
	check_state(tmp, "cache stale: checksum mismatch",
	    "corrupt bytes in a database: stale, reason given");

	fresh(tmp);
	patch(tmp, 0, "XXXX", 4);
	check_state(tmp, "cache stale: not a lexicon cache",
	    "another file: stale, reason given");

	fresh(tmp);
	sh("truncate -s 5000 %s/lexicon.hsdb%s", tmp, "");
	check_state(tmp, "cache stale: truncated",
	    "a cut-short cache: stale, reason given");
	sh("truncate -s 20 %s/lexicon.hsdb%s", tmp, "");
	check_state(tmp, "cache stale: truncated header",
	    "a cut-short header: stale, reason given");

	/* Stale, in a read-only directory: compiled, nothing written. */
	fresh(tmp);
	patch(tmp, 0, "XXXX", 4);
	sh("cp %s/lexicon.hsdb %s/before.bin", tmp, tmp);
	sh("chmod a-w %s/lexicon.hsdb %s", tmp, tmp);
	check_state(tmp, "cache stale", "read-only and stale: still loads");
	t_ok(run(1, "cmp -s %s/lexicon.hsdb %s/before.bin", tmp, tmp) == 0,
	    "a load never rewrites the cache");
	sh("chmod u+w %s %s/lexicon.hsdb", tmp, tmp);
}

/* Every item of the eval set, explained by both classifiers. */
static void
test_same_answers(const char *data, const char *set)
{
	struct classifier	*a, *b;
	json_t			*j, *t, *x;
	json_error_t		 je;
	struct item		 it;
	struct buf		 ea, eb;
	char			*path, *err = NULL, *line = NULL;
	size_t			 cap = 0, n = 0, differ = 0;
	FILE			*f;

	xasprintf(&path, "%s/../../tests/eval/%s", data, set);
	if ((f = fopen(path, "r")) == NULL) {
		t_skip(set, "not present");
		free(path);
		return;
	}
	sh("rm -f %s/lexicon.hsdb%s", tmp, "");
	sh("cp %s/*.txt %s", data, tmp);
	a = classifier_load(data, &err);
	b = classifier_load(tmp, &err);
	if (!t_ok(a != NULL && b != NULL && strcmp(classifier_cache_state(a),
	    "loaded") == 0 && strcmp(classifier_cache_state(b), "loaded") != 0,
	    "one classifier from the cache, one compiled")) {
		fclose(f);
		free(path);
		return;
	}
	buf_init(&ea);
	buf_init(&eb);
	while (getline(&line, &cap, f) != -1) {
		if ((j = json_loads(line, 0, &je)) == NULL)
			continue;
		t = json_object_get(j, "title");
		x = json_object_get(j, "text");
		item_texts(&it, json_string_value(t), json_string_value(x));
		ea.len = eb.len = 0;
		classify_explain(a, &it, &ea);
		classify_explain(b, &it, &eb);
		if (ea.len != eb.len || memcmp(ea.d, eb.d, ea.len) != 0) {
			if (differ++ == 0)
				printf("# differs: %s\n", line);
		}
		item_free(&it);
		n++;
		json_decref(j);
	}
	t_ok(n > 100 && differ == 0, "%s: %zu items, hits, sentences and "
	    "scores the same with and without the cache (%zu differ)", set,
	    n, differ);
	free(line);
	buf_free(&ea);
	buf_free(&eb);
	classifier_free(a);
	classifier_free(b);
	fclose(f);
	free(path);
}

int
main(void)
{
	const char	*data = classifier_default_datadir();

	if (mkdtemp(tmp) == NULL) {
		t_ok(0, "mkdtemp");
		return t_done();
	}
	test_fresh_and_stale(data);
	test_same_answers(data, "dev.jsonl");
	sh("rm -rf %s%s", tmp, "");
	return t_done();
}
