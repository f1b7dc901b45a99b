#!/usr/bin/env bash
# Benchmark (not a test): the 216 compression cases (Autobahn 12.x/13.x, RFC 7692) in full,
# against the built-in reference server and against Python `websockets` with its defaults
# (compression on), timed as whole processes: wall seconds, the tester's CPU seconds and peak
# memory (bench/timed.py), and the target's own CPU seconds over the same run (from
# /proc/PID/stat). With AUTOBAHN=1, Autobahn|Testsuite runs 12.1.* and 13.1.* against the same
# websockets server in the same run, beside wsconform on the same cases
# (../shared/tools/install-autobahn installs it into .venv-autobahn). Servers run on loopback
# and are stopped by PID.
#
#   bash bench/compression.sh [CASES]        (default: 12.*,13.*)
#   AUTOBAHN=1 bash bench/compression.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-12.*,13.*}"
scripts/install-deps
swift build -c release --product wsconform --scratch-path .build-bench >/dev/null
bin=.build-bench/release/wsconform
logs=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap cleanup EXIT
ticks=$(getconf CLK_TCK)
# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }

"$bin" serve --port 0 >"$logs/serve.log" 2>&1 &
serve_pid=$!
pids+=("$serve_pid")
.venv/bin/python Tests/InteropTests/python/peers.py websockets >"$logs/websockets.log" 2>&1 &
websockets_pid=$!
pids+=("$websockets_pid")
for _ in $(seq 1 100); do
  grep -q 'listening on' "$logs/serve.log" && grep -q '^PORT' "$logs/websockets.log" && break
  sleep 0.1
done
serve_url=$(grep -o 'ws://[^ ]*' "$logs/serve.log" | head -n 1)
websockets_url="ws://127.0.0.1:$(sed -n 's/^PORT //p' "$logs/websockets.log")/"
echo "cases: $cases ($("$bin" list --cases "$cases" | wc -l)); machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"

# One timed run (no warm-up: each is minutes) of COMMAND, with the target PID's CPU seconds.
measure() {
  local name=$1 pid=$2
  shift 2
  local before after
  before=$(cpu_of "$pid")
  echo "== $name"
  python3 bench/timed.py 1 1 --no-warm-up -- "$@"
  after=$(cpu_of "$pid")
  awk -v a="$after" -v b="$before" 'BEGIN { printf "  target cpu s %8.2f\n", a - b }'
}

measure "wsconform, serve" "$serve_pid" "$bin" run "$serve_url" --cases "$cases" --report-dir "$logs/reports-serve"
measure "wsconform, websockets" "$websockets_pid" "$bin" run "$websockets_url" --cases "$cases" --report-dir "$logs/reports-websockets"

if [ "${AUTOBAHN:-0}" = 1 ]; then
  wstest=$(bash ../shared/tools/install-autobahn .venv-autobahn | tail -n 1)
  cat >"$logs/fuzzingclient.json" <<JSON
{"outdir": "$logs/autobahn", "servers": [{"agent": "websockets", "url": "$websockets_url"}],
 "cases": ["12.1.*", "13.1.*"], "exclude-cases": [], "exclude-agent-cases": {}}
JSON
  measure "Autobahn|Testsuite, websockets, 12.1.* 13.1.*" "$websockets_pid" \
    sh -c "cd '$logs' && '$wstest' -m fuzzingclient -s fuzzingclient.json"
  measure "wsconform, websockets, 12.1.* 13.1.*" "$websockets_pid" \
    "$bin" run "$websockets_url" --cases '12.1.*,13.1.*' --report-dir "$logs/reports-pair"
fi
