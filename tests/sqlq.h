/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sqlq.h: for the store's tests, a look at (or a change to) the state file
 * behind the store's back, on a connection of its own.  The includer
 * defines "path", the state file.
 */
#ifndef SQLQ_H
#define SQLQ_H

#include <stdio.h>

#include <sqlite3.h>

static char	 path[256];

static void __attribute__((unused))
sql(const char *q)
{
	sqlite3	*db;
	char	*err = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, q, NULL, NULL, &err) != SQLITE_OK)
		printf("# sql: %s: %s\n", q, err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(db);
}

/* The first column of the first row, -1 when there is none. */
static long long __attribute__((unused))
count(const char *q)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	} else
		printf("# count: %s: %s\n", q, sqlite3_errmsg(db));
	sqlite3_close(db);
	return v;
}

#endif
