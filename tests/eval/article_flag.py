#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""article_flag.py: the daemon's fetch_article = flagged rule measured on
the labelled real sets.  For each set present, build/tests/candump gives
every item's text length and classifier gate; the labels say which are
relevant and which announcements (an item without a label line is a
negative, as in make eval).  Printed per rule: of the short items, the
share of relevant and of announcement items flagged (recall) and the share
of all items fetched (cost).

usage: tests/eval/article_flag.py [SHORT_BYTES]"""
import os, subprocess, sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
corpora = os.environ.get("SANCTIOND_CORPORA", os.path.join(top, "..", "corpora"))
short = int(sys.argv[1]) if len(sys.argv) > 1 else 400
sets = []
for line in open(os.path.join(top, "tests/eval/sets.txt")):
    f = line.split()
    if not f or f[0].startswith("#") or f[2] == "-":
        continue
    path = f[1].replace("$SANCTIOND_CORPORA", corpora)
    if not os.path.isabs(path):
        path = os.path.join(top, path)
    if os.path.exists(path):
        sets.append((f[0], path, [os.path.join(top, l) for l in f[2].split(",")]))
rules = {
    "word":        lambda g, r, s: g >= 1,
    "core":        lambda g, r, s: g >= 2,
    "statecraft":  lambda g, r, s: g >= 3,
    "score>=0.05": lambda g, r, s: r or s >= 0.05,
    "relevant":    lambda g, r, s: r,
}
tot = {k: [0, 0, 0, 0] for k in rules}	# flagged rel, flagged ann, flagged, -
base = [0, 0, 0, 0, 0]	# items, short, short rel, short ann, all rel
for name, path, labfiles in sets:
    lab = {}
    for lf in labfiles:
        for l in open(lf):
            c = l.rstrip("\n").split("\t")
            if c[0] == "id" or len(c) < 3:
                continue
            lab[c[0]] = (c[1] == "1", c[2] == "1")
    out = subprocess.run([os.path.join(top, "build/tests/candump"), "-d",
        os.path.join(top, "parsers/data"), path], capture_output=True,
        text=True, check=True).stdout
    for l in out.splitlines():
        i, n, g, r, s = l.split("\t")
        rel, ann = lab.get(i, (False, False))
        base[0] += 1
        base[4] += rel
        if int(n) >= short:
            continue
        base[1] += 1
        base[2] += rel
        base[3] += ann
        for k, f in rules.items():
            if f(int(g), r == "1", float(s)):
                t = tot[k]
                t[0] += rel
                t[1] += ann
                t[2] += 1
print("%d items in %d sets; %d with feed text under %d bytes (%d relevant, "
      "%d announcements)" % (base[0], len(sets), base[1], short, base[2], base[3]))
for k, t in tot.items():
    print("%-12s relevant recall %.3f  announcement recall %.3f  fetched %d "
          "(%.2f%% of all items, %.2f%% of short ones)" % (k,
          t[0] / max(base[2], 1), t[1] / max(base[3], 1), t[2],
          100 * t[2] / base[0], 100 * t[2] / max(base[1], 1)))
