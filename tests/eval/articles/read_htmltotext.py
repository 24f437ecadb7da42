#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""read_htmltotext.py GITDIR [OUT]: the hand-made extractions of
github.com/leogao2/htmltotext-benchmark (benchmarkdata/LANG/html/X.html
and benchmarkdata/LANG/text/X.txt, languages written with spaces: en, de,
hr), written as OUT/LANG-X.html and OUT/LANG-X.txt.  Only the news and
blog pages (X starting "news-" or "blog-"): a forum thread is not an
article, and its reference is the whole thread.  OUT defaults to
$SANCTIOND_CORPORA/articles/htmltotext.  See README.md."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gitread import finish, git, out_dir, show, write_pair  # noqa: E402

LANGS = ("en", "de", "hr")


def main():
    gitdir = sys.argv[1]
    out = out_dir("htmltotext")
    names = git(gitdir, "ls-tree", "-r", "--name-only", "HEAD",
                "benchmarkdata").decode().split("\n")
    kept = 0
    for n in names:
        parts = n.split("/")
        if len(parts) != 4 or parts[1] not in LANGS or parts[2] != "html":
            continue
        stem = parts[3].rsplit(".", 1)[0]
        if not stem.startswith(("news-", "blog-")):
            continue
        src = show(gitdir, n)
        ref = show(gitdir, "benchmarkdata/%s/text/%s.txt" % (parts[1], stem))
        if src is None or ref is None:
            continue
        write_pair(out, "%s-%s" % (parts[1], stem), src, ref)
        kept += 1
    finish(gitdir, out, "leogao2/htmltotext-benchmark", kept)


main()
