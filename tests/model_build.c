/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * model_build.c: the build step that writes the classifier's loaded model
 * (DATADIR/model.bin, from DATADIR/model.txt) so that programs need not
 * parse model.txt at start-up.  "make" runs it on parsers/data; nothing
 * else writes there.
 *
 * usage: model_build DATADIR
 */
#include <stdio.h>
#include <stdlib.h>

#include "../parsers/parsers.h"

int
main(int argc, char **argv)
{
	char	*err = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: model_build DATADIR\n");
		return 2;
	}
	if (model_cache_write(argv[1], &err) == -1) {
		fprintf(stderr, "model_build: %s\n", err);
		free(err);
		return 1;
	}
	return 0;
}
