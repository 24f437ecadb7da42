#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""read_trafilatura.py GITDIR [OUT]: trafilatura's evaluation pages
(tests/evaldata.json: per URL, its file in tests/cache or tests/eval and
the "with" snippets the main text must hold and the "without" snippets it
must not) from a git directory of github.com/adbar/trafilatura, written
as OUT/NAME.html and OUT/NAME.json ({"url", "with", "without"}).  OUT
defaults to $SANCTIOND_CORPORA/articles/trafilatura.  See README.md."""
import hashlib
import json
import os
import subprocess
import sys


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          check=True, capture_output=True).stdout


def main():
    gitdir = sys.argv[1]
    corpora = os.environ.get("SANCTIOND_CORPORA", "../corpora")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        corpora, "articles", "trafilatura")
    os.makedirs(out, exist_ok=True)
    data = json.loads(git(gitdir, "show", "HEAD:tests/evaldata.json"))
    kept = 0
    for url, v in data.items():
        if not v.get("file") or not v.get("with"):
            continue
        src = None
        for d in ("tests/eval/", "tests/cache/"):
            try:
                src = git(gitdir, "show", "HEAD:" + d + v["file"])
                break
            except subprocess.CalledProcessError:
                continue
        if src is None:
            continue
        # File names hold spaces and quotes: a short stable name instead.
        name = hashlib.sha1(url.encode()).hexdigest()[:16]
        with open(os.path.join(out, name + ".html"), "wb") as f:
            f.write(src)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump({"url": url, "with": v["with"],
                       "without": v.get("without", [])}, f)
        kept += 1
    commit = git(gitdir, "rev-parse", "HEAD").decode().strip()
    with open(os.path.join(out, "SOURCE"), "w") as f:
        f.write("github.com/adbar/trafilatura %s\n" % commit)
    print("%s: %d pages from adbar/trafilatura %s" % (out, kept, commit))


main()
