import Foundation
import ProcessSupport
import Reports
import Testing

/// A run killed with SIGKILL (a CI timeout, a memory limit) leaves its journal; `recover`
/// renders it into the full set of reports, marked incomplete.
@Suite("CLI: a killed run's journal renders into its reports", .serialized)
struct JournalRecoveryTests {
    /// The number of finished cases in the journal so far.
    static func finished(in journal: URL) -> Int {
        guard let text = try? String(contentsOf: journal, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.contains("\"result\":") }.count
    }

    @Test("SIGKILL mid-run, then recover: every selected case reported, finished ones with their verdicts, exit 1")
    func killedRunRecovers() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess(["--fault", "no-pong"])
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("journal-kill")
        let journal = directory.appendingPathComponent(RunJournal.fileName)
        let selected = ["ping.*", "utf8.*"]
        let listed = try CLI.run(["list", "--cases", selected.joined(separator: ",")])
        let total = listed.output.split(separator: "\n").filter { $0.hasPrefix("ping.") || $0.hasPrefix("utf8.") }.count
        #expect(total > 100)
        let run = try Subprocess(
            Tools.wsconform, ["run", server.url, "--jobs", "1", "--cases", selected.joined(separator: ","), "--report-dir", directory.path])
        defer { run.stop() }
        let deadline = Date().addingTimeInterval(60)
        while Self.finished(in: journal) < 12, Date() < deadline { usleep(50_000) }
        kill(run.process.processIdentifier, SIGKILL)
        _ = run.waitForExit(timeout: 10)
        let kept = Self.finished(in: journal)
        #expect(kept >= 12, "the journal holds the cases finished before the kill: \(run.printed)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.json").path), "killed before any report")

        let outcome = try CLI.run(["recover", directory.path])
        #expect(outcome.status == 1, "the ping cases failed under no-pong: \(outcome.output)")
        #expect(outcome.output.contains("not finished when the run ended"), "\(outcome.output)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(files.isSuperset(of: ["report.json", "report.html", "junit.xml", "summary.md"]), "\(files)")
        let report = try ExitCodeTests.report(in: directory)
        #expect(report.incomplete)
        let cases = report.targets[0].cases
        #expect(cases.count == total, "every selected case is in the report")
        #expect(cases.filter { $0.error == RunJournal.notFinished }.count == total - kept)
        #expect(cases.contains { $0.id.hasPrefix("ping.") && $0.behaviour == "FAILED" })
        #expect(report.targets[0].facts?.server != nil, "the probe's facts come from the journal")

        // Another directory and one format, on request.
        let elsewhere = try CLI.temporaryDirectory("journal-elsewhere")
        let again = try CLI.run(["recover", journal.path, "--report-dir", elsewhere.path, "--format", "junit"])
        #expect(again.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["junit.xml"])
    }

    @Test("a run that ends writes its reports and removes its journal")
    func finishedRunLeavesNoJournal() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("journal-done")
        let outcome = try CLI.run(["run", server.url, "--cases", "framing.text.*", "--report-dir", directory.path] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("report.json") && !files.contains(RunJournal.fileName), "\(files)")
    }

    @Test("recover: a missing journal is a usage error, a file that is no journal exits 2")
    func badInput() throws {
        try Tools.requireWsconform()
        let missing = try CLI.run(["recover", "/nonexistent/wsconform-journal"])
        #expect(missing.status == 64, "\(missing.output)")
        let directory = try CLI.temporaryDirectory("journal-bad")
        let file = directory.appendingPathComponent("journal.jsonl")
        try Data("{\"not\":\"a journal\"}\n".utf8).write(to: file)
        let outcome = try CLI.run(["recover", file.path])
        #expect(outcome.status == 2, "\(outcome.output)")
        #expect(outcome.output.contains("not a wsconform run journal"), "\(outcome.output)")
    }
}
