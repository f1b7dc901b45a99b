#!/usr/bin/env bash
# Builds the permessage-deflate libFuzzer harness (fuzz/deflate/DeflateFuzz.swift) with swiftc
# and runs a bounded, seeded campaign over the Sec-WebSocket-Extensions parser and the bounded
# inflater. The PerMessageDeflate and Wire sources are compiled into one module with the harness
# (their `import Wire` lines dropped in a temporary copy), linking zlib through Sources/CZlib.
#
#   bash fuzz/run-deflate.sh [RUNS] [extra libFuzzer flags...]
#
# Seeds in fuzz/deflate/corpus are only read; new inputs go to a temporary corpus that is
# deleted. Exits non-zero when libFuzzer finds a crash, keeping the input and the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30000}"
if [[ $# -gt 0 ]]; then shift; fi
if ! [[ "$runs" =~ ^-?[0-9]+$ ]]; then
    echo "usage: bash fuzz/run-deflate.sh [RUNS] [libFuzzer flags...]" >&2
    exit 2
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/deflate-fuzz.XXXXXX")"
keep=0
cleanup() { if [[ $keep -eq 0 ]]; then rm -rf "$work"; fi; }
trap cleanup EXIT
mkdir "$work/src" "$work/corpus"
while IFS= read -r file; do
    grep -v '^import Wire$' "$file" > "$work/src/$(echo "$file" | tr '/' '_')"
done < <(find Sources/Wire Sources/PerMessageDeflate -name '*.swift' | LC_ALL=C sort)
start=$(date +%s)
echo "fuzz: building $work/deflate-fuzz with $(command -v swiftc)"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -module-name DeflateFuzz -use-ld=lld -I Sources/CZlib -lz)
if ! swiftc "${flags[@]}" fuzz/deflate/DeflateFuzz.swift "$work"/src/*.swift -o "$work/deflate-fuzz" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "fuzz: build failed" >&2
    exit 1
fi
built=$(date +%s)
echo "fuzz: $runs runs, -max_len=8192 -seed=1 $*, seeds from fuzz/deflate/corpus"
status=0
seeds="$PWD/fuzz/deflate/corpus"
(cd "$work" && SWIFT_BACKTRACE=enable=no ./deflate-fuzz \
    -runs="$runs" -max_len=8192 -seed=1 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$@" "$work/corpus" "$seeds") >"$work/fuzz.log" 2>&1 || status=$?
done_at=$(date +%s)
source fuzz/lib.sh
fuzz_report deflate-fuzz "$status" "$runs" "$start" "$built" "$done_at"
