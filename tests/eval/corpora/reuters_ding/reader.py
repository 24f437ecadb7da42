#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the Ding et al. (2014) Reuters financial news set (ReutersNews106521, Oct 2006 - Nov 2013) as JSONL.

Usage: reader.py GIT_DIR [FROM_DATE TO_DATE]
  GIT_DIR: snapshot of github.com/duynht/financial-news-dataset (or its fork Danbo3004/financial-news-dataset,
  same commit cf56327f683ab2ba128a1e9954dee8f36028a7a7).  FROM_DATE/TO_DATE (YYYYMMDD, inclusive) restrict
  the output to those day folders; without them every article is printed.
Each file ReutersNews106521/YYYYMMDD/NAME is one article: "-- title", "-- by", "-- timestamp", "-- url", body.
Output: {"id","title","text","date"}, id = "reutersding:YYYYMMDD/NAME" (stable: the file's path), oldest first
(by day folder, then file name).  text = the body, whitespace collapsed, cut to its first 1,500 characters.
"""
import json
import re
import subprocess
import sys

TEXT_CHARS = 1500


def git(gd, *args):
    return subprocess.run(["git", "--git-dir", gd] + list(args), check=True, capture_output=True).stdout


def main():
    gd = sys.argv[1]
    lo = sys.argv[2] if len(sys.argv) > 2 else "00000000"
    hi = sys.argv[3] if len(sys.argv) > 3 else "99999999"
    rows = []
    for line in git(gd, "ls-tree", "-r", "HEAD").decode().splitlines():
        meta, path = line.split("\t", 1)
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != "ReutersNews106521" or parts[2].startswith("."):
            continue
        if parts[2].endswith(".gz"):
            continue  # an archive left among the articles, not an article
        if not re.fullmatch(r"\d{8}", parts[1]) or not (lo <= parts[1] <= hi):
            continue
        rows.append((parts[1], parts[2], meta.split()[2]))
    rows.sort()
    # read blobs in one batch
    proc = subprocess.Popen(["git", "--git-dir", gd, "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    out = sys.stdout
    for day, name, sha in rows:
        proc.stdin.write((sha + "\n").encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        # One article holds a NUL byte: JSON readers refuse it.
        raw = data.decode("utf-8", "replace").replace("\0", "")
        lines = raw.split("\n")
        head = [l[3:].strip() if l.startswith("-- ") else l.lstrip("-").strip() for l in lines[:4]]
        title = head[0] if head else ""
        body = " ".join(lines[4:])
        body = re.sub(r"\s+", " ", body).strip()
        out.write(json.dumps({"id": "reutersding:%s/%s" % (day, name), "title": title,
                              "text": body[:TEXT_CHARS], "date": day}, ensure_ascii=False) + "\n")
    proc.stdin.close()
    proc.wait()


if __name__ == "__main__":
    main()
