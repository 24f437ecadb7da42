#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""webhook_check.py: questions about a webhook_recv.py log, for relay.sh.

  seqs LOG            X-Sanctiond-Seq of each 2xx request, in order
  all-seqs LOG        the same for every request
  statuses LOG        the answer to each request
  bodies LOG          each 2xx body, one per line (the exact bytes)
  signed LOG SECRET   exit 0 when every request is signed right (HMAC-SHA256
                      of the exact body under SECRET's content, one
                      trailing newline dropped), JSON, and its seq header is
                      its body's seq
  unsigned LOG        exit 0 when no request has a signature header
  after LOG I         seconds between request I and request I+1
  shape LOG KIND      exit 0 when every request is a KIND (slack, teams,
                      ntfy) message with the event's seq in it
"""
import base64
import hashlib
import hmac
import json
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def body(r):
    return base64.b64decode(r["body"])


def ok(r):
    return 200 <= r["status"] < 300


def signed(reqs, secret_file):
    with open(secret_file, "rb") as f:
        key = f.read()
    if key.endswith(b"\n"):
        key = key[:-1]
    for r in reqs:
        h = r["headers"]
        mac = hmac.new(key, body(r), hashlib.sha256).hexdigest()
        if h.get("x-sanctiond-signature") != "sha256=" + mac:
            print("bad signature on seq", h.get("x-sanctiond-seq"))
            return False
        if h.get("content-type") != "application/json":
            return False
        if str(json.loads(body(r))["seq"]) != h.get("x-sanctiond-seq"):
            return False
    return True


def shape(r, kind):
    h = r["headers"]
    seq = h.get("x-sanctiond-seq")
    b = body(r)
    if kind == "ntfy":
        text = b.decode()
        return (h.get("content-type", "").startswith("text/plain") and
                h.get("title", "") != "" and "seq " + seq in text and
                "\n" not in h["title"])
    if h.get("content-type") != "application/json":
        return False
    o = json.loads(b)
    if kind == "slack":
        return (set(o) == {"text"} and isinstance(o["text"], str) and
                ("seq " + seq) in o["text"])
    att = o.get("attachments")
    if o.get("type") != "message" or not isinstance(att, list) or \
            len(att) != 1:
        return False
    a = att[0]
    card = a.get("content", {})
    texts = [b.get("text", "") for b in card.get("body", [])
             if b.get("type") == "TextBlock"]
    return (a.get("contentType") ==
            "application/vnd.microsoft.card.adaptive" and
            card.get("type") == "AdaptiveCard" and
            card.get("version") and len(texts) >= 2 and
            any(("seq " + seq) in t for t in texts))


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    reqs = load(path)
    if cmd == "seqs":
        print(" ".join(r["headers"]["x-sanctiond-seq"] for r in reqs
                       if ok(r)))
    elif cmd == "all-seqs":
        print(" ".join(r["headers"]["x-sanctiond-seq"] for r in reqs))
    elif cmd == "statuses":
        print(" ".join(str(r["status"]) for r in reqs))
    elif cmd == "bodies":
        out = sys.stdout.buffer
        for r in reqs:
            if ok(r):
                out.write(body(r) + b"\n")
    elif cmd == "signed":
        sys.exit(0 if reqs and signed(reqs, sys.argv[3]) else 1)
    elif cmd == "unsigned":
        sys.exit(0 if reqs and all("x-sanctiond-signature" not in
                                   r["headers"] for r in reqs) else 1)
    elif cmd == "after":
        i = int(sys.argv[3])
        print("%.2f" % (reqs[i + 1]["t"] - reqs[i]["t"]))
    elif cmd == "shape":
        sys.exit(0 if reqs and all(shape(r, sys.argv[3]) for r in reqs)
                 else 1)
    else:
        sys.exit("webhook_check.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
