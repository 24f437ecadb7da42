#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""gofeedcmp.py: gofeed's test documents through sanctionctl.

Usage: gofeedcmp.py SANCTIONCTL GOFEED_DIR [-v]

GOFEED_DIR is a checkout (or git directory) of mmcdole/gofeed.  Each
testdata/{translator,parser/rss,parser/atom}/NAME.xml has NAME.json beside
it: gofeed's expected result.  The document goes through `sanctionctl
parse -` and every field both sides have a name for is compared: feed
title and link, item title, link, guid (our id), published and updated
(gofeed's *Parsed), summary (description), content, author's name,
categories and enclosures.  Strings are compared as plain text (tags
removed, entities decoded, white space folded), because sanctiond prints
plain text and gofeed keeps markup.

Known differences, on purpose: gofeed keeps escaped markup inside CDATA
or base64 as literal text ("<p>Title</p>"), we read it as HTML; gofeed
fills published from updated, we never invent a date (SPEC: absent values
are omitted); of several <link>s or <category label=...> gofeed takes the
last link and the label, we take the first link and the term.
"""

import html
import json
import os
import re
import subprocess
import sys


def git_reader(top):
    gitdir = top if os.path.exists(os.path.join(top, "HEAD")) and \
        not os.path.exists(os.path.join(top, ".git")) else \
        os.path.join(top, ".git")

    def run(*args):
        return subprocess.run(["git", "--git-dir=" + gitdir] + list(args),
                              capture_output=True, check=False).stdout
    return run


def plain(s):
    if isinstance(s, dict):
        s = s.get("value")
    if s is None:
        return None
    s = html.unescape(re.sub(r"<[^>]*>", " ", s))
    s = " ".join(s.split())
    return s or None


def compare(exp, outs, cmp):
    feed = outs[0]["feed"]
    if "title" in exp:
        cmp("feed.title", plain(exp["title"]), feed.get("title"))
    if "link" in exp and isinstance(exp["link"], str):
        cmp("feed.link", exp["link"], feed.get("link"))
    items = [o["item"] for o in outs if o.get("item")]
    for i, e in enumerate(exp.get("items") or exp.get("entries") or []):
        g = items[i] if i < len(items) else {}
        if "title" in e:
            cmp("title", plain(e["title"]), g.get("title"))
        if isinstance(e.get("link"), str):
            cmp("link", e["link"], g.get("link"))
        if isinstance(e.get("guid"), str):
            cmp("guid", e["guid"], g.get("id"))
        for k, ours in (("publishedParsed", "published"),
                        ("updatedParsed", "updated")):
            if k in e:
                cmp(ours, e[k], g.get(ours))
        for k in ("description", "summary"):
            if k in e:
                cmp("summary", plain(e[k]), g.get("summary"))
        if "content" in e:
            cmp("content", plain(e["content"]), g.get("content"))
        a = e.get("author")
        if isinstance(a, dict) and a.get("name"):
            cmp("author", a["name"], a["name"] if a["name"] in
                (g.get("author") or "") else g.get("author"))
        if isinstance(e.get("categories"), list) and \
                all(isinstance(c, str) for c in e["categories"]):
            cmp("categories", e["categories"], g.get("categories"))
        if isinstance(e.get("enclosures"), list):
            cmp("enclosures", [x.get("url") for x in e["enclosures"]],
                [x.get("url") for x in g.get("enclosures", [])])


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gofeedcmp.py SANCTIONCTL GOFEED_DIR [-v]")
    ctl, git = sys.argv[1], git_reader(sys.argv[2])
    verbose = "-v" in sys.argv[3:]
    stats, diffs = {}, []
    for sub in ("testdata/translator", "testdata/parser/rss",
                "testdata/parser/atom"):
        names = [n for n in git("ls-tree", "-r", "HEAD", "--name-only",
                                sub).decode().split("\n") if n.endswith(".xml")]
        if not names:
            sys.exit("gofeedcmp: no %s in %s" % (sub, sys.argv[2]))
        for name in names:
            try:
                exp = json.loads(git("show", "HEAD:" + name[:-4] + ".json"))
            except ValueError:
                continue
            doc = git("show", "HEAD:" + name)
            p = subprocess.run([ctl, "parse", "-"], input=doc,
                               capture_output=True, check=False)
            outs = [json.loads(l) for l in p.stdout.decode().split("\n")
                    if l.strip()]

            def cmp(field, want, got, name=name):
                ok = want == got
                stats.setdefault(field, [0, 0])[0 if ok else 1] += 1
                if not ok:
                    diffs.append("%s: %s: want %r, got %r" % (
                        name.split("/")[-1], field, want, got))
            if not outs:
                cmp("parsed", True, False)
                continue
            compare(exp, outs, cmp)
    same = sum(v[0] for v in stats.values())
    total = sum(v[0] + v[1] for v in stats.values())
    for k in sorted(stats):
        print("%-12s %4d of %4d" % (k, stats[k][0], sum(stats[k])))
    print("all fields   %4d of %4d  %.1f%%" % (same, total,
                                                100.0 * same / total))
    if verbose:
        print("\n".join(diffs))


if __name__ == "__main__":
    main()
