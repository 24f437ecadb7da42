#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the BBC News, CNN International and Guardian front-page RSS items of 2022
archived by rumca-js's daily RSS link database as JSONL, oldest first.

Usage: reader.py GIT_DIR_2022
  GIT_DIR_2022: snapshot of github.com/rumca-js/RSS-Link-Database-2022, read at commit
      cbdcc337942489f64804e154335c303a621b3245 (2023-06-19, the last commit with the daily
      files: the later HEAD replaced them with monthly zips).
Files read: every 2022/MM/2022-MM-DD/FEED_entries.json of that tree for the three feeds
http://feeds.bbci.co.uk/news/rss.xml, http://rss.cnn.com/rss/edition.rss and
https://www.theguardian.com/rss (a JSON list or {"entries": [...]} of {"title",
"description","link","date_published",...}).  The https.www.nytimes.com files are 12
hand-added links ("persistent"), not feed captures, and are not read.  Items are
de-duplicated by link (scheme, query and fragment dropped; host kept), keeping the first
capture (every item of these captures has a 2022 date_published).
id = "rss:" + host + path of the link, title = feed title, text = feed description (HTML
entities and tags removed, whitespace collapsed), date = date_published (UTC, YYYY-MM-DD),
feed = bbc, cnn or guardian.
Output order: by (date_published, id), so the last fifth by reader order is the latest fifth.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rsslinkdb import captures, print_items  # noqa: E402

COMMIT = "cbdcc337942489f64804e154335c303a621b3245"
FEEDS = {"http.feeds.bbci.co.uknewsrss.xml": "bbc",
         "http.rss.cnn.comrssedition.rss": "cnn",
         "https.www.theguardian.comrss": "guardian"}
NAME = re.compile(r"^2022/\d{2}/2022-\d{2}-\d{2}/(?P<feed>.+)_entries\.json$")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR_2022")
    print_items(captures(sys.argv[1], COMMIT, NAME, FEEDS))


if __name__ == "__main__":
    main()
