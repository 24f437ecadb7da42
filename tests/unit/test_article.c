/*
 * Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
 * SPDX-License-Identifier: ISC
 */
/*
 * test_article.c: the article extractor on small pages written here, one
 * per kind of boilerplate and per metadata source, and hostile pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../parsers/parsers.h"
#include "../../common/common.h"
#include "../test.h"

/* Article paragraphs long enough to be one. */
#define P1 "<p>The Treasury Department on Tuesday imposed sanctions on " \
	"thirteen vessels that carried Venezuelan crude oil, officials " \
	"said, citing an executive order signed last year.</p>"
#define P2 "<p>The measures freeze any assets the companies hold in the " \
	"United States and bar Americans from dealing with them, the " \
	"department said in a statement, adding that more could follow.</p>"
#define P3 "<p>Shipping companies in Panama, Liberia and the Marshall " \
	"Islands own the tankers, according to the registry, and most of " \
	"them had changed their names at least twice since 2019.</p>"
#define BODY P1 P2 P3

static int
extract(const char *html, struct article *a)
{
	return article_extract(html, strlen(html), "https://news.example/a/1",
	    a);
}

/* The article's paragraphs are in, the boilerplate words are not. */
static void
boilerplate(const char *what, const char *page, const char *absent)
{
	struct article	 a;
	char		 name[128];
	int		 rv;

	rv = extract(page, &a);
	snprintf(name, sizeof(name), "%s: an article", what);
	t_inteq(rv, 0, name);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "%s: the article text is kept", what);
	t_ok(strstr(a.text, absent) == NULL, "%s: \"%s\" is left out", what,
	    absent);
	article_clear(&a);
}

/*
 * Each kind of boilerplate sits inside the article's own container, as
 * prose without links, so that only its own rule can leave it out.
 */
static void
test_boilerplate(void)
{
	boilerplate("nav", "<html><body><div class=story>" P1 "<nav><p>Sections "
	    "of this site: World, Business, Markets, Opinion, Sport, Culture "
	    "and Travel</p></nav>" P2 P3 "</div></body></html>", "Sections of");
	boilerplate("footer", "<body><div class=story>" BODY "<footer><p>"
	    "Copyright 2026 Example Media Group, all rights reserved, terms "
	    "of use and privacy policy apply.</p></footer></div></body>",
	    "Copyright 2026");
	boilerplate("aside", "<body><article>" P1 P2 "<aside><p>Most read: "
	    "the ten most popular stories on the site this week, "
	    "chosen by you.</p></aside>" P3 "</article></body>", "Most read");
	boilerplate("related list", "<body><div id=main>" BODY
	    "<div class=related-stories><p>EU adds names to Russia list in "
	    "new package of measures; UN panel reports on arms embargo "
	    "breaches.</p></div></div></body>", "arms embargo");
	boilerplate("share bar", "<body><div class=content>"
	    "<div class=share-tools><p>Share this story with your friends on "
	    "Facebook, on X or by email, it only takes a second.</p></div>"
	    BODY "</div></body>", "Share this story");
	boilerplate("comments", "<body><div class=post>" BODY
	    "<div id=comments><p>This is outrageous, they should have done "
	    "this years ago, honestly, what took them so long?</p></div>"
	    "</div></body>", "outrageous");
	boilerplate("cookie banner", "<body><div class=text>"
	    "<div class=cookie-consent><p>We use cookies to improve your "
	    "experience, to show you personalised ads and to measure our "
	    "audience, if you agree.</p></div>" BODY "</div></body>",
	    "We use cookies");
	boilerplate("script and style", "<head><style>p { color: red; }"
	    "</style></head><body><div>" P1 "<script>var tracking = "
	    "'pixel';</script>" P2 "<noscript>Enable JavaScript</noscript>"
	    P3 "<form><input value=Subscribe><textarea>Your comment"
	    "</textarea></form></div></body>", "tracking");
	boilerplate("hidden", "<body><div>" BODY "<div style='display:none'>"
	    "<p>Invisible promotional paragraph that nobody ever sees on the "
	    "page, whatever the browser.</p></div></div></body>",
	    "Invisible promotional");
	boilerplate("link-heavy paragraph", "<body><div>" BODY
	    "<p><a href=/x>Read more: how sanctions on tankers have "
	    "worked so far</a></p></div></body>", "Read more");
	boilerplate("link list", "<body><div class=story>" P1 P2 "<ul>"
	    "<li><a href=/1>Oil prices rise as traders weigh new measures "
	    "today</a></li><li><a href=/2>Shipping insurers pull cover for "
	    "tankers in the Gulf</a></li></ul>" P3 "</div></body>",
	    "Shipping insurers");
	boilerplate("dialog", "<body><div class=story>" P1 "<div "
	    "class='b-dialog x-dialog-login'><article "
	    "class=registration-modal><p>Sign in with your account to keep "
	    "your settings, or create one: it is free and only takes a "
	    "minute.</p></article></div>" P2 P3 "</div></body>", "Sign in");
}

static void
test_paragraphs(void)
{
	struct article	 a;

	extract("<body><div>" BODY "</div></body>", &a);
	t_ok(strstr(a.text, "follow.\n\nShipping") != NULL,
	    "paragraphs: separated by one blank line");
	t_ok(a.text[0] == 'T' && a.text[strlen(a.text) - 1] == '.',
	    "paragraphs: no white space around the text");
	article_clear(&a);
	extract("<body><div><p>Sanctions&nbsp;on   the\n\tfirm &amp; its "
	    "owners &#8212; all thirteen vessels, officials said, in a long "
	    "statement on Tuesday.</p>" P2 P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Sanctions on the firm & its owners \xe2\x80\x94 "
	    "all") != NULL, "paragraphs: entities decoded, white space folded");
	article_clear(&a);
}

static void
test_jsonld(void)
{
	struct article	 a;

	extract("<head><script type=application/ld+json>{\"@context\":"
	    "\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":"
	    "\"US sanctions 13 tankers\",\"datePublished\":"
	    "\"2026-12-01T10:00:00+01:00\",\"author\":[{\"@type\":\"Person\","
	    "\"name\":\"Jane Roe\"}],\"url\":\"https://news.example/c\"}"
	    "</script></head><body><div>" BODY "</div></body>", &a);
	t_streq(a.title, "US sanctions 13 tankers", "JSON-LD: headline");
	t_streq(a.published, "2026-12-01T09:00:00Z",
	    "JSON-LD: datePublished, in UTC");
	t_streq(a.author, "Jane Roe", "JSON-LD: author's name");
	t_streq(a.url, "https://news.example/c", "JSON-LD: url");
	article_clear(&a);
	/* A body the page only gives in JSON-LD (a script-built page). */
	extract("<head><script type=\"application/ld+json\">{\"@graph\":[{"
	    "\"@type\":\"WebPage\",\"name\":\"Page\"},{\"@type\":"
	    "[\"NewsArticle\"],\"headline\":\"Graph\",\"articleBody\":"
	    "\"The Treasury named thirteen vessels. Marshall Islands "
	    "companies own them, the registry shows, and they were renamed "
	    "twice since 2019 according to the ship-tracking records that "
	    "reporters examined.\"}]}</script></head><body><div id=app>"
	    "</div></body>", &a);
	t_streq(a.title, "Graph", "JSON-LD: an article in @graph");
	t_ok(strncmp(a.text, "The Treasury named thirteen vessels.", 36) == 0,
	    "JSON-LD: articleBody when the tree has no text");
	article_clear(&a);
	/*
	 * A forum thread says its opening post is a DiscussionForumPosting:
	 * its text, when the tree (a reply, here) gives much less.
	 */
	extract("<head><script type=application/ld+json>{\"@type\":"
	    "\"DiscussionForumPosting\",\"headline\":\"Patch notes 4.2\","
	    "\"articleBody\":\"Patch notes 4.2. The harbour quest now opens "
	    "at level ten. Ferries no longer vanish at dawn, and the market "
	    "shows prices in every town you have visited at least once.\"}"
	    "</script></head><body><div class=post><p>Thanks, the ferry fix "
	    "works for me too, finally.</p></div></body>", &a);
	t_streq(a.title, "Patch notes 4.2", "JSON-LD: a forum post's headline");
	t_ok(strstr(a.text, "harbour quest") != NULL,
	    "JSON-LD: a forum post's articleBody when the tree gives less");
	article_clear(&a);
	extract("<head><script type=application/ld+json>{\"@type\": "
	    "broken json</script></head><body><div>" BODY "</div></body>", &a);
	t_ok(a.title == NULL && strstr(a.text, "thirteen") != NULL,
	    "JSON-LD: a broken script is ignored");
	article_clear(&a);
}

static void
test_meta(void)
{
	struct article	 a;

	extract("<head><title>Tankers | Example News</title>"
	    "<meta property=og:title content='US sanctions tankers'>"
	    "<meta property=article:published_time "
	    "content='2026-11-30T08:15:00Z'>"
	    "<meta name=author content='John Doe'>"
	    "<link rel=canonical href='/world/tankers'></head>"
	    "<body><div>" BODY "</div></body>", &a);
	t_streq(a.title, "US sanctions tankers", "meta: og:title over <title>");
	t_streq(a.published, "2026-11-30T08:15:00Z",
	    "meta: article:published_time");
	t_streq(a.author, "John Doe", "meta: name=author");
	t_streq(a.url, "https://news.example/world/tankers",
	    "meta: canonical link resolved against the page's URL");
	article_clear(&a);
	extract("<HEAD><META PROPERTY=og:title CONTENT='Upper case'></HEAD>"
	    "<BODY><NAV><A HREF=/>Navigation links here</A></NAV><DIV>" BODY
	    "</DIV></BODY>", &a);
	t_streq(a.title, "Upper case", "meta: upper-case names");
	t_ok(strstr(a.text, "thirteen") != NULL &&
	    strstr(a.text, "Navigation") == NULL,
	    "upper-case tags: the article, not the <NAV>");
	article_clear(&a);
	extract("<head><title>Only a title</title></head><body><div>" BODY
	    "</div></body>", &a);
	t_streq(a.title, "Only a title", "meta: <title> when nothing else");
	t_streq(a.url, "https://news.example/a/1",
	    "meta: the given URL without a canonical one");
	t_ok(a.author == NULL && a.published == NULL,
	    "meta: no author, no date: NULL");
	article_clear(&a);
	extract("<head><meta name=author content='https://x.example/u/1'>"
	    "<meta property=article:published_time content='yesterday'>"
	    "</head><body><div>" BODY "</div></body>", &a);
	t_ok(a.author == NULL, "meta: an author that is a URL is no author");
	t_ok(a.published == NULL, "meta: an unreadable date is no date");
	article_clear(&a);
}

/*
 * og:description, the standfirst set in the page's header away from the
 * body, beyond where the lead is looked for: put before the text when
 * the text lacks it, once, and only when it is long enough to be a lead.
 */
static void
test_description(void)
{
	struct article	 a;

#define DESC "Thirteen tankers and the firms that manage them were named " \
	"on Tuesday in the widest move yet against the shadow fleet, which " \
	"carries crude past the price cap, officials said."
	extract("<head><meta property=og:description content=\"" DESC "\">"
	    "</head><body><div class=top><h1>Tankers named</h1><p>" DESC
	    "</p></div><div class=menu><a href=/w>World</a></div>"
	    "<div class=grid><div class=col><div class=box><article>" BODY
	    "</article></div></div></div></body>", &a);
	t_ok(strncmp(a.text, "Thirteen tankers and the firms", 30) == 0 &&
	    strstr(a.text, "thirteen vessels") != NULL,
	    "og:description: the lead before the body");
	article_clear(&a);
	extract("<head><meta property=og:description content=\"" DESC "\">"
	    "</head><body><article><p>" DESC "</p>" BODY "</article></body>",
	    &a);
	t_ok(strstr(a.text, "Thirteen tankers") == a.text &&
	    strstr(a.text + 1, "Thirteen tankers") == NULL,
	    "og:description: not twice when the text holds it");
	article_clear(&a);
	extract("<head><meta property=og:description content=\"*Sponsored. "
	    "The Treasury Department on Tuesday imposed sanctions on thirteen "
	    "vessels that carried Venezuelan crude oil, officials said, "
	    "citing...\"></head><body><article>" BODY "</article></body>", &a);
	t_ok(strstr(a.text, "Sponsored") == NULL,
	    "og:description: an excerpt of the body is not put before it");
	article_clear(&a);
	extract("<head><meta property=og:description content=\"The latest "
	    "news on sanctions, trade and shipping.\"></head><body><article>"
	    BODY "</article></body>", &a);
	t_ok(strstr(a.text, "The latest news") == NULL,
	    "og:description: a short one is no lead");
	article_clear(&a);
#undef DESC
}

/*
 * A live ticker's entries are "comments" by their class, the story
 * all the same; readers' comments below it are not.
 */
static void
test_live_ticker(void)
{
	struct article	 a;

	extract("<body><div class=live-match><div class=live-match-comments>"
	    "<div class=live-match-comment><span>90'</span><div "
	    "class=live-match-comment-body>The final whistle goes and the "
	    "visitors hold on to a draw after a long second half.</div></div>"
	    "<div class=live-match-comment><span>61'</span><div "
	    "class=live-match-comment-body>A header from the corner flies "
	    "just wide of the far post, and the home fans groan.</div></div>"
	    "<div class=live-match-comment><span>3'</span><div "
	    "class=live-match-comment-body>Both sides feel each other out in "
	    "the opening minutes, with little to show for it.</div></div>"
	    "</div></div><div class=comments><p>Reader one: what a dull game "
	    "that was, I want my evening back, honestly.</p></div></body>", &a);
	t_ok(strstr(a.text, "final whistle") != NULL &&
	    strstr(a.text, "opening minutes") != NULL,
	    "live ticker: entries of class live-match-comment read");
	t_ok(strstr(a.text, "Reader one") == NULL,
	    "live ticker: readers' comments still left out");
	article_clear(&a);
}

/*
 * A theme's wrapper inside the <article>, named for the sidebar it also
 * holds, around the post's text: read, since it holds most of the page.
 * A real sidebar's text, beside the article, stays out.
 */
static void
test_sidebar_wrapper(void)
{
	struct article	 a;

	extract("<body><div class=trust><p>Certified comparison portal, "
	    "tested for quality of advice, topicality, many search options, "
	    "transparency and data protection by an independent body.</p>"
	    "<p>We compare offers from more than forty lenders for firms of "
	    "every size, free of charge and without obligation.</p></div>"
	    "<article><div class=sidebar-wrapper><div class=text>" BODY
	    "</div></div></article><div class=sidebar><p>Our newsletter "
	    "brings the week's tenders and rates on every Friday.</p></div>"
	    "</body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "sidebar-wrapper in the article: the post read");
	t_ok(strstr(a.text, "newsletter") == NULL &&
	    strstr(a.text, "Certified") == NULL,
	    "sidebar-wrapper in the article: the page's boxes left out");
	article_clear(&a);
}

/*
 * A site's blurb in the page's foot wins by its class ("futer_content"
 * says content) over a story in plain blocks with four times its text:
 * the story is read, not the blurb.
 */
static void
test_thin_best(void)
{
	struct article	 a;

	extract("<body><div class=outer><div class=container><div class=left>"
	    "<div class=news><div class=col-8>" BODY "<p>The department "
	    "named four captains, two of them Greek, and said that the ships "
	    "had switched off their transponders.</p><p>A spokesman for the "
	    "owners said they would contest the listing, which they called "
	    "unfounded, in a court in Washington.</p><p>Oil traders said the "
	    "listing would raise freight rates for the rest of the fleet, "
	    "which now waits at anchor off the coast.</p></div></div></div>"
	    "</div><div class=wrap><div class=inner><div class=row><div "
	    "class=futer_content><div class=info><div class=desc>Example "
	    "Trade Weekly is the leading magazine for the port business, with "
	    "news, analysis, interviews and the dates of the trade, every "
	    "month, in print and online, for all who work in shipping.</div>"
	    "</div></div></div></div></div></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "transponders") != NULL,
	    "thin best: the story in plain blocks is read");
	t_ok(strstr(a.text, "Trade Weekly") == NULL,
	    "thin best: the blurb whose class won is left out");
	article_clear(&a);
}

static void
test_itemprop_article_time(void)
{
	struct article	 a;

	extract("<body><div class=teaser><p>Other story: markets fell, "
	    "traders said, as oil rose on supply worries in the Gulf and "
	    "beyond.</p></div><div itemscope><span itemprop=author>Ann Lee"
	    "</span><time itemprop=datePublished datetime=2026-10-05T12:00"
	    ":00-04:00>Oct 5</time><div itemprop=articleBody>" BODY
	    "</div></div></body>", &a);
	t_streq(a.author, "Ann Lee", "itemprop: author");
	t_streq(a.published, "2026-10-05T16:00:00Z",
	    "itemprop: datePublished");
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "markets fell") == NULL,
	    "itemprop: articleBody is the text, the teaser is not");
	article_clear(&a);
	extract("<body><div class=rail><p>Short teaser one.</p></div>"
	    "<article><h1>Tankers named</h1><time datetime=2026-09-01>"
	    "1 Sept</time>" BODY "</article></body>", &a);
	t_streq(a.published, "2026-09-01T00:00:00Z", "<time datetime>");
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "teaser") == NULL, "<article>: its text");
	t_streq(a.title, "Tankers named", "<h1> when no other title");
	article_clear(&a);
}

/* Bytes real pages carry that libxml2 would stop at or misread. */
static void
test_bytes(void)
{
	static const char	 nul[] = "<body><div><img src=a.gif>\0\0\0"
				    "</div><div>" BODY "</div></body>";
	static const char	 gb[] = "<head><meta charset=gb2312></head>"
				    "<body><div><p>\xe6\x96\xb0 Treasury "
				    "sanctions, officials said, on thirteen "
				    "vessels and their owners.</p>" P2 P3
				    "</div></body>";
	struct article		 a;

	t_inteq(article_extract(nul, sizeof(nul) - 1, NULL, &a), 0,
	    "NUL bytes: the page is read past them");
	t_ok(strstr(a.text, "Marshall Islands") != NULL,
	    "NUL bytes: the article after them is found");
	article_clear(&a);
	t_inteq(extract("<!DOCTYPE html>\n<html><head><title>x</title>\n"
	    "</head>\n</html>\n<body>\n<div>" BODY "</div></body>", &a), 0,
	    "</html> before <body>: the body is read");
	article_clear(&a);
	/* libxml2 2.9 cannot close HTML5 sections: the page ends inside. */
	t_inteq(extract("<body><header role=banner><section role=complementary>"
	    "<a href=/>Radio</a><div class=main><h1>Tankers</h1>" BODY
	    "</div></body>", &a), 0, "misnested <header>: an article");
	t_ok(strstr(a.text, "Marshall Islands") != NULL,
	    "misnested <header>: the article inside it is found");
	article_clear(&a);
	t_inteq(article_extract(gb, sizeof(gb) - 1, NULL, &a), 0,
	    "UTF-8 declared gb2312: an article");
	t_ok(strncmp(a.text, "\xe6\x96\xb0 Treasury", 10) == 0,
	    "UTF-8 declared gb2312: read as the UTF-8 it is");
	article_clear(&a);
}

static void
test_not_article(void)
{
	struct article	 a;
	int		 rv;

	rv = extract("<body><nav><a href=/1>One</a> <a href=/2>Two</a></nav>"
	    "<ul><li><a href=/a>Headline A about sanctions on oil</a></li>"
	    "<li><a href=/b>Headline B about tariffs</a></li></ul></body>",
	    &a);
	t_inteq(rv, 1, "a page of links: not an article");
	t_streq(a.text, "", "not an article: text \"\"");
	article_clear(&a);
	/*
	 * A tiny page whose only text is short lines, no paragraph that
	 * scores: its body is its text.  A tiny menu is still no article.
	 */
	rv = extract("<body><article><h2>Port notice</h2><img src=a.png>"
	    "<h2>Berth 4 closed</h2></article>\n  Tuesday only</body>", &a);
	t_inteq(rv, 0, "tiny page: an article");
	t_streq(a.text, "Port notice\n\nBerth 4 closed\n\nTuesday only",
	    "tiny page: its body's text, one line per block");
	article_clear(&a);
	rv = extract("<body><a href=/1>Home</a> <a href=/2>World news</a> "
	    "<a href=/3>Markets</a> Menu</body>", &a);
	t_inteq(rv, 1, "tiny page of links: not an article");
	article_clear(&a);
	/* The same, its lines in a script's javascript: "link". */
	rv = extract("<body><a href='javascript:'><p>Port notice</p><p>Berth"
	    " 4 closed</p></a></body>", &a);
	t_inteq(rv, 0, "paragraphs in a javascript: link: an article");
	t_ok(strstr(a.text, "Berth 4 closed") != NULL,
	    "paragraphs in a javascript: link: read as text");
	article_clear(&a);
	rv = extract("<body><a href='javascript:mail()'>Mail us</a> <a "
	    "href='javascript:share()'>Share this</a> Menu</body>", &a);
	t_inteq(rv, 1, "javascript: buttons alone: not an article");
	article_clear(&a);
	rv = extract("<html><head><title>x</title></head></html>", &a);
	t_inteq(rv, 1, "no body: not an article");
	t_ok(a.text != NULL && a.text[0] == '\0', "no body: text \"\"");
	article_clear(&a);
}

static void
test_hostile(void)
{
	struct article	 a;
	struct buf	 b;
	size_t		 i;
	int		 rv;

	/* 100,000 nested elements: the parser's and our depth caps. */
	buf_init(&b);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, BODY);
	rv = article_extract(b.d, b.len, NULL, &a);
	t_ok(rv >= -1 && rv <= 1 && a.text != NULL,
	    "deep nesting: an answer, no crash (%d)", rv);
	article_clear(&a);
	buf_free(&b);
	/* Binary junk. */
	buf_init(&b);
	for (i = 0; i < 65536; i++)
		buf_addc(&b, (int)((i * 2654435761u) >> 13) & 0xff);
	rv = article_extract(b.d, b.len, NULL, &a);
	t_ok(rv != 0 || a.text != NULL, "binary junk: an answer (%d)", rv);
	t_ok(a.text != NULL, "binary junk: text never NULL");
	article_clear(&a);
	buf_free(&b);
	/* 10 MB of one tag: over the size cap, refused before parsing. */
	buf_init(&b);
	while (b.len < 10 * 1024 * 1024)
		buf_adds(&b, "<p>");
	rv = article_extract(b.d, b.len, NULL, &a);
	t_inteq(rv, -1, "10 MB of <p>: over the cap");
	t_streq(a.text, "", "over the cap: text \"\"");
	article_clear(&a);
	/* Just under the cap, one tag repeated: parsed, within the caps. */
	b.len = 7 * 1024 * 1024;
	rv = article_extract(b.d, b.len, NULL, &a);
	t_ok(rv == 1 || rv == -1, "7 MB of <p>: no article (%d)", rv);
	article_clear(&a);
	buf_free(&b);
	rv = article_extract("", 0, NULL, &a);
	t_ok(rv == -1 || rv == 1, "empty input: no article (%d)", rv);
	t_streq(a.text, "", "empty input: text \"\"");
	article_clear(&a);
	/* A zeroed struct clears. */
	memset(&a, 0, sizeof(a));
	article_clear(&a);
	t_ok(1, "article_clear on a zeroed struct");
}

/* Other stories' paragraphs, long enough to win when the article is lost. */
#define OTHER "<p>Elsewhere on the site, readers followed <a href=/s>the football " \
	"results, the weather for the weekend</a>, and a long review of a new " \
	"film that opened in cinemas, with many photographs.</p><p>Our " \
	"travel desk picked ten quiet beaches for the autumn, from the " \
	"Algarve to Crete, with prices, ferries and hotels for each.</p>"

/* A site's menu: links, more text than the article. */
#define NAV "<ul><li><a href=/w>World news</a></li><li><a href=/b>Business " \
	"and economy</a></li><li><a href=/m>Markets and companies</a></li>" \
	"<li><a href=/o>Opinion and analysis</a></li><li><a href=/s>Sport " \
	"results</a></li><li><a href=/c>Culture and the arts</a></li><li>" \
	"<a href=/t>Travel guides</a></li><li><a href=/p>Podcasts and " \
	"video</a></li></ul>"

/*
 * Fixes found on real pages, each on a page of its own kind written here.
 */
/* Stories of their own, for a feed (each over STACK_MIN characters). */
#define STORY(h, body) "<article class=post><h1>" h "</h1>" body "</article>"
#define BRIDGE "<p>The city council voted on Monday to close the old bridge " \
	"over the river for repairs, which engineers said would take most " \
	"of the summer, and buses will be diverted.</p><p>Residents who " \
	"live near the crossing said they had waited years for the work, " \
	"though shop owners asked for the detour to be signposted.</p><p>" \
	"A ferry will run every twenty minutes in the morning and evening, " \
	"and cyclists may walk their bikes across a lane on the east side.</p>"
#define HARVEST "<p>Farmers in the valley began the harvest early this " \
	"year after a dry spring, and the cooperative said prices for grain " \
	"would stay high until the winter.</p><p>The weather service " \
	"expects rain next week, which could slow the work, but most fields " \
	"should be cleared before then, the farm office said.</p><p>Some " \
	"growers have switched to crops that need less water, a change the " \
	"region has encouraged with grants for part of the seed.</p>"
#define MUSEUM "<p>The museum reopened its east wing on Sunday after two " \
	"years of work, showing paintings kept in storage since the roof " \
	"began to leak in a storm.</p><p>Curators said the landscapes had " \
	"been cleaned and reframed, and that a new lighting system would " \
	"protect the older canvases from the sun.</p><p>Entry to the wing " \
	"is free for the first month, and guided tours will run on " \
	"weekends, with booking for groups of more than ten.</p>"

/* A link list of short paragraphs, for a page's frame. */
#define DESK "<p><a href=/a>Scores from last night with every goal and " \
	"every save</a> ranked and rated and replayed by our sports desk.</p>"
#define DESKS "<div>" DESK DESK DESK DESK DESK DESK "</div>"

/*
 * A head as a 2008 page wrote it: a description with a stray quote, a
 * <script src=...> whose value runs on into code, then more script.
 */
#define BROKEN_HEAD \
	"<html>\n" \
	"<head>\n" \
	"<title>Ships</title>\n" \
	"<META NAME=DESCRIPTION CONTENT=\"The ships are here. \"Although, " \
	"the\">\n" \
	"<script type=\"text/javascript\" src=\"/te.color='red';\n" \
	"   a.style.color='blue';\n" \
	"}\n" \
	"\n" \
	"function f(a,b)\n" \
	"{\n" \
	"   a.style.color='green';\n" \
	"}\n" \
	"//-->\n" \
	"</script>\n" \
	"<SCRIPT language=JAVASCRIPT>\n" \
	"function g(a) {\n" \
	"    a.style.color='#FFF200';\n" \
	"}\n" \
	"var tabs = [\"tab1\",\"tab2\"];\n" \
	"function h(i, j)\n" \
	"{\n" \
	"    var k=1;\n" \
	"    for(k=1; k<=j; k++)\n" \
	"    {\n" \
	"        x=i+\"\"+k;\n" \
	"    }\n" \
	"    return false;\n" \
	"}\n" \
	"</SCRIPT>\n" \
	"<link href=\"/a.css\" rel=\"stylesheet\" type=\"text/css\">\n" \
	"</head>\n" \
	""

static void
test_real_shapes(void)
{
	struct article	 a;

	/*
	 * A formula between paragraphs, as MathJax renders it: glyphs
	 * drawn by CSS, the MathML beside them for screen readers, in a
	 * container whose class names a context menu.
	 */
	extract("<body><div class=post>" P1 "<mjx-container class='MathJax "
	    "CtxtMenu_Attached_0'><mjx-math aria-hidden=true><mjx-c>"
	    "</mjx-c></mjx-math><mjx-assistive-mml><math><mi>q</mi><mo>="
	    "</mo><mn>42</mn></math></mjx-assistive-mml></mjx-container>"
	    P2 P3 "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "q=42") != NULL,
	    "MathJax: the formula's MathML is read, its menu class kept");
	article_clear(&a);

	/* A share widget names the container in its id. */
	extract("<body><div class=rail>" OTHER "</div><div class=text "
	    "itemprop=articleBody id=share-btns-2_containerParent>" BODY
	    "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "quiet beaches") == NULL,
	    "itemprop=articleBody: kept though its id says share");
	article_clear(&a);

	/* The standfirst above the body, in the article's header. */
	extract("<body><article><header><h1>Tankers named</h1><p "
	    "class='text-lg leading-6'>By Ann Lee, who covers shipping and "
	    "energy for the paper.</p><p class=article__lead>Washington "
	    "widens its campaign against the shadow fleet.</p></header>"
	    "<div class=body>" BODY "</div></article></body>", &a);
	t_ok(strncmp(a.text, "Washington widens", 17) == 0 &&
	    strstr(a.text, "thirteen vessels") != NULL,
	    "lead: the header's standfirst comes first");
	t_ok(strstr(a.text, "Ann Lee") == NULL && strstr(a.text, "Tankers "
	    "named") == NULL, "lead: not the headline, nor a byline whose "
	    "class only holds \"leading\"");
	article_clear(&a);

	/*
	 * The same without <article>: the standfirst in the block that
	 * holds the body's, a few levels up; a teaser outside it is not.
	 */
	extract("<body><div class=teaser><p>Ports brace for a cold "
	    "winter as freight rates climb again this month.</p></div>"
	    "<div class=page><div class=head><h1>Tankers named</h1><h2 "
	    "class=article-subheadline>Washington widens its campaign "
	    "against the shadow fleet.</h2></div><div class=main><div "
	    "class=body>" BODY "</div></div></div></body>", &a);
	t_ok(strncmp(a.text, "Washington widens", 17) == 0 &&
	    strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "freight rates") == NULL,
	    "lead: without <article>, the standfirst a few levels up");
	article_clear(&a);

	/* The <article>'s header set before it, not inside it. */
	extract("<body><section><header class=article-header><h1>Tankers "
	    "named</h1><h2 class=article-subheadline>Washington widens its "
	    "campaign against the shadow fleet.</h2></header><article>"
	    "<div class=body>" BODY "</div></article></section></body>", &a);
	t_ok(strncmp(a.text, "Washington widens", 17) == 0 &&
	    strstr(a.text, "thirteen vessels") != NULL,
	    "lead: from the header set just before the <article>");
	article_clear(&a);

	/* A list of the article's own: items with a link and prose. */
	extract("<body><div class=post>" P1 P2 "<ul><li>Ann Lee <a href=/1>"
	    "named four tankers</a> in the filing</li><li>Bo Chan <a "
	    "href=/2>traced the cargoes</a> to two ports</li></ul>" P3
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Ann Lee named four tankers in the filing") !=
	    NULL && strstr(a.text, "to two ports") != NULL,
	    "list: items with prose of their own are kept, links and all");
	article_clear(&a);

	/* Captions and dialogs named by class words, not by their tags. */
	extract("<body><div class=story>" P1 "<div class=wp-caption-text>The "
	    "tanker Ocean Star at anchor off Malta in June, seen from a "
	    "patrol boat.</div>" P2 "<div id=signup class='modal fade'><p>"
	    "Your account is not approved yet: write two articles before "
	    "you ask to become an author.</p></div>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Ocean Star") == NULL,
	    "caption: a class word \"caption\" is left out");
	t_ok(strstr(a.text, "not approved") == NULL,
	    "modal: a class word \"modal\" is left out");
	article_clear(&a);

	/*
	 * A page builder wraps the body in "widget" divs, each weighed
	 * down: the one holding the paragraphs still wins, and what holds
	 * it is not pruned as boilerplate inside the article.
	 */
	extract("<body><section class=wrap><div class=elementor-widget-wrap>"
	    "<div class=elementor-widget-container>" BODY "<p>The owners, "
	    "reached by telephone, declined to comment, and their lawyers, "
	    "in London, did not reply.</p><p>Officials said, on Wednesday, "
	    "that two more tankers, both empty, were under watch.</p>"
	    "</div></div></section></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "under watch") != NULL,
	    "widget: the wrapper holding the body is not pruned");
	article_clear(&a);

	/* "widget" weighs a sidebar's widget down, not a page builder's. */
	extract("<body><div><div class=elementor-widget-container>" BODY
	    "</div></div><div><div class=teaser>" OTHER "</div></div></body>",
	    &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "quiet beaches") == NULL,
	    "widget: a page builder's widget container is the article");
	article_clear(&a);

	/* A page that sets its whole article in an <aside>. */
	extract("<body><nav>" NAV NAV "</nav><aside class=page><article>"
	    BODY "</article></aside><footer>" NAV NAV "</footer></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Markets") == NULL,
	    "aside: read when nothing else holds an article");
	article_clear(&a);

	/*
	 * A theme wraps the whole post in a div named for where it sits
	 * ("above-footer"): a class word drops it, and what was left, a
	 * disclosure box, read as the article.  A block holding more text
	 * than the rest of the page is read; a small site footer is not.
	 */
	extract("<body><div>" NAV "<section class=disclosure><p>Some of the "
	    "offers on this site come from partners who pay us, and that can "
	    "change where and how they appear, although it never changes "
	    "what our writers think of them, and we do not list every offer "
	    "there is.</p></section></div><div class=above-footer>"
	    "<div class=post-body>"
	    BODY "<p>The owners, reached by telephone, declined to comment, "
	    "and their lawyers, in London, did not reply.</p></div></div>"
	    "<div class=site-footer><p>Copyright 2026 Example Media Group, "
	    "all rights reserved, terms of use apply.</p></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "did not reply") != NULL,
	    "wrapper: a block named footer holding most of the page is read");
	t_ok(strstr(a.text, "Copyright 2026") == NULL &&
	    strstr(a.text, "partners who pay") == NULL,
	    "wrapper: the small footer and the box beside it are left out");
	article_clear(&a);

	/*
	 * Furigana: the reading above each word of ruby text is not part of
	 * the sentence, and read inline it cuts every word in two.
	 */
	extract("<body><div class=story>" P1 P2 "<p><ruby>政府<rp>(</rp><rt>"
	    "せいふ</rt><rp>)</rp></ruby>は<ruby>制裁<rt>せいさい</rt></ruby>を"
	    "<ruby>発表<rt>はっぴょう</rt></ruby>しました。</p>" P3
	    "</div></body>", &a);
	t_ok(strstr(a.text, "政府は制裁を発表しました。") != NULL &&
	    strstr(a.text, "せいさい") == NULL && strstr(a.text, "(") == NULL,
	    "ruby: the reading (rt, rp) is left out, the words stay whole");
	article_clear(&a);

	/*
	 * Infinite scroll: the next stories are set below the one asked
	 * for, each in its own <article> of the same class.  They neither
	 * join as siblings (two) nor make their feed the article (four,
	 * where three nearly-as-good candidates share the feed).
	 */
	extract("<body><div class=feed>" STORY("Ships", BODY)
	    STORY("Bridge", BRIDGE) "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "old bridge") == NULL,
	    "stacked: the next story is not joined to the first");
	article_clear(&a);
	extract("<body><div class=feed>" STORY("Ships", BODY)
	    STORY("Bridge", BRIDGE) STORY("Harvest", HARVEST)
	    STORY("Museum", MUSEUM) "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "old bridge") == NULL &&
	    strstr(a.text, "harvest") == NULL &&
	    strstr(a.text, "east wing") == NULL,
	    "stacked: a feed of four stories is not one article");
	article_clear(&a);

	/*
	 * A page laid out in a table: the article, one block cut by <br>,
	 * shares a cell with link lists, and the cell wins on their many
	 * short paragraphs.  It is mostly links: pruning them took the
	 * table, article and all.  The candidate inside it with few links
	 * and a good part of its prose is the article.
	 */
	extract("<body><div id=shell><table><tr><td>" DESKS "<div id=printready>"
	    "<div class=copy>The Treasury Department on Tuesday imposed "
	    "sanctions on thirteen vessels that carried Venezuelan crude oil "
	    "under an executive order signed last year.<br><br>The measures "
	    "freeze any assets the companies hold in the United States and "
	    "bar Americans from dealing with them. More could follow, the "
	    "department said.<br><br>Shipping companies in Panama and Liberia "
	    "own the tankers according to the registry. Most of them had "
	    "changed their names at least twice since 2019.</div></div>" DESKS
	    DESKS "</td></tr></table></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "since 2019") != NULL,
	    "frame: the article in a link-heavy layout cell is read");
	t_ok(strstr(a.text, "sports desk") == NULL,
	    "frame: the link lists around it are not");
	article_clear(&a);

	/*
	 * Comments that no class names, set after the story in the same
	 * cell: the text ends at the heading that opens them.  A "Related"
	 * box inside the story does not end it.
	 */
	extract("<body><table><tr><td>" P1 "<p><b>Related</b></p>" P2 P3
	    "<p><b>Comments (2)</b></p><p>I always said these tankers were "
	    "trouble, and nobody listened to me, as usual, in this town.</p>"
	    "<p>Posted by a reader on January 10, 2008 5:58 PM</p>"
	    "</td></tr></table></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "comments: the story, a Related heading inside it, is read");
	t_ok(strstr(a.text, "nobody listened") == NULL &&
	    strstr(a.text, "Comments") == NULL,
	    "comments: the text ends at the comments heading");
	article_clear(&a);
	extract("<body><table><tr><td>" BODY "<p>Have your say on this "
	    "story</p><p>Your nickname (optional) and your comment, of no "
	    "more than two hundred words, will be read before it is shown.</p>"
	    "</td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "nickname") == NULL,
	    "comments: \"Have your say on this story\" ends the text too");
	article_clear(&a);
	extract("<body><table><tr><td>" P1 P2 "<p>More stories</p>" P3
	    "<p>The council also said, on Monday, that the port would stay "
	    "open through the winter, whatever the weather did.</p>"
	    "<p>Top stories</p><p>Rain to fall all weekend across the north, "
	    "the forecasters say, with cold nights to follow.</p>"
	    "</td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "port would stay") != NULL,
	    "lists: a \"More stories\" box inside the story does not end it");
	t_ok(strstr(a.text, "Rain to fall") == NULL,
	    "lists: \"Top stories\" in the second half ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" P1 "<p>Mehr zum Thema Schifffahrt:"
	    "</p>" P2 P3 "<p>Mehr zum Thema Häfen und Zölle</p><p>Rain to "
	    "fall all weekend across the north.</p><p>Lust auf mehr? Lass "
	    "dir die besten Geschichten jede Woche schicken.</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL,
	    "lists: \"Mehr zum Thema ...\" early in the story does not end "
	    "it");
	t_ok(strstr(a.text, "Rain to fall") == NULL &&
	    strstr(a.text, "Lust auf") == NULL,
	    "lists: \"Mehr zum Thema ...\" in the last quarter ends the text");
	article_clear(&a);
	/*
	 * A press release's contact after the text; the same heading over
	 * a part of the story, before its last quarter, ends nothing.
	 */
	extract("<body><table><tr><td>" P1 "<h3>Weitere Informationen</h3>"
	    P2 P3 "<p>Kontakt:</p><p>Jan Beispiel</p><p>Telefon +49 40 "
	    "1234 56</p><p>Pressekontakt</p><p>Presse Stelle</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL,
	    "contact: \"Weitere Informationen\" early in the story does not "
	    "end it");
	t_ok(strstr(a.text, "Kontakt") == NULL &&
	    strstr(a.text, "Telefon") == NULL &&
	    strstr(a.text, "Presse Stelle") == NULL,
	    "contact: a contact heading in the last quarter ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" BODY "<p>Weitere Infos gibt's "
	    "unter port.example.</p><p>Das Buch zum Thema</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Weitere Infos") == NULL &&
	    strstr(a.text, "Das Buch") == NULL,
	    "contact: \"Weitere Infos ...\" in the last quarter ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" BODY "<p>Weitere Informationen "
	    "erteilt Jan Beispiel.</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Jan Beispiel") != NULL,
	    "contact: \"Weitere Informationen erteilt ...\", a sentence, is "
	    "kept");
	article_clear(&a);
	/* How to cite the piece, and the site's notes under it. */
	extract("<body><table><tr><td>" BODY "<p>Pour citer cet article "
	    ":</p><p>Jean Exemple, \xc2\xab Les p\xc3\xa9troliers \xc2\xbb, "
	    "Revue, 2009.</p><p>Nota bene : proposez un texte au "
	    "comit\xc3\xa9.</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "citer") == NULL &&
	    strstr(a.text, "Nota bene") == NULL,
	    "contact: \"Pour citer cet article\" in the last quarter ends "
	    "the text");
	article_clear(&a);
	/* A sign-up request ends the text; the story may speak of one. */
	extract("<body><table><tr><td><p>The port's newsletter, sent to "
	    "shippers each week, first reported the listing.</p>" BODY "<p>Abonnieren Sie jetzt den "
	    "Hafen-Newsletter!</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "sent to shippers") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "sign-up: a newsletter early in the story is the story's");
	t_ok(strstr(a.text, "Abonnieren") == NULL,
	    "sign-up: a request in the text's last tenth is left out");
	article_clear(&a);
	/* An appeal for money there too; the story's own verb is prose. */
	extract("<body><table><tr><td><p>Unterst\xc3\xbctzen Sie die Reeder, "
	    "forderte der Verband.</p>" BODY "<p>Unterst\xc3\xbctze das "
	    "Hafenblatt schon mit 2 Euro!</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "forderte der Verband") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "sign-up: an appeal early in the story is the story's");
	t_ok(strstr(a.text, "Hafenblatt") == NULL,
	    "sign-up: an appeal for money in the last tenth is left out");
	article_clear(&a);
	extract("<body><table><tr><td>" BODY P1 P2 "<p>Stay up-to-date on our "
	    "work.</p><p>Zapraszamy do subskrypcji tygodnika.</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Stay up") == NULL &&
	    strstr(a.text, "Zapraszamy") == NULL,
	    "sign-up: \"Stay up-to-date\" and \"subskrypcji\" in the last "
	    "tenth are left out");
	article_clear(&a);
	/* A pointer to the site's other pages there too. */
	extract("<body><table><tr><td><p>Die Liste der Schiffe finden Sie "
	    "hier und beim Register, sagte der Sprecher.</p>" BODY P1 P2
	    "<p>Alles \xc3\xbc" "ber Tanker findest du hier.</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "sagte der Sprecher") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "sign-up: \"finden Sie hier\" early in the story is the story's");
	t_ok(strstr(a.text, "findest du hier") == NULL,
	    "sign-up: \"... findest du hier.\" in the last tenth is left out");
	article_clear(&a);
	/* A post's tags under it; a label early in the text is prose's. */
	extract("<body><table><tr><td><p>Tags: the registry lists them "
	    "all.</p>" BODY "<p>Category : Press Releases</p><p>Tags: "
	    "Shipping, Sanctions</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "registry lists") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "tags: a label above the story is left to the story");
	t_ok(strstr(a.text, "Press Releases") == NULL &&
	    strstr(a.text, "Shipping, Sanctions") == NULL,
	    "tags: tag and category lines in the last tenth are left out");
	article_clear(&a);

	/*
	 * Furniture in the story's own cell: the dateline above it and the
	 * agency's copyright notice below it are not the story.
	 */
	extract("<body><table><tr><td><p>Last Updated: 11:11am GMT "
	    "10/01/2008</p><p>Friday 28th December, 2007</p>" BODY
	    "<p>Copyright 2008 Example Press. All "
	    "rights reserved. This material may not be published or "
	    "redistributed.</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Last Updated") == NULL &&
	    strstr(a.text, "Example Press") == NULL,
	    "furniture: dateline and copyright notice are left out");
	t_ok(strstr(a.text, "December") == NULL,
	    "furniture: a paragraph that is only a date is left out");
	article_clear(&a);
	extract("<body><table><tr><td>" P1 "<p>A tanker at anchor off "
	    "Aruba. \xc2\xa9 EPA / Jane Roe</p>" P2 "<p>The registry, "
	    "copied here under licence \xc2\xa9 Lloyd's List, names the "
	    "owners of every tanker in the fleet, their flags and their "
	    "captains, and it showed that most of the ships had changed "
	    "hands twice since 2019, officials said.</p>" P3
	    "</td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Aruba") == NULL && strstr(a.text, "EPA") == NULL,
	    "furniture: a caption closing with its credit is left out");
	t_ok(strstr(a.text, "Lloyd's List") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "furniture: prose holding the sign is kept");
	article_clear(&a);
	/* A licence by its mark alone, not its name. */
	extract("<body><table><tr><td>" BODY "<p>Dieser Text wurde "
	    "ver\xc3\xb6" "ffentlicht unter der Lizenz CC-BY-NC-ND-4.0.</p>"
	    "<p>Inhalte dieser Website stehen unter CC BY 4.0</p>"
	    "</td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Lizenz") == NULL && strstr(a.text, "CC BY") == NULL,
	    "furniture: a CC-BY licence notice is left out");
	article_clear(&a);
	/* A note on affiliate links; an affiliate in the news is prose. */
	extract("<body><table><tr><td><p>An affiliate of the shipping group "
	    "in Dubai was named as well.</p>" BODY "<p>Dieser Artikel kann "
	    "Links zu Anbietern enthalten, von denen wir eine Provision "
	    "erhalten.</p><p>Mit * gekennzeichnete Links sind "
	    "Affiliate-Links.</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "affiliate of the shipping group") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "furniture: an affiliate in the story is kept");
	t_ok(strstr(a.text, "Provision") == NULL &&
	    strstr(a.text, "Affiliate-Links") == NULL,
	    "furniture: a note on affiliate links is left out");
	article_clear(&a);
	/* A comment form's log-in request under the story. */
	extract("<body><table><tr><td>" BODY "<p>Du musst eingeloggt sein, "
	    "um Kommentare zu schreiben!</p><p>You must be logged in to post "
	    "a comment.</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "eingeloggt") == NULL &&
	    strstr(a.text, "logged in") == NULL,
	    "furniture: a log-in request before a comment is left out");
	article_clear(&a);

	/*
	 * A tag broken early in the page, an attribute never closed in a
	 * <script> of the head: libxml2's relaxed parsing loses the body
	 * behind it, its plain parsing keeps it.  The plain parse is tried
	 * when the relaxed one finds no article.
	 */
	extract(BROKEN_HEAD "<body><table><tr><td>" BODY
	    "</td></tr></table></body></html>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL,
	    "broken head: the body behind a broken script tag is read");
	article_clear(&a);

	/*
	 * A <title> never closed (a page cut short by its server, then
	 * mended): libxml2 sets the whole page inside it, in <head>.
	 */
	extract("<html><head><title>Ships sanctioned\n<script>var a = 1;"
	    "</script>\n<div class=page><div class=story>" BODY
	    "</div></div></body></html>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL,
	    "open title: the page set inside an unclosed <title> is read");
	article_clear(&a);

	/*
	 * A stray element in <head> ("<mbox>" before the page's tables):
	 * libxml2 keeps the whole page in the head, a browser shows it.
	 */
	extract("<html><head><title>Ships</title><meta name=robots "
	    "content=all><mbox><tr><td>Search</td></tr></table><table><tr><td>"
	    "<span>" BODY "</span></td></tr></table></body></html>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL,
	    "stray head element: the page libxml2 keeps in <head> is read");
	article_clear(&a);

	/*
	 * A story set as text and <br><br> in one cell, few commas, beside
	 * a table of teasers, each with commas of its own: the cell's
	 * paragraphs count as paragraphs, not as one.
	 */
	extract("<body><table><tr><td class=news>Port officials in Rotterdam "
	    "held two tankers on Monday after a tip from customs about their "
	    "cargo and papers.<br><br>The ships had sailed from the Baltic "
	    "under new names and flags that their owners registered only last "
	    "month.<br><br>Inspectors found that the oil on board did not "
	    "match the papers that the captains showed on their arrival at "
	    "the port.<br><br>The owners have two weeks to answer the charges "
	    "before the cargo is sold at auction by the port authority."
	    "<br><br>A court in The Hague will hear the case of the crews in "
	    "the spring when the inquiry by the customs service ends.</td>"
	    "</tr></table><table>"
	    "<tr><td><a href=/n>Oslo, Monday</a>: insurers, citing risk, "
	    "stop cover for tankers in the Gulf this week.</td></tr>"
	    "<tr><td><a href=/n>Riga, Monday</a>: dockers, in a vote, back "
	    "a strike over the winter rota at the port.</td></tr>"
	    "<tr><td><a href=/n>Gdansk, Sunday</a>: the ferry, from March, "
	    "will run twice a day to the islands again.</td></tr>"
	    "<tr><td><a href=/n>Hamburg, Sunday</a>: a crane, in high wind, "
	    "fell on a quay and hurt two of the workers.</td></tr>"
	    "<tr><td><a href=/n>Malta, Saturday</a>: divers, after a week, "
	    "raised the anchor chain of the sunken barge.</td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "held two tankers") != NULL &&
	    strstr(a.text, "insurers") == NULL,
	    "br paragraphs: a story set with <br><br> beats a teaser table");
	article_clear(&a);

	/*
	 * A blog that renders the post from a script template and sets it
	 * in <noscript> too; a notice in another <noscript> stays out.
	 */
	extract("<body><div class=post-body><script type=text/template>"
	    BODY "</script><noscript>" BODY "</noscript></div><noscript><p>"
	    "Please enable JavaScript to view the comments.</p></noscript>"
	    "</body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "enable JavaScript") == NULL,
	    "noscript: the post set there is read, a notice is not");
	article_clear(&a);

	/*
	 * Infinite scroll: the story asked for, then a longer one below it
	 * in the same feed.  The first is the page's.
	 */
	extract("<body><main><div class=feed><article><h1>Tankers held</h1>"
	    "<div class=entry>" BODY "</div></article><article><h1>Harbour "
	    "strike</h1><div class=entry>" OTHER OTHER OTHER "<p>Dockers in "
	    "Riga voted on Monday, by a wide margin, to strike over the "
	    "winter rota, their union said, after talks broke down.</p>"
	    "</div></article></div></main></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Dockers") == NULL,
	    "feed: the first story is the page's, not the longest below");
	article_clear(&a);

	/*
	 * A CMS's content elements: one text set in sibling <article>s of
	 * one kind, each with a subhead, none a headline of its own.  All
	 * are read, in order; a sidebar's <article>s are not of them.
	 */
#define CE(kind, h, body) "<article class='ce " kind "'><header><h3>" h \
	"</h3></header><div class=textpic><div class=bodytext>" body \
	"</div></div></article>"
	extract("<body><main><h1>Weekly report</h1>" CE("ce-text", "Calm",
	    P1) CE("ce-text", "Ships", P2 P3 P2) CE("ce-image", "Registry",
	    P3) "</main><aside><article class=teaser><p>Ports brace for a "
	    "cold winter as freight rates climb again this month.</p>"
	    "</article></aside></body>", &a);
#undef CE
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "freeze any assets") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "thirteen vessels") < strstr(a.text,
	    "Marshall Islands"), "content elements: every part, in order");
	t_ok(strstr(a.text, "Ports brace") == NULL,
	    "content elements: the sidebar's <article> is not one");
	article_clear(&a);

	/*
	 * A forum thread: posts in sibling <article>s, each an author's
	 * card and the post's text; the text of each, not the cards.
	 */
	extract("<body><div class=thread><article class='message "
	    "message--mod'><div class=user><a href=/m/1>Moderator Ann</a>"
	    "</div><div class=bbWrapper>" P1 P2 "</div></article><article "
	    "class='message'><div class=user><a href=/m/2>Member Bo</a>"
	    "</div><div class=bbWrapper>" P3 "</div></article></div></body>",
	    &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "forum thread: every post's text");
	t_ok(strstr(a.text, "Moderator Ann") == NULL &&
	    strstr(a.text, "Member Bo") == NULL,
	    "forum thread: not the authors' cards");
	article_clear(&a);

	/*
	 * Teasers inside the story's block: a headline, <br>, its source
	 * and date.  The item is a link list's, its second line too.
	 */
	extract("<body><div class=story>" BODY "<p><a href=/1>French output "
	    "seen up 0.4 pct in the fourth quarter</a><br>Wire News | <span>"
	    "Wed, Jan 16 2008, 07:50 GMT</span></p><p><a href=/2>Dollar hits "
	    "a low against the yen in Asian trade</a><br>Wire News | <span>"
	    "Wed, Jan 16 2008, 07:42 GMT</span></p></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Wire News") == NULL,
	    "link list: a teaser's source line under its <br> goes with it");
	article_clear(&a);

	/*
	 * A caption set under its image on a line of its own, no
	 * <figcaption>; a short paragraph that an image floats beside is
	 * the story's.
	 */
	extract("<body><div class=story>" P1 "<p><img src=/f4.jpg><br><em>"
	    "Figure 4: the tanker Ocean Star at anchor off Malta.</em></p>"
	    P2 "<p><img class=right src=/f5.jpg> Customs officers boarded "
	    "two of the ships in June.</p>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Figure 4") == NULL &&
	    strstr(a.text, "Customs officers boarded") != NULL,
	    "caption: under an image, left out; beside one, kept");
	article_clear(&a);

	/*
	 * Readers' comments below the story, in blocks that no class names,
	 * after the target of the page's "jump to comments" link.
	 */
	extract("<body><div>" BODY "<a name=comments></a><div>Posted by: "
	    "sigil on Thu 17 Jan</div><div>It is time the funding was set "
	    "out in advance, so people know exactly what they pay for, and "
	    "why the port should pay for the rest of it.</div></div></body>",
	    &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Posted by") == NULL &&
	    strstr(a.text, "funding") == NULL,
	    "comments anchor: the comments after <a name=comments> are out");
	article_clear(&a);

	/*
	 * An advertisement's slot labelled between paragraphs, and a
	 * site's terms under the story: neither is the story.
	 */
	extract("<body><div class=story>" P1 "<div class=slot><p>Advertisement"
	    "</p></div>" P2 "<p>ADVERTISEMENT</p>" P3 "<p>Reliance on what "
	    "this site prints is at your own risk, its owners remind you.</p>"
	    "<p>This report may not be reproduced in any form without leave."
	    "</p></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strcasestr(a.text, "advertisement") == NULL,
	    "furniture: \"Advertisement\" slot labels are left out");
	t_ok(strstr(a.text, "own risk") == NULL &&
	    strstr(a.text, "reproduced") == NULL,
	    "furniture: a site's terms under the story are left out");
	article_clear(&a);

	/*
	 * A shop's commission notice above the story, "Article continues
	 * below" where an advertisement goes, a photograph's credit left
	 * without its caption.
	 */
	extract("<body><div class=story><p>If you buy something through "
	    "our links, we may earn a commission.</p>" P1 "<p>Article "
	    "continues below</p>" P2 "<p>Photo: Jane Roe/Harbour Agency</p>"
	    P3 "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "commission") == NULL &&
	    strstr(a.text, "continues below") == NULL &&
	    strstr(a.text, "Jane Roe") == NULL,
	    "furniture: commission notice, ad slot label, photo credit out");
	article_clear(&a);

	/*
	 * Bars of links flattened into a line above and below the story;
	 * a directory tree drawn with the same marks is not one.
	 */
	extract("<body><div class=story><p>Home &gt; World &gt; Harbours</p>"
	    P1 "<p>Digg | Facebook | E-mail | Print</p>" P2 "<pre>tree/ |-- "
	    "bin/ | |-- ships | |-- ports</pre>" P3 "<p>Jobs | Classifieds | "
	    "Obituaries |</p></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Harbours") == NULL &&
	    strstr(a.text, "Facebook") == NULL &&
	    strstr(a.text, "Obituaries") == NULL,
	    "furniture: bars of links cut by | and > are left out");
	t_ok(strstr(a.text, "|-- ships") != NULL,
	    "furniture: a tree drawn with | is kept");
	article_clear(&a);

	/* The site asking for a follow or a subscription under the story. */
	extract("<body><div class=story>" BODY "<p>Follow us on every network "
	    "for the latest from the harbour.</p><p>Subscribe now and read "
	    "every story first.</p></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Follow us") == NULL &&
	    strstr(a.text, "Subscribe now") == NULL,
	    "furniture: \"Follow us on\" and \"Subscribe now\" are left out");
	article_clear(&a);
	extract("<body><div class=story>" BODY "<p>Follow the Harbour Times "
	    "on Twitter and Instagram @harbourtimes and on Facebook. Send the "
	    "desk a message on WhatsApp at 555-0100 or write to letters@"
	    "harbour.example or news@harbour.example, day or night.</p><p>"
	    "\xc2\xa1Mira lo que tiene nuestro canal de YouTube!</p><p>The "
	    "rebels said on their Telegram channel that the port was shut.</p>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Harbour Times") == NULL &&
	    strstr(a.text, "canal") == NULL,
	    "furniture: a long \"Follow <site> on ...\" and \"our channel\" "
	    "requests are left out");
	t_ok(strstr(a.text, "Telegram channel") != NULL,
	    "furniture: a story's Telegram channel is kept");
	article_clear(&a);
	extract("<body><div class=story>" BODY "<p>Jane Roe can be reached at "
	    "jane@harbour.example.</p></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "reached") == NULL,
	    "furniture: the reporter's address is left out");
	article_clear(&a);
	extract("<body><div class=story>" BODY "<p>Source: Harbour Agency</p>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Harbour Agency") == NULL,
	    "furniture: a short \"Source: ...\" line is left out");
	article_clear(&a);
	extract("<body><div class=story><p>3 days ago</p>" BODY "<p>Page 1 "
	    "of 2</p><p>Font:</p></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "days ago") == NULL &&
	    strstr(a.text, "Page 1") == NULL && strstr(a.text, "Font") == NULL,
	    "furniture: \"3 days ago\", \"Page 1 of 2\", \"Font:\" left out");
	article_clear(&a);
	extract("<body><div class=story><p>Associated Press - March 3, 2009 "
	    "4:10 PM ET</p>" BODY "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "March 3") == NULL,
	    "furniture: an agency's dateline is left out");
	article_clear(&a);

	/*
	 * What share and print buttons say, left as paragraphs of their
	 * own; a desk's teasers under a "... Headlines" heading; readers'
	 * comments under "Tell us what you think".
	 */
	extract("<body><table><tr><td>" P1 "<p>Share this article</p>" P2
	    "<p>Printer friendly page</p>" P3 "<p>Harbour Headlines</p><p>"
	    "The ferry to the islands will run twice a day from March, its "
	    "owners said, after a winter of storms.</p></td></tr></table>"
	    "</body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Share this") == NULL &&
	    strstr(a.text, "Printer") == NULL,
	    "furniture: share and print labels are left out");
	t_ok(strstr(a.text, "ferry") == NULL,
	    "lists: a \"... Headlines\" heading in the second half ends the "
	    "text");
	article_clear(&a);
	extract("<body><table><tr><td>" BODY "<p>Tell us what you think...</p>"
	    "<p>They should have seized the tankers years ago, and everyone "
	    "at the harbour knew it, believe me.</p></td></tr></table></body>",
	    &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "believe me") == NULL,
	    "comments: \"Tell us what you think\" ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" BODY "<p>Your Name (Will appear "
	    "below your comment.)</p><p>Your address, which is never shown "
	    "to other readers of this page, and your words.</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Your Name") == NULL &&
	    strstr(a.text, "never shown") == NULL,
	    "comments: a comment form's first label ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" P1 P2 P3 "<p>Also in Harbour News</p>"
	    "<p>The ferry to the islands will run twice a day from March, its "
	    "owners said, after a winter of storms.</p></td></tr></table>"
	    "</body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "ferry") == NULL,
	    "lists: \"Also in ... News\" ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" P1 P2 P3 "<h3>Related Coverage</h3>"
	    "<p>Port workers vote to strike over the winter rota, the union "
	    "says, after talks broke down on Friday.</p><h3>Mehr zum Thema</h3>"
	    "<p>Der Hafen bleibt im Winter offen, sagte der Rat am Montag.</p>"
	    "</td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "rota") == NULL && strstr(a.text, "Hafen") == NULL,
	    "lists: \"Related Coverage\" ends the text");
	article_clear(&a);
	/* Headings with accents fold to their letters: "Ähnliche". */
	extract("<body><table><tr><td>" P1 P2 P3 "<h3>\xc3\x84hnliche "
	    "Beitr\xc3\xa4ge</h3><p>Der Hafen bleibt im Winter offen, sagte "
	    "der Rat am Montag nach einer langen Sitzung.</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Hafen") == NULL,
	    "lists: \"\xc3\x84hnliche Beitr\xc3\xa4ge\" ends the text");
	article_clear(&a);
	extract("<body><table><tr><td>" P1 P2 P3 "<h3>Leave a Reply</h3>"
	    "<p>Great piece, though I think the port will reopen sooner than "
	    "the officials say it will.</p></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Great piece") == NULL,
	    "comments: \"Leave a Reply\" ends the text");
	article_clear(&a);

	/*
	 * A drop cap in a block of its own: the letter and the rest of its
	 * word are one word.  A lone "A" before a capital is not a drop cap.
	 */
	extract("<body><div class=story><div class=dropcap>T</div><p>ankers "
	    "flagged in Panama were held at the port on Monday, officials "
	    "said, citing the new rules on sanctioned cargo.</p>" P2
	    "<p>A</p><p>Cabinet minister said the rules would stay in force "
	    "through the winter, whatever the courts decided.</p>" P3
	    "</div></body>", &a);
	t_ok(strncmp(a.text, "Tankers flagged", 15) == 0,
	    "drop cap: the letter joins the rest of its word");
	t_ok(strstr(a.text, "A\n\nCabinet") != NULL,
	    "drop cap: a lone capital before a capital stays apart");
	article_clear(&a);

	/*
	 * The headline above the story, which the page's title holds, is
	 * the title, not the story's text; a first paragraph the title does
	 * not hold stays.
	 */
	extract("<html><head><title>Port seizes two tankers - Example "
	    "News</title></head><body><div class=story><h1>Port seizes two "
	    "tankers</h1>" P1 P2 P3 "</div></body></html>", &a);
	t_ok(strstr(a.text, "Port seizes") == NULL &&
	    strstr(a.text, "thirteen vessels") != NULL,
	    "headline: the title's words above the story are left out");
	article_clear(&a);
	extract("<html><head><title>Example News</title></head><body>"
	    "<div class=story><h2>Officials spoke at length on Monday</h2>"
	    P1 P2 P3 "</div></body></html>", &a);
	t_ok(strstr(a.text, "Officials spoke at length") != NULL,
	    "headline: a first paragraph the title does not hold stays");
	article_clear(&a);
	/* A title that opens with the headline, the site's sections after. */
	extract("<html><head><title>Port seizes two tankers off the coast - "
	    "Shipping - World - Breaking News - The Example Daily Telegraph"
	    "</title></head><body><div class=story><h1>Port seizes two "
	    "tankers off the coast</h1>" P1 P2 P3 "</div></body></html>", &a);
	t_ok(strstr(a.text, "Port seizes") == NULL &&
	    strstr(a.text, "thirteen vessels") != NULL,
	    "headline: left out where a long title opens with it");
	article_clear(&a);
	/* A short first paragraph that the title merely opens with stays. */
	extract("<html><head><title>Shipping news: tankers seized off the "
	    "coast of Oman - The Example Daily Telegraph</title></head><body>"
	    "<div class=story><p>Shipping news</p>" P1 P2 P3 "</div></body>"
	    "</html>", &a);
	t_ok(strstr(a.text, "Shipping news") != NULL,
	    "headline: a short paragraph the title opens with stays");
	article_clear(&a);

	/*
	 * Readers' comments in a block whose class also says article
	 * ("comment-article"): comments all the same; but such a block
	 * holding most of the page is read.
	 */
	extract("<body><div id=main-article>" BODY "</div><div "
	    "class=comment-article><p>I sailed on that line twice and never "
	    "once saw a crew member check the cargo manifests myself.</p><p>"
	    "Pat, Leeds</p></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "cargo manifests") == NULL,
	    "comments: a comment-article block is left out");
	article_clear(&a);
	extract("<body><div class=comments-article-wrap><div class=story>"
	    BODY "</div></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL,
	    "comments: such a block holding the whole page is read");
	article_clear(&a);

	/* The article's footnotes: "footnotes" is not a footer's "foot". */
	extract("<body><div class=post>" BODY "<section class=footnotes><ol>"
	    "<li id=fn1><p>The registry lists a fourth owner, a holding in "
	    "Cyprus whose accounts were never filed.</p></li></ol></section>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "holding in Cyprus") != NULL,
	    "footnotes: the article's notes are kept");
	article_clear(&a);

	/*
	 * An author's box under the post, longer than the post itself: a
	 * biography, not the article.
	 */
	extract("<body><article><div class=entry-content>" BODY "</div><div "
	    "class=author-bio><p>Kim Moss has written about ports, freight "
	    "and the people who work the docks for more than twenty years, "
	    "first in Rotterdam, later in Hamburg and Antwerp.</p><p>Before "
	    "that, she studied maritime law, worked for a shipping agent in "
	    "Genoa, and taught evening classes on the history of trade, "
	    "which she still does.</p><p>She lives by the river with two "
	    "cats, a small boat and far too many books about lighthouses, "
	    "canals, tides and old harbours.</p></div></article></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Kim Moss") == NULL,
	    "author box: the biography under the post is left out");
	article_clear(&a);

	/*
	 * The standfirst in a header inside the body's own block (the
	 * block holds the header and the text): still put first.
	 */
	extract("<body><article><section class=row><header><h1>Tankers "
	    "named</h1><div class=teaser><p class=abstract>Washington widens "
	    "its campaign against the shadow fleet.</p></div></header><div "
	    "class=body>" BODY "</div></section></article></body>", &a);
	t_ok(strncmp(a.text, "Washington widens", 17) == 0 &&
	    strstr(a.text, "thirteen vessels") != NULL,
	    "lead: a header inside the body's block gives its standfirst");
	article_clear(&a);

	/*
	 * A footer whose class also says article or main ("MainFooter",
	 * "article-footer") is a footer all the same.
	 */
	extract("<body><div class=story>" BODY "<div class=MainFooter><p>"
	    "The publisher follows the national press code, which asks for "
	    "news that is fair, accurate and balanced at all times.</p>"
	    "</div></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "press code") == NULL,
	    "footer: a MainFooter block is left out");
	article_clear(&a);

	/*
	 * Related stories and social or community boxes whose class also
	 * says article or content: boxes all the same.
	 */
	extract("<body><div class=story>" BODY "<div class=related-articles>"
	    "<p>Harbour strike ends after nine days as the port and the "
	    "unions agree on a new pay deal for dock workers.</p></div><div "
	    "class=social-content><p>Join the conversation with our readers "
	    "and tell us what you think about the new rules today.</p></div>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Harbour strike") == NULL &&
	    strstr(a.text, "Join the conversation") == NULL,
	    "boxes: related-articles and social-content are left out");
	article_clear(&a);

	/*
	 * A story set in sections of the page, each in wrappers of its
	 * own under <body>, the first one's class a positive word: the
	 * sections that are prose join the one that won the scoring.
	 */
	extract("<body><div class=wrap><div class=box><div class=inner><div "
	    "class=row><div class=date>3 March 2026</div><div class=post-text>"
	    BODY
	    "</div></div></div></div></div><div class=wrap><div class=box>"
	    "<div class=inner><div class=row><div class=col>"
	    "<p>Insurers, brokers and banks in London, Oslo and Singapore "
	    "said they had stopped covering the ships, which will now find it "
	    "hard to load cargo, refuel or enter most ports, at least for a "
	    "while.</p><p>Lawyers for two of the owners said they would "
	    "appeal, arguing that the vessels had been sold, renamed and "
	    "reflagged before the order was signed, and that the new owners "
	    "had no link to the old ones.</p><p>The department said the "
	    "appeals would be heard, but that the measures stay in force "
	    "meanwhile, as they do in every such case.</p></div></div></div>"
	    "</div></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Lawyers for two") != NULL,
	    "sections: a story cut in wrappers under <body> is read whole");
	article_clear(&a);

	/* Share and print labels in other languages. */
	extract("<body><div class=story>" P1 "<p>Jetzt teilen</p>" P2
	    "<p>Imprimer</p>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "teilen") == NULL &&
	    strstr(a.text, "Imprimer") == NULL,
	    "furniture: \"Jetzt teilen\" and \"Imprimer\" are left out");
	article_clear(&a);

	/* A gallery's, a rating's, a source list's and a download's buttons. */
	extract("<body><div class=story>" P1 "<p>Bild anzeigen Bild schlie"
	    "\xc3\x9f" "en</p><p>Quellen ausblenden</p>" P2 "<p>Hier k"
	    "\xc3\xb6" "nnen Sie den Artikel bewerten</p>" P3 "<p>Als PDF "
	    "herunterladen</p><p>Vorschau auf den n\xc3\xa4" "chsten Artikel"
	    "</p><p>Beitragsbild: Hafenamt</p></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Bild") == NULL && strstr(a.text, "Quellen") == NULL &&
	    strstr(a.text, "bewerten") == NULL && strstr(a.text, "PDF") == NULL &&
	    strstr(a.text, "Vorschau") == NULL &&
	    strstr(a.text, "Hafenamt") == NULL,
	    "furniture: buttons' labels and a \"Beitragsbild:\" credit are "
	    "left out");
	article_clear(&a);

	/* A picture's credit in German or French, left once its image is. */
	extract("<body><div class=story>" P1 "<p>Titelbild: Hafenamt</p>" P2
	    "<p>Cr\xc3\xa9" "dits photos : Agence Nord</p>" P3 "</div></body>",
	    &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Hafenamt") == NULL &&
	    strstr(a.text, "Agence Nord") == NULL,
	    "furniture: \"Titelbild:\" and \"Cr\xc3\xa9" "dits photos\" "
	    "credits are left out");
	article_clear(&a);

	/* A star rating widget under the post. */
	extract("<body><div class=story>" BODY "<div class=post-ratings><p>"
	    "No votes yet: be the first to rate this article and tell us how "
	    "useful it was.</p></div></div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "No votes") == NULL,
	    "rating: a ratings widget is left out");
	article_clear(&a);

	/*
	 * A component that sets the story in its <article>'s <header> (a
	 * "description"): that header is the body, not a header.
	 */
	extract("<body><div class=links><a href=/1>Oil prices rise as traders "
	    "weigh new measures today</a> <a href=/2>Shipping insurers pull "
	    "cover for tankers in the Gulf</a> <a href=/3>Port workers vote "
	    "to strike over the winter rota</a> <a href=/4>The ferry to the "
	    "islands will run twice a day from March</a> <a href=/5>Harbour "
	    "strike ends after nine days of talks</a> <a href=/6>Insurers in "
	    "Oslo stop covering the ships</a></div><div class=box><p>To "
	    "protect your data, content from an outside provider is not "
	    "loaded here until you agree to its terms. You can change your "
	    "mind at any time, in the settings at the foot of the page, and "
	    "the content will be shown at once.</p></div><article "
	    "class=ImageText><header class=ImageText_Description><div>" BODY
	    "</div></header></article></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "header: one holding most of its article's text is read");
	article_clear(&a);
	/*
	 * An accordion's parts, each a <header> holding only its heading,
	 * then its text: the headings are the story's; the page's header,
	 * a linked heading beside its menu, is not.
	 */
	extract("<body><header><h2><a href=/>Port News</a></h2><nav><a "
	    "href=/a>Ships</a></nav></header><div class=content>" P1
	    "<ul class=accordion><li><header class=acc_head><h3>What the "
	    "order freezes</h3></header><div class=acc_body>" P2 "</div>"
	    "</li><li><header class=acc_head><h3>Who owns the "
	    "tankers</h3></header><div class=acc_body>" P3 "</div></li>"
	    "</ul></div></body>", &a);
	t_ok(strstr(a.text, "What the order freezes") != NULL &&
	    strstr(a.text, "Who owns the tankers") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "header: a part's header holding only its heading is read");
	t_ok(strstr(a.text, "Port News") == NULL,
	    "header: the page's header is not");
	article_clear(&a);
	/*
	 * A heading whose list of links is left out heads nothing: it does
	 * not end the text.  A subhead with its part under it stays.
	 */
	extract("<body><div class=story>" P1 "<h2>What the order "
	    "freezes</h2>" P2 P3 "<h2>Also on Port News</h2><p><a "
	    "href=/1>Ferries to run twice a day</a><br><a href=/2>Harbour "
	    "strike ends after nine days</a></p></div></body>", &a);
	t_ok(strstr(a.text, "What the order freezes") != NULL &&
	    strstr(a.text, "Marshall Islands") != NULL,
	    "lonely heading: a subhead over its part is kept");
	t_ok(strstr(a.text, "Also on Port News") == NULL,
	    "lonely heading: the head of a list left out is left out too");
	article_clear(&a);

	/*
	 * Two desks' lists one under the other, longer together than the
	 * story: the first heading stands in the second half only of what
	 * is left once the second list is cut.
	 */
	extract("<body><table><tr><td>" BODY "<p>Harbour Headlines</p><p>"
	    "The ferry to the islands will run twice a day from March, its "
	    "owners said, after a winter of storms that closed the pier.</p>"
	    "<p>Port workers voted to strike over the winter rota on Monday, "
	    "their union said, the first walkout at the docks in a decade.</p>"
	    "<p>Region Headlines</p><p>Insurers in Oslo stopped covering the "
	    "ships that call at the port, citing the measures and the risk "
	    "of seizure by the coast guard.</p><p>A harbour strike ended "
	    "after nine days of talks between the owners and the dockers' "
	    "union, both sides said late on Friday night.</p></td></tr>"
	    "</table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "ferry") == NULL &&
	    strstr(a.text, "Insurers") == NULL,
	    "lists: two desks' lists, the first in the story's half, both cut");
	article_clear(&a);

	/*
	 * A grid of other stories under the story, in the same cell: each
	 * row a headline link, a <br> and its summary, no link density to
	 * prune it by.
	 */
	extract("<body><table><tr><td>" BODY "<table><tr><td class=cell>"
	    "<a href=/n/1>Ferry to run twice a day</a><br>The ferry to the "
	    "islands will run twice a day from March, its owners said, after "
	    "a winter of storms.</td></tr><tr><td class=cell><a href=/n/2>"
	    "Dockers vote to strike</a><br>Port workers voted to strike over "
	    "the winter rota on Monday, the first walkout at the docks in a "
	    "decade.</td></tr></table></td></tr></table></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "ferry") == NULL &&
	    strstr(a.text, "walkout") == NULL,
	    "teasers: a grid of headline links and summaries is left out");
	article_clear(&a);

	/* The same grid as a list, each headline link in a heading. */
	extract("<body><div class=story>" BODY "<ul><li><h4><a href=/n/1>"
	    "Ferry to run twice a day</a></h4>The ferry to the islands will "
	    "run twice a day from March, its owners said, after a winter of "
	    "storms.</li><li><h4><a href=/n/2>Dockers vote to strike</a></h4>"
	    "Port workers voted to strike over the winter rota on Monday, the "
	    "first walkout at the docks in a decade.</li></ul></div></body>",
	    &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "ferry") == NULL &&
	    strstr(a.text, "walkout") == NULL,
	    "teasers: a list of headings' links and summaries is left out");
	article_clear(&a);

	/* An agency's terms that say what is prohibited, not what may not. */
	extract("<body><div class=story>" BODY "<p>The copying or "
	    "redistribution of Harbour Agency content, including by framing, "
	    "is expressly prohibited without its prior written consent.</p>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "framing") == NULL,
	    "furniture: \"... is expressly prohibited\" terms are left out");
	article_clear(&a);

	/* A video player's settings menu inside the story. */
	extract("<body><div class=story>" P1 "<div class=player-settings>"
	    "<div>Quality</div><div>High (HD)</div><div>Captions will look "
	    "like this when they are turned on for the video</div></div>" P2
	    P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Captions will") == NULL,
	    "settings: a player's settings menu is left out");
	article_clear(&a);

	/* An affiliate or advertising disclosure set inside the story. */
	extract("<body><div class=story>" P1 "<p class=ad-disclosure>We are "
	    "paid a small fee when readers buy through the shop links on "
	    "this page, which never changes what we write.</p>" P2
	    "<div class=affiliate-note><p>Prices checked by our shopping "
	    "desk at the time of writing and may have gone up since.</p>"
	    "</div>" P3 "<section class='editorial-disclaimer'><p>The "
	    "views of outside contributors are their own and not those of "
	    "the paper or its owners.</p></section></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "small fee") == NULL &&
	    strstr(a.text, "shopping desk") == NULL &&
	    strstr(a.text, "outside contributors") == NULL,
	    "disclosure: disclosure, affiliate, disclaimer boxes left out");
	article_clear(&a);

	/*
	 * A picture's legend set in a <div>, no <figure> around it, too
	 * long to be taken for a caption by its length.
	 */
	extract("<body><div class=story>" P1 "<div class=picture><a "
	    "href=/p/1.jpg><img src=/p/1s.jpg></a></div><div class=legend>"
	    "<div class=content>The harbour master's launch leaves the quay "
	    "at first light on a calm winter morning, as it has done every "
	    "day since the port opened, with the pilot and two deck hands on "
	    "board and the tugs waiting off the breakwater for the first of "
	    "the tankers.</div></div>" P2 P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "first light") == NULL,
	    "legend: a picture's legend in a <div> is left out");
	article_clear(&a);

	/* A table of contents: its title is no paragraph of the story. */
	extract("<body><div class=story>" P1 "<div id=toc_container><p "
	    "class=toc_title>What this report covers, part by part</p><ul "
	    "class=toc_list><li><a href=#ships>Ships</a></li><li><a "
	    "href=#owners>Owners</a></li></ul></div>" P2 P3 "</div></body>",
	    &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "part by part") == NULL,
	    "toc: a table of contents and its title are left out");
	article_clear(&a);

	/* A paywall's prompt where the story is cut. */
	extract("<body><div class=story>" BODY "<p>To view the full story, "
	    "please log in with the account you pay for.</p><p>Already a "
	    "subscriber? Log in here for the rest.</p></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "account you pay") == NULL &&
	    strstr(a.text, "the rest") == NULL,
	    "paywall: a subscription prompt's paragraphs are left out");
	article_clear(&a);

	/* An interview whose questions are anchors to link to, no links. */
	extract("<body><div class=story>" P1 "<p><a name=q1>Why did the "
	    "ministry wait until the spring to list these ships?</a></p>" P2
	    "<p><a name=q2>Will the owners be able to appeal against the "
	    "listing in court?</a></p>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "until the spring") != NULL &&
	    strstr(a.text, "appeal against") != NULL,
	    "anchor: <a name> without href is text, not a link");
	article_clear(&a);

	/* A sentence whose second half is a link to an earlier story. */
	extract("<body><div class=story>" P1 "<p>The new envoy the "
	    "ministry named on Monday replaces Ann Lee, <a href=/n/7>who "
	    "had held the post alongside her work at the trade ministry for "
	    "eight months.</a></p>" P2 "<ul><li><a "
	    "href=/n/8>Ferry to run twice a day from March</a></li><li><a "
	    "href=/n/9>Dockers vote to strike over the winter rota</a></li>"
	    "</ul>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "eight months.") != NULL &&
	    strstr(a.text, "Dockers vote") == NULL,
	    "linked sentence: kept; a list of headline links is not");
	article_clear(&a);

	/* An author's box whose theme also calls every box "content". */
	extract("<body><div class=story>" BODY "<section class='site-content-"
	    "box site-author-box'><p>Hello, I am the harbour reporter and I "
	    "write about ships, tides and freight.</p></section></div>"
	    "</body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "harbour reporter") == NULL,
	    "author box: left out though its class also says content");
	article_clear(&a);

	/* One teaser the page calls so, its summary over 400 characters. */
	extract("<body><div class=story>" BODY "<div class=teaser><h3><a "
	    "href=/n/5>Ferry company adds a winter timetable</a></h3><p>The "
	    "ferry to the islands will run twice a day from March, its owners "
	    "said on Monday, after a winter of storms that cancelled one "
	    "crossing in three, cost the company its busiest weeks and left "
	    "the island shops short of bread and milk for days at a time; "
	    "the new timetable adds an evening boat on Fridays and Sundays, "
	    "when most visitors travel, and a freight run at dawn that the "
	    "farmers on the larger island have asked for since the old "
	    "cargo ship was sold abroad two years ago.</p></div></div>"
	    "</body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "winter timetable") == NULL &&
	    strstr(a.text, "cargo ship") == NULL,
	    "teaser: a class=teaser block of another story, alone");
	article_clear(&a);

	/* Teasers of a grid, each opening with its picture's link. */
	extract("<body><div class=story>" BODY "<div class=grid><div><a "
	    "href=/n/1><img src=/i/1.jpg></a><h4><a href=/n/1>Ferry to run "
	    "twice a day</a></h4>The ferry to the islands will run twice a "
	    "day from March, its owners said, after a winter of storms."
	    "</div><div><a href=/n/2><img src=/i/2.jpg></a><h4><a "
	    "href=/n/2>Dockers vote to strike</a></h4>Port workers voted to "
	    "strike over the winter rota on Monday, the first walkout at the "
	    "docks in a decade.</div></div></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "ferry") == NULL &&
	    strstr(a.text, "walkout") == NULL,
	    "teasers: a grid whose items open with a picture's link");
	article_clear(&a);

	/* A date or a time in figures alone; a span of years stays. */
	extract("<body><div class=story><p>23.10.2018</p>" P1 "<p>20:37</p>"
	    P2 "<p>1990-1994</p>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "23.10.2018") == NULL &&
	    strstr(a.text, "20:37") == NULL &&
	    strstr(a.text, "1990-1994") != NULL,
	    "date: a date or time in figures alone is left out");
	article_clear(&a);
	extract("<body><div class=story><p>(14/01/2008)</p>" P1 "<p>2008-01-"
	    "12 11:31:01 -</p>" P2 "<p>1/10/2008, 3:50 a.m. EST</p><p>Jan 15, "
	    "2008 7:00 pm US/Eastern</p>" P3 "<p>2-1</p></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "14/01") == NULL &&
	    strstr(a.text, "11:31") == NULL && strstr(a.text, "3:50") == NULL &&
	    strstr(a.text, "Eastern") == NULL,
	    "date: bracketed, database-style and a.m./zone datelines are left "
	    "out");
	t_ok(strstr(a.text, "2-1") != NULL, "date: a score stays");
	article_clear(&a);

	/* A call to action set in the story ("cta" as a class word). */
	extract("<body><div class=story>" P1 P2 "<section class=c-letters-"
	    "cta><p>We would love to read your view of this report: write to "
	    "the letters desk and tell us.</p></section>" P3 "</div></body>",
	    &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "letters desk") == NULL,
	    "cta: a call-to-action box is left out");
	article_clear(&a);

	/* The site asking for a follow or for its app, by its own name. */
	extract("<body><div class=story>" BODY "<p>Follow the Harbour Times "
	    "on Instagram and on X for every sailing.</p><p>For the latest "
	    "news download the Harbour Times apps for iOS and Android.</p>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "every sailing") == NULL &&
	    strstr(a.text, "iOS and Android") == NULL,
	    "follow: a follow or app request naming the site is left out");
	article_clear(&a);

	/* The advertiser's mark the law asks for, opening a paragraph. */
	extract("<body><div class=story><p>*Werbung. Dieser Beitrag nennt "
	    "eine Reederei.</p>" P1 P2 "<p>Anzeige - Heute schon gebucht? "
	    "Die Fähre wartet.</p>" P3 "<p>Anzeige Hamburg: the port "
	    "authority placed a notice in the gazette on Friday.</p>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Reederei") == NULL &&
	    strstr(a.text, "gebucht") == NULL &&
	    strstr(a.text, "gazette") != NULL,
	    "ad mark: a paragraph opening \"Werbung.\" or \"Anzeige -\"");
	article_clear(&a);
	extract("<body><div class=story><p>\xe2\x80\x93 Anzeige: Dieser "
	    "Beitrag entstand mit einer Reederei \xe2\x80\x93</p>" P1 P2
	    "<p>Advertorial</p>" P3 "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Reederei") == NULL &&
	    strstr(a.text, "Advertorial") == NULL,
	    "ad mark: set between dashes, and \"Advertorial\" alone");
	article_clear(&a);

	/* Terms in German and a licence note under the story. */
	extract("<body><div class=story>" BODY "<p>Alle Angaben ohne "
	    "Gew\xc3\xa4hr, Stand der Fahrpl\xc3\xa4ne Januar.</p><p>This "
	    "report is republished under a Creative Commons licence.</p>"
	    "</div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "Alle Angaben") == NULL &&
	    strstr(a.text, "republished") == NULL,
	    "terms: \"ohne Gew\xc3\xa4hr\", \"Creative Commons\" lines left out");
	article_clear(&a);

	/* Class words in camelCase: "sectionRating", "pictureCaption". */
	extract("<body><div class=story>" P1 "<div class=pictureCaption>The "
	    "harbour master's launch leaves the quay at first light on a calm "
	    "winter morning, as it has done every day since the port opened, "
	    "with the pilot and two deck hands on board and the tugs waiting "
	    "off the breakwater for the first of the tankers.</div>" P2 P3
	    "<div class=sectionRating><p>How useful did you find this report "
	    "on the shipping sanctions?</p></div></div></body>", &a);
	t_ok(strstr(a.text, "Marshall Islands") != NULL &&
	    strstr(a.text, "first light") == NULL &&
	    strstr(a.text, "How useful") == NULL,
	    "camelCase: pictureCaption and sectionRating left out");
	article_clear(&a);

	/* CSS as people write it, with spaces. */
	extract("<body><div class=story>" P1 P2 "<div style='visibility : "
	    "Hidden;'><p>Invisible promotional paragraph that nobody ever "
	    "sees on the page, whatever the browser.</p></div>" P3
	    "</div></body>", &a);
	t_ok(strstr(a.text, "thirteen vessels") != NULL &&
	    strstr(a.text, "Invisible") == NULL,
	    "hidden: style visibility : hidden, spaces and case as written");
	article_clear(&a);
}

int
main(void)
{
	parsers_init();
	test_boilerplate();
	test_paragraphs();
	test_jsonld();
	test_meta();
	test_description();
	test_live_ticker();
	test_sidebar_wrapper();
	test_thin_best();
	test_itemprop_article_time();
	test_bytes();
	test_not_article();
	test_hostile();
	test_real_shapes();
	return t_done();
}
