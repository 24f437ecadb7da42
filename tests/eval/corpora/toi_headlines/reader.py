#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print two slices of the Times of India "News Headlines" dataset (Kaggle therohk/india-news-headlines)
as JSONL.

Usage: reader.py GIT_DIR [GIT_DIR]   (snapshots of either or both, any order; each is recognised by
its file; pass H=GIT_DIR or S=GIT_DIR to name it yourself)
  h  github.com/hrPrathigna/tie               india-news-headlines.csv: the first 26,017 data rows of
                                              the Kaggle file (2 January to 9 September 2001), cut in
                                              the middle of its last row.  ids `toi:ROW`, ROW = 1-based
                                              data row (the same row number as in the full Kaggle file,
                                              of which this file is the head).
  s  github.com/PranaavPrasad/Positive-News-Recommender   IN.csv (publish_date, headline_text): 52,950
                                              headlines, 10 per day, 1 January 2007 to 30 June 2021,
                                              drawn from the same Kaggle file (original row numbers not
                                              kept).  ids `toi-s:N`, N = 1-based data row of IN.csv.
Prints {"id","title","text","date"} (+ "category" for h) per row, in file order, h first, then s.
title = headline, text = "" (headline-only corpus).  A row without headline text (the cut last row of
h) is skipped.  Whitespace is collapsed; the dataset's quirks (";" for ",", lost apostrophes) are kept.
"""
import csv
import io
import json
import subprocess
import sys

FILES = {"h": "india-news-headlines.csv", "s": "IN.csv"}


def show(gitdir, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path], capture_output=True)
    return r.stdout.decode("utf-8") if r.returncode == 0 else None


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: reader.py GIT_DIR [GIT_DIR]")
    found = {}
    for arg in sys.argv[1:]:
        if arg[:2] in ("H=", "S="):
            tag, gitdir = arg[0].lower(), arg[2:]
            found[tag] = show(gitdir, FILES[tag])
            continue
        raw = show(arg, "IN.csv")
        if raw is not None and raw.startswith("publish_date,headline_text"):
            found["s"] = raw
            continue
        raw = show(arg, "india-news-headlines.csv")
        if raw is not None and raw.startswith("publish_date,headline_category,headline_text\n2001"):
            found["h"] = raw
            continue
        sys.exit("%s: no known Times of India headline file" % arg)
    out = sys.stdout
    if "h" in found:
        rd = csv.reader(io.StringIO(found["h"]))
        assert next(rd)[:3] == ["publish_date", "headline_category", "headline_text"]
        for n, r in enumerate(rd, 1):
            if len(r) < 3 or not r[2].strip():
                continue
            d = r[0]
            out.write(json.dumps({"id": "toi:%d" % n, "title": " ".join(r[2].split()), "text": "",
                                  "date": "%s-%s-%s" % (d[:4], d[4:6], d[6:8]), "category": r[1]},
                                 ensure_ascii=False) + "\n")
    if "s" in found:
        rd = csv.reader(io.StringIO(found["s"]))
        assert next(rd)[:2] == ["publish_date", "headline_text"]
        for n, r in enumerate(rd, 1):
            if len(r) < 2 or not r[1].strip():
                continue
            out.write(json.dumps({"id": "toi-s:%d" % n, "title": " ".join(r[1].split()), "text": "",
                                  "date": r[0]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
