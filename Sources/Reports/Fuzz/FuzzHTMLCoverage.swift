import Foundation

/// Which mutators the campaign used and which reactions the server showed, as tables with a
/// bar for each row's share of the inputs run: a mutator that barely ran, or a server that
/// only ever answered one way, shows at a glance. Rows are sorted, most frequent first.
enum FuzzHTMLCoverage {
    static func render(_ report: FuzzReport) -> String {
        var html = "<section id=\"coverage\"><h2>Coverage<small>\(report.totals.inputsRun) inputs</small></h2>\n<div class=\"coverages\">"
        html += reactions(report)
        html += mutators(report)
        return html + "</div></section>\n"
    }

    static func reactions(_ report: FuzzReport) -> String {
        var html = "<div><h3>Reactions<small>\(report.reactions.count) classes</small></h3>"
        guard !report.reactions.isEmpty else { return html + "<p class=\"none\">No reactions were recorded.</p></div>" }
        let whole = base(report, largest: report.reactions.values.max() ?? 0)
        html += "<table class=\"matrix coverage\"><thead><tr><th>reaction</th><th>inputs</th><th>share</th></tr></thead><tbody>"
        for (name, count) in report.reactionsByCount {
            html += "<tr><th><code>\(HTMLEscape.text(name))</code></th><td class=\"num\">\(count)</td>\(share(count, of: whole))</tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func mutators(_ report: FuzzReport) -> String {
        var html = "<div><h3>Mutators<small>\(report.mutators.count) used</small></h3>"
        guard !report.mutators.isEmpty else { return html + "<p class=\"none\">No mutators were recorded.</p></div>" }
        let whole = base(report, largest: report.mutators.values.map(\.inputs).max() ?? 0)
        html += "<table class=\"matrix coverage\"><thead><tr><th>mutator</th><th>inputs</th><th>findings</th><th>share of inputs</th></tr>"
        html += "</thead><tbody>"
        for (name, use) in report.mutatorsByUse {
            html += "<tr\(use.findings > 0 ? " class=\"hit\"" : "")><th><code>\(HTMLEscape.text(name))</code></th>"
            html += "<td class=\"num\">\(use.inputs)</td><td class=\"num\">\(use.findings)</td>\(share(use.inputs, of: whole))</tr>"
        }
        return html + "</tbody></table></div>"
    }

    /// What a share is a share of: the inputs run, or the largest count when none were counted
    /// (a report built by hand), so a bar never exceeds its track.
    static func base(_ report: FuzzReport, largest: Int) -> Int { max(report.totals.inputsRun, largest, 1) }

    /// A cell with the percentage in words and as a bar.
    static func share(_ count: Int, of whole: Int) -> String {
        let percent = String(format: "%.1f", Double(count) * 100 / Double(whole))
        return
            "<td class=\"share\"><small>\(percent) %</small><div class=\"bar\"><i class=\"n\" style=\"width: \(percent)%\"></i></div></td>"
    }
}
