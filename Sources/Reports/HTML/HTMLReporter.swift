import Foundation

/// The report for people: one self-contained HTML page (inline style and script; no external
/// scripts, fonts, images or styles) that works offline attached to a ticket. The header and a
/// card per target come first, then the category matrix, the filter bar, and every case as a
/// collapsed row. Long transcripts and event lists are elided in the middle so a full run
/// stays a few megabytes. The same report always renders to the same bytes.
public struct HTMLReporter: Reporter {
    public var format: ReportFormat { .html }
    public var fileName: String { "report.html" }

    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        Data(page(report).utf8)
    }

    func page(_ report: RunReport) -> String {
        let categories = HTMLMatrix.categories(report)
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"\(HTMLEscape.text(report.tool)) \(HTMLEscape.text(report.toolVersion))\">\n"
        html += "<title>\(HTMLEscape.text(title(report)))</title>\n<style>\n\(HTMLPageStyle.css)\n</style>\n</head>\n"
        html += "<body>\n<div class=\"page\">\n"
        html += HTMLRunHeader.render(report)
        html += "<div class=\"targets\">\n"
        for (index, target) in report.targets.enumerated() { html += HTMLTargetSummary.render(target, index: index) }
        html += "</div>\n"
        html += HTMLMatrix.render(report)
        html += HTMLFilters.render(report, categories: categories)
        html += "<main id=\"cases\">\n"
        for (index, target) in report.targets.enumerated() { html += cases(target, index: index, several: report.targets.count > 1) }
        html += "</main>\n</div>\n<script>\n\(HTMLPageScript.javascript)\n</script>\n</body>\n</html>\n"
        return html
    }

    func title(_ report: RunReport) -> String {
        let totals = report.targets.map(\.totals)
        let passed = totals.map(\.passed).reduce(0, +)
        let cases = totals.map(\.cases).reduce(0, +)
        let names = report.targets.map(\.name).joined(separator: ", ")
        return "wsconform: \(passed) of \(cases) passed — \(names)\(report.incomplete ? " (incomplete)" : "")"
    }

    /// One target's cases, grouped by category in catalogue order.
    func cases(_ target: TargetReport, index: Int, several: Bool) -> String {
        var html = "<section class=\"target-cases\" id=\"cases-\(index)\">"
        html += "<h2>Cases\(several ? " — \(HTMLEscape.text(target.name))" : "")<small>\(target.cases.count) results</small></h2>\n"
        for (category, items) in target.casesByCategory {
            let token = HTMLEscape.token(category)
            let totals = Totals(items)
            html += "<section class=\"category\" id=\"cat-\(index)-\(token)\" data-category=\"\(token)\"><h3>\(HTMLEscape.text(category))"
            if let title = HTMLMatrix.title(items) { html += " — \(HTMLEscape.text(title))" }
            html += "<small>\(totals.passed) of \(totals.cases) passed</small></h3>\n"
            for item in items { html += HTMLCaseSection.render(item, targetIndex: index) }
            html += "</section>\n"
        }
        return html + "</section>\n"
    }
}
