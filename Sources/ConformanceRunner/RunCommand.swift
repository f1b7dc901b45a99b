import Cases
import Engine
import Foundation
import Reports
import Transport

/// `wsconform run URL`: the catalogue against a target, with per-category totals.
struct RunCommand: Command {
    static let name = "run"
    static let abstract = "run the conformance catalogue against a target"
    static let options = [
        "--cases", "--exclude", "--jobs", "--timeout-scale", "--ca-file", "--insecure", "--cert", "--key", "--verbose", "--transcript",
    ]
    static var usage: String {
        """
        USAGE: wsconform run URL [--cases GLOB,...] [--exclude GLOB,...] [--jobs N] [--timeout-scale X]
                                 [--ca-file FILE] [--insecure] [--cert FILE --key FILE] [--verbose]
                                 [--transcript] [--report-dir DIR]

        Runs every selected case on a fresh connection and prints per-category totals and each
        case that did not pass (--verbose: every case; --transcript: with its wire transcript).
        Writes report.json (schema: docs/report.schema.json), junit.xml and summary.md into
        --report-dir, by default reports/<UTC timestamp>/. Exit 0 when all pass, 1 on conformance failures, 2 when the
        target could not be reached for some case.
        """
    }

    var url: TargetURL
    var selection: CaseSelection
    var options = RunOptions()
    var jobs = CatalogueRunner.defaultJobs
    var verbose = false
    var transcripts = false
    var reportDirectory: String?
    /// The command line as typed, for the report (secret header values redacted there).
    var commandLine = Array(CommandLine.arguments.dropFirst())

    init(arguments: inout Arguments) throws(UsageError) {
        selection = try CaseSelectionOptions.parse(&arguments)
        jobs = try arguments.integer("--jobs", in: 1...512) ?? jobs
        if let scale = try arguments.value("--timeout-scale") {
            guard let value = Double(scale), value > 0, value <= 100 else {
                throw UsageError("--timeout-scale must be a number in (0, 100], not \"\(scale)\"")
            }
            options.timeoutScale = value
        }
        options.dialer.tls = try TLSOptions.parse(&arguments)
        verbose = arguments.flag("--verbose")
        transcripts = arguments.flag("--transcript")
        reportDirectory = try arguments.value("--report-dir")
        let positionals = try arguments.positionals(known: Self.options)
        guard positionals.count == 1 else { throw UsageError("run takes one URL, got \(positionals.count)") }
        switch TargetURL.parse(positionals[0]) {
        case .success(let parsed): url = parsed
        case .failure(let problem): throw UsageError(problem.description)
        }
    }

    func run() -> ExitCode {
        let cases = selection.apply(to: Catalogue.all)
        let start = ContinuousClock.now
        let startedAt = Date()
        let results = CatalogueRunner(runner: CaseRunner(target: url, options: options), jobs: jobs).run(cases)
        let elapsed = ContinuousClock.now - start
        if let failure = writeReport(cases, results, startedAt: startedAt, elapsed: elapsed) {
            printError(failure)
            return .targetOrToolError
        }
        var byCategory: [String: (pass: Int, fail: Int, error: Int)] = [:]
        var order: [String] = []
        for (testCase, result) in zip(cases, results) {
            if byCategory[testCase.category] == nil { order.append(testCase.category) }
            var totals = byCategory[testCase.category] ?? (0, 0, 0)
            switch result.outcome {
            case .error: totals.error += 1
            case .judged: if result.passes() { totals.pass += 1 } else { totals.fail += 1 }
            }
            byCategory[testCase.category] = totals
            if verbose || !result.passes() {
                say(Self.line(testCase, result))
                if transcripts { for entry in result.transcript { say(Self.line(entry)) } }
            }
        }
        say("")
        for category in order {
            let totals = byCategory[category]!
            say(
                "\(category.padding(toLength: 16, withPad: " ", startingAt: 0)) \(totals.pass) passed, \(totals.fail) failed"
                    + (totals.error > 0 ? ", \(totals.error) could not run" : ""))
        }
        let failed = results.filter { if case .judged = $0.outcome { return !$0.passes() } else { return false } }.count
        let errors = results.filter { if case .error = $0.outcome { return true } else { return false } }.count
        say(
            "\(results.count) cases against \(url) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], fractionalPart: .show(length: 1)))): \(results.count - failed - errors) passed, \(failed) failed"
                + (errors > 0 ? ", \(errors) could not run" : ""))
        if errors > 0 { return .targetOrToolError }
        return failed > 0 ? .conformanceFailures : .success
    }

    /// Writes the reports; returns an error text when they could not be written.
    func writeReport(_ cases: [TestCase], _ results: [CaseResult], startedAt: Date, elapsed: Duration) -> String? {
        let stamp = ISO8601DateFormatter().string(from: startedAt)
        let directory = URL(fileURLWithPath: reportDirectory ?? "reports/" + stamp.replacingOccurrences(of: ":", with: "-"))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let report = RunReport(
            toolVersion: toolVersion, startedAt: stamp, durationSeconds: seconds, commandLine: Redaction.redact(commandLine: commandLine),
            seed: options.seed, incomplete: false,
            targets: [TargetReport(url: url.description, agent: nil, cases: zip(cases, results).map { CaseReport($0, $1) })])
        do {
            let written = try ReportWriter(reporters: [JSONReporter(), JUnitReporter(), MarkdownReporter()]).write(report, to: directory)
            for file in written { say("report: \(file.path)") }
            return nil
        } catch {
            return "cannot write the report into \(directory.path): \(error.localizedDescription)"
        }
    }

    static func line(_ entry: TranscriptEntry) -> String {
        let time = String(format: "%9.3f ms", Double(entry.micros) / 1000)
        var text = "    \(time)  \(entry.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(entry.text)"
        if let offset = entry.offset { text += " @\(offset)" }
        if let hex = entry.hex { text += "  \(hex.prefix(48))" + (hex.count > 48 ? "…" : "") }
        if let cuts = entry.cuts {
            text += "  cut at \(cuts.prefix(8).map(String.init).joined(separator: ","))" + (cuts.count > 8 ? ",…" : "")
        }
        return text
    }

    static func line(_ testCase: TestCase, _ result: CaseResult) -> String {
        let verdict: String
        switch result.outcome {
        case .judged(let behaviour, let close): verdict = "\(behaviour.rawValue) / \(close.rawValue)"
        case .error(let text): verdict = "ERROR: \(text)"
        }
        let reason = result.reasons.first.map { " — \($0)" } ?? ""
        return "\(testCase)  \(verdict)\(reason)"
    }
}
