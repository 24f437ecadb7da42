/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * sub_filter.c: the item filters of "sanctionctl sub" and "relay":
 * --country CC, --authority CODE, --action NAME, --min-score F, --named
 * REGEX and --announcements.  Repeats of one option OR together; different
 * options AND.  Everything is checked when the option is read, so a typo
 * stops the program at start instead of filtering out every event.
 *
 * A feed event (type "feed") carries no item, so an item filter would drop
 * it; it passes only when the user also asked for feed events by name with
 * a -t PREFIX beginning with "feed".  Without item filters every event
 * passes, as before.
 */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl.h"

#define FILTER_MAX_NAMED	32

struct sub_filter {
	struct strlist	 countries;
	struct strlist	 authorities;
	struct strlist	 actions;
	regex_t		 named[FILTER_MAX_NAMED];
	size_t		 nnamed;
	double		 min_score;	/* < 0: none */
	int		 announcements;
	int		 feeds;		/* -t feed...: feed events pass */
};

struct sub_filter *
sub_filter_new(void)
{
	struct sub_filter	*f;

	f = xcalloc(1, sizeof(*f));
	strlist_init(&f->countries);
	strlist_init(&f->authorities);
	strlist_init(&f->actions);
	f->min_score = -1;
	return f;
}

void
sub_filter_free(struct sub_filter *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	strlist_free(&f->countries);
	strlist_free(&f->authorities);
	strlist_free(&f->actions);
	for (i = 0; i < f->nnamed; i++)
		regfree(&f->named[i]);
	free(f);
}

/* An ISO code or a body's name, upper-cased: letters, digits, '_', '-'. */
static int
code(const char *v, size_t min, size_t max, char *out)
{
	size_t	 i, n = strlen(v);

	if (n < min || n > max)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)v[i]) && v[i] != '_' &&
		    v[i] != '-')
			return -1;
		out[i] = toupper((unsigned char)v[i]);
	}
	out[n] = '\0';
	return 0;
}

static int
add_action(struct sub_filter *f, const char *v, char **err)
{
	int	 a;

	for (a = 0; a <= ACTION_ENFORCE; a++)
		if (strcasecmp(v, action_name(a)) == 0) {
			strlist_add_unique(&f->actions, action_name(a));
			return 0;
		}
	xasprintf(err, "--action %s: not an action (impose lift ease extend "
	    "threaten demand condemn evade enforce none)", v);
	return -1;
}

static int
set_score(struct sub_filter *f, const char *v, char **err)
{
	char	*end;
	double	 d;

	d = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(d) || d < 0 || d > 1) {
		xasprintf(err, "--min-score %s: not a score from 0 to 1", v);
		return -1;
	}
	if (f->min_score >= 0) {
		xasprintf(err, "--min-score %s: given twice", v);
		return -1;
	}
	f->min_score = d;
	return 0;
}

static int
add_named(struct sub_filter *f, const char *v, char **err)
{
	char	 msg[256];
	int	 rc;

	if (f->nnamed == FILTER_MAX_NAMED) {
		xasprintf(err, "--named %s: more than %d given", v,
		    FILTER_MAX_NAMED);
		return -1;
	}
	rc = regcomp(&f->named[f->nnamed], v,
	    REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &f->named[f->nnamed], msg, sizeof(msg));
		regfree(&f->named[f->nnamed]);
		xasprintf(err, "--named %s: %s", v, msg);
		return -1;
	}
	f->nnamed++;
	return 0;
}

/*
 * Read one filter option ("country", "authority", ...; v NULL for a flag).
 * Returns -1 with *err set for a bad value.
 */
int
sub_filter_option(struct sub_filter *f, const char *opt, const char *v,
    char **err)
{
	char	 c[17];

	if (strcmp(opt, "country") == 0) {
		if (code(v, 2, 2, c) == -1 || !isalpha((unsigned char)c[0]) ||
		    !isalpha((unsigned char)c[1])) {
			xasprintf(err, "--country %s: not an ISO 3166-1 "
			    "alpha-2 code", v);
			return -1;
		}
		strlist_add_unique(&f->countries, c);
	} else if (strcmp(opt, "authority") == 0) {
		if (code(v, 1, sizeof(c) - 1, c) == -1) {
			xasprintf(err, "--authority %s: not an authority code "
			    "(US, EU, UN, ...)", v);
			return -1;
		}
		strlist_add_unique(&f->authorities, c);
	} else if (strcmp(opt, "action") == 0)
		return add_action(f, v, err);
	else if (strcmp(opt, "min-score") == 0)
		return set_score(f, v, err);
	else if (strcmp(opt, "named") == 0)
		return add_named(f, v, err);
	else if (strcmp(opt, "announcements") == 0)
		f->announcements = 1;
	else
		fatalx("%s: not a filter option", opt);
	return 0;
}

/* The -t prefixes: one that names feed events lets them through. */
void
sub_filter_topics(struct sub_filter *f, const struct strlist *topics)
{
	size_t	 i;

	for (i = 0; i < topics->n; i++)
		if (strncmp(topics->v[i], "feed", 4) == 0)
			f->feeds = 1;
}

int
sub_filter_active(const struct sub_filter *f)
{
	return f->countries.n > 0 || f->authorities.n > 0 ||
	    f->actions.n > 0 || f->nnamed > 0 || f->min_score >= 0 ||
	    f->announcements;
}

/* Some string of the array is in the list, case aside. */
static int
any_in(json_t *a, const struct strlist *l)
{
	json_t		*v;
	size_t		 i, j;

	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		for (j = 0; j < l->n; j++)
			if (strcasecmp(json_string_value(v), l->v[j]) == 0)
				return 1;
	}
	return 0;
}

static int
any_named(const struct sub_filter *f, json_t *a)
{
	json_t		*v;
	size_t		 i, j;

	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		for (j = 0; j < f->nnamed; j++)
			if (regexec(&f->named[j], json_string_value(v), 0,
			    NULL, 0) == 0)
				return 1;
	}
	return 0;
}

/* 1 when the event passes every filter given. */
int
sub_filter_pass(const struct sub_filter *f, json_t *ev)
{
	json_t		*sn, *t, *score;
	const char	*type, *action;

	if (f == NULL || !sub_filter_active(f))
		return 1;
	type = json_string_value(json_object_get(ev, "type"));
	if (type == NULL || strcmp(type, "item") != 0)
		return f->feeds;
	sn = json_object_get(ev, "sanctions");
	t = json_object_get(sn, "targets");
	if (f->announcements &&
	    !json_is_true(json_object_get(sn, "announcement")))
		return 0;
	if (f->countries.n > 0 &&
	    !any_in(json_object_get(t, "countries"), &f->countries))
		return 0;
	if (f->authorities.n > 0 &&
	    !any_in(json_object_get(sn, "authorities"), &f->authorities))
		return 0;
	action = json_string_value(json_object_get(sn, "action"));
	if (f->actions.n > 0 && (action == NULL ||
	    !strlist_has(&f->actions, action)))
		return 0;
	score = json_object_get(sn, "score");
	if (f->min_score >= 0 && (!json_is_number(score) ||
	    json_number_value(score) < f->min_score))
		return 0;
	if (f->nnamed > 0 && !any_named(f, json_object_get(t, "named")))
		return 0;
	return 1;
}
