/*
 * daemon.h: the loop and its life cycle, the store, publishing, replay and
 * sanctionctl.  One section per source file.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <jansson.h>

#include "../common/common.h"
#include "../parsers/parsers.h"

/* json.c: the SPEC's item object. */
json_t		*item_json(const struct feed_meta *, const struct item *,
		    const struct sanctions *);
char		*json_line(json_t *);	/* compact, one line, no newline */

/* sanctionctl subcommands, one file each (ctl_NAME.c). */
int		 ctl_parse(int, char **);
int		 ctl_fetch(int, char **);
int		 ctl_sub(int, char **);
int		 ctl_import_opml(int, char **);

#endif
