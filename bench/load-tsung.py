"""Writes tsung's configuration for one load scenario, or reads a finished tsung run back.

  python3 bench/load-tsung.py config PORT CONNECTIONS RAMP_S HOLD_S RATE SIZE > tsung.xml
  python3 bench/load-tsung.py figures LOG_DIR ACTIVE_S

The scenario is wsconform load's: CONNECTIONS sessions arriving evenly over RAMP_S, each a
WebSocket upgrade, then messages of SIZE octets for HOLD_S (one every 1/RATE s, or with RATE 0
the next as soon as the echo is back), each echo matched against the message sent, then a close.
`figures` prints one JSON line: echoes matched per second over ACTIVE_S (for a fixed rate the
hold; for RATE 0, which runs each session until the load ends, the hold plus half the ramp), p50/p99 of tsung's
request samples (backend fullstats: every sample kept) in milliseconds, and echo mismatches.
"""
import json
import re
import sys


def config(port, connections, ramp, hold, rate, size):
    payload = "a" * size
    messages = int(hold * rate) if rate > 0 else 10_000_000
    think = f'<thinktime value="{1 / rate:.6f}" random="false"/>' if rate > 0 else ""
    interarrival = max(ramp / connections, 0.000001)
    # With RATE 0 the session runs until the load's duration ends it.
    duration = f' duration="{int(ramp + hold)}" unit="second"' if rate == 0 else ""
    return f"""<?xml version="1.0"?>
<!DOCTYPE tsung SYSTEM "/usr/share/tsung/tsung-1.0.dtd" []>
<tsung loglevel="error" version="1.0" backend="fullstats">
  <clients><client host="localhost" use_controller_vm="true" maxusers="{connections + 10}"/></clients>
  <servers><server host="127.0.0.1" port="{port}" type="tcp"/></servers>
  <load{duration}><arrivalphase phase="1" duration="{max(1, int(ramp + 1))}" unit="second">
    <users maxnumber="{connections}" interarrival="{interarrival:.6f}" unit="second"/></arrivalphase></load>
  <sessions>
    <session name="echo" probability="100" type="ts_websocket">
      <request><websocket type="connect" path="/"></websocket></request>
      <for from="1" to="{messages}" var="i">
        <request><match do="log" when="nomatch">{payload}</match><websocket type="message">{payload}</websocket></request>
        {think}
      </for>
      <request><websocket type="close"></websocket></request>
    </session>
  </sessions>
</tsung>
"""


def figures(directory, active):
    text = open(f"{directory}/tsung-fullstats.log").read()
    samples = []
    for block in re.findall(r"\{sample,request,\s*\[([^\]]*)\]\}", text, re.S):
        samples += [float(value) for value in block.replace("\n", "").split(",") if value.strip()]
    samples.sort()
    log = open(f"{directory}/tsung.log").read()
    matches = sum(int(m) for m in re.findall(r"^stats: match (\d+) ", log, re.M))
    mismatches = sum(int(m) for m in re.findall(r"^stats: nomatch (\d+) ", log, re.M))

    def percentile(p):
        return samples[max(0, int(len(samples) * p / 100 + 0.999999) - 1)] if samples else None

    # Sessions arrive over the ramp and all stop when the load ends: on average each ran the
    # hold plus half the ramp (ramp + hold - ramp / 2).
    print(json.dumps({"echoes": matches, "echoes_per_second": round(matches / active, 1), "p50_ms": percentile(50),
                      "p99_ms": percentile(99), "mismatches": mismatches, "samples": len(samples)}))


if __name__ == "__main__":
    if sys.argv[1] == "config":
        port, connections = int(sys.argv[2]), int(sys.argv[3])
        ramp, hold, rate, size = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
        print(config(port, connections, ramp, hold, rate, size))
    else:
        figures(sys.argv[2], float(sys.argv[3]))
