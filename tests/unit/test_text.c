/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/* test_text.c: HTML and text to folded plain UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "../../parsers/parsers.h"
#include "../test.h"

static void
check_html(const char *in, const char *want, const char *what)
{
	char	*got;

	got = html_to_text(in, strlen(in));
	t_streq(got, want, what);
	free(got);
}

static void
check_plain(const char *in, size_t len, const char *want, const char *what)
{
	char	*got;

	got = text_plain(in, len);
	t_streq(got, want, what);
	free(got);
}

static void
test_html(void)
{
	check_html("plain words", "plain words", "plain text passes through");
	check_html("  lots \t of\n\n space  ", "lots of space",
	    "white space is folded and trimmed");
	check_html("<p>Hello <b>bold</b> world</p>", "Hello bold world",
	    "markup is removed");
	check_html("<p>one</p><p>two</p>", "one two",
	    "block elements separate words");
	check_html("line<br>break<br/>again", "line break again",
	    "<br> separates words");
	check_html("in<i>line</i>", "inline", "inline elements do not");
	check_html("a<script>alert('x')</script>b<style>p{}</style>c",
	    "abc", "script and style are dropped");
	check_html("safe<object classid=\"clsid:C9\"><param name=\"m\"/>"
	    " fallback</object>", "safe fallback", "an object's fallback "
	    "content is what a reader sees");
	check_html("safe<object data=\"x.swf\"> never closed",
	    "safe never closed", "an unclosed object hides nothing");
	check_html("caf&eacute; &amp; cr&egrave;me", "caf\xc3\xa9 & "
	    "cr\xc3\xa8me", "HTML entities are decoded");
	check_html("a&nbsp;&nbsp;b", "a b", "NBSP folds like a space");
	check_html("&#8220;quoted&#x201d;", "\xe2\x80\x9cquoted\xe2\x80\x9d",
	    "numeric references are decoded");
	check_html("&lt;b&gt;bold&lt;/b&gt; text", "bold text",
	    "double-escaped markup is removed");
	check_html("&amp;amp; &amp;eacute;", "& \xc3\xa9",
	    "double-escaped entities are decoded");
	check_html("AT&T and x < y", "AT&T and x < y",
	    "a bare & and < survive as text");
	check_html("<p>Use &lt;b&gt; for bold</p>", "Use <b> for bold",
	    "escaped markup inside real markup stays text");
	check_html("<a href=\"x\">link</a> <img src=\"y\" alt=\"z\">",
	    "link", "links keep their text, images vanish");
	check_html("<div><p>deep <span>in <em>side</em></span></p></div>",
	    "deep in side", "nested markup flattens");
	check_html("y<!-- comment -->z", "yz",
	    "comments vanish");
	check_html("<meta charset=\"iso-8859-1\">caf\xc3\xa9",
	    "caf\xc3\xa9", "a meta charset cannot change the decoding");
	check_html("<p>unclosed <b>tags", "unclosed tags",
	    "unclosed tags are fine");
	check_html("", "", "empty input gives empty text");
	check_html("<p></p>", "", "markup only gives empty text");
	check_html("bad \xff byte <b>here</b>", "bad \xef\xbf\xbd byte here",
	    "an invalid byte becomes U+FFFD");
	/* What the fast scanner declines, libxml2's HTML parser reads. */
	check_html("a <b unterminated", "a", "a tag left open (libxml2)");
	check_html("x <!-- open comment", "x", "a comment left open (libxml2)");
	check_html("<p>one<script>never closed", "one",
	    "a script left open (libxml2)");
	check_html("fish &amp chips <b>x</b>", "fish &amp chips x",
	    "a legacy entity without ';' (libxml2)");
	check_html("<P CLASS='x'>Upper</P><BR>case", "Upper case",
	    "upper-case tags and single-quoted attributes");
	check_html("<a title=\"a > b\">quoted</a> >", "quoted >",
	    "'>' inside a quoted attribute");
}

static void
test_plain(void)
{
	check_plain("1 < 2 <b>", 9, "1 < 2 <b>",
	    "text keeps its angle brackets");
	check_plain("a\xc2\xa0\xe2\x80\x83" "b", 7, "a b",
	    "Unicode spaces fold");
	check_plain("a\x01\x7f" "b", 4, "ab", "control characters go");
	check_plain("a\0b", 3, "ab", "a NUL byte goes");
	check_plain("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd",
	    "overlong UTF-8 is replaced");
	check_plain("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "UTF-16 surrogates are replaced");
	check_plain("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80",
	    "4-byte UTF-8 survives");
	check_plain("\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd",
	    "a truncated sequence is replaced");
	t_ok(text_looks_like_html("x &amp; y", 9), "&amp; looks like HTML");
	t_ok(!text_looks_like_html("x & y; z", 8), "a bare & does not");
	t_ok(text_looks_like_html("<p>x</p>", 8), "<p> looks like HTML");
	t_ok(!text_looks_like_html("1 < 2", 5), "1 < 2 does not");
}

/*
 * Runs of words, spaces, controls and UTF-8 at every offset and length, so
 * that the fast path's 8- or 16-byte steps start and end everywhere: the
 * result is what a byte at a time gives (fold() below).
 */
static const char *const pieces[] = {
	"a", "b", "Zq", " ", " ", "  ", "\t", "\n", "\x01", "\x7f",
	"\xe2\x80\x99", "\xc2\xa0", "\xff", "<", "&", "\"", "~"
};

static size_t
fold(const char *s, char *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;
	int			 space = 0;

	while (*p != '\0') {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r') ||
		    (p[0] == 0xc2 && p[1] == 0xa0)) {
			space = 1;
			p += *p == 0xc2 ? 2 : 1;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			p++;
			continue;
		}
		if (space && n > 0)
			out[n++] = ' ';
		space = 0;
		if (*p == 0xff) {
			memcpy(out + n, "\xef\xbf\xbd", 3);
			n += 3;
			p++;
		} else if (*p == 0xe2) {
			memcpy(out + n, p, 3);
			n += 3;
			p += 3;
		} else
			out[n++] = *p++;
	}
	out[n] = '\0';
	return n;
}

static void
test_runs(void)
{
	char		 in[256], want[1024], *got;
	unsigned int	 r = 14;
	size_t		 n, i, bad = 0;

	for (i = 0; i < 20000; i++) {
		n = t_random_text(in, &r, "ab", pieces,
		    sizeof(pieces) / sizeof(pieces[0]));
		fold(in, want);
		got = text_plain(in, n);
		if (strcmp(got, want) != 0 && bad++ == 0)
			printf("#   in: \"%s\"\n#   got: \"%s\"\n#   want: "
			    "\"%s\"\n", in, got, want);
		free(got);
	}
	t_ok(bad == 0, "20000 mixed runs fold as a byte at a time does "
	    "(%zu differ)", bad);
}

static void
test_big(void)
{
	char	*in, *out;
	size_t	 n = 1 << 20, i;

	in = malloc(n + 1);
	for (i = 0; i < n; i++)
		in[i] = i % 64 == 0 ? '<' : i % 64 == 1 ? 'b' : i % 64 == 2 ?
		    '>' : 'x';
	in[n] = '\0';
	out = html_to_text(in, n);
	t_ok(out != NULL && strlen(out) == n / 64 * 61,
	    "a megabyte of HTML comes out whole");
	free(out);
	free(in);
}

int
main(void)
{
	test_html();
	test_plain();
	test_runs();
	test_big();
	text_cleanup();
	return t_done();
}
