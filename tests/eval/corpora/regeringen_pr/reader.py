#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the Swedish Government Offices' press releases, statements,
articles, speeches, op-eds and EU fact memos (regeringen.se) as JSONL.

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/civictechsweden/g0vse)
Reads branch "data" (commit b9e34cec61a3e35d81bde27a417a269945487a37 was used): every
pressmeddelanden/, uttalanden/, artiklar/, debattartiklar/, tal/ and faktapromemoria/ YYYY/MM/SLUG.md.  Each file is "# TITLE" and the body.
Prints {"id","title","text","date"} per item, oldest first: id = "regeringen:KIND/YYYY/MM/SLUG",
title = the "# " line, text = the body (whitespace collapsed, cut at 20,000 characters),
date = YYYY-MM-DD from uttalanden.json where listed, else YYYY-MM (press releases: month only).
Order: by (month, id): the month is the time key; items of one month keep path order.
Language: Swedish.
"""
import json
import subprocess
import sys

KINDS = ("pressmeddelanden", "uttalanden", "artiklar", "debattartiklar", "tal", "faktapromemoria")


def git(gd, *args):
    return subprocess.run(["git", "--git-dir", gd] + list(args), capture_output=True, check=True).stdout


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    gd = sys.argv[1]
    ref = "data"
    dates = {}
    try:
        for r in json.loads(git(gd, "show", ref + ":uttalanden.json")):
            dates[r["url"].strip("/")] = r.get("published") or ""
    except subprocess.CalledProcessError:
        pass
    names = git(gd, "ls-tree", "-r", "--name-only", ref).decode().split("\n")
    paths = [p for p in names if p.endswith(".md") and p.split("/")[0] in KINDS and len(p.split("/")) == 4]
    # batch read via cat-file
    inp = "".join("%s:%s\n" % (ref, p) for p in paths).encode()
    out = subprocess.run(["git", "--git-dir", gd, "cat-file", "--batch"], input=inp, capture_output=True,
                         check=True).stdout
    items = []
    pos = 0
    for p in paths:
        nl = out.index(b"\n", pos)
        hdr = out[pos:nl].split()
        size = int(hdr[2])
        body = out[nl + 1:nl + 1 + size].decode("utf-8", "replace")
        pos = nl + 1 + size + 1
        lines = body.split("\n")
        title = ""
        rest = []
        for ln in lines:
            if not title and ln.startswith("# "):
                title = ln[2:].strip()
            else:
                rest.append(ln)
        text = " ".join(" ".join(rest).split())[:20000]
        key = p[:-3]
        kind, yy, mm, slug = key.split("/")
        # a few source paths carry a doubled year or month digit ("20192/01", "2023/022"): keep 4 + 2 digits
        date = dates.get(key) or "%s-%s" % (yy[:4], mm[:2])
        items.append((date[:7], date, key, title, text))
    items.sort(key=lambda t: (t[0], t[2]))
    for _, date, key, title, text in items:
        sys.stdout.write(json.dumps({"id": "regeringen:" + key, "title": " ".join(title.split()), "text": text,
                                     "date": date}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
