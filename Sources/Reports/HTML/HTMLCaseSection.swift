/// One case on one target as a collapsed `<details>` element: the summary line names the case
/// and its verdict in words; opened, it shows the RFC sentence, what was expected against what
/// happened with the first divergence called out, the closing handshake, and the transcript.
enum HTMLCaseSection {
    /// The element id of `item` on the target at `targetIndex`: `#case=ID` in the page's
    /// fragment opens it.
    static func elementID(targetIndex: Int, caseID: String) -> String { "t\(targetIndex)-\(HTMLEscape.token(caseID))" }

    static func render(_ item: CaseReport, targetIndex: Int) -> String {
        let status = HTMLCaseStatus(item)
        let id = elementID(targetIndex: targetIndex, caseID: item.id)
        var html = "<details class=\"case s-\(status.status.rawValue)\" id=\"\(id)\" data-case=\"\(HTMLEscape.token(item.id))\""
        html += " data-verdict=\"\(status.filterWords)\" data-category=\"\(HTMLEscape.token(item.category))\">"
        html += summaryLine(item, status)
        html += "<div class=\"body\">"
        html += "<p class=\"rule\"><span class=\"level\">\(HTMLEscape.text(item.level))</span> \(HTMLEscape.text(item.rule))"
        html += " <span class=\"section\">\(HTMLEscape.text(item.section))</span></p>"
        if let sentence = item.sentence { html += "<blockquote class=\"sentence\">\(HTMLEscape.text(sentence))</blockquote>" }
        html += outcome(item)
        if let opening = item.opening {
            html += "<h4>Opening handshake</h4><dl class=\"close-facts\"><dt>Sends</dt><dd>\(HTMLEscape.text(opening.request))</dd>"
            html += "<dt>Accepts</dt><dd>\(HTMLEscape.text(opening.accepts))</dd></dl>"
        }
        html += "<div class=\"compare\"><div><h4>Expected — any one of</h4>\(expected(item))</div>"
        html += "<div><h4>Observed</h4>\(events(item.observed))</div></div>"
        html += "<h4>Closing handshake</h4>\(closeFacts(item.closeFacts))"
        if let note = item.divergenceFromAutobahn {
            html += "<p class=\"autobahn\"><b>Differs from Autobahn|Testsuite:</b> Autobahn reports "
            html += "<q>\(HTMLEscape.text(note.autobahnVerdict))</q> here. \(HTMLEscape.text(note.reason))</p>"
        }
        html += "<h4>Transcript</h4>\(HTMLTranscript.render(item.transcript))"
        return html + "</div></details>\n"
    }

    /// The always-visible line: badge, id, Autobahn alias, verdicts, duration, summary.
    static func summaryLine(_ item: CaseReport, _ status: HTMLCaseStatus) -> String {
        var html = "<summary><span class=\"badge b-\(status.status.rawValue)\">\(status.status.label)</span>"
        html += "<code class=\"id\">\(HTMLEscape.text(item.id))</code>"
        html += "<span class=\"alias\">\(item.autobahn.map { HTMLEscape.text($0) } ?? "")</span>"
        // The verdict words already say NON-STRICT or INFORMATIONAL; the class only tints them.
        let marked = status.marks.isEmpty ? "" : " marked"
        html += "<span class=\"verdicts\(marked)\">\(HTMLEscape.text(verdicts(item)))</span>"
        html += "<span class=\"ms\">\(item.durationMilliseconds) ms</span>"
        return html + "<span class=\"what\">\(HTMLEscape.text(item.summary))</span></summary>"
    }

    /// "BEHAVIOUR / CLOSE", or "ERROR" when the case could not run; "(timing-dependent)"
    /// after it when runs of the case disagreed.
    static func verdicts(_ item: CaseReport) -> String {
        let words = item.error != nil ? "ERROR" : "\(item.behaviour ?? "?") / \(item.close ?? "?")"
        return item.verdictsSeen == nil ? words : words + " (timing-dependent)"
    }

    /// Verdicts, error, waiver, first divergence and reasons: why the case came out as it did.
    static func outcome(_ item: CaseReport) -> String {
        var html = "<dl class=\"verdict-table\">"
        if let error = item.error {
            html += "<dt>Could not run</dt><dd class=\"error\">\(HTMLEscape.text(error))</dd>"
        } else {
            html += "<dt>Behaviour</dt><dd>\(verdict(item.behaviour ?? "?"))</dd><dt>Close</dt><dd>\(verdict(item.close ?? "?"))</dd>"
        }
        html += "<dt>Duration</dt><dd>\(item.durationMilliseconds) ms</dd>"
        if let trace = item.traceId { html += "<dt>Trace id</dt><dd><code class=\"trace\">\(HTMLEscape.text(trace))</code></dd>" }
        html += "<dt>Autobahn</dt><dd>\(item.autobahn.map { HTMLEscape.text($0) } ?? "—")</dd></dl>"
        if let waiver = item.waiver {
            html += "<p class=\"waiver\"><b>Waived by the baseline:</b> \(HTMLEscape.text(waiver))</p>"
        }
        if let divergence = item.firstDivergence {
            html += "<p class=\"divergence\"><b>First divergence:</b> \(HTMLEscape.text(divergence))</p>"
        }
        // The first divergence is usually also the first reason; it is shown once.
        let reasons = item.reasons.filter { $0 != item.firstDivergence }
        if !reasons.isEmpty {
            html += "<ul class=\"reasons\">" + reasons.map { "<li>\(HTMLEscape.text($0))</li>" }.joined() + "</ul>"
        }
        return html
    }

    /// Each acceptable outcome with its verdict and its events.
    static func expected(_ item: CaseReport) -> String {
        guard !item.expected.isEmpty else { return "<p class=\"none\">Any outcome.</p>" }
        return item.expected.map { outcome in
            let verdict = verdict(outcome.verdict)
            return outcome.events.isEmpty
                ? "<div class=\"outcome\">\(verdict) if the server sends no message</div>"
                : "<div class=\"outcome\">\(verdict) if the server sends:\(events(outcome.events))</div>"
        }.joined()
    }

    /// A verdict word, tinted by what it means for the case; the word itself carries the meaning.
    static func verdict(_ verdict: String) -> String {
        let tint: String
        switch verdict {
        case "OK": tint = "v-ok"
        case "INFORMATIONAL", "NON-STRICT", "FAILED BY CLIENT": tint = "v-lenient"
        default: tint = "v-bad"
        }
        return "<span class=\"verdict \(tint)\">\(HTMLEscape.text(verdict))</span>"
    }

    /// Events as a numbered list, long lists elided in the middle with the numbering kept.
    static func events(_ events: [String]) -> String {
        guard !events.isEmpty else { return "<p class=\"none\">No messages.</p>" }
        if events.contains(where: { CaseReport.omittedEvents(in: $0) != nil }) { return elidedEvents(events) }
        let elision = HTMLElision(count: events.count, first: HTMLElision.eventsFirst, last: HTMLElision.eventsLast)
        let items = elision.map({ index in
            let value = index == elision.tail.lowerBound && elision.omitted > 0 ? " value=\"\(index + 1)\"" : ""
            return "<li\(value)>\(HTMLEscape.text(events[index], limit: HTMLElision.textCharacters))</li>"
        }) { omitted in "<li class=\"gap\">… \(omitted) events omitted …</li>" }
        return "<ol class=\"events\">\(items)</ol>"
    }

    /// A list the report already elided (`CaseReport.eventDescriptions`): the omission entry
    /// becomes the gap, and the events after it keep their numbers.
    static func elidedEvents(_ events: [String]) -> String {
        var items = ""
        var number = 1
        var resumes = false
        for event in events {
            if let omitted = CaseReport.omittedEvents(in: event) {
                items += "<li class=\"gap\">… \(omitted) events omitted …</li>"
                number += omitted
                resumes = true
                continue
            }
            let value = resumes ? " value=\"\(number)\"" : ""
            items += "<li\(value)>\(HTMLEscape.text(event, limit: HTMLElision.textCharacters))</li>"
            number += 1
            resumes = false
        }
        return "<ol class=\"events\">\(items)</ol>"
    }

    /// How the connection ended (RFC 6455 §7): who closed, with which code, and whether cleanly.
    static func closeFacts(_ facts: CaseReport.CloseFactsReport) -> String {
        var html = "<dl class=\"close-facts\">"
        html += "<dt>Clean</dt><dd>\(facts.wasClean ? "yes" : "no")</dd>"
        html += "<dt>First close frame</dt><dd>\(facts.closedByTester ? "sent by the tester" : "sent by the server, or none")</dd>"
        html += "<dt>Server's close code</dt><dd>\(facts.remoteCode.map(String.init) ?? "none")</dd>"
        if let reason = facts.remoteReason {
            html += "<dt>Server's close reason</dt><dd><q class=\"peer\">\(HTMLEscape.text(reason))</q></dd>"
        }
        html += "<dt>Tester's close code</dt><dd>\(facts.localCode.map(String.init) ?? "none")</dd>"
        if facts.droppedByTester { html += "<dt>TCP</dt><dd>dropped by the tester (the server did not close it in time)</dd>" }
        if let reason = facts.notCleanReason { html += "<dt>Not clean because</dt><dd>\(HTMLEscape.text(reason))</dd>" }
        return html + "</dl>"
    }
}
