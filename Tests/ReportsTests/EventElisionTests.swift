import Testing

@testable import Reports

/// Long event lists (a compression case's thousand echoes) are elided in the report itself.
@Suite("Reports: long event lists")
struct EventElisionTests {
    @Test("a thousand events keep the first 40 and the last 10 around one omission entry")
    func elided() {
        let events = (1...1000).map { "text \($0)" }
        let kept = CaseReport.eventDescriptions(events) { $0 }
        #expect(kept.count == 51)
        #expect(kept[39] == "text 40" && kept[41] == "text 991" && kept.last == "text 1000")
        #expect(CaseReport.omittedEvents(in: kept[40]) == 950)
        #expect(CaseReport.omittedEvents(in: "text '… 3 events omitted …'") == nil)
        #expect(CaseReport.eventDescriptions(Array(events.prefix(51))) { $0 } == Array(events.prefix(51)))
    }

    @Test("the HTML list shows the gap and numbers the events after it as they were")
    func html() {
        let kept = CaseReport.eventDescriptions((1...1000).map { "text \($0)" }) { $0 }
        let html = HTMLCaseSection.events(kept)
        #expect(html.contains("<li class=\"gap\">… 950 events omitted …</li><li value=\"991\">text 991</li><li>text 992</li>"))
        #expect(html.components(separatedBy: "<li").count - 1 == 51)
    }
}
