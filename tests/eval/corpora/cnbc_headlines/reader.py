#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the CNBC headlines of the Kaggle "Financial News Headlines" dataset as JSONL, oldest first.

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/deepakjoshi2k/Financial_News_Sentiment_Analysis)
Reads only cnbc_headlines.csv (columns Headlines, Time, Description: 2,800 CNBC headlines with a one-sentence
description, December 2017 - July 2020, newest first, with blank separator rows).  No other file of the snapshot
is read (its Reuters file is reserved for outside evaluation and is never opened).
Prints {"id","title","text","date"} per non-blank row; id = "cnbc:ROW", ROW = 1-based data row of the file
(blank rows counted); title = headline, text = description; date = YYYY-MM-DD from the "7:51  PM ET Fri, 17 July
2020" stamp.  Output order: by timestamp ascending (ties: later file row first, i.e. the file's order reversed).
Whitespace is collapsed.
"""
import csv
import datetime
import io
import json
import re
import subprocess
import sys


def stamp(s):
    m = re.match(r"\s*(\d+):(\d+)\s*(AM|PM)\s*ET\s*\w+,\s*(\d+)\s+(\w+)\s+(\d{4})", s)
    if not m:
        return None
    h, mi, ap, d, mon, y = m.groups()
    h = int(h) % 12 + (12 if ap == "PM" else 0)
    mon = mon[:3]
    day = datetime.datetime.strptime("%s %s %s" % (d, mon, y), "%d %b %Y")
    return day.replace(hour=h, minute=int(mi))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show", "HEAD:cnbc_headlines.csv"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    rd = csv.reader(io.StringIO(raw))
    assert next(rd)[:3] == ["Headlines", "Time", "Description"]
    rows = []
    for n, r in enumerate(rd, 1):
        if len(r) < 3 or not r[0].strip():
            continue
        t = stamp(r[1])
        assert t is not None, r
        rows.append((t, -n, {"id": "cnbc:%d" % n, "title": " ".join(r[0].split()),
                             "text": " ".join(r[2].split()), "date": t.strftime("%Y-%m-%d")}))
    rows.sort(key=lambda x: (x[0], x[1]))
    for _, _, o in rows:
        sys.stdout.write(json.dumps(o, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
