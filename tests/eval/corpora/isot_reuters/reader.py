#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print samples of the ISOT "True.csv" (Reuters world/politics news, 2016-2017) as JSONL.

Usage: reader.py GIT_DIR [GIT_DIR ...]      (or TAG=GIT_DIR to name the source yourself)
  snapshots of (any order; each is recognised by the file it holds):
    m  github.com/Mattia26/Coursework1_DMS140        True_sample.csv (1,500 rows drawn from True.csv,
                                                     with pandas' index = 0-based row of True.csv)
    l  github.com/10-lalitha/fakenewsdetection        True.csv (the first 199 rows of True.csv)
    o  github.com/omertol/fake-news-detection         data_sample/true_sample.csv (5% random draw, 1,071 rows)
    a  github.com/AafaqAaf/Fake-news-detection-using-NLP   True.csv (the first 1,008 rows of True.csv)
    p  github.com/paleecho-bit/Fake-News-Detection    dataset/True.csv (300 rows drawn from True.csv)
    v  github.com/PrashanthSunkara/VeriNews-Fake-News-Detector   True.csv (1,000 rows drawn from
                                                     True.csv; text and label only, no title)
Ids: `isot:ROW` (ROW = 0-based row of the original True.csv) for the Mattia sample and for the two
heads (l, a: their N-th row is row N-1 of True.csv); `isot-o:N`, `isot-p:N`, `isot-v:N` (1-based row
of that file) for the random draws, whose original rows are not known.
Output order is fixed: m, l, o (the first corpus version, unchanged), then a, p, v. An article already
printed is skipped, so each article appears once: for m, l, o the key is the normalised title + first
300 characters of text; for a, p, v an article is also skipped when its normalised title + first 200
characters of text repeat one printed, and (v has no titles) a v row is skipped when its first 200
characters of text repeat those of any printed article.
Only the REAL (True.csv) half is read; the Fake files of these snapshots are never read.
"""
import csv
import io
import json
import re
import subprocess
import sys

csv.field_size_limit(10 ** 9)
# (tag, path); a root True.csv is told apart by its header and length (l: 199 rows, a: 1,008, v: text,label)
SOURCES = [("m", "True_sample.csv"), ("o", "data_sample/true_sample.csv"), ("p", "dataset/True.csv"),
           ("*", "True.csv")]
ORDER = ("m", "l", "o", "a", "p", "v")
PATHS = {"m": "True_sample.csv", "l": "True.csv", "o": "data_sample/true_sample.csv", "a": "True.csv",
         "p": "dataset/True.csv", "v": "True.csv"}


def show(gitdir, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path], capture_output=True)
    return r.stdout.decode("utf-8") if r.returncode == 0 else None


def norm(s):
    return re.sub(r"[^a-z0-9]", "", s.lower())


def detect(gitdir):
    for tag, path in SOURCES:
        raw = show(gitdir, path)
        if raw is None:
            continue
        if tag == "*":
            if raw.startswith("text,label"):
                return "v", raw
            if raw.startswith("title,text"):
                n = sum(1 for _ in csv.DictReader(io.StringIO(raw)))
                return ("l" if n < 500 else "a"), raw
        elif raw.startswith(("title,text", ",title,text")):
            return tag, raw
    sys.exit("%s: no ISOT True sample found" % gitdir)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: reader.py GIT_DIR [GIT_DIR ...]")
    found = {}
    for arg in sys.argv[1:]:
        if re.match(r"^[mloapv]=", arg):
            tag, gitdir = arg[0], arg[2:]
            raw = show(gitdir, PATHS[tag])
            if raw is None:
                sys.exit("%s: no %s" % (gitdir, PATHS[tag]))
        else:
            tag, raw = detect(arg)
        found[tag] = raw
    seen300, seen200, seentext = set(), set(), set()
    for tag in ORDER:
        if tag not in found:
            continue
        for n, row in enumerate(csv.DictReader(io.StringIO(found[tag])), 1):
            title = (row.get("title") or "").strip()
            text = re.sub(r"\s+", " ", row["text"]).strip()
            k300, k200, kt = norm(title + text[:300]), norm(title + text[:200]), norm(text[:200])
            if k300 in seen300:
                continue
            if tag in ("a", "p", "v") and (k200 in seen200 or (tag == "v" and kt in seentext)):
                continue
            seen300.add(k300)
            seen200.add(k200)
            seentext.add(kt)
            if tag == "m":
                iid = "isot:%d" % int(row[""])
            elif tag in ("l", "a"):
                iid = "isot:%d" % (n - 1)
            else:
                iid = "isot-%s:%d" % (tag, n)
            print(json.dumps({"id": iid, "title": title, "text": text}, ensure_ascii=False))


if __name__ == "__main__":
    main()
