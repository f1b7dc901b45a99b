#!/usr/bin/env bash
# Deadline bench: how long the operations that end at a deadline, or must not wait for one,
# take on this machine (deflate bomb refusal, a TCP read deadline, the target supervisor
# noticing an exit, giving up on readiness, stopping a group that ignores SIGTERM), each
# against the budget the unit tests used to assert. The tests keep only lower bounds and
# liveness guards, so a slow machine cannot fail them; a regression in speed shows here.
#
# Prints one JSON line per operation and a table; exits 1 when one is over its budget.
# Knob (environment): ROUNDS (5), each operation's repetitions (the table gives median and max).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-5}
scratch=.build-bench
swift build -c release --scratch-path "$scratch" --product DeadlineBench
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0
"$bin/DeadlineBench" --rounds "$rounds" | tee "$results" || status=$?

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print()
print("| operation | median s | max s | budget s | status |")
print("|---|---|---|---|---|")
for r in rows:
    print(f"| {r['id']}: {r['what']} | {r['medianSeconds']:.3f} | {r['maxSeconds']:.3f} | {r['budgetSeconds']:.0f} | {r['status']} |")
PY
exit "$status"
