import Cases
import Platform
import Synchronization

/// Whether the target is still there, judged from the cases as they finish: a run whose target
/// stops accepting connections mid-run stops within seconds, its remaining cases marked not
/// run with the reason, instead of failing each one after its own timeout. Several cases in a
/// row that cannot reach the target hold every worker while one checks it again, a bounded
/// number of times a second apart: a target restarted by its supervisor is picked up, and the
/// cases it missed run again (`CatalogueRunner`).
public final class TargetHealth: Sendable {
    /// Cases in a row that could not reach the target before the run checks it.
    public static let threshold = 6
    /// Checks before the target counts as gone, a second apart.
    public static let attempts = 5

    private struct State {
        var unreachableInARow = 0
        var stalledInARow = 0
        var checking = false
        var gone: String?
        var recovered = false
    }

    private let state = Mutex(State())
    /// Nil when the target answers, else why not (`TargetProbe.sanity`).
    private let check: @Sendable () -> String?
    private let pauseBetweenChecks: Duration

    public init(pauseBetweenChecks: Duration = .seconds(1), check: @escaping @Sendable () -> String?) {
        self.check = check
        self.pauseBetweenChecks = pauseBetweenChecks
    }

    /// Why the target counts as gone; nil while it does not.
    public var gone: String? { state.withLock { $0.gone } }
    /// True once the target stopped answering and came back: every case that did not pass
    /// may have met the outage, so it runs again.
    public var recovered: Bool { state.withLock { $0.recovered } }

    /// True for a result that says the target could not be reached at all (no connection, or
    /// no answer to the opening request), rather than anything about a rule.
    public static func lostTarget(_ result: CaseResult) -> Bool {
        guard case .error(let text) = result.outcome else { return false }
        return text.hasPrefix("connect:") || text.hasPrefix("opening handshake never completed")
            || text.hasPrefix("opening handshake: the server closed during the request")
    }

    /// True for a result whose writes stalled: the server stopped reading what the case sent.
    public static func stalled(_ result: CaseResult) -> Bool {
        guard case .error(let text) = result.outcome else { return false }
        return text.hasPrefix("write timed out")
    }

    /// Counts a finished case. Cases in a row whose writes stalled end the run: a server that
    /// stops reading still echoes a fresh connection's first message, so checking it again
    /// would not tell, and each such case waits out its whole write deadline.
    public func record(_ result: CaseResult) {
        let lost = Self.lostTarget(result)
        let stalled = Self.stalled(result)
        state.withLock { state in
            state.unreachableInARow = lost ? state.unreachableInARow + 1 : 0
            state.stalledInARow = stalled ? state.stalledInARow + 1 : 0
            if state.stalledInARow >= Self.threshold, state.gone == nil {
                state.gone = "the target stopped reading: \(state.stalledInARow) cases in a row could not finish their writes"
            }
        }
    }

    /// Called before a case starts: false once the target is gone. While it is being checked,
    /// every caller waits for the answer.
    public func admit() -> Bool {
        enum Step { case go, stop, wait, check }
        while true {
            let step = state.withLock { state -> Step in
                if state.gone != nil { return .stop }
                if state.unreachableInARow < Self.threshold { return .go }
                if state.checking { return .wait }
                state.checking = true
                return .check
            }
            switch step {
            case .go: return true
            case .stop: return false
            case .wait: Syscall.pause(.milliseconds(20))
            case .check:
                var why = check()
                var attempt = 1
                while why != nil, attempt < Self.attempts {
                    Syscall.pause(pauseBetweenChecks)
                    why = check()
                    attempt += 1
                }
                state.withLock { state in
                    state.checking = false
                    if let why {
                        state.gone = "the target stopped answering (checked \(attempt) times): \(why)"
                    } else {
                        state.unreachableInARow = 0
                        state.recovered = true
                    }
                }
            }
        }
    }
}
