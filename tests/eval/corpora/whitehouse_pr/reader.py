#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for the White House Briefing Room RSS archive
(git-scraped feed https://www.whitehouse.gov/briefing-room/feed/,
repository markschaver/White-House-PR, May 2021 - Jul 2022).

Usage: reader.py GIT_DIR > whitehouse_pr.jsonl   (ids "whitehouse:N"; see ../feedhistory.py)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
import feedhistory  # noqa: E402

if __name__ == "__main__":
    feedhistory.main("whitehouse", sys.argv[1])
