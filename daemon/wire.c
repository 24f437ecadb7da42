/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * wire.c: the parts of the wire contract (wire.h) that are code: where the
 * replay endpoint is, and what a key file holds.  The daemon and
 * sanctionctl both call these, so they cannot disagree.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zmq.h>

#include "../common/common.h"
#include "daemon.h"
#include "wire.h"

/*
 * The replay endpoint that goes with a publish endpoint:
 * "tcp://host:7750" gives "tcp://host:7751", "ipc:///run/x" gives
 * "ipc:///run/x.replay".  NULL when there is no port to add one to.
 */
char *
wire_replay_endpoint(const char *publish)
{
	const char	*colon;
	char		*end, *r;
	long		 port;

	if (strncmp(publish, "ipc://", 6) == 0) {
		xasprintf(&r, "%s.replay", publish);
		return r;
	}
	if (strncmp(publish, "tcp://", 6) != 0 ||
	    (colon = strrchr(publish, ':')) == NULL || colon < publish + 6)
		return NULL;
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno != 0 || *end != '\0' || port < 1 || port >= 65535)
		return NULL;
	xasprintf(&r, "%.*s:%ld", (int)(colon - publish), publish, port + 1);
	return r;
}

/* A Z85 key of 40 characters into its 32 bytes; -1 when it is not one. */
int
curve_key_decode(const char *z85, uint8_t out[32])
{
	if (z85 == NULL || strlen(z85) != WIRE_KEY_Z85_LEN ||
	    zmq_z85_decode(out, z85) == NULL)
		return -1;
	return 0;
}

static int
key_line(const char *line, const char *name, char out[41])
{
	size_t	 n = strlen(name);

	if (strncmp(line, name, n) != 0)
		return 0;
	line += n;
	line += strspn(line, " \t");
	if (*line++ != '=')
		return 0;
	line += strspn(line, " \t");
	if (strcspn(line, " \t\r\n") != 40)
		return 0;
	memcpy(out, line, 40);
	out[40] = '\0';
	return 1;
}

/*
 * Read a key file as "sanctionctl keygen" writes it ("public = Z85" and
 * "secret = Z85" lines); either out may be NULL when not wanted.
 */
int
curve_keyfile_read(const char *path, char *pub, char *sec, char **err)
{
	struct stat	 st;
	FILE		*f;
	char		 line[256], p[41] = "", s[41] = "";
	uint8_t		 k[32];
	int		 fd;

	/* A FIFO here must not hang the start-up or a reload. */
	if ((fd = config_open_file(path, &st, err)) == -1)
		return -1;
	/* A secret key others can read is no longer a secret. */
	if (sec != NULL && (st.st_mode & (S_IRWXG | S_IRWXO))) {
		xasprintf(err, "%s: holds a secret key but is readable or "
		    "writable by group or others (mode %03o); chmod 600 it",
		    path, (unsigned int)(st.st_mode & 0777));
		close(fd);
		return -1;
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		xasprintf(err, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL)
		if (!key_line(line, "public", p))
			key_line(line, "secret", s);
	fclose(f);
	if ((pub != NULL && curve_key_decode(p, k) == -1) ||
	    (sec != NULL && curve_key_decode(s, k) == -1)) {
		xasprintf(err, "%s: no valid %s key line", path,
		    pub != NULL && curve_key_decode(p, k) == -1 ? "public" :
		    "secret");
		return -1;
	}
	if (pub != NULL)
		memcpy(pub, p, 41);
	if (sec != NULL)
		memcpy(sec, s, 41);
	return 0;
}
