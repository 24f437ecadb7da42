#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# deps.sh [--print] [TARGET]: make sure what TARGET needs is installed, and
# nothing more: building and running (demo, the default) need the libraries
# and jq; check adds the test tools and clang for the fuzz build; fuzz,
# valgrind, bench, train and deb add their own.
#
# Each line below is "groups check package": the groups that need it (base
# is every target), a pkg-config module (pc:NAME), a command (cmd:NAME), a
# file (file:PATH) or the fuzzer runtime as clang finds it (fuzzrt), and the
# Debian package that provides it.  As root, missing packages are installed
# with apt-get; otherwise the one apt-get line to run is printed and we
# stop.  --print lists TARGET's packages, one a line, and installs nothing.
set -u

deps='
base			cmd:pkg-config		pkg-config
base			cmd:cc			gcc
base			cmd:make		make
base			pc:libxml-2.0		libxml2-dev
base			pc:libcurl		libcurl4-openssl-dev
base			pc:libevent		libevent-dev
base			pc:libzmq		libzmq3-dev
base			pc:sqlite3		libsqlite3-dev
base			pc:libsystemd		libsystemd-dev
base			pc:jansson		libjansson-dev
base			pc:inih			libinih-dev
base			pc:libhs		libvectorscan-dev
base			pc:zlib			zlib1g-dev
base			pc:libxxhash		libxxhash-dev
base			pc:libcrypto		libssl-dev
base			pc:libpq		libpq-dev
run			cmd:jq			jq
test,bench		cmd:curl		curl
test			cmd:sqlite3		sqlite3
test			cmd:systemd-analyze	systemd
test			cmd:mandoc		mandoc
test			file:/usr/share/postgresql-common/pg_wrapper	postgresql
test,deb		cmd:dpkg-buildpackage	dpkg-dev
test,deb		cmd:dh			debhelper
test,deb		cmd:lintian		lintian
test			cmd:python3		python3
test			file:/usr/lib/python3/dist-packages/jsonschema/__init__.py	python3-jsonschema
test			file:/usr/lib/python3/dist-packages/zmq/__init__.py	python3-zmq
train			file:/usr/lib/python3/dist-packages/liblinearutil.py	python3-liblinear
fuzz			cmd:clang		clang
fuzz			fuzzrt			libclang-rt-dev
valgrind		cmd:valgrind		valgrind
'

print=0
if [ "${1:-}" = --print ]; then
	print=1
	shift
fi
target=${1:-demo}
case "$target" in
build)		groups="base" ;;
demo)		groups="base run" ;;
check|soak)	groups="base run test fuzz" ;;
fuzz)		groups="base fuzz" ;;
valgrind)	groups="base run test valgrind" ;;
bench)		groups="base run bench" ;;
train|eval)	groups="base train" ;;
deb)		groups="base deb" ;;
*)	echo "usage: deps.sh [--print] [build|demo|check|soak|fuzz|valgrind|bench|train|eval|deb]" >&2
	exit 2 ;;
esac

# The libFuzzer runtime is where this clang looks for it: ask clang, so a
# new LLVM needs no edit here.  Newer LLVMs name it without the arch, in a
# per-target directory.
fuzzrt() {
	command -v clang >/dev/null 2>&1 || return 1
	f=$(clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a" 2>/dev/null)
	[ -n "$f" ] && [ "${f#/}" != "$f" ] && [ -e "$f" ] && return 0
	d=$(clang -print-runtime-dir 2>/dev/null)
	[ -n "$d" ] && [ -e "$d/libclang_rt.fuzzer.a" ]
}

have() {
	case "$1" in
	pc:*)	command -v pkg-config >/dev/null 2>&1 &&
		    pkg-config --exists "${1#pc:}" ;;
	cmd:*)	command -v "${1#cmd:}" >/dev/null 2>&1 ;;
	file:*)	[ -e "${1#file:}" ] ;;
	fuzzrt)	fuzzrt ;;
	esac
}

wanted() {
	for g in $groups; do
		case ",$1," in *",$g,"*) return 0 ;; esac
	done
	return 1
}

missing=
for line in $(echo "$deps" | awk 'NF == 3 { print $1 "=" $2 "=" $3 }'); do
	gs=${line%%=*}
	rest=${line#*=}
	what=${rest%%=*}
	pkg=${rest#*=}
	wanted "$gs" || continue
	if [ $print = 1 ]; then
		echo "$pkg"
		continue
	fi
	if ! have "$what"; then
		case " $missing " in
		*" $pkg "*) ;;
		*) missing="$missing $pkg" ;;
		esac
	fi
done

[ $print = 1 ] && exit 0
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages for $target. Run this, then try again:" >&2
	echo "apt-get install -y$missing"
	exit 1
fi

echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q$missing >/dev/null; then
	# A fresh machine may have no package lists yet.
	apt-get update -q >/dev/null && apt-get install -y -q$missing >/dev/null ||
	    { echo "deps: apt-get install$missing failed" >&2; exit 1; }
fi
