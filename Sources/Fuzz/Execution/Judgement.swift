import Wire

/// The protocol oracle applied: does what a server did match any reaction RFC 6455 allows for
/// the input? If not, the finding's signature and its one-line account.
public enum Judgement: Hashable, Sendable {
    case conforming
    /// The input uses what the oracle does not model (a negotiated extension); not judged.
    case outOfScope(String)
    case finding(FindingSignature, expected: String, observed: String)

    public static func judge(_ acceptable: [ExpectedReaction], _ observation: Observation) -> Judgement {
        guard let strict = acceptable.first else { return .conforming }
        if let why = strict.outOfScope { return .outOfScope(why) }
        if let extensions = observation.extensions { return .outOfScope("the server negotiated \(extensions)") }
        let rule = strict.ruleBreak?.rule
        let expected = describe(strict)
        if let violation = observation.serverViolations.first {
            return .finding(
                FindingSignature(oracle: .protocol, rule: rule, reaction: .wrongReply), expected: expected,
                observed: "the server's frames break RFC 6455: \(violation)")
        }
        if acceptable.contains(where: { admits($0, observation) }) { return .conforming }
        let repliesFit = acceptable.contains { repliesMatch($0, observation.replies) }
        let reaction: ReactionClass = repliesFit ? observation.reaction : .wrongReply
        var observed = observation.note
        if !repliesFit {
            observed =
                "replied \(summary(observation.replies)) where \(summary(strict.replies.map { Observation.Reply(opcode: $0.opcode, payload: $0.payload) })) was due; \(observed)"
        }
        return .finding(FindingSignature(oracle: .protocol, rule: rule, reaction: reaction), expected: expected, observed: observed)
    }

    static func admits(_ expected: ExpectedReaction, _ observation: Observation) -> Bool {
        repliesMatch(expected, observation.replies) && expected.admits(observation.reaction)
    }

    /// A session that stays open gets exactly the expected replies. One the server fails or
    /// refuses may end before all of them went out (it stops writing the moment it decides,
    /// RFC 6455 §7.1.7), and one the client closes may end before the last echoes (after its
    /// Close the server sends no more data, §5.5.1): there a prefix is enough.
    static func repliesMatch(_ expected: ExpectedReaction, _ observed: [Observation.Reply]) -> Bool {
        let wanted = expected.replies.map { Observation.Reply(opcode: $0.opcode, payload: $0.payload) }
        switch expected.ending {
        case .failed, .refused, .closeEchoed: return observed.count <= wanted.count && Array(wanted.prefix(observed.count)) == observed
        default: return observed == wanted
        }
    }

    /// The oracle's expectation in one line.
    public static func describe(_ expected: ExpectedReaction) -> String {
        let replies =
            expected.replies.isEmpty
            ? "" : "replies \(summary(expected.replies.map { Observation.Reply(opcode: $0.opcode, payload: $0.payload) })), then "
        switch expected.ending {
        case .open: return replies + "stays open (valid input)"
        case .awaitingData: return replies + "waits for the rest of a frame (valid so far)"
        case .closeEchoed(let code): return replies + "answers the Close with \(code.map { "\($0.rawValue)" } ?? "an empty Close")"
        case .failed(let rule):
            let codes = rule.rule.closeCodes.map { String($0.rawValue) }.joined(separator: "/")
            return replies + "fails the connection (\(codes) or a TCP drop): \(rule)"
        case .refused(let rule): return "refuses the opening handshake (\(rule.rule.expectedStatus ?? 400)): \(rule)"
        }
    }

    static func summary(_ replies: [Observation.Reply]) -> String {
        replies.isEmpty ? "nothing" : replies.prefix(4).map(\.description).joined(separator: ", ") + (replies.count > 4 ? ", …" : "")
    }
}
