#!/usr/bin/env bash
# Benchmark (not a test): are the verdicts the same run after run? Autobahn's categories 1–10
# (full tier) against each real server of the test suite and the reference server, RUNS times
# in a row each (default 10), every case's verdict pair compared across the runs. A case with
# more than one verdict is listed with each verdict seen and how often; the expected verdict
# files mark such cases timing-dependent (Tests/CasesTests/Expected/*.tsv, "A|B"). Servers run
# on loopback and are stopped by PID; reports go to bench/results/repeat-<UTC time>/.
#
#   bash bench/repeat.sh [RUNS] [PEER...]     (peers: serve websockets aiohttp tornado autobahn node-ws)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
shift || true
peers=("$@")
[ ${#peers[@]} -gt 0 ] || peers=(serve websockets aiohttp tornado autobahn node-ws)
source bench/lib.sh  # the working directory is the repository root (see cd above)
bench_setup repeat
trap 'stop_servers' EXIT
cases='1.*,2.*,3.*,4.*,5.*,6.*,7.*,9.*,10.*'
echo "cases: $("$bin" list --cases "$cases" | tail -n 1), $runs runs each; machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
for peer in "${peers[@]}"; do
  case "$peer" in
    serve) start serve 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$bin" serve --port 0 ;;
    node-ws) start node-ws 's|^PORT \([0-9]*\)$|\1|p' node Tests/InteropTests/node/peer.js 0 ;;
    *) start "$peer" 's|^PORT \([0-9]*\)$|\1|p' .venv/bin/python Tests/InteropTests/python/peers.py "$peer" ;;
  esac
  start_time=$(date +%s)
  for run in $(seq "$runs"); do
    "$bin" run "ws://127.0.0.1:${ports[$peer]}/" --cases "$cases" --format json --report-dir "$results/$peer-$run" >/dev/null || true
  done
  python3 - "$peer" "$runs" "$results" "$(( $(date +%s) - start_time ))" <<'PY'
import collections, json, sys
peer, runs, results, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
seen = collections.defaultdict(collections.Counter)
for run in range(1, runs + 1):
    for case in json.load(open(f"{results}/{peer}-{run}/report.json"))["targets"][0]["cases"]:
        seen[case["id"]][f'{case.get("behaviour") or case.get("error")} / {case.get("close") or "-"}'] += 1
varying = {case: verdicts for case, verdicts in seen.items() if len(verdicts) > 1}
print(f"{peer}: {len(seen)} cases x {runs} runs in {seconds} s: {len(varying)} with more than one verdict")
for case, verdicts in sorted(varying.items()):
    print(f"  {case}: " + ", ".join(f"{verdict} ({count}x)" for verdict, count in verdicts.most_common()))
PY
done
