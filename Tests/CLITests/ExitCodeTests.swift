import Foundation
import ProcessSupport
import Reports
import Testing

/// Each exit code of `wsconform run`, from real runs against `wsconform serve`.
@Suite("CLI: run exit codes and reports", .serialized)
struct ExitCodeTests {
    static func report(in directory: URL) throws -> RunReport {
        try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: directory.appendingPathComponent("report.json")))
    }

    @Test("0 when every case passes; the reports are written")
    func passes() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("pass")
        let outcome = try CLI.run(["run", server.url, "--cases", "framing.*,close.*", "--report-dir", directory.path] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(files.isSuperset(of: ["report.json", "junit.xml", "summary.md"]), "\(files)")
        let report = try Self.report(in: directory)
        #expect(report.targets.count == 1 && report.targets[0].totals.failed == 0 && !report.incomplete)
        #expect(report.targets[0].facts?.extensions?.contains("permessage-deflate") == true, "the probe records the negotiation")
        // Not a terminal: plain per-category lines, no control characters.
        #expect(outcome.output.contains("  framing"), "\(outcome.output)")
        #expect(!outcome.output.contains("\u{1B}"))
    }

    @Test("1 when a case fails, with the case named")
    func fails() throws {
        let server = try ServeProcess(["--fault", "no-pong"])
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("fail")
        let outcome = try CLI.run(["run", server.url, "--cases", "ping.*", "--report-dir", directory.path])
        #expect(outcome.status == 1, "\(outcome.output)")
        #expect(outcome.output.contains("FAILED"))
        #expect(try Self.report(in: directory).targets[0].totals.failed > 0)
    }

    @Test("2 when the target cannot be reached; the report says why")
    func unreachable() throws {
        let server = try ServeProcess()
        let url = server.url
        server.stop()
        let directory = try CLI.temporaryDirectory("unreachable")
        let outcome = try CLI.run(["run", url, "--cases", "framing.*", "--report-dir", directory.path])
        #expect(outcome.status == 2, "\(outcome.output)")
        #expect(outcome.output.contains("cannot be reached"), "\(outcome.output)")
        let target = try Self.report(in: directory).targets[0]
        #expect(target.totals.errors == target.totals.cases && target.totals.cases > 0)
    }

    @Test("the report carries each case's section title, so it renders with the catalogue that ran it")
    func sectionTitles() throws {
        let server = try ServeProcess()
        let url = server.url
        server.stop()
        let directory = try CLI.temporaryDirectory("titles")
        let outcome = try CLI.run(["run", url, "--cases", "framing.*,utf8.*", "--report-dir", directory.path])
        #expect(outcome.status == 2, "\(outcome.output)")
        let cases = try Self.report(in: directory).targets[0].cases
        #expect(!cases.isEmpty)
        for item in cases {
            let title = item.category == "framing" ? "Framing (RFC 6455 §5.6)" : "UTF-8 handling (RFC 6455 §8.1)"
            #expect(item.sectionTitle == title, "\(item.id)")
        }
    }

    @Test(
        "64 for usage errors, before anything runs",
        arguments: [
            (["run", "ws://127.0.0.1:1/", "--cases", "framming.*"], "no case matches"),
            (["run", "ws://127.0.0.1:1/", "--format", "htm"], "did you mean html?"),
            (["run", "ws://127.0.0.1:1/", "--header", "NoColon"], "--header needs 'Name: value'"),
            (["run", "ws://127.0.0.1:1/", "--header", "Sec-WebSocket-Key: x"], "the handshake sets it"),
            (["run", "ws://127.0.0.1:1/", "ws://127.0.0.1:2/", "--agent", "one"], "name every target or none"),
            (["run", "http://127.0.0.1:1/"], "ws://"),
            (["run"], "at least one target URL"),
            (["run", "ws://127.0.0.1:1/", "--jobs", "0"], "--jobs must be a number"),
            (["run", "ws://127.0.0.1:1/", "--baseline", "/nonexistent/baseline.json"], "no such readable file"),
        ])
    func usage(arguments: [String], message: String) throws {
        let directory = try CLI.temporaryDirectory("usage")
        let outcome = try CLI.run(arguments + ["--report-dir", directory.appendingPathComponent("r").path])
        #expect(outcome.status == 64, "\(outcome.output)")
        #expect(outcome.output.contains(message), "\(outcome.output)")
        #expect(outcome.output.split(separator: "\n").count == 1, "one line: \(outcome.output)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r").path), "nothing ran")
    }

    @Test("130 on Ctrl-C: the report of what ran is written, marked incomplete")
    func interrupted() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("interrupt")
        let run = try Subprocess(Tools.wsconform, ["run", server.url, "--jobs", "1", "--cases", "utf8.*", "--report-dir", directory.path])
        defer { run.stop() }
        let started = run.waitForLine(timeout: 60) { $0.contains("155 cases") }
        #expect(started != nil, "the run did not start: \(run.printed)")
        kill(run.process.processIdentifier, SIGINT)
        let status = run.waitForExit(timeout: 60)
        #expect(status == 130, "\(run.printed)")
        let report = try Self.report(in: directory)
        #expect(report.incomplete)
        #expect(report.targets[0].totals.cases < 155, "cases after the interruption did not start")
    }
}
