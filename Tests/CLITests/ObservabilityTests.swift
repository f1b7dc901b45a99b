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

    @Test("each fuzz input's handshake carries a fresh traceparent; a finding's file and report name its trace id, as does a replay; the server logged each")
    func fuzzTraceIds() throws {
        try Tools.requireWsconform()
        let server = try LoggingServer()
        let directory = try CLI.temporaryDirectory("fuzz-traceparent")
        let corpus = directory.appendingPathComponent("corpus").path
        let reports = directory.appendingPathComponent("reports")
        // Python websockets accepts a head with no Host field: a finding within these inputs.
        let fuzz = try CLI.run([
            "fuzz", server.url, "--seed", "1", "--inputs", "300", "--jobs", "4", "--no-deflate", "--corpus", corpus, "--report-dir",
            reports.path,
        ])
        #expect(fuzz.status == 1, "\(fuzz.output)")
        let logged = server.logged
        #expect(logged.count >= 300, "every input with a head the server read was logged: \(logged.count)")
        #expect(logged.allSatisfy { $0.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-01/) != nil }, "\(logged.filter { $0.count != 55 })")
        let loggedIds = logged.map { String($0.dropFirst(3).prefix(32)) }
        #expect(Set(loggedIds).count == loggedIds.count, "a fresh trace id per handshake")
        let data = try Data(contentsOf: reports.appendingPathComponent("fuzz-report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        var files: [String] = []
        var inLog = 0
        for finding in findings {
            let trace = try #require(finding["traceId"] as? String, "\(finding["signature"] ?? "")")
            #expect(trace.wholeMatch(of: /[0-9a-f]{32}/) != nil)
            // A head the server could not parse never reaches its request hook (websockets drops
            // HTTP/1.2); one it upgraded did, so the log must hold that one's id.
            if loggedIds.contains(trace) { inLog += 1 }
            if (finding["reaction"] as? String) == "upgraded" {
                #expect(loggedIds.contains(trace), "the server's log holds the upgraded finding's trace id \(trace)")
            }
            #expect(fuzz.output.contains("trace id: \(trace)"))
            let path = try #require(finding["path"] as? String)
            let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            #expect(saved["traceId"] as? String == trace, "the saved file names the trace id of the run its transcript shows")
            files.append(path)
        }
        #expect(inLog > 0)
        let markdown = try String(contentsOf: reports.appendingPathComponent("fuzz-summary.md"), encoding: .utf8)
        #expect(findings.allSatisfy { markdown.contains($0["traceId"] as? String ?? "-") })
        // A replay sends a fresh id of its own, printed beside the outcome.
        let before = Set(server.logged)
        let replay = try CLI.run(["replay"] + files + [server.url])
        #expect(replay.status == 1, "\(replay.output)")
        let replayIds = replay.output.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("trace id ") ? String(text.dropFirst(9)) : nil
        }
        #expect(replayIds.count == files.count, "\(replay.output)")
        let newIds = Set(server.logged).subtracting(before).map { String($0.dropFirst(3).prefix(32)) }
        #expect(!Set(replayIds).isDisjoint(with: Set(newIds)), "the server's log holds the replays' trace ids")
        #expect(Set(replayIds).isDisjoint(with: Set(loggedIds)))
    }

    @Test("fuzz --no-traceparent and replay --no-traceparent send none and name none")
    func fuzzNoTraceparent() throws {
        try Tools.requireWsconform()
        let server = try LoggingServer()
        let directory = try CLI.temporaryDirectory("fuzz-no-traceparent")
        let corpus = directory.appendingPathComponent("corpus").path
        let fuzz = try CLI.run([
            "fuzz", server.url, "--seed", "1", "--inputs", "300", "--jobs", "4", "--no-deflate", "--no-traceparent", "--corpus", corpus,
            "--report-dir", directory.appendingPathComponent("reports").path,
        ])
        #expect(fuzz.status == 0 || fuzz.status == 1, "\(fuzz.output)")
        #expect(!fuzz.output.contains("trace id"))
        let replay = try CLI.run(["replay", corpus + "/findings", server.url, "--no-traceparent"])
        #expect(!replay.output.contains("trace id") && !replay.output.contains("note:"), "\(replay.output)")
        let quiet = server.logged
        #expect(!quiet.isEmpty && quiet.allSatisfy(\.isEmpty), "\(quiet.filter { !$0.isEmpty })")
        let saved = try FileManager.default.contentsOfDirectory(atPath: corpus + "/findings").filter { $0.hasSuffix(".json") }.count
        try #require(saved > 0, "websockets breaks a rule within these inputs")
        // Replayed with the field they were found without: said once, with the way back.
        let traced = try CLI.run(["replay", corpus + "/findings", server.url])
        #expect(
            traced.output.contains(
                "note: \(saved) finding(s) were found without a traceparent field, replayed with one: the head differs by that field (about 70 octets); --no-traceparent replays them as found"
            ), "\(traced.output)")
        #expect(server.logged.dropFirst(quiet.count).contains { !$0.isEmpty })
    }

    @Test("probe's handshakes carry a fresh traceparent each, printed with the answer; --no-traceparent sends none")
    func probeTraceIds() throws {
        try Tools.requireWsconform()
        let server = try LoggingServer()
        let probe = try CLI.run(["probe", server.url])
        #expect(probe.status == 0, "\(probe.output)")
        let logged = server.logged
        #expect(logged.count == 2 && Set(logged).count == 2, "\(logged)")
        for value in logged { #expect(probe.output.contains("traceparent \(value)"), "\(probe.output)") }
        let quiet = try CLI.run(["probe", server.url, "--no-traceparent"])
        #expect(quiet.status == 0 && !quiet.output.contains("traceparent"), "\(quiet.output)")
        #expect(server.logged.count == 4 && server.logged.suffix(2).allSatisfy(\.isEmpty), "\(server.logged)")
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
