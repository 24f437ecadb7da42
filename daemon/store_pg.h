/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * store_pg.h: what the PostgreSQL store (store_pg.c) shares with its
 * retention (store_pg_prune.c), and with nothing else: the rest of the
 * daemon sees struct store and daemon.h, never libpq.
 */
#ifndef STORE_PG_H
#define STORE_PG_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

struct pg;
struct pg_prune;

/* store_pg.c */
PGresult	*pg_query(struct pg *, const char *, const char *, int,
		    const char *const *);
int		 pg_exec(struct pg *, const char *, const char *, int,
		    const char *const *);
void		 pg_abort(struct pg *);

/* store_pg_prune.c */
extern const char *pg_prune_schema;
struct pg_prune	*pg_prune_new(void);
void		 pg_prune_free(struct pg_prune *);
int		 pg_prune_marks(struct pg *, const char *, int, int64_t *,
		    size_t);
int		 pg_prune_step(struct pg *, struct pg_prune *, int64_t,
		    int64_t *, int64_t *);
int64_t		 pg_prune_seq(const struct pg_prune *);
void		 pg_prune_saw(struct pg_prune *, int64_t);
int		 pg_prune_reload(struct pg *, struct pg_prune *);
int64_t		 pg_prune_oldest(struct pg *);

#endif
