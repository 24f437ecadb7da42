#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for U.S. Federal Register document abstracts (2020-2026) as mirrored
in the repository ai-village-agents/deepseek-news (a Jekyll site whose
_posts/*.md include, for source `federal_register`, the official title and
abstract of a Federal Register document fetched from the federalregister.gov API).

Usage: reader.py GIT_DIR [FROM_DATE [TO_DATE]] > fedreg_notices.jsonl
  FROM_DATE/TO_DATE: optional ISO dates (inclusive) on the original FR
  publication date, e.g. 2022-01-01 2022-06-30.

Reads HEAD:_posts/*.md, keeps posts whose front matter says
`source: federal_register`, de-duplicates by FR document number (first post
in path order wins) and prints one JSON object per line, sorted by date then
document number:
{"id": "fedreg:DOCNUM", "title", "text", "date", "link"}
text = the "## Summary" section (the FR abstract) only; the agent-written
wrapper (significance score, context line) is dropped. Cut to ~2,000 chars.
"""
import json
import re
import subprocess
import sys

MAX = 2000


def cut(text):
    if len(text) <= MAX:
        return text
    t = text[:MAX]
    sp = t.rfind(" ")
    return (t[:sp] if sp > MAX - 200 else t) + " ..."


def main():
    gitdir = sys.argv[1]
    lo = sys.argv[2] if len(sys.argv) > 2 else "0000"
    hi = sys.argv[3] if len(sys.argv) > 3 else "9999"
    ls = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "HEAD", "_posts"],
                        check=True, capture_output=True, text=True).stdout.splitlines()
    ents = []
    for line in ls:
        meta, path = line.split("\t", 1)
        if path.endswith(".md"):
            ents.append((meta.split()[2], path))
    ents.sort(key=lambda e: e[1])
    p = subprocess.Popen(["git", "--git-dir", gitdir, "cat-file", "--batch"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    items = {}
    for sha, path in ents:
        p.stdin.write((sha + "\n").encode())
        p.stdin.flush()
        hdr = p.stdout.readline().split()
        n = int(hdr[2])
        data = p.stdout.read(n)
        p.stdout.read(1)
        s = data.decode("utf-8", "replace")
        head = s[:800]
        if not re.search(r"^source: federal_register\s*$", head, re.M):
            continue
        m = re.search(r"^item_id: federal_register:(\S+)", head, re.M)
        if not m:
            continue
        doc = m.group(1)
        if doc in items:
            continue
        t = re.search(r'^title: (.*)$', head, re.M)
        title = t.group(1).strip() if t else ""
        if len(title) >= 2 and title[0] == '"' and title[-1] == '"':
            title = title[1:-1].replace('\\"', '"')
        d = re.search(r"^original_published: (\S+)", head, re.M)
        date = d.group(1) if d else ""
        if not (lo <= date[:len(lo)] and date[:len(hi)] <= hi):
            continue
        sm = re.search(r"## Summary\n\n(.*?)\n\n## ", s, re.S)
        text = re.sub(r"\s+", " ", sm.group(1)).strip() if sm else ""
        lk = re.search(r"\[Federal Register\]\((\S+?)\)", s)
        items[doc] = {"id": "fedreg:" + doc, "title": title, "text": cut(text),
                      "date": date, "link": lk.group(1) if lk else ""}
    p.stdin.close()
    p.wait()
    for it in sorted(items.values(), key=lambda x: (x["date"], x["id"])):
        sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
