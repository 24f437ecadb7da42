#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the 1,000 Gigaword headline-generation pairs of github.com/ethanabrooks/headlines as JSONL.

Usage: reader.py GIT_DIR

Reads test.article.txt and test.title.txt at commit f666b8e7223b4cff43a4f52f31be174d2fc002a3
(later commits removed them; the snapshot keeps the history). Line N of each file is one pair in
the Rush et al. (2015) preprocessed form: lower-cased, tokenized, digits masked as '#', -lrb-/-rrb-.
Its train.article.txt / train.title.txt at that commit are byte-identical copies and are not read.
Output: {"id": "giga:N" (1-based line), "title": headline, "text": first sentence}.
"""
import json
import subprocess
import sys

COMMIT = "f666b8e7223b4cff43a4f52f31be174d2fc002a3"


def show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", COMMIT + ":" + path],
                          capture_output=True, check=True).stdout.decode("utf-8", "replace")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py GIT_DIR")
    arts = show(sys.argv[1], "test.article.txt").splitlines()
    tits = show(sys.argv[1], "test.title.txt").splitlines()
    if len(arts) != len(tits):
        sys.exit("article/title line counts differ")
    for n, (a, t) in enumerate(zip(arts, tits), 1):
        print(json.dumps({"id": "giga:%d" % n, "title": t.strip(), "text": a.strip()},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
