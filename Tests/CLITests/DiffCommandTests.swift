import Foundation
import ProcessSupport
import Reports
import Testing

/// `wsconform diff` on reports written by real runs: a fault's failures are regressions one way
/// and fixes the other; unreadable files exit 2 and command-line mistakes exit 64.
@Suite("CLI: diff")
struct DiffCommandTests {
    /// The fault and the cases run against it: `wrong-pong-payload` fails most ping cases and
    /// passes the unsolicited-pong ones, so both sides of the diff have passes and failures.
    static let fault = "wrong-pong-payload"
    static let cases = "ping.*"

    /// Runs the subset against `wsconform serve` (with `arguments`); returns the report's path.
    func run(_ arguments: [String], into directory: URL, expecting status: Int32) throws -> String {
        let server = try ServeProcess(arguments)
        defer { server.stop() }
        let outcome = try CLI.run(["run", server.url, "--report-dir", directory.path, "--cases", Self.cases] + CLI.patience)
        #expect(outcome.status == status, "\(outcome.output)")
        return directory.appendingPathComponent("report.json").path
    }

    @Test("between a correct and a faulty server: exit 1 naming each regression; reversed: exit 0 listing them as fixes")
    func realRuns() throws {
        let directory = try CLI.temporaryDirectory("diff")
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try run([], into: directory.appendingPathComponent("good"), expecting: 0)
        let faulty = try run(["--fault", Self.fault], into: directory.appendingPathComponent("faulty"), expecting: 1)

        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: faulty)))
        let failing = report.targets[0].cases.filter { !$0.passed }.map(\.id)
        let passing = report.targets[0].cases.filter(\.passed).map(\.id)
        #expect(failing.count >= 3 && !passing.isEmpty, "the fault should fail some ping cases and pass others")

        let forward = try CLI.run(["diff", good, faulty])
        #expect(forward.status == 1, "\(forward.output)")
        for id in failing { #expect(forward.output.contains("regressed    \(id) ("), "\(id) missing from:\n\(forward.output)") }
        for id in passing { #expect(!forward.output.contains("\(id) ("), "\(id) listed though it passed in both:\n\(forward.output)") }
        #expect(forward.output.contains("\(failing.count) regressions, 0 fixes, 0 changed verdicts"), "\(forward.output)")

        let backward = try CLI.run(["diff", faulty, good])
        #expect(backward.status == 0, "\(backward.output)")
        for id in failing { #expect(backward.output.contains("fixed        \(id) ("), "\(id) missing from:\n\(backward.output)") }
        #expect(backward.output.contains("0 regressions, \(failing.count) fixes"), "\(backward.output)")

        let json = try CLI.run(["diff", faulty, good, "--format", "json"])
        #expect(json.status == 0)
        let diff = try JSONDecoder().decode(ReportDiff.self, from: Data(json.output.utf8))
        #expect(diff.targets.first?.fixes.map(\.id) == failing)
        #expect(diff.targets.first?.unchanged == passing.count)

        let markdown = try CLI.run(["diff", good, faulty, "--format=md"])
        #expect(markdown.status == 1)
        #expect(markdown.output.contains("### Regressions"), "\(markdown.output)")
    }

    @Test("a file that is missing or is not a report exits 2 with one line naming it")
    func unreadable() throws {
        let report = CLI.fixtures.appendingPathComponent("diff-report.json").path
        let missing = CLI.fixtures.appendingPathComponent("missing.json").path
        let outcome = try CLI.run(["diff", report, missing])
        #expect(outcome.status == 2)
        #expect(outcome.output.hasPrefix("wsconform: error: cannot read \(missing): "), "\(outcome.output)")
        #expect(outcome.output.split(separator: "\n").count == 1, "\(outcome.output)")

        let baseline = CLI.fixtures.appendingPathComponent("diff-not-a-report.json").path
        let wrong = try CLI.run(["diff", baseline, report])
        #expect(wrong.status == 2)
        #expect(wrong.output.contains("\(baseline) is not a wsconform report.json: \"tool\" is missing at the top"), "\(wrong.output)")
    }

    @Test("the same report twice has no changes and exits 0")
    func same() throws {
        let report = CLI.fixtures.appendingPathComponent("diff-report.json").path
        let outcome = try CLI.run(["diff", report, report])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("no changes, 2 unchanged"), "\(outcome.output)")
    }

    @Test("one file, three files, an unknown option or format exit 64")
    func usage() throws {
        let report = CLI.fixtures.appendingPathComponent("diff-report.json").path
        let one = try CLI.run(["diff", report])
        #expect(one.status == 64)
        #expect(one.output.contains("diff takes two report files, OLD.json and NEW.json; got 1"), "\(one.output)")
        #expect(try CLI.run(["diff", report, report, report]).status == 64)
        let option = try CLI.run(["diff", report, report, "--fromat", "md"])
        #expect(option.status == 64)
        #expect(option.output.contains("unknown option --fromat; did you mean --format?"), "\(option.output)")
        let format = try CLI.run(["diff", report, report, "--format", "html"])
        #expect(format.status == 64)
        #expect(format.output.contains("--format must be one of text, md, json"), "\(format.output)")
    }
}
