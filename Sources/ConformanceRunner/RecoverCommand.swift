import Foundation
import Reports

/// `wsconform recover DIR`: the reports of a run that was killed before it could write them
/// (SIGKILL from a CI timeout or a memory limit), rendered from the journal it kept as it went.
struct RecoverCommand: Command {
    static let name = "recover"
    static let abstract = "write the reports of a killed run from its journal (marked incomplete)"
    static let options = ["--report-dir", "--format"]
    static var usage: String {
        """
        USAGE: wsconform recover DIR|JOURNAL [--report-dir DIR] [--format LIST]

        A run keeps a journal (\(RunJournal.fileName)) in its report directory as it goes: its
        header, each target once probed, each case as it finishes. A run that ends, or is stopped
        with Ctrl-C, writes its reports and removes the journal; one that is killed (SIGKILL
        from a CI timeout or a memory limit) leaves it. `recover` writes the reports the run
        would have written, marked incomplete: every case it was to run, those it did not
        finish marked not run. Into the journal's directory unless --report-dir is given, in
        the run's formats unless --format is given (any of json,html,junit,md,autobahn,
        openmetrics).

        EXIT CODES: 1 conformance failures among the cases that finished, 2 cases not run (or
        the journal cannot be read), 0 every case finished and passed, 64 usage error
        """
    }

    var journal: URL
    var reportDirectory: String?
    var formats: [ReportFormat]?

    init(arguments: inout Arguments) throws(UsageError) {
        reportDirectory = try arguments.value("--report-dir")
        if let list = try arguments.value("--format") { formats = try RunCommand.formats(list) }
        let paths = try arguments.positionals(known: Self.options)
        guard paths.count == 1 else { throw UsageError("recover takes one journal, or the report directory holding it; got \(paths.count)") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory) else {
            throw UsageError("no such file or directory: \(paths[0])")
        }
        journal = URL(fileURLWithPath: paths[0])
        if isDirectory.boolValue { journal.appendPathComponent(RunJournal.fileName) }
    }

    func run() -> ExitCode {
        let report: RunReport
        let runFormats: [ReportFormat]
        do {
            let text = try Data(contentsOf: journal)
            (report, runFormats) = try RunJournal.recover(text)
        } catch let error as RunJournal.RecoveryError {
            printError("\(journal.path): \(error)")
            return .targetOrToolError
        } catch {
            printError("cannot read \(journal.path): \(error.localizedDescription)")
            return .targetOrToolError
        }
        let directory = URL(fileURLWithPath: reportDirectory ?? journal.deletingLastPathComponent().path)
        do {
            let written = try ReportWriter<RunReport>(formats: formats ?? runFormats).write(report, to: directory)
            for file in written { say("report: \(file.path)") }
        } catch {
            printError("cannot write the report into \(directory.path): \(error.localizedDescription)")
            return .targetOrToolError
        }
        for target in report.targets {
            let notRun = target.cases.filter { $0.error == RunJournal.notFinished }.count
            say(RunSession.summary(target, baseline: false) + (notRun > 0 ? " (\(notRun) not finished when the run ended)" : ""))
        }
        if report.targets.contains(where: { $0.totals.failed > 0 || Checklist.failed($0.checklist) }) { return .conformanceFailures }
        return report.targets.contains(where: { $0.totals.errors > 0 }) || report.targets.isEmpty ? .targetOrToolError : .success
    }
}
