#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the Reddit /r/worldnews daily top-25 headlines of the Kaggle "Daily News for Stock
Market Prediction" dataset (aaron7sun/stocknews, RedditNews.csv) as JSONL, oldest first.

Usage: reader.py GIT_DIR [FROM [TO]]
  GIT_DIR: a snapshot git dir of github.com/pragadeeshsureshbabu/Predicting-stock-rise-with-news
  (commit a9b722e82a949699f3eec025c577f98e98478644), which holds RedditNews.csv.zip.
  FROM, TO: optional inclusive YYYY-MM-DD date bounds (default: the whole file, which is the
  labelled slice, 2008-06-08 .. 2016-07-01).
RedditNews.csv has columns Date, News: 73,608 rows, 25 per day, 2008-06-08 .. 2016-07-01, newest day
first and each day's headlines ranked top to bottom.  id = "worldnews:ROW", ROW = 1-based data row
of that file (stable for the snapshot).  Output order: by date ascending, then by the day's rank
(so the last fifth by reader order is the latest fifth).  title = headline with the b'...' / b"..."
wrapper of the older rows removed and whitespace collapsed; text = ""; date = YYYY-MM-DD.
"""
import csv
import io
import json
import re
import subprocess
import sys
import zipfile

SLICE = ("2008-06-08", "2016-07-01")


def clean(s):
    s = s.strip()
    m = re.fullmatch(r'b(["\'])(.*)\1', s, re.S)
    if m:
        s = m.group(2).replace("\\'", "'").replace('\\"', '"')
    return " ".join(s.split())


def main():
    if len(sys.argv) not in (2, 3, 4):
        sys.exit("usage: reader.py GIT_DIR [FROM [TO]]")
    lo = sys.argv[2] if len(sys.argv) > 2 else SLICE[0]
    hi = sys.argv[3] if len(sys.argv) > 3 else SLICE[1]
    raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show", "HEAD:RedditNews.csv.zip"],
                         capture_output=True, check=True).stdout
    data = zipfile.ZipFile(io.BytesIO(raw)).read("RedditNews.csv").decode("utf-8")
    rd = csv.reader(io.StringIO(data))
    assert next(rd)[:2] == ["Date", "News"]
    rows = []
    for n, r in enumerate(rd, 1):
        if len(r) < 2 or not r[1].strip():
            continue
        d = r[0].strip()
        if lo <= d <= hi:
            rows.append((d, n, clean(r[1])))
    # file: newest day first, each day ranked top first -> sort by date ascending, keep rank order
    rows.sort(key=lambda x: (x[0], x[1]))
    for d, n, t in rows:
        sys.stdout.write(json.dumps({"id": "worldnews:%d" % n, "title": t, "text": "", "date": d},
                                    ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
