/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_roles.c: who acts, who is targeted, how many, for how long.
 *
 * The actor is the state or body that is the subject of the sanctioning
 * verb: the nearest one before it that does not follow a preposition
 * ("on Iran"), or the one after "by" in the passive.  Targets follow the
 * verb or the sanctions word in its object ("on", "against", a direct
 * object), up to the first word that opens another clause ("for", "over",
 * "after", "said").  A country named anywhere else is only a mention.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"

/* An entity after one of these is an object, not the subject. */
static const char *const object_preps_words[] = {
	"on", "against", "targeting", "in", "with", "from", "to", "over", "for",
	"at", "into", "toward", "towards", "by", "about", "than", "between",
	"among", "including", "include", "includes", "sanctioning", NULL
};
static struct wordlist object_preps = WORDLIST(object_preps_words);

/* A target list ends where one of these opens another clause. */
static const char *const clause_breaks_words[] = {
	"for", "over", "because", "after", "amid", "said", "says", "say",
	"saying", "as", "which", "who", "while", "but", "despite", "following",
	"since", "when", "than", "if", "until", "unless", "whereas", "told",
	"according", "accused", "accusing", "alleging", "in response",
	"citing", "cited", "due", "under", "pursuant", "why", "where", "though",
	"although", "before", "during", "amid", "through", "via", "joining",
	"alongside", "like", "unlike", "echoing", "mirroring", NULL
};
static struct wordlist clause_breaks = WORDLIST(clause_breaks_words);

/* Bodies and states that usually impose: as a noun modifier ("US
 * sanctions") they act, where any other name ("Russia sanctions") is the
 * target. */
static const char *const usual_sanctioners[] = {
	"US", "EU", "UN", "GB", "CA", "AU", "JP", "CH", "NZ", "NO", NULL
};

/* Nouns that a target count qualifies: "13 foreign entities". */
static const char *const target_nouns_words[] = {
	"entities", "individuals", "people", "persons", "companies", "firms",
	"officials", "banks", "vessels", "ships", "tankers", "organizations",
	"organisations", "businesses", "oligarchs", "members", "lawmakers",
	"citizens", "nationals", "executives", "generals", "ministers",
	"groups", "networks", "aircraft", "targets", "names", "Americans",
	"senators", "judges", "officers", "commanders", "institutions",
	"enterprises", "subsidiaries", "ministries", "agencies", "airlines",
	"traders", "suppliers", "politicians", "figures", "leaders",
	"parliamentarians", "journalists", "MPs", "militants", "men", NULL
};
static struct wordlist target_nouns = WORDLIST(target_nouns_words);

static const char *const number_names[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", "twenty", NULL
};
static struct wordlist number_words = WORDLIST(number_names);

static int
code_in(const char *code, const char *const *list)
{
	for (; *list != NULL; list++)
		if (code_eq(code, *list))
			return 1;
	return 0;
}

/* Does this state or body usually impose, rather than suffer, sanctions? */
int
role_usual(const char *code)
{
	return code_in(code, usual_sanctioners);
}

static void
role_add(const char **v, size_t *n, const char *code)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (code_eq(v[i], code))
			return;
	if (*n < ROLE_MAX)
		v[(*n)++] = code;
}

static int
after_object_prep(const char *text, const struct sent *s,
    const struct hit *h)
{
	size_t	 pb, pe;

	pb = prev_word(text, s->from, h->from, &pe);
	return word_in(text, pb, pe, &object_preps);
}

int
is_clause_break(const char *text, size_t b, size_t e)
{
	return word_in(text, b, e, &clause_breaks);
}

/* Does text[a..b) hold a word that opens another clause? */
static int
has_break(const char *text, size_t a, size_t b)
{
	/* Spans come from matches that may overlap: an empty one has no break. */
	if (b <= a)
		return 0;
	return words_any(text, a, b, &clause_breaks) ||
	    memchr(text + a, ';', b - a) != NULL ||
	    memchr(text + a, ':', b - a) != NULL;
}

int
clause_break_between(const char *text, size_t a, size_t b)
{
	return has_break(text, a, b);
}

/* Only commas, "and" and articles between two names: one coordination. */
static int
coordinated(const char *text, size_t a, size_t b)
{
	static const char *const glue_words[] = { "and", "the", "s", "of",
	    NULL };
	static struct wordlist glue = WORDLIST(glue_words);
	size_t	 wb, we, i;

	for (i = a; i < b; i++)
		if (!is_word_byte((unsigned char)text[i]) && text[i] != ' ' &&
		    text[i] != ',' && text[i] != '\'')
			return 0;
	for (wb = next_word(text, a, b, &we); wb < we;
	    wb = next_word(text, we, b, &we))
		if (!word_in(text, wb, we, &glue))
			return 0;
	return 1;
}

/*
 * "Two Chinese nationals charged", "Iranian firms sanctioned": a country
 * that only says whose people or companies these are does not act.
 */
static int
names_members(const char *text, const struct sent *s, const struct hit *h)
{
	static const char *const members_words[] = {
		"national", "nationals", "citizen", "citizens", "man", "men",
		"woman", "women", "businessman", "businessmen", "businesswoman",
		"company", "companies", "firm", "firms", "entity", "entities",
		"individual", "individuals", "executive", "executives",
		"oligarch", "oligarchs", "tycoon", "tycoons", "trader",
		"traders", "smuggler", "smugglers", "shipping", "tanker",
		"tankers", "vessel", "vessels", "bank", "banks", "airline",
		"airlines", NULL
	};
	static struct wordlist members = WORDLIST(members_words);
	size_t	 wb, we;

	if (h->kind != LK_COUNTRY)
		return 0;
	wb = next_word(text, h->to, s->to, &we);
	return wb < we && word_in(text, wb, we, &members);
}

/* Entities joined to hit i by "and" or commas, walking back. */
static void
actors_before(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s, size_t vi)
{
	size_t		 i, last = (size_t)-1;
	const char	*code;

	for (i = vi; i-- > s->h0;) {
		code = hit_code(c, &hs->v[i]);
		if (code == NULL)
			continue;
		if (last != (size_t)-1 &&
		    !coordinated(text, hs->v[i].to, hs->v[last].from))
			break;
		if (after_object_prep(text, s, &hs->v[i]) && last == (size_t)-1)
			continue;
		if (names_members(text, s, &hs->v[i]) && last == (size_t)-1)
			continue;
		if (last != (size_t)-1 && after_object_prep(text, s, &hs->v[i]))
			break;
		role_add(s->actors, &s->nactors, code);
		last = i;
	}
}

/* "by the EU and the United States": the agents joined to hit i. */
static void
coordinated_after(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s, size_t i)
{
	size_t		 j, last = i;
	const char	*code;

	for (j = i + 1; j < s->h1; j++) {
		if ((code = hit_code(c, &hs->v[j])) == NULL)
			continue;
		if (!coordinated(text, hs->v[last].to, hs->v[j].from))
			break;
		role_add(s->actors, &s->nactors, code);
		last = j;
	}
}

/* The passive's agent: "were sanctioned by the US Treasury". */
static int
actor_by(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s, size_t vi)
{
	size_t		 i, wb, we;
	const char	*code;

	for (i = vi + 1; i < s->h1; i++) {
		if ((code = hit_code(c, &hs->v[i])) == NULL)
			continue;
		if (words_within(text, hs->v[vi].to, hs->v[i].from, 6) > 6)
			return 0;
		wb = prev_word(text, s->from, hs->v[i].from, &we);
		if (word_is(text, wb, we, "the"))
			wb = prev_word(text, s->from, wb, &we);
		if (!word_is(text, wb, we, "by"))
			continue;
		role_add(s->actors, &s->nactors, code);
		coordinated_after(c, text, hs, s, i);
		return 1;
	}
	return 0;
}

/* Is hit i a name right before a sanctions word ("EU sanctions")? */
static int
modifies_core(const char *text, const struct hits *hs, const struct sent *s,
    size_t i)
{
	size_t	 j;

	for (j = i + 1; j < s->h1 && hs->v[j].from <= hs->v[i].to + 2; j++)
		if (hs->v[j].kind == LK_CORE &&
		    words_between(text, hs->v[i].to, hs->v[j].from) == 0)
			return 1;
	return 0;
}

static void
targets_after(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s, size_t anchor)
{
	size_t		 i, from = anchor;
	const char	*code;

	for (i = s->h0; i < s->h1; i++) {
		if (hs->v[i].from < anchor)
			continue;
		if (hs->v[i].kind == LK_NAMED)
			code = c->lx.keys[LK_NAMED].v[hs->v[i].key];
		else if ((code = hit_code(c, &hs->v[i])) == NULL)
			continue;
		/* "adopts EU sanctions against Russia": EU's are the measures. */
		if (role_usual(code) && modifies_core(text, hs, s, i))
			continue;
		if (words_within(text, from, hs->v[i].from, 12) > 12 ||
		    has_break(text, from, hs->v[i].from))
			break;
		/*
		 * A country hit's code is one of the country keys: only the
		 * others need the look through them (a strcmp per key).
		 */
		if ((hs->v[i].kind != LK_COUNTRY &&
		    !strlist_has(&c->lx.keys[LK_COUNTRY], code)) ||
		    code_eq(code, "UN")) {
			from = hs->v[i].to;
			continue;
		}
		role_add(s->targets, &s->ntargets, code);
		from = hs->v[i].to;
	}
}

/*
 * "the UK's largest-ever sanctions", "Japan's sanctions": whose they are,
 * up to two words between.  Not "Iran's sanctions relief" or "Russia's
 * sanctions-hit economy", where the owner is the one who suffers them.
 */
static int
possessive_owner(const char *text, const struct hits *hs, const struct sent *s,
    size_t i)
{
	static const char *const suffer_words[] = {
		"relief", "hit", "evasion", "woes", "pain", "burden", "busting",
		"exposure", "exemption", "exemptions", "waiver", "waivers", NULL
	};
	static struct wordlist suffer = WORDLIST(suffer_words);
	const struct hit	*name = &hs->v[i - 1], *core = &hs->v[i];
	size_t			 wb, we;

	if (name->to + 2 > core->from || text[name->to] != '\'' ||
	    text[name->to + 1] != 's' || text[name->to + 2] != ' ')
		return 0;
	if (words_between(text, name->to + 2, core->from) > 2 ||
	    has_break(text, name->to + 2, core->from))
		return 0;
	wb = next_word(text, core->to, s->to, &we);
	return !(wb < we && word_in(text, wb, we, &suffer));
}

/* "Russia sanctions", "Iranian sanctions": a name modifying the noun. */
static void
modifier_roles(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s)
{
	size_t		 i;
	const char	*code;

	for (i = s->h0 + 1; i < s->h1; i++) {
		if (hs->v[i].kind != LK_CORE)
			continue;
		if (s->action != ACTION_CONDEMN && s->nactors == 0 &&
		    (code = hit_code(c, &hs->v[i - 1])) != NULL &&
		    possessive_owner(text, hs, s, i)) {
			role_add(s->actors, &s->nactors, code);
			continue;
		}
		if ((code = hit_code(c, &hs->v[i - 1])) == NULL ||
		    words_between(text, hs->v[i - 1].to, hs->v[i].from) > 0)
			continue;
		if (code_in(code, usual_sanctioners)) {
			/* "settles US sanctions charges": whose sanctions;
			 * "slams EU sanctions": whose are condemned. */
			if (s->action == ACTION_CONDEMN)
				role_add(s->targets, &s->ntargets, code);
			else if (s->nactors == 0)
				role_add(s->actors, &s->nactors, code);
		} else if ((s->nactors == 0 || !code_eq(s->actors[0], code)) &&
		    strlist_has(&c->lx.keys[LK_COUNTRY], code))
			role_add(s->targets, &s->ntargets, code);
	}
}

static void
drop_actor_targets(struct sent *s)
{
	size_t	 i, j, n = 0;
	int	 dup;

	for (i = 0; i < s->ntargets; i++) {
		dup = 0;
		for (j = 0; j < s->nactors; j++)
			if (code_eq(s->targets[i], s->actors[j]))
				dup = 1;
		if (!dup)
			s->targets[n++] = s->targets[i];
	}
	s->ntargets = n;
}

/*
 * "Dozens of Chinese firms added to U.S. blacklist": a headline's passive
 * with its auxiliary dropped.  Who was added stands before the verb and
 * is the target; whose list it is comes after.
 */
static int
added_to(const char *text, const struct hits *hs, const struct sent *s)
{
	const struct hit	*v = &hs->v[s->verb];
	size_t			 wb, we;

	if (!word_is(text, v->from, v->to, "added"))
		return 0;
	wb = next_word(text, v->to, s->to, &we);
	return word_is(text, wb, we, "to");
}

static void
targets_before(const struct classifier *c, const struct hits *hs,
    struct sent *s, size_t vi)
{
	size_t		 i;
	const char	*code;

	for (i = s->h0; i < vi; i++) {
		if (hs->v[i].kind == LK_NAMED)
			code = c->lx.keys[LK_NAMED].v[hs->v[i].key];
		else if ((code = hit_code(c, &hs->v[i])) == NULL)
			continue;
		if (strlist_has(&c->lx.keys[LK_COUNTRY], code) &&
		    !code_eq(code, "UN"))
			role_add(s->targets, &s->ntargets, code);
	}
	/* "... to US trade blacklist": a usual sanctioner owns the list. */
	for (i = vi + 1; i < s->h1; i++)
		if ((code = hit_code(c, &hs->v[i])) != NULL &&
		    role_usual(code)) {
			role_add(s->actors, &s->nactors, code);
			break;
		}
}

void
roles_find(const struct classifier *c, const char *text,
    const struct hits *hs, struct sent *s)
{
	size_t	 anchor;

	if (s->verb >= 0) {
		if (added_to(text, hs, s))
			targets_before(c, hs, s, (size_t)s->verb);
		else if (!actor_by(c, text, hs, s, (size_t)s->verb))
			actors_before(c, text, hs, s, (size_t)s->verb);
		anchor = hs->v[s->verb].to;
		/* "the UN embargo on Haiti takes effect": the object first. */
		if (s->core >= 0 && hs->v[s->core].to < hs->v[s->verb].from)
			anchor = hs->v[s->core].to;
		targets_after(c, text, hs, s, anchor);
		if (s->passive && hs->v[s->verb].kind == LK_CORE)
			actors_before(c, text, hs, s, (size_t)s->verb);
	} else if (s->core >= 0)
		targets_after(c, text, hs, s, hs->v[s->core].to);
	modifier_roles(c, text, hs, s);
	drop_actor_targets(s);
}

static int
number_at(const char *text, size_t b, size_t e)
{
	long	 n;

	if (isdigit((unsigned char)text[b])) {
		n = strtol(text + b, NULL, 10);
		return n > 0 && n < 100000 && e - b < 7 ? (int)n : -1;
	}
	return word_at(text, b, e, &number_words);
}

/* "sanctions against 13 foreign entities": the first counted target. */
long long
roles_count(const char *text, const struct sent *s, const struct hits *hs)
{
	size_t	 wb, we, nb, ne, k, from;
	int	 n;

	from = s->verb >= 0 ? hs->v[s->verb].from : s->from;
	for (wb = next_word(text, from, s->to, &we); wb < we;
	    wb = next_word(text, we, s->to, &we)) {
		if ((n = number_at(text, wb, we)) <= 0)
			continue;
		for (k = 0, nb = next_word(text, we, s->to, &ne);
		    k < 4 && nb < ne; k++, nb = next_word(text, ne, s->to, &ne))
			if (word_in(text, nb, ne, &target_nouns))
				return n;
	}
	return -1;
}

/* "two-year", "for six months": ISO 8601, or NULL. */
char *
roles_duration(const char *text, const struct sent *s)
{
	size_t	 wb, we, nb, ne;
	int	 n;
	char	*d, unit;

	if (!text_has(text, s->from, s->to, "year") &&
	    !text_has(text, s->from, s->to, "month"))
		return NULL;
	for (wb = next_word(text, s->from, s->to, &we); wb < we;
	    wb = next_word(text, we, s->to, &we)) {
		if (word_is(text, wb, we, "a") || word_is(text, wb, we, "an"))
			n = 1;
		else if ((n = number_at(text, wb, we)) <= 0 || n > 50)
			continue;
		nb = next_word(text, we, s->to, &ne);
		if (nb >= ne || nb - we > 1 || (text[we] != ' ' &&
		    text[we] != '-'))
			continue;
		if (word_is(text, nb, ne, "year") ||
		    word_is(text, nb, ne, "years"))
			unit = 'Y';
		else if (word_is(text, nb, ne, "month") ||
		    word_is(text, nb, ne, "months"))
			unit = 'M';
		else
			continue;
		/* "two years ago", "a year after": not how long. */
		nb = next_word(text, ne, s->to, &we);
		if (word_is(text, nb, we, "ago") || word_is(text, nb, we,
		    "after") || word_is(text, nb, we, "since") ||
		    word_is(text, nb, we, "of"))
			return NULL;
		xasprintf(&d, "P%d%c", n, unit);
		return d;
	}
	return NULL;
}
