#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the Al Jazeera English "all news" RSS feed items archived by rumca-js's daily RSS link
databases as JSONL, oldest first.

Usage: reader.py GIT_DIR_2023 [GIT_DIR_2022]
  GIT_DIR_2023: snapshot of github.com/rumca-js/RSS-Link-Database-2023; read at commit
      08b89dd9bdbd20633c994bb4a74411f204225b0f (2024-01-01, the last commit with the daily
      files: the later HEAD replaced them with monthly zips that snapshots lack).
  GIT_DIR_2022: optional snapshot of github.com/rumca-js/RSS-Link-Database-2022; read at commit
      cbdcc337942489f64804e154335c303a621b3245 (2023-06-19, likewise before the zips); it adds
      the feed's first archived days, 9-31 December 2022.
Files read: every YYYY/MM/YYYY-MM-DD/http[s].www.aljazeera.comxmlrssall.xml_entries.json of
those trees (the archiver's capture of https://www.aljazeera.com/xml/rss/all.xml that day: a
JSON object {"entries": [...]} or a bare list of {"title","description","link",
"date_published",...}).  Items are de-duplicated by link (scheme, host, query and fragment
dropped), keeping the first capture.
id = "aljazeera:" + the link's path without the leading slash (e.g.
"aljazeera:news/2023/1/1/renewed-russian-attacks-mark-ukraines-grim-start-to-2023"), stable for
the snapshots.  title = feed title, text = feed description (HTML entities decoded, whitespace
collapsed), date = date_published (UTC, YYYY-MM-DD), section = first path segment (news,
economy, opinions, program, gallery, features, sports, ...).
Output order: by (date_published, id), so the last fifth by reader order is the latest fifth.
"""
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rsslinkdb import clean, git  # noqa: E402

COMMITS = {"2023": "08b89dd9bdbd20633c994bb4a74411f204225b0f",
           "2022": "cbdcc337942489f64804e154335c303a621b3245"}
FEED = re.compile(r"^\d{4}/\d{2}/\d{4}-\d{2}-\d{2}/https?\.www\.aljazeera\.comxmlrssall\.xml_entries\.json$")





def items(gd, commit):
    names = git(gd, "ls-tree", "-r", "--name-only", commit).decode("utf-8").split("\n")
    for name in sorted(n for n in names if FEED.match(n)):
        d = json.loads(git(gd, "show", "%s:%s" % (commit, name)))
        if isinstance(d, dict):
            d = d.get("entries", [])
        for e in d:
            yield e


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: reader.py GIT_DIR_2023 [GIT_DIR_2022]")
    srcs = [(sys.argv[2], COMMITS["2022"])] if len(sys.argv) == 3 else []
    srcs.append((sys.argv[1], COMMITS["2023"]))
    seen = {}
    for gd, commit in srcs:
        for e in items(gd, commit):
            path = urllib.parse.urlsplit(e.get("link") or "").path.strip("/")
            if not path or path in seen:
                continue
            seen[path] = {"id": "aljazeera:" + path, "title": clean(e.get("title")),
                          "text": clean(e.get("description")),
                          "date": (e.get("date_published") or "")[:10],
                          "section": path.split("/")[0],
                          "_ts": e.get("date_published") or ""}
    for it in sorted(seen.values(), key=lambda x: (x["_ts"], x["id"])):
        del it["_ts"]
        sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
