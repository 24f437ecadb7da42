/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_tables.c: the two data files read as plain tables, not as
 * phrases to match: groups.txt (a group's members act for it) and
 * owners.txt (the legal bases only one state or body uses).  Each row is
 * checked against the lexicon: a bad one is an error naming its file and
 * line, as for the phrase files.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"

/* Checks a key or a value of a row: NULL when fine, else what is wrong. */
typedef const char *(*table_check)(const struct classifier *, const char *);

struct table {
	const char	*name;
	table_check	 key_check, val_check;
};

static int
is_code(const char *s)
{
	return strlen(s) == 2 && isupper((unsigned char)s[0]) &&
	    isupper((unsigned char)s[1]);
}

static const char *
code_check(const struct classifier *c, const char *s)
{
	(void)c;
	return is_code(s) ? NULL : "not a two-letter code";
}

static const char *
group_check(const struct classifier *c, const char *s)
{
	return lexicon_key(&c->lx, LK_AUTHORITY, s) < 0 ?
	    "a group that is not a key of authorities.txt" : NULL;
}

static const char *
basis_check(const struct classifier *c, const char *s)
{
	return lexicon_key(&c->lx, LK_LEGAL, s) < 0 ?
	    "a legal basis that is not a key of legal.txt" : NULL;
}

static const struct table groups = { "groups.txt", group_check, code_check };
static const struct table owners = { "owners.txt", code_check, basis_check };

static char *
trimmed(char *s)
{
	char	*e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* "KEY<tab>value; value; ...": one (key, value) pair per value. */
static int
table_line(const struct classifier *c, char *line, const struct table *t,
    struct strlist *keys, struct strlist *vals, const char *where,
    char **errstr)
{
	char		*rest, *v, *next;
	const char	*why;
	int		 n = 0;

	rest = strchr(line, '\t') ? strchr(line, '\t') :
	    line + strcspn(line, " ");
	if (*rest != '\0')
		*rest++ = '\0';
	if ((why = t->key_check(c, line)) != NULL) {
		xasprintf(errstr, "%s: %s (\"%s\")", where, why, line);
		return -1;
	}
	for (v = rest; v != NULL; v = next) {
		if ((next = strchr(v, ';')) != NULL)
			*next++ = '\0';
		v = trimmed(v);
		if (*v == '\0')
			continue;
		if ((why = t->val_check(c, v)) != NULL) {
			xasprintf(errstr, "%s: %s (\"%s\")", where, why, v);
			return -1;
		}
		strlist_add(keys, line);
		strlist_add(vals, v);
		n++;
	}
	if (n == 0) {
		xasprintf(errstr, "%s: a key without values", where);
		return -1;
	}
	return 0;
}

struct table_arg {
	const struct classifier	*c;
	const struct table	*t;
	struct strlist		*keys, *vals;
};

static int
table_one(void *arg, char *line, const char *where, char **errstr)
{
	struct table_arg	*a = arg;

	return table_line(a->c, line, a->t, a->keys, a->vals, where, errstr);
}

static int
table_load(const struct classifier *c, const char *dir, const struct table *t,
    struct strlist *keys, struct strlist *vals, char **errstr)
{
	struct table_arg	 a = { c, t, keys, vals };

	return data_file_each(dir, t->name, table_one, &a, errstr);
}

int
tables_load(struct classifier *c, const char *dir, char **errstr)
{
	strlist_init(&c->group_key);
	strlist_init(&c->group_member);
	strlist_init(&c->owner_code);
	strlist_init(&c->owner_basis);
	if (table_load(c, dir, &groups, &c->group_key, &c->group_member,
	    errstr) == -1 || table_load(c, dir, &owners, &c->owner_code,
	    &c->owner_basis, errstr) == -1) {
		tables_free(c);
		return -1;
	}
	return 0;
}

void
tables_free(struct classifier *c)
{
	strlist_free(&c->group_key);
	strlist_free(&c->group_member);
	strlist_free(&c->owner_code);
	strlist_free(&c->owner_basis);
}
