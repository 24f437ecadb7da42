#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for Wikipedia "Portal:Current events" daily summaries, as scraped into
per-day YAML files by github.com/ianrastall/current-events-context.

Usage: reader.py GIT_DIR [YEAR ...]   (or env WPCE_GIT_DIR); prints JSONL
{"id","title","text"} to stdout, one line per summary bullet.

Only the scraped Wikipedia bullets (Intelligence_Payload: category -> list of
strings) of files dated 2002-2025 are read; 2026 "deep context" files (LLM
expansions) are skipped. Bare topic headers (e.g. "2022 Russian invasion of
Ukraine", or several joined by commas) interleaved with the bullets are dropped:
a string is kept when it ends with sentence/citation punctuation or one of its
comma-separated parts has 10+ words.
id = wpce:YYYY-MM-DD:N where N is the 0-based position of the string among all
strings of that day's file (headers included), so ids are stable.
title = the bullet text (whitespace normalised); text = "".
"""
import json, os, re, subprocess, sys
import yaml

def git(gd, *a):
    return subprocess.run(['git', '--git-dir', gd, *a], capture_output=True,
                          text=True, check=True).stdout

END = tuple('.)!?"\'\u201d\u2019,')

def main():
    args = sys.argv[1:]
    gd = args.pop(0) if args else os.environ.get('WPCE_GIT_DIR')
    years = set(args)
    names = git(gd, 'ls-tree', '-r', 'HEAD', '--name-only').split()
    for n in sorted(names):
        m = re.fullmatch(r'(\d{4})/\d\d/(\d{4}-\d\d-\d\d)\.yaml', n)
        if not m or not ('2002' <= m.group(1) <= '2025'):
            continue
        if years and m.group(1) not in years:
            continue
        try:
            d = yaml.safe_load(git(gd, 'show', 'HEAD:' + n))
        except Exception:
            continue
        p = d.get('Intelligence_Payload') if isinstance(d, dict) else None
        if not isinstance(p, dict):
            continue
        i = 0
        for cat, items in p.items():
            for s in items or []:
                idx = i; i += 1
                if not isinstance(s, str):
                    continue
                t = ' '.join(s.split())
                if not t or not (t.endswith(END) or
                                 max(len(x.split()) for x in t.split(',')) >= 10):
                    continue
                print(json.dumps({'id': 'wpce:%s:%d' % (m.group(2), idx), 'title': t,
                                  'text': ''}, ensure_ascii=False))

if __name__ == '__main__':
    main()
