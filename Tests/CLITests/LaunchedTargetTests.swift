import Cases
import Foundation
import ProcessSupport
import Reports
import Testing

/// `run --exec` and `check --exec`: the target wsconform launches, samples from /proc and
/// stops with SIGTERM while connections are open. Each of the reference server's four process
/// faults fails exactly its own measurement; the correct server and real servers written by
/// others (Python `websockets`, node `ws`, both shut down as their documentation shows) pass.
@Suite("CLI: a launched target's shutdown, memory and descriptors")
struct LaunchedTargetTests {
    static let processIDs = [
        "process.peak-resident-octets", "process.idle-connection-octets", "process.idle-connection-descriptors",
        "process.leaked-octets-per-connection", "process.leaked-descriptors", "process.shutdown-close", "process.shutdown-exit",
    ]

    /// `run` of two quick cases against `command` (launched on `port`); the report and status.
    static func run(_ command: String, port: UInt16, _ name: String, extra: [String] = []) throws -> (TargetReport, CLI.Outcome, URL) {
        let directory = try CLI.temporaryDirectory(name)
        defer { FreePort.stopProcesses(listeningOn: port) }
        let outcome = try CLI.run(
            [
                "run", "ws://127.0.0.1:\(port)/", "--exec", command, "--cases", "framing.text.length-0,framing.binary.length-125",
                "--format", "json,html,junit,md", "--report-dir", directory.path,
            ] + extra, timeout: 180)
        let report = try #require(try ExitCodeTests.report(in: directory).targets.first, "no report: \(outcome.output)")
        return (report, outcome, directory)
    }

    static func serve(_ port: UInt16, fault: String? = nil) -> String {
        "'\(Tools.wsconform)' serve --port \(port)" + (fault.map { " --fault \($0)" } ?? "")
    }

    static func statuses(_ report: TargetReport) -> [String: Cases.Measurement.Status] {
        Dictionary(report.measurements.filter { $0.id.hasPrefix("process.") }.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
    }

    static func measurement(_ report: TargetReport, _ id: String) throws -> Cases.Measurement {
        try #require(report.measurements.first { $0.id == id }, "\(id) missing")
    }

    @Test("the correct reference server: 1001 on every open connection, exit 0, one descriptor per connection, no leak; in every format")
    func correctServer() throws {
        let port = try FreePort.pick()
        // A secret in the command stays out of every report.
        let (report, outcome, directory) = try Self.run("API_TOKEN=s3cr3t-value " + Self.serve(port), port: port, "exec-ok")
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(Self.statuses(report) == Dictionary(uniqueKeysWithValues: Self.processIDs.map { ($0, .ok) }))
        #expect(try Self.measurement(report, "process.shutdown-close").observed?.hasPrefix("Close 1001 on 3 of 3") == true)
        #expect(try Self.measurement(report, "process.idle-connection-descriptors").value == 1)
        #expect(try Self.measurement(report, "process.leaked-descriptors").value == 0)
        #expect((try Self.measurement(report, "process.idle-connection-octets").value ?? 0) > 0)
        #expect((try Self.measurement(report, "process.peak-resident-octets").value ?? 0) > Double(1 << 20))
        let launched = try #require(report.launched)
        #expect(launched.ended == "exited with code 0" && launched.exitCode == 0 && !launched.killedAfterGrace)
        #expect(launched.outputTail.contains("wsconform reference server listening on ws://127.0.0.1:\(port)/"))
        #expect(launched.command.hasPrefix("API_TOKEN=\(Redaction.placeholder) "))
        for file in ["report.json", "report.html", "junit.xml", "summary.md"] {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("s3cr3t-value"), "\(file) leaks the secret")
            #expect(text.contains("process.shutdown-close"), "\(file) lacks the shutdown measurement")
            #expect(text.contains("listening on ws://127.0.0.1:\(port)/"), "\(file) lacks the output tail")
        }
        // No checklist for run: measurements never change its exit code.
        #expect(report.checklist == nil)
    }

    /// Each process fault, the measurements it must fail, and the words the report shows.
    static let faults: [(fault: String, fails: Set<String>, observed: String)] = [
        ("ignore-sigterm", ["process.shutdown-close", "process.shutdown-exit"], "killed with SIGKILL"),
        ("drop-on-shutdown", ["process.shutdown-close"], "with no Close on "),
        ("leak-memory", ["process.leaked-octets-per-connection"], "resident memory +"),
        ("leak-descriptor", ["process.leaked-descriptors"], "+400 open descriptors"),
    ]

    @Test("each process fault fails its own measurements and only those", arguments: faults.map(\.fault))
    func faultCaught(fault: String) throws {
        let expected = try #require(Self.faults.first { $0.fault == fault })
        let port = try FreePort.pick()
        let (report, outcome, _) = try Self.run(Self.serve(port, fault: fault), port: port, "exec-\(fault)", extra: ["--shutdown-grace", "1s"])
        #expect(outcome.status == 0, "a measurement does not change run's exit code: \(outcome.output)")
        let failed = Set(Self.statuses(report).filter { $0.value == .fail }.keys)
        #expect(failed == expected.fails, "\(fault): \(report.measurements.map { "\($0.id) \($0.status) \($0.formattedWithObserved)" })")
        #expect(Self.statuses(report).values.allSatisfy { $0 != .notMeasured })
        #expect(
            report.measurements.contains { expected.fails.contains($0.id) && ($0.observed ?? "").contains(expected.observed) },
            "\(report.measurements.map { "\($0.id): \($0.observed ?? "")" })")
        let launched = try #require(report.launched)
        #expect(launched.killedAfterGrace == (fault == "ignore-sigterm"))
        if fault == "ignore-sigterm" { #expect(launched.signal == "SIGKILL") }
    }

    @Test("check --exec puts the shutdown and the leaks on the pre-launch checklist; a leak fails the check")
    func checklist() throws {
        let port = try FreePort.pick()
        let directory = try CLI.temporaryDirectory("exec-check")
        defer { FreePort.stopProcesses(listeningOn: port) }
        let outcome = try CLI.run(
            [
                "check", "ws://127.0.0.1:\(port)/", "--exec", Self.serve(port, fault: "leak-descriptor"), "--cases", "framing.text.length-0",
                "--observe", "1s", "--format", "json", "--report-dir", directory.path,
            ], timeout: 180)
        #expect(outcome.status == 1, "\(outcome.output)")
        let checklist = try #require(try ExitCodeTests.report(in: directory).targets.first?.checklist)
        #expect(checklist.first { $0.id == "shutdown" }?.status == .ok)
        #expect(checklist.first { $0.id == "connection-cost" }?.status == .fail)
        #expect(outcome.output.contains("FAIL  No memory or descriptor leak per connection"))
    }

    @Test(
        "real servers shut down as documented get 1001 and exit 0, and show no leak; without a handler they fail the Close",
        arguments: ["websockets-graceful", "node-graceful", "websockets"])
    func realServers(peer: String) throws {
        let port = try FreePort.pick()
        let command: String
        if peer.hasPrefix("node") {
            let node = try #require(PeerServer.node, "no node: run scripts/install-deps")
            command = "'\(node)' '\(PeerServer.packageRoot)/Tests/InteropTests/node/peer.js' \(port) --graceful"
        } else {
            command = "'\(PeerServer.python)' '\(PeerServer.packageRoot)/Tests/InteropTests/python/peers.py' \(peer) \(port)"
        }
        let (report, outcome, _) = try Self.run(command, port: port, "exec-\(peer)")
        #expect(outcome.status == 0, "\(outcome.output)")
        var expected = Dictionary(uniqueKeysWithValues: Self.processIDs.map { ($0, Cases.Measurement.Status.ok) })
        if peer == "websockets" { expected["process.shutdown-close"] = .fail }
        #expect(Self.statuses(report) == expected, "\(report.measurements.map { "\($0.id) \($0.status) \($0.formattedWithObserved)" })")
        let close = try Self.measurement(report, "process.shutdown-close").observed ?? ""
        #expect(peer == "websockets" ? close.contains("with no Close") : close.hasPrefix("Close 1001 on 3 of 3"), "\(close)")
        // Python's default for SIGTERM ends it at once; the graceful peers exit 0.
        #expect(report.launched?.ended == (peer == "websockets" ? "exited with code 143 (128 + SIGTERM: the shell's report of a signal)" : "exited with code 0"))
    }

    @Test("--exec usage: one target only, a command that cannot start ends in seconds with exit 2")
    func usage() throws {
        let two = try CLI.run(["run", "ws://127.0.0.1:1/", "ws://127.0.0.1:2/", "--exec", "true"])
        #expect(two.status == 64 && two.output.contains("--exec launches one target"))
        let grace = try CLI.run(["run", "ws://127.0.0.1:1/", "--exec", "true", "--shutdown-grace", "soon"])
        #expect(grace.status == 64 && grace.output.contains("--shutdown-grace"))
        let port = try FreePort.pick()
        let started = Date()
        let failing = try CLI.run(["run", "ws://127.0.0.1:\(port)/", "--exec", "echo cannot start; exit 3"])
        #expect(failing.status == 2 && failing.output.contains("--exec"), "\(failing.output)")
        #expect(failing.output.contains("cannot start"))
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
