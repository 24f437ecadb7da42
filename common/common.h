/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * common.h: what every room shares: allocation, logging, small buffers.
 *
 * Nothing here knows about feeds, HTTP, SQLite or ZeroMQ.
 */
#ifndef COMMON_H
#define COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define SANCTIOND_VERSION	"0.1.0"
#define SANCTIOND_URL		"https://github.com/sanctiond/sanctiond"

#define PRINTFLIKE(a, b)	__attribute__((format(printf, a, b)))

/* xmalloc.c: allocation failure is fatal in one place. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...) PRINTFLIKE(2, 3);

/* log.c */
enum log_target {
	LOG_TO_STDERR,		/* -f: human readable, with a time stamp */
	LOG_TO_JOURNAL		/* under systemd: "<N>" priority prefixes */
};
void	 log_init(enum log_target, int);
void	 log_setlevel(int);
int	 log_getlevel(void);
void	 log_setprefix(const char *);
void	 log_warn(const char *, ...) PRINTFLIKE(1, 2);
void	 log_warnx(const char *, ...) PRINTFLIKE(1, 2);
void	 log_errx(const char *, ...) PRINTFLIKE(1, 2);
void	 log_info(const char *, ...) PRINTFLIKE(1, 2);
void	 log_debug(const char *, ...) PRINTFLIKE(1, 2);
void	 log_notice(const char *, ...) PRINTFLIKE(1, 2);
void	 fatal(const char *, ...) PRINTFLIKE(1, 2) __attribute__((noreturn));
void	 fatalx(const char *, ...) PRINTFLIKE(1, 2) __attribute__((noreturn));
enum log_target log_default_target(void);
struct buf;
void	 log_escape(struct buf *, const char *);

/* buf.c: a growable byte buffer, always NUL-terminated. */
struct buf {
	char	*d;
	size_t	 len;
	size_t	 cap;
};
void	 buf_init(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, int);
void	 buf_adds(struct buf *, const char *);
char	*buf_reserve(struct buf *, size_t);
void	 buf_printf(struct buf *, const char *, ...) PRINTFLIKE(2, 3);
void	 buf_reset(struct buf *);
char	*buf_release(struct buf *);
void	 buf_free(struct buf *);

/* strlist.c: an owned list of strings. */
struct strlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
void	 strlist_init(struct strlist *);
void	 strlist_add(struct strlist *, const char *);
void	 strlist_addn(struct strlist *, const char *, size_t);
int	 strlist_has(const struct strlist *, const char *);
int	 strlist_add_unique(struct strlist *, const char *);
void	 strlist_free(struct strlist *);

/* strindex.c: strings (not copied) to indexes; (size_t)-1 is "none". */
struct strindex {
	const char	**keys;
	size_t		 *vals;
	size_t		  cap;
	size_t		  n;
};
void	 strindex_init(struct strindex *);
void	 strindex_free(struct strindex *);
size_t	 strindex_get(const struct strindex *, const char *);
size_t	 strindex_add(struct strindex *, const char *, size_t);

/* digits.c: numbers as text without printf or strtod, for hot paths. */
size_t	 fmt_u64(char *, uint64_t);
size_t	 fmt_i64(char *, int64_t);
void	 fmt_hex16(char *, uint64_t);
char	*fmt_fixed(char *, unsigned, int);
int	 fast_decimal(const char *, const char **, double *);

/*
 * Eight bytes a turn (SWAR) on little-endian machines, for the byte loops
 * of hot paths (text.c, classify.c, json.c); elsewhere the loops stay.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR8		1
#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGHS	0x8080808080808080ULL
#define SWAR_LOWS	0x7f7f7f7f7f7f7f7fULL
/* Some byte of v is zero; some byte of w is c. */
#define SWAR_HAS_ZERO(v)	(((v) - SWAR_ONES) & ~(v) & SWAR_HIGHS)
#define SWAR_HAS_BYTE(w, c)	SWAR_HAS_ZERO((w) ^ ((c) * SWAR_ONES))
#endif

/* duration.c: "90s", "15m", "2h", "1d" and plain seconds; the clock. */
int	 parse_duration(const char *, long long *);
double	 mono_now(void);

#endif
