# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""feedhistory.py: the items of an RSS feed that a repository re-fetched and
committed over time ("flat data" git scrapers), read from every version of
its data.rss in the history; shared by statedept_pr and whitehouse_pr.

De-duplicates items by the WordPress guid (page_id or p), keeps the latest
version of each and prints one JSON object per line:
{"id": "PREFIX:ID", "title", "text", "date", "link"}
text = body (content:encoded, else description) stripped of HTML/scripts,
cut to its first ~2,000 characters as a feed description would carry.
Items are printed sorted by numeric id (stable order).
"""
import html
import json
import re
import subprocess
import sys

MAX = 2000


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True,
                          capture_output=True).stdout


def clean(fragment):
    s = re.sub(r"<script.*?</script>", " ", fragment, flags=re.S | re.I)
    s = re.sub(r"<style.*?</style>", " ", s, flags=re.S | re.I)
    s = re.sub(r"<br\s*/?>|</p>|</li>|</h\d>", "\n", s, flags=re.I)
    s = re.sub(r"<[^>]+>", " ", s)
    s = html.unescape(s)
    s = re.sub(r"[ \t\r\f\v\u00a0]+", " ", s)
    s = re.sub(r"\s*\n\s*", "\n", s).strip()
    return s


def cdata(tag, item):
    m = re.search(r"<%s(?:\s[^>]*)?>(.*?)</%s>" % (tag, tag), item, re.S)
    if not m:
        return ""
    v = m.group(1).strip()
    if v.startswith("<![CDATA["):
        v = v[9:]
        if v.endswith("]]>"):
            v = v[:-3]
    return v


def cut(text):
    if len(text) <= MAX:
        return text
    t = text[:MAX]
    sp = t.rfind(" ")
    return (t[:sp] if sp > MAX - 200 else t) + " ..."


def main(prefix, gitdir):
    # commits oldest first, so later versions overwrite earlier ones
    revs = git(gitdir, "rev-list", "--reverse", "--all").decode().split()
    seen_blob = set()
    items = {}
    for rev in revs:
        try:
            blob = git(gitdir, "rev-parse", rev + ":data.rss").decode().strip()
        except subprocess.CalledProcessError:
            continue
        if blob in seen_blob:
            continue
        seen_blob.add(blob)
        s = git(gitdir, "cat-file", "blob", blob).decode("utf-8", "replace")
        for it in re.findall(r"<item>(.*?)</item>", s, re.S):
            guid = cdata("guid", it)
            m = re.search(r"page_id=(\d+)", guid) or re.search(r"p=(\d+)", guid)
            if not m:
                continue
            pid = int(m.group(1))
            title = clean(cdata("title", it))
            body = cdata("content:encoded", it) or cdata("description", it)
            text = clean(body)
            # drop the leading byline line when it merely repeats the creator
            creator = clean(cdata("dc:creator", it))
            if creator and text.startswith(creator):
                text = text[len(creator):].lstrip()
            items[pid] = {
                "id": "%s:%d" % (prefix, pid),
                "title": title,
                "text": cut(text),
                "date": cdata("pubDate", it),
                "link": clean(cdata("link", it)),
            }
    out = sys.stdout
    for pid in sorted(items):
        out.write(json.dumps(items[pid], ensure_ascii=False) + "\n")

