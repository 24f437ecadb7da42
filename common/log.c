/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * log.c: one line per event.  On a terminal (-f) each line carries a time
 * stamp; under systemd, stderr goes to the journal, which wants a "<N>"
 * syslog priority prefix instead and adds its own time stamp.
 *
 * Messages carry text from outside (feed titles, URLs, a server's headers)
 * and end up on terminals: every message is escaped here, so that no
 * caller can forget.
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

/* The length of the valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned int	 c;
	size_t		 n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 1, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 2, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 3, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (c >= 0x80 && c <= 0x9f)
		return 0;	/* C1 controls: escaped like bytes */
	return n + 1;
}

/*
 * What the text at p becomes on a terminal: a newline or carriage return
 * a space (one event, one line); every other C0 control, DEL, C1 control
 * and byte that is not valid UTF-8 "\xNN"; valid UTF-8 text itself.
 * Writes out (at least 5 bytes), returns its length; *used: input taken.
 */
static size_t
escape_one(const unsigned char *p, char *out, size_t *used)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 n;

	*used = 1;
	if (*p == '\n' || *p == '\r') {
		out[0] = ' ';
		return 1;
	}
	if (*p >= 0x20 && *p < 0x7f) {
		out[0] = *p;
		return 1;
	}
	if (*p >= 0x80 && (n = utf8_len(p)) > 0) {
		memcpy(out, p, n);
		*used = n;
		return n;
	}
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[*p >> 4];
	out[3] = hex[*p & 15];
	return 4;
}

/* Append s to b, escaped as the log does (for other terminal output). */
void
log_escape(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 out[8];
	size_t			 used, n;

	while (*p != '\0') {
		n = escape_one(p, out, &used);
		buf_add(b, out, n);
		p += used;
	}
}

/* The same into a fixed buffer: no allocation on the way to fatal(). */
static void
escape_fixed(char *dst, size_t len, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 out[8];
	size_t			 used, n, off = 0;

	while (*p != '\0') {
		n = escape_one(p, out, &used);
		if (off + n >= len)
			break;
		memcpy(dst + off, out, n);
		off += n;
		p += used;
	}
	dst[off] = '\0';
}

static void
vlog(int pri, const char *fmt, va_list ap, const char *err)
{
	char		 raw[2048], msg[4 * sizeof(raw)], stamp[32];
	struct tm	 tm;
	time_t		 now;

	if (pri > level)
		return;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	escape_fixed(msg, sizeof(msg), raw);
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
