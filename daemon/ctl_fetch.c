/* ctl_fetch.c: placeholder until its issue lands. */
#include <stdio.h>

#include "daemon.h"

int
ctl_fetch(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "sanctionctl: fetch: not implemented yet\n");
	return 2;
}
