#!/usr/bin/env bash
# bench/correlation-memory.sh: peak RSS of `haris scan` while a correlation rule tracks millions of distinct sources.
#
#   bench/correlation-memory.sh [SOURCES]
#
# Streams SOURCES (default 10,000,000) access-log lines into `haris scan -`, one request per distinct source
# address, all within one minute of event time: the built-in rule "HTTP flood from a single source" (event_count
# by source.ip over 1m) then holds one group per source until the input ends, none of them idle long enough to be
# evicted. The lines never touch the disk. Prints the lines, the time and the peak RSS that GNU time reports, and
# the bytes of RSS per source above the RSS of a one-line scan with the same rules.
#
# Environment: RULES="--rules DIR ..." adds rule folders (default: the SigmaHQ web rules when ../shared has them).
# Not part of the test suite (.ci/run never calls it). See docs/performance.md for the figures it printed.
set -euo pipefail

die() { echo "correlation-memory.sh: error: $*" >&2; exit 1; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOURCES=${1:-10000000}
[[ "$SOURCES" =~ ^[0-9]+$ ]] && [ "$SOURCES" -ge 1 ] && [ "$SOURCES" -le 250000000 ] ||
  die "SOURCES must be a whole number from 1 to 250000000, got '$SOURCES'"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, Debian package 'time') is needed"
if [ -z "${RULES+x}" ]; then
  RULES=""
  [ -d "$REPO/../shared/sigma/rules/web" ] && RULES="--rules $REPO/../shared/sigma/rules/web"
fi

dotnet build -c Release "$REPO/src/Haris.Cli" -nologo -v q >/dev/null 2>&1 || die "dotnet build -c Release src/Haris.Cli failed"
HARIS_DLL=$REPO/src/Haris.Cli/bin/Release/net10.0/haris.dll

# One GET per source: addresses 10.0.0.0 upward, times spread over 17:00:00-17:00:59, a path and agent that only
# the catch-all request rule matches (so the per-path flood rule keeps one group, and no other rule keeps any).
lines() {
  mawk -v n="$1" 'BEGIN {
    for (i = 0; i < n; i++)
      printf "%d.%d.%d.%d - - [11/Jun/2026:17:00:%02d +0300] \"GET /news/match-report HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0\"\n",
        10 + int(i / 16777216), int(i / 65536) % 256, int(i / 256) % 256, i % 256, int(i * 60 / n)
  }'
}

scan() {
  # shellcheck disable=SC2086 # RULES is a list of arguments
  lines "$1" | /usr/bin/time -f '%e %M' -o "$2" dotnet "$HARIS_DLL" scan --format combined --output /dev/null $RULES - 2>"$2.stderr" ||
    { cat "$2.stderr" >&2; die "haris scan failed"; }
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "rules: built-in pack ${RULES:+plus ${RULES#--rules }}" >&2
scan 1 "$WORK/base"
scan "$SOURCES" "$WORK/full"
read -r _ base_kb < "$WORK/base"
read -r seconds peak_kb < "$WORK/full"
grep -E "lines read|alerts" "$WORK/full.stderr" | head -3 >&2 || true
awk -v n="$SOURCES" -v s="$seconds" -v b="$base_kb" -v p="$peak_kb" 'BEGIN {
  printf "distinct sources      %d\n", n
  printf "scan time             %.1f s\n", s
  printf "peak RSS              %.0f MB (one-line scan: %.0f MB)\n", p / 1024, b / 1024
  printf "RSS per source        %.0f bytes\n", (p - b) * 1024 / n
  printf "under 1.5 GB          %s\n", (p * 1024 < 1.5 * 1024 * 1024 * 1024) ? "yes" : "NO"
}'
