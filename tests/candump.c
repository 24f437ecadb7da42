/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * candump.c: what the daemon's fetch_article = flagged rule sees of each
 * item of a corpus (tests/eval/article_flag.py measures the rule on the
 * labelled sets with it).
 *
 * usage: candump [-d DATADIR] FILE.jsonl ...
 * One line per item, tab separated: id, bytes of text, the classifier's
 * gate (classify_candidate: 0 none ... 3 statecraft), relevant, score.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../parsers/parsers.h"

static void
dump_file(const struct classifier *c, const char *path)
{
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0;
	struct item	 it;
	struct sanctions s;
	json_t		*o;
	const char	*id;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		exit(1);
	}
	while (getline(&line, &cap, f) != -1) {
		if ((o = json_loads(line, 0, NULL)) == NULL)
			continue;
		id = json_string_value(json_object_get(o, "id"));
		item_texts(&it, json_string_value(json_object_get(o, "title")),
		    json_string_value(json_object_get(o, "text")));
		classify(c, &it, &s);
		printf("%s\t%zu\t%d\t%d\t%.3f\n", id ? id : "",
		    it.summary ? strlen(it.summary) : 0,
		    (int)classify_candidate(c, &it), s.relevant, s.score);
		sanctions_free(&s);
		item_free(&it);
		json_decref(o);
	}
	free(line);
	fclose(f);
}

int
main(int argc, char **argv)
{
	struct classifier	*c;
	const char		*dir = "parsers/data";
	char			*err = NULL;
	int			 ch, i;

	while ((ch = getopt(argc, argv, "d:")) != -1) {
		if (ch != 'd') {
			fprintf(stderr, "usage: candump [-d DATADIR] "
			    "FILE.jsonl ...\n");
			return 2;
		}
		dir = optarg;
	}
	parsers_init();
	if ((c = classifier_load(dir, &err)) == NULL) {
		fprintf(stderr, "candump: %s\n", err);
		return 1;
	}
	for (i = optind; i < argc; i++)
		dump_file(c, argv[i]);
	classifier_free(c);
	return 0;
}
