#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the RUWA (Russian-Ukraine WAr) news dataset as JSONL.

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/ninakhairova/dataset_RUWA)
Reads RUWA_01.08.23.csv.zip (one member, RUWA_04.08.23.csv: 16,545 rows of title, subheading
`desc`, date, site, event) and prints {"id","title","text","date","site"} per row, in file order.
id = "ruwa:N", N = the file's own 0-based row index (first, unnamed column).
title = headline, text = subheading (`desc`, empty for some rows); whitespace collapsed.
A row whose normalised title + text repeat an earlier row's is skipped (same story under two URLs).
"""
import csv
import io
import json
import re
import subprocess
import sys
import zipfile

csv.field_size_limit(10 ** 9)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show", "HEAD:RUWA_01.08.23.csv.zip"],
                         capture_output=True, check=True).stdout
    zf = zipfile.ZipFile(io.BytesIO(raw))
    name = [n for n in zf.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX")][0]
    text = zf.read(name).decode("utf-8")
    seen = set()
    out = sys.stdout
    for r in csv.DictReader(io.StringIO(text)):
        title = " ".join((r["title"] or "").split())
        desc = " ".join((r["desc"] or "").split())
        key = re.sub(r"[^a-z0-9]", "", (title + "|" + desc).lower())
        if key in seen:
            continue
        seen.add(key)
        d = r["Date"]  # MM/DD/YYYY
        date = "%s-%s-%s" % (d[6:10], d[0:2], d[3:5]) if len(d) == 10 else d
        out.write(json.dumps({"id": "ruwa:" + r[""], "title": title, "text": desc, "date": date,
                              "site": r["Site"]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
