import Wire

/// A rule broken by an input, and where: the first octet of the offending frame (or head),
/// and how many octets a server must have received to know.
public struct RuleBreak: Hashable, Sendable, CustomStringConvertible {
    public var rule: Rule
    /// What exactly, e.g. "reserved opcode reserved(0xB)".
    public var detail: String
    /// Absolute offset in the client's octets (handshake included) of the offending frame.
    public var frameOffset: Int
    /// Once the client has sent this many octets, the server has all it needs to fail: a
    /// deadline for the reaction (a server may fail earlier, e.g. on the first header octet).
    public var decidedAt: Int
    /// The script step whose octets hold `decidedAt - 1`, when there is one.
    public var step: Int?

    public var description: String { "\(rule.rawValue) (\(rule.section)) at octet \(frameOffset): \(detail)" }
}

/// How the session ends after the last octet, for a conforming echo server.
public enum Ending: Hashable, Sendable {
    /// Every octet was consumed at a frame boundary; the connection stays open.
    case open
    /// The octets end inside a head, a frame header or a payload: the server waits for more.
    case awaitingData
    /// The client's Close was answered with a Close carrying this code (nil: an empty body),
    /// then TCP was closed, RFC 6455 §5.5.1 and §7.1.1. Later octets are ignored.
    case closeEchoed(CloseCode?)
    /// The server must fail the connection, RFC 6455 §7.1.7.
    case failed(RuleBreak)
    /// The server must refuse the opening handshake with an HTTP error, RFC 6455 §4.2.1.
    case refused(RuleBreak)

    /// The rule of a failure, nil otherwise.
    var failedRule: Rule? {
        if case .failed(let rule) = self { return rule.rule }
        return nil
    }
}

/// What a conforming echo server does with a script's octets: the frames it sends back, in
/// order, and how the session ends. Computed by `Oracle`, compared by the fuzz engine.
public struct ExpectedReaction: Hashable, Sendable {
    /// Echoes (a whole message in one unmasked frame) and Pongs (the Ping's payload), in
    /// order, before the ending (RFC 6455 §5.5.2, §5.6).
    public var replies: [Frame]
    public var ending: Ending
    /// Set when the input uses something the oracle does not model (a compressed message that
    /// inflates past `DeflateReading.inflateCap`, an extension other than permessage-deflate);
    /// the reaction is then only known up to there.
    public var outOfScope: String?
    /// Reactions that conform besides those the ending names: the close codes of further
    /// rules the same frame breaks, a 505 for an HTTP version (RFC 9110 §15.6.6), a TCP drop
    /// for an unparsable head (RFC 9112 §2.2 says the 400 SHOULD be sent).
    public var alsoAdmitted: [ReactionClass] = []
    /// Set when, after `replies`, the server may go on in a way the oracle does not follow: it
    /// read leniently a compressed message RFC 7692 gives the receiver no rule for (one that
    /// does not end on a block boundary, or more after a block with BFINAL set) and inflates
    /// what follows its own way. The replies must agree with those sent, as far as both go (it
    /// may answer a Close before the last of them, RFC 6455 §5.5.1); whatever follows them, and
    /// any ending, conforms.
    public var openEnded = false

    public init(
        replies: [Frame], ending: Ending, outOfScope: String? = nil, alsoAdmitted: [ReactionClass] = [], openEnded: Bool = false
    ) {
        self.replies = replies
        self.ending = ending
        self.outOfScope = outOfScope
        self.alsoAdmitted = alsoAdmitted
        self.openEnded = openEnded
    }

    /// The broken rule, nil for a valid input.
    public var ruleBreak: RuleBreak? {
        switch ending {
        case .failed(let rule), .refused(let rule): return rule
        default: return nil
        }
    }

    /// True when the server must refuse the opening handshake.
    public var isRefusal: Bool {
        if case .refused = ending { return true }
        return false
    }

    /// True when the input breaks no rule.
    public var isValid: Bool { ruleBreak == nil }

    /// The reaction class a correct server shows.
    public var reactionClass: ReactionClass {
        switch ending {
        case .open, .awaitingData: return .echoed
        case .closeEchoed(let code): return .closed(code?.rawValue)
        case .failed(let rule): return .closed(rule.rule.closeCodes.first?.rawValue)
        case .refused(let rule): return .refused(rule.rule.expectedStatus ?? 400)
        }
    }

    /// Whether an observed reaction class conforms. The replies before it are compared
    /// separately (they must equal `replies`).
    ///
    /// A failure may use any allowed code or drop TCP (RFC 6455 §7.1.7); a refusal any 4xx
    /// status ("such as 400", §4.2.1); a Close echo the received code or 1000 (§5.5.1 says
    /// the code is "typically" echoed).
    public func admits(_ reaction: ReactionClass) -> Bool {
        if openEnded || alsoAdmitted.contains(reaction) { return true }
        switch (ending, reaction) {
        case (.open, .echoed), (.awaitingData, .echoed): return true
        case (.closeEchoed(let code), .closed(let observed)):
            return observed == code?.rawValue || observed == CloseCode.normalClosure.rawValue
        case (.failed(let rule), .closed(let observed)):
            return observed.map { code in rule.rule.closeCodes.contains { $0.rawValue == code } } ?? false
        case (.failed, .dropped): return true
        case (.refused, .refused(let status)): return (400..<500).contains(status)
        default: return false
        }
    }
}
