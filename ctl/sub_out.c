/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sub_out.c: what "sanctionctl sub" does with each event: a JSON line when
 * stdout is a pipe or file, one readable line per alert on a terminal, and
 * --exec CMD with the JSON on its standard input.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl.h"

static void
targets(struct buf *b, json_t *sanctions, const char *sep)
{
	json_t	*t = json_object_get(sanctions, "targets");

	json_join(b, json_object_get(t, "countries"), sep);
	json_join(b, json_object_get(t, "named"), sep);
}

/* "2026-11-23T04:05:06Z" -> "2026-11-23 04:05:06" */
static void
when(char *out, size_t len, const char *ts)
{
	snprintf(out, len, "%.10s %.8s", ts, strlen(ts) > 11 ? ts + 11 : "");
}

static void
human_line(struct buf *b, json_t *o)
{
	json_t		*sn = json_object_get(o, "sanctions");
	json_t		*item = json_object_get(o, "item");
	struct buf	 who;
	char		 ts[32];

	when(ts, sizeof(ts), json_str(o, "ts"));
	if (strcmp(json_str(o, "type"), "feed") == 0) {
		buf_printf(b, "%s  feed %s  %s: %s", ts, json_str(o, "state"),
		    json_str(json_object_get(o, "feed"), "name"),
		    json_str(o, "message"));
		return;
	}
	if (!json_is_true(json_object_get(sn, "relevant"))) {
		buf_printf(b, "%s  news  %s  %s", ts, json_str(item, "title"),
		    json_str(item, "link"));
		return;
	}
	buf_init(&who);
	json_join(&who, json_object_get(sn, "authorities"), ",");
	buf_printf(b, "%s  %s  %s -> ", ts, json_str(sn, "action"),
	    who.len ? who.d : "?");
	buf_reset(&who);
	targets(&who, sn, ", ");
	buf_printf(b, "%s  %s  %s", who.len ? who.d : "?",
	    json_str(item, "title"), json_str(item, "link"));
	buf_free(&who);
}

/*
 * Print one event; -1 when stdout is gone.  A pipe gets the JSON, whose
 * strings jansson escaped; a terminal gets text from outside (titles,
 * links, a server's words in a message), escaped as the log does, so that
 * no feed can send the terminal an escape sequence.
 */
int
sub_print(const char *json, int tty)
{
	struct buf	 b, safe;
	json_t		*o;

	if (!tty) {
		fputs(json, stdout);
	} else {
		buf_init(&b);
		buf_init(&safe);
		buf_adds(&safe, "");
		if ((o = json_loads(json, 0, NULL)) != NULL) {
			human_line(&b, o);
			json_decref(o);
			log_escape(&safe, b.d);
		} else
			log_escape(&safe, json);
		fputs(safe.d, stdout);
		buf_free(&safe);
		buf_free(&b);
	}
	fputc('\n', stdout);
	return fflush(stdout) == EOF ? -1 : 0;
}

static void
exec_env(const char *json)
{
	json_t		*o, *sn;
	struct buf	 b;

	if ((o = json_loads(json, 0, NULL)) == NULL)
		return;
	sn = json_object_get(o, "sanctions");
	buf_init(&b);
	setenv("SANCTION_ACTION", json_str(sn, "action"), 1);
	json_join(&b, json_object_get(sn, "authorities"), ",");
	setenv("SANCTION_AUTHORITIES", b.len ? b.d : "", 1);
	buf_reset(&b);
	targets(&b, sn, ",");
	setenv("SANCTION_TARGETS", b.len ? b.d : "", 1);
	buf_reset(&b);
	buf_printf(&b, "%lld",
	    (long long)json_integer_value(json_object_get(o, "seq")));
	setenv("SANCTION_SEQ", b.d, 1);
	buf_free(&b);
	json_decref(o);
}

static void
write_all(int fd, const char *s, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return;	/* EPIPE: CMD did not want it all */
		s += n;
		len -= n;
	}
}

/*
 * Run cmd through /bin/sh with the event on its standard input and the
 * SANCTION_* variables in its environment.  A failing cmd is reported and
 * the subscription goes on.
 */
int
sub_exec(const char *cmd, const char *json, long long seq)
{
	int	 p[2], status;
	pid_t	 pid;

	if (pipe(p) == -1) {
		log_warn("--exec: pipe");
		return -1;
	}
	if ((pid = fork()) == -1) {
		log_warn("--exec: fork");
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		close(p[1]);
		if (dup2(p[0], STDIN_FILENO) == -1)
			_exit(126);
		close(p[0]);
		exec_env(json);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	write_all(p[1], json, strlen(json));
	write_all(p[1], "\n", 1);
	close(p[1]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			log_warn("--exec: waitpid");
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		log_warnx("--exec \"%s\" exited with status %d for seq %lld",
		    cmd, WEXITSTATUS(status), seq);
	else
		log_warnx("--exec \"%s\" killed by signal %d for seq %lld",
		    cmd, WTERMSIG(status), seq);
	return -1;
}
