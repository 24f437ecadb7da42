/* ctl_import_opml.c: placeholder until its issue lands. */
#include <stdio.h>

#include "daemon.h"

int
ctl_import_opml(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "sanctionctl: import_opml: not implemented yet\n");
	return 2;
}
