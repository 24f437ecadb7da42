/* classify.c: placeholder until the classifier lands. */
#include <stdlib.h>
#include <string.h>

#include "parsers.h"

struct classifier {
	int	 unused;
};

static const char *action_names[] = {
	"none", "impose", "lift", "ease", "extend", "threaten", "demand",
	"condemn", "evade", "enforce"
};

const char *
action_name(enum sanction_action a)
{
	if ((size_t)a >= sizeof(action_names) / sizeof(action_names[0]))
		return "none";
	return action_names[a];
}

const char *
classifier_default_datadir(void)
{
	return NULL;
}

struct classifier *
classifier_load(const char *datadir, char **errstr)
{
	(void)datadir;
	(void)errstr;
	return xcalloc(1, sizeof(struct classifier));
}

void
classifier_free(struct classifier *c)
{
	free(c);
}

void
sanctions_init(struct sanctions *s)
{
	memset(s, 0, sizeof(*s));
	s->count = -1;
	strlist_init(&s->authorities);
	strlist_init(&s->countries);
	strlist_init(&s->named);
	strlist_init(&s->legal_basis);
	strlist_init(&s->measures);
	strlist_init(&s->evidence);
}

void
sanctions_free(struct sanctions *s)
{
	strlist_free(&s->authorities);
	strlist_free(&s->countries);
	strlist_free(&s->named);
	strlist_free(&s->legal_basis);
	strlist_free(&s->measures);
	strlist_free(&s->evidence);
	free(s->duration);
	sanctions_init(s);
}

void
classify(const struct classifier *c, const struct item *it,
    struct sanctions *s)
{
	(void)c;
	(void)it;
	sanctions_init(s);
}
