import Testing

@testable import Cases

/// FAILED only where a MUST stands: every MUST-level case quotes an RFC sentence with MUST,
/// MUST NOT, REQUIRED or SHALL (RFC 2119), and nothing weaker is judged at MUST.
@Suite("requirement levels rest on quoted sentences")
struct LevelAuditTests {
    @Test("every MUST-level case quotes a sentence with an upper-case MUST, REQUIRED or SHALL")
    func everyMustQuotesMust() {
        let unquoted = Catalogue.all.filter { $0.level == .must && $0.sentence?.keyword != .must }
        #expect(unquoted.map(\.id) == [])
        #expect(Catalogue.all.filter { $0.level == .must }.count > 400)
    }

    @Test("a quoted sentence is never weaker than the level it carries")
    func sentencesMatchLevels() {
        for testCase in Catalogue.all {
            guard let sentence = testCase.sentence else { continue }
            #expect(sentence.source.hasPrefix("RFC "), "\(testCase.id): \(sentence.source)")
            #expect(!sentence.text.isEmpty)
            switch testCase.level {
            case .must: #expect(sentence.keyword == .must, "\(testCase.id)")
            case .should: #expect(sentence.keyword == .must || sentence.keyword == .should, "\(testCase.id)")
            case .may: #expect(sentence.keyword != nil, "\(testCase.id)")
            }
        }
    }

    @Test("the keyword is read from upper-case words only (RFC 8174 §2)")
    func keywordsAreUpperCase() {
        #expect(NormativeSentence("RFC 0", "A pong must have identical data.").keyword == nil)
        #expect(NormativeSentence("RFC 0", "It MAY do so; it SHOULD do so.").keyword == .should)
        #expect(NormativeSentence("RFC 0", "It MUST NOT do so.").keyword == .must)
        #expect(NormativeSentence("RFC 0", "It is RECOMMENDED.").keyword == .should)
        #expect(NormativeSentence("RFC 0", "MUSTARD is no keyword.").keyword == nil)
    }

    /// 1012–1014 come from IANA's registry, not from §7.4, which §5.5.1's MUST names: a server
    /// that refuses them (wsproto, autobahn-python) is NON-STRICT at worst.
    @Test("registry-only close codes are SHOULD-level, the codes of §7.4 MUST-level")
    func registryOnlyCodes() throws {
        for code in [1012, 1013, 1014] {
            let testCase = try #require(Catalogue.all.first { $0.id == "close.code.valid-\(code)" })
            #expect(testCase.level == .should)
        }
        for code in [1000, 1011, 3000, 4999] {
            let testCase = try #require(Catalogue.all.first { $0.id == "close.code.valid-\(code)" })
            #expect(testCase.level == .must)
            #expect(testCase.sentence == RFC6455Sentence.closeAnsweredThenTCP)
        }
    }

    /// The named cases: fail-fast timing is SHOULD-level; chopped delivery rests on
    /// §6.2's parsing MUST.
    @Test("timing and delivery cases cite what they rest on")
    func namedCases() throws {
        for id in ["framing.text.length-65536-chopped", "framing.binary.length-65536-chopped"] {
            let testCase = try #require(Catalogue.all.first { $0.id == id })
            #expect(testCase.sentence == RFC6455Sentence.parseFrames)
            #expect(testCase.rule.contains("MUST"))
        }
        let failFast = Catalogue.all.filter { $0.autobahn?.hasPrefix("6.4.") == true }
        #expect(!failFast.isEmpty)
        #expect(failFast.allSatisfy { $0.level == .should })
    }
}
