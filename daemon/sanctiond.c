/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sanctiond: watch sanctions news feeds, store what is new and publish it.
 *
 * sanctiond never forks.  Under systemd (NOTIFY_SOCKET or JOURNAL_STREAM in
 * the environment) it logs with "<N>" priority prefixes for journald;
 * otherwise, or with -f, it logs human-readable lines on stderr.  Outside
 * systemd, run it under a supervisor of your choice.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"

#define SYNOPSIS	"usage: sanctiond [-fnV] [--once] [-c FILE]\n"

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, SYNOPSIS);
	exit(2);
}

/* -h, --help: on stdout, one line per option. */
static int
help(void)
{
	printf(SYNOPSIS "watch sanctions news feeds, store what is new and "
	    "publish it\n\noptions:\n"
	    "  -c FILE        the configuration (default %s)\n"
	    "  -f             stay in the foreground, log to stderr\n"
	    "  -n             check the configuration, print "
	    "\"configuration OK\"\n"
	    "  --once         poll every feed once, store, publish, exit\n"
	    "  -V, --version  print the version\n"
	    "  -h, --help     print this help\n", CONF_DEFAULT_PATH);
	return 0;
}

static enum log_target
choose_log_target(int foreground)
{
	if (foreground)
		return LOG_TO_STDERR;
	if (getenv("NOTIFY_SOCKET") != NULL)
		return LOG_TO_JOURNAL;
	return log_default_target();
}

/* -n: every error on its own line, or "configuration OK". */
static int
check_config(const char *path)
{
	struct daemon_conf	*conf;
	struct strlist		 errs;
	size_t			 i;

	strlist_init(&errs);
	conf = config_load(path, &errs);
	for (i = 0; i < errs.n; i++)
		fprintf(stderr, "%s\n", errs.v[i]);
	strlist_free(&errs);
	if (conf == NULL)
		return 1;
	config_free(conf);
	printf("configuration OK\n");
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon_conf	*conf;
	struct strlist		 errs;
	const char		*path = CONF_DEFAULT_PATH;
	int			 ch, foreground = 0, checkonly = 0, once = 0;
	size_t			 i;

	while ((ch = getopt_long(argc, argv, "c:fhnV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'f':
			foreground = 1;
			break;
		case 'h':
			return help();
		case 'n':
			checkonly = 1;
			break;
		case 'o':
			once = 1;
			break;
		case 'V':
			printf("sanctiond %s\n", SANCTIOND_VERSION);
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (checkonly)
		return check_config(path);

	log_init(choose_log_target(foreground), LOG_INFO);
	log_setprefix("sanctiond");
	strlist_init(&errs);
	if ((conf = config_load(path, &errs)) == NULL) {
		for (i = 0; i < errs.n; i++)
			log_warnx("%s", errs.v[i]);
		strlist_free(&errs);
		return 1;
	}
	strlist_free(&errs);
	log_setlevel(conf->log_level);
	return daemon_run(conf, once);
}
