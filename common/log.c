/*
 * log.c: one line per event.  On a terminal (-f) each line carries a time
 * stamp; under systemd, stderr goes to the journal, which wants a "<N>"
 * syslog priority prefix instead and adds its own time stamp.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "common.h"

static enum log_target	 target = LOG_TO_STDERR;
static int		 level = LOG_INFO;
static const char	*prefix;

enum log_target
log_default_target(void)
{
	/* systemd sets JOURNAL_STREAM when stderr is connected to journald. */
	if (getenv("JOURNAL_STREAM") != NULL)
		return LOG_TO_JOURNAL;
	return LOG_TO_STDERR;
}

void
log_init(enum log_target t, int lvl)
{
	target = t;
	level = lvl;
}

void
log_setlevel(int lvl)
{
	level = lvl;
}

int
log_getlevel(void)
{
	return level;
}

void
log_setprefix(const char *p)
{
	prefix = p;
}

static void
vlog(int pri, const char *fmt, va_list ap, const char *err)
{
	char		 msg[2048], stamp[32];
	struct tm	 tm;
	time_t		 now;
	char		*p;

	if (pri > level)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* One event, one line: a newline inside a message would split it. */
	for (p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (target == LOG_TO_JOURNAL) {
		fprintf(stderr, "<%d>%s%s%s%s%s\n", pri,
		    prefix ? prefix : "", prefix ? ": " : "", msg,
		    err ? ": " : "", err ? err : "");
	} else {
		now = time(NULL);
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		fprintf(stderr, "%s %s%s%s%s%s\n", stamp,
		    prefix ? prefix : "", prefix ? ": " : "", msg,
		    err ? ": " : "", err ? err : "");
	}
	fflush(stderr);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap, strerror(saved));
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap, NULL);
	va_end(ap);
}

/* Something is broken here, not in a feed: LOG_ERR, "<3>" in the journal. */
void
log_errx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap, NULL);
	va_end(ap);
}

void
log_notice(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_NOTICE, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap, strerror(saved));
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
