/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * fuzz_html.c: HTML to text on anything; the result is folded, valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../parsers/parsers.h"
#include "fuzz_util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	s = html_to_text((const char *)data, size);
	fuzz_check_text(s);
	free(s);
	s = text_plain((const char *)data, size);
	fuzz_check_text(s);
	free(s);
	return 0;
}
