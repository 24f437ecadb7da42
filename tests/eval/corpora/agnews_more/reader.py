#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print further samples of the AG News TRAIN split as JSONL: {"id","title","text"}.

Usage: reader.py PML_GIT METAREPICL_GIT LST_GIT AUTONLP_GIT [AGNEWS_JSONL]
  snapshots of github.com/amrayach/PML, fxcawley/MetaRepICL,
  lst11111/bert-text-classification and TextForge/AutoNLP, in this order;
  AGNEWS_JSONL: output of ../agnews/reader.py; items repeating one there are
  skipped (so are repeats across and inside these files).

Files read (only files named as train split; no test or dev file is read):
  pml  datasets/ag_news/train.csv      rows 1-1,999 of the original train.csv
                                       (class,title,description); N = that row
  mri  data/ag_news_train.csv          5,000 rows drawn (seed 42) from train.csv,
                                       "title description",label; N = data row
  lst  data/ag_news/train.csv          5,000 rows from the HF train split,
                                       "title description",label; N = row
  tfa  AutoNLP/data/train_ag_news - Original.csv   11,566 train rows, lowercased,
                                       digits and punctuation stripped; N = data row
Ids are `agnewsm:TAG:N`. Items keep this order. Title is empty except for pml.
Dedupe key: letters of the text only (a-z), first 100; plus a tail match
against the description-only items of agnews.
"""
import csv
import io
import json
import re
import subprocess
import sys

ENT = {"#39;": "'", "quot;": '"', "#36;": "$", "amp;": "&", "lt;": "<",
       "gt;": ">", "#151;": "-", "#150;": "-", "#146;": "'", "#145;": "'",
       "#147;": '"', "#148;": '"', "nbsp;": " "}


def clean(s):
    s = s.replace("\\", " ")
    s = re.sub(r" ?#39;", "'", s)
    s = re.sub(r"&?(" + "|".join(re.escape(k) for k in ENT) + ")",
               lambda m: ENT[m.group(1)], s)
    return re.sub(r"\s+", " ", s).strip()


def key(s):
    return re.sub(r"[^a-z]", "", clean(s).lower())


def show(gitdir, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                       capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def rows(gitdir, path, header):
    rd = csv.reader(io.StringIO(show(gitdir, path)))
    if header:
        next(rd)
    return enumerate(rd, 1)


def main():
    if len(sys.argv) < 5:
        sys.exit("usage: reader.py PML_GIT METAREPICL_GIT LST_GIT AUTONLP_GIT [AGNEWS_JSONL]")
    pml, mri, lst, tfa = sys.argv[1:5]
    seen = set()
    big = ""
    if len(sys.argv) > 5:
        parts = []
        with open(sys.argv[5], encoding="utf-8") as f:
            for line in f:
                k = key(json.loads(line)["text"])
                parts.append(k)
                seen.add(k[:100])
        big = "|".join(parts)

    def emit(tag, n, title, text):
        k = key(title + " " + text)
        if not k or k[:100] in seen:
            return
        if len(k) > 120 and k[-80:] in big:
            return
        seen.add(k[:100])
        print(json.dumps({"id": "agnewsm:%s:%d" % (tag, n), "title": title, "text": text},
                         ensure_ascii=False))

    for n, r in rows(pml, "datasets/ag_news/train.csv", False):
        if len(r) >= 3:
            emit("pml", n, clean(r[1]), clean(r[2]))
    for n, r in rows(mri, "data/ag_news_train.csv", True):
        if r:
            emit("mri", n, "", clean(r[0]))
    for n, r in rows(lst, "data/ag_news/train.csv", False):
        if r:
            emit("lst", n, "", clean(r[0]))
    for n, r in rows(tfa, "AutoNLP/data/train_ag_news - Original.csv", True):
        if r:
            emit("tfa", n, "", clean(r[0]))


if __name__ == "__main__":
    main()
