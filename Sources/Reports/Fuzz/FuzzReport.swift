import Foundation

/// Everything one fuzz campaign produced, in the shape every fuzz writer reads (JSON, HTML,
/// JUnit, Markdown): the campaign engine fills it in once, then each writer renders it. Plain
/// values, so the report module needs nothing from the fuzzer (docs/fuzz-report.schema.json).
public struct FuzzReport: Codable, Sendable {
    /// The version of this schema (docs/fuzz-report.schema.json); bumped on any incompatible change.
    public static let currentSchemaVersion = 1

    public var schemaVersion = FuzzReport.currentSchemaVersion
    public var tool = "wsconform"
    public var toolVersion: String
    /// UTC, ISO 8601.
    public var startedAt: String
    public var durationSeconds: Double
    /// The command line with secret header values redacted (`Redaction.redact(commandLine:)`,
    /// applied by `init` and again by every writer).
    public var commandLine: [String]
    /// The campaign's seed: the same seed gives the same inputs, octet for octet.
    public var seed: UInt64
    /// The slice of the campaign this run covered, "i/n" (`--shard`), or nil for all of it.
    public var shard: String?
    public var target: FuzzTarget
    /// True when the campaign was interrupted before its budget was spent.
    public var incomplete: Bool
    /// What the campaign was asked to spend.
    public var budget: FuzzBudget
    public var totals: FuzzTotals
    /// The findings re-run before fuzzing (`--replay`), or nil when none were.
    public var replay: FuzzReplay?
    /// Per mutator name: how many inputs it took part in and how many findings it led to.
    public var mutators: [String: FuzzMutatorUse]
    /// Per reaction class name ("echoed", "closed-1002", "dropped", "refused-400", "silent",
    /// "crashed", …): how many inputs drew it.
    public var reactions: [String: Int]
    /// One entry per unique finding (deduplicated by signature), in the order they were found.
    public var findings: [FuzzFinding]

    public init(
        toolVersion: String, startedAt: String, durationSeconds: Double, commandLine: [String], seed: UInt64, shard: String? = nil,
        target: FuzzTarget, incomplete: Bool, budget: FuzzBudget, totals: FuzzTotals, replay: FuzzReplay? = nil,
        mutators: [String: FuzzMutatorUse] = [:], reactions: [String: Int] = [:], findings: [FuzzFinding] = []
    ) {
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.commandLine = Redaction.redact(commandLine: commandLine)
        self.seed = seed
        self.shard = shard
        self.target = target
        self.incomplete = incomplete
        self.budget = budget
        self.totals = totals
        self.replay = replay
        self.mutators = mutators
        self.reactions = reactions
        self.findings = findings
    }

    /// Findings not already in the corpus's findings before this campaign.
    public var newFindings: [FuzzFinding] { findings.filter(\.isNew) }
}

/// The server a campaign was fired at.
public struct FuzzTarget: Codable, Sendable, Equatable {
    public var url: String
    /// The target's name in reports (`--agent`), if one was given.
    public var agent: String?
    /// What the target's opening handshake said, from one probe connection (RFC 6455 §4.2.2).
    public var facts: TargetFacts?

    public init(url: String, agent: String? = nil, facts: TargetFacts? = nil) {
        self.url = url
        self.agent = agent
        self.facts = facts
    }

    /// The name shown for the target: its agent, or else its URL.
    public var name: String { agent ?? url }
}

/// What a campaign was asked to spend: a number of inputs, a wall-clock duration, or both
/// (whichever runs out first ends it). Both nil means "until interrupted".
public struct FuzzBudget: Codable, Sendable, Equatable {
    /// `--inputs`.
    public var inputs: Int?
    /// `--duration`, in seconds.
    public var durationSeconds: Double?

    public init(inputs: Int? = nil, durationSeconds: Double? = nil) {
        self.inputs = inputs
        self.durationSeconds = durationSeconds
    }
}

extension FuzzBudget {
    /// "10000 inputs or 60 s, whichever comes first", one of them, or "until interrupted".
    var summary: String {
        let parts = [inputs.map { "\($0) inputs" }, durationSeconds.map { "\(String(format: "%g", $0)) s" }].compactMap { $0 }
        switch parts.count {
        case 0: return "until interrupted"
        case 1: return parts[0]
        default: return parts.joined(separator: " or ") + ", whichever comes first"
        }
    }
}

/// The campaign's counters.
public struct FuzzTotals: Codable, Sendable, Equatable {
    public var inputsRun: Int
    public var inputsPerSecond: Double
    /// Inputs the oracle judged valid RFC 6455 sessions (a conforming server echoes them).
    public var validInputs: Int
    /// Inputs that break a rule (a conforming server fails the connection or refuses them).
    public var invalidInputs: Int
    /// Control exchanges on fresh connections run by the liveness oracle.
    public var livenessChecks: Int
    /// Times the launched server was restarted after it exited (process oracle, `--exec`).
    public var restarts: Int
    public var corpusSizeAtStart: Int
    public var corpusSizeAtEnd: Int

    public init(
        inputsRun: Int, inputsPerSecond: Double, validInputs: Int, invalidInputs: Int, livenessChecks: Int = 0, restarts: Int = 0,
        corpusSizeAtStart: Int, corpusSizeAtEnd: Int
    ) {
        self.inputsRun = inputsRun
        self.inputsPerSecond = inputsPerSecond
        self.validInputs = validInputs
        self.invalidInputs = invalidInputs
        self.livenessChecks = livenessChecks
        self.restarts = restarts
        self.corpusSizeAtStart = corpusSizeAtStart
        self.corpusSizeAtEnd = corpusSizeAtEnd
    }
}

/// How much one mutator was used, so a report shows which mutations the campaign exercised
/// and which ones paid off.
public struct FuzzMutatorUse: Codable, Sendable, Equatable {
    /// Inputs it took part in (stacked with others or alone).
    public var inputs: Int
    /// Unique findings whose input it took part in.
    public var findings: Int

    public init(inputs: Int, findings: Int = 0) {
        self.inputs = inputs
        self.findings = findings
    }
}

extension FuzzReport {
    /// Reactions, most frequent first (ties by name), the order every writer shows them in.
    public var reactionsByCount: [(name: String, count: Int)] {
        reactions.map { (name: $0.key, count: $0.value) }.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
    }

    /// Mutators, most used first (ties by findings, then by name), the order every writer shows them in.
    public var mutatorsByUse: [(name: String, use: FuzzMutatorUse)] {
        mutators.map { (name: $0.key, use: $0.value) }.sorted {
            ($1.use.inputs, $1.use.findings, $0.name) < ($0.use.inputs, $0.use.findings, $1.name)
        }
    }
}
