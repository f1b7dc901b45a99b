import Foundation

/// The top of the page: what ran, when, for how long, with which command line (secrets
/// redacted), whether SHOULD-level deviations counted, the baseline, and a banner when the run
/// was interrupted so nobody reads a partial run as a complete one.
enum HTMLRunHeader {
    static func render(_ report: RunReport) -> String {
        let check = report.targets.contains { $0.checklist != nil }
        var html = "<header><h1>\(check ? "WebSocket pre-launch check" : "WebSocket conformance report")</h1>"
        let names = report.targets.map(\.name)
        html += "<p class=\"sub\">\(HTMLEscape.text(names.joined(separator: " · "))) — RFC 6455 / RFC 7692</p>"
        if report.incomplete {
            html += "<div class=\"banner\" role=\"alert\">INCOMPLETE RUN: the run was interrupted; this report holds only the cases "
            html += "that finished, and the totals count only those.</div>"
        }
        html += "<dl class=\"run\">"
        html += "<dt>Tool</dt><dd>\(HTMLEscape.text(report.tool)) \(HTMLEscape.text(report.toolVersion))</dd>"
        html += "<dt>Started</dt><dd>\(HTMLEscape.text(report.startedAt))</dd>"
        html += "<dt>Duration</dt><dd>\(String(format: "%.1f", report.durationSeconds)) s</dd>"
        html += "<dt>Command line</dt><dd><code>\(HTMLEscape.text(commandLine(report.commandLine, tool: report.tool)))</code></dd>"
        html += "<dt>Strict</dt><dd>\(strictness(report.strict))</dd>"
        if let seed = report.seed { html += "<dt>Seed</dt><dd>\(seed)</dd>" }
        if let baseline = report.baseline { html += "<dt>Baseline</dt><dd><code>\(HTMLEscape.text(baseline))</code></dd>" }
        if report.incomplete { html += "<dt>Complete</dt><dd>no — interrupted</dd>" }
        return html + "</dl></header>\n"
    }

    static func strictness(_ strict: Bool) -> String {
        strict
            ? "yes — SHOULD-level deviations (NON-STRICT, FAILED BY CLIENT) count as failures"
            : "no — SHOULD-level deviations (NON-STRICT, FAILED BY CLIENT) pass"
    }

    /// The command line as a shell would take it back: arguments with spaces or quotes are
    /// single-quoted. Redacted again here, so a report built by hand cannot leak a header secret.
    static func commandLine(_ arguments: [String], tool: String) -> String {
        let quoted = Redaction.redact(commandLine: arguments).map { argument -> String in
            let plain = !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,@%+#?&".contains($0) }
            return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return ([tool] + quoted).joined(separator: " ")
    }
}
