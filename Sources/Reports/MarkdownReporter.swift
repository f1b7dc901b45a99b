import Foundation

/// The Markdown summary to paste into a release ticket: totals per target and category, and
/// every case that did not pass with its first reason.
public struct MarkdownReporter: Reporter {
    public var format: ReportFormat { .md }
    public var fileName: String { "summary.md" }

    public init() {}

    /// Text safe inside a table cell: no column breaks, no HTML.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }

    public func render(_ report: RunReport) throws -> Data {
        var lines = ["# wsconform \(report.toolVersion) conformance run", ""]
        lines.append(
            "Started \(report.startedAt), \(String(format: "%.1f", report.durationSeconds)) s\(report.incomplete ? " — **incomplete** (interrupted)" : "")."
        )
        for target in report.targets {
            let totals = target.totals
            lines += ["", "## \(target.url)", ""]
            lines.append(
                "**\(totals.passed) passed, \(totals.failed) failed\(totals.errors > 0 ? ", \(totals.errors) could not run" : "")** of \(totals.cases) cases."
            )
            lines += ["", "| category | passed | failed | could not run |", "| --- | ---: | ---: | ---: |"]
            for (category, cases) in target.casesByCategory {
                let totals = Totals(cases)
                lines.append("| \(category) | \(totals.passed) | \(totals.failed) | \(totals.errors) |")
            }
            let failing = target.cases.filter { !$0.passed }
            if !failing.isEmpty {
                lines += ["", "### Not passed", "", "| case | Autobahn | verdict | reason |", "| --- | --- | --- | --- |"]
                for item in failing {
                    let verdict = item.error != nil ? "ERROR" : "\(item.behaviour ?? "") / \(item.close ?? "")"
                    let reason = Self.cell(item.error ?? item.reasons.first ?? "")
                    lines.append("| `\(item.id)` | \(item.autobahn ?? "") | \(verdict) | \(reason) |")
                }
            }
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
