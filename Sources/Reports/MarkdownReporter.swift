import Cases
import Foundation

/// The Markdown summary to paste into a release ticket: totals per target and category, and
/// every case that did not pass with its first reason. With a baseline (docs/baseline.md), it
/// also counts waived failures and says what is new, what is known, and which waivers can go.
public struct MarkdownReporter: Reporter {
    public var format: ReportFormat { .md }
    public var fileName: String { "summary.md" }

    public init() {}

    /// Text safe inside a table cell: no column breaks, no HTML.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    /// The pre-launch checklist: one table row per item, status first, in words a ticket keeps.
    static func checklist(_ items: [ChecklistItem]) -> [String] {
        var lines = ["### Pre-launch checklist", "", "| status | item | measured | advice |", "| --- | --- | --- | --- |"]
        for item in items {
            let marks: [Cases.Measurement.Status: String] = [.ok: "✅", .warn: "⚠️", .fail: "❌", .notMeasured: "➖"]
            let label = Checklist.label(item.status)
            let status = "\(marks[item.status] ?? "") " + (item.status == .fail ? "**\(label)**" : label)
            lines.append("| \(status) | \(cell(item.title)) | \(cell(item.value)) | \(MarkdownText.prose(item.advice)) |")
        }
        return lines
    }

    public func render(_ report: RunReport) throws -> Data {
        let kind = report.targets.contains { $0.checklist != nil } ? "pre-launch check" : "conformance run"
        var lines = ["# wsconform \(report.toolVersion) \(kind)", ""]
        lines.append(
            "Started \(report.startedAt), \(String(format: "%.1f", report.durationSeconds)) s\(report.incomplete ? " — **incomplete** (interrupted)" : "")."
        )
        if let baseline = report.baseline { lines.append("Compared with the baseline `\(baseline)`.") }
        for target in report.targets {
            let totals = target.totals
            // The waived column appears only when a baseline was used: without one it is always 0.
            let compared = target.baseline != nil
            let waived = compared ? ", \(totals.waived) waived" : ""
            lines += ["", "## \(target.url)", ""]
            if let checklist = target.checklist { lines += Self.checklist(checklist) + [""] }
            lines.append(
                "**\(totals.passedWords), \(totals.failed) failed\(waived)\(totals.errors > 0 ? ", \(totals.errors) could not run" : "")** of \(totals.cases) cases."
            )
            lines += [
                "", "| category | passed | failed |\(compared ? " waived |" : "") could not run |",
                "| --- | ---: | ---: |\(compared ? " ---: |" : "") ---: |",
            ]
            for (category, cases) in target.casesByCategory {
                let totals = Totals(cases)
                lines.append(
                    "| \(category) | \(totals.passed) | \(totals.failed) |\(compared ? " \(totals.waived) |" : "") \(totals.errors) |")
            }
            if !target.measurements.isEmpty {
                lines += ["", "### Measurements", "", "| measurement | value | status | advice |", "| --- | ---: | --- | --- |"]
                for measurement in target.measurements {
                    lines.append(
                        "| \(Self.cell(measurement.title)) (`\(measurement.id)`) | \(Self.cell(measurement.formattedWithObserved)) | \(measurement.status.rawValue) | \(MarkdownText.prose(measurement.advice)) |"
                    )
                }
            }
            if let launched = target.launched { lines += Self.launchedSection(launched) }
            if let outcome = target.baseline { lines += Self.baselineSection(outcome, target) }
            let failing = target.cases.filter { !$0.passed }
            if !failing.isEmpty {
                // The trace id to search the target's logs for, when the handshakes carried one.
                let traced = failing.contains { $0.traceId != nil }
                lines += [
                    "", "### Not passed", "", "| case | Autobahn | verdict | reason |" + (traced ? " trace id |" : ""),
                    "| --- | --- | --- | --- |" + (traced ? " --- |" : ""),
                ]
                for item in failing {
                    let verdict = Self.verdict(item) + (item.waiver != nil ? " (waived)" : "")
                    let reason = MarkdownText.prose(item.error ?? item.reasons.first ?? "")
                    let trace = traced ? " \(item.traceId.map(Self.cell) ?? "") |" : ""
                    lines.append("| `\(item.id)` | \(item.autobahn ?? "") | \(verdict) | \(reason) |" + trace)
                }
            }
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func verdict(_ item: CaseReport) -> String {
        item.error != nil ? "ERROR" : "\(item.behaviour ?? "") / \(item.close ?? "")"
    }

    /// "Compared with the baseline": new failures first (they fail the run), then the known
    /// ones with the reason they were accepted, then the waivers that no longer earn their keep.
    static func baselineSection(_ outcome: BaselineOutcome, _ target: TargetReport) -> [String] {
        let byID = Dictionary(target.cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: String) -> String { "`\(id)`" + (byID[id]?.autobahn.map { " (\($0))" } ?? "") }
        var lines = ["", "### Compared with the baseline", ""]
        if outcome.newFailures.isEmpty {
            lines.append("No new failures.")
        } else {
            lines += ["**New failures** (no waiver covers them):", ""]
            for id in outcome.newFailures {
                let item = byID[id]
                let reason = item.map { "\(verdict($0))" + ($0.reasons.first.map { ": " + MarkdownText.prose($0) } ?? "") } ?? ""
                lines.append("- \(name(id))" + (reason.isEmpty ? "" : " — \(reason)"))
            }
        }
        if !outcome.waived.isEmpty {
            lines += ["", "**Waived failures** (known, with the reason they are accepted):", ""]
            lines += outcome.waived.map { id in "- \(name(id)) — \(cell(byID[id]?.waiver ?? ""))" }
        }
        if !outcome.fixed.isEmpty {
            lines += ["", "**Waivers that can be dropped** (these cases pass now):", ""]
            lines += outcome.fixed.map { "- \(name($0))" }
        }
        if !outcome.unmatched.isEmpty {
            lines += ["", "**Unmatched waivers** (no case of this run matches them):", ""]
            lines += outcome.unmatched.map { "- `\($0)`" }
        }
        return lines
    }

    /// The launched target: its command and how it ended, then its last output as an indented
    /// code block (every line indented, so nothing in it is read as Markdown).
    static func launchedSection(_ process: LaunchedProcess) -> [String] {
        var lines = [
            "", "### Launched target", "", "- command: `\(process.command.replacingOccurrences(of: "`", with: "'"))`",
            "- ended: \(MarkdownText.prose(process.ended ?? "still running"))\(process.killedAfterGrace ? " (after its SIGTERM grace)" : "")",
        ]
        guard !process.outputTail.isEmpty else { return lines + ["- last output: none"] }
        lines += ["- last output:", ""]
        return lines + process.outputTail.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }
    }
}
