/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * classify_model.c: the learned decision.
 *
 * The rules in classify_sent.c and classify_roles.c find what a sentence
 * says; whether that adds up to an item about sanctions, and to a new
 * step, is weighed here by two logistic models trained on real labelled
 * news (tests/eval/train.py; data/model.txt).  Their features are the
 * item's words and word pairs and the rules' findings, as strings
 * ("w:embargo", "b:lifts_sanctions", "r:verb:impose"), so the model file
 * is readable and a feature means the same thing in training and here.
 *
 * A feature is hashed (FNV-1a, 64 bits) and looked up in an open
 * addressing table built at load; two features of the file that share a
 * hash are an error of the file, never a silent merge.
 *
 * Parsing model.txt's 12,000 lines was half the instructions of a start
 * (11 M of 22 M), so the build ("make", tests/model_build.c) writes the
 * loaded table to model.bin beside it, with model.txt's bytes, and a load
 * takes the table from there when those bytes are the file's; otherwise it
 * parses model.txt.  As with the lexicon, nothing writes the data
 * directory at run time.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "classify_int.h"

/* Words past this many bytes of the body are not read: leads carry it. */
#define BODY_BYTES	3000
#define WORD_MAX	24
#define LEAD_BYTES	400

/*
 * One slot per feature: its hash, its weights and the stamp of the last
 * feature set that counted it, in 16 bytes.  Looking features up is
 * memory-bound (perf: the key's load was half of the model's time with
 * keys, weights and stamps in three arrays; with 32-byte slots of 64-bit
 * keys and floats the table outgrew the cache), so a small slot, one line
 * per lookup.  Weights are fixed point, 1/WEIGHT_ONE apart; the trainer
 * prunes any below 0.002 and keeps 32-bit hashes unique (train.py).
 */
#define WEIGHT_ONE	2048.0
#define WEIGHT_MAX	(32767 / WEIGHT_ONE)

struct slot {
	uint32_t	 key;		/* 0: empty */
	uint16_t	 stamp;
	int16_t		 w[MODEL_NOUT];
};

/*
 * One bit per 16 bits of hash, set for every feature of the file: most
 * words and pairs an item emits are not features, and 8 KB stay in the L1
 * cache where the 256 KB table does not (perf, dense classify_bench: the
 * table's lookups were 11% of the time, nearly all cache misses).
 */
#define FILTER_BITS	16
#define FILTER_OF(h)	(((h) >> 1) & ((1u << FILTER_BITS) - 1))
#define FILTER_BYTES	((1u << FILTER_BITS) / 8)

struct model {
	uint64_t	 filter[FILTER_BYTES / 8];
	struct slot	*slots;
	uint16_t	 gen;		/* the feature set being weighed */
	size_t		 mask;
	size_t		 n;
	double		 bias[MODEL_NOUT];
	double		 cal_a[MODEL_NOUT], cal_b[MODEL_NOUT];
	double		 threshold[MODEL_NOUT];
	int		 seen_head[MODEL_NOUT];
	int		 cached;		/* from model.bin */
	char		 cache_why[128];	/* else why not */
};

static const char *out_names[MODEL_NOUT] = {
	"relevant", "announcement", "authority", "target"
};

#define FNV_BASIS	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

/* FNV-1a, 64 bits folded to 32; never 0, the empty slot. */
static uint32_t
fold(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32)) | 1;
}

/* The FNV-1a state after a's len bytes, from h. */
static uint64_t
hash_more(uint64_t h, const char *a, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)a[i]) * FNV_PRIME;
	return h;
}

uint32_t
feature_hash(const char *s, size_t len)
{
	return fold(hash_more(FNV_BASIS, s, len));
}

static struct slot *
slot_of(const struct model *m, uint32_t h)
{
	size_t	 i = (size_t)(h * 2654435761u) & m->mask;

	while (m->slots[i].key != 0 && m->slots[i].key != h)
		i = (i + 1) & m->mask;
	return &m->slots[i];
}

static void
model_grow(struct model *m)
{
	struct slot	*old = m->slots;
	size_t		 i, n = old ? m->mask + 1 : 0;

	m->mask = n ? n * 2 - 1 : 1023;
	m->slots = xcalloc(m->mask + 1, sizeof(*m->slots));
	for (i = 0; i < n; i++)
		if (old[i].key != 0)
			*slot_of(m, old[i].key) = old[i];
	free(old);
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

static int
parse_doubles(char *s, double *v, size_t n)
{
	const char	*e;
	char		*end;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (fast_decimal(s, &e, &v[i])) {
			s += e - s;
			continue;
		}
		errno = 0;
		v[i] = strtod(s, &end);
		if (end == s || errno != 0 || !isfinite(v[i]))
			return -1;
		s = end;
	}
	return *s == '\0' || *s == '\n' ? 0 : -1;
}

/*
 * "model NAME BIAS CAL_A CAL_B THRESHOLD": one line per output;
 * "FEATURE<tab>W_RELEVANT W_ANNOUNCEMENT W_AUTHORITY W_TARGET": one line
 * per feature.
 */
static int
model_line(struct model *m, char *line, char **why)
{
	char	*tab, *name;
	double		 v[4];
	uint32_t	 h;
	size_t		 i;
	struct slot	*s;

	if (strncmp(line, "model ", 6) == 0) {
		name = line + 6;
		if ((tab = strchr(name, ' ')) == NULL)
			return *why = "a model line needs four numbers", -1;
		*tab++ = '\0';
		for (i = 0; i < MODEL_NOUT; i++)
			if (strcmp(name, out_names[i]) == 0)
				break;
		if (i == MODEL_NOUT)
			return *why = "unknown model name", -1;
		if (parse_doubles(tab, v, 4) == -1)
			return *why = "a model line needs four numbers", -1;
		m->bias[i] = v[0];
		m->cal_a[i] = v[1];
		m->cal_b[i] = v[2];
		m->threshold[i] = v[3];
		m->seen_head[i] = 1;
		return 0;
	}
	if ((tab = strchr(line, '\t')) == NULL || tab == line)
		return *why = "not FEATURE<tab>WEIGHTS", -1;
	*tab++ = '\0';
	if (parse_doubles(tab, v, MODEL_NOUT) == -1)
		return *why = "a feature needs four weights", -1;
	for (i = 0; i < MODEL_NOUT; i++)
		if (fabs(v[i]) > WEIGHT_MAX)
			return *why = "a weight out of range (-16, 16)", -1;
	if ((m->n + 1) * 2 > m->mask + 1)
		model_grow(m);
	h = feature_hash(line, strlen(line));
	s = slot_of(m, h);
	if (s->key != 0)
		return *why = "feature listed twice (or a hash collision)", -1;
	s->key = h;
	m->filter[FILTER_OF(h) / 64] |= 1ULL << (FILTER_OF(h) % 64);
	for (i = 0; i < MODEL_NOUT; i++)
		s->w[i] = (int16_t)lround(v[i] * WEIGHT_ONE);
	m->n++;
	return 0;
}

/*
 * The whole file in memory, NUL-terminated: one read, not a getline() per
 * line (model.txt is 12,000 lines).  -1 with *errstr NULL if absent.
 */
static int
slurp(const char *path, char **out, size_t *outlen, char **errstr)
{
	char	*d;
	size_t	 len = 0, cap = 512 * 1024;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		if (errno != ENOENT)
			xasprintf(errstr, "%s: %s", path, strerror(errno));
		return -1;
	}
	d = xmalloc(cap);
	for (;;) {
		if (cap - len < 2) {
			cap *= 2;
			d = xreallocarray(d, cap, 1);
		}
		n = read(fd, d + len, cap - len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (n == -1) {
		xasprintf(errstr, "%s: %s", path, strerror(errno));
		close(fd);
		free(d);
		return -1;
	}
	close(fd);
	d[len] = '\0';
	*out = d;
	*outlen = len;
	return 0;
}

/*
 * The table sized once for every line of the file (each feature is one),
 * as model_grow() would have left it: growing from 1024 slots zeroed and
 * rehashed 0.8 MB at every start.
 */
static void
model_reserve(struct model *m, const char *text, size_t len)
{
	const char	*p, *e = text + len;
	size_t		 lines = 1, size = 1024;

	for (p = text; (p = memchr(p, '\n', e - p)) != NULL; p++)
		lines++;
	while (lines * 2 > size)
		size *= 2;
	m->mask = size - 1;
	m->slots = xcalloc(size, sizeof(*m->slots));
}

/* Parse model.txt's text into m, which it changes; -1 with *errstr set. */
static int
model_parse(struct model *m, char *text, size_t len, const char *path,
    char **errstr)
{
	char		*line, *nl, *why = NULL;
	size_t		 lineno = 0, i;

	model_reserve(m, text, len);
	for (line = text; why == NULL && line < text + len; line = nl + 1) {
		if ((nl = memchr(line, '\n', text + len - line)) == NULL)
			nl = text + len;
		*nl = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		model_line(m, line, &why);
	}
	for (i = 0; why == NULL && i < MODEL_NOUT; i++)
		if (!m->seen_head[i]) {
			why = "no model line for an output";
			lineno = 0;
		}
	if (why == NULL)
		return 0;
	if (lineno > 0)
		xasprintf(errstr, "%s:%zu: %s", path, lineno, why);
	else
		xasprintf(errstr, "%s: %s", path, why);
	return -1;
}

/*
 * The cache: a header, the filter, the slots, then model.txt's bytes.  It
 * is only used where it was built, so it is in native byte order and in
 * this build's layout, which the header spells out.  A load compares the
 * bytes whole, like the lexicon's inputs: no digest of model.txt to
 * compute and no collision to fear.  The header and the table carry an
 * XXH3 of themselves: 0.54 M instructions for the 532 KB (callgrind),
 * where zlib's crc32 takes 1.9 M for the lexicon's 518 KB.
 */
#define MCACHE_MAGIC	"SMODELTB"
#define MCACHE_FORMAT	1
#define MCACHE_PROBE	"w:sanctions"
#define MCACHE_SLOTS_MAX (1u << 24)	/* 256 MB; model.txt's need 32,768 */

struct mcache_hdr {
	char		 magic[8];
	uint32_t	 format;
	uint32_t	 slot_size;	/* sizeof(struct slot) */
	uint32_t	 nout;		/* MODEL_NOUT */
	uint32_t	 filter_bits;	/* FILTER_BITS */
	uint32_t	 weight_one;	/* WEIGHT_ONE */
	uint32_t	 probe;		/* feature_hash(MCACHE_PROBE) */
	uint64_t	 nslots;	/* mask + 1 */
	uint64_t	 n;		/* features */
	uint64_t	 text_len;	/* model.txt's, after the slots */
	uint64_t	 sum;		/* XXH3: header (sum 0), table */
	double		 bias[MODEL_NOUT];
	double		 cal_a[MODEL_NOUT], cal_b[MODEL_NOUT];
	double		 threshold[MODEL_NOUT];
};
/* No padding to checksum; tests/integration/model_cache.sh counts on 192. */
_Static_assert(sizeof(struct mcache_hdr) == 192, "the cache's header");

/* What this build would write, but for the model's own numbers. */
static void
mcache_hdr_init(struct mcache_hdr *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, MCACHE_MAGIC, sizeof(h->magic));
	h->format = MCACHE_FORMAT;
	h->slot_size = sizeof(struct slot);
	h->nout = MODEL_NOUT;
	h->filter_bits = FILTER_BITS;
	h->weight_one = (uint32_t)WEIGHT_ONE;
	h->probe = feature_hash(MCACHE_PROBE, strlen(MCACHE_PROBE));
}

/* Bytes of filter and slots after the header. */
static size_t
mcache_table_len(const struct mcache_hdr *h)
{
	return FILTER_BYTES + (size_t)h->nslots * sizeof(struct slot);
}

/* Is h this build's header, for a table that fits in len bytes? */
static const char *
mcache_check_hdr(const struct mcache_hdr *h, size_t len, size_t text_len)
{
	struct mcache_hdr	 want;

	mcache_hdr_init(&want);
	if (memcmp(h->magic, want.magic, sizeof(h->magic)) != 0 ||
	    h->format != want.format)
		return "cache stale: not a model cache of format 1";
	if (h->slot_size != want.slot_size || h->nout != want.nout ||
	    h->filter_bits != want.filter_bits ||
	    h->weight_one != want.weight_one || h->probe != want.probe)
		return "cache stale: built by another layout or hash";
	if (h->text_len != text_len)
		return "cache stale: model.txt changed";
	/* A power of two, half empty at most: every probe ends. */
	if (h->nslots < 2 || (h->nslots & (h->nslots - 1)) != 0 ||
	    h->nslots > MCACHE_SLOTS_MAX || h->n > h->nslots / 2)
		return "cache stale: corrupt header";
	if (len - sizeof(*h) < mcache_table_len(h) ||
	    len - sizeof(*h) - mcache_table_len(h) < text_len)
		return "cache stale: truncated";
	if (len - sizeof(*h) - mcache_table_len(h) != text_len)
		return "cache stale: corrupt header";
	return NULL;
}

/* len bytes at off of fd, or -1 (a file cut short too). */
static int
read_at(int fd, void *p, size_t len, off_t off)
{
	char	*d = p;
	ssize_t	 n;

	while (len > 0) {
		if ((n = pread(fd, d, len, off)) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		d += n;
		off += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Are the len bytes at off of fd text's, read a piece at a time? */
static const char *
mcache_same_text(int fd, off_t off, const char *text, size_t len)
{
	char		*b = xmalloc(64 * 1024);
	const char	*why = NULL;
	size_t		 n;

	for (; why == NULL && len > 0; text += n, off += n, len -= n) {
		n = len < 64 * 1024 ? len : 64 * 1024;
		if (read_at(fd, b, n, off) == -1)
			why = "cache stale: truncated";
		else if (memcmp(b, text, n) != 0)
			why = "cache stale: model.txt changed";
	}
	free(b);
	return why;
}

/* The checksum of h (its sum taken as 0), the filter and the slots. */
static uint64_t
mcache_sum(const struct mcache_hdr *h, const void *filter,
    const void *slots, size_t slots_len)
{
	struct mcache_hdr	 c = *h;
	XXH3_state_t		*x;
	uint64_t		 sum;

	c.sum = 0;
	if ((x = XXH3_createState()) == NULL || XXH3_64bits_reset_withSeed(x,
	    XXH3_64bits(&c, sizeof(c))) == XXH_ERROR)
		fatal("XXH3_createState");
	XXH3_64bits_update(x, filter, FILTER_BYTES);
	XXH3_64bits_update(x, slots, slots_len);
	sum = XXH3_64bits_digest(x);
	XXH3_freeState(x);
	return sum;
}

/*
 * The table from fd if it is sound and the cache holds text.  Read, not
 * mapped: a cache may be copied over in place (cp), and a mapping cut
 * short under a load is a SIGBUS where a read cut short is a stale cache.
 */
static const char *
mcache_read(struct model *m, int fd, size_t len, const char *text,
    size_t text_len)
{
	struct mcache_hdr	 h;
	uint64_t		 filter[FILTER_BYTES / 8];
	struct slot		*sl;
	const char		*why;
	size_t			 i, n = 0, slen;

	if (len < sizeof(h) || read_at(fd, &h, sizeof(h), 0) == -1)
		return "cache stale: truncated header";
	if ((why = mcache_check_hdr(&h, len, text_len)) != NULL)
		return why;
	slen = h.nslots * sizeof(*sl);
	if ((why = mcache_same_text(fd, (off_t)(sizeof(h) +
	    mcache_table_len(&h)), text, text_len)) != NULL)
		return why;
	sl = xmalloc(slen);
	if (read_at(fd, filter, FILTER_BYTES, sizeof(h)) == -1 ||
	    read_at(fd, sl, slen, sizeof(h) + FILTER_BYTES) == -1)
		why = "cache stale: truncated";
	else if (mcache_sum(&h, filter, sl, slen) != h.sum)
		why = "cache stale: checksum mismatch";
	for (i = 0; why == NULL && i < h.nslots; i++)
		n += sl[i].key != 0;
	if (why == NULL && n != h.n)
		why = "cache stale: corrupt table";
	if (why != NULL) {
		free(sl);
		return why;
	}
	memcpy(m->filter, filter, FILTER_BYTES);
	m->slots = sl;
	m->mask = h.nslots - 1;
	m->n = h.n;
	memcpy(m->bias, h.bias, sizeof(m->bias));
	memcpy(m->cal_a, h.cal_a, sizeof(m->cal_a));
	memcpy(m->cal_b, h.cal_b, sizeof(m->cal_b));
	memcpy(m->threshold, h.threshold, sizeof(m->threshold));
	return NULL;
}

/* m from the cache at path if it was built from text; else the reason. */
static int
mcache_load(struct model *m, const char *path, const char *text,
    size_t text_len)
{
	struct stat	 st;
	const char	*why;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			snprintf(m->cache_why, sizeof(m->cache_why),
			    "no cache");
		else
			snprintf(m->cache_why, sizeof(m->cache_why),
			    "cache stale: %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || st.st_size < 0)
		why = "cache stale: unreadable size";
	else
		why = mcache_read(m, fd, (size_t)st.st_size, text, text_len);
	close(fd);
	if (why != NULL) {
		snprintf(m->cache_why, sizeof(m->cache_why), "%s", why);
		return -1;
	}
	m->cached = 1;
	return 0;
}

/*
 * model.txt at path, from the cache when one is named and holds its bytes.
 * NULL with *errstr set on a bad file; NULL with *errstr NULL if absent.
 */
static struct model *
model_read(const char *path, const char *cache, char **errstr)
{
	struct model	*m;
	char		*text;
	size_t		 len;
	double		 t0;

	*errstr = NULL;
	if (slurp(path, &text, &len, errstr) == -1)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	snprintf(m->cache_why, sizeof(m->cache_why), "no cache");
	if (cache != NULL && mcache_load(m, cache, text, len) == 0) {
		log_debug("model: loaded the cached table");
		free(text);
		return m;
	}
	t0 = mono_now();
	if (model_parse(m, text, len, path, errstr) == -1) {
		free(text);
		model_free(m);
		return NULL;
	}
	free(text);
	if (cache != NULL)
		log_info("model: parsed %zu features in %.0f ms (%s)", m->n,
		    (mono_now() - t0) * 1e3, m->cache_why);
	return m;
}

struct model *
model_load(const char *path, char **errstr)
{
	return model_read(path, NULL, errstr);
}

/* model_load(), through the cache at cache when it fits. */
struct model *
model_load_cached(const char *path, const char *cache, char **errstr)
{
	return model_read(path, cache, errstr);
}

const char *
model_cache_state(const struct model *m)
{
	return m->cached ? "loaded" : m->cache_why;
}

/*
 * The build step: parse dir/model.txt and write the table with its bytes
 * to dir/model.bin (through a temporary file renamed into place).
 */
int
model_cache_write(const char *dir, char **errstr)
{
	struct model		*m;
	struct mcache_hdr	 h;
	struct buf		 out;
	char			*path, *text, *copy;
	size_t			 len;
	int			 rv = -1;

	*errstr = NULL;
	xasprintf(&path, "%s/model.txt", dir);
	if (slurp(path, &text, &len, errstr) == -1) {
		if (*errstr == NULL)
			xasprintf(errstr, "%s: missing", path);
		free(path);
		return -1;
	}
	copy = xmalloc(len + 1);
	memcpy(copy, text, len + 1);
	m = xcalloc(1, sizeof(*m));
	if (model_parse(m, copy, len, path, errstr) == 0) {
		mcache_hdr_init(&h);
		h.nslots = m->mask + 1;
		h.n = m->n;
		h.text_len = len;
		memcpy(h.bias, m->bias, sizeof(h.bias));
		memcpy(h.cal_a, m->cal_a, sizeof(h.cal_a));
		memcpy(h.cal_b, m->cal_b, sizeof(h.cal_b));
		memcpy(h.threshold, m->threshold, sizeof(h.threshold));
		buf_init(&out);
		buf_add(&out, &h, sizeof(h));
		buf_add(&out, m->filter, FILTER_BYTES);
		buf_add(&out, m->slots, h.nslots * sizeof(*m->slots));
		h.sum = mcache_sum(&h, m->filter, m->slots,
		    h.nslots * sizeof(*m->slots));
		memcpy(out.d, &h, sizeof(h));
		buf_add(&out, text, len);
		free(path);
		xasprintf(&path, "%s/model.bin", dir);
		rv = cache_write_file(path, &out, errstr);
		buf_free(&out);
	}
	model_free(m);
	free(copy);
	free(text);
	free(path);
	return rv;
}

/* The calibrated probability of output o for the features seen since begin. */
double
model_prob(const struct model *m, const struct features *f, int o)
{
	double	 z = m->bias[o] + f->iz[o] / WEIGHT_ONE;

	return 1 / (1 + exp(-(m->cal_a[o] * z + m->cal_b[o])));
}

double
model_threshold(const struct model *m, int o)
{
	return m->threshold[o];
}

size_t
model_size(const struct model *m)
{
	return m->n;
}

/* The features, emitted as strings. */

/*
 * Start weighing a new set of features against m (NULL: only collect
 * their names).  A feature counts once however often it is emitted: the
 * stamp in its slot says whether this set has seen it.  Features the
 * model does not know weigh nothing, so only known ones need the check.
 * The stamps are scratch, like the classifier's other buffers: one set at
 * a time per loaded model.
 */
void
features_begin(struct features *f, struct model *m)
{
	size_t	 i;

	f->m = m;
	for (i = 0; i < MODEL_NOUT; i++)
		f->iz[i] = 0;
	if (m == NULL)
		return;
	if (++m->gen == 0) {
		for (i = 0; i <= m->mask; i++)
			m->slots[i].stamp = 0;
		m->gen = 1;
	}
}

/* A hash the filter passed: its weights, once per feature set. */
static inline void
weigh_known(struct features *f, uint32_t h)
{
	struct slot	*s;
	size_t		 o;

	s = slot_of(f->m, h);
	if (s->key == 0 || s->stamp == f->m->gen)
		return;
	s->stamp = f->m->gen;
	for (o = 0; o < MODEL_NOUT; o++)
		f->iz[o] += s->w[o];
}

static void
weigh(struct features *f, uint32_t h)
{
	if (f->m->filter[FILTER_OF(h) / 64] & 1ULL << (FILTER_OF(h) % 64))
		weigh_known(f, h);
}

/*
 * "k:KEY" and "kt:KEY" for every key of the lexicon, hashed once at load:
 * features_build() weighs one of them for every hit of an item
 * (callgrind, dense classify_bench over 2 MB: 61,800 calls of emit2()
 * gone, features_build() 92.0 M instructions -> 86.1 M).
 */
void
features_keys(struct classifier *c)
{
	const struct strlist	*l;
	size_t			 k, i;

	for (k = 0; k < LK_NKINDS; k++) {
		l = &c->lx.keys[k];
		c->key_hash[k] = xcalloc(2 * l->n + 1, sizeof(uint32_t));
		for (i = 0; i < l->n; i++) {
			c->key_hash[k][2 * i] = fold(hash_more(hash_more(
			    FNV_BASIS, "k:", 2), l->v[i], strlen(l->v[i])));
			c->key_hash[k][2 * i + 1] = fold(hash_more(hash_more(
			    FNV_BASIS, "kt:", 3), l->v[i], strlen(l->v[i])));
		}
	}
}

void
features_keys_free(struct classifier *c)
{
	size_t	 k;

	for (k = 0; k < LK_NKINDS; k++) {
		free(c->key_hash[k]);
		c->key_hash[k] = NULL;
	}
}

/* The feature a followed by b, hashed without being copied. */
static void
emit2(struct features *f, const char *a, size_t alen, const char *b,
    size_t blen)
{
	if (f->names != NULL) {
		char	*s = xmalloc(alen + blen + 1);

		memcpy(s, a, alen);
		memcpy(s + alen, b, blen);
		s[alen + blen] = '\0';
		strlist_add(f->names, s);
		free(s);
	}
	if (f->m != NULL)
		weigh(f, fold(hash_more(hash_more(FNV_BASIS, a, alen), b,
		    blen)));
}

static void
emit(struct features *f, const char *s, size_t len)
{
	emit2(f, s, len, "", 0);
}

void
features_add(struct features *f, const char *s)
{
	emit(f, s, strlen(s));
}

static void
emitf(struct features *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Every format here has only "%s" in it: those are written by hand, cut
 * where vsnprintf() would cut them; any other is left to vsnprintf()
 * (perf, dense classify_bench: vsnprintf was 4% of the instructions).
 * When only weights are wanted, the bytes are hashed where they are, not
 * copied first (see emit3()).
 */
static void
emitf(struct features *f, const char *fmt, ...)
{
	char		 s[96];
	va_list		 ap;
	const char	*p, *a;
	size_t		 n = 0;
	uint64_t	 h = FNV_BASIS;
	int		 r, copy = f->names != NULL;

	for (p = fmt; *p != '\0'; p++)
		if (*p == '%' && p[1] != 's')
			break;
	va_start(ap, fmt);
	if (*p != '\0') {
		r = vsnprintf(s, sizeof(s), fmt, ap);
		va_end(ap);
		if (r > 0)
			emit(f, s, (size_t)r < sizeof(s) ? (size_t)r :
			    sizeof(s) - 1);
		return;
	}
	for (p = fmt; *p != '\0' && n < sizeof(s) - 1; p++) {
		if (*p != '%') {
			if (copy)
				s[n] = *p;
			h = (h ^ (unsigned char)*p) * FNV_PRIME;
			n++;
			continue;
		}
		for (a = va_arg(ap, const char *), p++; *a != '\0' &&
		    n < sizeof(s) - 1; a++, n++) {
			if (copy)
				s[n] = *a;
			h = (h ^ (unsigned char)*a) * FNV_PRIME;
		}
	}
	va_end(ap);
	if (n == 0)
		return;
	if (copy)
		emit(f, s, n);
	else if (f->m != NULL)
		weigh(f, fold(h));
}

/*
 * a, b and c run together, as emitf("%s%s%s") would write them (cut at
 * the same 95 bytes), without vsnprintf: the sentence flags are most of
 * an item's features.
 */
static size_t
put(char *s, size_t n, const char *p)
{
	size_t	 l = strlen(p);

	if (l > 95 - n)
		l = 95 - n;
	memcpy(s + n, p, l);
	return n + l;
}

/* FNV-1a on from h over p, while the feature is under 95 bytes (*n). */
static uint64_t
hash_put(uint64_t h, size_t *n, const char *p)
{
	for (; *p != '\0' && *n < 95; p++, (*n)++)
		h = (h ^ (unsigned char)*p) * FNV_PRIME;
	return h;
}

/*
 * When only weights are wanted the three parts are hashed in place: the
 * copy, its strlen()s and the call to emit2() were most of the cost of
 * the sentence flags (callgrind, dense classify_bench over 2 MB:
 * sentence_flags() 16.0 M instructions -> 11.1 M).
 */
static void
emit3(struct features *f, const char *a, const char *b, const char *c)
{
	char		 s[96];
	size_t		 n = 0;
	uint64_t	 h;

	if (f->names == NULL) {
		if (f->m == NULL)
			return;
		h = hash_put(FNV_BASIS, &n, a);
		h = hash_put(h, &n, b);
		h = hash_put(h, &n, c);
		weigh(f, fold(h));
		return;
	}
	n = put(s, 0, a);
	n = put(s, n, b);
	n = put(s, n, c);
	emit(f, s, n);
}

/* emitf("%s%s%d") */
static void
emit_int(struct features *f, const char *a, const char *b, long long v)
{
	char	 d[24];
	size_t	 i = sizeof(d) - 1;
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

	d[i] = '\0';
	do {
		d[--i] = '0' + u % 10;
		u /= 10;
	} while (u > 0);
	if (v < 0)
		d[--i] = '-';
	emit3(f, a, b, d + i);
}

/* ASCII letters and digits; bytes above 0x7f are handled by the caller. */
static int
tok_alnum(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26 ||
	    (unsigned char)(c - '0') < 10;
}

/* Next word at or after *p below end, lowercased into w; its length. */
static size_t
next_token(const char *text, size_t *p, size_t end, char *w)
{
	size_t	 i = *p, n = 0, digits = 0;

	const unsigned char	*t = (const unsigned char *)text;
	unsigned char		 ch;

	/* The C locale's isalnum(), isalpha() and tolower(), by hand. */
	while (i < end && !tok_alnum(t[i]))
		i++;
	while (i < end && (tok_alnum(t[i]) || (t[i] == '\'' && i + 1 < end &&
	    (unsigned char)((t[i + 1] | 0x20) - 'a') < 26) || (t[i] & 0x80))) {
		ch = t[i];
		if (n < WORD_MAX)
			w[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		digits += (unsigned char)(ch - '0') < 10;
		i++;
	}
	*p = i;
	if (digits > 0 && n > 0) {
		/* Numbers mean little one by one: "#4" for a 4-digit one. */
		w[0] = '#';
		w[1] = '0' + (digits > 9 ? 9 : digits);
		w[2] = '\0';
		n = 2;
	}
	return n;
}

/*
 * What token_hash() and in_lead() ask of a byte, looked up rather than
 * tested as tok_alnum(), an apostrophe and the high bit in turn: TK_START
 * opens a word (tok_alnum), TK_IN runs one on (also bytes above 0x7f),
 * TK_ALPHA may follow an apostrophe within one.
 */
#define TK_START	0x01
#define TK_IN		0x02
#define TK_ALPHA	0x04
static const unsigned char tok_class[256] = {
	['0' ... '9'] = TK_START | TK_IN,
	['A' ... 'Z'] = TK_START | TK_IN | TK_ALPHA,
	['a' ... 'z'] = TK_START | TK_IN | TK_ALPHA,
	[0x80 ... 0xff] = TK_IN,
};

/*
 * A byte of a word as token_hash() hashes it, lowercased, with TB_DIGIT
 * on digits; 0 for a byte that is no part of one (the apostrophe, which
 * is one only before a letter, is looked at apart).
 */
#define TB_DIGIT	0x100
static const uint16_t tok_byte[256] = {
	0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x00 */
	0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x08 */
	0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x10 */
	0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x18 */
	0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x20 */
	0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x28 */
	0x130, 0x131, 0x132, 0x133, 0x134, 0x135, 0x136, 0x137,	/* 0x30 */
	0x138, 0x139, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x38 */
	0x000, 0x061, 0x062, 0x063, 0x064, 0x065, 0x066, 0x067,	/* 0x40 */
	0x068, 0x069, 0x06a, 0x06b, 0x06c, 0x06d, 0x06e, 0x06f,	/* 0x48 */
	0x070, 0x071, 0x072, 0x073, 0x074, 0x075, 0x076, 0x077,	/* 0x50 */
	0x078, 0x079, 0x07a, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x58 */
	0x000, 0x061, 0x062, 0x063, 0x064, 0x065, 0x066, 0x067,	/* 0x60 */
	0x068, 0x069, 0x06a, 0x06b, 0x06c, 0x06d, 0x06e, 0x06f,	/* 0x68 */
	0x070, 0x071, 0x072, 0x073, 0x074, 0x075, 0x076, 0x077,	/* 0x70 */
	0x078, 0x079, 0x07a, 0x000, 0x000, 0x000, 0x000, 0x000,	/* 0x78 */
	0x080, 0x081, 0x082, 0x083, 0x084, 0x085, 0x086, 0x087,	/* 0x80 */
	0x088, 0x089, 0x08a, 0x08b, 0x08c, 0x08d, 0x08e, 0x08f,	/* 0x88 */
	0x090, 0x091, 0x092, 0x093, 0x094, 0x095, 0x096, 0x097,	/* 0x90 */
	0x098, 0x099, 0x09a, 0x09b, 0x09c, 0x09d, 0x09e, 0x09f,	/* 0x98 */
	0x0a0, 0x0a1, 0x0a2, 0x0a3, 0x0a4, 0x0a5, 0x0a6, 0x0a7,	/* 0xa0 */
	0x0a8, 0x0a9, 0x0aa, 0x0ab, 0x0ac, 0x0ad, 0x0ae, 0x0af,	/* 0xa8 */
	0x0b0, 0x0b1, 0x0b2, 0x0b3, 0x0b4, 0x0b5, 0x0b6, 0x0b7,	/* 0xb0 */
	0x0b8, 0x0b9, 0x0ba, 0x0bb, 0x0bc, 0x0bd, 0x0be, 0x0bf,	/* 0xb8 */
	0x0c0, 0x0c1, 0x0c2, 0x0c3, 0x0c4, 0x0c5, 0x0c6, 0x0c7,	/* 0xc0 */
	0x0c8, 0x0c9, 0x0ca, 0x0cb, 0x0cc, 0x0cd, 0x0ce, 0x0cf,	/* 0xc8 */
	0x0d0, 0x0d1, 0x0d2, 0x0d3, 0x0d4, 0x0d5, 0x0d6, 0x0d7,	/* 0xd0 */
	0x0d8, 0x0d9, 0x0da, 0x0db, 0x0dc, 0x0dd, 0x0de, 0x0df,	/* 0xd8 */
	0x0e0, 0x0e1, 0x0e2, 0x0e3, 0x0e4, 0x0e5, 0x0e6, 0x0e7,	/* 0xe0 */
	0x0e8, 0x0e9, 0x0ea, 0x0eb, 0x0ec, 0x0ed, 0x0ee, 0x0ef,	/* 0xe8 */
	0x0f0, 0x0f1, 0x0f2, 0x0f3, 0x0f4, 0x0f5, 0x0f6, 0x0f7,	/* 0xf0 */
	0x0f8, 0x0f9, 0x0fa, 0x0fb, 0x0fc, 0x0fd, 0x0fe, 0x0ff,	/* 0xf8 */
};

/*
 * next_token() and the three FNV-1a hashes words() wants of the word (from
 * the states in h[0..2]), in one pass without copying it: next_token()
 * and the hash loop over its copy were 13% of the dense bench's
 * instructions.  The same word, cut at the same WORD_MAX bytes, and the
 * same "#N" for numbers.  A byte is one look at tok_byte[], the digits
 * are counted only in a word that has one, and the bytes past WORD_MAX
 * in a loop that does not hash (callgrind, dense classify_bench over
 * 2 MB, with batch_flush()'s one filter test: words() 88.8 M instructions
 * -> 72.5 M with tok_class[], 56.8 M with tok_byte[] as well).
 */
static size_t
token_hash(const unsigned char *t, size_t *p, size_t end, uint64_t h[3])
{
	size_t		 i = *p, b, n, lim, digits = 0;
	uint64_t	 x = h[0], y = h[1], z = h[2];
	unsigned int	 v, any = 0;
	unsigned char	 ch;

	while (i < end && !(tok_class[t[i]] & TK_START))
		i++;
	b = i;
	lim = end - i > WORD_MAX ? i + WORD_MAX : end;
	for (; i < lim; i++) {
		if ((v = tok_byte[t[i]]) == 0) {
			if (t[i] != '\'' || i + 1 >= end ||
			    !(tok_class[t[i + 1]] & TK_ALPHA))
				break;
			v = '\'';
		}
		any |= v;
		x = (x ^ (v & 0xff)) * FNV_PRIME;
		y = (y ^ (v & 0xff)) * FNV_PRIME;
		z = (z ^ (v & 0xff)) * FNV_PRIME;
	}
	n = i - b;
	/* Past WORD_MAX bytes a word is read on, not hashed. */
	if (i == lim)
		for (; i < end; i++) {
			if ((v = tok_byte[t[i]]) == 0 && (t[i] != '\'' ||
			    i + 1 >= end || !(tok_class[t[i + 1]] & TK_ALPHA)))
				break;
			any |= v;
		}
	*p = i;
	if (n == 0)
		return 0;
	if (any & TB_DIGIT) {
		/* next_token()'s "#4" for a 4-digit number. */
		for (; b < i; b++)
			digits += (unsigned char)(t[b] - '0') < 10;
		ch = '0' + (digits > 9 ? 9 : digits);
		h[0] = ((h[0] ^ '#') * FNV_PRIME ^ ch) * FNV_PRIME;
		h[1] = ((h[1] ^ '#') * FNV_PRIME ^ ch) * FNV_PRIME;
		h[2] = ((h[2] ^ '#') * FNV_PRIME ^ ch) * FNV_PRIME;
		return 2;
	}
	h[0] = x;
	h[1] = y;
	h[2] = z;
	return n;
}

/*
 * The hashes of a run of words, weighed together: the table's lines are
 * asked for first, so that their cache misses overlap instead of coming
 * one after another.  The sum of the weights does not depend on the order.
 */
#define BATCH	64

struct batch {
	uint32_t	 h[BATCH];
	size_t		 n;
};

/*
 * The filter is asked once per hash: the ones it passes are kept, their
 * lines asked for, then weighed without the filter's second look.
 */
static void
batch_flush(struct features *f, struct batch *b)
{
	const struct model	*m = f->m;
	size_t			 i, n = 0;

	for (i = 0; i < b->n; i++)
		if (m->filter[FILTER_OF(b->h[i]) / 64] &
		    1ULL << (FILTER_OF(b->h[i]) % 64)) {
			__builtin_prefetch(&m->slots[(size_t)(b->h[i] *
			    2654435761u) & m->mask]);
			b->h[n++] = b->h[i];
		}
	for (i = 0; i < n; i++)
		weigh_known(f, b->h[i]);
	b->n = 0;
}

static void
batch_add(struct features *f, struct batch *b, uint32_t h)
{
	b->h[b->n++] = h;
	if (b->n == BATCH)
		batch_flush(f, b);
}

static void
words(struct features *f, const char *text, size_t from, size_t to,
    const char *uni, int pairs)
{
	char	 w[WORD_MAX + 2], pair[2 * WORD_MAX + 4];
	size_t	 p = from, n, pn = 0, ul = strlen(uni);
	uint64_t hu, hb, hp = 0, h[3];
	int	 prev = 0;
	struct batch bt;

	if (f->names == NULL && f->m != NULL) {
		/*
		 * FNV-1a runs left to right: the states after "t:" and after
		 * "b:PREV_" are kept, not hashed again for every word, and
		 * the three hashes of a word share one pass over it.
		 */
		hu = hash_more(FNV_BASIS, uni, ul);
		hb = ((FNV_BASIS ^ 'b') * FNV_PRIME ^ ':') * FNV_PRIME;
		bt.n = 0;
		for (;;) {
			h[0] = hu;
			h[1] = hp;
			h[2] = hb;
			if (token_hash((const unsigned char *)text, &p, to, h) == 0)
				break;
			batch_add(f, &bt, fold(h[0]));
			if (pairs && prev)
				batch_add(f, &bt, fold(h[1]));
			hp = (h[2] ^ '_') * FNV_PRIME;
			prev = 1;
		}
		batch_flush(f, &bt);
		return;
	}
	while ((n = next_token(text, &p, to, w)) > 0) {
		emit2(f, uni, ul, w, n);
		if (pairs && pn > 0) {
			/* pair holds "PREV_"; the word goes after it. */
			memcpy(pair + pn + 1, w, n);
			emit2(f, "b:", 2, pair, pn + 1 + n);
		}
		memcpy(pair, w, n);
		pair[n] = '_';
		pn = n;
	}
}

static void	 neighbours(const char *, size_t, size_t, size_t, char *,
		    char *);

/*
 * A judged sentence's flags, as features "PRE:FLAG" for PRE one of
 * sflag_pre[]: its statecraft (0, 1 or 2), its step, whether it has a
 * verb, the findings of sflag_names[] it holds and its negative.txt keys,
 * in that order.  All of them are known at load, so they are hashed once
 * there (sflags_hash()) and only weighed here: the sentence flags are most
 * of an item's features (callgrind, dense classify_bench over 2 MB:
 * sentence_flags() 11.1 M instructions -> 4.4 M).
 */
#define SF_STATECRAFT	0	/* 3 of them */
#define SF_ACT		3	/* one per action name */
#define SF_VERB		13	/* "0" and "1" */
#define SF_FLAG		15	/* sflag_names[] */
#define SF_NEG		30	/* up to 32 negative.txt keys */
#define SF_NACT		10
#define SF_NFLAG	15

static const char *const sflag_pre[3] = { "s", "ts", "best" };
static const char *const sflag_names[SF_NFLAG] = {
	":strong", ":says", ":negated", ":hypo", ":future", ":report",
	":passive", ":relative", ":nominal", ":subordinate", ":background",
	":announce", ":actors", ":targets", ":title"
};
_Static_assert(SF_NEG + 32 == SFLAG_N, "SFLAG_N: the flags' count");
_Static_assert(SF_ACT + SF_NACT == SF_VERB, "one slot per action");

/* Which of sflag_names[] s holds. */
static void
sflag_values(const struct sent *s, int *v)
{
	v[0] = s->strong;
	v[1] = s->says;
	v[2] = s->negated;
	v[3] = s->hypo;
	v[4] = s->future;
	v[5] = s->report;
	v[6] = s->passive;
	v[7] = s->relative;
	v[8] = s->nominal;
	v[9] = s->subordinate;
	v[10] = s->background;
	v[11] = s->announce;
	v[12] = s->nactors > 0;
	v[13] = s->ntargets > 0;
	v[14] = s->index == 0;
}

/* emit3()'s hash of a, b and c. */
static uint32_t
hash3(const char *a, const char *b, const char *c)
{
	uint64_t	 h;
	size_t		 n = 0;

	h = hash_put(FNV_BASIS, &n, a);
	h = hash_put(h, &n, b);
	return fold(hash_put(h, &n, c));
}

void
sflags_hash(struct classifier *c)
{
	const struct strlist	*neg = &c->lx.keys[LK_NEGATIVE];
	uint32_t		*h;
	size_t			 p, k;
	char			 d[2] = { 0, 0 };

	for (p = 0; p < 3; p++) {
		h = c->sflag_hash[p];
		for (k = 0; k < 3; k++) {
			d[0] = '0' + k;		/* emit_int()'s digits */
			h[SF_STATECRAFT + k] = hash3(sflag_pre[p],
			    ":statecraft:", d);
		}
		for (k = 0; k < SF_NACT; k++)
			h[SF_ACT + k] = hash3(sflag_pre[p], ":act:",
			    action_name(k));
		h[SF_VERB] = hash3(sflag_pre[p], ":verb:", "0");
		h[SF_VERB + 1] = hash3(sflag_pre[p], ":verb:", "1");
		for (k = 0; k < SF_NFLAG; k++)
			h[SF_FLAG + k] = hash3(sflag_pre[p], sflag_names[k], "");
		for (k = 0; k < neg->n && k < 32; k++)
			h[SF_NEG + k] = hash3(sflag_pre[p], ":neg:", neg->v[k]);
	}
}

static void
sentence_flags(const struct classifier *c, struct features *f, int p,
    const struct sent *s)
{
	const uint32_t	*h = c->sflag_hash[p];
	const char	*pre = sflag_pre[p];
	size_t		 k, nneg = c->lx.keys[LK_NEGATIVE].n;
	int		 v[SF_NFLAG];

	sflag_values(s, v);
	if (f->names == NULL && s->statecraft >= 0 && s->statecraft <= 2) {
		if (f->m == NULL)
			return;
		weigh(f, h[SF_STATECRAFT + s->statecraft]);
		weigh(f, h[SF_ACT + ((size_t)s->action < SF_NACT ?
		    (size_t)s->action : 0)]);
		weigh(f, h[SF_VERB + (s->verb >= 0)]);
		for (k = 0; k < SF_NFLAG; k++)
			if (v[k])
				weigh(f, h[SF_FLAG + k]);
		for (k = 0; k < nneg && k < 32; k++)
			if (s->neg & (1u << k))
				weigh(f, h[SF_NEG + k]);
		return;
	}
	emit_int(f, pre, ":statecraft:", s->statecraft);
	emit3(f, pre, ":act:", action_name(s->action));
	emit3(f, pre, ":verb:", s->verb >= 0 ? "1" : "0");
	for (k = 0; k < SF_NFLAG; k++)
		if (v[k])
			emit3(f, pre, sflag_names[k], "");
	for (k = 0; k < nneg && k < 32; k++)
		if (s->neg & (1u << k))
			emit3(f, pre, ":neg:", c->lx.keys[LK_NEGATIVE].v[k]);
}

/*
 * What the deciding sentence's verb is and who says it: the word, its
 * neighbours, whether a state or body stands before it (its subject:
 * "U.S. blacklists" against "chipmakers urge"), and the step crossed with
 * its tense and modality (a linear model cannot cross them itself).
 */
static void
verb_features(const struct classifier *c, struct features *f,
    const char *text, size_t len, const struct hits *hs, const struct sent *s)
{
	char		 before[WORD_MAX + 2], after[WORD_MAX + 2];
	const char	*act = action_name(s->action), *k;
	const struct hit *vh;
	size_t		 i;
	int		 state = 0;

	if (s->future)
		emitf(f, "bx:%s:future", act);
	if (s->hypo)
		emitf(f, "bx:%s:hypo", act);
	if (s->negated)
		emitf(f, "bx:%s:negated", act);
	if (s->report)
		emitf(f, "bx:%s:report", act);
	if (s->index == 0)
		emitf(f, "bx:%s:title", act);
	if (s->verb < 0)
		return;
	vh = &hs->v[s->verb];
	k = c->lx.keys[vh->kind].v[vh->key];
	emit2(f, "bv:", 3, k, strlen(k));
	neighbours(text, len, vh->from, vh->to, before, after);
	emit2(f, "bv:prev:", 8, before, strlen(before));
	emit2(f, "bv:next:", 8, after, strlen(after));
	for (i = s->h0; i < s->h1 && hs->v[i].from < vh->from; i++)
		if (hs->v[i].kind == LK_COUNTRY || hs->v[i].kind == LK_AUTHORITY)
			state = 1;
	emitf(f, "bx:%s:%s", act, state ? "state_subject" : "other_subject");
}

/* The title's first word: "Factbox", "Highlights", "Senators", "EU". */
static void
title_start(struct features *f, const char *text, size_t title_end)
{
	char	 w[WORD_MAX + 2];
	size_t	 p = 0, n;

	if ((n = next_token(text, &p, title_end, w)) > 0)
		emit2(f, "t0:", 3, w, n);
}

/*
 * A sanctions law, order or resolution named by its title or number (not
 * the bare words "executive order"): one feature for them all, which the
 * few items citing each one could not teach ("Council Regulation (EU) No
 * 833/2014" is as telling as "Executive Order 13224").
 */
static int
names_legal_basis(const struct classifier *c, const struct hits *hs)
{
	size_t	 i;

	for (i = 0; i < hs->n; i++)
		if (hs->v[i].kind == LK_LEGAL && strcmp(c->lx.keys[LK_LEGAL].v[
		    hs->v[i].key], "executive order") != 0)
			return 1;
	return 0;
}

/*
 * A Council Regulation (EU) or Decision (CFSP) by number: how the EU's
 * own releases name the act that takes a step.
 */
int
names_eu_act(const struct classifier *c, const struct hits *hs)
{
	const char	*k;
	size_t		 i;

	for (i = 0; i < hs->n; i++) {
		if (hs->v[i].kind != LK_LEGAL)
			continue;
		k = c->lx.keys[LK_LEGAL].v[hs->v[i].key];
		if (strcmp(k, "EU Regulation #") == 0 ||
		    strcmp(k, "EU Decision #") == 0)
			return 1;
	}
	return 0;
}

/*
 * Is text at p within a question put to a spokesman ("Q: ... What is
 * your comment?"), the last turn before p being a "Q:" or "QUESTION:",
 * not an "A:"?  The step it recites was reported elsewhere; the item is
 * the reaction to it.
 */
static int
in_question(const char *text, size_t p)
{
	const char	*colon;
	size_t		 b;

	/*
	 * The colons before p, last first, found by memrchr() rather than
	 * byte by byte back to the start of the text (callgrind, dense
	 * classify_bench over 2 MB: in_question() 3.5 M instructions ->
	 * 0.1 M).
	 */
	while ((colon = memrchr(text, ':', p)) != NULL) {
		p = (size_t)(colon - text);
		for (b = p; b > 0 && tok_alnum((unsigned char)text[b - 1]); b--)
			;
		if (word_is(text, b, p, "q") || word_is(text, b, p, "question"))
			return 1;
		if (word_is(text, b, p, "a") || word_is(text, b, p, "answer"))
			return 0;
	}
	return 0;
}

/*
 * Does words() over [from, to) read only words it read over the lead,
 * [0, lead_to)?  It does when the span lies in the lead and cuts no word
 * at either end (nor "don't" at its apostrophe): then its words are a run
 * of the lead's, cut alike, and its pairs are pairs of the lead's, which
 * count once.  A judged sentence in the lead is read twice otherwise
 * (callgrind, dense classify_bench over 2 MB: words() 72.5 M instructions
 * -> 64.4 M).
 */
static int
in_lead(const char *text, size_t from, size_t to, size_t lead_to)
{
	const unsigned char	*t = (const unsigned char *)text;

	return to <= lead_to &&
	    (from == 0 || (!(tok_class[t[from - 1]] & TK_IN) &&
	    t[from - 1] != '\'')) &&
	    (to == lead_to || (!(tok_class[t[to]] & TK_IN) && t[to] != '\''));
}

/*
 * Every feature of one item.  text is the folded item (title first, up to
 * title_end); v are its judged sentences, best the rules' pick or NULL.
 */
void
features_build(const struct classifier *c, const char *text, size_t len,
    size_t title_end, const struct hits *hs, const struct sent *v, size_t n,
    const struct sent *best, const struct rule_verdict *rv,
    struct features *f)
{
	size_t		 i, body_to, lead_to, to;
	int		 body;
	const char	*k;
	const uint32_t	*kh;

	emit(f, "bias:1", 6);
	body = len > title_end + 2;
	body_to = len < title_end + BODY_BYTES ? len : title_end + BODY_BYTES;
	words(f, text, 0, title_end, "t:", 1);
	/*
	 * Of the body, the lead and the sentences that hold a sanctions
	 * word: the rest of an article says what else happened that day, and
	 * with a few thousand labelled items its words are noise the model
	 * learns (the same cross-validated F1 without them, from a model a
	 * third of the size: tests/eval/train.py --report).
	 */
	lead_to = body_to < title_end + LEAD_BYTES ? body_to :
	    title_end + LEAD_BYTES;
	words(f, text, 0, lead_to, "w:", 1);
	for (i = 0; i < n; i++) {
		if (v[i].index == 0 || v[i].from >= body_to)
			continue;
		to = v[i].to < body_to ? v[i].to : body_to;
		/* Its words and pairs are the lead's, already weighed. */
		if (f->names == NULL && in_lead(text, v[i].from, to, lead_to))
			continue;
		words(f, text, v[i].from, to, "w:", 1);
	}
	if (!body)
		emit(f, "r:headline_only", 15);
	for (i = 0; i < hs->n; i++) {
		if (hs->v[i].kind == LK_COUNTRY)
			continue;
		if (f->names == NULL) {
			if (f->m == NULL)
				continue;
			kh = &c->key_hash[hs->v[i].kind][2 * hs->v[i].key];
			weigh(f, kh[0]);
			if (hs->v[i].from < title_end)
				weigh(f, kh[1]);
			continue;
		}
		k = c->lx.keys[hs->v[i].kind].v[hs->v[i].key];
		emit2(f, "k:", 2, k, strlen(k));
		if (hs->v[i].from < title_end)
			emit2(f, "kt:", 3, k, strlen(k));
	}
	title_start(f, text, title_end);
	emit_int(f, "r:sents:", "", n > 4 ? 4 : (long long)n);
	if (rv->relevant)
		emit(f, "r:relevant", 10);
	if (rv->announcement)
		emit(f, "r:announcement", 14);
	if (rv->genre)
		emit(f, "r:genre", 7);
	if (rv->commerce)
		emit(f, "r:commerce", 10);
	emit_int(f, "r:score:", "", (int)(rv->score * 10));
	if (names_legal_basis(c, hs))
		emit(f, "r:legal", 7);
	if (names_eu_act(c, hs))
		emit(f, "r:eu_act", 8);
	for (i = 0; i < n; i++) {
		sentence_flags(c, f, 0, &v[i]);
		/* The headline's own findings, apart from the body's. */
		if (v[i].index == 0)
			sentence_flags(c, f, 1, &v[i]);
	}
	if (best != NULL) {
		sentence_flags(c, f, 2, best);
		verb_features(c, f, text, len, hs, best);
		/*
		 * Where the verb stands ("Q: The US said it would ..."); a
		 * headline that is the question's first words: its "Q:".
		 */
		if (in_question(text, best->index == 0 ? (len < title_end +
		    12 ? len : title_end + 12) : best->verb >= 0 ?
		    hs->v[best->verb].from : best->from)) {
			emit(f, "best:asked", 10);
			emitf(f, "bx:%s:asked", action_name(best->action));
		}
	}
}

/*
 * The states and bodies an item names (in its title and the part of the
 * body the model reads), each once, in order of first mention.
 */
size_t
mention_codes(const struct classifier *c, const struct hits *hs,
    size_t limit, const char **codes, size_t max)
{
	size_t		 i, j, n = 0;
	const char	*code;

	for (i = 0; i < hs->n && hs->v[i].from < limit; i++) {
		if ((code = hit_code(c, &hs->v[i])) == NULL)
			continue;
		for (j = 0; j < n && !code_eq(codes[j], code); j++)
			;
		if (j == n && n < max)
			codes[n++] = code;
	}
	return n;
}

static int
role_has(const char *const *v, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (code_eq(v[i], code))
			return 1;
	return 0;
}

/* The word before [from, ...) and the one after [..., to), lowercased. */
static void
neighbours(const char *text, size_t len, size_t from, size_t to,
    char *before, char *after)
{
	size_t	 b = from, e, n, p = to;

	while (b > 0 && !isalnum((unsigned char)text[b - 1]) &&
	    text[b - 1] != '\n')
		b--;
	e = b;
	while (b > 0 && isalnum((unsigned char)text[b - 1]) && e - b < WORD_MAX)
		b--;
	for (n = 0; b < e; b++)
		before[n++] = (char)tolower((unsigned char)text[b]);
	before[n] = '\0';
	if (p + 1 < len && text[p] == '\'' && text[p + 1] == 's') {
		strcpy(after, "'s");
		return;
	}
	if ((n = next_token(text, &p, len < p + 40 ? len : p + 40,
	    after)) > 0 && (p - n == to || text[to] == ' '))
		after[n] = '\0';
	else
		after[0] = '\0';
}

/*
 * Where a mention stands in the judged sentence that holds it: features
 * "m:PRE:..." for PRE one of mention_pre[], from a few words each, so
 * hashed once at load (mentions_hash()) and only weighed per mention
 * (callgrind, dense classify_bench over 2 MB: mention_in_sentence() 8.9 M
 * instructions -> 1.3 M).
 */
#define MS_IN		0
#define MS_VERB		1	/* + side: 0 before, 1 after */
#define MS_VERB_ACT	3	/* + side * SF_NACT + action */
#define MS_PASSIVE	23	/* + side */
#define MS_CORE		25	/* + side */
_Static_assert(MS_CORE + 2 == MSENT_N, "MSENT_N: the slots' count");
_Static_assert(MS_VERB_ACT + 2 * SF_NACT == MS_PASSIVE, "two sides");

static const char *const mention_pre[3] = { "title", "sent", "best" };
static const char *const mention_side[2] = { "before", "after" };

/* emitf()'s hash of a feature of at most 95 bytes, its format all "%s". */
static uint32_t
hash_s(const char *s)
{
	size_t	 n = 0;

	return fold(hash_put(FNV_BASIS, &n, s));
}

void
mentions_hash(struct classifier *c)
{
	uint32_t	*h;
	char		 s[96];
	size_t		 p, d, a;

	for (p = 0; p < 3; p++) {
		h = c->msent_hash[p];
		h[MS_IN] = hash3("m:", mention_pre[p], ":in");
		for (d = 0; d < 2; d++) {
			snprintf(s, sizeof(s), "m:%s:%s_verb", mention_pre[p],
			    mention_side[d]);
			h[MS_VERB + d] = hash_s(s);
			for (a = 0; a < SF_NACT; a++) {
				snprintf(s, sizeof(s), "m:%s:%s_verb:%s",
				    mention_pre[p], mention_side[d],
				    action_name(a));
				h[MS_VERB_ACT + d * SF_NACT + a] = hash_s(s);
			}
			snprintf(s, sizeof(s), "m:%s:%s_verb:passive",
			    mention_pre[p], mention_side[d]);
			h[MS_PASSIVE + d] = hash_s(s);
			snprintf(s, sizeof(s), "m:%s:%s_core", mention_pre[p],
			    mention_side[d]);
			h[MS_CORE + d] = hash_s(s);
		}
	}
}

static void
mention_in_sentence(const struct classifier *c, struct features *f,
    const struct hits *hs, const struct sent *s, const struct hit *m, int p)
{
	const uint32_t	*h = c->msent_hash[p];
	const char	*pre = mention_pre[p], *act = action_name(s->action);
	size_t		 k, a;
	int		 side, fast = f->names == NULL;

	if (fast && f->m == NULL)
		return;
	a = (size_t)s->action < SF_NACT ? (size_t)s->action : 0;
	if (fast)
		weigh(f, h[MS_IN]);
	else
		emit3(f, "m:", pre, ":in");
	if (s->verb >= 0) {
		side = m->from < hs->v[s->verb].from ? 0 : 1;
		/* Who stands before "lifts" acts; before "faces", suffers. */
		if (fast) {
			weigh(f, h[MS_VERB + side]);
			weigh(f, h[MS_VERB_ACT + side * SF_NACT + a]);
			if (s->passive)
				weigh(f, h[MS_PASSIVE + side]);
		} else {
			emitf(f, "m:%s:%s_verb", pre, mention_side[side]);
			emitf(f, "m:%s:%s_verb:%s", pre, mention_side[side],
			    act);
			if (s->passive)
				emitf(f, "m:%s:%s_verb:passive", pre,
				    mention_side[side]);
		}
	}
	for (k = s->h0; k < s->h1; k++)
		if (hs->v[k].kind == LK_CORE) {
			side = m->from < hs->v[k].from ? 0 : 1;
			if (fast)
				weigh(f, h[MS_CORE + side]);
			else
				emitf(f, "m:%s:%s_core", pre,
				    mention_side[side]);
			break;
		}
}

/*
 * The two words before a mention as one feature: "sanctions_on",
 * "imposed_by", "added_to" say more than "on" or "by" alone.
 */
static void
word_before(struct features *f, const char *text, size_t from,
    const char *prev)
{
	char	 w[WORD_MAX + 2], pair[2 * WORD_MAX + 4];
	size_t	 b = from, e, n, pl;

	while (b > 0 && !isalnum((unsigned char)text[b - 1]))
		b--;
	while (b > 0 && isalnum((unsigned char)text[b - 1]))
		b--;
	while (b > 0 && !isalnum((unsigned char)text[b - 1]) &&
	    text[b - 1] != '\n' && text[b - 1] != '.')
		b--;
	if (b == 0 || !isalnum((unsigned char)text[b - 1]))
		return;
	e = b;
	while (b > 0 && isalnum((unsigned char)text[b - 1]) && e - b < WORD_MAX)
		b--;
	for (n = 0; b < e; b++)
		w[n++] = (char)tolower((unsigned char)text[b]);
	/* "%s_%s" by hand: at most 24 + 1 + 24 bytes, no cut to make. */
	pl = strlen(prev);
	memcpy(pair, w, n);
	pair[n] = '_';
	memcpy(pair + n + 1, prev, pl);
	emit2(f, "m:prev2:", 8, pair, n + 1 + pl);
}

/*
 * The features of one state or body the item names, for the two
 * per-mention models: does it act (authority), or suffer (target)?
 */
void
features_mention(const struct classifier *c, const char *text, size_t len,
    const struct hits *hs, const struct sent *v, size_t n,
    const struct sent *best, const char *code, struct features *f)
{
	char		 before[WORD_MAX + 2], after[WORD_MAX + 2];
	size_t		 i, j, count = 0;
	const char	*hc;
	const struct hit *m;
	int		 first = 1;

	j = 0;
	emit(f, "m:bias", 6);
	emit3(f, "m:code:", code, "");
	if (role_usual(code))
		emit(f, "m:usual", 7);
	emit3(f, "m:act:", best ? action_name(best->action) : "none", "");
	for (i = 0; i < hs->n; i++) {
		m = &hs->v[i];
		if ((hc = hit_code(c, m)) == NULL)
			continue;
		if (!code_eq(hc, code)) {
			first = 0;
			continue;
		}
		if (count++ == 0 && first)
			emit(f, "m:first", 7);
		emitf(f, "m:kind:%s", m->kind == LK_AUTHORITY ? "authority" :
		    "country");
		neighbours(text, len, m->from, m->to, before, after);
		emit2(f, "m:prev:", 7, before, strlen(before));
		emit2(f, "m:next:", 7, after, strlen(after));
		if (before[0] != '\0' && m->from > 1)
			word_before(f, text, m->from, before);
		/* Hits and judged sentences are both in text order. */
		while (j < n && v[j].to <= m->from)
			j++;
		if (j < n && m->from >= v[j].from && m->to <= v[j].to) {
			mention_in_sentence(c, f, hs, &v[j], m,
			    v[j].index == 0 ? 0 : 1);
			if (&v[j] == best)
				mention_in_sentence(c, f, hs, &v[j], m, 2);
		}
	}
	emit_int(f, "m:count:", "", count > 3 ? 3 : (long long)count);
	for (j = 0; j < n; j++) {
		if (role_has(v[j].actors, v[j].nactors, code))
			emit(f, "m:rule_actor", 12);
		if (role_has(v[j].targets, v[j].ntargets, code))
			emit(f, "m:rule_target", 13);
	}
	if (best == NULL)
		return;
	/*
	 * The rules' role crossed with what makes it trustworthy: the step,
	 * and whether the state usually imposes ("Iran has imposed sanctions
	 * on 51 Americans": the rules read it; a prior on Iran does not).
	 */
	if (role_has(best->actors, best->nactors, code)) {
		emit(f, "m:best_actor", 12);
		emitf(f, "m:best_actor:%s", action_name(best->action));
		emitf(f, "m:best_actor:%s", role_usual(code) ? "usual" :
		    "unusual");
		if (best->announce)
			emit(f, "m:best_actor:announce", 21);
	}
	if (role_has(best->targets, best->ntargets, code)) {
		emit(f, "m:best_target", 13);
		emitf(f, "m:best_target:%s", action_name(best->action));
		emitf(f, "m:best_target:%s", role_usual(code) ? "usual" :
		    "unusual");
	}
}

void
features_free(struct features *f)
{
	f->m = NULL;
}
