import Configuration
import Foundation
import Reports

/// `wsconform diff OLD.json NEW.json`: what changed between two runs, so a release can be held
/// back on a regression (a case that passed before and does not now).
struct DiffCommand: Command {
    static let name = "diff"
    static let abstract = "compare two report.json files: regressions, fixes, changed verdicts"
    static let options = ["--format"]
    static var usage: String {
        """
        USAGE: wsconform diff OLD.json NEW.json [--format text|md|json]

        Compares two report.json files written by `wsconform run`, target by target (paired by
        agent name, else URL; two one-target runs pair whatever their URLs) and case by case:
        regressions (passed in OLD, not in NEW), fixes (the other way), changed verdicts (same
        outcome, different verdict, or an error that became a failure), and cases in one run only.
        --format text (default) prints for the terminal, md for a ticket, json for programs.

        EXIT CODES: 0 no regressions, 1 regressions, 2 a file cannot be read or is not a report,
        64 usage error
        """
    }

    /// How the diff is printed.
    enum Format: String, CaseIterable {
        case text
        case md
        case json
    }

    var oldPath: String
    var newPath: String
    var format = Format.text

    init(arguments: inout Arguments) throws(UsageError) {
        if let text = try arguments.value("--format") {
            guard let chosen = Format(rawValue: text) else {
                let names = Format.allCases.map(\.rawValue)
                throw UsageError(
                    "--format must be one of \(names.joined(separator: ", ")), not \"\(text)\"" + Suggestion.didYouMean(text, among: names))
            }
            format = chosen
        }
        let files = try arguments.positionals(known: Self.options)
        guard files.count == 2 else { throw UsageError("diff takes two report files, OLD.json and NEW.json; got \(files.count)") }
        oldPath = files[0]
        newPath = files[1]
    }

    func run() -> ExitCode {
        let old: RunReport
        let new: RunReport
        do {
            old = try RunReport.read(path: oldPath)
            new = try RunReport.read(path: newPath)
        } catch {
            printError(error.description)
            return .targetOrToolError
        }
        let diff = ReportDiff(old: old, new: new, oldFile: oldPath, newFile: newPath)
        switch format {
        case .text: say(diff.renderText())
        case .md: say(diff.renderMarkdown())
        case .json:
            do {
                say(try diff.renderJSON())
            } catch {
                printError("cannot encode the diff: \(error)")
                return .targetOrToolError
            }
        }
        return diff.hasRegressions ? .conformanceFailures : .success
    }
}
