/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * hsdb_build.c: the build step that writes the classifier's compiled
 * lexicon (DATADIR/lexicon.hsdb) so that programs need not compile it at
 * start-up.  "make" runs it on parsers/data; nothing else writes there.
 *
 * usage: hsdb_build DATADIR
 */
#include <stdio.h>
#include <stdlib.h>

#include "../parsers/parsers.h"

int
main(int argc, char **argv)
{
	char	*err = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: hsdb_build DATADIR\n");
		return 2;
	}
	if (classifier_cache_write(argv[1], &err) == -1) {
		fprintf(stderr, "hsdb_build: %s\n", err);
		free(err);
		return 1;
	}
	return 0;
}
