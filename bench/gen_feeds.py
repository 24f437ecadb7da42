#!/usr/bin/python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# gen_feeds.py: realistic feeds for the cycle benchmarks (bench_cycle.sh).
#
#   gen_feeds.py DIR N [ITEMS]
#
# Writes DIR/fI.xml, N feeds of ITEMS items (default 30, about 49 KB a
# feed), one item in 40 about sanctions.  The sanctions items are the
# labelled relevant ones of tests/eval/dev.jsonl; the rest are real news
# (titles and text) from the corpora under $BENCH_CORPORA (default
# /work/corpora: isot_reuters.jsonl, agnews.jsonl) when they are there, else
# the irrelevant items of dev.jsonl.  The corpora are read at bench time and
# never copied into the tree.  One feed in five is Atom, the rest RSS 2.0;
# descriptions are escaped HTML, as most feeds send them.
import json
import os
import random
import sys
from xml.sax.saxutils import escape

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path):
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                out.append(d)
    except OSError:
        pass
    return out


def news_pool(dev):
    corp = os.environ.get("BENCH_CORPORA", "/work/corpora")
    pool = []
    for name in ("isot_reuters.jsonl", "agnews.jsonl"):
        for d in load(os.path.join(corp, name)):
            text = d.get("text") or ""
            title = d.get("title") or text[:80]
            if title and len(text) > 200:
                pool.append((title, text))
    if not pool:
        pool = [(d["title"], d["text"]) for d in dev
                if not d.get("relevant")]
    return pool


def body(text, size):
    # The first paragraphs of the text, about size characters, as HTML.
    text = text[:size]
    words = text.split(" ")
    half = len(words) // 2
    return "<p>%s</p> <p>%s</p>" % (" ".join(words[:half]),
                                    " ".join(words[half:]))


def rss_item(f, i, j, title, text):
    f.write("<item><title>%s</title>"
            "<link>https://news%d.example.org/%d/story-%d</link>"
            "<guid isPermaLink=\"false\">%d-%d</guid>"
            "<pubDate>Tue, 25 Feb 2020 %02d:%02d:00 GMT</pubDate>"
            "<category>World</category>"
            "<description>%s</description></item>\n" % (
                escape(title), i, i, j, i, j, j % 24, j % 60,
                escape(body(text, 2600))))


def atom_item(f, i, j, title, text):
    f.write("<entry><title>%s</title>"
            "<link href=\"https://news%d.example.org/%d/story-%d\"/>"
            "<id>tag:news%d.example.org,2020:%d</id>"
            "<updated>2020-02-25T%02d:%02d:00Z</updated>"
            "<category term=\"World\"/>"
            "<summary type=\"html\">%s</summary></entry>\n" % (
                escape(title), i, i, j, i, j, j % 24, j % 60,
                escape(body(text, 2600))))


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gen_feeds.py DIR N [ITEMS]")
    d, n = sys.argv[1], int(sys.argv[2])
    nitems = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    dev = load(os.path.join(top, "tests/eval/dev.jsonl"))
    sanc = [(x["title"], x["text"]) for x in dev if x.get("relevant")]
    news = news_pool(dev)
    if not sanc or not news:
        sys.exit("gen_feeds.py: no items (tests/eval/dev.jsonl?)")
    rnd = random.Random(14)
    k = 0
    for i in range(n):
        atom = i % 5 == 4
        with open(os.path.join(d, "f%d.xml" % i), "w",
                  encoding="utf-8") as f:
            f.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
            if atom:
                f.write("<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                        "<title>News %d</title>"
                        "<link href=\"https://news%d.example.org/\"/>"
                        "<id>tag:news%d.example.org,2020:feed</id>"
                        "<updated>2020-02-25T00:00:00Z</updated>\n"
                        % (i, i, i))
            else:
                f.write("<rss version=\"2.0\"><channel>"
                        "<title>News %d</title>"
                        "<link>https://news%d.example.org/</link>"
                        "<description>News %d</description>\n"
                        % (i, i, i))
            for j in range(nitems):
                k += 1
                pool = sanc if k % 40 == 0 else news
                title, text = pool[rnd.randrange(len(pool))]
                (atom_item if atom else rss_item)(f, i, j, title, text)
            f.write("</feed>\n" if atom else "</channel></rss>\n")


main()
