/// `wsconform replay`: a saved finding run again against a target, to tell whether it is
/// still there.
public enum Replay {
    public enum Outcome: String, Sendable, Codable {
        /// The same signature again.
        case reproduced
        /// The server still misbehaves, but differently.
        case changed
        /// The server now reacts as RFC 6455 requires.
        case fixed
    }

    /// Replays `finding` on `executor`'s target; returns the outcome and what happened. For a
    /// liveness or process finding, the control exchange after the input decides.
    public static func run(_ finding: Finding, on executor: ScriptExecutor) -> (outcome: Outcome, note: String) {
        let script = finding.script
        let (observation, judgement) = Trial(script, host: executor.target.hostHeader).run(executor)
        switch finding.signature.oracle {
        case .liveness, .process:
            guard let failure = LivenessCheck.run(executor) else {
                if case .finding(let signature, _, let observed) = judgement { return (.changed, "\(signature): \(observed)") }
                return (.fixed, "the server kept serving after the input (\(observation.note))")
            }
            // Whether a dying server is seen as refusing (crashed) or resetting (hung) depends on
            // how far it got: from outside, any loss of service is the finding again.
            return (.reproduced, "the server no longer serves (\(failure.reaction)): \(failure.note)")
        case .protocol:
            switch judgement {
            case .finding(let signature, _, let observed):
                return signature == finding.signature ? (.reproduced, observed) : (.changed, "\(signature): \(observed)")
            case .conforming:
                return (.fixed, "the reaction conforms now (\(observation.note))")
            case .outOfScope(let why):
                return (.changed, "not judged: \(why)")
            }
        }
    }
}
