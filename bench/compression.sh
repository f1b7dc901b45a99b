#!/usr/bin/env bash
# Benchmark (not a test): the 216 compression cases (Autobahn 12.x/13.x, RFC 7692) in full,
# against the built-in reference server and against Python `websockets` with its defaults
# (compression on), timed as whole processes: wall seconds, the tester's CPU seconds and peak
# memory (bench/timed.py), and the target's own CPU seconds over the same run (from
# /proc/PID/stat). With AUTOBAHN=1, Autobahn|Testsuite runs 12.1.* and 13.1.* against the same
# websockets server in the same run, beside wsconform on the same cases
# (../shared/tools/install-autobahn installs it into .venv-autobahn). Servers run on loopback
# and are stopped by PID. Reports and logs go to bench/results/compression-<UTC time>/.
#
# With ANCHOR=REV, wsconform at that git revision (built in a temporary worktree) runs the
# same cases against its own reference server first, in the same call: the side-by-side figure.
#
#   bash bench/compression.sh [CASES]        (default: 12.*,13.*)
#   AUTOBAHN=1 bash bench/compression.sh
#   ANCHOR=HEAD~3 bash bench/compression.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-12.*,13.*}"
source bench/lib.sh  # the working directory is the repository root (see cd above)
bench_setup compression
source bench/anchor.sh
trap 'stop_servers; remove_anchor "$results"' EXIT
if [ -n "${ANCHOR:-}" ]; then
  anchor_bin=$(build_anchor "$ANCHOR" "$results")
  start anchor-serve 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$anchor_bin" serve --port 0
fi
start serve 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$bin" serve --port 0
start websockets 's|^PORT \([0-9]*\)$|\1|p' .venv/bin/python Tests/InteropTests/python/peers.py websockets
echo "cases: $cases ($("$bin" list --cases "$cases" | wc -l)); machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"

# measure NAME TARGET COMMAND...: one timed run (no warm-up: each takes minutes), with the
# target server's CPU seconds over it.
measure() {
  local name=$1 target=$2
  shift 2
  local before after
  before=$(cpu_seconds "${pids[$target]}")
  echo "== $name"
  python3 bench/timed.py 1 1 --no-warm-up -- "$@"
  after=$(cpu_seconds "${pids[$target]}")
  awk -v a="$after" -v b="$before" 'BEGIN { printf "  target cpu s %8.2f\n", a - b }'
}

url() { echo "ws://127.0.0.1:${ports[$1]}/"; }
if [ -n "${ANCHOR:-}" ]; then
  measure "wsconform $ANCHOR, its serve" anchor-serve "$anchor_bin" run "$(url anchor-serve)" --cases "$cases" \
    --report-dir "$results/anchor"
fi
measure "wsconform, serve" serve "$bin" run "$(url serve)" --cases "$cases" --report-dir "$results/serve"
measure "wsconform, websockets" websockets "$bin" run "$(url websockets)" --cases "$cases" --report-dir "$results/websockets"

if [ "${AUTOBAHN:-0}" = 1 ]; then
  wstest=$(bash ../shared/tools/install-autobahn .venv-autobahn | tail -n 1)
  cat >"$results/fuzzingclient.json" <<JSON
{"outdir": "autobahn", "servers": [{"agent": "websockets", "url": "$(url websockets)"}],
 "cases": ["12.1.*", "13.1.*"], "exclude-cases": [], "exclude-agent-cases": {}}
JSON
  measure "Autobahn|Testsuite, websockets, 12.1.* 13.1.*" websockets \
    sh -c "cd '$results' && '$wstest' -m fuzzingclient -s fuzzingclient.json"
  measure "wsconform, websockets, 12.1.* 13.1.*" websockets \
    "$bin" run "$(url websockets)" --cases '12.1.*,13.1.*' --report-dir "$results/pair"
fi

# FAULTS=1: every case of the full tier fails under a fault that breaks what it checks (the
# test command shows this for the quick tier, Tests/CasesTests/CatalogueTests.swift).
if [ "${FAULTS:-0}" = 1 ]; then
  for fault in corrupt-echo ignore-server-no-context-takeover; do
    start "fault-$fault" 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$bin" serve --port 0 --fault "$fault"
    echo "== serve --fault $fault"
    "$bin" run "$(url "fault-$fault")" --cases "$cases" --report-dir "$results/fault-$fault" --format json >/dev/null || true
    python3 - "$results/fault-$fault/report.json" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))["targets"][0]["cases"]
failed = [c for c in cases if not c["passed"]]
groups = sorted({c["autobahn"].rsplit(".", 1)[0] for c in failed})
print(f"  {len(failed)} of {len(cases)} failed; groups with failures: {' '.join(groups)}")
PY
  done
fi
