import Cases
import Wire

/// The liveness oracle's control exchange: on a fresh connection, a valid text message and a
/// normal close must come back exactly within the deadline. A server that fails it after an
/// input crashed, hung or degraded.
public enum LivenessCheck {
    /// A text message; the tester closes once its echo is back: the smallest session every
    /// echo server must serve.
    public static let script: SessionScript = {
        var keys = SplitMix64(seed: 0x11FE)
        return SessionScript(
            steps: [.frame(.masked(.text, Array("wsconform liveness".utf8), using: &keys))], note: "liveness control exchange")
    }()

    /// nil when the server served the control exchange; else how it failed (`.crashed` when it
    /// refused the connection, `.hung` when it did not answer in time).
    public static func run(_ executor: ScriptExecutor) -> (reaction: ReactionClass, note: String)? {
        let (observation, judgement) = executor.trial(script).run(executor)
        if judgement == .conforming { return nil }
        switch observation.reaction {
        case .crashed: return (.crashed, observation.note)
        case .silent, .hung: return (.hung, observation.note)
        default: return (.hung, "the control exchange failed: \(observation.note)")
        }
    }
}
