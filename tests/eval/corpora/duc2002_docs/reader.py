#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the DUC 2002 source documents held by github.com/Angela7126/SLNSumEval as JSONL.

Usage: reader.py GIT_DIR

Reads DUC-Dataset/SourceFiles/Dxxx/DOCNO.html (59 clusters D061-D120 of the DUC 2002
multi-document task: AP 1988-90, WSJ 1987-92, LA Times 1989-90, FT 1991-94, SJMN 1991,
FBIS 1993-94). Each file holds one <doc> with <title> and <text>. A document that sits in
more than one cluster is printed once (first cluster in path order).
Output: {"id": "duc02:DOCNO", "title": headline, "text": body, whitespace collapsed,
cut to about 2,000 characters at a word boundary}.
"""
import html
import json
import re
import subprocess
import sys

PREFIX = "DUC-Dataset/SourceFiles/"


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          capture_output=True, check=True).stdout.decode("utf-8", "replace")


def field(raw, tag):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), raw, re.S)
    if not m:
        return ""
    s = re.sub(r"<[^>]+>", " ", m.group(1))
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def cut(s, n=2000):
    if len(s) <= n:
        return s
    s = s[:n]
    return s[:s.rfind(" ")] if " " in s else s


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    gitdir = sys.argv[1]
    paths = sorted(p for p in git(gitdir, "ls-tree", "-r", "HEAD", "--name-only").splitlines()
                   if p.startswith(PREFIX) and p.endswith(".html"))
    if not paths:
        sys.exit("%s: no DUC-Dataset/SourceFiles found" % gitdir)
    seen = set()
    for p in paths:
        docno = p.rsplit("/", 1)[1][:-len(".html")]
        if docno in seen:
            continue
        seen.add(docno)
        raw = git(gitdir, "show", "HEAD:" + p)
        print(json.dumps({"id": "duc02:" + docno, "title": field(raw, "title"),
                          "text": cut(field(raw, "text"))}, ensure_ascii=False))


if __name__ == "__main__":
    main()
