#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""read_readability.py GITDIR [OUT]: Mozilla Readability's test pages
(test/test-pages/NAME/source.html and the expected.html Readability makes
of it) from a git directory of github.com/mozilla/readability, written as
OUT/NAME.html and OUT/NAME.txt (the reference text).  OUT defaults to
$SANCTIOND_CORPORA/articles/readability.  See README.md."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gitread import finish, git, out_dir, show, write_pair  # noqa: E402
from htmltext import html_text  # noqa: E402


def main():
    gitdir = sys.argv[1]
    out = out_dir("readability")
    names = git(gitdir, "ls-tree", "-r", "--name-only", "HEAD",
                "test/test-pages").decode().split("\n")
    pages = sorted({n.split("/")[2] for n in names if n.count("/") == 3})
    kept = 0
    for p in pages:
        base = "test/test-pages/%s/" % p
        src = show(gitdir, base + "source.html")
        exp = show(gitdir, base + "expected.html")
        if src is None or exp is None:
            continue
        write_pair(out, p, src, html_text(exp.decode("utf-8", "replace")) +
                   "\n")
        kept += 1
    finish(gitdir, out, "mozilla/readability", kept)


main()
