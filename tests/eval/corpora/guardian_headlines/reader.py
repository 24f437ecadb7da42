#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the Guardian business headlines of the Kaggle "Financial News Headlines" dataset as JSONL.

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/deepakjoshi2k/Financial_News_Sentiment_Analysis)
Reads only guardian_headlines.csv (columns Time, Headlines: 17,800 Guardian business headlines,
December 2017 - July 2020, newest first).  No other file of the snapshot is read (its Reuters file
is reserved for outside evaluation and is never opened).
Prints {"id","title","text","date"} per row, in file order; id = "guardian:ROW", ROW = 1-based data
row; title = headline, text = "" (headline-only); date = the file's "DD-Mon-YY" turned into
YYYY-MM-DD.  Whitespace is collapsed.
"""
import csv
import datetime
import io
import json
import subprocess
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show", "HEAD:guardian_headlines.csv"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    rd = csv.reader(io.StringIO(raw))
    assert next(rd)[:2] == ["Time", "Headlines"]
    for n, r in enumerate(rd, 1):
        if len(r) < 2 or not r[1].strip():
            continue
        try:
            date = datetime.datetime.strptime(r[0].strip(), "%d-%b-%y").strftime("%Y-%m-%d")
        except ValueError:
            date = r[0]
        sys.stdout.write(json.dumps({"id": "guardian:%d" % n, "title": " ".join(r[1].split()), "text": "",
                                     "date": date}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
