import Cases

/// One case's result with what it checks, ready to render.
public struct CaseReport: Codable, Sendable {
    public var id: String
    public var autobahn: String?
    public var category: String
    public var section: String
    /// The title of the catalogue section holding the case, e.g. "UTF-8 handling (RFC 6455 §8.1)",
    /// as the run that wrote the report named it: a report renders from its own data, never from
    /// the catalogue of whichever binary renders it. Nil in a report written before titles were
    /// recorded (decoding leaves the absent key nil), which then renders without them.
    public var sectionTitle: String?
    public var level: String
    public var rule: String
    /// The RFC sentence the level rests on, word for word, with where it stands ("RFC 6455
    /// §5.2: “…”"); nil for a case bounded to SHOULD or MAY without one, or in an older report.
    public var sentence: String?
    public var summary: String
    /// The case's opening handshake when it is not the standard request needing an upgrade.
    public var opening: OpeningReport?
    /// Verdicts on both axes, or nil with `error` when the case could not run.
    public var behaviour: String?
    public var close: String?
    public var error: String?
    /// Whether the case passed: verdicts OK or INFORMATIONAL, and NON-STRICT / FAILED BY CLIENT
    /// too unless the run was strict.
    public var passed: Bool
    /// The baseline's reason when this case did not pass and is a known, waived failure.
    public var waiver: String?
    public var durationMilliseconds: Int
    public var reasons: [String]
    public var firstDivergence: String?
    /// Each verdict pair seen when the case was run again to confirm it, with counts, when
    /// they differ: the verdict depends on timing (the first run's stands). Nil otherwise.
    public var verdictsSeen: [String]?
    /// The trace id of the W3C `traceparent` field its opening handshake carried (32 hex
    /// digits): what to search the target's logs and traces for. Nil when none was sent.
    public var traceId: String?
    /// Each acceptable outcome: its verdict and its events.
    public var expected: [ExpectedReport]
    public var observed: [String]
    public var closeFacts: CloseFactsReport
    public var divergenceFromAutobahn: DivergenceReport?
    public var transcript: [TranscriptEntry]

    public struct ExpectedReport: Codable, Sendable {
        public var verdict: String
        public var events: [String]
    }

    /// What the opening request was and which answers the case accepts (RFC 6455 §4).
    public struct OpeningReport: Codable, Sendable {
        public var request: String
        public var accepts: String
    }

    public struct DivergenceReport: Codable, Sendable {
        public var autobahnVerdict: String
        public var reason: String
    }

    public struct CloseFactsReport: Codable, Sendable {
        public var closedByTester: Bool
        public var droppedByTester: Bool
        public var wasClean: Bool
        public var remoteCode: UInt16?
        public var remoteReason: String?
        public var localCode: UInt16?
        public var notCleanReason: String?
    }

    /// The report of `result` for `testCase`; `strict` counts SHOULD-level deviations as failures.
    /// `sectionTitle` is the title of the case's section, given by whoever builds the report from
    /// the catalogue it ran, so that the report carries it.
    public init(_ testCase: TestCase, _ result: CaseResult, strict: Bool = false, sectionTitle: String? = nil) {
        id = testCase.id
        autobahn = testCase.autobahn
        category = testCase.category
        section = testCase.section
        self.sectionTitle = sectionTitle
        level = testCase.level.rawValue
        rule = testCase.rule
        sentence = testCase.sentence?.description
        summary = testCase.summary
        if testCase.opening != .standard {
            opening = OpeningReport(request: testCase.opening.requestDescription, accepts: testCase.opening.acceptsDescription)
        }
        switch result.outcome {
        case .judged(let behaviour, let close):
            self.behaviour = behaviour.rawValue
            self.close = close.rawValue
        case .error(let text):
            error = text
        }
        passed = result.passes(strict: strict)
        let duration = result.duration.components
        durationMilliseconds = Int(duration.seconds * 1000 + duration.attoseconds / 1_000_000_000_000_000)
        reasons = result.reasons
        firstDivergence = result.firstDivergence
        verdictsSeen = result.verdictsSeen.isEmpty ? nil : result.verdictsSeen
        traceId = result.traceID
        expected = testCase.expectation.outcomes.map {
            ExpectedReport(verdict: $0.verdict.rawValue, events: Self.eventDescriptions($0.events, \.description))
        }
        observed = Self.eventDescriptions(result.observed, omitted: result.observedOmitted, \.description)
        let facts = result.close
        closeFacts = CloseFactsReport(
            closedByTester: facts.closedByTester, droppedByTester: facts.droppedByTester, wasClean: facts.wasClean,
            remoteCode: facts.remoteCode, remoteReason: facts.remoteReason, localCode: facts.localCode,
            notCleanReason: facts.notCleanReason)
        divergenceFromAutobahn = testCase.divergence.map { DivergenceReport(autobahnVerdict: $0.autobahnVerdict, reason: $0.reason) }
        transcript = result.transcript
    }
}
