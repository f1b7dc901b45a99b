#!/usr/bin/env bash
# Benchmark (not a test): wsconform load against tsung (Debian's package, a well-known load
# generator with a WebSocket engine), same server process, same scenario, one after the other:
# CONNECTIONS upgraded over a ramp, each sending 64-octet messages at a rate for the hold, every
# echo checked (wsconform octet for octet, tsung by a match on the payload), then closed. For
# each: echoes per second over the hold, p50/p99 echo latency, and the generator's own CPU
# seconds and peak memory (GNU time, children included). Then the ceiling: 50 connections, the
# next message on each echo, with wsconform load, tsung and the raw echo loop of EchoBench.
# Servers: wsconform serve, Python websockets, node ws; loopback only, stopped by PID. Results
# go to bench/results/load-<UTC time>/.
#
#   bash bench/load.sh [SIZES]     (connection counts; default "100 1000 5000")
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-100 1000 5000}"
source bench/lib.sh  # the working directory is the repository root (see cd above)
bench_setup load
trap 'stop_servers' EXIT
command -v tsung >/dev/null || { echo "installing tsung"; DEBIAN_FRONTEND=noninteractive ${SUDO:-$( [ "$(id -u)" -eq 0 ] || echo sudo)} apt-get install -y -qq tsung >/dev/null; }
swift build -c release --product EchoBench --scratch-path .build-bench >/dev/null
ulimit -n "$(ulimit -Hn)"
start serve 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$bin" serve --port 0
start websockets 's|^PORT \([0-9]*\)$|\1|p' .venv/bin/python Tests/InteropTests/python/peers.py websockets
start node-ws 's|^PORT \([0-9]*\)$|\1|p' node Tests/InteropTests/node/peer.js
echo "machine: $(nproc) cores, descriptor limit $(ulimit -n); $(date -u +%Y-%m-%dT%H:%MZ); tsung $(dpkg-query -W -f '${Version}' tsung)"
printf '%-11s %6s %5s | %-9s %10s %9s %9s %7s %8s %6s\n' server conns rate generator echoes/s p50_ms p99_ms cpu_s rss_MiB errors

# row SERVER CONNECTIONS RAMP HOLD RATE: wsconform load, then tsung, on one server and scenario.
row() {
  local server=$1 connections=$2 ramp=$3 hold=$4 rate=$5 port=${ports[$1]} out
  out="$results/$server-$connections-$rate"
  /usr/bin/time -f '%U %S %M' -o "$out.wsconform.time" "$bin" load "ws://127.0.0.1:$port/" --connections "$connections" \
    --ramp "${ramp}s" --hold "${hold}s" --rate "$rate" --sizes 64:1 --report-dir "$out.wsconform" --format json >/dev/null 2>&1 || true
  python3 - "$out.wsconform/load-report.json" "$out.wsconform.time" "$server" "$connections" "$rate" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); user, system, rss = open(sys.argv[2]).read().split()[-3:]
print(f"{sys.argv[3]:<11} {sys.argv[4]:>6} {sys.argv[5]:>5} | {'wsconform':<9} {r['totals']['echoesPerSecond']:>10.1f} "
      f"{r['latency']['p50'] / 1000:>9.3f} {r['latency']['p99'] / 1000:>9.3f} {float(user) + float(system):>7.2f} "
      f"{int(rss) / 1024:>8.1f} {r['totals']['errors']:>6}")
PY
  python3 bench/load-tsung.py config "$port" "$connections" "$ramp" "$hold" "$rate" 64 >"$out.tsung.xml"
  rm -rf "$out.tsung"
  /usr/bin/time -f '%U %S %M' -o "$out.tsung.time" tsung -f "$out.tsung.xml" -l "$out.tsung" start >/dev/null 2>&1 || true
  local active=$hold
  [ "$rate" = 0 ] && active=$(python3 -c "print($hold + $ramp / 2)")
  python3 - "$(ls -d "$out.tsung"/*/ | head -n 1)" "$active" "$out.tsung.time" "$server" "$connections" "$rate" <<'PY'
import json, subprocess, sys
f = json.loads(subprocess.check_output(["python3", "bench/load-tsung.py", "figures", sys.argv[1], sys.argv[2]]))
user, system, rss = open(sys.argv[3]).read().split()[-3:]
print(f"{sys.argv[4]:<11} {sys.argv[5]:>6} {sys.argv[6]:>5} | {'tsung':<9} {f['echoes_per_second']:>10.1f} "
      f"{f['p50_ms'] or 0:>9.3f} {f['p99_ms'] or 0:>9.3f} {float(user) + float(system):>7.2f} {int(rss) / 1024:>8.1f} {f['mismatches']:>6}")
PY
}

for connections in $sizes; do
  rate=5
  [ "$connections" -ge 5000 ] && rate=1
  ramp=$(( connections / 500 > 2 ? connections / 500 : 2 ))
  for server in serve websockets node-ws; do row "$server" "$connections" "$ramp" 20 "$rate"; done
done

# The ceiling: 50 connections, each sending its next message as soon as the echo is back.
for server in serve websockets node-ws; do
  row "$server" 50 1 10 0
  /usr/bin/time -f '%U %S %M' -o "$results/$server-echobench.time" .build-bench/release/EchoBench \
    --url "ws://127.0.0.1:${ports[$server]}/" --mode rtt --size 64 --connections 50 --seconds 10 >"$results/$server-echobench.json" 2>/dev/null || true
  python3 - "$results/$server-echobench.json" "$results/$server-echobench.time" "$server" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1]); user, system, rss = open(sys.argv[2]).read().split()[-3:]
rate = r["roundTripsPerSecond"]
p50 = r["latencyMicroseconds"]["p50"] / 1000; p99 = r["latencyMicroseconds"]["p99"] / 1000
print(f"{sys.argv[3]:<11} {50:>6} {0:>5} | {'EchoBench':<9} {rate:>10.1f} {p50:>9.3f} {p99:>9.3f} {float(user) + float(system):>7.2f} {int(rss) / 1024:>8.1f} {'-':>6}")
PY
done
echo "results: $results"
