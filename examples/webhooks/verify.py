#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""verify.py: a minimal receiver for "sanctionctl relay --secret-file":
checks X-Sanctiond-Signature and prints each alert's seq and title.

    python3 verify.py SECRET_FILE [PORT]
    sanctionctl relay --webhook http://127.0.0.1:8080/ --secret-file SECRET_FILE
"""
import hashlib
import hmac
import http.server
import json
import sys

key = open(sys.argv[1], "rb").read()
if key.endswith(b"\n"):
    key = key[:-1]


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        want = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
        got = self.headers.get("X-Sanctiond-Signature", "")
        if not hmac.compare_digest(want, got):
            self.send_response(401)     # relay logs it and tries again
            self.end_headers()
            return
        ev = json.loads(body)
        print(self.headers["X-Sanctiond-Seq"],
              (ev.get("item") or {}).get("title", ev.get("state")),
              flush=True)
        self.send_response(204)
        self.end_headers()


http.server.HTTPServer(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2
                        else 8080), Hook).serve_forever()
