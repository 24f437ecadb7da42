#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Print the XSum articles (BBC News online, 2010-2017; Narayan et al., EMNLP 2018) that nine
public repositories hold as small samples, merged and de-duplicated, as JSONL.

Usage: reader.py MIRROR_DIR
  MIRROR_DIR holds the snapshots as OWNER+NAME/repo (git directories, no work tree); each
  file is read at the commit of SOURCES below.  None of the files is the whole dataset: each
  is one project's draw of 150-1,000 articles (most from the test split), so the draws overlap.
Output: {"id", "title", "text"}.  title = the XSum summary (the article's first sentence,
which XSum cuts off the body) where the sample keeps it, else ""; text = the rest of the
article, lines joined, white space collapsed, cut to about 4,000 characters at a word
boundary.  Two records are one article when the first 120 letters and digits of their
bodies agree; the merged item takes the BBC id, the summary and the longest body any of
them has.  GECScore's bodies start a few sentences in: one is dropped when 60 letters of its
middle occur in a body read before it.  Only its rows labelled "human" are read.
id = "xsum:" + the BBC article id (the number at the end of the article's URL), or, for an
article no sample with ids holds, "xsum:" + source + ":" + row.
Order: items without a BBC id first (by id), then by BBC id as a number.  BBC ids grow
with publication time, so the last fifth is about the latest fifth; XSum has no dates.
"""
import csv
import io
import json
import re
import subprocess
import sys

# name, repository, commit, path, format
SOURCES = [
    ("llmdec", "DavidFanzz/llm_decoding", "bdb025d9bdb2e9b20e18edaa5dc5b0db9e3ee046",
     "data/xsum/test.jsonl", "jsonl"),
    ("aats", "wisdomtee/Automated-Abstractive-Text-Summarization",
     "883975281b700e803f5f2bf7f3b0266871a9753c", "data/xsum_sample.csv", "csv"),
    ("nlpfp", "dangnguyen271/NLP_FinalProject", "d263acf8bb6a6878350d93acc54688dcce98eba6",
     "data/xsum.csv", "csv"),
    ("gptsumm", "StarBandit/GPT_summ", "73b5fe18e535ca428e54105a4821a4a3b35f6b71",
     "xsum.json", "json"),
    ("merging", "llm-merging/LLM-Merging", "c260fc5edb6bab9794cf2ac383948b5de0ed08fc",
     "data/validation/xsum.csv", "csv"),
    ("h2o", "FMInference/H2O", "ac75c2a8a9e76832b2a4139b9363373b56336bfb",
     "h2o_hf/data/summarization_data/xsum_0shot.jsonl", "jsonl"),
    ("gofigure", "skgabriel/GoFigure", "2e3ca7853dc3f46700403d453517ea56a7d532d4",
     "auto_eval/xsum/xsum_500_source.txt", "lines"),
    ("fastdetect", "baoguangsheng/fast-detect-gpt", "971b05202bac2bb504d60c0ac0812fea7a8f7c82",
     "exp_main/data/xsum_gpt2-xl.raw_data.json", "original"),
    ("gecscore", "junchaoIU/GECScore", "eebcd75ebb2d259486487c4c6f9a14c4dd480fb8",
     "data/normal_data/xsum.GPT-4o.normal.test_data.json", "human"),
]
GOFIGURE_TARGET = "auto_eval/xsum/xsum_500_target.txt"
MAXTEXT = 4000


def show(mirror, repo, commit, path):
    gd = "%s/%s/repo" % (mirror, repo.replace("/", "+"))
    return subprocess.run(["git", "--git-dir", gd, "show", "%s:%s" % (commit, path)],
                          capture_output=True, check=True).stdout.decode("utf-8")


def squash(s):
    return " ".join((s or "").split())


def cut(s, n=MAXTEXT):
    if len(s) <= n:
        return s
    s = s[:n]
    return s[:s.rfind(" ")] if " " in s else s


def records(mirror, name, repo, commit, path, fmt):
    """(BBC id or None, summary, body) of every row of one sample."""
    raw = show(mirror, repo, commit, path)
    if fmt == "jsonl":
        rows = [json.loads(l) for l in raw.splitlines() if l.strip()]
    elif fmt == "csv":
        csv.field_size_limit(1 << 30)
        rows = list(csv.DictReader(io.StringIO(raw)))
    elif fmt == "json":
        rows = list(json.loads(raw).values())
    elif fmt == "lines":
        tgt = show(mirror, repo, commit, GOFIGURE_TARGET).split("\n")
        rows = [{"document": d, "summary": tgt[i] if i < len(tgt) else ""}
                for i, d in enumerate(raw.split("\n")) if d.strip()]
    elif fmt == "human":
        # A detector benchmark: keep the articles, never the machine texts.  Its copy
        # joined the lines without a space ("said.Users"): put the space back.
        rows = [{"document": re.sub(r'([a-z0-9][.?!]["\']?)(?=["A-Z])', r"\1 ", r["text"])}
                for r in json.loads(raw) if r.get("label") == "human"]
    else:
        rows = [{"document": d} for d in json.loads(raw)["original"]]
    for r in rows:
        body = r.get("document") or r.get("article") or r.get("input") or ""
        summary = (r.get("summary") or r.get("highlights") or
                   r.get("target") or r.get("summary_gt") or "")
        # H2O's prompt frame; LLM-Merging's trailing cue.
        body = re.sub(r"^###\s*Article:\s*", "", body)
        body = re.sub(r"\s*Summarize the above article in 1 sentence\.\s*$", "", body)
        body = re.sub(r"\s*A summary is\s*$", "", body)
        bbcid = str(r.get("id") or "") if name != "merging" else None
        bbcid = bbcid if bbcid and re.fullmatch(r"\d{6,9}", str(bbcid)) else None
        yield bbcid, squash(summary), squash(body)


def key(body, n=120):
    return re.sub(r"[^0-9a-z]", "", body.lower())[:n]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reader.py MIRROR_DIR")
    items = {}
    for name, repo, commit, path, fmt in SOURCES:
        # The benchmark's bodies start a few sentences in, so an article another
        # sample holds has another key: look its middle up in the bodies so far.
        seen = ("\0".join(key(it["body"], None) for it in items.values())
                if fmt == "human" else "")
        for row, (bbcid, summary, body) in enumerate(records(sys.argv[1], name, repo,
                                                             commit, path, fmt)):
            k = key(body)
            if len(k) < 40:
                continue
            if seen and re.sub(r"[^0-9a-z]", "", body.lower())[100:160] in seen:
                continue
            it = items.setdefault(k, {"bbcid": None, "src": "%s:%d" % (name, row),
                                      "summary": "", "body": ""})
            it["bbcid"] = it["bbcid"] or bbcid
            it["summary"] = it["summary"] or summary
            if len(body) > len(it["body"]):
                it["body"] = body
    # One BBC id, one item (a sample may have cut or re-wrapped the body differently).
    byid, out = {}, []
    for it in items.values():
        if it["bbcid"]:
            if it["bbcid"] in byid:
                continue
            byid[it["bbcid"]] = it
        out.append(it)
    out.sort(key=lambda it: (1, int(it["bbcid"]), "") if it["bbcid"] else (0, 0, it["src"]))
    for it in out:
        sys.stdout.write(json.dumps({"id": "xsum:" + (it["bbcid"] or it["src"]),
                                     "title": it["summary"], "text": cut(it["body"])},
                                    ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
