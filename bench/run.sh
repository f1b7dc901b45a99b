#!/usr/bin/env bash
# Echo benchmark: wsconform's reference server (`wsconform serve`) against Python `websockets`
# (Tests/InteropTests/python/echo_server.py), measured back to back in one run with the same
# client (EchoBench, built on wsconform's own client) and the same parameters.
#
# Prints a table and keeps the raw JSON under bench/results/<UTC time>/ (git-ignored).
# Knobs (environment): RTT_SECONDS (3), ROUNDS (3), CONNECTIONS (4), PLAIN_COUNT (8),
# DEFLATE_COUNT (3), SIZE (32), BIG_SIZE (16777216). The defaults take about a minute and a
# half once the build is up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

rtt_seconds=${RTT_SECONDS:-3}
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-4}
plain_count=${PLAIN_COUNT:-8}
deflate_count=${DEFLATE_COUNT:-3}
size=${SIZE:-32}
big_size=${BIG_SIZE:-16777216}

scripts/install-deps
scratch=.build-bench
swift build -c release --scratch-path "$scratch" --product wsconform
swift build -c release --scratch-path "$scratch" --product EchoBench
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
python=.venv/bin/python

results=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"

# Servers run in the background; they are stopped by PID whatever happens.
source bench/lib.sh  # the working directory is the repository root (see cd above)
cleanup() {
  stop_servers
}
trap cleanup EXIT

ws_port='s|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p'
py_port='s|^PORT \([0-9]*\)$|\1|p'
start wsconform "$ws_port" "$bin/wsconform" serve --port 0 --no-deflate
start websockets "$py_port" "$python" Tests/InteropTests/python/echo_server.py --no-deflate
start wsconform-deflate "$ws_port" "$bin/wsconform" serve --port 0
start websockets-deflate "$py_port" "$python" Tests/InteropTests/python/echo_server.py

bench() {
  local name=$1 file=$2
  shift 2
  "$bin/EchoBench" --url "ws://127.0.0.1:${ports[$name]}/" --label "$name" "$@" >"$results/$name.$file.json"
}

# Each pair (ours, theirs) is measured alternately, so drift on a busy machine hits both.
for pair in "wsconform websockets" "wsconform-deflate websockets-deflate"; do
  deflate=()
  count=$plain_count
  case $pair in *deflate*) deflate=(--deflate) count=$deflate_count ;; esac
  for round in $(seq "$rounds"); do
    for name in $pair; do
      echo "rtt $name (round $round of $rounds)"
      bench "$name" "rtt.$round" --mode rtt --size "$size" --seconds "$rtt_seconds" "${deflate[@]}"
    done
  done
  for name in $pair; do
    echo "rtt $name, $connections connections"
    bench "$name" "rtt-c$connections" --mode rtt --size "$size" --seconds "$rtt_seconds" --connections "$connections" "${deflate[@]}"
    echo "throughput $name, $count x $big_size octets"
    bench "$name" throughput --mode throughput --size "$big_size" --count "$count" "${deflate[@]}"
  done
done

# Peak resident memory of each server process over everything it served.
for name in "${!pids[@]}"; do
  awk '/^VmHWM:/ { print $2 }' "/proc/${pids[$name]}/status" >"$results/$name.vmhwm-kb"
done
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpus: $(nproc)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "kernel: $(uname -sr)"
  echo "swift: $(swift --version 2>/dev/null | head -n 1)"
  echo "python: $("$python" --version 2>&1)"
  echo "websockets: $("$python" -c 'import websockets; print(websockets.__version__)')"
} >"$results/machine.txt"

python3 - "$results" "$connections" <<'EOF'
import json, pathlib, statistics, sys

results, connections = pathlib.Path(sys.argv[1]), sys.argv[2]
rows = []
for name in ["wsconform", "websockets", "wsconform-deflate", "websockets-deflate"]:
    rtt = [json.loads(p.read_text()) for p in sorted(results.glob(f"{name}.rtt.*.json"))]
    many = json.loads((results / f"{name}.rtt-c{connections}.json").read_text())
    big = json.loads((results / f"{name}.throughput.json").read_text())
    hwm = int((results / f"{name}.vmhwm-kb").read_text())
    median = lambda values: statistics.median(values)
    rows.append([
        name,
        (big.get("extensions") or "-").replace("permessage-deflate", "deflate")
            .replace("server_max_window_bits", "server_bits").replace("client_max_window_bits", "client_bits"),
        f"{median([r['roundTripsPerSecond'] for r in rtt]):,.0f}",
        f"{median([r['latencyMicroseconds']['p50'] for r in rtt]):.1f}",
        f"{median([r['latencyMicroseconds']['p99'] for r in rtt]):.1f}",
        f"{many['roundTripsPerSecond']:,.0f}",
        f"{big['megabytesPerSecond']:.1f}",
        f"{big['perMessageMilliseconds']['p50']:.0f}",
        f"{hwm / 1024:.1f}",
    ])
head = ["server", "extension", "rtt/s", "p50 µs", "p99 µs", f"rtt/s x{connections}",
        "16 MiB MB/s", "ms/msg", "peak RSS MiB"]
lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
lines += ["| " + " | ".join(row) + " |" for row in rows]
table = "\n".join(lines)
(results / "table.md").write_text(table + "\n")
print()
print(table)
print()
print((results / "machine.txt").read_text().strip())
print(f"raw JSON: {results}/")
EOF
