#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""webhook_recv.py: a webhook receiver for the relay tests, on 127.0.0.1.

Records every POST as one JSON line in --log: the answer it gave, the
time, the path, the headers (names lower-cased) and the body (base64, the
exact bytes).  Answers with the statuses of --script in turn, then 200:
"503,429:1,404,200" where CODE:N adds "Retry-After: N" and CODE:dateN a
Retry-After HTTP-date N seconds ahead.  --delay SECS waits before each
answer, so that a test can kill the relay with a request in flight.

usage: webhook_recv.py --port-file F --log F [--script S] [--delay SECS]
"""
import argparse
import base64
import email.utils
import http.server
import json
import os
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--script", default="")
    ap.add_argument("--delay", type=float, default=0)
    args = ap.parse_args()
    script = [s for s in args.script.split(",") if s]
    log = open(args.log, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n)
            step = script.pop(0) if script else "200"
            code, _, ra = step.partition(":")
            if args.delay:
                time.sleep(args.delay)
            self.send_response(int(code))
            if ra.startswith("date"):
                self.send_header("Retry-After", email.utils.formatdate(
                    time.time() + int(ra[4:]), usegmt=True))
            elif ra:
                self.send_header("Retry-After", ra)
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"ok\n")
            log.write(json.dumps({
                "t": time.time(), "status": int(code), "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": base64.b64encode(body).decode()}) + "\n")

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
