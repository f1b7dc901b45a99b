/// Where wsconform's verdict rule departs from Autobahn|Testsuite's, and why (RFC first).
public struct Divergence: Hashable, Sendable {
    /// What Autobahn would report for a server that behaves as the RFC asks.
    public var autobahnVerdict: String
    /// The reason, citing the RFC or the IANA registry.
    public var reason: String

    public init(autobahnVerdict: String, reason: String) {
        self.autobahnVerdict = autobahnVerdict
        self.reason = reason
    }
}

/// One conformance case: a value, not a class. It says what is sent, how, and every
/// acceptable outcome, with the RFC sentence it checks.
public struct TestCase: Hashable, Sendable, Identifiable, CustomStringConvertible {
    /// Stable, hand-written id, e.g. "framing.text.length-125". Never positional.
    public let id: String
    /// Autobahn|Testsuite's case id, e.g. "1.1.2", so existing configs and globs keep working.
    public let autobahn: String?
    /// The RFC section, e.g. "RFC 6455 §5.5.2".
    public let section: String
    /// The normative sentence the case checks (paraphrased, with its keyword).
    public let rule: String
    public let level: Requirement
    /// The RFC sentence the level rests on, word for word. Every MUST-level case has one
    /// with a MUST (a FAILED verdict needs it); a case bounded to SHOULD or MAY may have none.
    public let sentence: NormativeSentence?
    /// What the case does, in one line.
    public let summary: String
    /// The opening handshake: the request sent and the answers accepted (RFC 6455 §4).
    public let opening: Opening
    public let steps: [Step]
    public let expectation: Expectation
    public let divergence: Divergence?
    /// Whether a quick run includes the case (the representative members of a long family).
    public let tier: Tier
    /// The source line that defines the case, so a report can point back at it.
    public let file: String
    public let line: Int

    public init(
        id: String, autobahn: String? = nil, section: String, rule: String, level: Requirement, sentence: NormativeSentence? = nil,
        summary: String,
        opening: Opening = .standard, steps: [Step], expect expectation: Expectation, divergence: Divergence? = nil,
        tier: Tier = .quick, file: String = #filePath, line: Int = #line
    ) {
        self.id = id
        self.autobahn = autobahn
        self.section = section
        self.rule = rule
        self.level = level
        self.sentence = sentence
        self.summary = summary
        self.opening = opening
        self.steps = steps
        self.expectation = expectation
        self.divergence = divergence
        self.tier = tier
        self.file = file
        self.line = line
    }

    /// The category: the first component of the id ("framing", "utf8", …).
    public var category: String { String(id.prefix { $0 != "." }) }

    public var description: String { autobahn.map { "\(id) (\($0))" } ?? id }
}

extension TestCase {
    /// How many times the case waits for the server one after another: once for the case
    /// itself, once per strictly sequential echo (`roundTrips`), once per window of compressed
    /// echoes. A target's distance adds its round trip to the case's time that many times.
    public var sequentialExchanges: Int {
        steps.reduce(1) { total, step in
            switch step {
            case .roundTrips(_, let count): return total + count
            case .echoCompressed(_, _, _, let count, _, let window): return total + count / max(1, window) + 1
            default: return total
            }
        }
    }
}
