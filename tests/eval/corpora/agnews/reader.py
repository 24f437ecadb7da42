#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print a sample of the AG News TRAIN split as JSONL: {"id","title","text"}.

Usage: reader.py GIT_DIR [GIT_DIR ...]
  snapshots of github.com/vicrudakov/adaptive_supervised_ml (ids agnews-s:N)
  and/or github.com/KEAML-JLU/DeepTextClustering (ids agnews-k:N, agnews-u:N)

The snapshot's data/agnews/train.csv holds 4,000 rows drawn at random (seed 42)
from the AG News train split (2,000 World, 2,000 Sci/Tech) in the Hugging Face
form, where title and description are joined into one text. No other file of
the snapshot is read (its test.csv comes from the reserved AG News test split).
Ids are `agnews-s:N`, N being the 1-based row of that file. The title cannot be
split off reliably, so "title" is empty and "text" carries both.
The KEAML snapshot's data/ag_news/train.csv (4,000 rows) and ub_train.csv
(5,000 rows) are random draws from the AG News train split, description only,
already tokenized by that project (ids agnews-k:N and agnews-u:N, N the 1-based
row). Its test.csv is never read. An item whose normalized text repeats one
already printed (same article drawn twice) is skipped.
Light unescaping: the corpus's HTML entity leftovers (#39; quot; #36; amp; ...)
and backslash line joins.
"""
import csv
import io
import json
import re
import subprocess
import sys

PATH = "data/agnews/train.csv"
ENT = {"#39;": "'", "quot;": '"', "#36;": "$", "amp;": "&", "lt;": "<",
       "gt;": ">", "#151;": "-", "#150;": "-", "#146;": "'", "#145;": "'",
       "#147;": '"', "#148;": '"', "nbsp;": " "}


def clean(s):
    s = s.replace("\\", " ")
    s = re.sub(r" ?#39;", "'", s)
    s = re.sub(r"&?(" + "|".join(re.escape(k) for k in ENT) + ")",
               lambda m: ENT[m.group(1)], s)
    return re.sub(r"\s+", " ", s).strip()


def show(gitdir, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path],
                       capture_output=True)
    return r.stdout.decode("utf-8") if r.returncode == 0 else None


def norm(s):
    return re.sub(r"[^a-z0-9]", "", s.lower())


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: reader.py GIT_DIR [GIT_DIR ...]")
    seen = []
    for gitdir in sys.argv[1:]:
        raw = show(gitdir, PATH)
        if raw is not None:
            for n, row in enumerate(csv.reader(io.StringIO(raw)), 1):
                text = clean(row[0])
                seen.append(norm(text))
                print(json.dumps({"id": "agnews-s:%d" % n, "title": "", "text": text},
                                 ensure_ascii=False))
            continue
        for path, tag in (("data/ag_news/train.csv", "k"), ("data/ag_news/ub_train.csv", "u")):
            raw = show(gitdir, path)
            if raw is None:
                sys.exit("%s: no AG News sample found" % gitdir)
            big = "|".join(seen)
            for n, row in enumerate(csv.reader(io.StringIO(raw)), 1):
                text = clean(row[-1].replace("\t", " "))
                key = norm(text)
                if len(key) > 40 and key[:120] in big:
                    continue
                seen.append(key)
                big += "|" + key
                print(json.dumps({"id": "agnews-%s:%d" % (tag, n), "title": "", "text": text},
                                 ensure_ascii=False))


if __name__ == "__main__":
    main()
