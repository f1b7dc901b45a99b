import Cases
import Foundation
import Testing

@testable import Reports

/// A report renders from its own data only: the section titles come from the cases it carries,
/// never from the catalogue of the binary that renders it, and a report written before titles
/// were recorded still reads back and renders.
@Suite("Reports: section titles from the report's own data")
struct SectionTitleTests {
    @Test("every catalogue case has its section's title; an unknown id has none")
    func catalogueTitles() {
        for section in Catalogue.sections {
            for testCase in section.cases { #expect(Catalogue.sectionTitle(of: testCase.id) == section.title, "\(testCase.id)") }
        }
        #expect(Catalogue.sectionTitle(of: "framing.no-such-case") == nil)
    }

    @Test("the matrix and the category headings show the titles the report carries, not the catalogue's")
    func titlesFromTheReport() throws {
        var report = ReportFixtures.sample
        for target in report.targets.indices {
            for index in report.targets[target].cases.indices {
                report.targets[target].cases[index].sectionTitle = "Recorded <\(report.targets[target].cases[index].category)>"
            }
        }
        let page = try HTMLReporterTests.page(report)
        #expect(page.contains("<a href=\"#category=framing\">framing</a><small>Recorded &lt;framing&gt;</small>"))
        #expect(page.contains("<h3>fragmentation — Recorded &lt;fragmentation&gt;<small>"))
        for section in Catalogue.sections { #expect(!page.contains(HTMLEscape.text(section.title)), "\(section.title)") }
    }

    @Test("a report written before section titles were recorded reads back and renders without them")
    func olderReport() throws {
        let written = try JSONReporter().render(ReportFixtures.sample)
        #expect(String(decoding: written, as: UTF8.self).contains("\"sectionTitle\" : \"Framing (RFC 6455 §5.6)\""))
        var object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        var targets = try #require(object["targets"] as? [[String: Any]])
        for target in targets.indices {
            var cases = try #require(targets[target]["cases"] as? [[String: Any]])
            for index in cases.indices { cases[index]["sectionTitle"] = nil }
            targets[target]["cases"] = cases
        }
        object["targets"] = targets
        let older = try JSONDecoder().decode(RunReport.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(older.targets.flatMap(\.cases).allSatisfy { $0.sectionTitle == nil })
        #expect(older.targets.map(\.cases.count) == ReportFixtures.sample.targets.map(\.cases.count))
        let page = try HTMLReporterTests.page(older)
        #expect(page.contains("<a href=\"#category=framing\">framing</a></th>"))
        for section in Catalogue.sections { #expect(!page.contains(HTMLEscape.text(section.title)), "\(section.title)") }
    }
}
