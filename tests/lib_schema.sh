# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# lib_schema.sh: sourced by tests/integration/daemon_lib.inc and
# tests/lib_sub.sh, whose check_events turns this into a TAP line.
#
# events_check OUT FILE...: validate every event captured in the FILEs
# (tests/zsub's TOPIC<TAB>JSON lines, or sanctionctl sub's JSON lines)
# against doc/event.schema.json with tests/validate_events.py, writing what
# is wrong to OUT.  Returns 0 when all are valid, 1 when one is not or no
# event was captured at all (a check of nothing proves nothing), 2 when
# python3-jsonschema is not installed.  Debian's module is looked for
# first: it is the one mk/deps.sh installs.
events_check() {
	e_out=$1; shift
	e_py=
	for e_p in /usr/bin/python3 python3; do
		if "$e_p" -c 'import jsonschema' 2>/dev/null; then
			e_py=$e_p
			break
		fi
	done
	[ -n "$e_py" ] || return 2
	if ! cat "$@" 2>/dev/null | grep -q .; then
		echo "no event captured in $*" >"$e_out"
		return 1
	fi
	"$e_py" "$TOP/tests/validate_events.py" "$TOP/doc/event.schema.json" \
	    "$@" >"$e_out" 2>&1
}
