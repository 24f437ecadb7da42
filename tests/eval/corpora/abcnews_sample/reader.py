#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for a 6,220-row random sample of the ABC "A Million News Headlines"
dataset (abcnews-date-text, 2003-2021), as shipped in
github.com/stephenmooney1976/genai-simple-example, data/abcnews-date-text-small.csv.gz.

Usage: reader.py GIT_DIR
Prints JSONL {"id","title","text","date"}: id = "abcsample:ROW" (1-based data row
in the CSV, header excluded), title = headline (lowercase, as in the dataset),
text = "" (headline-only), date = YYYY-MM-DD.
"""
import csv, gzip, io, json, subprocess, sys

raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show",
                      "HEAD:data/abcnews-date-text-small.csv.gz"],
                     check=True, capture_output=True).stdout
rd = csv.reader(io.StringIO(gzip.decompress(raw).decode("utf-8", "replace")))
next(rd)
for i, row in enumerate(rd, 1):
    d = row[0]
    sys.stdout.write(json.dumps({"id": "abcsample:%d" % i, "title": row[1].strip(), "text": "",
                                 "date": "%s-%s-%s" % (d[:4], d[4:6], d[6:8])}) + "\n")
