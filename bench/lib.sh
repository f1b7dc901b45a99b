# Shared by the bench scripts: set up a run, start servers on free ports and stop them by their
# own PIDs. Source it from the repository root; set $results (the folder each server's log goes
# to) before starting servers, or let bench_setup do it; call stop_servers from the script's
# EXIT trap.

# bench_setup NAME: installs what the benchmarks need (scripts/install-deps), builds wsconform
# in release mode into .build-bench, and sets $bin to it and $results to a fresh
# bench/results/NAME-<UTC time>/.
bench_setup() {
  scripts/install-deps
  swift build -c release --product wsconform --scratch-path .build-bench >/dev/null
  bin=.build-bench/release/wsconform
  results=bench/results/$1-$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$results"
}

declare -A pids=()
declare -A ports=()

# stop_servers: SIGTERM to every server started here, SIGKILL after 2 s to any still running.
stop_servers() {
  for name in "${!pids[@]}"; do kill -TERM "${pids[$name]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do
    for _ in $(seq 40); do kill -0 "${pids[$name]}" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "${pids[$name]}" 2>/dev/null || true
  done
}

# start NAME PATTERN COMMAND...: starts a server and waits (at most 10 s) for the line that
# names its port; PATTERN is a sed expression that prints the port from that line.
start() {
  local name=$1 pattern=$2
  shift 2
  "$@" >"$results/$name.log" 2>&1 &
  pids[$name]=$!
  local port=""
  for _ in $(seq 100); do
    port=$(sed -n "$pattern" "$results/$name.log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "${pids[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "$name did not report a port:" >&2
    cat "$results/$name.log" >&2
    exit 1
  fi
  ports[$name]=$port
}

# cpu_seconds PID: CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
