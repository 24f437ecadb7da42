#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# client_python.sh: examples/clients/python/sanctions_sub.py against the
# real daemon prints every event once, in seq order, filling gaps from the
# replay endpoint, with and without CURVE (tests/integration/client_lib.inc).
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/client_lib.inc"

# Debian's python3-zmq is for Debian's python3, which may not be the first
# python3 on PATH.
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import zmq' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	skip "python client example" "python3-zmq not installed"
	finish
	exit
fi
client_run() {
	exec "$PY" "$TOP/examples/clients/python/sanctions_sub.py" "$@"
}
client_tests
finish
