import Cases

/// One unique finding as a report shows it: its signature, the RFC rule it concerns, what a
/// conforming server does against what this one did, how far it was minimised, the minimised
/// script itself, and the one command that shows it again.
public struct FuzzFinding: Codable, Sendable, Equatable {
    /// "oracle/rule/reaction", e.g. "protocol/reserved-opcode/echoed" ("valid" stands for the
    /// rule of a valid input): the deduplication key, built from the three parts.
    public var signature: String
    /// Which oracle recognised it: "protocol", "liveness" or "process".
    public var oracle: String
    /// The rule the input broke (e.g. "reserved-opcode"), or nil for a valid input.
    public var rule: String?
    /// The class of the server's reaction: "echoed", "closed-1002", "dropped", "crashed", …
    public var reaction: String
    /// False when the same signature was already among the saved findings before this campaign.
    public var isNew: Bool
    /// Where the rule is stated, e.g. "RFC 6455 §5.2", when known.
    public var ruleSection: String?
    /// The RFC's sentence for the rule, when known.
    public var ruleSentence: String?
    /// What a conforming server does with the input, in one line (the oracle's words).
    public var expected: String
    /// What this server did, in one line. Server output: hostile text.
    public var observed: String
    /// Steps of the input as found, and after minimisation.
    public var stepsBefore: Int
    public var stepsAfter: Int
    /// The mutators stacked on the input that found it, in the order applied.
    public var mutators: [String]
    /// The minimised session script, already serialised as JSON.
    public var script: String
    /// Where the finding was saved (`corpus/findings/…`).
    public var path: String
    /// The one-line command that reproduces it, e.g. `wsconform replay PATH URL`.
    public var reproduction: String
    /// The tail of the launched server's stderr when it exited (process oracle), if any.
    public var processOutput: String?
    /// The wire transcript of the minimised input's confirming run (both directions, hex).
    public var transcript: [TranscriptEntry]?
    /// The trace id (32 hex digits) of the W3C `traceparent` field the confirming run's head
    /// carried: the key to that connection in the target's logs. Nil with `--no-traceparent`.
    public var traceId: String?

    public init(
        oracle: String, rule: String?, reaction: String, isNew: Bool, ruleSection: String? = nil, ruleSentence: String? = nil,
        expected: String, observed: String, stepsBefore: Int, stepsAfter: Int, mutators: [String] = [], script: String, path: String,
        reproduction: String, processOutput: String? = nil, transcript: [TranscriptEntry]? = nil, traceId: String? = nil
    ) {
        signature = "\(oracle)/\(rule ?? "valid")/\(reaction)"
        self.oracle = oracle
        self.rule = rule
        self.reaction = reaction
        self.isNew = isNew
        self.ruleSection = ruleSection
        self.ruleSentence = ruleSentence
        self.expected = expected
        self.observed = observed
        self.stepsBefore = stepsBefore
        self.stepsAfter = stepsAfter
        self.mutators = mutators
        self.script = script
        self.path = path
        self.reproduction = reproduction
        self.processOutput = processOutput
        self.transcript = transcript
        self.traceId = traceId
    }

    /// "rule (RFC 6455 §5.2)", the rule alone, or "valid input" when no rule was broken.
    public var ruleTitle: String {
        guard let rule else { return "valid input" }
        return ruleSection.map { "\(rule) (\($0))" } ?? rule
    }
}
