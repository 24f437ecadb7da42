#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# deps.sh: make sure every build and test dependency is installed.
#
# Each line below is "check package": a pkg-config module (pc:NAME), a
# command (cmd:NAME) or a file (file:PATH), and the Debian package that
# provides it.  As root, missing packages are installed with apt-get;
# otherwise the one apt-get line to run is printed and we stop.
set -u

deps='
cmd:pkg-config		pkg-config
cmd:cc			gcc
cmd:make		make
pc:libxml-2.0		libxml2-dev
pc:libcurl		libcurl4-openssl-dev
pc:libevent		libevent-dev
pc:libzmq		libzmq3-dev
pc:sqlite3		libsqlite3-dev
pc:libsystemd		libsystemd-dev
pc:jansson		libjansson-dev
pc:inih			libinih-dev
pc:libhs		libvectorscan-dev
pc:zlib			zlib1g-dev
pc:libcrypto		libssl-dev
pc:libpq			libpq-dev
cmd:clang		clang
file:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a	libclang-rt-14-dev
cmd:curl		curl
cmd:sqlite3		sqlite3
cmd:jq			jq
cmd:valgrind		valgrind
cmd:systemd-analyze	systemd
cmd:mandoc		mandoc
file:/usr/share/postgresql-common/pg_wrapper	postgresql
cmd:dpkg-buildpackage	dpkg-dev
cmd:dh			debhelper
file:/usr/lib/python3/dist-packages/liblinearutil.py	python3-liblinear
file:/usr/lib/python3/dist-packages/jsonschema/__init__.py	python3-jsonschema
file:/usr/lib/python3/dist-packages/zmq/__init__.py	python3-zmq
'

missing=
have() {
	case "$1" in
	pc:*)	command -v pkg-config >/dev/null 2>&1 &&
		    pkg-config --exists "${1#pc:}" ;;
	cmd:*)	command -v "${1#cmd:}" >/dev/null 2>&1 ;;
	file:*)	[ -e "${1#file:}" ] ;;
	esac
}

for check in $(echo "$deps" | awk 'NF == 2 { print $1 "=" $2 }'); do
	what=${check%%=*}
	pkg=${check#*=}
	if ! have "$what"; then
		case " $missing " in
		*" $pkg "*) ;;
		*) missing="$missing $pkg" ;;
		esac
	fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages. Run this, then try again:" >&2
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
