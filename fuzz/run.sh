#!/usr/bin/env bash
# Builds the Wire libFuzzer harness with swiftc (not SwiftPM, so files elsewhere in the package
# that are mid-edit cannot break it) and runs a bounded, seeded campaign.
#
#   bash fuzz/run.sh [RUNS] [extra libFuzzer flags...]
#
# RUNS defaults to the CI budget below; -1 runs until stopped (give -max_total_time=SECONDS).
# FUZZ_MAX_LEN overrides -max_len (4096). The committed seeds in fuzz/corpus are only
# read; new inputs go to a temporary corpus that is deleted.
# Exits non-zero when libFuzzer finds a crash; the crashing input is printed as hex and kept,
# with the binary, in the temporary directory named in the output.
set -euo pipefail
cd "$(dirname "$0")/.."

# CI budget: 60000 runs take ~48 s on the 2-core machine, ~12 s of it the build (fuzz/README.md).
runs="${1:-60000}"
if [[ $# -gt 0 ]]; then shift; fi
max_len="${FUZZ_MAX_LEN:-4096}"
if ! [[ "$runs" =~ ^-?[0-9]+$ ]]; then
    echo "usage: bash fuzz/run.sh [RUNS] [libFuzzer flags...]" >&2
    exit 2
fi
if ! command -v swiftc >/dev/null; then
    echo "fuzz: swiftc is not on PATH (CI puts /opt/swift/usr/bin there)" >&2
    exit 2
fi

# The harness and the whole of Wire: the module links no C library and does no I/O, so every
# file of it compiles here and none is listed by hand.
sources=(fuzz/*.swift)
while IFS= read -r file; do sources+=("$file"); done < <(find Sources/Wire -name '*.swift' | LC_ALL=C sort)

work="$(mktemp -d "${TMPDIR:-/tmp}/wire-fuzz.XXXXXX")"
keep=0
cleanup() { if [[ $keep -eq 0 ]]; then rm -rf "$work"; fi; }
trap cleanup EXIT
mkdir "$work/corpus"

start=$(date +%s)
echo "fuzz: building $work/wire-fuzz with $(command -v swiftc)"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -module-name WireFuzz -use-ld=lld)
if ! swiftc "${flags[@]}" "${sources[@]}" -o "$work/wire-fuzz" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "fuzz: build failed" >&2
    exit 1
fi
built=$(date +%s)

echo "fuzz: $runs runs, -max_len=$max_len -seed=1 $*, seeds from fuzz/corpus"
status=0
seeds="$PWD/fuzz/corpus"
# Run inside the temporary directory, so whatever libFuzzer writes (fuzz-N.log under -jobs)
# stays out of the repository. The Swift backtracer would race libFuzzer's and ASan's crash
# handlers, which report enough, so it is off.
(cd "$work" && SWIFT_BACKTRACE=enable=no ./wire-fuzz \
    -runs="$runs" -max_len="$max_len" -seed=1 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/" "$@" "$work/corpus" "$seeds") >"$work/fuzz.log" 2>&1 || status=$?
done_at=$(date +%s)
source fuzz/lib.sh
fuzz_report wire-fuzz "$status" "$runs" "$start" "$built" "$done_at"
