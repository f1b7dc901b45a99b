import Foundation
import ProcessSupport
import Reports
import Testing

/// A failing case can be found in the target's logs: each case's opening handshake carries a
/// fresh W3C traceparent, which a server that logs the field (here Python `websockets` printing
/// it) records, and the report names the same trace id beside the case. A nightly run can feed
/// a dashboard: `--format openmetrics` writes metrics.prom.
@Suite("CLI: trace ids in the target's logs, metrics for dashboards", .serialized)
struct ObservabilityTests {
    /// `echo_server.py --log-header traceparent`: prints the field of every handshake.
    final class LoggingServer {
        let process: Subprocess
        let port: UInt16

        init() throws {
            try Tools.requirePython()
            process = try Subprocess(Tools.python, [Tools.script("echo_server.py"), "--no-deflate", "--log-header", "traceparent"])
            guard let line = process.waitForLine(timeout: 20, where: { $0.hasPrefix("PORT ") }), let port = UInt16(line.dropFirst(5)) else {
                process.stop()
                throw SetupError("the echo server did not start: \(process.printed)")
            }
            self.port = port
        }

        var url: String { "ws://127.0.0.1:\(port)/" }

        /// Every traceparent value the server logged so far ("" for a handshake without one).
        var logged: [String] {
            process.printed.split(separator: "\n").compactMap { line in
                line.hasPrefix("HEADER traceparent") ? String(line.dropFirst("HEADER traceparent".count)).trimmingCharacters(in: .whitespaces) : nil
            }
        }

        deinit { process.stop() }
    }

    static let cases = "framing.text.*,close.code.invalid-*"

    @Test("every case's handshake carries a fresh traceparent; the report names its trace id, the server logged it")
    func traceIdsReachTheServerLog() throws {
        try Tools.requireWsconform()
        let server = try LoggingServer()
        let directory = try CLI.temporaryDirectory("traceparent")
        let outcome = try CLI.run(["run", server.url, "--cases", Self.cases, "--report-dir", directory.path, "--confirm", "0"] + CLI.patience)
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.output)")
        let report = try ExitCodeTests.report(in: directory)
        let cases = report.targets[0].cases
        #expect(cases.count > 10)
        let traceIds = cases.compactMap(\.traceId)
        #expect(traceIds.count == cases.count, "every case names its trace id")
        #expect(Set(traceIds).count == traceIds.count, "each handshake gets a fresh one")
        #expect(traceIds.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        let logged = server.logged
        for value in logged {
            #expect(value.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-01/) != nil, "\(value)")
        }
        let loggedIds = Set(logged.map { String($0.dropFirst(3).prefix(32)) })
        #expect(Set(traceIds).isSubset(of: loggedIds), "the server's log holds each case's trace id")
        let markdown = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        if let failing = cases.first(where: { !$0.passed }), let id = failing.traceId {
            #expect(markdown.contains(id), "a case that did not pass shows its trace id in the summary")
        }
    }

    @Test("--no-traceparent sends none and reports none")
    func noTraceparent() throws {
        try Tools.requireWsconform()
        let server = try LoggingServer()
        let directory = try CLI.temporaryDirectory("no-traceparent")
        let outcome = try CLI.run(
            ["run", server.url, "--cases", "framing.text.*", "--no-traceparent", "--report-dir", directory.path] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        let report = try ExitCodeTests.report(in: directory)
        #expect(report.targets[0].cases.allSatisfy { $0.traceId == nil })
        let cases = report.targets[0].cases.count
        let withField = server.logged.filter { !$0.isEmpty }
        #expect(server.logged.count >= cases && withField.isEmpty, "\(server.logged)")
    }

    @Test("--format openmetrics writes metrics.prom, which Prometheus' and OpenMetrics' parsers both read")
    func openMetricsFile() throws {
        try Tools.requireWsconform()
        let server = try LoggingServer()
        let directory = try CLI.temporaryDirectory("openmetrics")
        let outcome = try CLI.run(
            ["run", server.url, "--cases", Self.cases, "--format", "json,openmetrics", "--report-dir", directory.path] + CLI.patience)
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.output)")
        let report = try ExitCodeTests.report(in: directory)
        let file = directory.appendingPathComponent("metrics.prom").path
        let samples = try OpenMetricsParsing.samples(file)
        let totals = report.targets[0].totals
        #expect(samples.sum("wsconform_cases") == Double(totals.cases))
        #expect(samples.sum("wsconform_cases", ["outcome": "failed"]) == Double(totals.failed))
        #expect(samples.sum("wsconform_category_cases", ["category": "framing", "outcome": "passed"]) > 0)
        #expect(samples.sum("wsconform_measurement", ["id": "latency.echo-round-trip"]) > 0)
        #expect(samples.contains { $0.name == "wsconform_run_duration_seconds" })
    }
}
