/// One card per target: its name and URL, the totals in words and numbers, what its handshake
/// said (RFC 6455 §4.2.2 `Server`, §9.1 extensions, §1.9 subprotocol, TLS), what was measured,
/// the baseline comparison, and links to every case that did not pass.
enum HTMLTargetSummary {
    static func render(_ target: TargetReport, index: Int) -> String {
        var html = "<section class=\"target\" id=\"target-\(index)\"><h2>\(HTMLEscape.text(target.name))</h2>"
        if target.agent != nil { html += "<p class=\"sub mono\">\(HTMLEscape.text(target.url))</p>" }
        html += HTMLChecklist.render(target.checklist)
        html += totals(target.totals)
        html += facts(target.facts)
        html += HTMLMeasurements.render(target.measurements)
        if let launched = target.launched { html += self.launched(launched) }
        if let baseline = target.baseline { html += self.baseline(baseline, index: index) }
        let notPassed = target.cases.filter { !$0.passed }
        if !notPassed.isEmpty {
            html += "<details class=\"notpassed\"\(notPassed.count <= 12 ? " open" : "")><summary><b>Not passed: \(notPassed.count)</b>"
            html += " — <a href=\"#verdict=failed,waived,error\">show only these</a></summary><p>"
            html += notPassed.map { "<a href=\"#case=\(HTMLEscape.token($0.id))\">\(HTMLEscape.text($0.id))</a>" }.joined(separator: " ")
            html += "</p></details>"
        }
        return html + "</section>\n"
    }

    /// Passed, failed, waived and could-not-run as labelled tiles.
    static func totals(_ totals: Totals) -> String {
        var tiles: [(String, Int, String)] = [
            ("passed", totals.passed, "passed"), ("failed", totals.failed, "failed"), ("waived", totals.waived, "waived"),
            ("error", totals.errors, "could not run"),
        ]
        if totals.nonStrict > 0 { tiles.insert(("nonstrict", totals.nonStrict, "of them NON-STRICT"), at: 1) }
        if totals.informational > 0 { tiles.insert(("info", totals.informational, "of them INFORMATIONAL"), at: 1) }
        var html = "<div class=\"totals\">"
        for (kind, count, title) in tiles {
            html += "<div class=\"tile t-\(kind)\(count == 0 && kind != "passed" ? " zero" : "")\"><b>\(count)</b>\(title)</div>"
        }
        return html + "<div class=\"tile zero\"><b>\(totals.cases)</b>cases</div></div>"
    }

    static func facts(_ facts: TargetFacts?) -> String {
        guard let facts else { return "<p class=\"none\">No handshake facts were recorded.</p>" }
        var rows: [(String, String)] = [
            ("Server", facts.server ?? "not sent"),
            ("Extensions", facts.extensions ?? "none negotiated"),
            ("Subprotocol", facts.subprotocol ?? "none"),
        ]
        if let tls = facts.tls {
            rows.append(("TLS", "\(tls.protocolVersion), \(tls.cipher)\(tls.alpn.map { ", ALPN \($0)" } ?? "")"))
            if let subject = tls.certificateSubject { rows.append(("Certificate", subject)) }
            if let notAfter = tls.certificateNotAfter { rows.append(("Certificate expires", notAfter)) }
        }
        if let problem = facts.problem { rows.append(("Probe problem", problem)) }
        return "<dl class=\"facts\">" + rows.map { "<dt>\($0.0)</dt><dd>\(HTMLEscape.text($0.1))</dd>" }.joined() + "</dl>"
    }

    /// The launched target (`--exec`): its command, how it ended, its last output.
    static func launched(_ process: LaunchedProcess) -> String {
        var html = "<div class=\"launched\"><b>Launched target</b><dl class=\"facts\">"
        html += "<dt>Command</dt><dd class=\"mono\">\(HTMLEscape.text(process.command))</dd>"
        html += "<dt>Ended</dt><dd>\(HTMLEscape.text(process.ended ?? "still running"))\(process.killedAfterGrace ? " (after its SIGTERM grace)" : "")</dd></dl>"
        html += "<details><summary>Last output (\(process.outputTail.isEmpty ? "none" : "\(process.outputTail.split(separator: "\n").count) lines"))</summary>"
        return html + "<pre class=\"mono\">\(HTMLEscape.text(process.outputTail))</pre></details></div>"
    }

    /// How the run compares with the baseline's waivers.
    static func baseline(_ outcome: BaselineOutcome, index: Int) -> String {
        let lists: [(String, [String])] = [
            ("New failures", outcome.newFailures), ("Waived", outcome.waived), ("Fixed (waiver can go)", outcome.fixed),
            ("Unmatched waivers", outcome.unmatched),
        ]
        var html = "<div class=\"baseline\"><b>Baseline:</b><dl class=\"facts\">"
        for (title, ids) in lists {
            let text = ids.isEmpty ? "none" : ids.map { "<code>\(HTMLEscape.text($0))</code>" }.joined(separator: ", ")
            html += "<dt>\(title) (\(ids.count))</dt><dd>\(text)</dd>"
        }
        return html + "</dl></div>"
    }
}
