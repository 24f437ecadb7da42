#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# event_schema.sh: doc/event.schema.json and tests/validate_events.py, the
# check the other tests end with, can fail: real events (tests/pubdrive's
# store and replay server, read with tests/zsub -q) validate, topic pairs
# and sanctionctl sub's plain JSON lines alike, and each kind of broken
# event made from them is reported, with its file and line.
. "$TOP/tests/lib_sub.sh"

py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "ok 1 - event schema # SKIP python3-jsonschema is not installed"
	echo "1..1"
	exit 0
fi
validate() { "$py" "$TOP/tests/validate_events.py" \
    "$TOP/doc/event.schema.json" "$@"; }

drive_start
drive add 2 mixed		# 1 sanctions.impose.EU, 2 news
drive add 1 background		# 3 background.condemn.CN
drive feed ofac failing		# 4 feed.failing
drive flush
"$TESTBIN/zsub" -e "$REP" -q '{"since": 0}' >"$WORK/replay.out"
"$TESTBIN/zsub" -e "$REP" -q '{"since": -1}' >"$WORK/error.out"
cat "$WORK/replay.out" "$WORK/error.out" >"$WORK/good"
sub_start plain --since 0
wait_lines plain 4
check "the replay reply: four events and its end object" \
    [ "$(cut -f1 "$WORK/replay.out" | tr '\n' ' ')" = \
    "sanctions.impose.EU news background.condemn.CN feed.failing  " ]
check "real events, the replay end and an error reply validate" \
    validate "$WORK/good"
check "so do sanctionctl sub's JSON lines" validate "$WORK/plain.out"

# One broken copy of a real frame pair per line of $WORK/bad.
line() { grep "^$1	" "$WORK/good" | head -n 1; }
break_it() {	# topic of the pair to take, jq filter[, new topic]
	b_line=$(line "$1")
	printf '%s\t%s\n' "${3:-$1}" "$(printf '%s' "$b_line" | cut -f2- |
	    jq -c "$2")"
}
{
	break_it sanctions.impose.EU 'del(.seq)'
	break_it sanctions.impose.EU '.sanctions.action = "sanction"'
	break_it sanctions.impose.EU '.sanctions.score = 1.5'
	break_it sanctions.impose.EU '.sanctions.targets.countries = ["ru"]'
	break_it sanctions.impose.EU '.sanctions.measures = ["embargo"]'
	break_it sanctions.impose.EU '.extra = 1'
	break_it sanctions.impose.EU '.item.revision = 1'
	break_it sanctions.impose.EU '.item.colour = "red"'
	break_it sanctions.impose.EU '.ts = "2026-03-02 10:00:00"'
	break_it sanctions.impose.EU '.publisher = "me"'
	break_it sanctions.impose.EU '.v = 2'
	break_it sanctions.impose.EU '.' background.impose.EU
	break_it sanctions.impose.EU '.' sanctions.lift.EU
	break_it sanctions.impose.EU '.' news
	break_it news '.sanctions.announcement = true'
	break_it news '.' sanctions.none.XX
	break_it background.condemn.CN '.' sanctions.condemn.CN
	break_it background.condemn.CN '.sanctions.authorities = []'
	break_it feed.failing '.state = "new"' feed.new
	break_it feed.failing '.' feed.ok
	break_it feed.failing 'del(.feed.name)'
	break_it '' '.count = "3"'
	break_it '' '.more = null'
	printf '%s\n' "$(line news | cut -f2- | jq -c 'del(.type)')"
	printf '%s\n' "$(line news | cut -f2- |
	    jq -c '.sanctions.announcement = true')"
	printf 'news\t{"v":1,\n'
} >"$WORK/bad"
nbad=$(wc -l <"$WORK/bad" | tr -d ' ')
validate "$WORK/bad" >"$WORK/bad.out" 2>&1
rc=$?
check "broken events: exit status 1" [ "$rc" = 1 ]
check "each of the $nbad broken events is reported once, by file and line" \
    [ "$(cut -d: -f1,2 "$WORK/bad.out" | tr '\n' ' ')" = \
    "$(seq -s ' ' "$nbad" | sed "s|[0-9]*|$WORK/bad:&|g") " ] ||
    sed 's/^/# /' "$WORK/bad.out"
check "the report says what is wrong and where" \
    grep -q "bad:3: .*\[\"sanctions\"\]\[\"score\"\]: 1.5 is greater than" \
    "$WORK/bad.out"
printf 'x\ty\n' >"$WORK/worse"
validate "$WORK/bad" "$WORK/good" "$WORK/worse" >"$WORK/all.out" 2>&1
check "the good file among bad ones: nothing reported for it" \
    sh -c '! grep -q "/good:" "$1" && grep -q "/worse:1: not JSON" "$1"' \
    - "$WORK/all.out"
drive_stop
check_events plain
done_testing
