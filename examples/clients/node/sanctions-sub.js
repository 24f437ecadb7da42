#!/usr/bin/env node
// SPDX-License-Identifier: ISC
// sanctions-sub.js: subscribe to sanctiond's events, print each one once.
//
//   sanctions-sub.js [-e ENDPOINT] [-r ENDPOINT] [-t PREFIX ...] [--since SEQ]
//                    [--json] [--key FILE --server-key KEY|FILE]
//
// Every event is two frames, a topic and a JSON object carrying "seq", one
// counter per daemon.  A jump in seq means we missed events (the daemon
// restarted, our connection dropped, a queue overflowed); we then ask the
// daemon's replay endpoint for what lies between, with the same topic
// prefixes, before printing the event that showed the gap.  This is what
// "sanctionctl sub" does (ctl/ctl_sub.c); the replay protocol is in the
// daemon's README.md.  Needs the zeromq package, v6 (npm ci).
"use strict"

const fs = require("fs")
const { parseArgs } = require("util")
const zmq = require("zeromq")

const REPLAY_TIMEOUT_MS = 3000 // a replay endpoint that is down must not hang us
const REPLAY_RETRY_MS = 30000 // ... nor slow every event down while it is

function warn(msg) {
  process.stderr.write(`sanctions-sub: ${msg}\n`)
}

function die(msg) {
  warn(msg)
  process.exit(2)
}

// The {public, secret} Z85 keys of a "sanctionctl keygen" file:
// "# comment", "public = KEY" and "secret = KEY" lines.
function readKeyfile(path) {
  const keys = {}
  for (const line of fs.readFileSync(path, "utf8").split("\n")) {
    const m = /^\s*(public|secret)\s*=\s*(\S+)\s*$/.exec(line)
    if (m) keys[m[1]] = m[2]
  }
  if (!keys.public || keys.public.length !== 40)
    die(`${path}: no valid public key line`)
  return keys
}

// Feeds are hostile: no escape sequence of theirs reaches a terminal.
function printable(text) {
  return String(text ?? "").replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "?")
}

// The daemon's default replay endpoint: the publish port plus one.
function replayDefault(endpoint) {
  const m = /^(tcp:\/\/.*):(\d+)$/.exec(endpoint)
  if (!m) die(`cannot derive a replay endpoint from ${endpoint}: give -r`)
  return `${m[1]}:${Number(m[2]) + 1}`
}

class Subscriber {
  constructor(opts) {
    this.opts = opts
    this.topics = opts.topic ?? ["sanctions."]
    this.last = opts.since ?? -1
    this.publisher = null
    this.replayRetry = 0 // while the replay endpoint is down
    this.curve = {}
    if (opts.key || opts["server-key"]) {
      if (!opts.key || !opts["server-key"])
        die("CURVE needs both --key and --server-key")
      const mine = readKeyfile(opts.key)
      let server = opts["server-key"]
      if (server.length !== 40) server = readKeyfile(server).public
      this.curve = {
        curveServerKey: server,
        curvePublicKey: mine.public,
        curveSecretKey: mine.secret,
      }
    }
    // One thing at a time: a replay and a live event must not interleave.
    this.chain = Promise.resolve()

    // Subscribe first, then replay: nothing falls between the two.
    this.sub = new zmq.Subscriber({
      linger: 0,
      receiveHighWaterMark: 100000,
      ...this.curve,
    })
    for (const t of this.topics) this.sub.subscribe(t)
    // Each (re)connection may follow events published while we were away.
    this.sub.events.on("connect", () => {
      if (this.last >= 0) this.serial(() => this.catchUp())
    })
    this.sub.connect(opts.endpoint)
    this.replayEp = opts.replay ?? replayDefault(opts.endpoint)
    this.rep = null
    this.replayConnect()
  }

  serial(fn) {
    this.chain = this.chain.then(fn)
    return this.chain
  }

  // A fresh DEALER each time: a late answer to a request we gave up on
  // must not be read as the answer to the next one.
  replayConnect() {
    if (this.rep) this.rep.close()
    this.rep = new zmq.Dealer({
      linger: 0,
      sendTimeout: REPLAY_TIMEOUT_MS,
      receiveTimeout: REPLAY_TIMEOUT_MS,
      ...this.curve,
    })
    this.rep.connect(this.replayEp)
  }

  // Another publisher id is another state file: its seq starts anew.
  checkPublisher(event) {
    const pub = event.publisher
    if (pub == null) return
    if (this.publisher != null && pub !== this.publisher) {
      warn(`publisher changed (${pub}, was ${this.publisher}): ` +
        "following its events from seq 1")
      this.last = 0
    }
    this.publisher = pub
  }

  // Print one event, live or replayed, unless we printed it.
  deliver(topic, body) {
    let event
    try {
      event = JSON.parse(body.toString())
    } catch {
      event = {}
    }
    if (!Number.isInteger(event.seq)) return warn("event without a seq ignored")
    this.checkPublisher(event)
    if (event.seq <= this.last) return
    this.last = event.seq
    let line
    if (this.opts.json) {
      line = body.toString()
    } else if (event.type === "item") {
      const item = event.item ?? {}
      line = [event.seq, topic, item.title, item.link].map(printable)
        .join("  ")
    } else {
      const feed = event.feed ?? {}
      line = [event.seq, topic, `${feed.name}: ${event.message ?? ""}`]
        .map(printable).join("  ")
    }
    process.stdout.write(line + "\n")
  }

  // Everything stored after this.last that our prefixes take, in batches:
  // ask again from "last" while the reply says "more".
  async catchUp() {
    if (Date.now() < this.replayRetry) return
    for (let more = true; more;) {
      let frames
      try {
        await this.rep.send(JSON.stringify({
          since: this.last,
          topics: this.topics,
        }))
        frames = await this.rep.receive()
      } catch (err) {
        if (err.code !== "EAGAIN") throw err
        warn(`replay endpoint ${this.replayEp} did not answer: events ` +
          `after seq ${this.last} may be missing`)
        this.replayConnect()
        this.replayRetry = Date.now() + REPLAY_RETRY_MS
        return
      }
      // One multipart reply: topic, JSON per event; "", end object.
      let i = 0
      for (; i + 1 < frames.length && frames[i].length > 0; i += 2)
        this.deliver(frames[i], frames[i + 1])
      let end = {}
      try {
        end = JSON.parse(frames[i + 1].toString())
      } catch {}
      if (end.end !== true) {
        warn(`replay endpoint ${this.replayEp}: ` +
          (end.error ?? "a reply without an end"))
        return
      }
      this.checkPublisher(end)
      // Everything up to "last" that we asked for has come.
      this.last = Math.max(this.last, end.last)
      more = end.more === true
    }
  }

  async live(topic, body) {
    let seq = -1
    try {
      const event = JSON.parse(body.toString())
      seq = event.seq
      this.checkPublisher(event)
    } catch {}
    // A gap: fetch what lies between before printing this one.
    if (this.last >= 0 && seq > this.last + 1) await this.catchUp()
    this.deliver(topic, body)
  }

  async run() {
    if (this.last >= 0) await this.serial(() => this.catchUp())
    for await (const [topic, body] of this.sub) {
      if (body === undefined) continue // not an event of ours
      await this.serial(() => this.live(topic, body))
    }
  }
}

const USAGE = "usage: sanctions-sub.js [-e ENDPOINT] [-r ENDPOINT] " +
  "[-t PREFIX ...] [--since SEQ] [--json] [--key FILE --server-key KEY|FILE]"

// A Z85 key may begin with "-": parseArgs would take it for an option, so
// "--server-key VALUE" is read as "--server-key=VALUE", whatever VALUE is.
function joinValues(argv) {
  const out = []
  for (let i = 0; i < argv.length; i++) {
    if ((argv[i] === "--server-key" || argv[i] === "--key") &&
        i + 1 < argv.length)
      out.push(`${argv[i]}=${argv[++i]}`)
    else
      out.push(argv[i])
  }
  return out
}

function main() {
  let values
  try {
    values = parseArgs({
      args: joinValues(process.argv.slice(2)),
      options: {
        e: { type: "string", default: "tcp://127.0.0.1:7750" },
        r: { type: "string" },
        t: { type: "string", multiple: true },
        since: { type: "string" },
        json: { type: "boolean", default: false },
        key: { type: "string" },
        "server-key": { type: "string" },
      },
    }).values
  } catch (err) {
    die(`${err.message}\n${USAGE}`)
  }
  const opts = { ...values, endpoint: values.e, replay: values.r,
    topic: values.t }
  if (values.since !== undefined) {
    if (!/^\d+$/.test(values.since)) die(`--since ${values.since}: not a seq`)
    opts.since = Number(values.since)
  }
  // SIGTERM ends us as ^C does; a reader gone away (| head) too.
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(0))
  process.stdout.on("error", (err) => process.exit(err.code === "EPIPE" ? 0 : 1))
  new Subscriber(opts).run().catch((err) => die(err.message))
}

main()
