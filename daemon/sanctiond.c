/* sanctiond: placeholder main until the daemon issue lands. */
#include <stdio.h>
#include <string.h>

#include "daemon.h"

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "-V") == 0) {
		printf("sanctiond %s\n", SANCTIOND_VERSION);
		return 0;
	}
	fprintf(stderr, "sanctiond %s: the daemon is not built yet\n",
	    SANCTIOND_VERSION);
	return 1;
}
