#!/bin/sh
# Copyright (c) 2026 The sanctiond authors.  ISC licence: see LICENSE.
# SPDX-License-Identifier: ISC
# metrics.sh: [daemon] metrics serves Prometheus text exposition at
# /metrics on the daemon's loop: every line a comment or "name{labels}
# value", every series with HELP and TYPE, the loop lag histogram
# cumulative up to +Inf == _count; the values after known activity (fetch
# results per class against the test server's log, items, events, last seq
# against what a subscriber saw, per-feed last success, replay requests);
# other paths 404, POST refused; a scraper holding a connection open does
# not hold up publishing; "metrics = no" serves nothing; an explicit
# address that is busy stops the daemon with a line naming it.
. "$TOP/tests/integration/daemon_lib.inc"

# expo FILE: check the exposition in FILE; prints "ERR line: why" per
# fault, then "SAMPLE name{labels} value" per sample.
expo() {
	awk '
	function fail(why) { print "ERR " NR ": " why ": " $0; bad = 1 }
	# The family a sample belongs to: its own name, or a histogram'"'"'s.
	function family(s,   b) {
		if (s in type)
			return s
		b = s
		if (sub(/_(bucket|sum|count)$/, "", b) && type[b] == "histogram")
			return b
		return ""
	}
	# Labels: name="value" pairs, values with \\ \" \n escapes only.
	function labels(s,   i, c, st, out, v) {
		if (s == "")
			return ""
		st = 0; out = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (st == 0) {		# a label name
				if (c == "=") {
					if (substr(s, i + 1, 1) != "\"")
						return "!"
					i++; st = 1; v = ""
				} else if (c !~ /[a-zA-Z0-9_]/)
					return "!"
				else
					out = out c
			} else if (st == 1) {	# in the value
				if (c == "\\") {
					i++; c = substr(s, i, 1)
					if (c != "\\" && c != "\"" && c != "n")
						return "!"
					v = v "\\" c
				} else if (c == "\"") {
					out = out "=\"" v "\""; st = 2
					lastv = v
				} else
					v = v c
			} else {		# after a value
				if (c != ",")
					return "!"
				out = out ","; st = 0
			}
		}
		return st == 2 ? out : "!"
	}
	/^# HELP / {
		if (NF < 4) fail("HELP without text")
		if ($3 in help) fail("second HELP")
		help[$3] = 1; next
	}
	/^# TYPE / {
		if ($4 !~ /^(counter|gauge|histogram|summary|untyped)$/ || NF != 4)
			fail("bad TYPE")
		if ($3 in type) fail("second TYPE")
		if ($3 in seen) fail("TYPE after samples")
		type[$3] = $4; next
	}
	/^#/ { next }
	{
		if (!match($0, /^[a-zA-Z_:][a-zA-Z0-9_:]*/)) {
			fail("not a sample"); next
		}
		name = substr($0, 1, RLENGTH); rest = substr($0, RLENGTH + 1)
		lab = ""
		if (substr(rest, 1, 1) == "{") {
			if ((e = index(rest, "} ")) == 0) { fail("no }"); next }
			lab = substr(rest, 2, e - 2); rest = substr(rest, e + 1)
		}
		lastv = ""
		if ((l = labels(lab)) == "!") { fail("bad labels"); next }
		val = substr(rest, 2)
		if (substr(rest, 1, 1) != " " || val !~ /^([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|[+-]Inf|NaN)$/) {
			fail("bad value"); next
		}
		f = family(name)
		if (f == "") { fail("no TYPE"); next }
		if (!(f in help)) fail("no HELP")
		seen[f] = 1
		key = name (l == "" ? "" : "{" l "}")
		if (key in dup) fail("series twice")
		dup[key] = 1
		if (type[f] == "histogram" && name == f "_bucket") {
			if (val + 0 < prev[f] + 0) fail("buckets not cumulative")
			prev[f] = val; lastle[f] = lastv
		}
		if (type[f] == "histogram" && name == f "_count") {
			if (lastle[f] != "+Inf") fail("buckets do not end at +Inf")
			if (val != prev[f]) fail("+Inf bucket is not _count")
			hcount[f] = 1
		}
		print "SAMPLE " key " " val
	}
	END {
		for (f in type)
			if (type[f] == "histogram" && !(f in hcount))
				print "ERR histogram " f " without _count"
		if (NR == 0) print "ERR empty"
	}' "$1"
}

scrape() {	# FILE: curl the metrics into FILE, parsed into FILE.p
	curl -s -f --max-time 10 -o "$1" "http://127.0.0.1:$MPORT/metrics" &&
	    expo "$1" >"$1.p"
}

val() {		# SERIES: its value in the last scrape ($T/m.p)
	awk -v k="$1" '$1 == "SAMPLE" && $2 == k { print $3 }' "$T/m.p"
}

# hcount PATH STATUS: requests for PATH the test server answered so.
hcount() {
	awk -F '\t' -v p="$1" -v s="$2" '$3 == p && $NF == s' \
	    "$T/httpd.log" | wc -l | tr -d ' '
}

# Fetch results match what the server answered, once no fetch is midway.
fetches_match() {
	scrape "$T/m" || return 1
	ok=$(val 'sanctiond_fetches_total{result="ok"}')
	un=$(val 'sanctiond_fetches_total{result="unchanged"}')
	nm=$(val 'sanctiond_fetches_total{result="not_modified"}')
	e4=$(val 'sanctiond_fetches_total{result="http_4xx"}')
	[ $((ok + un)) = "$(hcount /a.xml 200)" ] &&
	    [ "$nm" = "$(hcount /a.xml 304)" ] &&
	    [ "$e4" = "$(hcount /missing.xml 404)" ] && [ "$e4" -gt 0 ] &&
	    [ "$nm" -gt 0 ]
}

pick_ports
start_httpd
feed a
conf a missing
# conf writes [daemon] first: the metrics key goes right after it.
mconf() {
	{ echo "[daemon]"; echo "metrics = $1"; tail -n +2 "$T/sanctiond.conf"; } \
	    >"$T/m.conf.tmp"
	chmod 600 "$T/m.conf.tmp"
	mv "$T/m.conf.tmp" "$T/sanctiond.conf"
}
cp "$T/sanctiond.conf" "$T/plain.conf"
mconf 127.0.0.1:0
start_sub "$T/sub.out"
t0=$(date +%s)
start_daemon || { nok "sanctiond started"; dlog | diag; finish; exit; }
ok "sanctiond started"
MPORT=$(sed -n 's|.*metrics on http://127\.0\.0\.1:\([0-9]*\)/metrics.*|\1|p' \
    "$T/daemon.log.new" | head -1)
check "the log says where the metrics are" test -n "$MPORT" ||
    { dlog | diag; finish; exit; }
wait_for 10 grep -q "feed missing: .*404" "$T/daemon.log.new"
sleep 0.5	# the subscriber is surely connected by now
feed a s1 n1 n2
wait_for 10 has_ids "$T/sub.out" s1 n1 n2
wait_for 10 grep -q "feed a: 3 items, 3 new" "$T/daemon.log.new"

check "GET /metrics: 200" scrape "$T/m"
check "exposition parses: comments and name{labels} value, HELP and TYPE
    for each, cumulative buckets ending in +Inf == _count" \
    sh -c "! grep '^ERR' '$T/m.p'"
grep '^ERR' "$T/m.p" | sed 's/^/# /' 
check "Content-Type is text/plain; version=0.0.4" sh -c "curl -s -D - -o \
    /dev/null http://127.0.0.1:$MPORT/metrics | tr -d '\r' | grep -qix \
    'content-type: text/plain; version=0.0.4; charset=utf-8'"
for s in sanctiond_feeds sanctiond_fetches_total sanctiond_items_total \
    sanctiond_events_total sanctiond_last_seq sanctiond_loop_lag_seconds \
    sanctiond_replay_requests_total sanctiond_store_errors_total \
    sanctiond_replay_clients sanctiond_start_time_seconds \
    sanctiond_build_info sanctiond_feed_last_success_timestamp_seconds; do
	check "series $s" grep -q "^# TYPE $s " "$T/m"
done
check "fetches_total per result match the server's answers (200, 304,
    404 as http_4xx)" wait_for 15 fetches_match ||
    { grep fetches_total "$T/m"; cat "$T/httpd.log"; } | diag
check "every error class is a result label, 0 when none" sh -c \
    "grep -q 'sanctiond_fetches_total{result=\"timeout\"} 0' '$T/m' &&
    grep -q 'sanctiond_fetches_total{result=\"not_feed\"} 0' '$T/m'"
check "items_total: the 3 items read" test "$(val sanctiond_items_total)" = 3
check "new_items_total: 3" test "$(val sanctiond_new_items_total)" = 3
check "events_total{type=item}: the 3 published" \
    test "$(val 'sanctiond_events_total{type="item"}')" = 3
seqs "$T/sub.out" | awk '{ print $1 }' | sort -n | tail -1 >"$T/lastseq"
check "last_seq is the seq last published ($(cat "$T/lastseq"))" \
    test "$(val sanctiond_last_seq)" = "$(cat "$T/lastseq")"
check "events_total item + feed == last_seq (every event of this run)" \
    test $(($(val 'sanctiond_events_total{type="item"}') + \
    $(val 'sanctiond_events_total{type="feed"}'))) = "$(val sanctiond_last_seq)"
check "events_total{type=feed}: the feed.failing of missing" \
    test "$(val 'sanctiond_events_total{type="feed"}')" = 1
check "feeds by health: ok 1, failing 1, gone 0, stale 0" sh -c "
    [ '$(val 'sanctiond_feeds{health="ok"}')' = 1 ] &&
    [ '$(val 'sanctiond_feeds{health="failing"}')' = 1 ] &&
    [ '$(val 'sanctiond_feeds{health="gone"}')' = 0 ] &&
    [ '$(val 'sanctiond_feeds{health="stale"}')' = 0 ]"
la=$(val 'sanctiond_feed_last_success_timestamp_seconds{feed="a"}')
now=$(date +%s)
check "last success of a: a time since start ($la)" \
    test "${la:-0}" -ge "$t0" -a "${la:-0}" -le "$now"
check "last success of missing: 0, never" test \
    "$(val 'sanctiond_feed_last_success_timestamp_seconds{feed="missing"}')" = 0
check "start time: since the test started" \
    test "$(val sanctiond_start_time_seconds)" -ge "$t0"
check "build_info carries the version" \
    test "$(val 'sanctiond_build_info{version="0.1.0"}')" = 1
check "loop lag ticks counted" \
    test "$(val sanctiond_loop_lag_seconds_count)" -gt 0
check "store errors: 0" test "$(val sanctiond_store_errors_total)" = 0

# More activity: one new item, read with the three old ones.
feed a s1 n1 n2 s4
wait_for 10 has_ids "$T/sub.out" s4
wait_for 10 grep -q "feed a: 4 items, 1 new" "$T/daemon.log.new"
scrape "$T/m"
check "items_total after a 4-item document: 7" \
    test "$(val sanctiond_items_total)" = 7
check "events_total{type=item}: 4" \
    test "$(val 'sanctiond_events_total{type="item"}')" = 4

# One replay request, refused: counted all the same.
check "replay requests: 0 before" \
    test "$(val sanctiond_replay_requests_total)" = 0
"$TESTBIN/replaybad" -e "$REPLAY" nojson >/dev/null
scrape "$T/m"
check "replay requests: 1 after one" \
    test "$(val sanctiond_replay_requests_total)" = 1
check "replay clients: none waiting" \
    test "$(val sanctiond_replay_clients)" = 0

# Other paths and methods.
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
check "GET /: 404" test "$(code "http://127.0.0.1:$MPORT/")" = 404
check "GET /metricsx: 404" test "$(code "http://127.0.0.1:$MPORT/metricsx")" = 404
check "HEAD /metrics: 200, no body" test "$(curl -s -I -o /dev/null \
    -w '%{http_code} %{size_download}' --max-time 10 \
    "http://127.0.0.1:$MPORT/metrics")" = "200 0"
check "POST /metrics: refused" \
    test "$(code -X POST "http://127.0.0.1:$MPORT/metrics")" -ge 400
big=$(head -c 16384 /dev/zero | tr '\0' a)
check "a 16 kB header: refused" \
    test "$(code -H "X-Big: $big" "http://127.0.0.1:$MPORT/metrics")" -ge 400
check "... and the next scrape is served" scrape "$T/m"

# A scraper that opens a connection, sends half a request and holds it.
perl -MIO::Socket::INET -e '
	$s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]") or die;
	print $s "GET /metrics HTTP/1.1\r\nHost: x\r\n";
	$t = time; $n = sysread($s, $b, 65536);
	open(F, ">", $ARGV[1]); print F time - $t, "\n"; close F;
	sleep 30' "$MPORT" "$T/held" &
HELD=$!
pids="$pids $HELD"
sleep 0.5
feed a s1 n1 n2 s4 s5
check "publishing goes on while a scraper holds a connection" \
    wait_for 10 has_ids "$T/sub.out" s5
check "... and another scraper is served" scrape "$T/m2"
check "... and the held connection is closed after the timeout" \
    wait_for 20 test -s "$T/held"
kill "$HELD" 2>/dev/null

stop_daemon TERM
check "SIGTERM: exit status 0" test "$?" = 0

# metrics = no: nothing where the metrics were.
cp "$T/plain.conf" "$T/sanctiond.conf"
mconf no
start_daemon || nok "sanctiond with metrics = no started"
check "metrics = no: nothing listens on $MPORT" \
    test "$(code "http://127.0.0.1:$MPORT/metrics")" = 000
check "metrics = no: not logged" \
    sh -c "! grep -q 'metrics on' '$T/daemon.log.new'"
stop_daemon TERM

# An address written in the config and busy: the daemon does not start.
cp "$T/plain.conf" "$T/sanctiond.conf"
mconf "127.0.0.1:$HPORT"
timeout 30 "$SANCTIOND" -f -c "$T/sanctiond.conf" >"$T/busy.log" 2>&1
check "a busy metrics address: exit status 1" test "$?" = 1
check "... and the log names it" \
    grep -q "metrics 127.0.0.1:$HPORT: cannot listen" "$T/busy.log" ||
    diag "$T/busy.log"

# Values the config refuses, each named.
for v in 0.0.0.0 :7752 "http://127.0.0.1:7752/" "127.0.0.1:7752/x" \
    "u@127.0.0.1:7752"; do
	cp "$T/plain.conf" "$T/sanctiond.conf"
	mconf "$v"
	check "metrics = $v: refused" sh -c "! '$SANCTIOND' -n -c \
	    '$T/sanctiond.conf' 2>&1 | grep -q 'configuration OK'"
	check "metrics = $v: the error names the key" sh -c "'$SANCTIOND' -n \
	    -c '$T/sanctiond.conf' 2>&1 | grep -q ':2: metrics: '"
done
cp "$T/plain.conf" "$T/sanctiond.conf"
mconf "[::1]:7752"
check "metrics = [::1]:7752: accepted" \
    sh -c "'$SANCTIOND' -n -c '$T/sanctiond.conf' | grep -q 'configuration OK'"
finish
