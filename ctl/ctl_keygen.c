/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * ctl_keygen.c: sanctionctl keygen
 *
 * Print a new CURVE key pair in the key file format that sanctiond's
 * config and "sanctionctl sub --key" read.  The secret line is the secret:
 * write it to a file only its owner can read.
 */
#include <stdio.h>
#include <string.h>

#include <zmq.h>

#include "ctl.h"

int
ctl_keygen(int argc, char **argv)
{
	char	 pub[41], sec[41];

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: sanctionctl keygen\n");
		return 2;
	}
	if (zmq_curve_keypair(pub, sec) == -1) {
		fprintf(stderr, "sanctionctl: keygen: %s\n",
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	printf("# CURVE key pair made by sanctionctl keygen; keep it private\n"
	    WIRE_KEYFILE_FORMAT, pub, sec);
	return 0;
}
