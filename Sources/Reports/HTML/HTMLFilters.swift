/// The filter bar: check verdicts and categories to show only those cases (nothing checked
/// shows everything). The inline script does the hiding and keeps the URL fragment in step.
enum HTMLFilters {
    static func render(_ report: RunReport, categories: [String]) -> String {
        let statuses = report.targets.flatMap(\.cases).map(HTMLCaseStatus.init)
        var html = "<nav id=\"filters\" class=\"filters\"><div class=\"group\"><span class=\"label\">Verdict</span>"
        for status in HTMLCaseStatus.Status.allCases {
            let count = statuses.filter { $0.status == status }.count
            html += checkbox(name: "verdict", value: status.rawValue, title: "\(status.title) (\(count))")
        }
        for mark in HTMLCaseStatus.Mark.allCases {
            let count = statuses.filter { $0.marks.contains(mark) }.count
            html += checkbox(name: "verdict", value: mark.rawValue, title: "\(mark.label) (\(count))")
        }
        html += "</div><div class=\"group\"><span class=\"label\">Category</span>"
        for category in categories {
            html += checkbox(name: "category", value: HTMLEscape.token(category), title: category)
        }
        html += "</div><div class=\"group\"><button type=\"button\" id=\"clear-filters\">show all</button>"
        html +=
            "<button type=\"button\" id=\"open-shown\">expand shown</button><button type=\"button\" id=\"close-all\">collapse all</button>"
        return html + "</div><span id=\"shown\"></span></nav>\n"
    }

    static func checkbox(name: String, value: String, title: String) -> String {
        "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(value)\"> \(HTMLEscape.text(title))</label>"
    }
}
