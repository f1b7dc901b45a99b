import Platform

/// A target the fuzzer cannot restart (no `--exec`: staging, run by its own supervisor): after
/// it stops serving, the campaign waits a bounded time (`--restart-wait`) for the control
/// exchange to succeed again, as a supervisor restarts the process, then searches back and
/// minimises against the restarted target as it does with `--exec`.
public struct AwaitedRestart: TargetLifecycle {
    /// The target did not serve again within the wait.
    public struct NotBack: Error, CustomStringConvertible {
        public let wait: Duration
        public var description: String { "the target did not serve again within \(wait) (--restart-wait)" }
    }

    public let executor: ScriptExecutor
    public let wait: Duration
    /// Between two control exchanges while waiting.
    public var pollInterval: Duration = .milliseconds(250)

    public init(executor: ScriptExecutor, wait: Duration) {
        self.executor = executor
        self.wait = wait
    }

    /// The process is not seen from here: how the control exchange failed is all there is.
    public var observesProcess: Bool { false }

    public func exitStatus() -> (status: String, output: String)? { nil }

    /// Waits for the target to serve the control exchange again, up to `wait`.
    public func restart() throws {
        let deadline = ContinuousClock.now + wait
        while true {
            if LivenessCheck.run(executor) == nil { return }
            guard ContinuousClock.now + pollInterval < deadline else { throw NotBack(wait: wait) }
            Syscall.pause(pollInterval)
        }
    }
}
