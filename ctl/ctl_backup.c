/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_backup.c: sanctionctl backup [-c FILE] [--force] OUTFILE.
 *
 * A consistent copy of the daemon's state file, made with SQLite's online
 * backup API while the daemon runs: the state is opened read-only and
 * copied in one step, so in one read transaction (in WAL mode the daemon's
 * writes go on meanwhile).  The copy is written to a temporary file next
 * to OUTFILE (mode 0600: it holds the feeds' credentials-free URLs and
 * every event), made a single file (journal_mode DELETE), checked
 * (quick_check), synced, and only then put in place: an interrupted backup
 * never leaves a half copy under OUTFILE.  An existing OUTFILE is replaced
 * only with --force.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ctl.h"

#define BACKUP_RETRIES	100	/* 100 ms apart while the state is locked */

static void __attribute__((noreturn))
backup_usage(void)
{
	fprintf(stderr, "usage: sanctionctl backup [-c FILE] [--force] "
	    "OUTFILE\n");
	exit(2);
}

static void
errx_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
errx_line(const char *fmt, ...)
{
	va_list	 ap;

	fputs("sanctionctl: backup: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int64_t
one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Copy src into dst, waiting out a lock; 0 or -1 (message printed). */
static int
copy_db(sqlite3 *src, const char *state, sqlite3 *dst, const char *out)
{
	sqlite3_backup	*b;
	int		 rc, tries = 0;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		errx_line("%s: %s", out, sqlite3_errmsg(dst));
		return -1;
	}
	/* All pages in one step: one read transaction, one snapshot. */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (++tries > BACKUP_RETRIES)
			break;
		usleep(100000);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		errx_line("%s: %s", state, rc == SQLITE_BUSY ||
		    rc == SQLITE_LOCKED ? "still locked after 10 s" :
		    sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/* One file, checked, with what it holds; 0 or -1 (message printed). */
static int
finish_copy(sqlite3 *dst, const char *out)
{
	sqlite3_stmt	*st;
	const char	*v;
	int		 ok = 0;
	int64_t		 events, items, first, last, reserved;

	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		errx_line("%s: %s", out, sqlite3_errmsg(dst));
		return -1;
	}
	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check(1)", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL)
		ok = strcmp(v, "ok") == 0;
	sqlite3_finalize(st);
	if (!ok) {
		errx_line("%s: the copy fails quick_check: %s", out,
		    sqlite3_errmsg(dst));
		return -1;
	}
	events = one_int(dst, "SELECT count(*) FROM events");
	items = one_int(dst, "SELECT count(*) FROM items");
	first = one_int(dst, "SELECT coalesce(min(seq), 0) FROM events");
	last = one_int(dst, "SELECT max(coalesce((SELECT seq FROM"
	    " sqlite_sequence WHERE name = 'events'), 0),"
	    " coalesce((SELECT max(seq) FROM events), 0))");
	reserved = one_int(dst, "SELECT coalesce((SELECT value FROM meta"
	    " WHERE key = 'seq_reserved'), 0)");
	if (events < 0 || items < 0 || last < 0) {
		errx_line("%s: not a sanctiond state file: %s", out,
		    sqlite3_errmsg(dst));
		return -1;
	}
	printf("%s: %lld events (seq %lld to %lld), %lld items; restored, "
	    "it gives out seqs after %lld\n", out, (long long)events,
	    (long long)first, (long long)last, (long long)items,
	    (long long)(reserved > last ? reserved : last));
	return 0;
}

/* The same file as the state (or its WAL): never the target. */
static int
same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
sync_path(const char *path, int dir)
{
	int	 fd, rv;

	if ((fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY |
	    O_CLOEXEC)) == -1)
		return -1;
	rv = fsync(fd);
	close(fd);
	return rv;
}

/* Put tmp in place as out: link(2) refuses an existing out. */
static int
install(const char *tmp, const char *out, int force)
{
	char	*d, *dir;
	int	 rv;

	if (force)
		rv = rename(tmp, out);
	else if ((rv = link(tmp, out)) == 0)
		unlink(tmp);
	if (rv == -1) {
		errx_line("%s: %s%s", out, strerror(errno), errno == EEXIST ?
		    " (give --force to replace it)" : "");
		return -1;
	}
	d = xstrdup(out);
	dir = dirname(d);
	sync_path(dir, 1);
	free(d);
	return 0;
}

static int
backup(const char *state, const char *out, int force)
{
	sqlite3	*src = NULL, *dst = NULL;
	char	*tmp;
	int	 fd, rc, rv = -1;

	if (!force && access(out, F_OK) == 0) {
		errx_line("%s: exists (give --force to replace it)", out);
		return -1;
	}
	if (same_file(state, out)) {
		errx_line("%s: is the state file itself", out);
		return -1;
	}
	if (access(state, R_OK) == -1) {
		errx_line("%s: %s", state, strerror(errno));
		return -1;
	}
	rc = sqlite3_open_v2(state, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		errx_line("%s: %s", state, src != NULL ? sqlite3_errmsg(src) :
		    sqlite3_errstr(rc));
		sqlite3_close(src);
		return -1;
	}
	sqlite3_busy_timeout(src, 5000);
	xasprintf(&tmp, "%s.XXXXXX", out);
	if ((fd = mkstemp(tmp)) == -1) {
		errx_line("%s: cannot create a file next to it: %s", out,
		    strerror(errno));
		free(tmp);
		sqlite3_close(src);
		return -1;
	}
	fchmod(fd, 0600);
	close(fd);
	if ((rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE,
	    NULL)) != SQLITE_OK)
		errx_line("%s: %s", tmp, sqlite3_errstr(rc));
	else if (copy_db(src, state, dst, out) == 0 &&
	    finish_copy(dst, out) == 0)
		rv = 0;
	sqlite3_close(dst);
	sqlite3_close(src);
	if (rv == 0 && sync_path(tmp, 0) == -1) {
		errx_line("%s: %s", tmp, strerror(errno));
		rv = -1;
	}
	if (rv == 0)
		rv = install(tmp, out, force);
	if (rv == -1)
		unlink(tmp);
	free(tmp);
	return rv;
}

int
ctl_backup(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*path = CONF_DEFAULT_PATH;
	struct daemon_conf	*conf;
	struct strlist		 errs;
	size_t			 i;
	int			 ch, force = 0, rv;

	while ((ch = getopt_long(argc, argv, "+c:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'f':
			force = 1;
			break;
		default:
			backup_usage();
		}
	}
	if (optind != argc - 1 || *argv[optind] == '\0')
		backup_usage();
	strlist_init(&errs);
	if ((conf = config_load(path, &errs)) == NULL) {
		for (i = 0; i < errs.n; i++)
			errx_line("%s", errs.v[i]);
		strlist_free(&errs);
		return 1;
	}
	strlist_free(&errs);
	rv = backup(conf->state, argv[optind], force);
	config_free(conf);
	return rv == 0 ? 0 : 1;
}
