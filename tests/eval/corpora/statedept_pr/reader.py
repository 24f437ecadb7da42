#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for the U.S. State Department press-release RSS archive
(git-scraped feed https://www.state.gov/rss-feed/press-releases/feed/,
repository markschaver/State-Department-PR, May 2021 - Aug 2022).

Usage: reader.py GIT_DIR > statedept_pr.jsonl   (ids "statedept:N"; see ../feedhistory.py)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
import feedhistory  # noqa: E402

if __name__ == "__main__":
    feedhistory.main("statedept", sys.argv[1])
