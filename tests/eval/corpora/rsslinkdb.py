# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""rsslinkdb.py: what the readers of rumca-js's RSS Link Database snapshots
(aljazeera_news, rsslinks_2020_21, rsslinks_2022) share: files out of a git
directory without a work tree, and a feed description as plain text."""
import html
import re
import subprocess


def git(gd, *args):
    """A git command's output, as bytes."""
    return subprocess.run(["git", "--git-dir", gd, *args], capture_output=True,
                          check=True).stdout


def clean(s):
    """Entities decoded (twice: the archive escapes them again), tags
    removed, white space collapsed."""
    s = html.unescape(html.unescape(s or ""))
    s = re.sub(r"<[^>]+>", " ", s)
    return " ".join(s.split())
