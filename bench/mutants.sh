#!/usr/bin/env bash
# Mutation testing: do the tests prove what they claim?
#
# Each mutant in bench/mutants.tsv changes one comparison, bound or branch of the product
# (the judge, the event matcher, the frame decoder, the UTF-8 validator, the close-code rules,
# the handshake checks). For each one this script applies the change to a scratch copy of the
# package, rebuilds it incrementally, runs the mutant's test filter, and records KILLED (a test
# failed) or SURVIVED (every test passed: a hole in the tests). It never writes to the real
# tree's sources: the copy lives in .build-mutants/ (git ignores .build*), with its own build
# directory reused from run to run.
#
# Usage: bash bench/mutants.sh [MUTANT-ID-OR-GLOB...]
#   With no argument every mutant runs; otherwise those whose id matches one of the arguments
#   (e.g. `bash bench/mutants.sh 'utf8-*' judge-match-count`).
# Environment: MUTANTS_LIST (bench/mutants.tsv), MUTANTS_DIR (.build-mutants),
#   MUTANT_TEST_TIMEOUT (seconds per test run, 300).
# Exit status: 0 when every selected mutant was killed; 1 when one survived; 2 on a usage
#   error, a mutant whose text is not found exactly once, a mutant that does not compile, a
#   baseline that fails, or a test run that ended without a test result.

set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
list=${MUTANTS_LIST:-$root/bench/mutants.tsv}
work=${MUTANTS_DIR:-$root/.build-mutants}
test_timeout=${MUTANT_TEST_TIMEOUT:-300}
src=$work/src
logs=$work/logs
[ -d /opt/swift/usr/bin ] && export PATH=/opt/swift/usr/bin:$PATH

die() {
  echo "mutants: $*" >&2
  exit 2
}

case "${1:-}" in
  -h | --help)
    sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac
[ -f "$list" ] || die "no mutant list at $list"
case "$work" in
  "$root" | "$root/Sources"* | "$root/Tests"*) die "MUTANTS_DIR must not be the real tree" ;;
esac

# --- the mutant list ------------------------------------------------------------------------

ids=() files=() originals=() replacements=() filters=()
while IFS=$'\t' read -r id file original replacement filter extra; do
  case "$id" in '' | '#'*) continue ;; esac
  [ -n "$filter" ] && [ -z "${extra:-}" ] || die "$list: malformed line for '$id' (5 tab-separated fields)"
  for seen in "${ids[@]}"; do [ "$seen" != "$id" ] || die "$list: duplicate id $id"; done
  selected=$(($# == 0))
  for pattern in "$@"; do
    # shellcheck disable=SC2053 # the argument is a glob on purpose
    [[ $id == $pattern ]] && selected=1
  done
  [ "$selected" = 1 ] || continue
  ids+=("$id") files+=("$file") originals+=("$original") replacements+=("$replacement") filters+=("$filter")
done <"$list"
[ ${#ids[@]} -gt 0 ] || die "no mutant matches: $*"

# --- the scratch copy -----------------------------------------------------------------------

# What the package needs to build and test: the manifest, sources, tests (with fixtures) and
# the bench executables Package.swift names.
tree=(Package.swift Sources Tests bench/EchoBench bench/DeadlineBench)

# Makes $src hold exactly the real tree's files. A file is copied only when its content
# differs, and gets a fresh mtime, so the scratch build stays incremental and never mistakes
# a restored file for an unchanged one.
sync_copy() {
  local rel
  mkdir -p "$src" "$logs"
  while IFS= read -r -d '' rel; do
    if ! cmp -s "$root/$rel" "$src/$rel"; then
      mkdir -p "$(dirname "$src/$rel")"
      cp "$root/$rel" "$src/$rel" || die "cannot copy $rel"
    fi
  done < <(cd "$root" && find "${tree[@]}" -type f -print0)
  while IFS= read -r -d '' rel; do
    [ -e "$root/$rel" ] || rm -f "$src/$rel"
  done < <(cd "$src" && find "${tree[@]}" -type f -print0 2>/dev/null)
}

# The file currently mutated in the copy (relative path), restored whatever happens.
mutated=""
restore() {
  if [ -n "$mutated" ]; then
    cp "$root/$mutated" "$src/$mutated"
    cmp -s "$root/$mutated" "$src/$mutated" || echo "mutants: could not restore $src/$mutated" >&2
    mutated=""
  fi
}
trap restore EXIT
trap 'echo "mutants: interrupted" >&2; exit 130' INT TERM HUP

# read_once PATH ORIGINAL: sets $text to the file's content; fails when ORIGINAL occurs zero or
# several times in it, so a mutant never silently does nothing (or something else).
read_once() {
  local path=$1 original=$2 rest
  [ -f "$path" ] || die "$path: no such file"
  text=$(
    cat "$path"
    printf x
  )
  text=${text%x}
  [[ $text == *"$original"* ]] || die "$path: the text to replace is not there: $original"
  rest=${text#*"$original"}
  [[ $rest == *"$original"* ]] && die "$path: the text to replace occurs more than once: $original"
  return 0
}

# apply FILE ORIGINAL REPLACEMENT: replaces the one occurrence of ORIGINAL in the copy of FILE.
apply() {
  local path=$src/$1 original=$2 replacement=$3 text
  read_once "$path" "$original"
  mutated=$1
  printf '%s' "${text/"$original"/"$replacement"}" >"$path"
  cmp -s "$root/$1" "$path" && die "$1: the mutant changes nothing"
  return 0
}

build() {
  (cd "$src" && swift build --build-tests) >"$1" 2>&1
}

# run_tests FILTER LOG: runs the filter in the copy; prints the exit status.
run_tests() {
  (cd "$src" && timeout "$test_timeout" swift test --skip-build --filter "$1") >"$2" 2>&1
  echo $?
}

# killer LOG STATUS FILTER: the first failing test named in the output, or how the run ended.
# After a crash the tests run again one at a time, so the last test started is the one that
# crashed.
killer() {
  local log=$1 status=$2 filter=$3 name last fatal
  name=$(sed -n -E 's/^✘ Test (.*) (recorded an issue|failed after).*/\1/p' "$log" | head -n 1)
  if [ -n "$name" ]; then
    echo "$name"
    return
  fi
  if [ "$status" = 124 ]; then
    last=$(sed -n -E 's/^◇ Test (case passing .* to )?(.*) started\.$/\2/p' "$log" | tail -n 1)
    echo "timeout after ${test_timeout} s (last test started: ${last:-none})"
    return
  fi
  fatal=$(grep -o -E 'Fatal error: [^:]*' "$log" | head -n 1)
  if [ -n "$fatal" ] || grep -q -E 'signal code|Exited with' "$log"; then
    (cd "$src" && timeout "$test_timeout" swift test --skip-build --no-parallel --filter "$filter") >"$log.serial" 2>&1
    last=$(sed -n -E 's/^◇ Test (case passing .* to )?(.*) started\.$/\2/p' "$log.serial" | tail -n 1)
    echo "crash (${fatal:-signal}) in ${last:-an unknown test}"
  fi
}

# Markdown table cell: code with its pipes escaped.
cell() { printf '`%s`' "${1//|/\\|}"; }

# Every mutant's text is checked against the real tree before anything is built.
for i in "${!ids[@]}"; do read_once "$root/${files[$i]}" "${originals[$i]}"; done

# --- baseline -------------------------------------------------------------------------------

start=$(date +%s)
echo "mutants: syncing the scratch copy in $src"
sync_copy
echo "mutants: building the unmutated copy"
build "$logs/baseline-build.log" || die "the unmutated copy does not build: see $logs/baseline-build.log"
declare -A checked=()
for filter in "${filters[@]}"; do
  [ -z "${checked[$filter]:-}" ] || continue
  checked[$filter]=1
  log=$logs/baseline-$(printf '%s' "$filter" | cksum | cut -d' ' -f1).log
  status=$(run_tests "$filter" "$log")
  count=$(sed -n -E 's/.*Test run with ([0-9]+) tests?.* passed.*/\1/p' "$log" | tail -n 1)
  [ "$status" = 0 ] || die "the unmutated tests fail for filter $filter: see $log"
  [ "${count:-0}" -gt 0 ] || die "filter $filter runs no test: see $log"
  echo "mutants: baseline passes: $filter ($count tests)"
done

# --- mutants --------------------------------------------------------------------------------

results=() survived=0 invalid=0
for i in "${!ids[@]}"; do
  id=${ids[$i]} file=${files[$i]} filter=${filters[$i]}
  apply "$file" "${originals[$i]}" "${replacements[$i]}"
  t0=$(date +%s)
  if ! build "$logs/$id-build.log"; then
    restore
    echo "mutants: $id does not compile: see $logs/$id-build.log" >&2
    results+=("| $id | \`$file\` | $(cell "${originals[$i]}") → $(cell "${replacements[$i]}") | — | DOES NOT COMPILE |")
    invalid=$((invalid + 1))
    continue
  fi
  status=$(run_tests "$filter" "$logs/$id-test.log")
  by=$(killer "$logs/$id-test.log" "$status" "$filter")
  restore
  if [ "$status" = 0 ]; then
    result=SURVIVED by="—"
    survived=$((survived + 1))
  elif [ -n "$by" ]; then
    result=KILLED
  else
    result="NO RESULT (exit $status)" by="—"
    invalid=$((invalid + 1))
  fi
  if [ "$result" = KILLED ]; then echo "mutants: $id: KILLED by $by ($(($(date +%s) - t0)) s)"; else echo "mutants: $id: $result ($(($(date +%s) - t0)) s)"; fi
  results+=("| $id | \`$file\` | $(cell "${originals[$i]}") → $(cell "${replacements[$i]}") | ${by//|/\\|} | $result |")
done

# The copy ends as the real tree is, so the next run builds only what changed since.
trap - EXIT
restore

# --- report ---------------------------------------------------------------------------------

elapsed=$(($(date +%s) - start))
{
  echo "| mutant | file | change | killed by | result |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${results[@]}"
  echo
  echo "${#ids[@]} mutants: $((${#ids[@]} - survived - invalid)) killed, $survived survived, $invalid invalid;" \
    "$((elapsed / 60)) min $((elapsed % 60)) s."
} | tee "$work/report.md"
if [ "$invalid" -gt 0 ]; then exit 2; fi
if [ "$survived" -gt 0 ]; then exit 1; fi
exit 0
