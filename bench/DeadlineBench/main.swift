// DeadlineBench: how long the operations that end at a deadline, or must not wait for one,
// take on this machine. These are the upper bounds the unit tests no longer assert: a unit
// test must not fail because the machine is slow, so the tests keep only "waited at least the
// deadline" and a liveness guard of a minute. See bench/README.md ("Deadlines").
import Foundation
import Fuzz
import PerMessageDeflate
import Platform
import Transport
import Wire

/// One operation timed `rounds` times against its budget (seconds): a measurement beside the
/// tests' verdicts, with the value, the unit, a status and what it shows.
struct Measurement: Encodable {
    var schemaVersion = 1
    var id: String
    var what: String
    var medianSeconds: Double
    var maxSeconds: Double
    var budgetSeconds: Double
    /// "within" when every round took at most the budget, else "over".
    var status: String
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Runs `body` `rounds` times; `body` returns the time of the part it measures.
func measure(_ id: String, _ what: String, budget: Duration, rounds: Int, _ body: () throws -> Duration) throws -> Measurement {
    let times = try (0..<rounds).map { _ in try body().seconds }.sorted()
    let over = times.contains { $0 > budget.seconds }
    return Measurement(
        id: id, what: what, medianSeconds: times[times.count / 2], maxSeconds: times.last ?? 0, budgetSeconds: budget.seconds,
        status: over ? "over" : "within")
}

/// The time `body` takes.
func timed(_ body: () throws -> Void) rethrows -> Duration {
    let start = ContinuousClock.now
    try body()
    return ContinuousClock.now - start
}

/// A loopback port nothing listens on now (bound, then released).
func freePort() throws -> UInt16 {
    let listener = try TCPListener(host: "127.0.0.1", port: 0)
    defer { listener.close() }
    return listener.port
}

func settings(_ command: String, port: UInt16) -> TargetProcess.Settings {
    TargetProcess.Settings(command: command, host: "127.0.0.1", port: port)
}

/// A 100 MiB message of zeros compressed to under 1 MiB, inflated with a 1 MiB cap: refused
/// without inflating it all (RFC 7692 §8).
func deflateBomb() throws -> Duration {
    let bomb = try MessageCompressor(level: 1).compress([UInt8](repeating: 0, count: 100 << 20))
    let decompressor = try MessageDecompressor()
    var outcome = DecompressionOutcome.ok([])
    let took = timed { outcome = decompressor.decompress(bomb, maxOutput: 1 << 20) }
    guard case .tooLarge = outcome else { throw BenchFailure(description: "the bomb was not refused: \(outcome)") }
    return took
}

/// A read on a connection whose peer sends nothing, with a 150 ms deadline.
func tcpReadDeadline() throws -> Duration {
    let listener = try TCPListener(host: "127.0.0.1", port: 0)
    defer { listener.close() }
    let client = try TCPConnection.connect(host: "127.0.0.1", port: listener.port, deadline: .after(.seconds(5)))
    defer { client.close(abortive: true) }
    let server = try listener.accept(deadline: .after(.seconds(5)))
    defer { server?.close(abortive: true) }
    var outcome: ReadOutcome?
    let took = try timed { outcome = try client.read(maxBytes: 16, deadline: .after(.milliseconds(150))) }
    guard outcome == .timedOut, took >= .milliseconds(140) else {
        throw BenchFailure(description: "the read returned \(String(describing: outcome)) after \(took)")
    }
    return took
}

/// Starting a command that exits at once, with a 10 s readiness deadline: the exit is noticed.
func exitNoticed() throws -> Duration {
    let target = TargetProcess(settings("echo 'cannot bind' >&2; exit 3", port: try freePort()))
    return timed {
        do {
            try target.start()
        } catch {}
    }
}

/// Starting a command that never listens, with a 1 s readiness deadline: given up and stopped.
func readyGivesUp() throws -> Duration {
    var settings = settings("echo waiting; exec sleep 30", port: try freePort())
    settings.readyTimeout = .seconds(1)
    let target = TargetProcess(settings)
    return timed {
        do {
            try target.start()
        } catch {}
    }
}

/// Stopping a group that ignores SIGTERM, with a 300 ms grace period before SIGKILL.
func stopAfterGrace() throws -> Duration {
    let listener = try TCPListener(host: "127.0.0.1", port: 0)
    defer { listener.close() }
    var settings = settings("trap '' TERM; sleep 30; sleep 30", port: listener.port)
    settings.stopTimeout = .milliseconds(300)
    let target = TargetProcess(settings)
    try target.start()
    // Once `sleep` runs, the shell has set its trap: wait for the group's second member.
    let group = try processGroup(of: target)
    let deadline = ContinuousClock.now + .seconds(60)
    while members(of: group) < 2 {
        guard ContinuousClock.now < deadline else { throw BenchFailure(description: "the target's sleep never started") }
        usleep(1000)
    }
    return timed { _ = target.stop() }
}

func processGroup(of target: TargetProcess) throws -> Int32 {
    guard let pid = target.processID else { throw BenchFailure(description: "the target is not running") }
    return pid
}

/// How many processes are in `group` now (from /proc).
func members(of group: Int32) -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { getpgid($0) == group }.count
}

var rounds = 5
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let option = arguments.removeFirst()
    if option == "--rounds", let value = arguments.first.flatMap({ Int($0) }), value > 0 {
        rounds = value
        arguments.removeFirst()
    } else {
        print("USAGE: DeadlineBench [--rounds N]  (each operation N times, default 5; one JSON line per operation)")
        exit(option == "--help" ? 0 : 64)
    }
}

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
var over = false
do {
    let measurements = [
        try measure(
            "deflate.bomb-refused", "inflate a 100 MiB bomb with a 1 MiB cap", budget: .seconds(2), rounds: rounds, deflateBomb),
        try measure("tcp.read-deadline", "a silent read with a 150 ms deadline", budget: .seconds(3), rounds: rounds, tcpReadDeadline),
        try measure(
            "process.exit-noticed", "start a command that exits at once (readiness deadline 10 s)", budget: .seconds(3), rounds: rounds,
            exitNoticed),
        try measure(
            "process.ready-gives-up", "start a command that never listens (readiness deadline 1 s)", budget: .seconds(4),
            rounds: rounds, readyGivesUp),
        try measure(
            "process.stop-after-grace", "stop a group that ignores SIGTERM (grace 300 ms, then SIGKILL)", budget: .seconds(3),
            rounds: rounds, stopAfterGrace),
    ]
    for measurement in measurements {
        FileHandle.standardOutput.write(try encoder.encode(measurement) + Data("\n".utf8))
        over = over || measurement.status != "within"
    }
} catch {
    FileHandle.standardError.write(Data("DeadlineBench: \(error)\n".utf8))
    exit(1)
}
exit(over ? 1 : 0)
