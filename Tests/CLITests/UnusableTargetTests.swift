import Foundation
import ProcessSupport
import Reports
import Testing

/// A target that cannot be tested ends the run in seconds with exit 2 and a report whose cases
/// say why they did not run: no case is passed by a server that drops everything, and no run
/// waits out one timeout per case.
@Suite("CLI: unusable targets end the run early", .serialized)
struct UnusableTargetTests {
    static let hostile = [
        "silent", "http-garbage", "slowloris-response", "upgrade-then-close", "refuse-401", "header-flood", "endless-status-line",
        "redirect-loop", "reset",
    ]

    @Test("a target that answers no usable handshake or no echo is not tested", arguments: hostile)
    func unusable(kind: String) throws {
        let server = try PeerServer("hostile-\(kind)")
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("unusable-\(kind)")
        let outcome = try CLI.run(
            ["run", "ws://127.0.0.1:\(server.port)/", "--cases", "framing.*,close.*,limits.*", "--report-dir", directory.path], timeout: 60)
        #expect(outcome.status == 2, "\(outcome.output)")
        #expect(outcome.output.contains("cannot be tested"), "\(outcome.output)")
        let target = try ExitCodeTests.report(in: directory).targets[0]
        #expect(target.totals.cases > 0 && target.totals.errors == target.totals.cases, "\(target.totals)")
        #expect(target.totals.passed == 0, "no case passes against a target that cannot echo")
        #expect(target.cases.allSatisfy { $0.error?.hasPrefix("not run: the target is unusable") == true })
    }

    @Test("a TLS handshake that never completes (a wss:// URL on a server that never answers) ends the run in seconds")
    func tlsStall() throws {
        let server = try PeerServer("hostile-silent")
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("unusable-tls-stall")
        let started = Date()
        let outcome = try CLI.run(
            ["run", "wss://127.0.0.1:\(server.port)/", "--insecure", "--cases", "framing.*", "--report-dir", directory.path], timeout: 60)
        #expect(outcome.status == 2, "\(outcome.output)")
        #expect(Date().timeIntervalSince(started) < 30)
        let target = try ExitCodeTests.report(in: directory).targets[0]
        #expect(target.totals.cases > 0 && target.totals.errors == target.totals.cases, "\(target.totals)")
    }

    /// Starts a run of many cases against `server`, returns once it has printed its first line.
    static func startRun(_ url: String, directory: URL) throws -> Subprocess {
        try Tools.requireWsconform()
        let run = try Subprocess(
            Tools.wsconform, ["run", url, "--cases", "utf8.*,framing.*,close.*", "--jobs", "2", "--report-dir", directory.path])
        _ = run.waitForLine(timeout: 20) { $0.contains("cases") }
        return run
    }

    @Test("a target that dies mid-run stops the run in seconds; the cases left are not run")
    func diesMidRun() throws {
        let server = try ServeProcess()
        let directory = try CLI.temporaryDirectory("dies")
        let run = try Self.startRun(server.url, directory: directory)
        defer { run.stop() }
        Thread.sleep(forTimeInterval: 0.5)
        server.stop()
        let status = run.waitForExit(timeout: 60)
        #expect(status == 2, "\(run.printed)")
        #expect(run.printed.contains("stopped answering"), "\(run.printed)")
        let target = try ExitCodeTests.report(in: directory).targets[0]
        let notRun = target.cases.filter { $0.error?.hasPrefix("not run: the target stopped answering") == true }
        #expect(!notRun.isEmpty && target.totals.cases == 155 + 16 + 41, "\(target.totals)")
    }

    @Test("a target restarted mid-run is picked up again, and the cases it missed run again")
    func restartedMidRun() throws {
        let first = try ServeProcess()
        let port = first.port
        let directory = try CLI.temporaryDirectory("restarted")
        let run = try Self.startRun(first.url, directory: directory)
        defer { run.stop() }
        Thread.sleep(forTimeInterval: 0.5)
        first.stop()
        Thread.sleep(forTimeInterval: 1.0)
        let second = try ServeProcess(["--port", String(port)])
        defer { second.stop() }
        let status = run.waitForExit(timeout: 90)
        let target = try ExitCodeTests.report(in: directory).targets[0]
        #expect(status == 0, "\(run.printed)")
        #expect(target.totals.errors == 0 && target.totals.failed == 0, "\(target.totals)")
    }

    static let flooding = ["pong-flood", "ping-flood", "endless-fragments", "endless-messages", "one-octet-echoes", "lying-length"]

    /// The peak resident memory of `process` in KiB (VmHWM), sampled until it exits or the
    /// deadline passes; the exit status with it.
    static func waitSampling(_ process: Subprocess, timeout: Double) -> (status: Int32?, peakKiB: Int) {
        let deadline = Date().addingTimeInterval(timeout)
        var peak = 0
        let status = "/proc/\(process.process.processIdentifier)/status"
        while process.process.isRunning, Date() < deadline {
            if let text = try? String(contentsOfFile: status, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kib = Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "")
            {
                peak = max(peak, kib)
            }
            _ = process.printed
            usleep(50_000)
        }
        return (process.waitForExit(timeout: 0.1), peak)
    }

    @Test("a target that echoes, then floods or trickles, ends the run with a verdict in bounded time and memory", arguments: flooding)
    func hostileAfterEcho(kind: String) throws {
        let server = try PeerServer("hostile-\(kind)")
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("hostile-\(kind)")
        try Tools.requireWsconform()
        let run = try Subprocess(
            Tools.wsconform,
            ["run", "ws://127.0.0.1:\(server.port)/", "--cases", "framing.*,ping.*,close.*", "--report-dir", directory.path])
        defer { run.stop() }
        let (status, peak) = Self.waitSampling(run, timeout: 60)
        #expect(status == 1 || status == 2, "\(run.printed)")
        #expect(peak > 0 && peak < 256 << 10, "peak resident memory \(peak) KiB")
        let target = try ExitCodeTests.report(in: directory).targets[0]
        #expect(target.totals.cases == 16 + 11 + 41 && target.totals.failed > 0, "\(target.totals)")
    }

    @Test("a target that answers a compressed echo with a message inflating to 1 GiB: bounded, a verdict, a report")
    func deflateBomb() throws {
        let server = try PeerServer("hostile-bomb")
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("hostile-bomb")
        try Tools.requireWsconform()
        let run = try Subprocess(
            Tools.wsconform,
            ["run", "ws://127.0.0.1:\(server.port)/", "--cases", "compression.round-trip.*,12.1.1", "--report-dir", directory.path])
        defer { run.stop() }
        let started = Date()
        let (status, peak) = Self.waitSampling(run, timeout: 60)
        #expect(status == 1 || status == 2, "\(run.printed)")
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(peak > 0 && peak < 256 << 10, "peak resident memory \(peak) KiB")
        let target = try ExitCodeTests.report(in: directory).targets[0]
        #expect(target.totals.cases == 3 && target.totals.failed > 0, "\(target.totals)")
    }
}
