import Foundation

/// The fuzz campaign for people: one self-contained HTML page (inline style only; no script, no
/// external fonts, images or styles) in the conformance report's look. The header says what ran
/// and how fast, tiles give the totals, each unique finding is a collapsed row that opens to
/// expected against observed, the minimised script and the reproduction command; coverage of
/// mutators and reactions closes the page. Server output is escaped everywhere. The same report
/// always renders to the same bytes.
public struct FuzzHTMLReporter: Reporter {
    public var format: ReportFormat { .html }
    public var fileName: String { "fuzz-report.html" }

    public init() {}

    public func render(_ report: FuzzReport) throws -> Data {
        Data(page(report).utf8)
    }

    func page(_ report: FuzzReport) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"\(HTMLEscape.text(report.tool)) \(HTMLEscape.text(report.toolVersion))\">\n"
        html += "<title>\(HTMLEscape.text(title(report)))</title>\n"
        html += "<style>\n\(HTMLPageStyle.css)\n\(FuzzHTMLStyle.css)\n</style>\n</head>\n"
        html += "<body>\n<div class=\"page\">\n"
        html += header(report)
        html += "<div class=\"targets\">\n\(target(report))</div>\n"
        html += "<main>\n"
        html += FuzzHTMLFindings.render(report.findings)
        if let replay = report.replay { html += FuzzHTMLFindings.render(replay) }
        html += FuzzHTMLCoverage.render(report)
        return html + "</main>\n</div>\n</body>\n</html>\n"
    }

    func title(_ report: FuzzReport) -> String {
        let count = report.findings.count
        let findings = "\(count) finding\(count == 1 ? "" : "s")"
        return "wsconform fuzz: \(findings) — \(report.target.name)\(report.incomplete ? " (incomplete)" : "")"
    }

    /// What ran, when, for how long, how fast, with which seed and command line (secrets
    /// redacted), and a banner when the campaign was interrupted.
    func header(_ report: FuzzReport) -> String {
        var html = "<header><h1>WebSocket fuzz campaign report</h1>"
        html += "<p class=\"sub\">\(HTMLEscape.text(report.target.name)) — seed \(report.seed)"
        html += "\(report.shard.map { ", shard \(HTMLEscape.text($0))" } ?? "") — RFC 6455 / RFC 7692</p>"
        if report.incomplete {
            html += "<div class=\"banner\" role=\"alert\">INCOMPLETE CAMPAIGN: the campaign was interrupted before its budget was "
            html += "spent; this report counts only the inputs that ran.</div>"
        }
        let totals = report.totals
        html += "<dl class=\"run\">"
        html += "<dt>Tool</dt><dd>\(HTMLEscape.text(report.tool)) \(HTMLEscape.text(report.toolVersion))</dd>"
        html += "<dt>Started</dt><dd>\(HTMLEscape.text(report.startedAt))</dd>"
        html += "<dt>Duration</dt><dd>\(String(format: "%.1f", report.durationSeconds)) s</dd>"
        html += "<dt>Inputs per second</dt><dd>\(String(format: "%.1f", totals.inputsPerSecond))</dd>"
        html += "<dt>Budget</dt><dd>\(HTMLEscape.text(report.budget.summary))</dd>"
        html += "<dt>Seed</dt><dd>\(report.seed)</dd>"
        if let shard = report.shard { html += "<dt>Shard</dt><dd>\(HTMLEscape.text(shard))</dd>" }
        html +=
            "<dt>Command line</dt><dd><code>"
            + "\(HTMLEscape.text(HTMLRunHeader.commandLine(report.commandLine, tool: report.tool)))</code></dd>"
        if report.incomplete { html += "<dt>Complete</dt><dd>no — interrupted</dd>" }
        return html + "</dl></header>\n"
    }

    /// The target card: its name and URL, the campaign's totals as tiles, and what its
    /// handshake said (RFC 6455 §4.2.2 `Server`, §9.1 extensions, §1.9 subprotocol, TLS).
    func target(_ report: FuzzReport) -> String {
        var html = "<section class=\"target\" id=\"target\"><h2>\(HTMLEscape.text(report.target.name))</h2>"
        if report.target.agent != nil { html += "<p class=\"sub mono\">\(HTMLEscape.text(report.target.url))</p>" }
        html += tiles(report)
        html += HTMLTargetSummary.facts(report.target.facts)
        return html + "</section>\n"
    }

    /// The totals as labelled tiles; findings, restarts and replayed findings still reproducing
    /// are tinted when not zero, and every tile says in words what it counts.
    func tiles(_ report: FuzzReport) -> String {
        let totals = report.totals
        func tile(_ value: String, _ title: String, kind: String? = nil, zero: Bool = false) -> String {
            let classes = ["tile"] + (zero ? ["zero"] : kind.map { ["t-\($0)"] } ?? [])
            return "<div class=\"\(classes.joined(separator: " "))\"><b>\(value)</b>\(title)</div>"
        }
        let new = report.newFindings.count
        var html = "<div class=\"totals\">"
        html += tile("\(report.findings.count)", "unique findings", kind: "failed", zero: report.findings.isEmpty)
        html += tile("\(new)", "new findings", kind: "failed", zero: new == 0)
        html += tile("\(totals.inputsRun)", "inputs run")
        html += tile(String(format: "%.1f", totals.inputsPerSecond), "inputs/s")
        html += tile("\(totals.validInputs)", "valid inputs")
        html += tile("\(totals.invalidInputs)", "invalid inputs")
        html += tile("\(totals.livenessChecks)", "liveness checks", zero: totals.livenessChecks == 0)
        html += tile("\(totals.restarts)", "server restarts", kind: "error", zero: totals.restarts == 0)
        html += tile("\(totals.corpusSizeAtStart) → \(totals.corpusSizeAtEnd)", "corpus inputs")
        html += "</div>"
        if let replay = report.replay {
            html += "<div class=\"totals\">"
            html += tile("\(replay.reproduced)", "replayed: reproduced", kind: "failed", zero: replay.reproduced == 0)
            html += tile("\(replay.changed)", "replayed: changed", kind: "waived", zero: replay.changed == 0)
            html += tile("\(replay.fixed)", "replayed: fixed", kind: "passed")
            html += "</div>"
        }
        return html
    }
}
