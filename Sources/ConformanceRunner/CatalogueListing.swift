import Cases
import Foundation

/// The catalogue as data (`list --format json`) and as a Markdown table (`list --format md`).
enum CatalogueListing {
    /// One case as listed: what it checks, where the RFC says so, and how Autobahn differs.
    struct Entry: Encodable {
        var id: String
        var autobahn: String?
        var category: String
        var section: String
        var level: String
        /// "quick" or "full": whether `run --tier quick` includes the case.
        var tier: String
        var rule: String
        /// The RFC sentence the level rests on, word for word, with its source.
        var sentence: String?
        var summary: String
        var autobahnVerdict: String?
        var divergenceReason: String?

        init(_ testCase: TestCase) {
            id = testCase.id
            autobahn = testCase.autobahn
            category = testCase.category
            section = testCase.section
            level = testCase.level.rawValue
            tier = testCase.tier.rawValue
            rule = testCase.rule
            sentence = testCase.sentence?.description
            summary = testCase.summary
            autobahnVerdict = testCase.divergence?.autobahnVerdict
            divergenceReason = testCase.divergence?.reason
        }
    }

    static func json(_ cases: [TestCase]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(cases.map(Entry.init))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func markdown(_ cases: [TestCase]) -> String {
        var lines = ["| case | Autobahn | section | level | checks | sentence |", "| --- | --- | --- | --- | --- | --- |"]
        let cell = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        for testCase in cases {
            let sentence = testCase.sentence.map { cell($0.description) } ?? ""
            lines.append(
                "| `\(testCase.id)` | \(testCase.autobahn ?? "") | \(testCase.section) | \(testCase.level.rawValue) | \(cell(testCase.summary)) | \(sentence) |")
        }
        return lines.joined(separator: "\n")
    }
}
