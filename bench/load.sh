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
#   bash bench/load.sh [SIZES]     (connection counts; default "100 1000 5000"; "" for the
#                                   ceiling alone; TRIALS=N ceiling rounds, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1-100 1000 5000}"
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
# pin: the taskset prefix of the generators (the ceiling sets it); generator_workers likewise.
pin=()
generator_workers=()
row() {
  local server=$1 connections=$2 ramp=$3 hold=$4 rate=$5 port=${ports[$1]} out
  out="$results/$server-$connections-$rate"
  /usr/bin/time -f '%U %S %M' -o "$out.wsconform.time" "${pin[@]}" "$bin" load "ws://127.0.0.1:$port/" --connections "$connections" \
    "${generator_workers[@]}" --ramp "${ramp}s" --hold "${hold}s" --rate "$rate" --sizes 64:1 --report-dir "$out.wsconform" --format json >/dev/null 2>&1 || true
  python3 - "$out.wsconform/load-report.json" "$out.wsconform.time" "$server" "$connections" "$rate" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); user, system, rss = open(sys.argv[2]).read().split()[-3:]
print(f"{sys.argv[3]:<11} {sys.argv[4]:>6} {sys.argv[5]:>5} | {'wsconform':<9} {r['totals']['echoesPerSecond']:>10.1f} "
      f"{r['latency']['p50'] / 1000:>9.3f} {r['latency']['p99'] / 1000:>9.3f} {float(user) + float(system):>7.2f} "
      f"{int(rss) / 1024:>8.1f} {r['totals']['errors']:>6}")
PY
  python3 bench/load-tsung.py config "$port" "$connections" "$ramp" "$hold" "$rate" 64 >"$out.tsung.xml"
  rm -rf "$out.tsung"
  /usr/bin/time -f '%U %S %M' -o "$out.tsung.time" "${pin[@]}" tsung -f "$out.tsung.xml" -l "$out.tsung" start >/dev/null 2>&1 || true
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

# The ceiling: 50 connections, each sending its next message as soon as the echo is back, with
# wsconform load, tsung and EchoBench's raw loop taking turns, TRIALS rounds (default 5), each
# generator and the server on a core of its own where there are two (taskset): on a shared
# 2-core VM a closed loop against a thread-per-connection server is bimodal from one run to the
# next, so one run of each decides nothing. Each trial prints its row; then the median of each
# generator's trials (and the range of its echoes/s) per server.
trials=${TRIALS:-5}
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  pin=(taskset -c 0)
  generator_workers=(--workers 1)
fi
ceiling_rows="$results/ceiling.rows"
: >"$ceiling_rows"
for server in serve websockets node-ws; do
  [ ${#pin[@]} -gt 0 ] && taskset -a -p -c 1 "${pids[$server]}" >/dev/null
  for trial in $(seq "$trials"); do
    row "$server" 50 1 5 0 | tee -a "$ceiling_rows"
    /usr/bin/time -f '%U %S %M' -o "$results/$server-echobench.time" "${pin[@]}" .build-bench/release/EchoBench \
      --url "ws://127.0.0.1:${ports[$server]}/" --mode rtt --size 64 --connections 50 --seconds 5 >"$results/$server-echobench.json" 2>/dev/null || true
    python3 - "$results/$server-echobench.json" "$results/$server-echobench.time" "$server" <<'PY' | tee -a "$ceiling_rows"
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1]); user, system, rss = open(sys.argv[2]).read().split()[-3:]
rate = r["roundTripsPerSecond"]
p50 = r["latencyMicroseconds"]["p50"] / 1000; p99 = r["latencyMicroseconds"]["p99"] / 1000
print(f"{sys.argv[3]:<11} {50:>6} {0:>5} | {'EchoBench':<9} {rate:>10.1f} {p50:>9.3f} {p99:>9.3f} {float(user) + float(system):>7.2f} {int(rss) / 1024:>8.1f} {'-':>6}")
PY
  done
done
echo "ceiling, median of $trials trials (echoes/s range in brackets)${pin[*]:+; generator on core 0, server on core 1}:"
python3 - "$ceiling_rows" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    left, right = line.split("|")
    server, generator = left.split()[0], right.split()[0]
    rows.setdefault((server, generator), []).append([float(x) for x in right.split()[1:5]])
for (server, generator), values in rows.items():
    rates, p50s, p99s, cpus = zip(*values)
    print(f"{server:<11} {generator:<9} {statistics.median(rates):>10.1f} [{min(rates):.0f}-{max(rates):.0f}] "
          f"p50 {statistics.median(p50s):.3f} ms  p99 {statistics.median(p99s):.3f} ms  cpu {statistics.median(cpus):.2f} s")
PY
echo "results: $results"
