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
    /// True with `--strict`: SHOULD-level deviations (NON-STRICT, FAILED BY CLIENT) count as failures.
    public var strict: Bool
    /// The baseline file the run was compared with (`--baseline`), if any.
    public var baseline: String?
    public var targets: [TargetReport]

    public init(
        toolVersion: String, startedAt: String, durationSeconds: Double, commandLine: [String], seed: UInt64?, incomplete: Bool,
        strict: Bool = false, baseline: String? = nil, targets: [TargetReport]
    ) {
        self.strict = strict
        self.baseline = baseline
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
    /// What the target's opening handshake (and TLS) said, from one probe connection.
    public var facts: TargetFacts?
    /// What was measured of the target beside the verdicts (`Measurement`): reported, never a
    /// verdict, and not part of the exit code.
    public var measurements: [Measurement]
    public var totals: Totals
    /// The pre-launch checklist (`check`): nil when the run measured no posture.
    public var checklist: [ChecklistItem]?
    /// How the run compares with the baseline's waivers, when one was given.
    public var baseline: BaselineOutcome?
    /// The target wsconform launched (`--exec`): how it ended and its last output.
    public var launched: LaunchedProcess?
    public var cases: [CaseReport]

    public init(url: String, agent: String?, facts: TargetFacts? = nil, measurements: [Measurement] = [], cases: [CaseReport]) {
        self.url = url
        self.agent = agent
        self.facts = facts
        self.measurements = measurements
        self.cases = cases
        totals = Totals(cases)
        checklist = Checklist.build(self)
    }

    private enum CodingKeys: String, CodingKey {
        case url, agent, facts, measurements, totals, checklist, baseline, launched, cases
    }

    /// Decodes a report; one written before measurements existed (a baseline, an old report
    /// given to `diff`) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        agent = try container.decodeIfPresent(String.self, forKey: .agent)
        facts = try container.decodeIfPresent(TargetFacts.self, forKey: .facts)
        measurements = try container.decodeIfPresent([Measurement].self, forKey: .measurements) ?? []
        totals = try container.decode(Totals.self, forKey: .totals)
        checklist = try container.decodeIfPresent([ChecklistItem].self, forKey: .checklist)
        baseline = try container.decodeIfPresent(BaselineOutcome.self, forKey: .baseline)
        launched = try container.decodeIfPresent(LaunchedProcess.self, forKey: .launched)
        cases = try container.decode([CaseReport].self, forKey: .cases)
    }

    /// The name shown for the target: its agent, or else its URL.
    public var name: String { agent ?? url }
}

/// The target as its handshake described it: who answered, what it negotiated, and over which
/// TLS session. Not a verdict; it says what a result was measured against.
public struct TargetFacts: Codable, Sendable, Equatable {
    /// The response's `Server` field.
    public var server: String?
    /// The response's `Sec-WebSocket-Extensions` (RFC 6455 §9.1) for the default offer.
    public var extensions: String?
    /// The response's `Sec-WebSocket-Protocol` (RFC 6455 §1.9).
    public var subprotocol: String?
    public var tls: TLSFacts?
    /// Set when the probe connection could not complete its handshake.
    public var problem: String?

    public init(server: String? = nil, extensions: String? = nil, subprotocol: String? = nil, tls: TLSFacts? = nil, problem: String? = nil)
    {
        self.server = server
        self.extensions = extensions
        self.subprotocol = subprotocol
        self.tls = tls
        self.problem = problem
    }
}

/// The TLS session of a `wss://` target.
public struct TLSFacts: Codable, Sendable, Equatable {
    public var protocolVersion: String
    public var cipher: String
    public var alpn: String?
    public var certificateSubject: String?
    public var certificateNotAfter: String?

    public init(protocolVersion: String, cipher: String, alpn: String?, certificateSubject: String?, certificateNotAfter: String?) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.alpn = alpn
        self.certificateSubject = certificateSubject
        self.certificateNotAfter = certificateNotAfter
    }
}

/// A run against a baseline of waivers: which failures are new, which are known, and which
/// waivers no longer match a failure (the case passes now, so the waiver can go).
public struct BaselineOutcome: Codable, Sendable, Equatable {
    /// Cases that did not pass and have no waiver: these make the run fail.
    public var newFailures: [String]
    /// Cases that did not pass and are waived.
    public var waived: [String]
    /// Waived cases that passed in this run.
    public var fixed: [String]
    /// Waivers naming cases this run did not select or that do not exist.
    public var unmatched: [String]

    public init(newFailures: [String] = [], waived: [String] = [], fixed: [String] = [], unmatched: [String] = []) {
        self.newFailures = newFailures
        self.waived = waived
        self.fixed = fixed
        self.unmatched = unmatched
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

/// How many cases passed, failed, were waived by the baseline, or could not run. Passes that
/// deviate from a SHOULD (NON-STRICT, FAILED BY CLIENT) and passes where anything goes
/// (INFORMATIONAL) are counted apart, so "passed" never hides a server's deviations.
public struct Totals: Codable, Sendable, Equatable {
    public var cases: Int
    public var passed: Int
    /// Passed, every verdict OK.
    public var ok: Int
    /// Passed with a SHOULD-level deviation (not strict): NON-STRICT or FAILED BY CLIENT.
    public var nonStrict: Int
    /// Passed with an INFORMATIONAL or UNIMPLEMENTED verdict and no deviation.
    public var informational: Int
    /// Failures not covered by a waiver.
    public var failed: Int
    /// Failures covered by a baseline waiver.
    public var waived: Int
    public var errors: Int

    public init(_ cases: [CaseReport]) {
        self.cases = cases.count
        let passing = cases.filter { $0.passed }
        passed = passing.count
        nonStrict = passing.filter { $0.behaviour == "NON-STRICT" || $0.close == "FAILED BY CLIENT" }.count
        informational = passing.filter {
            !($0.behaviour == "NON-STRICT" || $0.close == "FAILED BY CLIENT") && ($0.behaviour != "OK" || $0.close != "OK")
        }.count
        ok = passed - nonStrict - informational
        errors = cases.filter { $0.error != nil }.count
        waived = cases.filter { !$0.passed && $0.error == nil && $0.waiver != nil }.count
        failed = self.cases - passed - errors - waived
    }

    private enum CodingKeys: String, CodingKey {
        case cases, passed, ok, nonStrict, informational, failed, waived, errors
    }

    /// Decodes totals; a report written before passes were split counts them all as OK.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cases = try container.decode(Int.self, forKey: .cases)
        passed = try container.decode(Int.self, forKey: .passed)
        nonStrict = try container.decodeIfPresent(Int.self, forKey: .nonStrict) ?? 0
        informational = try container.decodeIfPresent(Int.self, forKey: .informational) ?? 0
        ok = try container.decodeIfPresent(Int.self, forKey: .ok) ?? passed - nonStrict - informational
        failed = try container.decode(Int.self, forKey: .failed)
        waived = try container.decode(Int.self, forKey: .waived)
        errors = try container.decode(Int.self, forKey: .errors)
    }

    /// "321 passed (289 OK, 32 NON-STRICT), 6 failed": the passes split when any deviates.
    public var passedWords: String {
        var parts: [String] = []
        if nonStrict > 0 || informational > 0 {
            parts.append("\(ok) OK")
            if nonStrict > 0 { parts.append("\(nonStrict) NON-STRICT") }
            if informational > 0 { parts.append("\(informational) INFORMATIONAL") }
        }
        return "\(passed) passed" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }
}

extension RunReport {
    /// Each target's name (`TargetReport.name`), with " (2)", " (3)" appended to a name an
    /// earlier target already has, so that no target hides another where names are keys.
    public var distinctTargetNames: [String] {
        var names: [String] = []
        for target in targets {
            var name = target.name
            var copy = 2
            while names.contains(name) {
                name = "\(target.name) (\(copy))"
                copy += 1
            }
            names.append(name)
        }
        return names
    }
}
