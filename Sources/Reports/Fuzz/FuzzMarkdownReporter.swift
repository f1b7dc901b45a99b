import Foundation

/// The Markdown summary of a campaign to paste into a ticket: what ran (seed, shard, target,
/// inputs, inputs per second), every unique finding with its reproduction command, the replay
/// of earlier findings, and the reactions the server showed.
public struct FuzzMarkdownReporter: Reporter {
    public var format: ReportFormat { .md }
    public var fileName: String { "fuzz-summary.md" }

    /// Lines of a server's output kept (its tail): enough to show a crash, not a whole log.
    static let processOutputLines = 40

    public init() {}

    public func render(_ report: FuzzReport) throws -> Data {
        var lines = ["# wsconform \(report.toolVersion) fuzz campaign", ""]
        lines.append(
            "Started \(report.startedAt), \(String(format: "%.1f", report.durationSeconds)) s"
                + "\(report.incomplete ? " — **incomplete** (interrupted)" : "")."
        )
        lines.append("")
        lines += Self.facts(report)
        lines += Self.findings(report)
        if let replay = report.replay { lines += Self.replay(replay) }
        lines += Self.coverage(report)
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func facts(_ report: FuzzReport) -> [String] {
        let totals = report.totals
        let target =
            report.target.agent.map { "\(MarkdownText.prose($0)) — \(MarkdownText.code(report.target.url, cell: false))" }
            ?? MarkdownText.code(report.target.url, cell: false)
        var lines = [
            "- Target: \(target)",
            "- Seed: \(MarkdownText.code(String(report.seed)))\(report.shard.map { ", shard \(MarkdownText.code($0, cell: false))" } ?? "")",
            "- Budget: \(report.budget.summary)",
            "- Inputs: \(totals.inputsRun) run (\(totals.validInputs) valid, \(totals.invalidInputs) invalid), "
                + "\(String(format: "%.1f", totals.inputsPerSecond)) inputs/s",
            "- Liveness checks: \(totals.livenessChecks); server restarts: \(totals.restarts)",
            "- Corpus: \(totals.corpusSizeAtStart) → \(totals.corpusSizeAtEnd) inputs",
            "- Command: \(MarkdownText.code(HTMLRunHeader.commandLine(report.commandLine, tool: report.tool), cell: false))",
        ]
        if let server = report.target.facts?.server { lines.insert("- Server: \(MarkdownText.prose(server))", at: 1) }
        return lines
    }

    static func findings(_ report: FuzzReport) -> [String] {
        var lines = ["", "## Findings", ""]
        guard !report.findings.isEmpty else { return lines + ["No findings."] }
        lines += [
            "**\(report.findings.count) unique findings, \(report.newFindings.count) new.**", "",
            "| finding | rule | reaction | new | steps | reproduce |", "| --- | --- | --- | --- | ---: | --- |",
        ]
        for finding in report.findings {
            lines.append(
                "| \(MarkdownText.code(finding.signature)) | \(MarkdownText.prose(finding.ruleTitle)) | \(MarkdownText.code(finding.reaction)) | "
                    + "\(finding.isNew ? "new" : "known") | \(finding.stepsBefore) → \(finding.stepsAfter) | \(MarkdownText.code(finding.reproduction)) |"
            )
        }
        for finding in report.findings {
            lines += ["", "### \(MarkdownText.code(finding.signature))", ""]
            if let sentence = finding.ruleSentence {
                lines += ["> \(MarkdownText.prose(sentence))\(finding.ruleSection.map { " (\(MarkdownText.prose($0)))" } ?? "")", ""]
            }
            lines += [
                "- Expected: \(MarkdownText.prose(finding.expected))",
                "- Observed: \(MarkdownText.prose(finding.observed))",
                "- Saved: \(MarkdownText.code(finding.path, cell: false))",
            ]
            if let trace = finding.traceId { lines.append("- Trace id: \(MarkdownText.code(trace, cell: false))") }
            if !finding.mutators.isEmpty {
                lines.append("- Mutators: \(finding.mutators.map { MarkdownText.code($0, cell: false) }.joined(separator: ", "))")
            }
            if let output = finding.processOutput {
                lines += ["", "Server output (tail):", ""] + MarkdownText.fenced(MarkdownText.visible(tail(output, lines: processOutputLines)))
            }
        }
        return lines
    }

    static func replay(_ replay: FuzzReplay) -> [String] {
        var lines = ["", "## Replay of saved findings", ""]
        guard !replay.results.isEmpty else { return lines + ["No saved findings were replayed."] }
        lines += [
            "**\(replay.results.count) replayed: \(replay.reproduced) reproduced, \(replay.changed) changed, \(replay.fixed) fixed.**", "",
            "| finding | outcome | observed now | file |", "| --- | --- | --- | --- |",
        ]
        for result in replay.results {
            lines.append(
                "| \(MarkdownText.code(result.signature)) | \(result.outcome.rawValue) | \(MarkdownText.prose(result.observed))"
                    + "\(result.traceId.map { " (trace id \(MarkdownText.code($0)))" } ?? "") | \(MarkdownText.code(result.path)) |"
            )
        }
        return lines
    }

    /// The reactions table, and the mutators that led to findings.
    static func coverage(_ report: FuzzReport) -> [String] {
        var lines = ["", "## Coverage", ""]
        if report.reactions.isEmpty {
            lines.append("No reactions were recorded.")
        } else {
            lines += ["| reaction | inputs |", "| --- | ---: |"]
            lines += report.reactionsByCount.map { "| \(MarkdownText.code($0.name)) | \($0.count) |" }
        }
        let fruitful = report.mutatorsByUse.filter { $0.use.findings > 0 }.sorted {
            ($1.use.findings, $0.name) < ($0.use.findings, $1.name)
        }
        lines.append("")
        lines.append("\(report.mutators.count) mutators took part.")
        if !fruitful.isEmpty {
            lines.append(
                "Mutators behind findings: " + fruitful.map { "\(MarkdownText.code($0.name, cell: false)) (\($0.use.findings))" }.joined(separator: ", ")
                    + ".")
        }
        return lines
    }

    /// The last `lines` lines of `text`, trailing line breaks dropped.
    static func tail(_ text: String, lines: Int) -> String {
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while all.last?.isEmpty == true { all.removeLast() }
        return all.suffix(lines).joined(separator: "\n")
    }
}
