/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_date.c: date_parse on anything; a date it accepts must survive a
 * round trip through date_format.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../parsers/parsers.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, out[64];
	int64_t	 t;

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	t = date_parse(s);
	if (t != DATE_NONE) {
		date_format(t, out, sizeof(out));
		if (date_parse(out) != t)
			abort();
	}
	free(s);
	return 0;
}
