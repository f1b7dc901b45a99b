/// One input made ready for a target: the octets as the target's host makes them and every
/// reaction RFC 6455 allows for them. `run` fires it and judges what the server did.
public struct Trial: Sendable {
    public let wire: ScriptWire
    public let layout: WireLayout
    public let acceptable: [ExpectedReaction]

    /// The oracle and the executor see the same octets: the `Host` field is the target's.
    public init(_ script: SessionScript, host: String) {
        wire = script.wire(host: host)
        layout = WireLayout(wire)
        acceptable = Oracle.acceptable(wire, layout: layout, host: host)
    }

    /// The reference server's reaction (`OracleOptions.strict`).
    public var strict: ExpectedReaction? { acceptable.first }

    /// Fires the input, ending the session as `ScriptExecutor.finish` says, and judges it.
    public func run(_ executor: ScriptExecutor, transcript: Bool = false) -> (observation: Observation, judgement: Judgement) {
        let observation = executor.run(
            wire, finish: ScriptExecutor.finish(for: layout, acceptable), awaitReplies: ScriptExecutor.repliesDue(acceptable),
            transcript: transcript)
        return (observation, Judgement.judge(acceptable, observation))
    }
}
