/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sqlite_floor.c: the store's part of the cycle floor (bench_daemon.sh):
 * N rows of 1 KB inserted into a fresh FILE in one transaction, with the
 * store's journal settings (WAL, synchronous = NORMAL), one prepared
 * statement.  Prints the seconds it took, opening and closing included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

static void
must(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		fprintf(stderr, "sqlite_floor: %s: %s\n", what,
		    sqlite3_errmsg(db));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct timespec	 a, b;
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		 row[1024];
	long		 i, n;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: sqlite_floor FILE N\n");
		return 2;
	}
	memset(row, 'x', sizeof(row));
	remove(argv[1]);
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		must(db, SQLITE_ERROR, argv[1]);
	must(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    " PRAGMA synchronous = NORMAL;"
	    " CREATE TABLE t (seq INTEGER PRIMARY KEY, json TEXT);"
	    " BEGIN", NULL, NULL, NULL), "schema");
	must(db, sqlite3_prepare_v2(db, "INSERT INTO t (seq, json)"
	    " VALUES (?, ?)", -1, &st, NULL), "prepare");
	for (i = 1; i <= n; i++) {
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, row, sizeof(row), SQLITE_STATIC);
		must(db, sqlite3_step(st), "insert");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	must(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	sqlite3_close(db);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.6f\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) /
	    1e9);
	return 0;
}
