#!/usr/bin/env bash
# Benchmark (not a test): the whole pre-launch check (`wsconform check`: the quick-tier
# catalogue with the opening-handshake cases, and every posture probe) against the built-in
# reference server and against Python `websockets`, each configured as a service about to go
# live (the NAME-policy peer of Tests/InteropTests/python/peers.py; serve with a 1 MiB message
# limit, a 10 s handshake timeout and a 20 s heartbeat). Timed as whole processes
# (bench/timed.py: wall, CPU, peak RSS), twice per target: with the long observations (idle,
# heartbeat, slow handshake) at their default bound of 60 s, and with --observe 1s, which is
# the check apart from that bound (the goal: under 30 s). Servers run on loopback and are
# stopped by PID.
#
#   bash bench/check.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
scripts/install-deps >/dev/null
swift build -c release --product wsconform --scratch-path .build-bench >/dev/null
bin=.build-bench/release/wsconform
results=$(mktemp -d)
source bench/lib.sh
trap 'stop_servers; rm -rf "$results"' EXIT

start serve 's/.*listening on ws:\/\/127.0.0.1:\([0-9]*\).*/\1/p' \
  "$bin" serve --port 0 --max-message-size 1048576 --handshake-timeout 10s --ping-interval 20s
start websockets 's/^PORT //p' .venv/bin/python Tests/InteropTests/python/peers.py websockets-policy
echo "check: $("$bin" list --tier quick | tail -n 1) in the quick tier; machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
for name in serve websockets; do
  url="ws://127.0.0.1:${ports[$name]}/"
  for observe in 60s 1s; do
    echo "== $name, --observe $observe"
    # Exit 1 (a failed checklist item or conformance failures) is a result here, not an error.
    python3 bench/timed.py "$runs" 1 --no-warm-up -- "$bin" check "$url" --allowed-origin https://app.example \
      --observe "$observe" --report-dir "$results/$name-$observe"
  done
  sed -n '/^| ✅\|^| ⚠️\|^| ❌\|^| ➖/p' "$results/$name-60s/summary.md" | cut -c1-160
done
