import Cases

/// Everything one run produced, in the shape every writer reads (JSON, HTML, JUnit, Markdown):
/// the report is built once, then each writer renders it. Values only; no I/O.
public struct RunReport: Codable, Sendable {
    /// The version of this schema (docs/report.schema.json); bumped on any incompatible change.
    public static let currentSchemaVersion = 1

    public var schemaVersion = RunReport.currentSchemaVersion
    public var tool = "wsconform"
    public var toolVersion: String
    /// UTC, ISO 8601.
    public var startedAt: String
    public var durationSeconds: Double
    /// The command line with secret header values redacted.
    public var commandLine: [String]
    public var seed: UInt64?
    /// True when the run was interrupted and holds only the cases that finished.
    public var incomplete: Bool
    public var targets: [TargetReport]

    public init(
        toolVersion: String, startedAt: String, durationSeconds: Double, commandLine: [String], seed: UInt64?, incomplete: Bool,
        targets: [TargetReport]
    ) {
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.commandLine = commandLine
        self.seed = seed
        self.incomplete = incomplete
        self.targets = targets
    }
}

/// One target's results.
public struct TargetReport: Codable, Sendable {
    public var url: String
    public var agent: String?
    public var totals: Totals
    public var cases: [CaseReport]

    public init(url: String, agent: String?, cases: [CaseReport]) {
        self.url = url
        self.agent = agent
        self.cases = cases
        totals = Totals(cases)
    }
}

extension TargetReport {
    /// The cases grouped by category, categories in catalogue order (every writer shows them so).
    public var casesByCategory: [(category: String, cases: [CaseReport])] {
        var order: [String] = []
        var groups: [String: [CaseReport]] = [:]
        for item in cases {
            if groups[item.category] == nil { order.append(item.category) }
            groups[item.category, default: []].append(item)
        }
        return order.map { ($0, groups[$0]!) }
    }
}

/// How many cases passed, failed, or could not run.
public struct Totals: Codable, Sendable, Equatable {
    public var cases: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int

    public init(_ cases: [CaseReport]) {
        self.cases = cases.count
        passed = cases.filter { $0.passed }.count
        errors = cases.filter { $0.error != nil }.count
        failed = self.cases - passed - errors
    }
}

/// One case's result with what it checks, ready to render.
public struct CaseReport: Codable, Sendable {
    public var id: String
    public var autobahn: String?
    public var category: String
    public var section: String
    public var level: String
    public var rule: String
    public var summary: String
    /// Verdicts on both axes, or nil with `error` when the case could not run.
    public var behaviour: String?
    public var close: String?
    public var error: String?
    public var passed: Bool
    public var durationMilliseconds: Int
    public var reasons: [String]
    public var firstDivergence: String?
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

    /// The report of `result` for `testCase`.
    public init(_ testCase: TestCase, _ result: CaseResult) {
        id = testCase.id
        autobahn = testCase.autobahn
        category = testCase.category
        section = testCase.section
        level = testCase.level.rawValue
        rule = testCase.rule
        summary = testCase.summary
        switch result.outcome {
        case .judged(let behaviour, let close):
            self.behaviour = behaviour.rawValue
            self.close = close.rawValue
        case .error(let text):
            error = text
        }
        passed = result.passes()
        let duration = result.duration.components
        durationMilliseconds = Int(duration.seconds * 1000 + duration.attoseconds / 1_000_000_000_000_000)
        reasons = result.reasons
        firstDivergence = result.firstDivergence
        expected = testCase.expectation.outcomes.map { ExpectedReport(verdict: $0.verdict.rawValue, events: $0.events.map(\.description)) }
        observed = result.observed.map(\.description)
        let facts = result.close
        closeFacts = CloseFactsReport(
            closedByTester: facts.closedByTester, droppedByTester: facts.droppedByTester, wasClean: facts.wasClean,
            remoteCode: facts.remoteCode, remoteReason: facts.remoteReason, localCode: facts.localCode,
            notCleanReason: facts.notCleanReason)
        divergenceFromAutobahn = testCase.divergence.map { DivergenceReport(autobahnVerdict: $0.autobahnVerdict, reason: $0.reason) }
        transcript = result.transcript
    }
}
