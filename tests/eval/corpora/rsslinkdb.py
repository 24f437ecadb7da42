# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""rsslinkdb.py: what the readers of rumca-js's RSS Link Database snapshots
(aljazeera_news, rsslinks_2020_21, rsslinks_2022, rsslinks_2023) share: files
out of a git directory without a work tree, a feed description as plain text,
and the daily captures read, de-duplicated by link and printed oldest first."""
import html
import json
import re
import subprocess
import sys
import urllib.parse


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


def captures(gd, commit, name_re, feeds):
    """(feed, entry) of every daily capture at commit whose path name_re
    matches with its group "feed" a key of feeds, in path order.  One git
    cat-file for all of them: a git show per file is minutes for a year."""
    names = git(gd, "ls-tree", "-r", "--name-only", commit).decode("utf-8")
    todo = []
    for name in sorted(names.split("\n")):
        m = name_re.match(name)
        if m and m.group("feed") in feeds:
            todo.append((feeds[m.group("feed")], name))
    req = "".join("%s:%s\n" % (commit, name) for _, name in todo).encode()
    out = subprocess.run(["git", "--git-dir", gd, "cat-file", "--batch"],
                         input=req, capture_output=True, check=True).stdout
    pos = 0
    for feed, name in todo:
        nl = out.index(b"\n", pos)
        head = out[pos:nl].split()
        if len(head) != 3:
            sys.exit("rsslinkdb: %s: %s" % (name, out[pos:nl].decode()))
        size = int(head[2])
        d = json.loads(out[nl + 1:nl + 1 + size])
        pos = nl + 1 + size + 1
        if isinstance(d, dict):
            d = d.get("entries", [])
        for e in d:
            yield feed, e


def print_items(pairs, lo="", hi="9999"):
    """JSONL {"id","title","text","date","feed"} of the (feed, entry) pairs,
    one item per link (host and path; the first capture kept), by
    (date_published, id); only the days lo..hi (YYYY-MM-DD, both in)."""
    seen = {}
    for feed, e in pairs:
        u = urllib.parse.urlsplit(e.get("link") or "")
        key = u.netloc + u.path.rstrip("/")
        if not u.path.strip("/") or key in seen:
            continue
        seen[key] = {"id": "rss:" + key, "title": clean(e.get("title")),
                     "text": clean(e.get("description")),
                     "date": (e.get("date_published") or "")[:10],
                     "feed": feed, "_ts": e.get("date_published") or ""}
    for it in sorted(seen.values(), key=lambda x: (x["_ts"], x["id"])):
        if not lo <= it["date"] <= hi:
            continue
        del it["_ts"]
        sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")
