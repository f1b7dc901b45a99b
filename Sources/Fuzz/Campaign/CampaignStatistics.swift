import Synchronization

/// What a campaign counted, shared by its worker threads.
public struct CampaignStatistics: Sendable {
    public var inputsRun: UInt64 = 0
    public var validInputs: UInt64 = 0
    public var outOfScope: UInt64 = 0
    public var livenessChecks: UInt64 = 0
    public var restarts: UInt64 = 0
    /// Inputs not sent because they break a rule that already took the server down.
    public var suppressed: UInt64 = 0
    /// Liveness failures that no recent input reproduced on a restarted server.
    public var unreproducedIncidents: UInt64 = 0
    /// Inputs each mutator took part in.
    public var mutatorInputs: [String: UInt64] = [:]
    /// Findings each mutator took part in.
    public var mutatorFindings: [String: UInt64] = [:]
    /// Inputs per observed reaction class.
    public var reactions: [String: UInt64] = [:]
    public var corpusAtStart = 0
    public var corpusAtEnd = 0

    public init() {}

    mutating func count(_ input: GeneratedInput, valid: Bool, reaction: ReactionClass, outOfScope: Bool) {
        inputsRun += 1
        if valid { validInputs += 1 }
        if outOfScope { self.outOfScope += 1 }
        for name in input.mutators { mutatorInputs[name, default: 0] += 1 }
        reactions[reaction.description, default: 0] += 1
    }
}
