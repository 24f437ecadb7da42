/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * json.c: serialize items and their sanctions events as SPEC fixes them.
 * Absent values are omitted, never invented.
 *
 * Two writers of the same bytes: item_json() builds a jansson tree, for
 * the commands that reshape it; jw_item() writes the compact text
 * straight into a buffer, for the daemon's hot path, where building a tree
 * of small allocations per item and serializing it cost more than the
 * parsing (issue 14).  tests/unit/test_jsonw.c holds them to the same
 * bytes: jansson's rules are followed exactly (strings that are not valid
 * UTF-8 dropped, the same escapes, reals as "%.6g" with ".0" added and
 * the exponent's '+' and leading zeros removed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <jansson.h>

#include "daemon.h"

static void
set_str(json_t *o, const char *key, const char *val)
{
	/* jansson refuses invalid UTF-8: such a value is dropped, not sent. */
	if (val != NULL)
		json_object_set_new(o, key, json_string(val));
}

static void
set_date(json_t *o, const char *key, int64_t t)
{
	char	 s[64];

	if (t == DATE_NONE)
		return;
	date_format(t, s, sizeof(s));
	json_object_set_new(o, key, json_string(s));
}

static json_t *
strlist_json(const struct strlist *l)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

static json_t *
feed_json(const struct feed_meta *m)
{
	json_t	*o;

	o = json_object();
	if (m != NULL) {
		set_str(o, "title", m->title);
		set_str(o, "link", m->link);
		set_str(o, "url", m->url);
	}
	return o;
}

static json_t *
enclosures_json(const struct item *it)
{
	json_t			*a, *e;
	const struct enclosure	*en;
	size_t			 i;

	a = json_array();
	for (i = 0; i < it->nenclosures; i++) {
		en = &it->enclosures[i];
		e = json_object();
		set_str(e, "url", en->url);
		set_str(e, "type", en->type);
		if (en->length >= 0)
			json_object_set_new(e, "length",
			    json_integer(en->length));
		json_array_append_new(a, e);
	}
	return a;
}

/* The page behind the item, when one was fetched. */
static void
article_json(json_t *o, const struct item *it)
{
	json_t	*a;

	if (it->article_status == NULL)
		return;
	a = json_object();
	set_str(a, "url", it->article_url);
	set_str(a, "status", it->article_status);
	set_str(a, "text", it->article_text != NULL ? it->article_text : "");
	json_object_set_new(o, "article", a);
}

static json_t *
entry_json(const struct item *it)
{
	json_t	*o;

	o = json_object();
	set_str(o, "id", it->id);
	set_str(o, "title", it->title);
	set_str(o, "link", it->link);
	set_date(o, "published", it->published);
	set_date(o, "updated", it->updated);
	set_str(o, "author", it->author);
	set_str(o, "summary", it->summary);
	set_str(o, "content", it->content);
	json_object_set_new(o, "categories", strlist_json(&it->categories));
	json_object_set_new(o, "enclosures", enclosures_json(it));
	article_json(o, it);
	return o;
}

static json_t *
sanctions_json(const struct sanctions *s)
{
	json_t	*o, *t;

	o = json_object();
	json_object_set_new(o, "relevant", json_boolean(s->relevant));
	json_object_set_new(o, "announcement", json_boolean(s->announcement));
	json_object_set_new(o, "score", json_real(s->score));
	json_object_set_new(o, "action",
	    json_string(action_name(s->action)));
	json_object_set_new(o, "authorities", strlist_json(&s->authorities));
	t = json_object();
	json_object_set_new(t, "countries", strlist_json(&s->countries));
	json_object_set_new(t, "named", strlist_json(&s->named));
	if (s->count >= 0)
		json_object_set_new(t, "count", json_integer(s->count));
	json_object_set_new(o, "targets", t);
	json_object_set_new(o, "legal_basis", strlist_json(&s->legal_basis));
	json_object_set_new(o, "measures", strlist_json(&s->measures));
	if (s->duration != NULL)
		json_object_set_new(o, "duration", json_string(s->duration));
	json_object_set_new(o, "evidence", strlist_json(&s->evidence));
	return o;
}

json_t *
item_json(const struct feed_meta *m, const struct item *it,
    const struct sanctions *s)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "feed", feed_json(m));
	json_object_set_new(o, "item", it ? entry_json(it) : json_null());
	if (s != NULL)
		json_object_set_new(o, "sanctions", sanctions_json(s));
	return o;
}

char *
json_line(json_t *o)
{
	char	*s;

	/* Scores print as 0.947, not 0.94699999999999995. */
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(6));
	if (s == NULL)
		fatalx("json_dumps failed");
	return s;
}

/* A member's string, "" when it is absent or not a string. */
const char *
json_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* The strings of an array appended to b, joined with sep. */
void
json_join(struct buf *b, json_t *a, const char *sep)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		if (b->len > 0)
			buf_adds(b, sep);
		buf_adds(b, json_string_value(v));
	}
}

/*
 * The length of the UTF-8 sequence at p as jansson accepts it (shortest
 * form, no surrogates, <= U+10FFFF), 0 if it is not one.
 */
static size_t
utf8_seq(const unsigned char *p)
{
	unsigned int	 cp, min;
	size_t		 n, i;

	if (*p >= 0xc2 && *p <= 0xdf) {
		n = 2;
		cp = *p & 0x1f;
		min = 0x80;
	} else if (*p >= 0xe0 && *p <= 0xef) {
		n = 3;
		cp = *p & 0x0f;
		min = 0x800;
	} else if (*p >= 0xf0 && *p <= 0xf4) {
		n = 4;
		cp = *p & 0x07;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int
jw_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	while (*p != '\0') {
		if (*p < 0x80)
			p++;
		else if ((n = utf8_seq(p)) == 0)
			return 0;
		else
			p += n;
	}
	return 1;
}

/* A comma unless this is the first member or element. */
static void
jw_sep(struct buf *b)
{
	char	 c;

	if (b->len == 0)
		return;
	c = b->d[b->len - 1];
	if (c != '{' && c != '[' && c != ':')
		buf_addc(b, ',');
}

/* The bytes copied as they are: printable ASCII but '"' and '\\'. */
static const unsigned char plain[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};

#if defined(__SSE2__)
/*
 * How many of the 16 bytes at q plain[] copies as they are, from the first
 * (callgrind, "sanctionctl parse" of bench_parse's 200 feeds: jw_quote
 * 26.2 M instructions eight bytes a turn, 13.6 M so).
 */
#define PLAIN_RUN	16
static size_t
plain_run(const unsigned char *q)
{
	__m128i		 v = _mm_loadu_si128((const __m128i *)(const void *)q);
	unsigned int	 bad;

	/* Signed: bytes from 0x80 up are below 0x20 too. */
	bad = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
	return bad == 0 ? 16 : (size_t)__builtin_ctz(bad);
}
#elif defined(SWAR8)
/*
 * Eight bytes at q that plain[] copies as they are, tested at once: 8, or
 * 0 (perf, "sanctionctl parse" of bench_parse's 200 feeds: jw_quote 5.8%
 * of the time one byte a turn, 2.5% with this).
 */
#define PLAIN_RUN	8
static size_t
plain_run(const unsigned char *q)
{
	uint64_t	 w;

	memcpy(&w, q, sizeof(w));
	return (w & SWAR_HIGHS) == 0 &&
	    ((w - 0x20 * SWAR_ONES) & ~w & SWAR_HIGHS) == 0 &&
	    SWAR_HAS_BYTE(w, 0x22) == 0 && SWAR_HAS_BYTE(w, 0x5c) == 0 ? 8 : 0;
}
#else
#define PLAIN_RUN	8
static size_t
plain_run(const unsigned char *q)
{
	(void)q;
	return 0;
}
#endif

/*
 * A string value, escaped as jansson does (no '/' or non-ASCII escapes),
 * checked as it is copied when check is set: 0 if it is not valid UTF-8
 * (then part of it may be in b: the caller takes it back).
 */
static int
jw_quote(struct buf *b, const char *s, int check)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p = (const unsigned char *)s, *q, *end;
	char			 e[6] = { '\\', 'u', '0', '0', 0, 0 };
	size_t			 n;

	end = p + strlen(s);	/* plain_run() reads no further */
	buf_addc(b, '"');
	for (;;) {
		for (q = p;;) {
			for (;;) {
				while (end - q >= PLAIN_RUN &&
				    (n = plain_run(q)) > 0) {
					q += n;
					if (n < PLAIN_RUN)
						break;
				}
				if (!plain[*q])
					break;
				q++;
			}
			if (*q < 0x80 || !check || (n = utf8_seq(q)) == 0)
				break;
			q += n;
		}
		buf_add(b, p, q - p);
		if (*q == '\0')
			break;
		if (*q >= 0x80) {
			if (check)
				return 0;
			buf_addc(b, *q);	/* unchecked: as it is */
			p = q + 1;
			continue;
		}
		switch (*q) {
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\b':
			buf_add(b, "\\b", 2);
			break;
		case '\f':
			buf_add(b, "\\f", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		default:
			e[4] = hex[*q >> 4];
			e[5] = hex[*q & 0xf];
			buf_add(b, e, 6);
			break;
		}
		p = q + 1;
	}
	buf_addc(b, '"');
	return 1;
}

/* Take back what was written since mark. */
static void
jw_undo(struct buf *b, size_t mark)
{
	b->len = mark;
	b->d[mark] = '\0';
}

/* A string the caller has checked (jw_valid()). */
void
jw_str_value(struct buf *b, const char *s)
{
	jw_quote(b, s, 0);
}

/*
 * Keys are this program's own literals, plain ASCII that needs no escape:
 * copied as they are (223 instructions a key through jw_str_value, a
 * quarter of jw_item's; callgrind, bench_daemon).  The separator, the
 * quoted key and its colon go straight into the buffer, inline, so that
 * a literal key's length is known where it is written: 116 instructions a
 * key with strlen() and a buf_add() of a copy on the stack (callgrind,
 * sanctionctl parse of 200 feeds: 144,000 keys, jw_key 16.8 M, jw_item
 * 46.9 M), jw_item 39.8 M so.  Longer keys take the slow path.
 */
#define JW_KEY_FAST	60

static inline void
jw_keyn(struct buf *b, const char *key, size_t n)
{
	char	*start, *o, c;

	if (n > JW_KEY_FAST) {
		jw_sep(b);
		buf_addc(b, '"');
		buf_add(b, key, n);
		buf_add(b, "\":", 2);
		return;
	}
	start = o = buf_reserve(b, n + 4);
	if (b->len > 0 && (c = o[-1]) != '{' && c != '[' && c != ':')
		*o++ = ',';
	*o++ = '"';
	memcpy(o, key, n);
	o += n;
	*o++ = '"';
	*o++ = ':';
	b->len += o - start;
	*o = '\0';
}

/* Inline, so that a literal key's length is known where it is written. */
static inline void
jw_key_in(struct buf *b, const char *key)
{
	jw_keyn(b, key, strlen(key));
}

void
jw_key(struct buf *b, const char *key)
{
	jw_key_in(b, key);
}

/* A string member; one jansson would refuse (NULL, bad UTF-8) is left out. */
void
jw_str(struct buf *b, const char *key, const char *val)
{
	size_t	 mark = b->len;

	if (val == NULL)
		return;
	jw_key_in(b, key);
	if (!jw_quote(b, val, 1))
		jw_undo(b, mark);
}

void
jw_int(struct buf *b, const char *key, long long v)
{
	char	 s[32];
	size_t	 n;

	jw_key_in(b, key);
	n = fmt_i64(s, v);
	buf_add(b, s, n);
}

/*
 * k/1000 for k in 1..1000, as jw_real() writes it: "0.01", "0.5", "0.123",
 * "1.0" (what "%.6g" gives for every one of them, test_jsonw).
 * Scores are rounded to thousandths, and snprintf() was 2.8% of
 * "sanctionctl parse" of bench_parse's 200 feeds (perf).
 */
static size_t
jw_thousandths(char *s, double v)
{
	long	 k;
	size_t	 n = 2;

	/* Not 0: -0.0 is "-0.0", and snprintf() knows. */
	if (!(v > 0 && v <= 1) || (double)(k = lround(v * 1000)) / 1000 != v)
		return 0;
	if (k == 1000) {
		memcpy(s, "1.0", 3);
		return 3;
	}
	s[0] = '0';
	s[1] = '.';
	s[n++] = '0' + k / 100;
	s[n++] = '0' + k / 10 % 10;
	s[n++] = '0' + k % 10;
	while (s[n - 1] == '0')
		n--;
	return n;
}

/* "%.6g" as jansson's JSON_REAL_PRECISION(6) writes it. */
static void
jw_real(struct buf *b, const char *key, double v)
{
	char	 s[64], *start, *end;
	size_t	 len;
	int	 n;

	if (!isfinite(v))
		return;		/* json_real() refuses them */
	if ((len = jw_thousandths(s, v)) > 0) {
		jw_key_in(b, key);
		buf_add(b, s, len);
		return;
	}
	n = snprintf(s, sizeof(s) - 3, "%.6g", v);
	if (n < 0 || (size_t)n >= sizeof(s) - 3)
		return;
	len = n;
	if (strchr(s, '.') == NULL && strchr(s, 'e') == NULL) {
		memcpy(s + len, ".0", 3);
		len += 2;
	}
	if ((start = strchr(s, 'e')) != NULL) {
		start++;
		end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (end - s) + 1);
			len -= end - start;
		}
	}
	jw_key_in(b, key);
	buf_add(b, s, len);
}

static void
jw_date(struct buf *b, const char *key, int64_t t)
{
	char	 s[64];

	if (t == DATE_NONE)
		return;
	date_format(t, s, sizeof(s));
	jw_str(b, key, s);
}

static void
jw_strlist(struct buf *b, const char *key, const struct strlist *l)
{
	size_t	 i, mark;

	jw_key_in(b, key);
	buf_addc(b, '[');
	for (i = 0; i < l->n; i++) {
		mark = b->len;
		jw_sep(b);
		if (!jw_quote(b, l->v[i], 1))
			jw_undo(b, mark);
	}
	buf_addc(b, ']');
}

static void
jw_entry(struct buf *b, const struct item *it, int64_t revision)
{
	const struct enclosure	*en;
	size_t			 i;

	buf_addc(b, '{');
	jw_str(b, "id", it->id);
	jw_str(b, "title", it->title);
	jw_str(b, "link", it->link);
	jw_date(b, "published", it->published);
	jw_date(b, "updated", it->updated);
	jw_str(b, "author", it->author);
	jw_str(b, "summary", it->summary);
	jw_str(b, "content", it->content);
	jw_strlist(b, "categories", &it->categories);
	jw_key_in(b, "enclosures");
	buf_addc(b, '[');
	for (i = 0; i < it->nenclosures; i++) {
		en = &it->enclosures[i];
		jw_sep(b);
		buf_addc(b, '{');
		jw_str(b, "url", en->url);
		jw_str(b, "type", en->type);
		if (en->length >= 0)
			jw_int(b, "length", en->length);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	if (it->article_status != NULL) {	/* as article_json() */
		jw_key_in(b, "article");
		buf_addc(b, '{');
		jw_str(b, "url", it->article_url);
		jw_str(b, "status", it->article_status);
		jw_str(b, "text", it->article_text != NULL ?
		    it->article_text : "");
		buf_addc(b, '}');
	}
	if (revision > 1)
		jw_int(b, "revision", revision);
	buf_addc(b, '}');
}

static void
jw_sanctions(struct buf *b, const struct sanctions *s)
{
	buf_addc(b, '{');
	jw_key_in(b, "relevant");
	buf_adds(b, s->relevant ? "true" : "false");
	jw_key_in(b, "announcement");
	buf_adds(b, s->announcement ? "true" : "false");
	jw_real(b, "score", s->score);
	jw_str(b, "action", action_name(s->action));
	jw_strlist(b, "authorities", &s->authorities);
	jw_key_in(b, "targets");
	buf_addc(b, '{');
	jw_strlist(b, "countries", &s->countries);
	jw_strlist(b, "named", &s->named);
	if (s->count >= 0)
		jw_int(b, "count", s->count);
	buf_addc(b, '}');
	jw_strlist(b, "legal_basis", &s->legal_basis);
	jw_strlist(b, "measures", &s->measures);
	jw_str(b, "duration", s->duration);
	jw_strlist(b, "evidence", &s->evidence);
	buf_addc(b, '}');
}

/*
 * The members of item_json()'s object, appended to an object open in b;
 * the item object says "revision" when it is above 1 (event.c).
 */
void
jw_item(struct buf *b, const struct feed_meta *m, const struct item *it,
    const struct sanctions *s, int64_t revision)
{
	jw_key_in(b, "feed");
	buf_addc(b, '{');
	if (m != NULL) {
		jw_str(b, "title", m->title);
		jw_str(b, "link", m->link);
		jw_str(b, "url", m->url);
	}
	buf_addc(b, '}');
	jw_key_in(b, "item");
	if (it != NULL)
		jw_entry(b, it, revision);
	else
		buf_adds(b, "null");
	if (s != NULL) {
		jw_key_in(b, "sanctions");
		jw_sanctions(b, s);
	}
}

/* What json_line(item_json(m, it, s)) says, written directly. */
void
item_json_write(struct buf *b, const struct feed_meta *m,
    const struct item *it, const struct sanctions *s)
{
	buf_addc(b, '{');
	jw_item(b, m, it, s, 0);
	buf_addc(b, '}');
}
