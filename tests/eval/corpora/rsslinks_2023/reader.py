#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the 2023 RSS items of seventeen English-language general and world news
feeds archived by rumca-js's daily RSS link database as JSONL, oldest first.

Usage: reader.py GIT_DIR_2023 [FROM TO]
  GIT_DIR_2023: snapshot of github.com/rumca-js/RSS-Link-Database-2023, read at commit
      08b89dd9bdbd20633c994bb4a74411f204225b0f (2023-12-31, the last commit with the daily
      files: the later HEAD, "Created zip files", replaced them with monthly zips).
  FROM TO: the UTC days (YYYY-MM-DD, both included) of date_published to print; the
      labelled set is the slice its README names (the whole year was too large to read).
Files read: every 2023/MM/2023-MM-DD/FEED_entries.json of that tree for the feeds of FEEDS
below (the archiver's capture of the feed that day: a JSON list or {"entries": [...]} of
{"title","description","link","date_published",...}).  Items are de-duplicated by link
(scheme, query and fragment dropped; host kept), keeping the first capture (days in order,
feeds by file name within a day).
id = "rss:" + host + path of the link, stable for the snapshot.  title = feed title, text =
feed description (HTML entities and tags removed, whitespace collapsed), date =
date_published (UTC, YYYY-MM-DD), feed = the short name of FEEDS.
Output order: by (date_published, id), so the last fifth by reader order is the latest fifth.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rsslinkdb import captures, print_items  # noqa: E402

COMMIT = "08b89dd9bdbd20633c994bb4a74411f204225b0f"
# The archiver's file names: its feed URL with "://" -> "." and "/" dropped.
# Both schemes where the archiver switched during the year.
FEEDS = {"http.feeds.bbci.co.uknewsrss.xml": "bbc",
         "https.feeds.bbci.co.uknewsrss.xml": "bbc",
         "http.rss.cnn.comrssedition.rss": "cnn",
         "http.rss.cnn.comrsscnn_world.rss": "cnn",
         "https.www.theguardian.comrss": "guardian",
         "https.www.theguardian.cominternationalrss": "guardian",
         "https.www.theguardian.comworldrss": "guardian",
         "https.rss.nytimes.comservicesxmlrssnytWorld.xml": "nyt",
         "https.rss.nytimes.comservicesxmlrssnytHomePage.xml": "nyt",
         "http.feeds.skynews.comfeedsrssworld.xml": "sky",
         "https.feeds.skynews.comfeedsrssworld.xml": "sky",
         "https.feeds.nbcnews.comnbcnewspublicworld": "nbc",
         "http.feeds.abcnews.comabcnewstopstories": "abc",
         "https.www.ft.comworld.format.rss": "ft",
         "https.feeds.a.dj.comrssRSSWorldNews.xml": "wsj",
         "https.feeds.washingtonpost.comrssworld.itid.lk_inline_manual_36": "wapo",
         "https.feeds.npr.org1001rss.xml": "npr",
         "https.www.lemonde.frenrssune.xml": "lemonde",
         "https.moxie.foxnews.comgoogle-publisherlatest.xml": "fox"}
NAME = re.compile(r"^2023/\d{2}/2023-\d{2}-\d{2}/(?P<feed>.+)_entries\.json$")


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit("usage: reader.py GIT_DIR_2023 [FROM TO]")
    lo, hi = (sys.argv[2], sys.argv[3]) if len(sys.argv) == 4 else ("", "9999")
    print_items(captures(sys.argv[1], COMMIT, NAME, FEEDS), lo, hi)


if __name__ == "__main__":
    main()
