#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""read_readability.py GITDIR [OUT]: Mozilla Readability's test pages
(test/test-pages/NAME/source.html and the expected.html Readability makes
of it) from a git directory of github.com/mozilla/readability, written as
OUT/NAME.html and OUT/NAME.txt (the reference text).  OUT defaults to
$SANCTIOND_CORPORA/articles/readability.  See README.md."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htmltext import html_text  # noqa: E402


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          check=True, capture_output=True).stdout


def main():
    gitdir = sys.argv[1]
    corpora = os.environ.get("SANCTIOND_CORPORA", "../corpora")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        corpora, "articles", "readability")
    os.makedirs(out, exist_ok=True)
    names = git(gitdir, "ls-tree", "-r", "--name-only", "HEAD",
                "test/test-pages").decode().split("\n")
    pages = sorted({n.split("/")[2] for n in names if n.count("/") == 3})
    kept = 0
    for p in pages:
        base = "HEAD:test/test-pages/%s/" % p
        try:
            src = git(gitdir, "show", base + "source.html")
            exp = git(gitdir, "show", base + "expected.html")
        except subprocess.CalledProcessError:
            continue
        ref = html_text(exp.decode("utf-8", "replace"))
        with open(os.path.join(out, p + ".html"), "wb") as f:
            f.write(src)
        with open(os.path.join(out, p + ".txt"), "w") as f:
            f.write(ref + "\n")
        kept += 1
    commit = git(gitdir, "rev-parse", "HEAD").decode().strip()
    with open(os.path.join(out, "SOURCE"), "w") as f:
        f.write("github.com/mozilla/readability %s\n" % commit)
    print("%s: %d pages from mozilla/readability %s" % (out, kept, commit))


main()
