/*
 * sanctionctl: the operator's tool.  Each subcommand lives in its own
 * ctl_NAME.c file; this table is the whole shape of the program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*usage;
} cmds[] = {
	{ "parse", ctl_parse, "parse [--sanctions-only] [FILE ...]" },
	{ "fetch", ctl_fetch, "fetch [--allow-private] [--timeout SECS] URL ..." },
	{ "sub", ctl_sub, "sub [-e ENDPOINT] [-r ENDPOINT] [-t PREFIX] "
	    "[--since SEQ] [--exec CMD] [--key FILE --server-key KEY]" },
	{ "import-opml", ctl_import_opml, "import-opml FILE" },
	{ "export-opml", ctl_export_opml, "export-opml [-c FILE]" },
	{ "keygen", ctl_keygen, "keygen" },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(stderr, "\tsanctionctl %s\n", cmds[i].usage);
	fprintf(stderr, "\tsanctionctl -V\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	size_t	 i;

	log_init(LOG_TO_STDERR, LOG_INFO);
	log_setprefix("sanctionctl");
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("sanctionctl %s\n", SANCTIOND_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "sanctionctl: unknown command: %s\n", argv[1]);
	usage();
}
