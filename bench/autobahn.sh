#!/usr/bin/env bash
# Benchmark (not a test): Autobahn's categories 1–10 against tornado, Autobahn|Testsuite and
# wsconform side by side in one call (same server process, same cases, one after the other),
# then wsconform on the same cases against its own reference server, and a full-tier run
# against the reference server writing every report format (peak memory). Timed as whole
# processes: wall seconds, the tester's CPU seconds and peak memory (bench/timed.py), and the
# target's CPU seconds over each run. ../shared/tools/install-autobahn installs
# Autobahn|Testsuite into .venv-autobahn. Servers run on loopback and are stopped by PID;
# reports and logs go to bench/results/autobahn-<UTC time>/.
#
#   bash bench/autobahn.sh [RUNS]      (wsconform runs RUNS times after a warm-up; default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
source bench/lib.sh  # the working directory is the repository root (see cd above)
bench_setup autobahn
trap 'stop_servers' EXIT
wstest=$(bash ../shared/tools/install-autobahn .venv-autobahn | tail -n 1)
start serve 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$bin" serve --port 0
start tornado 's|^PORT \([0-9]*\)$|\1|p' .venv/bin/python Tests/InteropTests/python/peers.py tornado
url() { echo "ws://127.0.0.1:${ports[$1]}/"; }
cases='1.*,2.*,3.*,4.*,5.*,6.*,7.*,9.*,10.*'
echo "cases: Autobahn $cases = $("$bin" list --cases "$cases" | tail -n 1) in wsconform; machine: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"

# measure NAME TARGET RUNS FLAGS -- COMMAND...: timed runs with the target's CPU seconds.
measure() {
  local name=$1 target=$2 count=$3
  shift 3
  local before after
  before=$(cpu_seconds "${pids[$target]}")
  echo "== $name"
  python3 bench/timed.py "$count" 1 "$@"
  after=$(cpu_seconds "${pids[$target]}")
  awk -v a="$after" -v b="$before" 'BEGIN { printf "  target cpu s %8.2f (all runs)\n", a - b }'
}

cat >"$results/fuzzingclient.json" <<JSON
{"outdir": "autobahn", "servers": [{"agent": "tornado", "url": "$(url tornado)"}],
 "cases": ["1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "9.*", "10.*"], "exclude-cases": [], "exclude-agent-cases": {}}
JSON
measure "Autobahn|Testsuite, tornado, categories 1-10" tornado 1 --no-warm-up -- \
  sh -c "cd '$results' && '$wstest' -m fuzzingclient -s fuzzingclient.json"
measure "wsconform, tornado, the same cases" tornado "$runs" -- \
  "$bin" run "$(url tornado)" --cases "$cases" --report-dir "$results/tornado"
measure "wsconform, serve, the same cases" serve "$runs" -- \
  "$bin" run "$(url serve)" --cases "$cases" --report-dir "$results/serve"
measure "wsconform, serve, full tier ($("$bin" list --tier full | tail -n 1)), every report format" serve "$runs" -- \
  "$bin" run "$(url serve)" --tier full --format json,html,junit,md,autobahn --report-dir "$results/full"
ls "$results/full" | tr '\n' ' '; echo
