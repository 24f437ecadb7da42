/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_metrics.c: the Prometheus exposition writer (HELP and label
 * escaping, values), the metrics address as the config reads it, and the
 * fetch counters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static void
test_writer(void)
{
	struct buf	 b;

	buf_init(&b);
	prom_head(&b, "sanctiond_x", "gauge", "a \\ and a\nnewline");
	t_streq(b.d, "# HELP sanctiond_x a \\\\ and a\\nnewline\n"
	    "# TYPE sanctiond_x gauge\n", "HELP: backslash and newline escaped");
	buf_reset(&b);
	prom_int(&b, "sanctiond_x", "feed", "a\"b\\c\nd", 42);
	t_streq(b.d, "sanctiond_x{feed=\"a\\\"b\\\\c\\nd\"} 42\n",
	    "label value: quote, backslash, newline escaped");
	buf_reset(&b);
	prom_int(&b, "sanctiond_x", NULL, NULL, -7);
	t_streq(b.d, "sanctiond_x -7\n", "no label: no braces");
	buf_reset(&b);
	prom_int(&b, "sanctiond_x", "v", "", 9007199254740993LL);
	t_streq(b.d, "sanctiond_x{v=\"\"} 9007199254740993\n",
	    "an empty label value; a counter past 2^53 exact");
	buf_reset(&b);
	prom_num(&b, "s", NULL, NULL, 0.25);
	prom_num(&b, "s", NULL, NULL, INFINITY);
	prom_num(&b, "s", NULL, NULL, -INFINITY);
	prom_num(&b, "s", NULL, NULL, NAN);
	prom_num(&b, "s", "le", "+Inf", 1e-3);
	t_streq(b.d, "s 0.25\ns +Inf\ns -Inf\ns NaN\ns{le=\"+Inf\"} 0.001\n",
	    "floats, infinities and NaN as Prometheus spells them");
	buf_free(&b);
}

static void
hostport(const char *in, const char *host, const char *port)
{
	char	*h, *p;
	int	 rv;

	rv = config_hostport(in, &h, &p);
	if (host == NULL)
		t_ok(rv == -1 && h == NULL && p == NULL, "\"%s\" refused", in);
	else {
		t_ok(rv == 0, "\"%s\" read", in);
		t_streq(h, host, "... its host");
		t_streq(p, port, "... its port");
	}
	free(h);
	free(p);
}

static void
test_hostport(void)
{
	hostport("127.0.0.1:7752", "127.0.0.1", "7752");
	hostport("[::1]:7752", "::1", "7752");
	hostport("localhost:0", "localhost", "0");
	hostport("0.0.0.0:9100", "0.0.0.0", "9100");
	hostport("127.0.0.1", NULL, NULL);
	hostport(":7752", NULL, NULL);
	hostport("127.0.0.1:7752/metrics", NULL, NULL);
	hostport("u:p@127.0.0.1:7752", NULL, NULL);
	hostport("127.0.0.1:7752?x", NULL, NULL);
	hostport("127.0.0.1:99999", NULL, NULL);
	hostport("http://127.0.0.1:7752", NULL, NULL);
	hostport("", NULL, NULL);
}

static void
test_counters(void)
{
	struct fetch_report	 r;
	const unsigned long	*hist;
	unsigned long		 ticks;
	double			 sum;

	memset(&counters, 0, sizeof(counters));
	memset(&r, 0, sizeof(r));
	r.status = FETCH_OK;
	r.sink.items = 5;
	r.sink.new_items = 2;
	metrics_fetch(&r);
	r.status = FETCH_ERR_HTTP_4XX;
	r.sink.items = r.sink.new_items = 0;
	metrics_fetch(&r);
	metrics_fetch(&r);
	t_inteq(counters.fetches[FETCH_OK], 1, "one ok fetch counted");
	t_inteq(counters.fetches[FETCH_ERR_HTTP_4XX], 2, "two http_4xx");
	t_inteq(counters.items, 5, "items of the document");
	t_inteq(counters.new_items, 2, "new items");
	t_ok(strcmp(fetch_status_name(FETCH_ERR_LOCAL), "unknown") != 0 &&
	    FETCH_ERR_LOCAL < METRICS_STATUSES,
	    "every fetch status has a counter");
	t_inteq(lag_histogram(NULL, &hist, &ticks, &sum), 0,
	    "no loop lag measured: no buckets");
}

int
main(void)
{
	test_writer();
	test_hostport();
	test_counters();
	return t_done();
}
