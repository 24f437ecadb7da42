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
import subprocess
import sys

LANGS = ("en", "de", "hr")


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          check=True, capture_output=True).stdout


def main():
    gitdir = sys.argv[1]
    corpora = os.environ.get("SANCTIOND_CORPORA", "../corpora")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        corpora, "articles", "htmltotext")
    os.makedirs(out, exist_ok=True)
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
        try:
            src = git(gitdir, "show", "HEAD:" + n)
            ref = git(gitdir, "show", "HEAD:benchmarkdata/%s/text/%s.txt" %
                      (parts[1], stem))
        except subprocess.CalledProcessError:
            continue
        name = "%s-%s" % (parts[1], stem)
        with open(os.path.join(out, name + ".html"), "wb") as f:
            f.write(src)
        with open(os.path.join(out, name + ".txt"), "wb") as f:
            f.write(ref)
        kept += 1
    commit = git(gitdir, "rev-parse", "HEAD").decode().strip()
    with open(os.path.join(out, "SOURCE"), "w") as f:
        f.write("github.com/leogao2/htmltotext-benchmark %s\n" % commit)
    print("%s: %d pages from leogao2/htmltotext-benchmark %s" %
          (out, kept, commit))


main()
