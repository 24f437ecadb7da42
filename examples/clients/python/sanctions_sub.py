#!/usr/bin/env python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""sanctions_sub.py: subscribe to sanctiond's events, print each one once.

    sanctions_sub.py [-e ENDPOINT] [-r ENDPOINT] [-t PREFIX ...] [--since SEQ]
                     [--json] [--key FILE --server-key KEY|FILE]

Every event is two frames, a topic and a JSON object carrying "seq", one
counter per daemon.  A jump in seq means we missed events (the daemon
restarted, our connection dropped, a queue overflowed); we then ask the
daemon's replay endpoint for what lies between, with the same topic
prefixes, before printing the event that showed the gap.  This is what
"sanctionctl sub" does (ctl/ctl_sub.c); the replay protocol is in the
daemon's README.md.  Needs pyzmq (Debian: python3-zmq).
"""
import argparse
import json
import signal
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

REPLAY_TIMEOUT_MS = 3000   # a replay endpoint that is down must not hang us
REPLAY_RETRY_SECS = 30     # ... nor slow every event down while it is


def warn(msg):
    print("sanctions_sub: " + msg, file=sys.stderr, flush=True)


def read_keyfile(path):
    """The (public, secret) Z85 keys of a "sanctionctl keygen" file:
    "# comment", "public = KEY" and "secret = KEY" lines."""
    keys = {}
    with open(path) as f:
        for line in f:
            name, eq, value = line.partition("=")
            if eq and name.strip() in ("public", "secret"):
                keys[name.strip()] = value.strip().encode()
    if len(keys.get("public", b"")) != 40:
        sys.exit("sanctions_sub: %s: no valid public key line" % path)
    return keys["public"], keys.get("secret")


def printable(text):
    """Feeds are hostile: no escape sequence of theirs reaches a terminal."""
    return "".join(c if c.isprintable() else "?" for c in str(text))


class Subscriber:
    def __init__(self, args):
        self.args = args
        self.topics = args.topic if args.topic is not None else ["sanctions."]
        self.last = args.since if args.since is not None else -1
        self.publisher = None
        self.replay_retry = 0.0   # while the replay endpoint is down
        self.ctx = zmq.Context()
        self.curve = None
        if args.key or args.server_key:
            if not (args.key and args.server_key):
                sys.exit("sanctions_sub: CURVE needs both --key and "
                         "--server-key")
            public, secret = read_keyfile(args.key)
            server = args.server_key.encode()
            if len(server) != 40:    # not a key: a key file holding it
                server = read_keyfile(args.server_key)[0]
            self.curve = (server, public, secret)

        # Subscribe first, then replay: nothing falls between the two.
        self.sub = self.socket(zmq.SUB)
        self.sub.setsockopt(zmq.RCVHWM, 100000)
        for t in self.topics:
            self.sub.setsockopt(zmq.SUBSCRIBE, t.encode())
        # Each (re)connection may follow events published while we were
        # away: the monitor tells us when to ask the replay endpoint.
        self.mon = self.sub.get_monitor_socket(zmq.EVENT_CONNECTED)
        self.sub.connect(args.endpoint)
        self.replay_ep = args.replay or replay_default(args.endpoint)
        self.rep = None
        self.replay_connect()

    def socket(self, kind):
        s = self.ctx.socket(kind)
        s.setsockopt(zmq.LINGER, 0)
        if self.curve is not None:
            s.curve_serverkey, s.curve_publickey, s.curve_secretkey = \
                self.curve
        return s

    def replay_connect(self):
        # A fresh DEALER each time: a late answer to a request we gave up
        # on must not be read as the answer to the next one.
        if self.rep is not None:
            self.rep.close()
        self.rep = self.socket(zmq.DEALER)
        self.rep.connect(self.replay_ep)

    def check_publisher(self, event):
        # Another publisher id is another state file: its seq starts anew.
        pub = event.get("publisher")
        if pub is None:
            return
        if self.publisher is not None and pub != self.publisher:
            warn("publisher changed (%s, was %s): following its events "
                 "from seq 1" % (pub, self.publisher))
            self.last = 0
        self.publisher = pub

    def deliver(self, topic, body):
        """Print one event, live or replayed, unless we printed it."""
        try:
            event = json.loads(body)
            seq = int(event["seq"])
        except (ValueError, KeyError, TypeError):
            warn("event without a seq ignored")
            return
        self.check_publisher(event)
        if seq <= self.last:
            return
        self.last = seq
        if self.args.json:
            print(body.decode(errors="replace"), flush=True)
        elif event.get("type") == "item":
            item = event.get("item", {})
            print("%d  %s  %s  %s" % (seq, printable(topic.decode()),
                  printable(item.get("title", "")),
                  printable(item.get("link", ""))), flush=True)
        else:
            feed = event.get("feed", {})
            print("%d  %s  %s: %s" % (seq, printable(topic.decode()),
                  printable(feed.get("name", "")),
                  printable(event.get("message", ""))), flush=True)

    def catch_up(self):
        """Everything stored after self.last that our prefixes take, in
        batches: ask again from "last" while the reply says "more"."""
        if time.monotonic() < self.replay_retry:
            return
        more = True
        while more:
            req = {"since": self.last, "topics": self.topics}
            self.rep.send(json.dumps(req).encode())
            if not self.rep.poll(REPLAY_TIMEOUT_MS):
                warn("replay endpoint %s did not answer: events after seq "
                     "%d may be missing" % (self.replay_ep, self.last))
                self.replay_connect()
                self.replay_retry = time.monotonic() + REPLAY_RETRY_SECS
                return
            # One multipart reply: topic, JSON per event; "", end object.
            frames = self.rep.recv_multipart()
            for topic, body in zip(frames[0:-2:2], frames[1:-2:2]):
                self.deliver(topic, body)
            end = json.loads(frames[-1]) if len(frames) >= 2 else {}
            if not end.get("end"):
                warn("replay endpoint %s: %s" % (self.replay_ep,
                     end.get("error", "a reply without an end")))
                return
            self.check_publisher(end)
            # Everything up to "last" that we asked for has come.
            self.last = max(self.last, end["last"])
            more = end.get("more", False)

    def live(self):
        frames = self.sub.recv_multipart()
        if len(frames) < 2:
            return      # not an event of ours
        topic, body = frames[:2]
        try:
            event = json.loads(body)
            seq = int(event["seq"])
            self.check_publisher(event)
        except (ValueError, KeyError, TypeError):
            seq = -1
        # A gap: fetch what lies between before printing this one.
        if self.last >= 0 and seq > self.last + 1:
            self.catch_up()
        self.deliver(topic, body)

    def run(self):
        if self.last >= 0:
            self.catch_up()
        poller = zmq.Poller()
        poller.register(self.sub, zmq.POLLIN)
        poller.register(self.mon, zmq.POLLIN)
        while True:
            ready = dict(poller.poll(1000))
            if self.mon in ready:
                ev = recv_monitor_message(self.mon)
                if ev["event"] == zmq.EVENT_CONNECTED and self.last >= 0:
                    self.catch_up()
            if self.sub in ready:
                self.live()


def replay_default(endpoint):
    """The daemon's default replay endpoint: the publish port plus one."""
    host, _, port = endpoint.rpartition(":")
    if not endpoint.startswith("tcp://") or not port.isdigit():
        sys.exit("sanctions_sub: cannot derive a replay endpoint from %s: "
                 "give -r" % endpoint)
    return "%s:%d" % (host, int(port) + 1)


def main():
    p = argparse.ArgumentParser(description="Print sanctiond's events, "
                                "each once, filling gaps from replay.")
    p.add_argument("-e", dest="endpoint", default="tcp://127.0.0.1:7750",
                   help="publish endpoint (default %(default)s)")
    p.add_argument("-r", dest="replay",
                   help="replay endpoint (default: the -e port plus one)")
    p.add_argument("-t", dest="topic", action="append",
                   help="topic prefix, repeatable (default sanctions., the "
                   "alerts; '' for everything)")
    p.add_argument("--since", type=int, metavar="SEQ",
                   help="first replay the stored events after SEQ")
    p.add_argument("--json", action="store_true",
                   help="print each event's JSON as published")
    p.add_argument("--key", metavar="FILE",
                   help="our CURVE key pair (sanctionctl keygen)")
    p.add_argument("--server-key", metavar="KEY|FILE",
                   help="the daemon's CURVE public key, or its key file")
    # A Z85 key may begin with "-", which argparse takes for an option:
    # "--server-key VALUE" is read as "--server-key=VALUE".
    argv, i = [], 1
    while i < len(sys.argv):
        if sys.argv[i] in ("--server-key", "--key") and i + 1 < len(sys.argv):
            argv.append(sys.argv[i] + "=" + sys.argv[i + 1])
            i += 2
        else:
            argv.append(sys.argv[i])
            i += 1
    args = p.parse_args(argv)
    if args.since is not None and args.since < 0:
        p.error("--since: not a seq")
    # SIGTERM ends us as ^C does, without a traceback.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        Subscriber(args).run()
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:     # our reader went away (| head)
        sys.stderr.close()


if __name__ == "__main__":
    main()
