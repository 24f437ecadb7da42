#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# demo.sh: the whole pipeline, offline, on loopback, in well under 30 s.
#
# The test HTTP server serves the bundled sample feeds; sanctiond polls them
# every second; "sanctionctl sub -t sanctions." prints alerts (the items
# classified as announcements) as they arrive, while analysis and other
# sanctions coverage goes to "background." topics.  Then a new sanctions
# article is added to a feed, and its alert follows within seconds.
# Everything is stopped, and the alerts the subscriber received are listed.
set -u
cd "$(dirname "$0")/.."
O=${O:-build}
if [ "$O" = build ]; then BIN=.; else BIN=$O; fi
for p in "$BIN/sanctiond" "$BIN/sanctionctl" "$O/tests/httpd" \
    "$O/tests/freeport"; do
	[ -x "$p" ] || { echo "demo: $p is missing; run make first" >&2; exit 1; }
done

T=$(mktemp -d /tmp/sanctiond-demo.XXXXXX)
chmod 700 "$T"
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Poll until "$@" succeeds, for at most $1 seconds.
wait_for() {
	w=$(($1 * 10)); shift
	while [ $w -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		w=$((w - 1))
	done
	return 1
}

# One readable line per alert: time, action, authorities -> targets, title.
show_alerts() {
	sed 's/^[^{]*//' | jq -r '"  \(.ts)  \(.sanctions.action // "?")  " +
	    "\((.sanctions.authorities // []) | join(","))" +
	    " -> \(((.sanctions.targets.countries // []) +
	    ((.sanctions.targets.named // [])[0:2])) | join(", "))" +
	    "  \(.item.title)\n      \(.item.link // "")"' 2>/dev/null
}

say "Serving the sample feeds on 127.0.0.1"
mkdir -p "$T/www"
for f in examples/feeds/*.xml examples/demo/newsroom.xml; do
	[ -f "$f" ] && cp "$f" "$T/www/"
done
"$O/tests/httpd" -r "$T/www" -P "$T/port" -l "$T/httpd.log" &
pids="$pids $!"
wait_for 5 test -s "$T/port" || { echo "demo: httpd did not start"; exit 1; }
HPORT=$(cat "$T/port")
ls "$T/www" | sed "s,^,  http://127.0.0.1:$HPORT/,"

PPORT=$("$O/tests/freeport")
{
	echo "[daemon]"
	echo "state = $T/state.db"
	echo "publish = tcp://127.0.0.1:$PPORT"
	echo "allow_private_addresses = yes"
	echo "host_rate = 100"
	echo "host_connections = 4"
	for f in "$T"/www/*.xml; do
		name=$(basename "$f" .xml | tr -c 'A-Za-z0-9._\n-' '-')
		printf '[feed %s]\nurl = http://127.0.0.1:%s/%s\ninterval = 1s\n' \
		    "$name" "$HPORT" "$(basename "$f")"
	done
} >"$T/sanctiond.conf"
chmod 600 "$T/sanctiond.conf"
say "Configuration ($T/sanctiond.conf)"
"$BIN/sanctiond" -n -c "$T/sanctiond.conf"

say "Starting sanctiond -f"
"$BIN/sanctiond" -f -c "$T/sanctiond.conf" >"$T/daemon.log" 2>&1 &
DAEMON=$!
pids="$pids $DAEMON"
wait_for 5 grep -q started "$T/daemon.log"
# --since 0: what was stored before the subscription took hold is replayed
# first, then the subscriber goes live.
say "Subscribing: sanctionctl sub -t sanctions. --since 0"
"$BIN/sanctionctl" sub -e "tcp://127.0.0.1:$PPORT" -t sanctions. --since 0 \
    >"$T/alerts" 2>"$T/sub.err" &
SUB=$!
pids="$pids $SUB"
sleep 0.5
if ! kill -0 "$SUB" 2>/dev/null; then
	# sanctionctl sub not built yet: the bare subscriber does the job.
	"$O/tests/zsub" -e "tcp://127.0.0.1:$PPORT" -t sanctions. \
	    >"$T/alerts" &
	SUB=$!
	pids="$pids $SUB"
	sleep 0.3
fi

# The rest of the sanctions coverage, on background.<action>.<AUTHORITY>.
"$BIN/sanctionctl" sub -e "tcp://127.0.0.1:$PPORT" -t background. --since 0 \
    >"$T/background" 2>/dev/null &
BG=$!
pids="$pids $BG"

sleep 3
say "sanctiond's log"
sed 's/^/  [sanctiond] /' "$T/daemon.log"
say "Alerts so far"
show_alerts <"$T/alerts"
seen=$(wc -l <"$T/alerts")

say "Adding a new sanctions article to the newsroom feed"
start=$(date +%s.%N)
sed '/<\/channel>/d; /<\/rss>/d' examples/demo/newsroom.xml >"$T/new.xml"
cat examples/demo/new-article.xml >>"$T/new.xml"
printf '</channel>\n</rss>\n' >>"$T/new.xml"
mv "$T/new.xml" "$T/www/newsroom.xml"
if wait_for 10 grep -q newsroom-2026-0304 "$T/alerts"; then
	end=$(date +%s.%N)
	tail -n +$((seen + 1)) "$T/alerts" | show_alerts
	awk -v a="$start" -v b="$end" \
	    'BEGIN { printf "  (alert %.1f s after the feed changed)\n", b - a }'
else
	echo "  no alert within 10 s; daemon log:"
	tail -n 20 "$T/daemon.log" | sed 's/^/  /'
fi

say "Stopping"
kill -TERM "$DAEMON"
wait "$DAEMON"
echo "  sanctiond exited with status $?"
tail -n 2 "$T/daemon.log" | sed 's/^/  [sanctiond] /'
kill -TERM "$SUB" "$BG"
wait "$SUB" 2>/dev/null
wait "$BG" 2>/dev/null

say "Alerts the subscriber received ($(wc -l <"$T/alerts" | tr -d ' '))"
show_alerts <"$T/alerts"
say "Sanctions coverage that is no alert, on background. ($(wc -l <"$T/background" | tr -d ' '))"
show_alerts <"$T/background"
