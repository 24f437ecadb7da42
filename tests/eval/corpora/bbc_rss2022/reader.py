#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print BBC News RSS items (business and sport feeds, March 2022 - 2024) as JSONL.

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/KANISHVARSHAN/Domain-Specific-Search-Engine)
Reads two RSS dumps of the snapshot (columns title, pubDate, guid, link, description):
  Combined_News_DJIA.csv  2,656 items of the BBC News business feed (despite the file's name it is
                          not the Reddit/DJIA dataset), 7 March 2022 - 2024     ids `bbcb:N`
  bbc_sports.csv          8,395 items of the BBC Sport feed, same period         ids `bbcs:N`
N = 1-based data row of the file.  title = RSS title, text = RSS description (one-sentence
standfirst).  An item whose guid was already printed from the same file is skipped (the dumps
repeat items that stayed in the feed).  Whitespace is collapsed.
Prints {"id","title","text","date","url"}; date is the pubDate as given.
"""
import csv
import io
import json
import subprocess
import sys

FILES = [("bbcb", "Combined_News_DJIA.csv"), ("bbcs", "bbc_sports.csv")]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    out = sys.stdout
    for tag, path in FILES:
        raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show", "HEAD:" + path],
                             capture_output=True, check=True).stdout.decode("utf-8")
        seen = set()
        rd = csv.DictReader(io.StringIO(raw))
        assert rd.fieldnames[:5] == ["title", "pubDate", "guid", "link", "description"], rd.fieldnames
        for n, r in enumerate(rd, 1):
            g = r["guid"] or r["link"]
            if g in seen:
                continue
            seen.add(g)
            out.write(json.dumps({"id": "%s:%d" % (tag, n), "title": " ".join((r["title"] or "").split()),
                                  "text": " ".join((r["description"] or "").split()),
                                  "date": r["pubDate"], "url": g}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
