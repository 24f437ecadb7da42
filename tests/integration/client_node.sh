#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# client_node.sh: examples/clients/node/sanctions-sub.js against the real
# daemon prints every event once, in seq order, filling gaps from the
# replay endpoint, with and without CURVE (tests/integration/client_lib.inc).
# Its dependencies come from "npm ci" in a copy of the example; the
# node_modules it makes is kept under build/, keyed by package-lock.json.
. "$TOP/tests/integration/daemon_lib.inc"
. "$TOP/tests/integration/client_lib.inc"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	skip "node client example" "node or npm not installed"
	finish
	exit
fi

src=$TOP/examples/clients/node
key=$(cat "$src/package.json" "$src/package-lock.json" | cksum | tr ' ' -)
cache=$TOP/build/node/$key	# holds node_modules: its packages find each other
mkdir -p "$T/node"
cp "$src/sanctions-sub.js" "$src/package.json" "$src/package-lock.json" \
    "$T/node/"
if [ ! -d "$cache/node_modules" ]; then
	if (cd "$T/node" && npm ci --no-audit --no-fund) >"$T/npm.log" 2>&1
	then
		# Another run may have made it meanwhile: keep the first.
		mkdir -p "$TOP/build/node" "$cache.$$"
		mv "$T/node/node_modules" "$cache.$$/" &&
		    { mv -T "$cache.$$" "$cache" 2>/dev/null ||
		    rm -rf "$cache.$$"; }
	fi
fi
if [ ! -d "$cache/node_modules" ]; then
	nok "npm ci installs the pinned zeromq"
	diag "$T/npm.log"
	finish
	exit
fi
ln -s "$cache/node_modules" "$T/node/node_modules"
client_run() { exec node "$T/node/sanctions-sub.js" "$@"; }
ccheck "zeromq loads (its prebuilt addon for this node)" "$T/load.err" \
    node -e 'require(process.argv[1]).version' \
    "$T/node/node_modules/zeromq" 2>"$T/load.err"
client_tests
finish
