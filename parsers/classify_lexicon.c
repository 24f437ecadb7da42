/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_lexicon.c: the data files -> one Vectorscan database.
 *
 * Plain phrases go into one literal database (quick to compile, even with
 * a few thousand phrases), "re:" phrases into a small regex database; both
 * are compiled once at load time and a scan runs both over the text, which
 * classify.c has folded (one space between words, plain apostrophes).  A
 * scan reports (kind, key, start, end) for each whole-word match: word
 * boundaries are checked here rather than with \b, which is costly with
 * start-of-match reporting.
 *
 * Compiling costs a fifth of a second (seconds under valgrind), so the
 * build ("make", tests/hsdb_build.c) serializes the databases into
 * lexicon.hsdb in the data directory, and a load takes them from there when
 * the cache was built from the same patterns by the same Vectorscan for the
 * same CPU features; otherwise it compiles them in memory.  Nothing here
 * writes the data directory at run time: it may be read-only (installed).
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "classify_int.h"

static const char *lex_files[LK_NKINDS] = {
	"countries.txt", "authorities.txt", "core.txt", "actions.txt",
	"measures.txt", "legal.txt", "negative.txt", "modality.txt",
	"named.txt"
};

/* What the loader collects before compiling. */
struct lex_set {
	struct strlist	 exprs;
	unsigned int	*flags;
	unsigned int	*ids;
	size_t		*lens;
	size_t		 cap;
};

struct lex_build {
	struct lex_set	 sets[LEX_NDB];
	struct strlist	 where;		/* "file:line" of each pattern */
	size_t		 cap;
	struct buf	 inputs;	/* inputs_make(), before pruning */
};


static int
key_index(struct strlist *keys, const char *k)
{
	size_t	 i;

	for (i = 0; i < keys->n; i++)
		if (strcmp(keys->v[i], k) == 0)
			return (int)i;
	strlist_add(keys, k);
	return (int)keys->n - 1;
}

static void
set_add(struct lex_set *set, const char *p, size_t len, unsigned int fl,
    unsigned int id)
{
	if (set->exprs.n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 256;
		set->flags = xreallocarray(set->flags, set->cap,
		    sizeof(*set->flags));
		set->ids = xreallocarray(set->ids, set->cap, sizeof(*set->ids));
		set->lens = xreallocarray(set->lens, set->cap,
		    sizeof(*set->lens));
	}
	set->flags[set->exprs.n] = fl;
	set->ids[set->exprs.n] = id;
	set->lens[set->exprs.n] = len;
	strlist_addn(&set->exprs, p, len);
}

static void
add_phrase(struct lexicon *lx, struct lex_build *b, enum lex_kind kind,
    int key, const char *p, size_t len, const char *where)
{
	unsigned int	 fl = HS_FLAG_SOM_LEFTMOST | HS_FLAG_CASELESS;
	unsigned int	 id = (unsigned int)b->where.n;

	if (len > 0 && p[0] == '=') {
		fl &= ~HS_FLAG_CASELESS;
		p++;
		len--;
	}
	if (b->where.n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		lx->pats = xreallocarray(lx->pats, b->cap, sizeof(*lx->pats));
	}
	lx->pats[id].kind = kind;
	lx->pats[id].key = key;
	lx->pats[id].prefix = 0;
	lx->pats[id].nosom = 0;
	lx->pats[id].len = 0;
	strlist_add(&b->where, where);
	if (len > 3 && strncmp(p, "re:", 3) == 0) {
		/*
		 * Start of match costs much of the compile and scan time; the
		 * rules need only where a regex phrase ends, and its last word.
		 */
		fl &= ~HS_FLAG_SOM_LEFTMOST;
		lx->pats[id].nosom = 1;
		set_add(&b->sets[LEX_RE], p + 3, len - 3, fl, id);
		return;
	}
	if (len > 1 && p[len - 1] == '*') {
		lx->pats[id].prefix = 1;
		len--;
	}
	/* A literal's start is its end less its length: no SOM to track. */
	fl &= ~HS_FLAG_SOM_LEFTMOST;
	lx->pats[id].len = len;
	/*
	 * The trigger holds the core phrases and, for the core regexes, the
	 * words they end on (core.txt's "trigger" key); those words anchor
	 * the regex scan too, and are dropped after it.
	 */
	set_add(&b->sets[LEX_LIT], p, len, fl, id);
	if (kind == LK_CORE)
		set_add(&b->sets[LEX_TRIGGER_LIT], p, len, fl, id);
}

static size_t
trim(const char **p, size_t len)
{
	while (len > 0 && (**p == ' ' || **p == '\t')) {
		(*p)++;
		len--;
	}
	while (len > 0 && ((*p)[len - 1] == ' ' || (*p)[len - 1] == '\t' ||
	    (*p)[len - 1] == '\r'))
		len--;
	return len;
}

/* "KEY<ws>phrase; phrase; ..." */
static int
load_line(struct lexicon *lx, struct lex_build *b, enum lex_kind kind,
    char *line, const char *where, char **errstr)
{
	char		*k, *rest, *semi;
	const char	*p;
	size_t		 len;
	int		 key, n = 0;

	/* The key ends at the first tab, or at the first space if none. */
	k = line;
	rest = strchr(k, '\t') ? strchr(k, '\t') : k + strcspn(k, " ");
	if (*rest == '\0') {
		xasprintf(errstr, "%s: a key without phrases", where);
		return -1;
	}
	*rest++ = '\0';
	key = key_index(&lx->keys[kind], k);
	while (*rest != '\0') {
		semi = strchr(rest, ';');
		/* A regular expression may hold ';' only as the last phrase. */
		p = rest;
		len = semi ? (size_t)(semi - rest) : strlen(rest);
		len = trim(&p, len);
		if ((len >= 3 && strncmp(p, "re:", 3) == 0) ||
		    (len >= 4 && strncmp(p, "=re:", 4) == 0))
			semi = NULL, len = trim(&p, strlen(p));
		if (len > 0) {
			add_phrase(lx, b, kind, key, p, len, where);
			n++;
		}
		if (semi == NULL)
			break;
		rest = semi + 1;
	}
	if (n == 0) {
		xasprintf(errstr, "%s: a key without phrases", where);
		return -1;
	}
	return 0;
}

/*
 * Every line of a data file that holds something, to fn with its place
 * ("FILE:LINE") for error messages: the one line reader of all the data
 * files (the lexicon's and classify_tables.c's).
 */
int
data_file_each(const char *dir, const char *name, data_line_fn fn, void *arg,
    char **errstr)
{
	FILE	*f;
	char	*path, *line = NULL, *where, *s;
	size_t	 cap = 0, lineno = 0;
	ssize_t	 n;
	int	 rv = 0;

	xasprintf(&path, "%s/%s", dir, name);
	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	while (rv == 0 && (n = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		s = line + strspn(line, " \t");
		if (*s == '\0' || *s == '#')
			continue;
		xasprintf(&where, "%s:%zu", path, lineno);
		rv = fn(arg, s, where, errstr);
		free(where);
	}
	if (rv == 0 && ferror(f)) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		rv = -1;
	}
	free(line);
	fclose(f);
	free(path);
	return rv;
}

struct load_arg {
	struct lexicon		*lx;
	struct lex_build	*b;
	enum lex_kind		 kind;
};

static int
load_one(void *arg, char *line, const char *where, char **errstr)
{
	struct load_arg	*a = arg;

	return load_line(a->lx, a->b, a->kind, line, where, errstr);
}

static int
load_file(struct lexicon *lx, struct lex_build *b, const char *dir,
    enum lex_kind kind, char **errstr)
{
	struct load_arg	 a = { lx, b, kind };

	return data_file_each(dir, lex_files[kind], load_one, &a, errstr);
}

static void
set_free(struct lex_set *set)
{
	strlist_free(&set->exprs);
	free(set->flags);
	free(set->ids);
	free(set->lens);
}

static int
compile_set(struct lex_set *set, int literal, const struct strlist *where,
    const hs_platform_info_t *plat, hs_database_t **db, char **errstr)
{
	hs_compile_error_t	*cerr = NULL;
	hs_error_t		 e;
	unsigned int		 n = (unsigned int)set->exprs.n;

	if (n == 0)
		return 0;
	if (literal)
		e = hs_compile_lit_multi((const char *const *)set->exprs.v,
		    set->flags, set->ids, set->lens, n, HS_MODE_BLOCK, plat, db,
		    &cerr);
	else {
		/* The regex API wants NUL-terminated strings: strlist has them. */
		e = hs_compile_multi((const char *const *)set->exprs.v,
		    set->flags, set->ids, n, HS_MODE_BLOCK, plat, db, &cerr);
	}
	if (e == HS_SUCCESS)
		return 0;
	if (cerr->expression >= 0 && (unsigned int)cerr->expression < n)
		xasprintf(errstr, "%s: %s \"%s\"",
		    where->v[set->ids[cerr->expression]], cerr->message,
		    set->exprs.v[cerr->expression]);
	else
		xasprintf(errstr, "compiling the lexicon: %s", cerr->message);
	hs_free_compile_error(cerr);
	*db = NULL;
	return -1;
}

/* Does the one-word phrase w (a prefix if pre) start a word of p? */
static int
contains_word(const char *p, size_t plen, const char *w, size_t wlen,
    int pre)
{
	size_t	 i;

	for (i = 0; i + wlen <= plen; i++) {
		if (i > 0 && is_word_byte((unsigned char)p[i - 1]))
			continue;
		if (strncasecmp(p + i, w, wlen) != 0)
			continue;
		if (pre || i + wlen == plen ||
		    !is_word_byte((unsigned char)p[i + wlen]))
			return 1;
	}
	return 0;
}

/*
 * The trigger needs no phrase that holds a one-word trigger already
 * ("economic sanctions" holds "sanction*"): fewer literals, a faster scan,
 * the same answer.
 */
static void
prune_trigger(const struct lexicon *lx, struct lex_set *set)
{
	size_t	 i, j, k = 0;
	char	*drop;

	/* Decide on the whole set first, then compact it. */
	drop = xcalloc(set->exprs.n ? set->exprs.n : 1, 1);
	for (i = 0; i < set->exprs.n; i++)
		for (j = 0; j < set->exprs.n && !drop[i]; j++)
			drop[i] = j != i && set->lens[j] < set->lens[i] &&
			    memchr(set->exprs.v[j], ' ', set->lens[j]) == NULL &&
			    contains_word(set->exprs.v[i], set->lens[i],
			    set->exprs.v[j], set->lens[j],
			    lx->pats[set->ids[j]].prefix);
	for (i = 0; i < set->exprs.n; i++) {
		if (drop[i]) {
			free(set->exprs.v[i]);
			continue;
		}
		set->exprs.v[k] = set->exprs.v[i];
		set->flags[k] = set->flags[i];
		set->ids[k] = set->ids[i];
		set->lens[k] = set->lens[i];
		k++;
	}
	set->exprs.n = k;
	free(drop);
}

static int
compile_db(struct lexicon *lx, struct lex_build *b, char **errstr)
{
	int	 i;

	prune_trigger(lx, &b->sets[LEX_TRIGGER_LIT]);
	for (i = 0; i < LEX_NDB; i++) {
		if (compile_set(&b->sets[i], i == LEX_LIT ||
		    i == LEX_TRIGGER_LIT, &b->where, NULL, &lx->db[i],
		    errstr) == -1)
			return -1;
		if (lx->db[i] != NULL &&
		    hs_alloc_scratch(lx->db[i], &lx->scratch) != HS_SUCCESS) {
			xasprintf(errstr, "cannot allocate the lexicon's scratch");
			return -1;
		}
	}
	return 0;
}

/*
 * The cache file: a header, a table of entries, one per CPU feature set the
 * databases were compiled for (this machine's, AVX2 alone, none: valgrind
 * hides AVX-512, for one), then the databases as hs_serialize_database()
 * wrote them.  It is only ever used where it was built, so it is in native
 * byte order.
 */
#define CACHE_NAME	"lexicon.hsdb"
#define CACHE_MAGIC	"SLEXHSDB"
#define CACHE_FORMAT	3
#define CACHE_NENT	3
#define CACHE_MAX	(64 * 1024 * 1024)

struct cache_hdr {
	char		 magic[8];
	uint32_t	 format;
	uint32_t	 nent;
	char		 version[64];		/* hs_version() */
	uint64_t	 inputs_off;		/* what was compiled, exactly */
	uint64_t	 inputs_len;
	unsigned char	 pad[16];
};

struct cache_ent {
	uint64_t	 features;		/* hs_populate_platform()'s */
	uint64_t	 off;			/* from the start of the file */
	uint64_t	 len[LEX_NDB];
	uint32_t	 crc;			/* of the databases */
	uint32_t	 pad;
};

/*
 * What the databases are compiled from, exactly: every expression with its
 * flags and id, before the trigger is pruned (the pruning is a function of
 * these).  The data files' comments and layout do not matter; a change in
 * this file's choice of flags does.  The cache holds these bytes and a load
 * compares them whole: no digest to compute (SHA-256 was, and OpenSSL's
 * start-up with it, 2 ms of a 7 ms start) and no collision to fear.
 */
static void
inputs_make(struct lex_build *b)
{
	const struct lex_set	*set;
	uint64_t		 n;
	size_t			 i, k;

	buf_reset(&b->inputs);
	for (k = 0; k < LEX_NDB; k++) {
		set = &b->sets[k];
		n = set->exprs.n;
		buf_add(&b->inputs, &n, sizeof(n));
		for (i = 0; i < set->exprs.n; i++) {
			n = set->lens[i];
			buf_add(&b->inputs, &set->flags[i],
			    sizeof(set->flags[i]));
			buf_add(&b->inputs, &set->ids[i], sizeof(set->ids[i]));
			buf_add(&b->inputs, &n, sizeof(n));
			buf_add(&b->inputs, set->exprs.v[i], set->lens[i]);
		}
	}
}

/* The header this library would write for these inputs. */
static void
cache_hdr_init(struct cache_hdr *h, const struct lex_build *b)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, CACHE_MAGIC, sizeof(h->magic));
	h->format = CACHE_FORMAT;
	snprintf(h->version, sizeof(h->version), "%s", hs_version());
	h->inputs_len = b->inputs.len;
}

static uint64_t
cpu_features(void)
{
	hs_platform_info_t	 plat;

	if (hs_populate_platform(&plat) != HS_SUCCESS)
		return 0;
	return plat.cpu_features;
}

/*
 * The cache mapped, not read: a load touches the header, the inputs and
 * its own CPU's entry, a third of the file, and copies none of it but what
 * Vectorscan copies (read() into a buffer was 1.5 MB of copy and page
 * faults at every start).
 */
static int
map_all(const char *path, char **out, size_t *outlen, char *why,
    size_t whylen)
{
	struct stat	 st;
	void		*p;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		if (errno == ENOENT)
			snprintf(why, whylen, "no cache");
		else
			snprintf(why, whylen, "cache stale: %s: %s", path,
			    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || st.st_size > CACHE_MAX) {
		snprintf(why, whylen, "cache stale: %s: unreadable size", path);
		close(fd);
		return -1;
	}
	if (st.st_size == 0) {
		close(fd);
		*out = NULL;
		*outlen = 0;
		return 0;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(why, whylen, "cache stale: %s: %s", path,
		    strerror(errno));
		return -1;
	}
	*out = p;
	*outlen = (size_t)st.st_size;
	return 0;
}

/*
 * Is the file's header the one we would write, with an entry for this
 * CPU, and that entry's databases whole?  Sets *e to that entry.
 */
static int
cache_check(const char *p, size_t len, const struct cache_hdr *want,
    const void *inputs, struct cache_ent *e, char *why, size_t whylen)
{
	struct cache_hdr	 h;
	uint64_t		 feat = cpu_features(), body = 0;
	uint32_t		 i;
	int			 k;

	if (len < sizeof(h)) {
		snprintf(why, whylen, "cache stale: truncated header");
		return -1;
	}
	memcpy(&h, p, sizeof(h));
	if (memcmp(h.magic, want->magic, sizeof(h.magic)) != 0 ||
	    h.format != want->format || h.nent > CACHE_NENT) {
		snprintf(why, whylen, "cache stale: not a lexicon cache of "
		    "format %d", CACHE_FORMAT);
		return -1;
	}
	h.version[sizeof(h.version) - 1] = '\0';
	if (strcmp(h.version, want->version) != 0) {
		snprintf(why, whylen, "cache stale: built by Vectorscan %.40s, "
		    "this is %.40s", h.version, want->version);
		return -1;
	}
	if (h.inputs_len != want->inputs_len) {
		snprintf(why, whylen, "cache stale: the data files changed");
		return -1;
	}
	if (h.inputs_off > len || h.inputs_len > len - h.inputs_off) {
		snprintf(why, whylen, "cache stale: truncated (%zu bytes, "
		    "needs %llu)", len,
		    (unsigned long long)(h.inputs_off + h.inputs_len));
		return -1;
	}
	if (memcmp(p + h.inputs_off, inputs, h.inputs_len) != 0) {
		snprintf(why, whylen, "cache stale: the data files changed");
		return -1;
	}
	if (len < sizeof(h) + h.nent * sizeof(*e)) {
		snprintf(why, whylen, "cache stale: truncated header");
		return -1;
	}
	for (i = 0; i < h.nent; i++) {
		memcpy(e, p + sizeof(h) + i * sizeof(*e), sizeof(*e));
		if (e->features == feat)
			break;
	}
	if (i == h.nent) {
		snprintf(why, whylen, "cache stale: not built for this CPU's "
		    "features (%#llx)", (unsigned long long)feat);
		return -1;
	}
	for (k = 0; k < LEX_NDB; k++) {
		if (e->len[k] > CACHE_MAX) {
			snprintf(why, whylen, "cache stale: corrupt header");
			return -1;
		}
		body += e->len[k];
	}
	if (e->off > len || body > len - e->off) {
		snprintf(why, whylen, "cache stale: truncated (%zu bytes, "
		    "needs %llu)", len, (unsigned long long)(e->off + body));
		return -1;
	}
	if (crc32(0, (const Bytef *)p + e->off, (uInt)body) != e->crc) {
		snprintf(why, whylen, "cache stale: checksum mismatch");
		return -1;
	}
	return 0;
}

/* The databases from dir's cache, if it is the one these inputs make. */
static int
cache_load(struct lexicon *lx, const struct lex_build *b, const char *dir,
    char *why, size_t whylen)
{
	struct cache_hdr	 want;
	struct cache_ent	 e;
	char			*path, *p = NULL, *info;
	const char		*at;
	size_t			 len = 0;
	int			 k, rv = -1;

	cache_hdr_init(&want, b);
	xasprintf(&path, "%s/%s", dir, CACHE_NAME);
	if (map_all(path, &p, &len, why, whylen) == -1)
		goto out;
	if (cache_check(p, len, &want, b->inputs.d, &e, why, whylen) == -1)
		goto out;
	at = p + e.off;
	for (k = 0; k < LEX_NDB; k++) {
		if (e.len[k] == 0)
			continue;
		/* Vectorscan's own check of version and platform, too. */
		if (hs_serialized_database_info(at, e.len[k], &info) !=
		    HS_SUCCESS) {
			snprintf(why, whylen, "cache stale: database %d "
			    "unreadable", k);
			goto out;
		}
		free(info);
		if (hs_deserialize_database(at, e.len[k], &lx->db[k]) !=
		    HS_SUCCESS) {
			snprintf(why, whylen, "cache stale: database %d "
			    "refused by Vectorscan", k);
			goto out;
		}
		if (hs_alloc_scratch(lx->db[k], &lx->scratch) != HS_SUCCESS)
			fatalx("cannot allocate the lexicon's scratch");
		at += e.len[k];
	}
	rv = 0;
out:
	if (rv == -1)
		for (k = 0; k < LEX_NDB; k++)
			if (lx->db[k] != NULL) {
				hs_free_database(lx->db[k]);
				lx->db[k] = NULL;
			}
	if (p != NULL)
		munmap(p, len);
	free(path);
	return rv;
}

/* With use_cache, the databases come from dir's cache when it fits. */
static int
lexicon_build(struct lexicon *lx, const char *dir, int use_cache,
    struct lex_build *b, char **errstr)
{
	double		 t0;
	int		 k, rv = 0;

	memset(lx, 0, sizeof(*lx));
	for (k = 0; k < LK_NKINDS; k++)
		strlist_init(&lx->keys[k]);
	memset(b, 0, sizeof(*b));
	for (k = 0; k < LEX_NDB; k++)
		strlist_init(&b->sets[k].exprs);
	strlist_init(&b->where);
	buf_init(&b->inputs);
	for (k = 0; rv == 0 && k < LK_NKINDS; k++)
		rv = load_file(lx, b, dir, k, errstr);
	if (rv == 0 && b->where.n == 0) {
		xasprintf(errstr, "%s: no phrases", dir);
		rv = -1;
	}
	lx->npats = b->where.n;
	if (rv != 0)
		return rv;
	inputs_make(b);
	snprintf(lx->cache_why, sizeof(lx->cache_why), "no cache");
	if (use_cache && cache_load(lx, b, dir, lx->cache_why,
	    sizeof(lx->cache_why)) == 0) {
		lx->cached = 1;
		log_debug("lexicon: loaded cached databases");
		return 0;
	}
	t0 = mono_now();
	if ((rv = compile_db(lx, b, errstr)) == 0 && use_cache)
		log_info("lexicon: compiled %d databases in %.0f ms (%s)",
		    LEX_NDB, (mono_now() - t0) * 1e3, lx->cache_why);
	return rv;
}

static void
build_free(struct lex_build *b)
{
	int	 k;

	for (k = 0; k < LEX_NDB; k++)
		set_free(&b->sets[k]);
	strlist_free(&b->where);
	buf_free(&b->inputs);
}

int
lexicon_load(struct lexicon *lx, const char *dir, char **errstr)
{
	struct lex_build	 b;
	int			 rv;

	rv = lexicon_build(lx, dir, 1, &b, errstr);
	build_free(&b);
	if (rv != 0)
		lexicon_free(lx);
	return rv;
}

/* Serialize the databases compiled from b for features into blob. */
static void
serialize_for(const struct lexicon *lx, struct lex_build *b, uint64_t feat,
    struct cache_ent *e, struct buf *blob)
{
	hs_platform_info_t	 plat;
	hs_database_t		*db;
	char			*s, *err = NULL;
	size_t			 sz;
	int			 k;

	memset(e, 0, sizeof(*e));
	if (hs_populate_platform(&plat) != HS_SUCCESS)
		fatalx("cannot read the CPU's features");
	plat.cpu_features = feat;
	e->features = feat;
	e->off = blob->len;
	e->crc = crc32(0, NULL, 0);
	for (k = 0; k < LEX_NDB; k++) {
		if (lx->db[k] == NULL)
			continue;
		if (compile_set(&b->sets[k], k == LEX_LIT ||
		    k == LEX_TRIGGER_LIT, &b->where, &plat, &db, &err) == -1)
			fatalx("%s", err);
		if (hs_serialize_database(db, &s, &sz) != HS_SUCCESS)
			fatalx("cannot serialize the lexicon");
		hs_free_database(db);
		e->len[k] = sz;
		e->crc = crc32(e->crc, (const Bytef *)s, (uInt)sz);
		buf_add(blob, s, sz);
		free(s);
	}
}

static int
write_all(int fd, const void *p, size_t len)
{
	const char	*s = p;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Write b to path through a temporary file renamed into place, so that a
 * program loading meanwhile sees the old file or the new one, never half
 * of one (both caches: this one and the model's).
 */
int
cache_write_file(const char *path, const struct buf *b, char **errstr)
{
	char	*tmp;
	int	 fd, rv = 0;

	xasprintf(&tmp, "%s.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1 ||
	    write_all(fd, b->d, b->len) == -1 || fsync(fd) == -1)
		rv = -1;
	if (fd != -1 && close(fd) == -1)
		rv = -1;
	if (rv == 0 && rename(tmp, path) == -1)
		rv = -1;
	if (rv == -1) {
		xasprintf(errstr, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return rv;
}

/*
 * The build step: compile dir's lexicon afresh for this CPU's features,
 * AVX2 alone and none, and write the cache into a temporary file renamed
 * into place, so that a program loading meanwhile sees the old cache or the
 * new one, never half of one.
 */
int
classifier_cache_write(const char *dir, char **errstr)
{
	struct lexicon		 lx;
	struct lex_build	 b;
	struct cache_hdr	 h;
	struct cache_ent	 e[CACHE_NENT];
	struct buf		 blob, out;
	uint64_t		 host = cpu_features(), want[CACHE_NENT];
	char			*path;
	uint32_t		 i, n = 0;
	int			 rv;

	want[0] = host;
	want[1] = host & HS_CPU_FEATURES_AVX2;
	want[2] = 0;
	if (lexicon_build(&lx, dir, 0, &b, errstr) == -1) {
		build_free(&b);
		lexicon_free(&lx);
		return -1;
	}
	cache_hdr_init(&h, &b);
	buf_init(&blob);
	for (i = 0; i < CACHE_NENT; i++) {
		if (i > 0 && (want[i] == want[i - 1] || want[i] == want[0]))
			continue;
		serialize_for(&lx, &b, want[i], &e[n++], &blob);
	}
	h.nent = n;
	h.inputs_off = sizeof(h) + n * sizeof(e[0]);
	for (i = 0; i < n; i++)
		e[i].off += h.inputs_off + b.inputs.len;
	buf_init(&out);
	buf_add(&out, &h, sizeof(h));
	buf_add(&out, e, n * sizeof(e[0]));
	buf_add(&out, b.inputs.d, b.inputs.len);
	buf_add(&out, blob.d, blob.len);
	xasprintf(&path, "%s/%s", dir, CACHE_NAME);
	rv = cache_write_file(path, &out, errstr);
	free(path);
	buf_free(&out);
	buf_free(&blob);
	build_free(&b);
	lexicon_free(&lx);
	return rv;
}

const char *
classifier_cache_state(const struct classifier *c)
{
	return c->lx.cached ? "loaded" : c->lx.cache_why;
}

void
lexicon_free(struct lexicon *lx)
{
	int	 k;

	if (lx->scratch != NULL)
		hs_free_scratch(lx->scratch);
	for (k = 0; k < LEX_NDB; k++)
		if (lx->db[k] != NULL)
			hs_free_database(lx->db[k]);
	free(lx->pats);
	for (k = 0; k < LK_NKINDS; k++)
		strlist_free(&lx->keys[k]);
	memset(lx, 0, sizeof(*lx));
}

int
lexicon_key(const struct lexicon *lx, enum lex_kind kind, const char *k)
{
	size_t	 i;

	for (i = 0; i < lx->keys[kind].n; i++)
		if (strcmp(lx->keys[kind].v[i], k) == 0)
			return (int)i;
	return -1;
}

struct scan_ctx {
	const struct lexicon	*lx;
	const unsigned char	*text;
	size_t			 len;
	size_t			 base;	/* where the scanned window starts */
	int			 first;	/* stop at the first hit */
	struct hits		*hits;
};

static int
on_match(unsigned int id, unsigned long long from, unsigned long long to,
    unsigned int flags, void *arg)
{
	struct scan_ctx	*sc = arg;
	struct hits	*h = sc->hits;
	struct hit	*x;

	(void)flags;
	from += sc->base;
	to += sc->base;
	if (sc->lx->pats[id].len > 0)
		from = to - sc->lx->pats[id].len;
	if (sc->lx->pats[id].nosom) {
		/* Only the end is known: the hit is the match's last word. */
		for (from = to; from > 0 && is_word_byte(sc->text[from - 1]);
		    from--)
			;
		if (from == to)
			from = to - 1;
	}
	else if (from > 0 && is_word_byte(sc->text[from - 1]) &&
	    is_word_byte(sc->text[from]))
		return 0;
	if (from == to)
		return 0;
	if (to < sc->len && is_word_byte(sc->text[to]) &&
	    is_word_byte(sc->text[to - 1])) {
		if (!sc->lx->pats[id].prefix)
			return 0;
		/* "sanction*": the match runs to the end of the word. */
		while (to < sc->len && is_word_byte(sc->text[to]))
			to++;
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	x = &h->v[h->n++];
	x->from = (uint32_t)from;
	x->to = (uint32_t)to;
	x->kind = sc->lx->pats[id].kind;
	x->key = sc->lx->pats[id].key;
	/* The quick look only asks whether there is one: the scan stops. */
	return sc->first;
}

/*
 * Hits in order of start, the longer first, then by kind and key.  They
 * are sorted by hand, not by qsort(): a merge sort with the comparison
 * inline, which leaves runs already in order alone.  A scan reports its
 * hits in order of their ends, so they come in a few runs nearly in
 * order; qsort's calls through a comparison function were 7.5% of the
 * dense bench's instructions, this sort 2.8% (callgrind, 2 MB: 39 M ->
 * 14 M).  Hits equal in this order are equal in every field, so any
 * correct sort leaves the same array.
 */
static inline int
hit_after(const struct hit *x, const struct hit *y)
{
	if (x->from != y->from)
		return x->from > y->from;
	if (x->to != y->to)
		return x->to < y->to;
	if (x->kind != y->kind)
		return x->kind > y->kind;
	return x->key > y->key;		/* core.txt: "strong" before "weak" */
}

static void
hits_msort(struct hit *v, struct hit *tmp, size_t n)
{
	struct hit	 x;
	size_t		 i, j, k, m;

	if (n <= 12) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && hit_after(&v[j - 1], &x); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	m = n / 2;
	hits_msort(v, tmp, m);
	hits_msort(v + m, tmp, n - m);
	if (!hit_after(&v[m - 1], &v[m]))
		return;
	memcpy(tmp, v, m * sizeof(*v));
	/* The left half from tmp, the right in place: k never passes j. */
	for (i = 0, j = m, k = 0; i < m; k++)
		if (j < n && hit_after(&tmp[i], &v[j]))
			v[k] = v[j++];
		else
			v[k] = tmp[i++];
}

/* The scratch half of the sort is the hits' own array, grown to twice n. */
static void
hits_sort(struct hits *h)
{
	if (h->n < 2)
		return;
	if (h->cap < 2 * h->n) {
		h->cap = 2 * h->n;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	hits_msort(h->v, h->v + h->n, h->n);
}

/* Hits that compete for the same words: the longest match wins. */
static int
hit_group(int kind)
{
	switch (kind) {
	case LK_COUNTRY:
	case LK_AUTHORITY:
	case LK_LEGAL:
	case LK_NAMED:
		return 0;
	case LK_CORE:
		return 1;
	case LK_ACTION:
		return 2;
	case LK_MODALITY:
		return 3;
	default:
		return -1;
	}
}

static void
drop_contained(struct hits *h)
{
	uint32_t	 reach[4] = { 0, 0, 0, 0 };
	size_t		 i, n = 0;
	int		 g;

	for (i = 0; i < h->n; i++) {
		g = hit_group(h->v[i].kind);
		if (g >= 0) {
			if (h->v[i].to <= reach[g])
				continue;
			reach[g] = h->v[i].to;
		}
		h->v[n++] = h->v[i];
	}
	h->n = n;
}

/* The full scan looks this far around a core word only. */
#define RE_REACH	400

static void
scan_db(const struct lexicon *lx, hs_database_t *db, struct scan_ctx *sc,
    size_t from, size_t to)
{
	sc->base = from;
	hs_scan(db, (const char *)sc->text + from, (unsigned int)(to - from), 0,
	    lx->scratch, on_match, sc);
}

/*
 * Windows of RE_REACH around every core word (merged), from the trigger
 * hits in h; returns how many, in w (pairs of offsets).
 */
static size_t
core_windows(const struct hits *h, size_t len, size_t *w, size_t max)
{
	size_t	 i, n = 0, lo, hi;

	for (i = 0; i < h->n; i++) {
		lo = h->v[i].from > RE_REACH ? h->v[i].from - RE_REACH : 0;
		hi = h->v[i].to + RE_REACH < len ? h->v[i].to + RE_REACH : len;
		if (n > 0 && lo <= w[2 * n - 1]) {
			if (hi > w[2 * n - 1])
				w[2 * n - 1] = hi;
			continue;
		}
		if (n == max) {		/* too many: one window to the end */
			w[2 * n - 1] = len;
			break;
		}
		w[2 * n] = lo;
		w[2 * n + 1] = hi;
		n++;
	}
	return n;
}

/*
 * The full scan costs most of the classifier's time, and only the words
 * near a sanctions word matter: find those with the quick trigger
 * database, then run the full databases only in windows around them, and
 * drop the trigger words, which were only there to anchor the windows.
 */
static void
scan_windows(const struct lexicon *lx, struct scan_ctx *sc, int trigger_key)
{
	struct hits	*h = sc->hits;
	size_t		 w[2 * 64], nw, i, k = 0;
	int		 d;

	scan_db(lx, lx->db[LEX_TRIGGER_LIT], sc, 0, sc->len);
	hits_sort(h);
	nw = core_windows(h, sc->len, w, 64);
	h->n = 0;
	for (i = 0; i < nw; i++)
		for (d = LEX_LIT; d <= LEX_RE; d++)
			if (lx->db[d] != NULL)
				scan_db(lx, lx->db[d], sc, w[2 * i],
				    w[2 * i + 1]);
	for (i = 0; i < h->n; i++)
		if (!(h->v[i].kind == LK_CORE && h->v[i].key == trigger_key))
			h->v[k++] = h->v[i];
	h->n = k;
}

/*
 * Scan len bytes of text; hits come back sorted by start.  With trigger
 * set, only the trigger database runs, and hits are added to those already
 * there, unsorted: the caller only asks whether there are any, so the
 * scan stops at the first.
 */
void
lexicon_scan(const struct lexicon *lx, const char *text, size_t len,
    struct hits *h, int trigger)
{
	struct scan_ctx	 sc;

	if (!trigger)
		h->n = 0;
	if (len == 0 || len > UINT32_MAX)
		return;
	sc.lx = lx;
	sc.text = (const unsigned char *)text;
	sc.len = len;
	sc.hits = h;
	sc.first = trigger;
	if (trigger) {
		if (lx->db[LEX_TRIGGER_LIT] != NULL)
			scan_db(lx, lx->db[LEX_TRIGGER_LIT], &sc, 0, len);
		return;
	}
	if (lx->db[LEX_TRIGGER_LIT] != NULL)
		scan_windows(lx, &sc, lexicon_key(lx, LK_CORE, "trigger"));
	hits_sort(h);
	drop_contained(h);
}
