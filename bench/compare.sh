#!/usr/bin/env bash
# bench/compare.sh: Haris side by side with CrowdSec and fail2ban on one simulated match-day access log.
#
#   bench/compare.sh [WORKDIR]
#
# WORKDIR (or $HARIS_BENCH_DIR) defaults to ${TMPDIR:-/tmp}/haris-bench; everything the run writes goes there, haris
# itself published to WORKDIR/haris (the repository is only built, never written to otherwise). Runnable from any
# cwd; needs root (or the packages already installed) because it installs crowdsec, fail2ban and time with apt-get
# when they are missing.
#
# Environment:
#   SEED=7 MINUTES=2880 SCALE=1   passed to `haris simulate` (2880 min at scale 1 is about 2.46 M access lines)
#   CROWDSEC_LINES=150000         CrowdSec 1.4.6 replays about 500 lines/s here, so it gets the first N lines of
#                                 the same file (`all` for the whole file: well over an hour on 2 cores)
#   SKIP_CROWDSEC=1 SKIP_FAIL2BAN=1   leave a peer out
#   HARIS_SCAN_ARGS="..."         extra arguments for both haris scans
#
# Not part of the test suite (.ci/run never calls it). See docs/performance.md for the figures it printed.
set -euo pipefail

die() { echo "compare.sh: error: $*" >&2; exit 1; }
trap 'rc=$?; echo "compare.sh: error: command failed (exit $rc) at line $LINENO: $BASH_COMMAND" >&2; exit 1' ERR

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${1:-${HARIS_BENCH_DIR:-${TMPDIR:-/tmp}/haris-bench}}
SEED=${SEED:-7}
MINUTES=${MINUTES:-2880}
SCALE=${SCALE:-1}
MIN_LINES=2000000
CROWDSEC_LINES=${CROWDSEC_LINES:-150000}
SKIP_CROWDSEC=${SKIP_CROWDSEC:-0}
SKIP_FAIL2BAN=${SKIP_FAIL2BAN:-0}
# fail2ban filters whose failregex reads an access log (the other nginx/apache filters read error logs)
F2B_FILTERS=(nginx-botsearch nginx-bad-request apache-badbots php-url-fopen)

exec 3>&2   # progress messages go to fd 3 (the caller's stderr) even inside redirected calls
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
RESULTS=$WORK/results.tsv
: > "$RESULTS"
CLEANUP_PIDS=()
cleanup() { for p in "${CLEANUP_PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

log() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- packages
apt_updated=0
apt_install() {
  [ "$(id -u)" = 0 ] || die "need root to apt-get install $*"
  if [ $apt_updated = 0 ]; then apt-get update -qq >"$WORK/apt.log" 2>&1 || { tail "$WORK/apt.log" >&2; die "apt-get update failed"; }; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$WORK/apt.log" 2>&1
}
[ -x /usr/bin/time ] || apt_install time || die "could not install the 'time' package (see $WORK/apt.log)"
command -v python3 >/dev/null || die "python3 is needed for the scoring"
command -v taskset >/dev/null || die "taskset (util-linux) is needed"
if [ "$SKIP_FAIL2BAN" != 1 ] && ! command -v fail2ban-regex >/dev/null; then
  log "installing fail2ban"
  apt_install fail2ban || die "apt-get install fail2ban failed (see $WORK/apt.log)"
fi
if [ "$SKIP_CROWDSEC" != 1 ] && ! dpkg -s crowdsec 2>/dev/null | grep -q '^Status: install ok installed'; then
  log "installing crowdsec (offline: Central API registration disabled as README.Debian describes)"
  # The postinst registers to the Central API unless this file already holds something; offline that
  # registration fails and leaves the package unconfigured.
  [ "$(id -u)" = 0 ] || die "need root to install crowdsec"
  mkdir -p /etc/crowdsec
  [ -s /etc/crowdsec/online_api_credentials.yaml ] ||
    echo '# no thanks: offline machine, no Central API' > /etc/crowdsec/online_api_credentials.yaml
  if ! apt_install crowdsec && ! dpkg --configure crowdsec >>"$WORK/apt.log" 2>&1; then
    tail -5 "$WORK/apt.log" >&2
    echo "compare.sh: CrowdSec could not be installed (see $WORK/apt.log): skipping it" >&2
    SKIP_CROWDSEC=1
  fi
fi

# ---------------------------------------------------------------- build and simulate
# Published as it is deployed: ReadyToRun, so start-up runs precompiled code instead of waiting for the JIT (a third
# of a second on one core, an eighth of the whole budget for a 2.5-million-line file at the target rate).
RID=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
[ -n "$RID" ] || die "could not read the runtime identifier from 'dotnet --info'"
log "publishing haris (Release, ReadyToRun, $RID); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet publish "$REPO/src/Haris.Cli" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/haris" -nologo -v q >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log" >&2; die "dotnet publish failed (see $WORK/build.log)"; }
HARIS_DLL=$WORK/haris/haris.dll
[ -f "$HARIS_DLL" ] || die "$HARIS_DLL not found after publishing"
haris() { dotnet "$HARIS_DLL" "$@"; }

log "simulating $MINUTES min, seed $SEED, scale $SCALE"
DAY=$WORK/day
haris simulate --out "$DAY" --seed "$SEED" --minutes "$MINUTES" --scale "$SCALE" 2>"$WORK/simulate.log" || { cat "$WORK/simulate.log" >&2; die "haris simulate failed"; }
cat "$WORK/simulate.log" >&2
LOG=$DAY/access.log
LABELS=$DAY/labels.jsonl
LINES=$(wc -l < "$LOG")
BYTES=$(stat -c %s "$LOG")
[ "$LINES" -ge $MIN_LINES ] || die "access.log has $LINES lines, fewer than $MIN_LINES: raise MINUTES or SCALE"

# ---------------------------------------------------------------- scoring (one function for every tool)
SCORE=$WORK/score.py
cat > "$SCORE" <<'PY'
import json, sys, datetime, collections

def haris_ips(ndjson, max_line=None):
    """Source addresses of Haris alerts: group["source.ip"] for correlation alerts, else fields["source.ip"]."""
    ips = set()
    with open(ndjson, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if max_line is not None and a.get("source", {}).get("line", 0) > max_line:
                continue
            ip = (a.get("group") or {}).get("source.ip") or (a.get("fields") or {}).get("source.ip")
            if isinstance(ip, list): ip = ip[0] if ip else None
            if ip: ips.add(ip)
    return ips

def last_time(access_log):
    """UTC time of the last line of an access log ([11/Jun/2026:18:00:01 +0300])."""
    with open(access_log, "rb") as f:
        f.seek(0, 2); f.seek(max(0, f.tell() - 65536))
        last = f.read().decode("utf-8", "replace").rstrip("\n").split("\n")[-1]
    ts = last.split("[", 1)[1].split("]", 1)[0]
    return datetime.datetime.strptime(ts, "%d/%b/%Y:%H:%M:%S %z").astimezone(datetime.timezone.utc)

def score(tool, labels, flagged, until=None):
    """Per campaign kind of access.log: campaigns with at least one source flagged; flagged IPs in no campaign."""
    camps = [json.loads(l) for l in open(labels, encoding="utf-8") if l.strip()]
    every = set(s for c in camps for s in c["sources"])
    camps = [c for c in camps if c["log"] == "access.log"]
    if until is not None:
        camps = [c for c in camps if datetime.datetime.fromisoformat(c["start"].replace("Z", "+00:00")) <= until]
    kinds = collections.OrderedDict()
    for c in sorted(camps, key=lambda c: c["kind"]):
        hit = any(s in flagged for s in c["sources"])
        k = kinds.setdefault(c["kind"], [0, 0]); k[1] += 1; k[0] += hit
    fp = sorted(ip for ip in flagged if ip not in every)
    total_hit = sum(v[0] for v in kinds.values()); total = sum(v[1] for v in kinds.values())
    return {"tool": tool, "kinds": kinds, "caught": total_hit, "campaigns": total, "flagged": len(flagged), "fp": len(fp), "fp_sample": fp[:5]}

def main():
    cmd = sys.argv[1]
    if cmd == "haris-ips":
        for ip in sorted(haris_ips(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)): print(ip)
    elif cmd == "crowdsec-ips":
        alerts = json.load(open(sys.argv[2])) or []
        for ip in sorted({(a.get("source") or {}).get("value") or (a.get("source") or {}).get("ip") for a in alerts} - {None, ""}): print(ip)
    elif cmd == "score":
        # score LABELS OUT.json [--until ACCESS_LOG_PREFIX] TOOL=IPFILE...
        labels, out, args = sys.argv[2], sys.argv[3], sys.argv[4:]
        until = None
        if args and args[0] == "--until":
            until = last_time(args[1]); args = args[2:]
        rows = []
        for a in args:
            tool, path = a.split("=", 1)
            rows.append(score(tool, labels, set(l.strip() for l in open(path) if l.strip()), until))
        json.dump(rows, open(out, "w"), indent=1)
        kinds = sorted({k for r in rows for k in r["kinds"]})
        w = max(len(k) for k in kinds + ["all access.log campaigns", "flagged, in no campaign"])
        head = "campaign kind".ljust(w) + "".join(f" | {r['tool']:>14}" for r in rows)
        print(head); print("-" * len(head))
        for k in kinds:
            print(k.ljust(w) + "".join(" | {:>14}".format("%d/%d" % tuple(r["kinds"].get(k, [0, 0]))) for r in rows))
        print("-" * len(head))
        print("all access.log campaigns".ljust(w) + "".join(" | {:>14}".format("%d/%d" % (r["caught"], r["campaigns"])) for r in rows))
        print("flagged IPs".ljust(w) + "".join(f" | {r['flagged']:>14}" for r in rows))
        print("flagged, in no campaign".ljust(w) + "".join(f" | {r['fp']:>14}" for r in rows))
    elif cmd == "throughput":
        # throughput RESULTS.tsv: name lines bytes wall user sys rss_kb note
        rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
        base = next((float(r[1]) / float(r[3]) for r in rows if r[0] == "haris 1 core"), None)
        head = f"{'tool':<22} | {'lines':>9} | {'wall s':>7} | {'lines/s':>9} | {'MB/s':>6} | {'CPU s':>7} | {'peak RSS MB':>11} | {'Haris 1 core / tool':>19}"
        print(head); print("-" * len(head))
        for r in rows:
            name, lines, size, wall, user, sys_, rss = r[0], int(r[1]), int(r[2]), float(r[3]), float(r[4]), float(r[5]), int(r[6])
            lps = lines / wall if wall > 0 else float("inf")
            ratio = f"{base / lps:.2f}x" if base and name != "haris 1 core" else "-"
            print(f"{name:<22} | {lines:>9,} | {wall:>7.2f} | {lps:>9,.0f} | {size / 1e6 / wall:>6.1f} | {user + sys_:>7.1f} | {rss / 1024:>11.0f} | {ratio:>19}")
        for r in rows:
            if len(r) > 7 and r[7]: print(f"  {r[0]}: {r[7]}")

if __name__ == "__main__":
    main()
PY

# measure NAME LINES BYTES NOTE -- COMMAND...: runs COMMAND under /usr/bin/time, appends to results.tsv
measure() {
  local name=$1 lines=$2 bytes=$3 note=$4; shift 5
  local tf=$WORK/time.${name// /_}
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" || { echo "compare.sh: '$name' failed: $*" >&2; return 1; }
  read -r wall user sys rss < <(tail -1 "$tf")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$lines" "$bytes" "$wall" "$user" "$sys" "$rss" "$note" >> "$RESULTS"
  printf '%s: %s s wall, %s s user, %s s sys, %s KB peak RSS\n' "$name" "$wall" "$user" "$sys" "$rss" >&3
}

# ---------------------------------------------------------------- haris
RULES_ARGS=()
SIGMA_WEB=$(cd "$REPO/.." && pwd)/shared/sigma/rules/web
if [ -d "$SIGMA_WEB" ]; then
  RULES_ARGS=(--rules "$SIGMA_WEB"); RULES_NOTE="built-in pack + $SIGMA_WEB"
else
  RULES_NOTE="built-in pack only: $SIGMA_WEB not found"
  echo "compare.sh: note: $SIGMA_WEB not found, haris runs the built-in pack only" >&2
fi
# shellcheck disable=SC2206
EXTRA=(${HARIS_SCAN_ARGS:-})
log "haris scan, pinned to core 0"
measure "haris 1 core" "$LINES" "$BYTES" "$RULES_NOTE; taskset -c 0" -- \
  taskset -c 0 dotnet "$HARIS_DLL" scan "${RULES_ARGS[@]}" "${EXTRA[@]}" --format combined --output "$WORK/haris-1core.ndjson" "$LOG" \
  2>"$WORK/haris-1core.stderr" || { tail -20 "$WORK/haris-1core.stderr" >&2; die "haris scan (1 core) failed"; }
log "haris scan, all $(nproc) cores"
measure "haris all cores" "$LINES" "$BYTES" "same command, no taskset" -- \
  dotnet "$HARIS_DLL" scan "${RULES_ARGS[@]}" "${EXTRA[@]}" --format combined --output "$WORK/haris-allcores.ndjson" "$LOG" \
  2>"$WORK/haris-allcores.stderr" || { tail -20 "$WORK/haris-allcores.stderr" >&2; die "haris scan (all cores) failed"; }
python3 "$SCORE" haris-ips "$WORK/haris-1core.ndjson" > "$WORK/ips.haris-1core"
python3 "$SCORE" haris-ips "$WORK/haris-allcores.ndjson" > "$WORK/ips.haris-allcores"
if cmp -s <(cut -d'"' -f4 "$WORK/haris-1core.ndjson" | sort) <(cut -d'"' -f4 "$WORK/haris-allcores.ndjson" | sort); then
  SAME_ALERTS="identical alert ids"; else SAME_ALERTS="alert ids DIFFER between 1-core and all-core scans"; fi
echo "haris: $(wc -l < "$WORK/haris-1core.ndjson") alerts (1 core), $(wc -l < "$WORK/haris-allcores.ndjson") (all cores): $SAME_ALERTS" >&2
SCORED=("haris=$WORK/ips.haris-1core")

# ---------------------------------------------------------------- CrowdSec
CS_LINES=0
if [ "$SKIP_CROWDSEC" != 1 ]; then
  log "CrowdSec $(crowdsec -version 2>&1 | grep -m1 -o 'v[0-9][^ ]*' || true): private config in $WORK/crowdsec, offline hub /usr/share/crowdsec/hub"
  CS=$WORK/crowdsec
  HUB=/usr/share/crowdsec/hub
  [ -f "$HUB/.index.json" ] || die "the offline hub $HUB is missing (Debian package crowdsec ships it)"
  rm -rf "$CS"; mkdir -p "$CS/etc" "$CS/data" "$CS/hub"
  cp -r /usr/share/crowdsec/data/. "$CS/data/"
  # the scenario http-path-traversal-probing reads http_path_traversal.txt; the package ships the same list
  # (sec-lists web/path_traversal.txt) as path_traversal.txt
  [ -f "$CS/data/http_path_traversal.txt" ] || cp "$CS/data/path_traversal.txt" "$CS/data/http_path_traversal.txt"
  cp -r /etc/crowdsec/patterns "$CS/etc/"
  cp /etc/crowdsec/profiles.yaml /etc/crowdsec/simulation.yaml "$CS/etc/"
  for i in blockers collections parsers postoverflows scenarios .index.json; do ln -s "$HUB/$i" "$CS/hub/$i"; done
  echo '# replay only: the file is given with -dsn' > "$CS/etc/acquis.yaml"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$CS/etc/config.yaml" <<EOF
common:
  daemonize: false
  log_media: stdout
  log_level: info
  working_dir: .
config_paths:
  config_dir: $CS/etc/
  data_dir: $CS/data/
  simulation_path: $CS/etc/simulation.yaml
  hub_dir: $CS/hub/
  index_path: $CS/hub/.index.json
  notification_dir: $CS/etc/notifications/
  plugin_dir: /usr/lib/crowdsec/plugins/
crowdsec_service:
  acquisition_path: $CS/etc/acquis.yaml
  parser_routines: $(nproc)
cscli:
  output: human
  color: false
  hub_branch: master
db_config:
  log_level: info
  type: sqlite
  db_path: $CS/data/crowdsec.db
  use_wal: true
  flush:
    max_items: 100000
api:
  client:
    insecure_skip_verify: false
    credentials_path: $CS/etc/local_api_credentials.yaml
  server:
    log_level: info
    listen_uri: 127.0.0.1:$PORT
    profiles_path: $CS/etc/profiles.yaml
    trusted_ips: ["127.0.0.1", "::1"]
prometheus:
  enabled: false
  level: full
  listen_addr: 127.0.0.1
  listen_port: 6060
EOF
  # Enable items the way Debian's postinst does offline (cscli install downloads even when the item is local):
  # symlinks from the config dir into the hub. Parsers: the nginx collection's chain; scenarios: every one
  # whose filter reads HTTP fields, plus nginx-req-limit-exceeded (nginx collection).
  python3 - "$HUB" "$CS/etc" > "$CS/enabled.txt" <<'PY'
import glob, os, re, sys, yaml
hub, etc = sys.argv[1], sys.argv[2]
items = []
for p in ["s00-raw/crowdsecurity/syslog-logs", "s01-parse/crowdsecurity/nginx-logs", "s02-enrich/crowdsecurity/dateparse-enrich",
          "s02-enrich/crowdsecurity/http-logs", "s02-enrich/crowdsecurity/whitelists"]:
    stage, vendor, name = p.split("/")
    items.append((f"{hub}/parsers/{p}.yaml", f"parsers/{stage}/{name}.yaml", f"{vendor}/{name}"))
for f in sorted(glob.glob(f"{hub}/scenarios/*/*.yaml")):
    docs = [d for d in yaml.safe_load_all(open(f)) if isinstance(d, dict)]
    if any(re.search(r"http", str(d.get("filter", "")), re.I) for d in docs) or f.endswith("/nginx-req-limit-exceeded.yaml"):
        items.append((f, "scenarios/" + os.path.basename(f), "/".join(f.split("/")[-2:])[:-5]))
for src, dst, name in items:
    os.makedirs(os.path.dirname(f"{etc}/{dst}"), exist_ok=True)
    os.symlink(src, f"{etc}/{dst}")
    print(("parser   " if dst.startswith("parsers") else "scenario ") + name)
PY
  echo "CrowdSec: enabled $(grep -c '^parser' "$CS/enabled.txt") parsers and $(grep -c '^scenario' "$CS/enabled.txt") scenarios (list in $CS/enabled.txt)" >&2
  CSCLI=(cscli -c "$CS/etc/config.yaml")
  "${CSCLI[@]}" machines add bench --auto --force >"$CS/cscli.log" 2>&1 || { cat "$CS/cscli.log" >&2; die "cscli machines add failed"; }
  # -no-api makes the agent push its alerts to a separately running local API: start one (127.0.0.1 only)
  crowdsec -c "$CS/etc/config.yaml" -no-cs >"$CS/lapi.log" 2>&1 &
  LAPI_PID=$!; CLEANUP_PIDS+=("$LAPI_PID")
  for _ in $(seq 1 60); do "${CSCLI[@]}" lapi status >/dev/null 2>&1 && break; sleep 0.5; done
  "${CSCLI[@]}" lapi status >>"$CS/cscli.log" 2>&1 || { tail -20 "$CS/lapi.log" >&2; die "CrowdSec local API did not come up on 127.0.0.1:$PORT"; }
  if [ "$CROWDSEC_LINES" = all ] || [ "$CROWDSEC_LINES" -ge "$LINES" ]; then
    CS_LOG=$LOG; CS_LINES=$LINES; CS_NOTE="whole file"
  else
    CS_LOG=$WORK/access.head.log; head -n "$CROWDSEC_LINES" "$LOG" > "$CS_LOG"; CS_LINES=$CROWDSEC_LINES
    CS_NOTE="first $CS_LINES lines of the same access.log (CROWDSEC_LINES); parser_routines=$(nproc)"
  fi
  CS_BYTES=$(stat -c %s "$CS_LOG")
  log "CrowdSec replay: crowdsec -dsn file://$CS_LOG -type nginx -no-api ($CS_LINES lines)"
  measure "crowdsec" "$CS_LINES" "$CS_BYTES" "$CS_NOTE" -- \
    crowdsec -c "$CS/etc/config.yaml" -dsn "file://$CS_LOG" -type nginx -no-api >"$CS/replay.log" 2>&1 ||
    { grep -v 'level=info' "$CS/replay.log" | tail -20 >&2; die "crowdsec replay failed"; }
  if grep -q 'level=fatal' "$CS/replay.log"; then grep 'level=fatal' "$CS/replay.log" >&2; die "crowdsec replay logged a fatal error"; fi
  "${CSCLI[@]}" alerts list -o json -l 0 > "$CS/alerts.json" 2>>"$CS/cscli.log" || die "cscli alerts list failed"
  LAPI_RSS=$(awk '/VmHWM/ {print $2}' "/proc/$LAPI_PID/status" 2>/dev/null || echo '?')
  kill "$LAPI_PID"; wait "$LAPI_PID" 2>/dev/null || true
  sed -i "\$s|\$|; local API (separate process) peak RSS ${LAPI_RSS} KB|" "$RESULTS"
  python3 "$SCORE" crowdsec-ips "$CS/alerts.json" > "$WORK/ips.crowdsec"
  echo "CrowdSec: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1])) or []))' "$CS/alerts.json") alerts; by scenario:" >&2
  python3 -c 'import json,sys,collections; c=collections.Counter(a["scenario"] for a in (json.load(open(sys.argv[1])) or [])); [print(f"  {n:6d} {s}") for s,n in c.most_common()]' "$CS/alerts.json" >&2
  # on a prefix CrowdSec is scored only against the campaigns of that prefix (table further down)
  [ "$CS_LINES" -lt "$LINES" ] || SCORED+=("crowdsec=$WORK/ips.crowdsec")
fi

# ---------------------------------------------------------------- fail2ban
if [ "$SKIP_FAIL2BAN" != 1 ]; then
  log "fail2ban-regex $(fail2ban-regex --version 2>&1 | head -1 | awk '{print $2}'): ${F2B_FILTERS[*]}, one after another"
  F2B_WALL=0; F2B_USER=0; F2B_SYS=0; F2B_RSS=0
  : > "$WORK/ips.fail2ban"
  for f in "${F2B_FILTERS[@]}"; do
    conf=/etc/fail2ban/filter.d/$f.conf
    [ -f "$conf" ] || die "fail2ban filter $conf not found"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.f2b.$f" fail2ban-regex -r -o ip "$LOG" "$conf" > "$WORK/f2b.$f.ips" 2>"$WORK/f2b.$f.stderr" ||
      { tail "$WORK/f2b.$f.stderr" >&2; die "fail2ban-regex $f failed"; }
    read -r wall user sys rss < <(tail -1 "$WORK/time.f2b.$f")
    echo "fail2ban-regex $f: $wall s, $(sort -u "$WORK/f2b.$f.ips" | grep -c . || true) distinct IPs from $(grep -c . "$WORK/f2b.$f.ips" || true) matched lines" >&2
    F2B_WALL=$(python3 -c "print($F2B_WALL + $wall)"); F2B_USER=$(python3 -c "print($F2B_USER + $user)")
    F2B_SYS=$(python3 -c "print($F2B_SYS + $sys)"); [ "$rss" -gt "$F2B_RSS" ] && F2B_RSS=$rss
    cat "$WORK/f2b.$f.ips" >> "$WORK/ips.fail2ban"
  done
  sort -u -o "$WORK/ips.fail2ban" "$WORK/ips.fail2ban"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "fail2ban-regex" "$LINES" "$BYTES" "$F2B_WALL" "$F2B_USER" "$F2B_SYS" "$F2B_RSS" \
    "${#F2B_FILTERS[@]} filters (${F2B_FILTERS[*]}) run one after another: wall = sum of the runs, RSS = largest" >> "$RESULTS"
  SCORED+=("fail2ban=$WORK/ips.fail2ban")
fi

# ---------------------------------------------------------------- report
echo
echo "# Haris vs CrowdSec vs fail2ban: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "input: $LOG: $LINES lines, $(python3 -c "print(f'{$BYTES/1e6:.1f}')") MB (haris simulate --seed $SEED --minutes $MINUTES --scale $SCALE)"
echo "haris: $RULES_NOTE; 1-core vs all-core alerts: $SAME_ALERTS"
echo "tree: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$REPO" status --porcelain 2>/dev/null)" ] && echo ' with uncommitted changes'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## Throughput"
python3 "$SCORE" throughput "$RESULTS"
echo
echo "## Detection on the whole file (campaigns with at least one source flagged / campaigns)"
python3 "$SCORE" score "$LABELS" "$WORK/score.json" "${SCORED[@]}"
if [ "$CS_LINES" -gt 0 ] && [ "$CS_LINES" -lt "$LINES" ]; then
  python3 "$SCORE" haris-ips "$WORK/haris-1core.ndjson" "$CS_LINES" > "$WORK/ips.haris-head"
  echo
  echo "## Detection on the first $CS_LINES lines (what CrowdSec saw; campaigns that started in them)"
  python3 "$SCORE" score "$LABELS" "$WORK/score.head.json" --until "$CS_LOG" "haris=$WORK/ips.haris-head" "crowdsec=$WORK/ips.crowdsec"
  echo "(CrowdSec is left out of the whole-file table above: it saw only these lines)"
fi
echo
echo "outputs in $WORK"
