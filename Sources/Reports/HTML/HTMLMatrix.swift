/// The per-category matrix, like Autobahn|Testsuite's: a row per category, a column per target,
/// each cell the passed count in words with a bar of the proportions, coloured by its worst
/// result and linking to that category's cases. A row's heading filters the page to the category.
enum HTMLMatrix {
    /// Categories in catalogue order as they appear across all targets.
    static func categories(_ report: RunReport) -> [String] {
        var order: [String] = []
        for target in report.targets {
            for (category, _) in target.casesByCategory where !order.contains(category) { order.append(category) }
        }
        return order
    }

    /// The section title that `cases` (one category's) carry, e.g. "UTF-8 handling (RFC 6455 §8.1)":
    /// read from the report, so it renders with the catalogue of the run that wrote it; nil for a
    /// report written before titles were recorded.
    static func title(_ cases: some Sequence<CaseReport>) -> String? {
        cases.lazy.compactMap(\.sectionTitle).first
    }

    static func render(_ report: RunReport) -> String {
        var html = "<section id=\"matrix\"><h2>Results by category</h2><table class=\"matrix\"><thead><tr><th>Category</th>"
        for target in report.targets { html += "<th>\(HTMLEscape.text(target.name))</th>" }
        html += "</tr></thead><tbody>"
        for category in categories(report) {
            let token = HTMLEscape.token(category)
            html += "<tr><th><a href=\"#category=\(token)\">\(HTMLEscape.text(category))</a>"
            if let title = title(report.targets.lazy.flatMap(\.cases).filter { $0.category == category }) {
                html += "<small>\(HTMLEscape.text(title))</small>"
            }
            html += "</th>"
            for (index, target) in report.targets.enumerated() {
                html += cell(Totals(target.cases.filter { $0.category == category }), anchor: "cat-\(index)-\(token)")
            }
            html += "</tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    /// One cell: "P of N passed", the other counts in words, and a proportion bar.
    static func cell(_ totals: Totals, anchor: String) -> String {
        guard totals.cases > 0 else { return "<td class=\"c-none\">not run</td>" }
        let worst =
            totals.failed > 0 ? "failed" : totals.errors > 0 ? "error" : totals.waived > 0 ? "waived" : "passed"
        var words: [String] = []
        if totals.failed > 0 { words.append("\(totals.failed) failed") }
        if totals.waived > 0 { words.append("\(totals.waived) waived") }
        if totals.errors > 0 { words.append("\(totals.errors) could not run") }
        let detail = words.isEmpty ? "all passed" : words.joined(separator: " · ")
        let parts = [("p", totals.passed), ("f", totals.failed), ("w", totals.waived), ("e", totals.errors)].filter { $0.1 > 0 }
        let bar = parts.map { "<i class=\"\($0.0)\" style=\"width:\(percent($0.1, of: totals.cases))\"></i>" }.joined()
        return "<td class=\"c-\(worst)\"><a href=\"#\(anchor)\"><b>\(totals.passed) of \(totals.cases)</b> passed"
            + "<small>\(detail)</small><span class=\"bar\">\(bar)</span></a></td>"
    }

    /// `part / whole` as a CSS percentage with one decimal, by integer arithmetic.
    static func percent(_ part: Int, of whole: Int) -> String {
        let tenths = part * 1000 / max(whole, 1)
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
