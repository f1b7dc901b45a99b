import Wire

/// The protocol oracle applied: does what a server did match any reaction RFC 6455 allows for
/// the input? If not, the finding's signature and its one-line account.
public enum Judgement: Hashable, Sendable {
    case conforming
    /// The input uses what the oracle does not model (an extension other than
    /// permessage-deflate, a message inflating past the oracle's cap); not judged.
    case outOfScope(String)
    case finding(FindingSignature, expected: String, observed: String)

    public static func judge(_ acceptable: [ExpectedReaction], _ observation: Observation) -> Judgement {
        guard let strict = acceptable.first else { return .conforming }
        if let why = strict.outOfScope { return .outOfScope(why) }
        // A server that accepted the head is judged by a reading that accepts it too (a
        // larger head limit, say): its finding is about the frames, not the head.
        let reference = observation.status == 101 ? acceptable.first { !$0.isRefusal } ?? strict : strict
        let rule = reference.ruleBreak?.rule
        let expected = describe(reference)
        if let problem = observation.responseProblems.first {
            return .finding(
                FindingSignature(oracle: .protocol, rule: rule, reaction: .wrongReply), expected: expected,
                observed: "the server's 101 breaks RFC 6455 §4.1: \(problem)")
        }
        if let violation = observation.serverViolations.first {
            return .finding(
                FindingSignature(oracle: .protocol, rule: rule, reaction: .wrongReply), expected: expected,
                observed: "the server's frames break RFC 6455: \(violation)")
        }
        if acceptable.contains(where: { admits($0, observation) }) { return .conforming }
        if let divergence = handshakeDivergence(acceptable, observation) { return divergence }
        let repliesFit = acceptable.contains { repliesMatch($0, observation.replies) }
        let reaction: ReactionClass = repliesFit ? observation.reaction : .wrongReply
        var observed = observation.note
        if !repliesFit {
            observed =
                "replied \(summary(observation.replies)) where \(summary(strict.replies.map { Observation.Reply(opcode: $0.opcode, payload: $0.payload) })) was due; \(observed)"
        }
        return .finding(FindingSignature(oracle: .protocol, rule: rule, reaction: reaction), expected: expected, observed: observed)
    }

    /// A finding decided by the opening handshake alone, named by the head's rule whatever
    /// the frames after it: a server that accepted a head it had to refuse ("upgraded"), or
    /// refused one every conforming server accepts (the rule is then nil: "valid").
    static func handshakeDivergence(_ acceptable: [ExpectedReaction], _ observation: Observation) -> Judgement? {
        let refusals = acceptable.filter(\.isRefusal)
        if observation.status == 101, refusals.count == acceptable.count, let strict = acceptable.first {
            // Named by what is wrong with the head's content rather than its size, when both.
            let named = refusals.first { $0.ruleBreak?.rule != .handshakeTooLarge } ?? strict
            return .finding(
                FindingSignature(oracle: .protocol, rule: named.ruleBreak?.rule, reaction: .upgraded), expected: describe(named),
                observed: "the server accepted the handshake (101); \(observation.note)")
        }
        if case .refused = observation.reaction, refusals.isEmpty, let strict = acceptable.first {
            return .finding(
                FindingSignature(oracle: .protocol, rule: nil, reaction: observation.reaction),
                expected: "accepts the opening handshake (RFC 6455 §4.2.2), then " + describe(strict), observed: observation.note)
        }
        return nil
    }

    static func admits(_ expected: ExpectedReaction, _ observation: Observation) -> Bool {
        guard repliesMatch(expected, observation.replies) else { return false }
        return expected.admits(observation.reaction) || (observation.quietEndAfterFIN && expected.admits(.dropped))
    }

    /// A session that stays open gets exactly the expected replies. One the server fails or
    /// refuses may end before all of them went out (it stops writing the moment it decides,
    /// RFC 6455 §7.1.7), and one the client closes may end before the last echoes (after its
    /// Close the server sends no more data, §5.5.1): there a prefix is enough.
    ///
    /// Echoes and Pongs are compared as two sequences, each in order, not as one: a Pong goes
    /// out "as soon as is practical" (§5.5.2) from the protocol layer, while an echo waits for
    /// the application, so a Pong may overtake the echo of a message received before its Ping.
    static func repliesMatch(_ expected: ExpectedReaction, _ observed: [Observation.Reply]) -> Bool {
        let wanted = expected.replies.map { Observation.Reply(opcode: $0.opcode, payload: $0.payload) }
        let prefixIsEnough: Bool
        switch expected.ending {
        case .failed, .refused, .closeEchoed: prefixIsEnough = true
        default: prefixIsEnough = false
        }
        for pongs in [true, false] {
            let want = wanted.filter { ($0.opcode == .pong) == pongs }
            let got = observed.filter { ($0.opcode == .pong) == pongs }
            // Open-ended: the server may have read on past the replies due (more follow) or
            // stopped before the last of them (a Close answered first, §5.5.1).
            let common = min(got.count, want.count)
            let fits =
                expected.openEnded
                ? Array(got.prefix(common)) == Array(want.prefix(common))
                : prefixIsEnough ? got.count <= want.count && Array(want.prefix(got.count)) == got : got == want
            if !fits { return false }
        }
        return true
    }

    /// The oracle's expectation in one line.
    public static func describe(_ expected: ExpectedReaction) -> String {
        let replies =
            expected.replies.isEmpty
            ? "" : "replies \(summary(expected.replies.map { Observation.Reply(opcode: $0.opcode, payload: $0.payload) })), then "
        if expected.openEnded { return replies + "anything (it may read on past a message RFC 7692 leaves to the receiver)" }
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
