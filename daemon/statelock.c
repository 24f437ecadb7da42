/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * statelock.c: one daemon per state file.
 *
 * Two daemons on one state would both publish the same seqs and roll
 * back each other's reservations.  An exclusive flock(2) on STATE.lock,
 * taken before the store is opened and held until the daemon exits (the
 * kernel drops it when the process dies, so a SIGKILL leaves no stale
 * lock), makes the second one refuse to start.  The file holds the pid of
 * the holder, for the message; it is never removed, since unlinking a lock
 * file another process is about to take races.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"

/* The holder's pid as its file says, or 0. */
static long
holder_pid(int fd)
{
	char	 buf[32];
	ssize_t	 n;
	char	*end;
	long	 pid;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return end != buf && pid > 0 ? pid : 0;
}

static int
write_pid(int fd)
{
	char	 buf[32];
	int	 n;

	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, buf, n, 0) != n)
		return -1;
	return 0;
}

/*
 * Lock STATE.lock.  Returns its descriptor (keep it open: closing it
 * releases the lock), or -1 with *errstr saying why, naming the state.
 */
int
statelock_take(const char *state, char **errstr)
{
	struct stat	 sb;
	char		*path;
	long		 pid;
	int		 fd;

	*errstr = NULL;
	/* SQLite would block in open(2) on a FIFO planted as the state. */
	if (stat(state, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		xasprintf(errstr, "%s: not a regular file", state);
		return -1;
	}
	xasprintf(&path, "%s.lock", state);
	/* O_NONBLOCK: a FIFO planted here must not hang the start-up. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK, 0600);
	if (fd == -1) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(errstr, "%s: not a regular file", path);
		goto fail;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK && (pid = holder_pid(fd)) > 0)
			xasprintf(errstr, "%s is in use by another sanctiond "
			    "(pid %ld, lock %s)", state, pid, path);
		else if (errno == EWOULDBLOCK)
			xasprintf(errstr, "%s is in use by another sanctiond "
			    "(lock %s)", state, path);
		else
			xasprintf(errstr, "%s: flock: %s", path,
			    strerror(errno));
		goto fail;
	}
	if (write_pid(fd) == -1) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		goto fail;
	}
	free(path);
	return fd;
fail:
	close(fd);
	free(path);
	return -1;
}

void
statelock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
