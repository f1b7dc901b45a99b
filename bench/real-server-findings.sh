#!/usr/bin/env bash
# The full tier of the real-server fuzz campaigns (not a benchmark of speed): the test command
# runs each peer's fixed-seed campaign for 2,000 inputs; this runs the same campaigns for
# INPUTS (default 3,000, the tier the committed Expected/<peer>.tsv files were judged at), one
# peer after another, and fails on any finding the files do not explain. The same seed gives
# the same first inputs, so the test command's tier is a prefix of this one.
#
#   bash bench/real-server-findings.sh [INPUTS]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps >/dev/null
swift build --build-tests >/dev/null
export WSCONFORM_PYTHON="$PWD/.venv/bin/python" WSCONFORM_BIN="$PWD/.build/debug/wsconform"
WSCONFORM_REAL_SERVER_INPUTS="${1:-3000}" swift test --skip-build --filter RealServerFindingsTests
