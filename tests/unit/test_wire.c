/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_wire.c: the wire contract's code, which the daemon's config and
 * "sanctionctl sub" share: the replay endpoint that goes with a publish
 * endpoint, and the defaults the two sides must agree on.
 */
#include <stdlib.h>
#include <string.h>

#include "../../daemon/daemon.h"
#include "../test.h"

static void
replay_is(const char *publish, const char *want)
{
	char	*got = wire_replay_endpoint(publish);

	t_streq(got, want, publish);
	free(got);
}

int
main(void)
{
	struct daemon_conf	*c;
	struct strlist		 errors;
	const char		*text = "[feed a]\nurl = https://example.org/\n";

	replay_is("tcp://127.0.0.1:7750", "tcp://127.0.0.1:7751");
	replay_is("tcp://[::1]:9000", "tcp://[::1]:9001");
	replay_is("tcp://host.example:1", "tcp://host.example:2");
	replay_is("ipc:///run/sanctiond/pub", "ipc:///run/sanctiond/pub.replay");
	replay_is("tcp://127.0.0.1:65535", NULL);
	replay_is("tcp://127.0.0.1:0", NULL);
	replay_is("tcp://127.0.0.1:77x", NULL);
	replay_is("tcp://127.0.0.1", NULL);
	replay_is("tcp://", NULL);
	replay_is("inproc://x", NULL);

	/* The daemon's defaults are the client's. */
	replay_is(WIRE_PUBLISH_DEFAULT, WIRE_REPLAY_DEFAULT);
	t_ok(strcmp(CONF_DEFAULT_PUBLISH, WIRE_PUBLISH_DEFAULT) == 0,
	    "the daemon publishes where the client looks by default");
	strlist_init(&errors);
	c = config_parse("t.conf", text, strlen(text), &errors);
	if (t_ok(c != NULL, "a config without [daemon] parses (%s)",
	    errors.n ? errors.v[0] : "ok")) {
		t_streq(c->publish, WIRE_PUBLISH_DEFAULT, "default publish");
		t_streq(c->replay, WIRE_REPLAY_DEFAULT, "default replay");
		config_free(c);
	}
	strlist_free(&errors);
	return t_done();
}
