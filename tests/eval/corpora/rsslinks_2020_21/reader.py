#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the BBC News, CNN International and Guardian front-page RSS items of 2020-21
archived by rumca-js's daily RSS link databases as JSONL, oldest first.

Usage: reader.py GIT_DIR_2020 GIT_DIR_2021
  GIT_DIR_2020: snapshot of github.com/rumca-js/RSS-Link-Database-2020, read at commit
      619a819c87da1a42bacd565c3e07bd7236503d11 (2023-06-16, the last commit with the daily
      files: the later HEAD replaced them with monthly zips).
  GIT_DIR_2021: snapshot of github.com/rumca-js/RSS-Link-Database-2021, read at commit
      06229f4f3d3bba91e3e82563ee9fa5b1963a73f8 (2023-06-16, likewise).
Files read: every YYYY/MM/YYYY-MM-DD/FEED_entries.json of those trees for the three feeds
http://feeds.bbci.co.uk/news/rss.xml, http://rss.cnn.com/rss/edition.rss and
https://www.theguardian.com/rss (the archiver's capture of the feed that day: a JSON list or
{"entries": [...]} of {"title","description","link","date_published",...}).  Items are
de-duplicated by link (scheme, query and fragment dropped; host kept), keeping the first
capture.
id = "rss:" + host + path of the link (e.g. "rss:www.bbc.co.uk/news/world-us-canada-55510151"),
stable for the snapshots.  title = feed title, text = feed description (HTML entities and tags
removed, whitespace collapsed), date = date_published (UTC, YYYY-MM-DD), feed = bbc, cnn or
guardian.
Output order: by (date_published, id), so the last fifth by reader order is the latest fifth.
"""
import itertools
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rsslinkdb import captures, print_items  # noqa: E402

COMMITS = ["619a819c87da1a42bacd565c3e07bd7236503d11",
           "06229f4f3d3bba91e3e82563ee9fa5b1963a73f8"]
FEEDS = {"http.feeds.bbci.co.uknewsrss.xml": "bbc",
         "http.rss.cnn.comrssedition.rss": "cnn",
         "https.www.theguardian.comrss": "guardian"}
NAME = re.compile(r"^\d{4}/\d{2}/\d{4}-\d{2}-\d{2}/(?P<feed>.+)_entries\.json$")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reader.py GIT_DIR_2020 GIT_DIR_2021")
    print_items(itertools.chain.from_iterable(
        captures(gd, commit, NAME, FEEDS)
        for gd, commit in zip(sys.argv[1:], COMMITS)))


if __name__ == "__main__":
    main()
