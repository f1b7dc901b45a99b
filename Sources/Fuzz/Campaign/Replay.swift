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

    /// What one replay showed.
    public struct Result: Sendable {
        public var outcome: Outcome
        /// What happened, in one line.
        public var note: String
        /// The trace id of the `traceparent` field the replayed input's head carried: the key to
        /// this replay in the target's logs (nil with `--no-traceparent`, or for a walk of
        /// suspects, whose inputs each carry their own).
        public var traceId: String?
    }

    /// Replays `finding` on `executor`'s target; returns the outcome and what happened. For a
    /// liveness or process finding, the control exchange after the input decides.
    public static func run(_ finding: Finding, on executor: ScriptExecutor) -> Result {
        if let suspects = finding.suspects, !suspects.isEmpty, finding.signature.oracle != .protocol {
            let (outcome, note) = walk(suspects, on: executor)
            return Result(outcome: outcome, note: note)
        }
        let (observation, judgement) = executor.trial(finding.script).run(executor)
        let (outcome, note) = judged(finding, observation, judgement, on: executor)
        return Result(outcome: outcome, note: note, traceId: observation.traceID)
    }

    /// The outcome of a replay of `finding` that drew `observation`.
    private static func judged(_ finding: Finding, _ observation: Observation, _ judgement: Judgement, on executor: ScriptExecutor)
        -> (outcome: Outcome, note: String)
    {
        let script = finding.script
        switch finding.signature.oracle {
        case .liveness, .process:
            guard let failure = LivenessCheck.run(executor) else {
                if case .finding(let signature, _, let observed) = judgement { return (.changed, "\(signature): \(observed)") }
                return (.fixed, "the server kept serving after the input (\(observation.note))")
            }
            // Whether a dying server is seen as refusing (crashed) or resetting (hung) depends on
            // how far it got: from outside, any loss of service is the finding again.
            return (
                .reproduced,
                "after the input (a conforming server \(Judgement.describe(Oracle.expect(script)))) the server no longer serves (\(failure.reaction)): \(failure.note)"
            )
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

    /// A note when some of `findings` were saved from runs that sent a traceparent field and
    /// are now replayed without one, or the other way round: their heads differ by that field
    /// (about 70 octets), which can move a minimised finding near a size limit. Nil when every
    /// finding is replayed as it was found.
    public static func traceparentNote(_ findings: [Finding], traceparent: Bool) -> String? {
        let differing = findings.filter { ($0.traceId != nil) != traceparent }.count
        guard differing > 0 else { return nil }
        let how = traceparent ? "without a traceparent field, replayed with one" : "with a traceparent field, replayed without one"
        let flag = traceparent ? "--no-traceparent replays them as found" : "leave out --no-traceparent to replay them as found"
        return "\(differing) finding(s) were found \(how): the head differs by that field (about 70 octets); \(flag)"
    }

    /// An unattributed loss of service: each suspect alone, oldest first, with a control
    /// exchange after it; the first after which the target no longer serves is named. If none
    /// does alone, all of them in order, then the control exchange. Only a finding whose every
    /// suspect ran, alone and together, with the target serving after each, is fixed.
    static func walk(_ suspects: [Finding.Suspect], on executor: ScriptExecutor) -> (outcome: Outcome, note: String) {
        for (position, suspect) in suspects.enumerated() {
            _ = executor.trial(suspect.script).run(executor)
            if let failure = LivenessCheck.run(executor) {
                return (.reproduced, "\(describe(suspect, position, of: suspects.count)) takes the target down (\(failure.reaction)): \(failure.note)")
            }
        }
        for suspect in suspects { _ = executor.trial(suspect.script).run(executor) }
        if let failure = LivenessCheck.run(executor) {
            return (.reproduced, "the \(suspects.count) suspects in order, none alone, take the target down (\(failure.reaction)): \(failure.note)")
        }
        return (.fixed, "the server kept serving after each of the \(suspects.count) suspects, alone and in order")
    }

    /// "suspect 3 of 12 (input 418): fails the connection (1002 or a TCP drop): …", naming what
    /// the input breaks in the oracle's words.
    public static func describe(_ suspect: Finding.Suspect, _ position: Int, of count: Int) -> String {
        "suspect \(position + 1) of \(count) (input \(suspect.inputIndex)): a conforming server \(Judgement.describe(Oracle.expect(suspect.script)))"
    }
}
