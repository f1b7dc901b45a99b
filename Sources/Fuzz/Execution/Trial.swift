/// One input made ready for a target: the octets as the target's host makes them, and what
/// the reference server and the widest conforming reading do with them. `run` fires it and
/// judges what the server did.
///
/// Every conforming reading (`Oracle.acceptable`) is only worked out when neither of those two
/// admits the reaction: most inputs a server answers like one of them, and the full
/// enumeration costs a model run per combination of choices.
public struct Trial: Sendable {
    public let wire: ScriptWire
    public let layout: WireLayout
    /// The reference server's reaction (`OracleOptions.strict`).
    public let strict: ExpectedReaction
    /// The reading that reads furthest (`OracleOptions.widest`), when a choice matters here:
    /// it sends the most replies, so the tester waits for those before it ends the session.
    public let widest: ExpectedReaction?
    let host: String

    /// The oracle and the executor see the same octets: the `Host` field is the target's.
    public init(_ script: SessionScript, host: String) {
        self.host = host
        wire = script.wire(host: host)
        layout = WireLayout(wire)
        var options = OracleOptions.strict
        options.host = host
        strict = Oracle.expect(wire, options: options)
        let choices = layout.choices(host: host)
        let widest = choices.count > 1 ? Oracle.expect(wire, options: .widest(host: host)) : nil
        self.widest = widest == strict ? nil : widest
    }

    /// Every reaction RFC 6455 allows for these octets, the reference server's first.
    public var acceptable: [ExpectedReaction] { Oracle.acceptable(wire, layout: layout, host: host) }

    /// Fires the input, ending the session as `ScriptExecutor.finish` says, and judges it.
    public func run(_ executor: ScriptExecutor, transcript: Bool = false) -> (observation: Observation, judgement: Judgement) {
        let quick = [strict] + (widest.map { [$0] } ?? [])
        let observation = executor.run(
            wire, finish: ScriptExecutor.finish(for: layout, quick), awaitReplies: ScriptExecutor.repliesDue(quick),
            transcript: transcript)
        let judgement = Judgement.judge(quick, observation)
        guard case .finding = judgement else { return (observation, judgement) }
        return (observation, Judgement.judge(acceptable, observation))
    }
}
