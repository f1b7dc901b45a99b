/// Which oracle recognised a finding.
public enum FindingOracle: String, Hashable, Sendable, CaseIterable, Codable {
    /// The reaction broke RFC 6455 for this input (echoed invalid data, closed a valid
    /// session, a wrong close code, …).
    case `protocol`
    /// A control exchange on a fresh connection failed afterwards: crash, hang, degradation.
    case liveness
    /// The launched server process exited or was killed by a signal.
    case process
}

/// The identity of a finding, for deduplication: the oracle, the rule the input broke (nil for
/// a valid input), and the class of the server's reaction. Two inputs with one signature are
/// one finding, however different their octets.
public struct FindingSignature: Hashable, Sendable, CustomStringConvertible, Codable {
    public var oracle: FindingOracle
    public var rule: Rule?
    public var reaction: ReactionClass
    /// True when no input could be named: the target stopped serving and never came back, so
    /// the finding holds every input that may have done it (`Finding.suspects`), each to be
    /// replayed. Written "unattributed" in place of the rule.
    public var unattributed = false

    /// `reaction` is kept in its grouped class (`ReactionClass.grouped`).
    public init(oracle: FindingOracle, rule: Rule?, reaction: ReactionClass) {
        self.oracle = oracle
        self.rule = rule
        self.reaction = reaction.grouped
    }

    /// The stable text form, "oracle/rule/reaction", e.g. "protocol/reserved-opcode/echoed" or
    /// "protocol/valid/closed-1002"; used as a file name stem and in reports.
    public var description: String {
        "\(oracle.rawValue)/\(unattributed ? Self.unattributedWord : rule?.rawValue ?? "valid")/\(reaction)"
    }

    static let unattributedWord = "unattributed"

    /// The signature of a loss of service no input could be named for.
    public static func unattributed(oracle: FindingOracle, reaction: ReactionClass) -> FindingSignature {
        var signature = FindingSignature(oracle: oracle, rule: nil, reaction: reaction)
        signature.unattributed = true
        return signature
    }

    /// Reads the text form back; nil when any part is unknown.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let oracle = FindingOracle(rawValue: parts[0]), let reaction = ReactionClass(name: parts[2]) else {
            return nil
        }
        if parts[1] == "valid" {
            rule = nil
        } else if parts[1] == Self.unattributedWord, oracle != .protocol {
            rule = nil
            unattributed = true
        } else if let rule = Rule(rawValue: parts[1]) {
            self.rule = rule
        } else {
            return nil
        }
        self.oracle = oracle
        self.reaction = reaction
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let signature = FindingSignature(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a finding signature: \(text.prefix(80))"))
        }
        self = signature
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
