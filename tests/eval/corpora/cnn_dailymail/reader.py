#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print CNN / Daily Mail summarization-dataset articles (version 3.0.0, the
Hugging Face `cnn_dailymail` rows) held in two GitHub repositories as JSONL:
{"id","title","text"}.

Usage: reader.py SUVIDHA_GIT RAGOPT_GIT
  SUVIDHA_GIT: snapshot of github.com/rravneetkaurr/SuvidhaFoundation-Summarization_Benchmark
      (read at HEAD 9d13a847047a5394008fd09ec1902222eca77b78): data/cnn_dm/cnn_dm_subset.csv,
      train rows 0-499 of the dataset (article, reference_summary); no dataset id, so
      id = "cnndm:train:N", N the 0-based data row (= the train-split index).
  RAGOPT_GIT: snapshot of github.com/hillaryke/rag-optimization-cnn-dailymail
      (read at HEAD 03d05440507618d6bec073b46543696e5a47df20):
      data/collection/cnn_dailymail_validation_subset.csv, 1,000 validation rows
      (article, highlights, id); id = "cnndm:" + the dataset's own id (SHA-1 of the URL).
The dataset has no headlines: title is empty.  text = the article with whitespace
collapsed, cut to its first 4,000 characters (at the last sentence end before that, else
at a word) because the classifier reads feed-sized text and the longest articles run
past 10,000 characters; the highlights are not read.  No date: the rows carry none
(all 1,482 are CNN articles, which have no dateline stamp).
Order: train rows first (CNN 2007), then validation rows (March 2015): the dataset's
splits are by time, so the last fifth is the latest.  Repeats (same text) are dropped.
"""
import csv
import io
import json
import re
import subprocess
import sys

FILES = [("train", "data/cnn_dm/cnn_dm_subset.csv"),
         ("validation", "data/collection/cnn_dailymail_validation_subset.csv")]
MAXLEN = 4000


def show(gitdir, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                       capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def cut(s):
    if len(s) <= MAXLEN:
        return s
    head = s[:MAXLEN]
    i = max(head.rfind(". "), head.rfind('." '), head.rfind('?" '))
    if i > MAXLEN // 2:
        return head[:i + 1].rstrip()
    return head.rsplit(" ", 1)[0]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reader.py SUVIDHA_GIT RAGOPT_GIT")
    csv.field_size_limit(1 << 30)
    seen = set()
    for (split, path), gitdir in zip(FILES, sys.argv[1:3]):
        rd = csv.reader(io.StringIO(show(gitdir, path)))
        next(rd)
        for n, r in enumerate(rd):
            if not r or not r[0].strip():
                continue
            text = re.sub(r"\s+", " ", r[0]).strip()
            k = re.sub(r"[^a-z]", "", text.lower())[:200]
            if k in seen:
                continue
            seen.add(k)
            ident = "cnndm:train:%d" % n if split == "train" else "cnndm:" + r[2]
            it = {"id": ident, "title": "", "text": cut(text)}
            sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
