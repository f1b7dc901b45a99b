import Foundation
import ProcessSupport
import Testing

@testable import Reports

/// The load report: shards merge into the report of one run, the policy decides, and every
/// writer renders the target's name as text.
@Suite("Reports: load reports")
struct LoadReportTests {
    static let plan = LoadReport.Plan(connections: 4, rampSeconds: 1, holdSeconds: 2, ratePerConnection: 10, inFlight: 1, sizes: [[64, 1]])

    /// A shard's report from latencies per second (microseconds).
    static func shard(_ index: Int, of count: Int, target: String = "ws://127.0.0.1:1/", _ perSecond: [[UInt64]], errors: [String: Int] = [:]) -> LoadReport {
        var overall = LatencyHistogram()
        var seconds: [LoadReport.Second] = []
        for (second, values) in perSecond.enumerated() {
            var histogram = LatencyHistogram()
            for value in values {
                histogram.record(value)
                overall.record(value)
            }
            seconds.append(LoadReport.Second(second: second, sent: values.count, echoes: values.count, errors: 0, held: 2, latency: HistogramSummary(histogram)))
        }
        var handshakes = LatencyHistogram()
        handshakes.record(900 + UInt64(index))
        let echoes = perSecond.reduce(0) { $0 + $1.count }
        return LoadReport(
            toolVersion: "0.1.0", startedAt: "2026-12-07T00:00:0\(index)Z", durationSeconds: 3.5, commandLine: ["load", target], target: target,
            plan: plan, shards: ["\(index)/\(count)"],
            totals: LoadReport.Totals(
                connectionsOpened: 2, mostHeld: 2, messagesSent: echoes, echoesChecked: echoes, octetsSent: echoes * 64, closedCleanly: 2,
                errors: errors.values.reduce(0, +), echoesPerSecond: 0, handshakesPerSecond: 2),
            latency: HistogramSummary(overall), handshake: HistogramSummary(handshakes), seconds: seconds, errors: errors,
            policy: LoadReport.Policy(p99Milliseconds: 5, maxErrors: 0), descriptorLimit: 1024, incomplete: false)
    }

    @Test("two shards merge into what one run recording every echo reports: percentiles, seconds, totals, errors")
    func mergeIsExact() throws {
        let first = Self.shard(0, of: 2, [[100, 200, 300], [400, 5000, 600], [700]], errors: ["reset": 1])
        let second = Self.shard(1, of: 2, [[150, 250], [350, 450, 550, 6500], [750, 800]], errors: ["reset": 2, "wrong-echo": 1])
        let whole = Self.shard(0, of: 1, [[100, 200, 300, 150, 250], [400, 5000, 600, 350, 450, 550, 6500], [700, 750, 800]])
        let merged = try LoadReport.merged([first, second])
        #expect(merged.latency == whole.latency)
        #expect(merged.seconds.map(\.latency) == whole.seconds.map(\.latency))
        #expect(merged.seconds.map(\.held) == [4, 4, 4])
        #expect(merged.totals.connectionsOpened == 4 && merged.totals.mostHeld == 4 && merged.totals.echoesChecked == 15)
        #expect(merged.errors == ["reset": 3, "wrong-echo": 1] && merged.totals.errors == 4)
        #expect(merged.shards == ["0/2", "1/2"] && merged.startedAt == "2026-12-07T00:00:00Z")
        #expect(merged.handshake.count == 2)
        // The hold is seconds 1 and 2 (after the 1 s ramp, before 3 s): 7 and 3 echoes.
        #expect(merged.totals.echoesPerSecond == 5)
        // p99 of 15 echoes is the largest, 6.5 ms, over the 5 ms bound; 4 errors over 0.
        #expect(merged.verdicts.map(\.passed) == [false, false])
        #expect(!merged.passed)
    }

    @Test("shards of other targets or plans, or a shard twice, do not merge")
    func mergeRefused() {
        let first = Self.shard(0, of: 2, [[100]])
        #expect(throws: LoadReport.MergeProblem.self) { try LoadReport.merged([first, Self.shard(1, of: 2, target: "ws://other/", [[100]])]) }
        #expect(throws: LoadReport.MergeProblem.self) { try LoadReport.merged([first, first]) }
        var otherPlan = Self.shard(1, of: 2, [[100]])
        otherPlan.plan.connections = 8
        #expect(throws: LoadReport.MergeProblem.self) { try LoadReport.merged([first, otherPlan]) }
    }

    @Test("every writer shows a hostile target name and error kind as text; the metrics parse")
    func writers() throws {
        let hostile = "ws://127.0.0.1:1/<script>alert(1)</script>"
        var report = Self.shard(0, of: 1, target: hostile, [[100, 200], [300]], errors: ["close-<b>": 1])
        report.errorExamples = ["close-<b>": ["connection 3: <img src=x onerror=alert(1)>"]]
        for reporter in [LoadJSONReporter(), LoadHTMLReporter(), LoadJUnitReporter(), LoadMarkdownReporter(), LoadOpenMetricsReporter()] as [any Reporter<LoadReport>] {
            let text = String(decoding: try reporter.render(report), as: UTF8.self)
            if reporter.format != .json, reporter.format != .openmetrics {
                #expect(
                    !text.contains("<script>") && !text.contains("close-<b>") && !text.contains("<img"), "\(reporter.fileName) lets markup through")
                #expect(text.contains("connection 3"), "\(reporter.fileName) shows the error's example")
            }
            #expect(text.contains("p99") || text.contains("0.99") || reporter.format == .json)
        }
        let html = String(decoding: try LoadHTMLReporter().render(report), as: UTF8.self)
        #expect(html.contains("<svg class=\"plot\"") && html.contains("<polyline"))
        let junit = String(decoding: try LoadJUnitReporter().render(report), as: UTF8.self)
        #expect(junit.contains("<failure message=\"errors: 1, limit 0\""))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-load-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("load-metrics.prom")
        try LoadOpenMetricsReporter().render(report).write(to: file)
        let samples = try OpenMetricsParsing.samples(file.path)
        let p99 = try #require(samples.first { $0.name == "wsconform_load_echo_latency_seconds" && $0.labels["quantile"] == "0.99" })
        #expect(p99.value == 0.0003 && p99.labels["target"] == hostile)
        #expect(samples.contains { $0.name == "wsconform_load_policy_passed" && $0.labels["bound"] == "errors" && $0.value == 0 })
    }

    @Test("load-report.json validates against docs/load-report.schema.json, merged too")
    func schemaValidates() throws {
        var second = Self.shard(1, of: 2, [[300]], errors: ["wrong-echo": 1])
        second.errorExamples = ["wrong-echo": ["connection 1: the echo of message 1 (binary, 64 octets) differs from octet 3: 00 where 41 was sent"]]
        let merged = try LoadReport.merged([Self.shard(0, of: 2, [[100, 900]]), second])
        #expect(merged.errorExamples == second.errorExamples)
        for report in [Self.shard(0, of: 1, [[100, 200], [300]]), merged] {
            #expect(try ReportsTests.validate(try LoadJSONReporter().render(report), against: "load-report.schema.json") == 0)
        }
    }
}
