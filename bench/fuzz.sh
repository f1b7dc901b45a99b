#!/usr/bin/env bash
# Fuzz benchmark (not a test): inputs per second of `wsconform fuzz` against the reference server
# (`wsconform serve`) and against Python `websockets` (peers.py), side by side in one run with
# boofuzz driving a comparable WebSocket frame fuzz (bench/fuzz/boofuzz_ws.py) and a bare
# one-connection-per-valid-frame Python loop as the ceiling (bench/fuzz/bare_loop.py).
#
# Prints a table and keeps everything under bench/results/fuzz-<UTC time>/ (git-ignored): each
# tool's output, wsconform's fuzz-report.json per run, the servers' logs, table.md, machine.txt.
# Every run is bounded by a count and a time. Knobs (environment): INPUTS (5000) and FUZZ_SECONDS
# (60) for each wsconform run; BOOFUZZ_CASES (2000) and BOOFUZZ_SECONDS (30); BARE_INPUTS
# (5000) and BARE_SECONDS (20). The defaults take about four minutes once the build is up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs=${INPUTS:-5000}
seconds=${FUZZ_SECONDS:-60}
boofuzz_cases=${BOOFUZZ_CASES:-2000}
boofuzz_seconds=${BOOFUZZ_SECONDS:-30}
bare_inputs=${BARE_INPUTS:-5000}
bare_seconds=${BARE_SECONDS:-20}

scripts/install-deps
python=.venv/bin/python
requirements=bench/fuzz/requirements.txt
stamp=.venv/.bench-fuzz-requirements
if ! cmp -s "$requirements" "$stamp"; then
  echo "adding the fuzz benchmark's Python packages to .venv ($requirements)"
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi
swift build -c release --product wsconform --scratch-path .build-bench >/dev/null
bin=.build-bench/release/wsconform

results=bench/results/fuzz-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
work=$(mktemp -d)

# Servers run in the background; they are stopped by PID whatever happens.
source bench/lib.sh  # the working directory is the repository root (see cd above)
cleanup() {
  stop_servers
  rm -rf "$work"
}
trap cleanup EXIT
start serve 's|.*listening on ws://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$bin" serve --port 0
start websockets 's|^PORT \([0-9]*\)$|\1|p' "$python" Tests/InteropTests/python/peers.py websockets

# measure TARGET TOOL JOBS COMMAND...: runs one measurement under /usr/bin/time and records the
# client's and the server's CPU time over it. The command writes its figures itself.
measure() {
  local target=$1 tool=$2 jobs=$3
  shift 3
  local label="$tool.$target.jobs-$jobs"
  echo "== $tool against $target, jobs $jobs"
  local before after status=0
  before=$(cpu_seconds "${pids[$target]}")
  /usr/bin/time -f '%e %U %S' -o "$results/$label.time" "$@" >"$results/$label.out" 2>"$results/$label.err" || status=$?
  after=$(cpu_seconds "${pids[$target]}")
  echo "$before $after" >"$results/$label.server-cpu"
  # wsconform fuzz exits 1 when it reports findings: a result here, not a failure. Anything
  # else is reported in the table, and the other measurements still run.
  echo "$status" >"$results/$label.status"
  if [ "$status" -gt 1 ]; then
    echo "$label exited with status $status:" >&2
    tail -n 5 "$results/$label.err" >&2
  fi
}

for target in serve websockets; do
  url="ws://127.0.0.1:${ports[$target]}/"
  for jobs in 1 default; do
    # Each campaign starts from the committed seeds in a corpus of its own, so feedback inputs
    # and findings stay out of corpus/ and every run starts from the same place.
    corpus="$work/corpus.$target.$jobs"
    mkdir -p "$corpus"
    cp corpus/*.json "$corpus/"
    flags=()
    [ "$jobs" = default ] || flags=(--jobs "$jobs")
    measure "$target" wsconform "$jobs" "$bin" fuzz "$url" --seed 1 --inputs "$inputs" --duration "${seconds}s" \
      "${flags[@]}" --corpus "$corpus" --report-dir "$results/wsconform.$target.jobs-$jobs" --format json
  done
  measure "$target" boofuzz 1 "$python" bench/fuzz/boofuzz_ws.py --port "${ports[$target]}" \
    --cases "$boofuzz_cases" --seconds "$boofuzz_seconds"
  measure "$target" bare-loop 1 "$python" bench/fuzz/bare_loop.py --port "${ports[$target]}" \
    --inputs "$bare_inputs" --seconds "$bare_seconds"
done

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpus: $(nproc)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "kernel: $(uname -sr)"
  echo "swift: $(swift --version 2>/dev/null | head -n 1)"
  echo "python: $("$python" --version 2>&1)"
  echo "websockets: $("$python" -c 'import websockets; print(websockets.__version__)')"
  echo "boofuzz: $("$python" -c 'from importlib.metadata import version; print(version("boofuzz"))')"
  echo "wsconform default jobs: $("$bin" help fuzz | sed -n 's/.*--jobs N .*(default \([0-9]*\)).*/\1/p')"
} >"$results/machine.txt"

python3 - "$results" <<'EOF'
import json, pathlib, sys

results = pathlib.Path(sys.argv[1])
rows, rates = [], {}
for target in ["serve", "websockets"]:
    for tool, jobs in [("wsconform", "1"), ("wsconform", "default"), ("boofuzz", "1"), ("bare-loop", "1")]:
        label = f"{tool}.{target}.jobs-{jobs}"
        status = int((results / f"{label}.status").read_text())
        if status > 1:
            error = (results / f"{label}.err").read_text().strip().splitlines()[-1:] or [""]
            rows.append([tool, target, jobs, "-", "-", f"failed (exit {status}): {error[0][:100]}", "-", "-"])
            continue
        if tool == "wsconform":
            report = json.loads((results / label / "fuzz-report.json").read_text())
            count, rate = report["totals"]["inputsRun"], report["totals"]["inputsPerSecond"]
            seconds = report["durationSeconds"]
        else:
            figures = json.loads((results / f"{label}.out").read_text().strip().splitlines()[-1])
            count, seconds, rate = figures["cases"], figures["seconds"], figures["inputsPerSecond"]
        wall, user, system = (float(x) for x in (results / f"{label}.time").read_text().split()[-3:])
        before, after = (float(x) for x in (results / f"{label}.server-cpu").read_text().split())
        rates[(tool, target, jobs)] = rate
        rows.append([tool, target, jobs, f"{count:,}", f"{seconds:.1f}", f"{rate:,.1f}",
                     f"{(user + system) / wall * 100:.0f}%", f"{(after - before) / wall * 100:.0f}%"])
head = ["tool", "target", "jobs", "inputs", "seconds", "inputs/s", "tool CPU", "server CPU"]
lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
lines += ["| " + " | ".join(row) + " |" for row in rows]
for target in ["serve", "websockets"]:
    boofuzz = rates.get(("boofuzz", target, "1"))
    for jobs in ["1", "default"]:
        ours = rates.get(("wsconform", target, jobs))
        if not ours or not boofuzz:
            continue
        ratio = ours / boofuzz
        lines.append(f"\nwsconform (jobs {jobs}) / boofuzz against {target}: {ratio:,.1f}x")
table = "\n".join(lines)
(results / "table.md").write_text(table + "\n")
print()
print(table)
print()
print((results / "machine.txt").read_text().strip())
print(f"raw figures: {results}/")
EOF
