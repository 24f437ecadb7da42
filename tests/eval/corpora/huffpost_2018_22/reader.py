#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the May 2018 - Sep 2022 part of the HuffPost "News Category Dataset" (v3) as JSONL.

Usage: reader.py GIT_DIR   (a snapshot git dir of github.com/Limpery/MGO)
Reads only News_Category_Dataset_v3.json at HEAD: a 9,999-line head of the Kaggle file (one JSON object
a line, newest first: 2022-09-23 back to 2018-05).  Prints {"id","title","text","date","category"} per
item, OLDEST FIRST (by date, ties in reverse file order); id = "huffpost:LINE", LINE = 1-based line of the
file (stable); title = headline, text = short_description; whitespace collapsed.
"""
import json
import subprocess
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    raw = subprocess.run(["git", "--git-dir", sys.argv[1], "show", "HEAD:News_Category_Dataset_v3.json"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    items = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except ValueError:
            continue
        items.append((o.get("date", ""), -n, {"id": "huffpost:%d" % n,
                                              "title": " ".join(o.get("headline", "").split()),
                                              "text": " ".join(o.get("short_description", "").split()),
                                              "date": o.get("date", ""), "category": o.get("category", "")}))
    items.sort(key=lambda t: (t[0], t[1]))
    for _, _, it in items:
        sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
