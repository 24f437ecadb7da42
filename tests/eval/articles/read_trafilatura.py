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
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gitread import finish, git, out_dir, show, write_pair  # noqa: E402


def main():
    gitdir = sys.argv[1]
    out = out_dir("trafilatura")
    data = json.loads(git(gitdir, "show", "HEAD:tests/evaldata.json"))
    kept = 0
    for url, v in data.items():
        if not v.get("file") or not v.get("with"):
            continue
        src = show(gitdir, "tests/eval/" + v["file"])
        if src is None:
            src = show(gitdir, "tests/cache/" + v["file"])
        if src is None:
            continue
        # File names hold spaces and quotes: a short stable name instead.
        name = hashlib.sha1(url.encode()).hexdigest()[:16]
        write_pair(out, name, src, json.dumps({"url": url, "with": v["with"],
                   "without": v.get("without", [])}), ".json")
        kept += 1
    finish(gitdir, out, "adbar/trafilatura", kept)


main()
