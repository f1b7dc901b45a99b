import Foundation
import ProcessSupport
import Reports
import Testing

/// `run --config`: Autobahn's fuzzingclient.json as teams already have it, and our own format.
@Suite("CLI: run from a config file", .serialized)
struct ConfigRunTests {
    @Test("an Autobahn fuzzingclient.json runs its servers under their agent names")
    func autobahnImport() throws {
        let good = try ServeProcess()
        let bad = try ServeProcess(["--fault", "no-pong"])
        defer {
            good.stop()
            bad.stop()
        }
        let directory = try CLI.temporaryDirectory("autobahn")
        let outdir = directory.appendingPathComponent("reports/servers").path
        let config = """
            {
               "options": {"failByDrop": false},
               "outdir": "\(outdir)",
               "servers": [
                  {"agent": "GoodServer", "url": "ws://127.0.0.1:\(good.port)", "options": {"version": 18}},
                  {"agent": "PongLess", "url": "ws://127.0.0.1:\(bad.port)", "options": {"version": 18}}
               ],
               "cases": ["2.*", "14.*"],
               "exclude-cases": ["2.10", "2.11"],
               "exclude-agent-cases": {"PongLess": ["2.3"]}
            }
            """
        let file = directory.appendingPathComponent("fuzzingclient.json")
        try Data(config.utf8).write(to: file)
        let outcome = try CLI.run(["run", "--config", file.path, "--format", "json,autobahn"] + CLI.patience)
        #expect(outcome.status == 1, "\(outcome.output)")
        #expect(outcome.output.contains("warning:") && outcome.output.contains("14.*"), "\(outcome.output)")
        let report = try ExitCodeTests.report(in: URL(fileURLWithPath: outdir))
        #expect(report.targets.map(\.agent) == ["GoodServer", "PongLess"])
        #expect(report.targets[0].totals.cases == 9 && report.targets[1].totals.cases == 8, "excludes applied per target")
        #expect(report.targets[0].totals.failed == 0 && report.targets[1].totals.failed > 0)
        let index = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: outdir).appendingPathComponent("index.json")))
        let agents = try #require(index as? [String: [String: Any]])
        #expect(Set(agents.keys) == ["GoodServer", "PongLess"])
        #expect(agents["GoodServer"]?["2.1"] != nil)
    }

    @Test("our own config: targets with headers, formats; the command line wins")
    func ownFormat() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("own")
        let config = """
            {
              "schemaVersion": 1,
              "targets": [{"url": "\(server.url)", "agent": "staging", "headers": {"Authorization": "Bearer c0nf1g-secret"}}],
              "cases": ["framing.*"],
              "formats": ["json", "md"],
              "reportDir": "\(directory.appendingPathComponent("from-config").path)"
            }
            """
        let file = directory.appendingPathComponent("wsconform.json")
        try Data(config.utf8).write(to: file)
        let outcome = try CLI.run(["run", "--config", file.path, "--format", "json", "--transcript", "--verbose"] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        let reports = directory.appendingPathComponent("from-config")
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.path) == ["report.json"], "--format overrides the file")
        let text = String(decoding: try Data(contentsOf: reports.appendingPathComponent("report.json")), as: UTF8.self)
        #expect(!text.contains("c0nf1g-secret") && !outcome.output.contains("c0nf1g-secret"))
        #expect(try ExitCodeTests.report(in: reports).targets[0].agent == "staging")
    }

    @Test("a config mistake is one line naming the file and key, exit 64")
    func mistake() throws {
        let directory = try CLI.temporaryDirectory("mistake")
        let file = directory.appendingPathComponent("bad.json")
        try Data(#"{"schemaVersion": 1, "targets": [{"url": "ws://127.0.0.1:1/"}], "timeoutScal": 2}"#.utf8).write(to: file)
        let outcome = try CLI.run(["run", "--config", file.path])
        #expect(outcome.status == 64, "\(outcome.output)")
        #expect(outcome.output.contains("timeoutScal") && outcome.output.contains("did you mean"), "\(outcome.output)")
    }
}
