/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * featdump.c: the learned model's features of every item, for training
 * (tests/eval/train.py).
 *
 * usage: featdump [-d DATADIR] FILE.jsonl ...
 * One line per item: its id, then a tab before each feature.  An item the
 * model never sees (no sanctions word) has its id alone.  Each state or
 * body the item names follows on a line of its own: the id, "@CODE", then
 * that mention's features.  The data
 * directory needs a model.txt (any, even one with no features: the
 * features do not depend on the weights).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../parsers/parsers.h"

static int
dump_file(const struct classifier *c, const char *path)
{
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, lineno = 0, i;
	struct item	 it;
	struct strlist	 names;
	json_t		*o;
	json_error_t	 je;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if ((o = json_loads(line, 0, &je)) == NULL) {
			fprintf(stderr, "%s:%zu: %s\n", path, lineno, je.text);
			continue;
		}
		item_texts(&it, json_string_value(json_object_get(o, "title")),
		    json_string_value(json_object_get(o, "text")));
		strlist_init(&names);
		classify_features(c, &it, &names);
		item_free(&it);
		fputs(json_string_value(json_object_get(o, "id")) ?
		    json_string_value(json_object_get(o, "id")) : "", stdout);
		/* "@", CODE: a mention's features follow on a line of its own. */
		for (i = 0; i < names.n; i++)
			if (strcmp(names.v[i], "@") == 0 && i + 1 < names.n)
				printf("\n%s\t@%s", json_string_value(
				    json_object_get(o, "id")), names.v[++i]);
			else
				printf("\t%s", names.v[i]);
		putchar('\n');
		strlist_free(&names);
		json_decref(o);
	}
	free(line);
	fclose(f);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct classifier	*c;
	const char		*dir = NULL;
	char			*err;
	int			 i = 1, rv = 0;

	if (argc > 2 && strcmp(argv[1], "-d") == 0) {
		dir = argv[2];
		i = 3;
	}
	if ((c = classifier_load(dir, &err)) == NULL) {
		fprintf(stderr, "featdump: %s\n", err);
		free(err);
		return 1;
	}
	for (; i < argc; i++)
		if (dump_file(c, argv[i]) == -1)
			rv = 1;
	classifier_free(c);
	return rv;
}
