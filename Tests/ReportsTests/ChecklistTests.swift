import Cases
import Foundation
import Testing

@testable import Reports

/// The pre-launch checklist: built from the posture measurements and the cases, the worst
/// status of each item wins, and every format shows it first, escaped.
@Suite struct ChecklistTests {
    static let hostile = ReportFixtures.hostile

    static func target(_ measurements: [Cases.Measurement]) -> TargetReport {
        let cases = ReportFixtures.sample.targets[0].cases
        return TargetReport(url: "ws://127.0.0.1:9001/", agent: nil, measurements: measurements, cases: cases)
    }

    static var posture: [Cases.Measurement] {
        [
            .text(id: "tls.version", title: "TLS version", "none (ws://)", status: .warn, advice: "serve wss://"),
            .answer(id: "origin.foreign", title: "Foreign Origin", true, status: .fail, observed: hostile, advice: "check Origin " + hostile),
            .answer(id: "origin.null", title: "Origin null", false, status: .ok, observed: "refused with 403", advice: "refused"),
            Cases.Measurement(id: "limits.max-message-octets", title: "Largest message accepted", value: 1_048_576, unit: .octets, advice: "ok"),
            Cases.Measurement(id: "limits.max-frame-octets", title: "Largest frame accepted", value: 1_048_576, unit: .octets, advice: "ok"),
            .notMeasured(id: "auth.without-credentials", title: "Handshake without credentials", unit: .boolean, advice: "none given"),
        ]
    }

    @Test func worstStatusWinsPerItem() throws {
        let items = try #require(Self.target(Self.posture).checklist)
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        #expect(byID["origin"]?.status == .fail)
        #expect(byID["origin"]?.value == "Foreign Origin: accepted")
        #expect(byID["tls"]?.status == .warn)
        #expect(byID["limits"]?.status == .ok)
        #expect(byID["limits"]?.value == "message 1048576 octets; frame 1048576 octets")
        #expect(byID["auth"]?.status == .notMeasured)
        #expect(byID["conformance"]?.status == .fail, "the sample has failures")
        #expect(items.first?.id == "conformance" || items.first?.id == "handshake-cases")
        #expect(Checklist.failed(items))
    }

    @Test func noPostureNoChecklist() {
        let target = Self.target([Cases.Measurement(id: "handshake.round-trip", title: "RTT", value: 1, unit: .milliseconds, advice: "")])
        #expect(target.checklist == nil)
    }

    @Test func everyFormatOpensWithTheChecklistEscaped() throws {
        var report = ReportFixtures.sample
        report.targets = [Self.target(Self.posture)]
        let markdown = String(decoding: try MarkdownReporter().render(report), as: UTF8.self)
        let section = try #require(markdown.range(of: "## ws://127.0.0.1:9001/"))
        let checklist = try #require(markdown.range(of: "### Pre-launch checklist"))
        let totals = try #require(markdown.range(of: "passed ("))
        #expect(section.upperBound < checklist.lowerBound && checklist.upperBound < totals.lowerBound)
        #expect(markdown.contains("❌ **FAIL** | Origin checked"))
        #expect(!markdown.contains("<script>"))

        let html = String(decoding: try HTMLReporter().render(report), as: UTF8.self)
        #expect(html.contains("<table class=\"checklist\"><caption>Pre-launch checklist — 2 failed, 1 to look at</caption>"))
        #expect(!html.contains("<script>alert"))

        let junit = String(decoding: try JUnitReporter().render(report), as: UTF8.self)
        #expect(junit.contains("<testsuite name=\"pre-launch checklist\""))
        #expect(junit.contains("name=\"origin: Origin checked (cross-site hijacking)\" time=\"0\">\n      <failure"))

        let json = try JSONSerialization.jsonObject(with: try JSONReporter().render(report)) as? [String: Any]
        let targets = json?["targets"] as? [[String: Any]]
        let items = targets?.first?["checklist"] as? [[String: Any]]
        #expect(items?.contains { $0["id"] as? String == "origin" && $0["status"] as? String == "fail" } == true)
    }

    @Test func checklistReportValidatesAgainstTheSchema() throws {
        var report = ReportFixtures.sample
        report.targets = [Self.target(Self.posture)]
        #expect(try ReportsTests.validate(report) == 0)
    }

    @Test func totalsSplitThePasses() {
        let totals = ReportFixtures.sample.targets[0].totals
        #expect(totals.ok + totals.nonStrict + totals.informational == totals.passed)
        #expect(totals.nonStrict == 1)
        #expect(totals.passedWords == "2 passed (1 OK, 1 NON-STRICT)")
    }
}
