#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the AQUAINT / AQUAINT-2 newswire documents held by
github.com/cl-victor1/Multi-Document-Summarization as JSONL, oldest first.

Usage: reader.py GIT_DIR [COMMIT]

The data were removed from that repository's tip ("remove all /data directories");
they are read from commit 09aad225a091679a10adde7c983d67e7ca5d0356 (the parent of the
removal), path D2/data/selected_files/{training,devtest,evaltest}/:
  * whole AQUAINT day files (YYYYMMDD_APW_ENG, YYYYMMDD_NYT, YYYYMMDD_XIN_ENG; AP, New York
    Times News Service, Xinhua English; 1996-2000), many <DOC>s per file;
  * single documents (*.LDC2007T07.sgm AQUAINT-2, *.LDC2009T13.sgm English Gigaword 4;
    AFP, APW, LTW, NYT, XIN; 2006-2008), one <DOC> per file, numbered by <DOCID>;
  * monthly AQUAINT-2 files (cna_eng_2004MM.xml ...); the other monthly files
    (4 MiB and more) are absent from the snapshot and skipped.
A DOCNO seen twice is printed once.
Only Xinhua English (XIE..., XIN_ENG_...) and Associated Press (APW..., APW_ENG_...)
documents are printed (the labelled slice); NYT, AFP, LTW and CNA documents are skipped.
Output: {"id": "aq:DOCNO", "title": headline, "text": body, whitespace collapsed},
sorted by (date, DOCNO). The date is taken from the DOCNO (XIE19960412.0001 ->
1996-04-12; AFP_ENG_20070101.0006 -> 2007-01-01).
"""
import html
import json
import re
import subprocess
import sys

COMMIT = "09aad225a091679a10adde7c983d67e7ca5d0356"
PREFIX = "D2/data/selected_files/"
# The labelled slice: Xinhua English (XIE) and Associated Press (APW) documents only.
SOURCES = ("XIE", "APW", "XIN_ENG")


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          capture_output=True, check=True).stdout


def clean(s):
    s = re.sub(r"<[^>]+>", " ", s)
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def field(raw, tag):
    m = re.search(r"<%s[^>]*>(.*?)</%s>" % (tag, tag), raw, re.S | re.I)
    return clean(m.group(1)) if m else ""


def docdate(docno):
    m = re.search(r"(\d{8})", docno)
    return m.group(1) if m else "99999999"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: reader.py GIT_DIR [COMMIT]")
    gitdir = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) == 3 else COMMIT
    paths = sorted(p for p in git(gitdir, "ls-tree", "-r", commit, "--name-only")
                   .decode().splitlines() if p.startswith(PREFIX))
    if not paths:
        sys.exit("no %s* files at %s" % (PREFIX, commit))
    seen = {}
    for p in paths:
        try:
            raw = git(gitdir, "show", "%s:%s" % (commit, p)).decode("utf-8", "replace")
        except subprocess.CalledProcessError:
            # the monthly AQUAINT-2 *.xml files (4 MiB and more) are absent from the snapshot
            sys.stderr.write("absent, skipped: %s\n" % p)
            continue
        for d in re.findall(r"<DOC[\s>].*?</DOC>", raw, re.S):
            m = re.search(r"<DOCNO>\s*(.*?)\s*</DOCNO>", d, re.S) or \
                re.search(r"<DOCID>\s*(.*?)\s*</DOCID>", d, re.S) or \
                re.search(r'<DOC[^>]*\bid="([^"]+)"', d)
            if not m:
                continue
            docno = m.group(1).strip()
            if not docno.startswith(SOURCES) or docno in seen:
                continue
            title = field(d, "HEADLINE")
            tm = re.search(r"<TEXT>(.*?)</TEXT>", d, re.S)
            text = clean(tm.group(1)) if tm else ""
            if not text:
                continue
            seen[docno] = {"id": "aq:" + docno, "title": title, "text": text}
    for docno in sorted(seen, key=lambda k: (docdate(k), k)):
        sys.stdout.write(json.dumps(seen[docno], ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
