#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""read_l3s.py GITDIR [OUT]: L3S-GN1 (Kohlschuetter et al., WSDM 2010),
621 news articles from 408 sites found through Google News in 2008, each
page labelled by people block by block, from a git directory of
github.com/geodrome/page-signal (L3S-GN1-20100130203947-00001/original/
X.html, the page as crawled, and annotated/X.html, the same page with
each block in a <span class="x-nc-selN">).  Written as OUT/X.html (the
original) and OUT/X.txt (the reference: the blocks labelled full text,
x-nc-sel2; the headline, sel1, and supplemental text such as captions,
sel3, are left out, as sanctionctl prints the headline apart and leaves
captions out).  A page with fewer than 20 words of full text is left
out.  OUT defaults to $SANCTIOND_CORPORA/articles/l3s-gn1.  The data
are licensed for research use: never commit them.  See README.md."""
import html.parser
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gitread import finish, git, out_dir, show, write_pair  # noqa: E402

DIR = "L3S-GN1-20100130203947-00001"
BLOCK = set("address article blockquote br dd div dl dt h1 h2 h3 h4 h5 h6 "
            "hr li ol p pre table td th tr ul".split())


class _Full(html.parser.HTMLParser):
    """The text inside <span class="x-nc-sel2">, one paragraph a block
    (a span is a text run: links and inline tags split a paragraph in
    several)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.spans, self.paras, self.cur = [], [], []

    def _flush(self):
        t = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if t:
            self.paras.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            cls = dict(attrs).get("class") or ""
            self.spans.append("x-nc-sel2" in cls.split())
            self.cur.append(" ")
        elif tag in BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "span" and self.spans:
            self.spans.pop()
            self.cur.append(" ")
        elif tag in BLOCK:
            self._flush()

    def handle_data(self, data):
        if any(self.spans):
            self.cur.append(data)


def decode(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", "replace")


def main():
    gitdir = sys.argv[1]
    out = out_dir("l3s-gn1")
    names = git(gitdir, "ls-tree", "--name-only", "HEAD",
                DIR + "/annotated/").decode().split("\n")
    kept = 0
    for n in names:
        if not n.endswith(".html"):
            continue
        stem = n.rsplit("/", 1)[1][:-5]
        src = show(gitdir, "%s/original/%s.html" % (DIR, stem))
        ann = show(gitdir, n)
        if src is None or ann is None:
            continue
        p = _Full()
        p.feed(decode(ann))
        p.close()
        p._flush()
        ref = "\n\n".join(p.paras)
        if len(re.findall(r"\w+", ref)) < 20:
            continue
        write_pair(out, stem, src, ref + "\n")
        kept += 1
    finish(gitdir, out, "geodrome/page-signal", kept)


main()
