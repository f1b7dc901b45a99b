/// The findings of a campaign as rows that open: the summary line gives the signature, the
/// rule with its RFC section, the reaction, whether it is new, and how far minimisation
/// shrank it; opened, a row shows the RFC sentence, expected against observed, the command that
/// reproduces it, the minimised script, its wire transcript and the server's output. Also the
/// replay table.
enum FuzzHTMLFindings {
    /// Characters of a minimised script shown; the rest is in the saved file, which the page names.
    static let scriptCharacters = 32_768
    /// Characters of a server's output shown (its tail: how it ended matters most).
    static let outputCharacters = 8_192

    /// The element id of a finding's row: `#finding-SIGNATURE` links to it.
    static func elementID(_ finding: FuzzFinding) -> String { "finding-" + HTMLEscape.token(finding.signature) }

    static func render(_ findings: [FuzzFinding]) -> String {
        let new = findings.filter(\.isNew).count
        var html = "<section id=\"findings\"><h2>Findings<small>\(findings.count) unique, \(new) new</small></h2>\n"
        guard !findings.isEmpty else {
            return html + "<p class=\"none\">No findings: every input drew a reaction RFC 6455 allows.</p></section>\n"
        }
        html +=
            "<div class=\"finding-head\"><span>finding</span><span>rule</span><span>reaction</span>"
            + "<span title=\"input steps as found → after minimisation\">steps</span></div>\n"
        for finding in findings { html += render(finding) }
        return html + "</section>\n"
    }

    static func render(_ finding: FuzzFinding) -> String {
        var html = "<details class=\"case finding s-\(finding.isNew ? "failed" : "waived")\" id=\"\(elementID(finding))\">"
        html += "<summary><span class=\"badge \(finding.isNew ? "b-failed\">NEW" : "b-known\">KNOWN")</span>"
        html += "<code class=\"sig\">\(HTMLEscape.text(finding.signature))</code>"
        html += "<span class=\"rule-title\">\(HTMLEscape.text(finding.ruleTitle))</span>"
        html += "<code class=\"reaction\">\(HTMLEscape.text(finding.reaction))</code>"
        html += "<span class=\"steps\">\(finding.stepsBefore) → \(finding.stepsAfter)</span></summary>"
        html += "<div class=\"body\">"
        if let sentence = finding.ruleSentence {
            html += "<p class=\"rule\">\(HTMLEscape.text(sentence))"
            if let section = finding.ruleSection { html += " <span class=\"section\">\(HTMLEscape.text(section))</span>" }
            html += "</p>"
        }
        html += "<div class=\"compare\"><div><h4>Expected</h4><p>\(HTMLEscape.text(finding.expected))</p></div>"
        html += "<div><h4>Observed</h4><p><q class=\"peer\">\(HTMLEscape.text(finding.observed))</q></p></div></div>"
        html += "<h4>Reproduce</h4><code class=\"repro\">\(HTMLEscape.text(finding.reproduction))</code>"
        html += facts(finding)
        html += "<h4>Minimised script</h4>\(script(finding))"
        if let transcript = finding.transcript, !transcript.isEmpty {
            html += "<h4>Transcript</h4>\(HTMLTranscript.render(transcript))"
        }
        if let output = finding.processOutput {
            html += "<h4>Server output (tail)</h4><pre class=\"output\">\(HTMLEscape.text(tail(output)))</pre>"
        }
        return html + "</div></details>\n"
    }

    static func facts(_ finding: FuzzFinding) -> String {
        var html = "<dl class=\"facts\"><dt>Oracle</dt><dd>\(HTMLEscape.text(finding.oracle))</dd>"
        html += "<dt>Rule</dt><dd>\(HTMLEscape.text(finding.ruleTitle))</dd>"
        html += "<dt>Steps</dt><dd>\(finding.stepsBefore) as found, \(finding.stepsAfter) after minimisation</dd>"
        if !finding.mutators.isEmpty {
            html +=
                "<dt>Mutators</dt><dd>" + finding.mutators.map { "<code>\(HTMLEscape.text($0))</code>" }.joined(separator: ", ") + "</dd>"
        }
        html += "<dt>Saved as</dt><dd><code>\(HTMLEscape.text(finding.path))</code></dd>"
        if let trace = finding.traceId { html += "<dt>Trace id</dt><dd><code>\(HTMLEscape.text(trace))</code></dd>" }
        html += "<dt>Seen before</dt><dd>\(finding.isNew ? "no — new in this campaign" : "yes — already among the saved findings")</dd>"
        return html + "</dl>"
    }

    /// The minimised script, cut at `scriptCharacters` with a note naming the file that holds it whole.
    static func script(_ finding: FuzzFinding) -> String {
        let text = finding.script
        guard text.count > scriptCharacters else { return "<pre class=\"script\">\(HTMLEscape.text(text))</pre>" }
        let omitted = text.count - scriptCharacters
        return "<pre class=\"script\">\(HTMLEscape.text(String(text.prefix(scriptCharacters))))</pre>"
            + "<p class=\"none\">… \(omitted) more characters not shown; the whole script is in "
            + "<code>\(HTMLEscape.text(finding.path))</code>.</p>"
    }

    /// The last `outputCharacters` of a server's output, marked when cut.
    static func tail(_ output: String) -> String {
        guard output.count > outputCharacters else { return output }
        return "…" + String(output.suffix(outputCharacters))
    }

    /// The replayed findings: what each saved finding did this time.
    static func render(_ replay: FuzzReplay) -> String {
        var html = "<section id=\"replay\"><h2>Replay of saved findings<small>\(replay.reproduced) reproduced, "
        html += "\(replay.changed) changed, \(replay.fixed) fixed</small></h2>\n"
        guard !replay.results.isEmpty else { return html + "<p class=\"none\">No saved findings were replayed.</p></section>\n" }
        html +=
            "<table class=\"matrix coverage\"><thead><tr><th>finding</th><th>outcome</th><th>observed now</th><th>file</th></tr>"
            + "</thead><tbody>"
        for result in replay.results {
            let badge: String
            switch result.outcome {
            case .reproduced: badge = "b-failed"
            case .changed: badge = "b-changed"
            case .fixed: badge = "b-passed"
            }
            html += "<tr><th><code>\(HTMLEscape.text(result.signature))</code></th>"
            html += "<td><span class=\"badge \(badge)\">\(result.outcome.rawValue.uppercased())</span></td>"
            html += "<td>\(HTMLEscape.text(result.observed))"
            if let trace = result.traceId { html += " <small>trace id <code>\(HTMLEscape.text(trace))</code></small>" }
            html += "</td><td><code>\(HTMLEscape.text(result.path))</code></td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }
}
