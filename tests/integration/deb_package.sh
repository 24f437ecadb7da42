#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# deb_package.sh: "make deb" builds sanctiond_VERSION_ARCH.deb (with
# DEB_BUILD_OPTIONS=nocheck, in a temporary copy of the tree) holding the
# programs (sanctionctl-full in /usr/libexec/sanctiond), the classifier
# data, the unit, the sample config as a conffile, the manual pages and
# the completion.  Skipped without
# dpkg-buildpackage and debhelper (mk/deps.sh installs them), and in the
# sanitizer tree: the package is built from the source, once is enough.
# About 25 s (one plain build of the tree).
set -u
n=0
failed=0
check() {	# description, command...
	d=$1; shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $d"; else failed=$((failed + 1)); echo "not ok $n - $d"; fi
}
skip_all() { echo "ok 1 - Debian package # SKIP $1"; echo "1..1"; exit 0; }
command -v dpkg-buildpackage >/dev/null 2>&1 || skip_all "no dpkg-buildpackage"
command -v dh >/dev/null 2>&1 || skip_all "no debhelper"
case $SANCTIOND in
*/asan/*|*/vg/*) skip_all "built from the source in the plain tree only" ;;
esac
T=$(mktemp -d /tmp/sanctiond-deb.XXXXXX)
trap 'rm -rf "$T"' EXIT

V=$(make -s -C "$TOP" --no-print-directory version)
A=$(dpkg --print-architecture)
DEB_BUILD_OPTIONS=nocheck make -s -C "$TOP" --no-print-directory deb \
    DEB_TMP="$T/src" DEB_OUT="$T" >"$T/build.log" 2>&1
rc=$?
check "make deb builds sanctiond_${V}_$A.deb ($rc)" \
    test "$rc" = 0 -a -s "$T/sanctiond_${V}_$A.deb"
[ "$rc" = 0 ] || tail -n 30 "$T/build.log" | sed 's/^/# /'
D=$T/sanctiond_${V}_$A.deb
dpkg-deb -c "$D" 2>/dev/null | awk '{ print $6 }' | sed 's,^\./,/,' >"$T/files"
for f in /usr/sbin/sanctiond /usr/bin/sanctionctl \
    /usr/libexec/sanctiond/sanctionctl-full \
    /usr/share/sanctiond/model.txt /usr/share/sanctiond/core.txt \
    /usr/share/sanctiond/lexicon.hsdb /usr/share/sanctiond/model.bin \
    /lib/systemd/system/sanctiond.service /etc/sanctiond/sanctiond.conf \
    /usr/share/man/man8/sanctiond.8.gz /usr/share/man/man1/sanctionctl.1.gz \
    /usr/share/man/man5/sanctiond.conf.5.gz \
    /usr/share/bash-completion/completions/sanctionctl \
    /usr/share/doc/sanctiond/copyright; do
	check "the package holds $f" grep -qx -- "$f" "$T/files"
done
for f in README.md items.md events.md operations.md security.md \
    event.schema.json; do
	check "the package holds /usr/share/doc/sanctiond/$f" \
	    grep -Eqx -- "/usr/share/doc/sanctiond/$f(\.gz)?" "$T/files"
done
data=$(ls "$TOP"/parsers/data/*.txt | wc -l)
pkgdata=$(grep -c '^/usr/share/sanctiond/.*\.txt$' "$T/files")
check "every parsers/data file is in /usr/share/sanctiond ($pkgdata of $data)" \
    test "$data" = "$pkgdata"
check "the sample config is a conffile" sh -c \
    'dpkg-deb --ctrl-tarfile "$1" | tar xOf - ./conffiles | grep -qx /etc/sanctiond/sanctiond.conf' \
    - "$D"
check "the unit starts /usr/sbin/sanctiond" sh -c \
    'dpkg-deb --fsys-tarfile "$1" | tar xOf - ./lib/systemd/system/sanctiond.service | grep -q "^ExecStart=/usr/sbin/sanctiond "' \
    - "$D"
check "the maintainer scripts enable the unit (dh_installsystemd)" sh -c \
    'dpkg-deb --ctrl-tarfile "$1" | tar xOf - ./postinst | grep -q "deb-systemd-helper.*sanctiond.service"' \
    - "$D"
check "the package's version is the programs' ($V)" \
    test "$(dpkg-deb -f "$D" Version 2>/dev/null)" = "$V"
echo "1..$n"
[ "$failed" = 0 ]
