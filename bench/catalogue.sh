#!/usr/bin/env bash
# Benchmark (not a test): wall time and peak memory of a full catalogue run against the
# built-in reference server and against Python `websockets`, with --jobs 1 and the default,
# timed as whole processes (bench/timed.py), every run writing all four reports (JSON, HTML,
# JUnit, Markdown). Servers run on loopback and are stopped by PID.
#
#   bash bench/catalogue.sh [RUNS] [ANCHOR]
#
# With ANCHOR (a git revision), that revision is built too (in a temporary worktree) and timed
# in the same run against the same reference server, before this tree's binary: the
# side-by-side figure for "no slower, no bigger than before". TIER=quick runs every case but the
# long compression families (`run --tier quick`; their own figures: bench/compression.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
anchor="${2:-}"
scripts/install-deps
swift build -c release --product wsconform --scratch-path .build-bench >/dev/null
bin=.build-bench/release/wsconform
logs=$(mktemp -d)
pids=()
source bench/anchor.sh  # the working directory is the repository root (see cd above)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  remove_anchor "$logs"
  rm -rf "$logs"
}
trap cleanup EXIT
anchor_bin=""
[ -z "$anchor" ] || anchor_bin=$(build_anchor "$anchor" "$logs")

"$bin" serve --port 0 >"$logs/serve.log" 2>&1 &
pids+=($!)
.venv/bin/python Tests/InteropTests/python/peers.py websockets >"$logs/websockets.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q 'listening on' "$logs/serve.log" && grep -q '^PORT' "$logs/websockets.log" && break
  sleep 0.1
done
serve_url=$(grep -o 'ws://[^ ]*' "$logs/serve.log" | head -n 1)
websockets_url="ws://127.0.0.1:$(sed -n 's/^PORT //p' "$logs/websockets.log")/"
cases=$("$bin" list --tier "${TIER:-full}" | tail -n 1)
echo "catalogue: $cases; machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"

if [ -n "$anchor_bin" ]; then
  echo "anchor $anchor: $("$anchor_bin" list --tier "${TIER:-full}" | tail -n 1)"
  for jobs in 1 default; do
    flags=(--tier "${TIER:-full}")
    [ "$jobs" = default ] || flags+=(--jobs "$jobs")
    echo "== serve, --jobs $jobs, anchor $anchor"
    python3 bench/timed.py "$runs" 1 -- "$anchor_bin" run "$serve_url" "${flags[@]}" --report-dir "$logs/reports-anchor"
    echo "== serve, --jobs $jobs, this tree"
    python3 bench/timed.py "$runs" 1 -- "$bin" run "$serve_url" "${flags[@]}" --report-dir "$logs/reports"
  done
  ls "$logs/reports" | tr '\n' ' '; echo
  exit 0
fi

for target in "serve $serve_url" "websockets $websockets_url"; do
  set -- $target
  for jobs in 1 default; do
    flags=(--tier "${TIER:-full}")
    [ "$jobs" = default ] || flags+=(--jobs "$jobs")
    echo "== $1, --jobs $jobs"
    # Exit 1 (conformance failures) is a result here, not an error: wrap to keep timing it.
    python3 bench/timed.py "$runs" 1 -- "$bin" run "$2" "${flags[@]}" --report-dir "$logs/reports"
  done
done
