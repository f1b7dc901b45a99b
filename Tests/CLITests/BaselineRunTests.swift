import Foundation
import ProcessSupport
import Reports
import Testing

/// `run --baseline`: known failures waived with reasons; only new failures fail the run.
@Suite("CLI: run with a baseline", .serialized)
struct BaselineRunTests {
    static func write(_ text: String) throws -> String {
        let file = try CLI.temporaryDirectory("baseline").appendingPathComponent("baseline.json")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test("waived failures exit 0, new ones exit 1, waivers of passing cases are reported")
    func waivers() throws {
        let server = try ServeProcess(["--fault", "no-pong"])
        defer { server.stop() }
        let all = try Self.write(
            #"{"schemaVersion": 1, "waivers": [{"case": "ping.*", "reason": "pongs are sent by the proxy"}, {"case": "1.1.1", "reason": "stale"}]}"#
        )
        let directory = try CLI.temporaryDirectory("waived")
        let waived = try CLI.run(
            ["run", server.url, "--cases", "ping.*,1.1.1", "--baseline", all, "--report-dir", directory.path] + CLI.patience)
        #expect(waived.status == 0, "\(waived.output)")
        #expect(waived.output.contains("waivers no longer needed: framing"), "\(waived.output)")
        let report = try ExitCodeTests.report(in: directory)
        #expect(report.baseline == all)
        #expect(report.targets[0].totals.waived > 0 && report.targets[0].totals.failed == 0)
        #expect(report.targets[0].baseline?.fixed.contains { $0.hasPrefix("framing.") } == true, "the passing 1.1.1 needs no waiver")
        let summary = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("pongs are sent by the proxy"))

        let some = try Self.write(#"{"schemaVersion": 1, "waivers": [{"case": "ping.payload-0", "reason": "known"}]}"#)
        let partly = try CLI.run([
            "run", server.url, "--cases", "ping.*", "--baseline", some, "--report-dir", try CLI.temporaryDirectory("partly").path,
        ])
        #expect(partly.status == 1, "\(partly.output)")
    }

    @Test("a previous report serves as the baseline")
    func reportAsBaseline() throws {
        let server = try ServeProcess(["--fault", "no-pong"])
        defer { server.stop() }
        let first = try CLI.temporaryDirectory("first")
        #expect(try CLI.run(["run", server.url, "--cases", "ping.*", "--report-dir", first.path]).status == 1)
        let again = try CLI.run(
            [
                "run", server.url, "--cases", "ping.*", "--baseline", first.appendingPathComponent("report.json").path,
                "--report-dir", try CLI.temporaryDirectory("again").path,
            ] + CLI.patience)
        #expect(again.status == 0, "\(again.output)")
    }

    @Test("a waiver without a reason is a usage error naming the entry")
    func missingReason() throws {
        let path = try Self.write(#"{"schemaVersion": 1, "waivers": [{"case": "6.4.*"}]}"#)
        let outcome = try CLI.run(["run", "ws://127.0.0.1:1/", "--baseline", path])
        #expect(outcome.status == 64, "\(outcome.output)")
        #expect(outcome.output.contains("waivers[0]") && outcome.output.contains("reason"), "\(outcome.output)")
    }
}
