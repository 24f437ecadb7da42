#!/usr/bin/python3
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
"""validate_events.py: check captured events against doc/event.schema.json.

usage: validate_events.py SCHEMA FILE...

Each FILE holds one event per line: "TOPIC<TAB>JSON" as tests/zsub.c writes
(an empty TOPIC for a replay reply's end or error object), or a plain JSON
object as "sanctionctl sub" writes when not on a terminal.  A pair is
checked as the schema's #/$defs/message says (the topic must follow from
the JSON), a plain object against the schema's root.  Prints one line per
invalid event, "FILE:LINE: where: why", and exits 1 if there was any, 2 on
a usage error or an unreadable file.  Needs python3-jsonschema (Debian).
"""
import json
import sys

import jsonschema


def inline(node, defs, within=()):
    """node with every "#/$defs/NAME" reference replaced by its target.

    Resolving references costs jsonschema more than the checks themselves
    (a capture of 20000 events took half a minute); the schema has no
    recursion, so they can all go before the first event.  within: the
    references being expanded, to refuse a cycle.
    """
    if isinstance(node, list):
        return [inline(v, defs, within) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: inline(v, defs, within) for k, v in node.items()
           if k not in ("$ref", "$defs")}
    ref = node.get("$ref")
    if ref is None:
        return out
    if not ref.startswith("#/$defs/") or ref[8:] not in defs:
        raise ValueError("unknown $ref %s" % ref)
    if ref in within:
        raise ValueError("recursive $ref %s" % ref)
    target = inline(defs[ref[8:]], defs, within + (ref,))
    if not out:
        return target
    # A $ref beside other keywords applies both (2020-12).
    out.setdefault("allOf", []).append(target)
    return out


class Checker:
    """The schema's validators, and what they said of each JSON text.

    A frame pair is checked as #/$defs/message says, in two steps: its
    JSON frame as #/$defs/event (or the replay end), its topic by
    #/$defs/topicRules.  A capture of the live stream and one of the
    replay hold the same JSON texts: each is validated once.
    """

    def __init__(self, schema):
        cls = jsonschema.Draft202012Validator
        cls.check_schema(schema)
        defs = schema.get("$defs", {})
        self.root = cls(inline(schema, defs))
        self.pair = cls(inline({"$ref": "#/$defs/message"}, defs))
        self.event = cls(inline({"$ref": "#/$defs/event"}, defs))
        self.rules = cls(inline({"$ref": "#/$defs/topicRules"}, defs))
        self.seen = {}

    def frame(self, text, event):
        """What is wrong with an event's JSON frame, or None."""
        if text not in self.seen:
            self.seen[text] = explain(self.event, event)
        return self.seen[text]

    def check(self, topic, text, event):
        if topic is None:
            if isinstance(event, dict) and ("end" in event or
                                            "error" in event):
                return explain(self.root, event)
            return self.frame(text, event)
        if topic == "":
            return explain(self.pair, [topic, event])
        why = self.frame(text, event)
        if why is not None:
            # The frame's path, as the pair's second element.
            return "[1]" + why[len("(the event)"):] \
                if why.startswith("(the event)") else "[1]" + why
        return explain(self.rules, [topic, event])


def where(err):
    path = "".join("[%s]" % json.dumps(p) for p in err.absolute_path)
    return path or "(the event)"


def explain(validator, instance):
    """The most telling error, or None when the instance is valid."""
    err = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if err is None:
        return None
    why = err.message
    if len(why) > 300:	# a message may quote the whole event
        why = why[:300] + "..."
    return "%s: %s" % (where(err), why)


def check_line(line, checker):
    if "\t" in line and not line.startswith("{"):
        topic, text = line.split("\t", 1)
    else:
        topic, text = None, line
    try:
        event = json.loads(text)
    except ValueError as e:
        return "not JSON: %s" % e
    why = checker.check(topic, text, event)
    if why is None or topic is None:
        return why
    return "topic %s: %s" % (topic, why)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: validate_events.py SCHEMA FILE...\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            checker = Checker(json.load(f))
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write("validate_events: %s: %s\n" % (argv[1], e))
        return 2
    bad = 0
    for name in argv[2:]:
        try:
            with open(name, encoding="utf-8", errors="strict") as f:
                lines = f.read().split("\n")
        except (OSError, UnicodeDecodeError) as e:
            sys.stderr.write("validate_events: %s: %s\n" % (name, e))
            return 2
        for n, line in enumerate(lines, 1):
            if line == "":
                continue
            why = check_line(line, checker)
            if why is not None:
                print("%s:%d: %s" % (name, n, why))
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
