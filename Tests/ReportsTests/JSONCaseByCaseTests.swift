import Foundation
import Testing

@testable import Reports

/// The JSON report is written case by case to keep the encoder's tree small; the octets must be
/// those of encoding the run whole, so reports, goldens and baselines cannot tell.
@Suite("Reports: JSON written case by case")
struct JSONCaseByCaseTests {
    @Test("case by case gives the octets of the whole run encoded at once", arguments: [0, 1, 2])
    func sameOctets(fixture: Int) throws {
        var report = fixture == 2 ? ReportFixtures.fullCatalogue(targets: 2) : ReportFixtures.sample
        if fixture == 1 {
            // A target without cases (an unreachable one keeps its list empty) between others.
            var empty = report.targets[0]
            empty.cases = []
            report.targets.insert(empty, at: 1)
        }
        let whole = try JSONReporter.encode(report)
        let byCase = try JSONReporter.encodeCaseByCase(report)
        #expect(byCase == whole)
        #expect(try JSONReporter().render(report) == whole)
    }
}
