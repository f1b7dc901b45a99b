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
            report.target.agent.map { "\(prose($0)) — \(code(report.target.url, cell: false))" }
            ?? code(report.target.url, cell: false)
        var lines = [
            "- Target: \(target)",
            "- Seed: \(code(String(report.seed)))\(report.shard.map { ", shard \(code($0, cell: false))" } ?? "")",
            "- Budget: \(report.budget.summary)",
            "- Inputs: \(totals.inputsRun) run (\(totals.validInputs) valid, \(totals.invalidInputs) invalid), "
                + "\(String(format: "%.1f", totals.inputsPerSecond)) inputs/s",
            "- Liveness checks: \(totals.livenessChecks); server restarts: \(totals.restarts)",
            "- Corpus: \(totals.corpusSizeAtStart) → \(totals.corpusSizeAtEnd) inputs",
            "- Command: \(code(HTMLRunHeader.commandLine(report.commandLine, tool: report.tool), cell: false))",
        ]
        if let server = report.target.facts?.server { lines.insert("- Server: \(prose(server))", at: 1) }
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
                "| \(code(finding.signature)) | \(prose(finding.ruleTitle)) | \(code(finding.reaction)) | "
                    + "\(finding.isNew ? "new" : "known") | \(finding.stepsBefore) → \(finding.stepsAfter) | \(code(finding.reproduction)) |"
            )
        }
        for finding in report.findings {
            lines += ["", "### \(code(finding.signature))", ""]
            if let sentence = finding.ruleSentence {
                lines += ["> \(prose(sentence))\(finding.ruleSection.map { " (\(prose($0)))" } ?? "")", ""]
            }
            lines += [
                "- Expected: \(prose(finding.expected))",
                "- Observed: \(prose(finding.observed))",
                "- Saved: \(code(finding.path, cell: false))",
            ]
            if let trace = finding.traceId { lines.append("- Trace id: \(code(trace, cell: false))") }
            if !finding.mutators.isEmpty {
                lines.append("- Mutators: \(finding.mutators.map { code($0, cell: false) }.joined(separator: ", "))")
            }
            if let output = finding.processOutput {
                lines += ["", "Server output (tail):", ""] + fenced(visible(tail(output, lines: processOutputLines)))
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
                "| \(code(result.signature)) | \(result.outcome.rawValue) | \(prose(result.observed))"
                    + "\(result.traceId.map { " (trace id \(code($0)))" } ?? "") | \(code(result.path)) |"
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
            lines += report.reactionsByCount.map { "| \(code($0.name)) | \($0.count) |" }
        }
        let fruitful = report.mutatorsByUse.filter { $0.use.findings > 0 }.sorted {
            ($1.use.findings, $0.name) < ($0.use.findings, $1.name)
        }
        lines.append("")
        lines.append("\(report.mutators.count) mutators took part.")
        if !fruitful.isEmpty {
            lines.append(
                "Mutators behind findings: " + fruitful.map { "\(code($0.name, cell: false)) (\($0.use.findings))" }.joined(separator: ", ")
                    + ".")
        }
        return lines
    }

    /// Text that may come from a server, safe in a paragraph or a table cell: Markdown's own
    /// punctuation backslash-escaped (a stray backtick would otherwise open a code span that
    /// swallows the next one), then `MarkdownReporter.cell` (no HTML, no column breaks).
    static func prose(_ text: String) -> String {
        var escaped = ""
        for character in visible(text) {
            if "\\`*_[]".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return MarkdownReporter.cell(escaped)
    }

    /// `text` with control characters other than line breaks shown as `\u{XX}`, as the HTML page
    /// shows them: a terminal escape in a server's reply must not recolour the reader's terminal.
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` as an inline code span: fenced with more backticks than it holds, line breaks
    /// flattened, and in a table cell `|` escaped (GFM reads `\|` as a pipe inside a cell's code span).
    static func code(_ text: String, cell: Bool = true) -> String {
        var flat = visible(text).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if cell { flat = flat.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A fenced code block holding `text` verbatim, its fence longer than any backtick run in it.
    static func fenced(_ text: String) -> [String] {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        return [fence] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]
    }

    /// The last `lines` lines of `text`, trailing line breaks dropped.
    static func tail(_ text: String, lines: Int) -> String {
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while all.last?.isEmpty == true { all.removeLast() }
        return all.suffix(lines).joined(separator: "\n")
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
