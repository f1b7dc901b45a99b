# Shared by fuzz/run.sh and fuzz/run-deflate.sh: the end of a bounded libFuzzer run.
#
# fuzz_report BINARY STATUS RUNS START BUILT DONE: with $work set to the run's temporary
# directory (its fuzz.log, artifacts and corpus). A failed run keeps the directory ($keep=1),
# prints the log's tail and each failing input as hex, and exits 1; a passed one prints
# libFuzzer's totals and the time spent building and fuzzing.
fuzz_report() {
    local binary=$1 status=$2 runs=$3 start=$4 built=$5 done_at=$6
    if [[ $status -ne 0 ]]; then
        keep=1
        tail -n 60 "$work/fuzz.log" >&2
        for artifact in "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*; do
            [[ -e "$artifact" ]] || continue
            echo "fuzz: failing input $artifact (hex): $(od -An -v -tx1 "$artifact" | tr -d ' \n')" >&2
        done
        echo "fuzz: FAILED (libFuzzer exit $status); reproduce with: $work/$binary <input>" >&2
        exit 1
    fi
    grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$work/fuzz.log" || true
    echo "fuzz: $runs runs passed, corpus $(ls "$work/corpus" | wc -l) new inputs;" \
        "build $((built - start)) s, fuzzing $((done_at - built)) s"
}
