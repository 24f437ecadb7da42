#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print two New York Times article-metadata sets as one JSONL stream, oldest first.

Usage: reader.py SAMPLE_GIT_DIR SEARCH_GIT_DIR
  SAMPLE_GIT_DIR: snapshot of github.com/evasquez25/CS1090a-Final-Project; reads data/nyt_headlines.csv
      (10,998 NYT headlines sampled at random from the Archive API, 1991-2020; columns headline, type,
      year, news_desk_category, ...).  id "nytsample:ROW" (1-based data row); title = headline,
      text = "" (headline-only); date = the year.
  SEARCH_GIT_DIR: snapshot of github.com/mkearney/nytimes; reads data/articles-russia-sanctions-2014.rds
      (100 docs) and data/articles-russia-sanctions-2016.rds (2,590 docs): NYT Article Search API results
      for the query "russia sanctions" (R data frames, XDR serialisation, parsed here without R).
      id "nytsearch:NYT_ID" (the API's _id); title = "" because the stored headline column is
      recycled (misaligned with the rows: it repeats a few headlines); text = lead_paragraph, or snippet
      when the lead paragraph is empty; date = pub_date (UTC, YYYY-MM-DD).
Prints {"id","title","text","date","section"} sorted by (date, id).  Whitespace is collapsed.
"""
import csv
import datetime
import io
import json
import struct
import subprocess
import sys


def git_show(gd, path):
    return subprocess.run(["git", "--git-dir", gd, "show", "HEAD:" + path], capture_output=True, check=True).stdout


class RDS:
    """Minimal reader for R's XDR serialisation (enough for a data frame of atomic columns)."""

    def __init__(self, b):
        self.b, self.p, self.refs = b, 0, []

    def i(self):
        v = struct.unpack(">i", self.b[self.p:self.p + 4])[0]
        self.p += 4
        return v

    def d(self):
        v = struct.unpack(">d", self.b[self.p:self.p + 8])[0]
        self.p += 8
        return v

    def read(self):
        assert self.b[:2] == b"X\n", "not an uncompressed XDR rds"
        self.p = 2
        ver = self.i()
        self.i()
        self.i()
        if ver == 3:
            n = self.i()
            self.p += n
        return self.item()

    def attrs(self, has):
        if not has:
            return {}
        return {k: v for k, v in self.item()}

    def item(self):
        f = self.i()
        t, has_attr, has_tag = f & 0xFF, (f >> 9) & 1, (f >> 10) & 1
        if t in (254, 242, 253, 251):
            return None
        if t == 255:
            idx = f >> 8 or self.i()
            return self.refs[idx - 1]
        if t == 1:
            s = ("sym", self.item())
            self.refs.append(s)
            return s
        if t == 9:
            n = self.i()
            if n == -1:
                return None
            v = self.b[self.p:self.p + n].decode("utf-8", "replace")
            self.p += n
            return v
        if t in (2, 6):
            if has_attr:
                self.item()
            tag = self.item() if has_tag else None
            car, cdr = self.item(), self.item()
            return [(tag[1] if tag else None, car)] + (cdr if isinstance(cdr, list) else [])
        if t in (16, 19, 20):
            v = [self.item() for _ in range(self.i())]
            return ("vec", v, self.attrs(has_attr))
        if t in (10, 13):
            v = [self.i() for _ in range(self.i())]
            return ("vec", v, self.attrs(has_attr))
        if t == 14:
            v = [self.d() for _ in range(self.i())]
            return ("vec", v, self.attrs(has_attr))
        raise ValueError("unsupported SEXP type %d" % t)


def clean(s):
    return " ".join((s or "").split())


def sample_items(gd):
    rd = csv.reader(io.StringIO(git_show(gd, "data/nyt_headlines.csv").decode("utf-8")))
    assert next(rd)[:4] == ["headline", "type", "year", "news_desk_category"]
    for n, r in enumerate(rd, 1):
        if len(r) < 4 or not r[0].strip():
            continue
        yield {"id": "nytsample:%d" % n, "title": clean(r[0]), "text": "", "date": r[2], "section": r[3]}


def search_items(gd):
    seen = set()
    for path in ("data/articles-russia-sanctions-2014.rds", "data/articles-russia-sanctions-2016.rds"):
        df = RDS(git_show(gd, path)).read()
        cols = dict(zip(df[2]["names"][1], [c[1] for c in df[1]]))
        for k in range(len(cols["id"])):
            nid = cols["id"][k]
            if nid in seen:
                continue
            seen.add(nid)
            text = clean(cols["lead_paragraph"][k]) or clean(cols["snippet"][k])
            ts = cols["pub_date"][k]
            date = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%d") if ts == ts else ""
            yield {"id": "nytsearch:%s" % nid, "title": "", "text": text, "date": date,
                   "section": clean(cols["section_name"][k])}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reader.py SAMPLE_GIT_DIR SEARCH_GIT_DIR")
    items = list(sample_items(sys.argv[1])) + list(search_items(sys.argv[2]))
    items.sort(key=lambda x: (x["date"], x["id"]))
    for it in items:
        sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
