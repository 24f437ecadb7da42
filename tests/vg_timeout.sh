#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# vg_timeout.sh: timeout(1) for the integration scripts under "make
# valgrind" (tests/valgrind.sh installs it first in their PATH as
# "timeout"): every duration is stretched by TEST_TIMEOUT_SCALE, then the
# real timeout ($VG_REAL_TIMEOUT) runs.
scale() {
	awk -v d="$1" -v s="${TEST_TIMEOUT_SCALE:-1}" \
	    'BEGIN { u = d; sub(/^[0-9.]+/, "", u); printf "%g%s", d * s, u }'
}
n=$# i=0
# Rotate the arguments once, changing the durations on the way.
while [ $i -lt $n ]; do
	a=$1; shift; i=$((i + 1))
	case $a in
	-s|-k)	b=$1; shift; i=$((i + 1))
		[ "$a" = -k ] && b=$(scale "$b")
		set -- "$@" "$a" "$b" ;;
	--kill-after=*)
		set -- "$@" "--kill-after=$(scale "${a#*=}")" ;;
	-*)	set -- "$@" "$a" ;;
	*)	set -- "$@" "$(scale "$a")"; break ;;
	esac
done
while [ $i -lt $n ]; do
	a=$1; shift; i=$((i + 1)); set -- "$@" "$a"
done
exec "${VG_REAL_TIMEOUT:-/usr/bin/timeout}" "$@"
