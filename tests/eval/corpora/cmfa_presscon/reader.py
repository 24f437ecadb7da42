#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""Reader for the English transcripts of the Chinese Foreign Ministry
spokesperson's regular press conferences (fmprc.gov.cn, 2018-2020) kept in the
Scrapy HTTP cache committed to github.com/cwang23/china_fm (commit
5048bc297a11e7477dfadf325e06a745de7041ad; the cache was removed later).

Usage: reader.py GIT_DIR > cmfa_presscon.jsonl

Each transcript is split into items: item 0 = the spokesperson's opening
announcements (text before the first question), item N = the N-th question
with its answer.  Questions start with "Q:" up to early 2020 and with the
outlet's name ("CCTV:", "Reuters:") afterwards, answers with "A:" or the
spokesperson's name.  ids "cmfa:tPAGEID:N" (PAGEID = fmprc page number t1617471 etc.).
JSON fields: id, title (question, or the conference title for item 0), text
(the dyad, cut to ~2,000 characters), date (from the conference title), link.
"""
import ast
import html
import json
import re
import subprocess
import sys

COMMIT = "5048bc297a11e7477dfadf325e06a745de7041ad"
MAX = 2000
SPOX = "Zhao Lijian|Hua Chunying|Geng Shuang|Lu Kang|Wang Wenbin"


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True,
                          capture_output=True).stdout


def clean(fragment):
    s = re.sub(r"<script.*?</script>", " ", fragment, flags=re.S | re.I)
    s = re.sub(r"<style.*?</style>", " ", s, flags=re.S | re.I)
    s = re.sub(r"<br\s*/?>|</p>|</li>|</div>", "\n", s, flags=re.I)
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    s = re.sub(r"[ \t\r\f\v\u00a0\u3000]+", " ", s)
    s = re.sub(r" *\n[ \n]*", "\n", s).strip()
    return s


def cut(text, n=MAX):
    if len(text) <= n:
        return text
    t = text[:n]
    sp = t.rfind(" ")
    return (t[:sp] if sp > n - 200 else t) + " ..."


def items_of(url, body):
    m = re.search(r'<h2 class="title">(.*?)</h2>', body, re.S)
    ctitle = clean(m.group(1)) if m else ""
    d = re.search(r"on ([A-Z][a-z]+ \d{1,2}, \d{4})", ctitle)
    date = d.group(1) if d else ""
    i = body.find('<div class="content">')
    if i < 0:
        return []
    j = body.find('<div id="News_Body_Txt_B"', i)
    k = body.find('class="newsBd"', i)
    end = min([x for x in (j, k) if x > 0] or [len(body)])
    text = clean(body[i:end])
    # drop trailing page furniture
    text = re.split(r"\n(?:Suggest To A Friend|Print)\b", text)[0]
    if re.search(r"(?m)^Q ?[:：]", text):
        parts = re.split(r"\n(?=Q ?[:：])", "\n" + text)
    else:
        # 2020 layout: "Outlet: question" / "Spokesperson: answer" paragraphs
        parts = re.split(r"\n(?=(?!(?:%s)[:：])[A-Z][\w .,'&()-]{1,60}[:：] )" % SPOX,
                         "\n" + text)
    pid = re.search(r"/(t\d+)\.shtml", url).group(1)
    out = []
    for n, p in enumerate(parts):
        p = p.strip()
        if not p:
            continue
        if n == 0:
            title = ctitle
        else:
            q = re.split(r"\n(?:A|%s) ?[:：]" % SPOX, p, 1)[0]
            q = re.sub(r"^(?:Q|[A-Z][\w .,'&()-]{1,60}) ?[:：]\s*", "", q)
            title = cut(q.replace("\n", " "), 300)
        out.append({"id": "cmfa:%s:%d" % (pid, n), "title": title,
                    "text": cut(p.replace("\n", " ")), "date": date,
                    "link": url})
    return out


def main(gitdir):
    names = git(gitdir, "ls-tree", "-r", "--name-only", COMMIT).decode().split("\n")
    allitems = []
    for name in names:
        if not name.endswith("/meta"):
            continue
        meta = ast.literal_eval(git(gitdir, "show", COMMIT + ":" + name).decode())
        url = meta["url"]
        if "/mfa_eng/" not in url or not re.search(r"/t\d+\.shtml$", url):
            continue
        body = git(gitdir, "show", COMMIT + ":" + name[:-4] + "response_body")
        allitems.extend(items_of(url, body.decode("utf-8", "replace")))
    seen = set()
    def key(it):
        pid, n = it["id"].split(":")[1:]
        return (int(pid[1:]), int(n))
    for it in sorted(allitems, key=key):
        if it["id"] in seen:
            continue
        seen.add(it["id"])
        sys.stdout.write(json.dumps(it, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
