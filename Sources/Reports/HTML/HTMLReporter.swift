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
        var page = Data()
        write(report) { page.append(contentsOf: $0.utf8) }
        return page
    }

    /// The page, piece by piece, in order: a full run's page is tens of megabytes, so it is
    /// built once, in the bytes written, never as a string first.
    func write(_ report: RunReport, to output: (String) -> Void) {
        let categories = HTMLMatrix.categories(report)
        var head = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        head += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        head += "<meta name=\"generator\" content=\"\(HTMLEscape.text(report.tool)) \(HTMLEscape.text(report.toolVersion))\">\n"
        head += "<title>\(HTMLEscape.text(title(report)))</title>\n<style>\n\(HTMLPageStyle.css)\n</style>\n</head>\n"
        head += "<body>\n<div class=\"page\">\n"
        output(head)
        output(HTMLRunHeader.render(report))
        output("<div class=\"targets\">\n")
        for (index, target) in report.targets.enumerated() { output(HTMLTargetSummary.render(target, index: index)) }
        output("</div>\n")
        output(HTMLMatrix.render(report))
        output(HTMLFilters.render(report, categories: categories))
        output("<main id=\"cases\">\n")
        for (index, target) in report.targets.enumerated() { cases(target, index: index, several: report.targets.count > 1, to: output) }
        output("</main>\n</div>\n<script>\n\(HTMLPageScript.javascript)\n</script>\n</body>\n</html>\n")
    }

    func title(_ report: RunReport) -> String {
        let totals = report.targets.map(\.totals)
        let passed = totals.map(\.passed).reduce(0, +)
        let cases = totals.map(\.cases).reduce(0, +)
        let names = report.targets.map(\.name).joined(separator: ", ")
        return "wsconform: \(passed) of \(cases) passed — \(names)\(report.incomplete ? " (incomplete)" : "")"
    }

    /// One target's cases, grouped by category in catalogue order.
    func cases(_ target: TargetReport, index: Int, several: Bool, to output: (String) -> Void) {
        output("<section class=\"target-cases\" id=\"cases-\(index)\">")
        output("<h2>Cases\(several ? " — \(HTMLEscape.text(target.name))" : "")<small>\(target.cases.count) results</small></h2>\n")
        for (category, items) in target.casesByCategory {
            let token = HTMLEscape.token(category)
            let totals = Totals(items)
            var heading = "<section class=\"category\" id=\"cat-\(index)-\(token)\" data-category=\"\(token)\"><h3>\(HTMLEscape.text(category))"
            if let title = HTMLMatrix.title(items) { heading += " — \(HTMLEscape.text(title))" }
            heading += "<small>\(totals.passed) of \(totals.cases) passed</small></h3>\n"
            output(heading)
            for item in items { output(HTMLCaseSection.render(item, targetIndex: index)) }
            output("</section>\n")
        }
        output("</section>\n")
    }
}
