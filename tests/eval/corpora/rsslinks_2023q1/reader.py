#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the January-March 2023 RSS items of the rsslinks_2023 feeds as JSONL, oldest first.

Usage: reader.py GIT_DIR_2023 [FROM TO]
  GIT_DIR_2023: snapshot of github.com/rumca-js/RSS-Link-Database-2023 (read at the commit
      ../rsslinks_2023/reader.py names).
  FROM TO: UTC days of date_published, both included; default the labelled slice of the
      README, SLICE below.
This is ../rsslinks_2023/reader.py run on another date range: the same feeds, fields, ids,
de-duplication (over the whole year, first capture kept) and order.  It is imported, not
copied, so that the two sets can never drift apart in how they read the archive.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "rsslinks_2023"))
import reader as rsslinks_2023  # noqa: E402

SLICE = ("2023-01-01", "2023-03-31")


if __name__ == "__main__":
    rsslinks_2023.main(SLICE)
