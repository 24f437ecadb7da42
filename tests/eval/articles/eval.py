#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""eval.py [-v] [--baseline] CTL DIR ...: sanctionctl article against the
reference texts of each collection DIR (NAME.html + NAME.txt, as the
readers write them).

Metric (the article-extraction-benchmark's): per page, the bag of word
tokens (lowercased maximal runs of letters and digits, Python's \\w+) of
the extracted text E and of the reference R; precision |E & R| / |E|,
recall |E & R| / |R| (multiset intersection), F1 their harmonic mean; an
empty E against a non-empty R scores 0, both empty 1.  The figures are
means over pages.  "shingle F1" is the same over the sets of 4-token
shingles (order matters there).  Pages are split by a hash of their name:
sha1(NAME) starting with 0-3 (a quarter) is the held-out part, never
looked at while tuning; "dev" is the rest.  --baseline also scores all
the visible text of each page (htmltext.py) for comparison.

A collection of NAME.html + NAME.json ({"with": [...], "without": [...]},
trafilatura's evaluation format) is scored as trafilatura scores it: a
"with" snippet found in the text (white space folded) is a true positive,
one missing a false negative; a "without" snippet found is a false
positive, one absent a true negative; precision, recall and F1 over the
collection's totals, and accuracy (TP + TN) / all."""
import collections
import hashlib
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htmltext import html_text  # noqa: E402

TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(s):
    return TOKEN.findall(s.lower())


def prf(ext, ref):
    if not ref:
        return (1.0, 1.0, 1.0) if not ext else (0.0, 1.0, 0.0)
    if not ext:
        return (1.0, 0.0, 0.0)
    common = sum((collections.Counter(ext) & collections.Counter(ref))
                 .values())
    p, r = common / len(ext), common / len(ref)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingles(t, k=4):
    return collections.Counter(tuple(t[i:i + k])
                               for i in range(max(1, len(t) - k + 1)))


def sprf(ext, ref):
    if not ref or not ext:
        return prf(ext, ref)
    e, r = shingles(ext), shingles(ref)
    common = sum((e & r).values())
    p, rc = common / sum(e.values()), common / sum(r.values())
    return p, rc, (2 * p * rc / (p + rc) if p + rc else 0.0)


def held_out(name):
    return hashlib.sha1(name.encode()).hexdigest()[0] in "0123"


def extract(ctl, paths):
    out = subprocess.run([ctl, "article"] + paths, capture_output=True)
    lines = out.stdout.decode("utf-8").splitlines()
    if len(lines) != len(paths):
        sys.exit("eval.py: %d pages, %d objects" % (len(paths), len(lines)))
    return [json.loads(x)["text"] for x in lines]


def fold(s):
    return " ".join(s.split())


def snippets(ctl, d, coll, names, verbose, baseline):
    texts = extract(ctl, [os.path.join(d, n + ".html") for n in names])
    tot = {}
    for n, t in zip(names, texts):
        with open(os.path.join(d, n + ".json")) as f:
            ref = json.load(f)
        parts = ["held-out" if held_out(n) else "dev"]
        if baseline:
            with open(os.path.join(d, n + ".html"), "rb") as f:
                vis = html_text(f.read().decode("utf-8", "replace"))
        for part, text in ((parts[0], t),) + (
                (("all-text " + parts[0], vis),) if baseline else ()):
            c = tot.setdefault(part, [0, 0, 0, 0])
            text = fold(text)
            tp = sum(1 for w in ref["with"] if fold(w) in text)
            fp = sum(1 for w in ref["without"] if fold(w) in text)
            c[0] += tp
            c[1] += len(ref["with"]) - tp
            c[2] += fp
            c[3] += len(ref["without"]) - fp
            if verbose and not part.startswith("all"):
                print("  %-8s with %d/%d without %d/%d %s" % (
                    part, tp, len(ref["with"]), fp, len(ref["without"]), n))
    for part in ("dev", "held-out", "all-text dev", "all-text held-out"):
        if part not in tot:
            continue
        tp, fn, fp, tn = tot[part]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print("%-12s %-8s snippets %5d  P %.3f  R %.3f  F1 %.3f  "
              "accuracy %.3f" % (coll, part, tp + fn + fp + tn, p, r, f,
                                 (tp + tn) / (tp + fn + fp + tn)))


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def report(coll, part, rows):
    if not rows:
        return
    p, r, f, sf = (mean([x[i] for x in rows]) for i in range(4))
    print("%-12s %-8s %4d pages  P %.3f  R %.3f  F1 %.3f  shingle F1 %.3f"
          % (coll, part, len(rows), p, r, f, sf))


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    baseline = "--baseline" in args
    args = [a for a in args if a not in ("-v", "--baseline")]
    ctl, dirs = args[0], args[1:]
    for d in dirs:
        coll = os.path.basename(d.rstrip("/"))
        snip = sorted(f[:-5] for f in os.listdir(d) if f.endswith(".html")
                      and os.path.exists(os.path.join(d, f[:-5] + ".json")))
        if snip:
            snippets(ctl, d, coll, snip, verbose, baseline)
            continue
        names = sorted(f[:-5] for f in os.listdir(d) if f.endswith(".html")
                       and os.path.exists(os.path.join(d, f[:-5] + ".txt")))
        if not names:
            print("%s: skipped (no pages in %s)" % (coll, d))
            continue
        texts = extract(ctl, [os.path.join(d, n + ".html") for n in names])
        rows = {"dev": [], "held-out": []}
        base = {"dev": [], "held-out": []}
        for n, t in zip(names, texts):
            with open(os.path.join(d, n + ".txt"), encoding="utf-8",
                      errors="replace") as f:
                ref = tokens(f.read())
            ext = tokens(t)
            part = "held-out" if held_out(n) else "dev"
            p, r, f1 = prf(ext, ref)
            rows[part].append((p, r, f1, sprf(ext, ref)[2]))
            if verbose:
                print("  %-8s %.3f P %.3f R %.3f %s" % (part, f1, p, r, n))
            if baseline:
                with open(os.path.join(d, n + ".html"), "rb") as f:
                    vis = tokens(html_text(f.read().decode("utf-8",
                                                           "replace")))
                p, r, f1 = prf(vis, ref)
                base[part].append((p, r, f1, sprf(vis, ref)[2]))
        for part in ("dev", "held-out"):
            report(coll, part, rows[part])
        if baseline:
            for part in ("dev", "held-out"):
                report(coll, "all-text " + part, base[part])


main()
