#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""conformance.py: feedparser's well-formed test cases through sanctionctl.

Usage: conformance.py SANCTIONCTL FEEDPARSER_DIR

FEEDPARSER_DIR is a checkout (or git directory) of kurtmckee/feedparser.
Each tests/wellformed/**/*.xml carries its expectation in a comment,
"Expect: <Python expression over feedparser's result>".  The document goes
through `sanctionctl parse`; its JSON is mapped to feedparser's names and
the expression is evaluated against that.

The comparison is plain text: sanctiond promises plain-text fields, so both
sides of a string comparison are normalised the same way (tags removed,
HTML entities decoded, tags removed again, white space folded).

An expectation about a field sanctiond does not produce (title_detail's
type, links, subtitle, feed-level author, ...) is skipped, and so is one
that is not a plain comparison over the result; the skips are counted.
A title, summary or content that is empty as text is left out of our JSON;
it reads as "" here.  feedparser copies an entry's content into its summary
when there is no summary (_end_content); the entry's summary reads the same
way here.  Tags are removed as a reader sees the text: a block element (the
list in parsers/text.c) separates words, an inline one does not, so
"<mi>a</mi><mo>+</mo>" is "a+" on both sides.
"Core" is rss/, rdf/ and atom10/ (Atom 0.3, atom/, shown beside them).

Beside the comparison, every sanitize/ document (expectation or not) is
checked for what the plain-text contract forbids: markup that would act if
the text were pasted into a page (a script, iframe, object, embed, applet,
meta, link, style, frame, form or base tag, an on*= handler, a javascript:
or vbscript: URL) in any text field we print.
"""

import calendar
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time


class Skip(Exception):
    pass


TAG = re.compile(r"<([A-Za-z/!?])/?([A-Za-z0-9]*)[^>]*>")
SPACE = re.compile(r"\s+")
# parsers/text.c's block elements: they separate words.
BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd",
         "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "ol", "p",
         "pre", "section", "table", "td", "th", "tr", "ul"}


def untag(m):
    name = (m.group(1) + m.group(2)).lstrip("/").lower()
    return " " if name in BLOCK or not name.isalnum() else ""


def norm(s):
    s = TAG.sub(untag, s)
    s = html.unescape(s)
    s = TAG.sub(untag, s)
    return SPACE.sub(" ", s).strip()


class PStr(str):
    """A string compared as plain text."""

    def __eq__(self, other):
        if isinstance(other, str):
            return norm(str(self)) == norm(other)
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = str.__hash__


class FPDict(dict):
    """Known keys read as feedparser would; unknown ones skip the case."""

    def __init__(self, known, values):
        super().__init__(values)
        self.known = known

    def _check(self, k):
        if k not in self.known:
            raise Skip(k)

    def __getitem__(self, k):
        self._check(k)
        if k in TEXT and not super().__contains__(k):
            return PStr("")	# an empty text field is left out
        if k in DETAIL and not super().__contains__(k):
            return detail("")
        if k == "content" and not super().__contains__(k):
            return [detail("")]
        return super().__getitem__(k)

    def get(self, k, d=None):
        self._check(k)
        return super().get(k, d)

    def __contains__(self, k):
        self._check(k)
        return super().__contains__(k)


def wrap(v):
    return PStr(v) if isinstance(v, str) else v


def detail(v):
    return FPDict({"value"}, {"value": wrap(v)})


TEXT = {"title", "summary", "description"}
DETAIL = {"title_detail", "summary_detail"}
ITEM_KNOWN = {"title", "title_detail", "link", "summary", "summary_detail",
              "description", "content", "author", "id", "guid", "tags",
              "published_parsed", "updated_parsed", "enclosures"}
FEED_KNOWN = {"title", "title_detail", "link"}


def parsed(s):
    if s is None:
        return None
    return time.gmtime(calendar.timegm(time.strptime(s,
                                                     "%Y-%m-%dT%H:%M:%SZ")))


def entry_of(it):
    d = {}
    for k in ("title", "link", "author", "id", "summary"):
        if it.get(k) is not None:
            d[k] = wrap(it[k])
    if "summary" not in d and it.get("content") is not None:
        d["summary"] = wrap(it["content"])	# as feedparser copies it
    if "title" in d:
        d["title_detail"] = detail(d["title"])
    if "summary" in d:
        d["description"] = d["summary"]
        d["summary_detail"] = detail(d["summary"])
    if "id" in d:
        d["guid"] = d["id"]
    if it.get("content") is not None:
        d["content"] = [detail(it["content"])]
    if it.get("categories"):
        d["tags"] = [FPDict({"term"}, {"term": wrap(c)})
                     for c in it["categories"]]
    for k in ("published", "updated"):
        if it.get(k) is not None:
            d[k + "_parsed"] = parsed(it[k])
    if it.get("enclosures"):
        d["enclosures"] = [FPDict({"href", "type", "length"}, {
            "href": wrap(e.get("url")), "type": wrap(e.get("type")),
            "length": None if e.get("length") is None
            else str(e["length"])}) for e in it["enclosures"]]
    return FPDict(ITEM_KNOWN, d)


EXPECT = re.compile(r"Expect:\s*(.*)")


def expectation(path):
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    m = EXPECT.search(head)
    return m.group(1).strip() if m else None


DANGER = re.compile(r"<\s*/?\s*(script|iframe|object|embed|applet|meta|link|"
                    r"style|frame|frameset|form|base)\b|\bon[a-z]+\s*=|"
                    r"(java|vb)script\s*:", re.I)


def texts(o):
    """The text fields of one output line."""
    out = [o["feed"].get("title") or ""]
    it = o.get("item") or {}
    out += [it.get(k) or "" for k in ("title", "summary", "content",
                                      "author")]
    return out + list(it.get("categories") or [])


def run(ctl, files, wf):
    """Parse files: {file: (feed, [items], bozo, danger)}."""
    res = {f: [FPDict(FEED_KNOWN, {}), [], False, False] for f in files}
    plain = [f for f in files if "http" not in f]
    runs = [(None, plain)] if plain else []
    # feedparser's runner serves these at their path on 127.0.0.1:8097
    # (tests/helpers.py) and reads them from there: --url does the same.
    runs += [("http://127.0.0.1:8097/tests/wellformed/" +
              os.path.relpath(f, wf), [f]) for f in files if "http" in f]
    for url, part in runs:
        read(ctl, url, part, res)
    return res


def read(ctl, url, files, res):
    p = subprocess.run([ctl, "parse"] + (["--url", url] if url else []) +
                       files, capture_output=True)
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        r = res.get(files[0] if url else o["feed"]["url"])
        if r is None:
            continue
        if any(DANGER.search(t) for t in texts(o)):
            r[3] = True
        fd = {}
        for k in ("title", "link"):
            if o["feed"].get(k) is not None:
                fd[k] = wrap(o["feed"][k])
        if "title" in fd:
            fd["title_detail"] = detail(fd["title"])
        r[0] = FPDict(FEED_KNOWN, fd)
        if o.get("item") is not None:
            r[1].append(entry_of(o["item"]))
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        for f in files:
            if line.startswith("sanctionctl: " + f + ":"):
                res[f][2] = True


def evaluate(expr, feed, entries, bozo):
    if "feed" not in expr and "entries" not in expr:
        raise Skip("checks nothing we produce")	# "Expect: 1"
    env = {"feed": feed, "entries": entries, "bozo": bozo,
           "__builtins__": {"len": len, "True": True, "False": False,
                            "None": None, "u": str}}
    try:
        return bool(eval(expr, env))
    except Skip:
        raise
    except (NameError, AttributeError, TypeError, SyntaxError):
        raise Skip("not a plain comparison")
    except (KeyError, IndexError):
        return False


def main():
    ctl, top = sys.argv[1], sys.argv[2]
    tmp = None
    wf = os.path.join(top, "tests", "wellformed")
    if not os.path.isdir(wf):
        # A git directory (a bare mirror): take the tests out of HEAD.
        tmp = tempfile.mkdtemp(prefix="conformance.")
        arch = subprocess.run(["git", "--git-dir=" + top, "archive", "HEAD",
                               "tests/wellformed"], capture_output=True,
                              check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=arch, check=True)
        wf = os.path.join(tmp, "tests", "wellformed")
    groups = {}
    for d in sorted(os.listdir(wf)):
        files = []
        for root, _, names in os.walk(os.path.join(wf, d)):
            files += [os.path.join(root, n) for n in sorted(names)
                      if n.endswith(".xml")]
        groups[d] = files
    core = ("rss", "rdf", "atom10")
    total = {"right": 0, "run": 0, "skip": 0}
    coret = {"right": 0, "run": 0, "skip": 0}
    fails = []
    print("%-16s %6s %6s %7s %6s" % ("format", "right", "run", "share",
                                      "skip"))
    danger = []
    nsan = 0
    for d, files in groups.items():
        res = run(ctl, files, wf)
        if d == "sanitize":
            nsan = len(files)
            danger = [os.path.relpath(f, wf) for f in files if res[f][3]]
        right = n = skip = 0
        for f in files:
            e = expectation(f)
            if e is None:
                continue
            feed, entries, bozo, _ = res[f]
            try:
                ok = evaluate(e, feed, entries, bozo)
            except Skip:
                skip += 1
                continue
            n += 1
            right += ok
            if not ok:
                fails.append((d, os.path.relpath(f, wf), e))
        share = 100.0 * right / n if n else 0.0
        print("%-16s %6d %6d %6.1f%% %6d" % (d, right, n, share, skip))
        for t in [total] + ([coret] if d in core else []):
            t["right"] += right
            t["run"] += n
            t["skip"] += skip
    for name, t in (("core", coret), ("all", total)):
        print("%-16s %6d %6d %6.1f%% %6d" % (
            name, t["right"], t["run"],
            100.0 * t["right"] / t["run"] if t["run"] else 0.0, t["skip"]))
    print("sanitize/ documents with dangerous markup in a text field: "
          "%d of %d" % (len(danger), nsan))
    for f in danger:
        print("DANGER %s" % f)
    if os.environ.get("VERBOSE"):
        for d, f, e in fails:
            print("FAIL %s: %s" % (f, e))
    if tmp is not None:
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
