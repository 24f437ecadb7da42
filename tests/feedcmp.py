#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""feedcmp.py: two builds of sanctionctl over the same real feed documents.

Usage: feedcmp.py OLD_SANCTIONCTL NEW_SANCTIONCTL FILE...

A parser change must lose nothing on real feeds: every document goes
through both builds' `sanctionctl parse` and their items are compared
field by field, in order.  The key fields (id, link, title, published,
updated) must agree; the others (summary, content, author, categories,
enclosures) are counted and shown so that every change is a choice.
Exit status 1 when a key field differs or the item counts do not.
"""

import json
import subprocess
import sys

KEY = ("id", "link", "title", "published", "updated")
OTHER = ("summary", "content", "author", "categories", "enclosures")


def items(ctl, path):
    p = subprocess.run([ctl, "parse", path], capture_output=True)
    out = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        o = json.loads(line)
        if o.get("item") is not None:
            out.append(o["item"])
    return out


def short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 100 else s[:97] + "..."


def main():
    old, new, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    nitems = key_diff = 0
    other = {k: 0 for k in OTHER}
    for f in files:
        a, b = items(old, f), items(new, f)
        if len(a) != len(b):
            print("%s: %d items before, %d after" % (f, len(a), len(b)))
            key_diff += 1
            continue
        nitems += len(a)
        for i, (x, y) in enumerate(zip(a, b)):
            for k in KEY + OTHER:
                if x.get(k) == y.get(k):
                    continue
                if k in KEY:
                    key_diff += 1
                else:
                    other[k] += 1
                print("%s: item %d: %s: %s -> %s" % (f, i, k,
                                                    short(x.get(k)),
                                                    short(y.get(k))))
    print("%d documents, %d items; key fields (%s) differing: %d; "
          "other fields: %s" % (len(files), nitems, ", ".join(KEY), key_diff,
                                ", ".join("%s %d" % kv
                                          for kv in other.items())))
    sys.exit(1 if key_diff else 0)


if __name__ == "__main__":
    main()
