import Foundation
import ProcessSupport
import Reports
import Testing

/// Verdicts do not depend on the target's distance: the same cases, against the same server,
/// directly and through a proxy that holds every chunk 30 ms each way, give the same verdicts;
/// the report says what latency was measured and which wait was used.
@Suite("CLI: verdicts with the target 30 ms away", .serialized)
struct LatencyTests {
    /// `latency_proxy.py`: a loopback TCP proxy adding `delay` milliseconds each way.
    final class LatencyProxy {
        let process: Subprocess
        let port: UInt16

        init(upstream: UInt16, delay: Int) throws {
            try Tools.requirePython()
            process = try Subprocess(Tools.python, [Tools.script("latency_proxy.py"), String(upstream), String(delay)])
            guard let line = process.waitForLine(timeout: 20, where: { $0.contains("listening on") }), let port = Tools.port(in: line) else {
                process.stop()
                throw SetupError("the latency proxy did not start: \(process.printed)")
            }
            self.port = port
        }

        var url: String { "ws://127.0.0.1:\(port)/" }

        deinit { process.stop() }
    }

    /// Autobahn's categories 1–10, the quick tier.
    static let categories = "framing.*,ping.*,rsv.*,opcode.*,fragmentation.*,utf8.*,close.*,limits.*,masking.*"

    static func verdicts(_ report: RunReport) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: report.targets[0].cases.map { ($0.id, "\($0.behaviour ?? "-") / \($0.close ?? "-") \($0.error ?? "")") })
    }

    static func measured(_ report: RunReport, _ id: String) -> Double? {
        report.targets[0].measurements.first { $0.id == id }?.value
    }

    @Test("the same verdicts directly and 30 ms away; the waits follow the measured round trip")
    func sameVerdictsThroughTheProxy() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess()
        defer { server.stop() }
        let proxy = try LatencyProxy(upstream: server.port, delay: 30)
        var reports: [RunReport] = []
        for (name, url) in [("direct", server.url), ("far", proxy.url)] {
            let directory = try CLI.temporaryDirectory("latency-\(name)")
            let outcome = try CLI.run(
                ["run", url, "--cases", Self.categories, "--tier", "quick", "--report-dir", directory.path], timeout: 900)
            #expect(outcome.status == 0, "\(name): \(outcome.output)")
            reports.append(try ExitCodeTests.report(in: directory))
        }
        let (direct, far) = (Self.verdicts(reports[0]), Self.verdicts(reports[1]))
        #expect(direct.count > 100 && direct.count == far.count)
        let differing = direct.keys.sorted().filter { direct[$0] != far[$0] }.map { "\($0): \(direct[$0]!) ≠ \(far[$0] ?? "absent")" }
        #expect(differing == [], "verdicts changed with distance")

        let nearRoundTrip = try #require(Self.measured(reports[0], "latency.echo-round-trip"))
        let farRoundTrip = try #require(Self.measured(reports[1], "latency.echo-round-trip"))
        #expect(farRoundTrip >= 60, "30 ms each way: \(farRoundTrip) ms")
        #expect(nearRoundTrip < farRoundTrip)
        let nearWait = try #require(Self.measured(reports[0], "timers.checkpoint-wait"))
        let farWait = try #require(Self.measured(reports[1], "timers.checkpoint-wait"))
        #expect(nearWait >= 500 && nearWait < 1000, "loopback waits less than Autobahn's second: \(nearWait) ms")
        #expect(farWait > nearWait && farWait <= 1000, "the far target gets a longer wait, at most a second: \(farWait) ms")
    }
}
