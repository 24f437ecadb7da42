/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
#include "daemon.h"

struct store *
store_pg_open(const char *uri, const char *node, char **err)
{
	(void)uri;
	(void)node;
	*err = xstrdup("PostgreSQL support is not built in");
	return NULL;
}
