import Cases
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

    /// A run keeps each result compacted until its reports are written (`CatalogueRunner`).
    @Test("a compacted result keeps 50 events and gives the report the same list as the whole one", arguments: [10, 51, 52, 1000])
    func compacted(count: Int) {
        let events = (0..<count).map { index in
            var digest = MessageDigest()
            digest.update(Array("\(index)".utf8))
            return ObservedEvent(kind: .message(.text), digest: digest, prefix: Array("\(index)".utf8))
        }
        let result = CaseResult(caseID: "c", outcome: .judged(behaviour: .ok, close: .ok), observed: events)
        let compact = result.compacted()
        #expect(compact.observed.count == min(count, 50) || count <= 51)
        #expect(compact.observed.count + compact.observedOmitted == count)
        #expect(compact.compacted() == compact)
        #expect(
            CaseReport.eventDescriptions(compact.observed, omitted: compact.observedOmitted, \.description)
                == CaseReport.eventDescriptions(result.observed, \.description))
    }

    @Test("the HTML list shows the gap and numbers the events after it as they were")
    func html() {
        let kept = CaseReport.eventDescriptions((1...1000).map { "text \($0)" }) { $0 }
        let html = HTMLCaseSection.events(kept)
        #expect(html.contains("<li class=\"gap\">… 950 events omitted …</li><li value=\"991\">text 991</li><li>text 992</li>"))
        #expect(html.components(separatedBy: "<li").count - 1 == 51)
    }
}
