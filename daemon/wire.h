/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * wire.h: what sanctiond and sanctionctl agree on over ZeroMQ.  Both sides
 * include this header, so that the endpoints, the replay protocol's limits,
 * the topics and the key files cannot drift apart (doc/events.md is the
 * same contract for other clients).
 *
 * Publish socket (PUB): every event is two frames, a topic and the event's
 * JSON.  Topics: "sanctions.<action>.<AUTH>" for announcements alone,
 * "background.<action>.<AUTH>" for the rest of the sanctions coverage,
 * "news" for everything else, "feed.<state>" for a feed's health.
 *
 * Replay socket (ROUTER; a DEALER or REQ client, one request, one reply):
 *
 *   request  one frame, a JSON object:
 *            {"since": SEQ, "topics": ["sanctions.", ...], "limit": N}
 *            since: events with seq > SEQ (default 0); topics: prefixes,
 *            as for a SUB socket (default: all); limit: at most N events
 *            (default and ceiling WIRE_REPLAY_MAX_EVENTS).
 *   reply    one multipart message: for each event, a topic frame and a
 *            JSON frame, exactly as published; then an empty frame and an
 *            end object:
 *            {"end": true, "last": SEQ, "more": BOOL, "count": N,
 *             "publisher": ID}
 *            "last" is the seq the reply covers up to: ask again with it
 *            as "since" while "more" is true.  When since is older than
 *            what [daemon] retention kept, the end object adds
 *            "truncated": true and "pruned": SEQ, the last seq deleted.
 *            A bad request gets an empty frame and {"error": "why"}
 *            instead.
 *
 * Key files ("sanctionctl keygen"): two lines, "public = Z85" and
 * "secret = Z85", each key 40 characters of Z85 (32 bytes).
 */
#ifndef WIRE_H
#define WIRE_H

#include <stdint.h>

/* Endpoints: the replay endpoint is the publish endpoint's port + 1. */
#define WIRE_PUBLISH_DEFAULT	"tcp://127.0.0.1:7750"
#define WIRE_REPLAY_DEFAULT	"tcp://127.0.0.1:7751"

/* Topics (prefixes a SUB socket or a replay request may ask for). */
#define WIRE_TOPIC_ALERT	"sanctions."
#define WIRE_TOPIC_BACKGROUND	"background."
#define WIRE_TOPIC_NEWS		"news"
#define WIRE_TOPIC_FEED		"feed."

/* Replay limits. */
#define WIRE_REPLAY_MAX_EVENTS	500		/* per reply */
#define WIRE_REPLAY_MAX_BYTES	(256 * 1024)	/* per reply, or one event */
#define WIRE_REPLAY_MAX_TOPICS	32
#define WIRE_REPLAY_MAX_TOPIC_LEN 256
#define WIRE_REPLAY_MAX_REQUEST	65536	/* larger: the peer is disconnected */
/* A reply's frames: a topic and a JSON frame per event, the empty frame
 * and the end object. */
#define WIRE_REPLAY_REPLY_FRAMES (2 * WIRE_REPLAY_MAX_EVENTS + 2)

/* Largest frame a subscriber may send the PUB socket (a subscription). */
#define WIRE_SUB_MAX_FRAME	65536

/* Key files. */
#define WIRE_KEY_Z85_LEN	40
#define WIRE_KEYFILE_FORMAT	"public = %s\nsecret = %s\n"

/* wire.c */
char		*wire_replay_endpoint(const char *);
int		 curve_key_decode(const char *, uint8_t [32]);
int		 curve_keyfile_read(const char *, char *, char *, char **);

#endif
