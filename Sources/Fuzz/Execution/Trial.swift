import Wire

/// One input made ready for a target: the octets as the target's host makes them, and what
/// the reference server and the widest conforming reading do with them. `run` fires it and
/// judges what the server did.
///
/// Every conforming reading (`Oracle.acceptable`) is only worked out when neither of those two
/// admits the reaction: most inputs a server answers like one of them, and the full
/// enumeration costs a model run per combination of choices.
///
/// Whether permessage-deflate is on is the server's answer to the head's offer (RFC 7692 §5):
/// the trial is prepared under the reference server's answer, and a server that answers
/// otherwise is judged under its own answer — a compressed message is echoed under an
/// agreement, and must fail the connection without one (RFC 6455 §5.2).
public struct Trial: Sendable {
    public let wire: ScriptWire
    public let layout: WireLayout
    /// The reference server's reaction (`OracleOptions.strict`).
    public let strict: ExpectedReaction
    /// The reading that reads furthest (`OracleOptions.widest`), when a choice matters here:
    /// it sends the most replies, so the tester waits for those before it ends the session.
    public let widest: ExpectedReaction?
    let host: String
    /// The head's `Sec-WebSocket-Extensions` values: the offer the server answers.
    let offer: [String]

    /// The `traceparent` field the head carries, if any (`SessionScript.wire(host:traceParent:)`).
    public let traceParent: TraceParent?

    /// The oracle and the executor see the same octets: the `Host` field is the target's, and
    /// the `traceparent` field, when there is one, is judged as part of the head.
    public init(_ script: SessionScript, host: String, traceParent: TraceParent? = nil) {
        // A head that names its own field is sent as written: no trace id of ours is in it.
        let carried = script.namesTraceParent ? nil : traceParent
        self.init(wire: script.wire(host: host, traceParent: carried), host: host, deflate: .asOffered, traceParent: carried)
    }

    /// The trial of `wire` under a permessage-deflate reading.
    init(wire: ScriptWire, host: String, deflate: DeflateReading, traceParent: TraceParent? = nil) {
        self.host = host
        self.traceParent = traceParent
        self.wire = wire
        layout = WireLayout(wire, deflate: deflate)
        var parser = HTTPHeadParser(maxSize: OracleOptions.unlimitedHandshake)
        if case .complete(let head, _) = parser.feed(wire.handshake) {
            offer = head.fields.values("Sec-WebSocket-Extensions")
        } else {
            offer = []
        }
        var options = OracleOptions.strict
        options.host = host
        options.deflate = deflate
        strict = Oracle.expect(wire, options: options)
        let choices = layout.choices(host: host)
        var wide = OracleOptions.widest(host: host)
        wide.deflate = deflate
        let widest = choices.count > 1 ? Oracle.expect(wire, options: wide) : nil
        self.widest = widest == strict ? nil : widest
    }

    /// Every reaction RFC 6455 allows for these octets, the reference server's first.
    public var acceptable: [ExpectedReaction] { Oracle.acceptable(wire, layout: layout, host: host) }

    /// The reference server's and the widest reading's reactions: the quick check.
    private var quick: [ExpectedReaction] { [strict] + (widest.map { [$0] } ?? []) }

    /// Fires the input, ending the session as `ScriptExecutor.finish` says, and judges it.
    public func run(_ executor: ScriptExecutor, transcript: Bool = false) -> (observation: Observation, judgement: Judgement) {
        let due = ScriptExecutor.repliesDue(quick)
        var observation = executor.run(
            wire, finish: ScriptExecutor.finish(for: layout, quick),
            repliesDue: { answer in
                guard let trial = under(answer) else { return due }
                return ScriptExecutor.repliesDue(trial.quick)
            }, transcript: transcript)
        observation.traceID = traceParent?.traceIDHex
        guard observation.status == 101 else { return (observation, judged(observation)) }
        switch ExtensionAnswer.read(offer: offer, answer: observation.extensions) {
        case .unmodelled(let why):
            return (observation, .outOfScope(why))
        case .broken(let why) where !strict.isRefusal:
            let signature = FindingSignature(oracle: .protocol, rule: strict.ruleBreak?.rule, reaction: .brokenExtensionAnswer)
            return (observation, .finding(signature, expected: "an extension answer the offer allows (\(offerText))", observed: why))
        default:
            return (observation, (under(observation.extensions) ?? self).judged(observation))
        }
    }

    /// Judges an observation: the quick readings first, every conforming one if they disagree.
    private func judged(_ observation: Observation) -> Judgement {
        let judgement = Judgement.judge(quick, observation)
        guard case .finding = judgement else { return judgement }
        return Judgement.judge(acceptable, observation)
    }

    /// This input under the agreement `answer` makes, when that is not the one it was
    /// prepared under; nil when it is (or the answer is not one the oracle reads).
    private func under(_ answer: String?) -> Trial? {
        let reading: DeflateReading
        switch ExtensionAnswer.read(offer: offer, answer: answer) {
        case .none: reading = .declined
        case .permessageDeflate(let parameters): reading = .agreed(parameters)
        case .broken, .unmodelled: return nil
        }
        // An agreement the server inflates under as under the prepared one gives the same
        // expectations (the server's own window, say, changes nothing the oracle reads).
        guard layout.headLength != nil, !DeflateReading.inflatesAlike(reading.agreement(offers: offer), layout.agreement) else {
            return nil
        }
        return Trial(wire: wire, host: host, deflate: reading, traceParent: traceParent)
    }

    private var offerText: String { offer.isEmpty ? "none was offered" : "offered: \(offer.joined(separator: ", "))" }
}
