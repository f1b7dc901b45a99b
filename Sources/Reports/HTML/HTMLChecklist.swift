import Cases

/// The pre-launch checklist as the first table of a target's card: one row per item, the
/// status as a coloured word (readable without colour), the measured value, the advice.
enum HTMLChecklist {
    static func render(_ items: [ChecklistItem]?) -> String {
        guard let items, !items.isEmpty else { return "" }
        let failed = items.filter { $0.status == .fail }.count
        let warned = items.filter { $0.status == .warn }.count
        var html = "<table class=\"checklist\"><caption>Pre-launch checklist — "
        html += failed > 0 ? "\(failed) failed" : "nothing failed"
        html += warned > 0 ? ", \(warned) to look at" : ""
        html += "</caption><thead><tr><th>Status</th><th>Item</th><th>Measured</th><th>Advice</th></tr></thead><tbody>"
        for item in items {
            html += "<tr class=\"m-\(item.status.rawValue)\">"
            html += "<td><span class=\"status\">\(Checklist.label(item.status))</span></td>"
            html += "<th>\(HTMLEscape.text(item.title))</th>"
            html += "<td>\(HTMLEscape.text(item.value))</td>"
            html += "<td>\(HTMLEscape.text(item.advice))</td></tr>"
        }
        return html + "</tbody></table>"
    }

}
