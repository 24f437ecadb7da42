/* ctl_sub.c: placeholder until its issue lands. */
#include <stdio.h>

#include "daemon.h"

int
ctl_sub(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "sanctionctl: sub: not implemented yet\n");
	return 2;
}
