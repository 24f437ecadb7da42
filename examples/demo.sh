#!/bin/sh
# demo.sh: parse the bundled sample feeds and print their items.
# (Grows into the whole pipeline once the daemon lands.)
set -eu
cd "$(dirname "$0")/.."
for f in examples/feeds/*.xml; do
	[ -f "$f" ] || continue
	echo "== $f"
	./sanctionctl parse "$f"
done
