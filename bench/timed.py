"""Times a command as a whole process: one warm-up, then RUNS counted runs; prints the median
and range of wall seconds, CPU seconds (user + system of the child) and peak RSS in MiB.
Exit statuses up to MAX_STATUS count as results (a conformance run exits 1 on failures).

    python3 bench/timed.py RUNS MAX_STATUS [--no-warm-up] -- COMMAND [ARG ...]
"""
import resource
import statistics
import subprocess
import sys
import time


def run_once(command, max_status):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=3600)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode > max_status or completed.returncode < 0:
        sys.exit(f"timed.py: {command[0]} exited {completed.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main():
    runs, max_status = int(sys.argv[1]), int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    if "--no-warm-up" not in sys.argv[3:sys.argv.index("--")]:
        run_once(command, max_status)
    samples = [run_once(command, max_status) for _ in range(runs)]
    for name, index in (("wall s", 0), ("cpu s", 1)):
        values = [sample[index] for sample in samples]
        print(f"  {name:8} median {statistics.median(values):8.2f}  min {min(values):8.2f}  max {max(values):8.2f}")
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, warm-up included.
    print(f"  peak MiB {max(sample[2] for sample in samples):8.1f}")


if __name__ == "__main__":
    main()
