/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ini_floor.c: the floor for bench_config.sh: read FILE with inih alone
 * (no checks, no feeds kept), as sanctiond -n must at the least, and print
 * the seconds it took.
 */
#include <ini.h>
#include <stdio.h>
#include <time.h>

static int
count(void *arg, const char *section, const char *name, const char *value)
{
	(void)section;
	(void)name;
	(void)value;
	(*(long *)arg)++;
	return 1;
}

int
main(int argc, char **argv)
{
	struct timespec	 a, b;
	long		 n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: ini_floor FILE\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (ini_parse(argv[1], count, &n) < 0) {
		perror(argv[1]);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.6f %ld\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) /
	    1e9, n);
	return 0;
}
