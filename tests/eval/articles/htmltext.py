# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""htmltext.py: the readers' and the evaluator's HTML to text (Python's
html.parser): block elements end paragraphs, script/style/template and
the like are dropped.  Used for reference HTML (Readability's
expected.html) and for the all-visible-text baseline, never for our own
extraction, which is sanctionctl article."""
import html.parser
import re

BLOCK = set("address article aside blockquote br dd div dl dt figcaption "
            "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol "
            "p pre section table td th tr ul".split())
SKIP = set("script style noscript template head title svg iframe "
           "object select textarea button".split())
VOID = set("area base br col embed hr img input link meta source track "
           "wbr".split())


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras, self.cur, self.skip = [], [], 0

    def _flush(self):
        t = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if t:
            self.paras.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skip += 1
        elif tag in BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIP and tag not in VOID:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def html_text(s):
    p = _Text()
    p.feed(s)
    p.close()
    p._flush()
    return "\n\n".join(p.paras)
