/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sanctionctl: the operator's tool.  Each subcommand lives in its own
 * ctl_NAME.c file; this table is the whole shape of the program, and its
 * help: "sanctionctl CMD -h" (or --help, anywhere before "--") prints the
 * row's synopsis and option lines on stdout.  A new subcommand is one row.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "ctl.h"

/*
 * Built twice.  sanctionctl-full runs every command.  sanctionctl, the
 * front (CTL_FRONT), runs parse and article itself and hands every other
 * command to sanctionctl-full with exec: linked with what those two call
 * alone (libxml2, Vectorscan, ...), it starts without loading libcurl,
 * libzmq, SQLite or libevent and their dependencies (ldd: 52 shared
 * objects, 13 without; perf stat of "parse" on an empty feed: 13.6 ms
 * of CPU, 7.6 ms without, before the lexicon and model cuts).
 */
#ifdef CTL_FRONT
static int	 exec_full(int, char **);
#define FULL(fn)	exec_full
#else
#define FULL(fn)	fn
#endif

#define SUGGEST_MAX	2	/* edits between a typo and a suggestion */
#define HELP_LINE	"-h, --help\tprint this help"
#define VERSION_LINE	"-V, --version\tprint the version"

/*
 * options: one line per option, "OPTION\tWHAT IT DOES", lines separated
 * by "\n"; -h, --help is added to every list.
 */
static const struct cmd {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*usage;
	const char	*summary;
	const char	*options;
} cmds[] = {
	{ "parse", ctl_parse, "parse [--sanctions-only] [--url URL] [FILE ...]",
	    "parse and classify feed documents, print one JSON object per item",
	    "--sanctions-only\tprint only items about sanctions\n"
	    "--url URL\tread the documents as fetched from URL (relative "
	    "links)\n"
	    "FILE\ta feed document; \"-\" or none: standard input" },
	{ "article", ctl_article, "article [--url URL] [FILE ...]",
	    "extract the article of saved HTML pages, one JSON object each",
	    "--url URL\tthe page's address, for its links and as its url\n"
	    "FILE\tan HTML page; \"-\" or none: standard input" },
	{ "fetch", FULL(ctl_fetch), "fetch [--allow-private] [--timeout SECS] URL ...",
	    "fetch feeds with the daemon's engine, print their items as parse",
	    "--allow-private\tallow loopback and private addresses\n"
	    "--timeout SECS\tgive up on a feed after SECS (90s, 2m, ...)\n"
	    "URL\ta feed's http or https address" },
	{ "sub", FULL(ctl_sub), "sub [-e ENDPOINT] [-r ENDPOINT] [-t PREFIX] "
	    "[--since SEQ] [--exec CMD] [--key FILE --server-key KEY] [--wait]\n"
	    "\t    [--country CC] [--authority CODE] [--action NAME] "
	    "[--min-score F]\n\t    [--named REGEX] [--announcements]",
	    "subscribe to the daemon's events, print them as JSON Lines",
	    "-e ENDPOINT\tthe daemon's publish endpoint "
	    "(default tcp://127.0.0.1:7750)\n"
	    "-r ENDPOINT\tits replay endpoint (default: the -e port plus one)\n"
	    "-t PREFIX\tonly topics starting with PREFIX (repeatable)\n"
	    "--since SEQ\tfirst replay the stored events after SEQ\n"
	    "--exec CMD\trun CMD per event, the event JSON on its stdin\n"
	    "--key FILE\tour CURVE key pair (from sanctionctl keygen)\n"
	    "--server-key KEY\tthe daemon's CURVE public key, or its key file\n"
	    "--wait\twait for the daemon instead of exiting with status 3\n"
	    "--country CC\tonly items targeting CC (repeatable)\n"
	    "--authority CODE\tonly items by CODE (US, EU, UN, ...; repeatable)\n"
	    "--action NAME\tonly items whose action is NAME (repeatable)\n"
	    "--min-score F\tonly items scoring F or more\n"
	    "--named REGEX\tonly items with a named target matching REGEX\n"
	    "--announcements\tonly announcements" },
	{ "relay", FULL(ctl_relay), "relay --webhook URL [--secret-file F] "
	    "[--state FILE] [--template slack|teams|ntfy] + sub's options",
	    "POST each event to a webhook, in seq order, at least once",
	    "--webhook URL\twhere to POST each event's JSON\n"
	    "--secret-file F\tsign bodies: X-Sanctiond-Signature: sha256=HMAC\n"
	    "--state FILE\tkeep the last delivered seq here; resume from it\n"
	    "--template NAME\tslack, teams or ntfy instead of the event JSON\n"
	    "SUB-OPTIONS\tevery option of sub (-e, -r, -t, filters, keys)" },
	{ "import-opml", FULL(ctl_import_opml), "import-opml FILE",
	    "print an OPML subscription list as [feed NAME] config sections",
	    "FILE\tthe OPML file" },
	{ "export-opml", FULL(ctl_export_opml), "export-opml [-c FILE]",
	    "print the configured feeds as an OPML 2.0 subscription list",
	    "-c FILE\tthe config (default /etc/sanctiond/sanctiond.conf)" },
	{ "keygen", FULL(ctl_keygen), "keygen",
	    "print a new CURVE key pair (a key file)", NULL },
	{ "status", FULL(ctl_status), "status [-c FILE] [--json] [--check]",
	    "ask the running daemon for its state and its feeds' health",
	    "-c FILE\tthe daemon's config (default /etc/sanctiond/sanctiond.conf)\n"
	    "--json\tone JSON object instead of a table\n"
	    "--check\tprint nothing; exit 0 all ok, 1 a feed not ok, 2 no daemon" },
	{ "backup", FULL(ctl_backup), "backup [-c FILE] [--force] OUTFILE",
	    "copy the daemon's state file, consistently, while it runs",
	    "-c FILE\tthe daemon's config (default /etc/sanctiond/sanctiond.conf)\n"
	    "--force\treplace OUTFILE if it exists\n"
	    "OUTFILE\tthe copy (mode 0600), one SQLite file" },
};
#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

#ifdef CTL_FRONT
static char	**main_argv;

/*
 * The full program beside this one (the build tree), else where make
 * install puts it; argv as given, so it runs exactly as if called.
 */
static int
exec_full(int argc, char **argv)
{
	char	 self[PATH_MAX], path[PATH_MAX + 32], *slash;
	ssize_t	 n;

	(void)argc;
	(void)argv;
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/sanctionctl-full",
			    self);
			execv(path, main_argv);
		}
	}
	execv(LIBEXECDIR "/sanctionctl-full", main_argv);
	fprintf(stderr, "sanctionctl: %s: %s\n", LIBEXECDIR
	    "/sanctionctl-full", strerror(errno));
	return 1;
}
#endif

static void
option_line(FILE *fp, const char *opt, size_t len)
{
	const char	*tab;

	if ((tab = memchr(opt, '\t', len)) == NULL)
		fprintf(fp, "  %.*s\n", (int)len, opt);
	else
		fprintf(fp, "  %-20.*s %.*s\n", (int)(tab - opt), opt,
		    (int)(len - (tab + 1 - opt)), tab + 1);
}

static void
print_options(FILE *fp, const char *list)
{
	size_t	 len;

	while (list != NULL && *list != '\0') {
		len = strcspn(list, "\n");
		option_line(fp, list, len);
		list += len + (list[len] == '\n');
	}
	option_line(fp, HELP_LINE, strlen(HELP_LINE));
}

static int
help(const struct cmd *c)
{
	printf("usage: sanctionctl %s\n%s\n\noptions:\n", c->usage, c->summary);
	print_options(stdout, c->options);
	return 0;
}

static void
usage(FILE *fp)
{
	size_t	 i;

	fprintf(fp, "usage: sanctionctl COMMAND [OPTION ...]\n\n"
	    "commands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "  %-12s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(fp, "\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "  sanctionctl %s\n", cmds[i].usage);
	fprintf(fp, "\noptions:\n");
	option_line(fp, VERSION_LINE, strlen(VERSION_LINE));
	option_line(fp, HELP_LINE, strlen(HELP_LINE));
	fprintf(fp, "\n\"sanctionctl COMMAND --help\" lists a command's "
	    "options.\n");
}

/* Optimal string alignment distance: a swap of neighbours is one edit. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, d, best;
	size_t	*m;

	m = xcalloc((la + 1) * (lb + 1), sizeof(*m));
#define M(x, y)	m[(x) * (lb + 1) + (y)]
	for (i = 0; i <= la; i++)
		M(i, 0) = i;
	for (j = 0; j <= lb; j++)
		M(0, j) = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			best = M(i - 1, j - 1) + (a[i - 1] != b[j - 1]);
			if ((d = M(i - 1, j) + 1) < best)
				best = d;
			if ((d = M(i, j - 1) + 1) < best)
				best = d;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] &&
			    (d = M(i - 2, j - 2) + 1) < best)
				best = d;
			M(i, j) = best;
		}
	d = M(la, lb);
#undef M
	free(m);
	return d;
}

static int
unknown(const char *name)
{
	size_t	 i, d, best = SUGGEST_MAX + 1, which = 0;

	for (i = 0; i < NCMDS; i++)
		if ((d = distance(name, cmds[i].name)) < best) {
			best = d;
			which = i;
		}
	if (best <= SUGGEST_MAX)
		fprintf(stderr, "sanctionctl: unknown command \"%s\"; did you "
		    "mean \"%s\"?\n", name, cmds[which].name);
	else
		fprintf(stderr, "sanctionctl: unknown command \"%s\" "
		    "(sanctionctl --help lists them)\n", name);
	return CTL_EXIT_USAGE;
}

/* -h or --help among a subcommand's options (not after "--"). */
static int
wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	size_t	 i;

#ifdef CTL_FRONT
	main_argv = argv;
#endif
	log_init(LOG_TO_STDERR, LOG_INFO);
	log_setprefix("sanctionctl");
	if (argc < 2) {
		usage(stderr);
		return CTL_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("sanctionctl %s\n", SANCTIOND_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "sanctionctl: unknown option %s "
		    "(sanctionctl --help lists the commands)\n", argv[1]);
		return CTL_EXIT_USAGE;
	}
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(argv[1], cmds[i].name) != 0)
			continue;
		if (wants_help(argc - 1, argv + 1))
			return help(&cmds[i]);
		return cmds[i].fn(argc - 1, argv + 1);
	}
	return unknown(argv[1]);
}
