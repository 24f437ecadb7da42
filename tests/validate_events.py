#!/usr/bin/python3
"""validate_events.py: check captured events against doc/event.schema.json.

usage: validate_events.py SCHEMA FILE...

Each FILE holds one event per line: "TOPIC<TAB>JSON" as tests/zsub.c writes
(an empty TOPIC for a replay reply's end or error object), or a plain JSON
object as "sanctionctl sub" writes when not on a terminal.  A pair is
checked against the schema's #/$defs/message (the topic must follow from
the JSON), a plain object against the schema's root.  Prints one line per
invalid event, "FILE:LINE: where: why", and exits 1 if there was any, 2 on
a usage error or an unreadable file.  Needs python3-jsonschema (Debian).
"""
import json
import sys

import jsonschema


def validators(schema):
    """The root's validator, and one for a [TOPIC, JSON] pair."""
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    # The same document with #/$defs/message as its root, so that its
    # references resolve within it, whichever jsonschema this is.
    pair = {k: schema[k] for k in ("$schema", "$id", "$defs") if k in schema}
    pair["$ref"] = "#/$defs/message"
    return cls(schema), cls(pair)


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


def check_line(line, one, pair):
    if "\t" in line and not line.startswith("{"):
        topic, text = line.split("\t", 1)
    else:
        topic, text = None, line
    try:
        event = json.loads(text)
    except ValueError as e:
        return "not JSON: %s" % e
    if topic is None:
        return explain(one, event)
    why = explain(pair, [topic, event])
    return None if why is None else "topic %s: %s" % (topic, why)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: validate_events.py SCHEMA FILE...\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            one, pair = validators(json.load(f))
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
            why = check_line(line, one, pair)
            if why is not None:
                print("%s:%d: %s" % (name, n, why))
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
